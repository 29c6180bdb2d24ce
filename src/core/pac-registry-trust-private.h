/* pac-registry-trust-private.h: what the registry trust files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-guest-client.h"
#include "pac-registry-trust.h"

G_BEGIN_DECLS

#define CLUSTER_LIST "spec.settings.network.trust.additionalTrustedCAs"
#define GLOBAL_LIST "spec.trust.additionalTrustedCAs"
#define GLOBAL_PATH                                                                                \
  "/apis/run.tanzu.vmware.com/%s/tkgserviceconfigurations/tkg-service-configuration"
#define CLUSTER_PATH "/apis/run.tanzu.vmware.com/%s/namespaces/%s/tanzukubernetesclusters/%s"

struct _PacRegistryTrust
{
  GObject parent_instance;
  PacSupervisorClient *supervisor;
  char *cluster_version; /* v1alpha2 or v1alpha3, or NULL: no per-cluster trust */
  char *global_version;  /* TkgServiceConfiguration with spec.trust, or NULL */
  char *image;
};

typedef void (*PacRegistryStep) (GTask *task);

/* One operation's state, the GTask's data */
typedef struct
{
  PacRegistryRoute route;
  PacRegistryCa *ca; /* adding */
  char *remove;      /* or removing */
  char *namespace;
  char *cluster;
  char *path;       /* the Supervisor object of the trust list */
  const char *list; /* where its list is */
  guint conflicts;  /* 409s answered to its patch so far */
  PacGuestClient *guest;
  guint minor;
  char *image;
  JsonObject *secret; /* the DaemonSet route's, as it is */
  GPtrArray *entries; /* status */
  JsonArray *nodes;
  JsonObject *cluster_object;
  JsonObject *global_object;
  JsonObject *daemon_set;
  PacRegistryStep after_guest; /* what runs once the guest is open */
} PacRegistryOp;

void pac_registry_op_free (PacRegistryOp *op);
PacConnection *pac_registry_op_connection (GTask *task);
void pac_registry_op_open_guest (GTask *task, PacRegistryStep next);
JsonObject *pac_registry_reference (const char *api_version, const char *kind, const char *name);

G_END_DECLS
