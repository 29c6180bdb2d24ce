/* sim-tkc.h: TanzuKubernetesCluster in the simulator: its served
 * versions and their conversion, its admission rules and its life cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored form: one shape for every served version, the v1alpha3 tree
 * (v1alpha2 plus nodePools[].failureDomain) with status.vmStatus and
 * status.nodeStatus kept for v1alpha1 readers. Every read converts it to
 * the version asked for (sim_kind_present), every write back.
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

#define SIM_TKC_STORAGE_KEY "run.tanzu.vmware.com/tanzukubernetesclusters"
#define SIM_TKC_FINALIZER "tanzukubernetescluster.run.tanzu.vmware.com"

void sim_tkc_register (SimServer *self);
gboolean sim_tkc_is_v1alpha1 (const SimKind *kind);
const char *sim_tkc_endpoint_host (JsonObject *cluster);

/* Admission (sim-tkc-validate.c): defaults, then the rules */
void sim_tkc_validate (SimServer *server,
                       const SimKind *kind,
                       JsonObject *object,
                       JsonObject *old,
                       GPtrArray *causes);
char *sim_tkc_release_version (const char *release_name);
char *sim_tkc_updates_available (SimStore *store, const char *release_name);

/* Life cycle (sim-tkc-controller.c) */
typedef struct _SimTkcController SimTkcController;

SimTkcController *sim_tkc_controller_new (SimServer *server, double cluster_seconds);
void sim_tkc_controller_free (SimTkcController *self);
gboolean sim_tkc_controller_fail (SimTkcController *self,
                                  const char *namespace,
                                  const char *name,
                                  const char *message);
void sim_tkc_make_running (SimServer *server, JsonObject *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTkcController, sim_tkc_controller_free)

G_END_DECLS
