/* pac-cluster-spec.h: what a TanzuKubernetesCluster should be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pac-node-pool.h"
#include "pac-problem.h"

G_BEGIN_DECLS

typedef enum
{
  PAC_TKC_V1ALPHA1, /* vSphere 7.0 U1/U2 */
  PAC_TKC_V1ALPHA2, /* vSphere 7.0 U3 */
  PAC_TKC_V1ALPHA3, /* vSphere 8 */
} PacTkcApi;

const char *pac_tkc_api_to_string (PacTkcApi api);
gboolean pac_tkc_api_from_string (const char *api_version, PacTkcApi *api);

/* A CA that every node trusts: a name (used as a file name) and its PEM */
typedef struct
{
  char *name;
  char *pem;
} PacTrustedCa;

#define PAC_TYPE_TRUSTED_CA (pac_trusted_ca_get_type ())
GType pac_trusted_ca_get_type (void) G_GNUC_CONST;
PacTrustedCa *pac_trusted_ca_new (const char *name, const char *pem);
PacTrustedCa *pac_trusted_ca_copy (const PacTrustedCa *ca);
void pac_trusted_ca_free (PacTrustedCa *ca);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacTrustedCa, pac_trusted_ca_free)

#define PAC_TYPE_CLUSTER_SPEC (pac_cluster_spec_get_type ())

G_DECLARE_FINAL_TYPE (PacClusterSpec, pac_cluster_spec, PAC, CLUSTER_SPEC, GObject)

PacClusterSpec *pac_cluster_spec_new (const char *name, const char *namespace, PacTkcApi api);
const char *pac_cluster_spec_get_name (PacClusterSpec *self);
void pac_cluster_spec_set_name (PacClusterSpec *self, const char *name);
const char *pac_cluster_spec_get_namespace (PacClusterSpec *self);
void pac_cluster_spec_set_namespace (PacClusterSpec *self, const char *namespace);
PacTkcApi pac_cluster_spec_get_api (PacClusterSpec *self);
void pac_cluster_spec_set_api (PacClusterSpec *self, PacTkcApi api);

guint pac_cluster_spec_get_control_plane_replicas (PacClusterSpec *self);
void pac_cluster_spec_set_control_plane_replicas (PacClusterSpec *self, guint replicas);
const char *pac_cluster_spec_get_control_plane_vm_class (PacClusterSpec *self);
void pac_cluster_spec_set_control_plane_vm_class (PacClusterSpec *self, const char *vm_class);
const char *pac_cluster_spec_get_control_plane_storage_class (PacClusterSpec *self);
void pac_cluster_spec_set_control_plane_storage_class (PacClusterSpec *self,
                                                       const char *storage_class);
GListStore *pac_cluster_spec_get_node_pools (PacClusterSpec *self);

const char *pac_cluster_spec_get_tkr (PacClusterSpec *self);
void pac_cluster_spec_set_tkr (PacClusterSpec *self, const char *tkr);
const char *pac_cluster_spec_get_cni (PacClusterSpec *self);
void pac_cluster_spec_set_cni (PacClusterSpec *self, const char *cni);
const char *const *pac_cluster_spec_get_pod_cidrs (PacClusterSpec *self);
void pac_cluster_spec_set_pod_cidrs (PacClusterSpec *self, const char *const *cidrs);
const char *const *pac_cluster_spec_get_service_cidrs (PacClusterSpec *self);
void pac_cluster_spec_set_service_cidrs (PacClusterSpec *self, const char *const *cidrs);
const char *pac_cluster_spec_get_service_domain (PacClusterSpec *self);
void pac_cluster_spec_set_service_domain (PacClusterSpec *self, const char *domain);

const char *pac_cluster_spec_get_http_proxy (PacClusterSpec *self);
const char *pac_cluster_spec_get_https_proxy (PacClusterSpec *self);
const char *const *pac_cluster_spec_get_no_proxy (PacClusterSpec *self);
void pac_cluster_spec_set_proxy (PacClusterSpec *self,
                                 const char *http_proxy,
                                 const char *https_proxy,
                                 const char *const *no_proxy);
GPtrArray *pac_cluster_spec_get_trusted_cas (PacClusterSpec *self);
const char *pac_cluster_spec_get_default_storage_class (PacClusterSpec *self);
void pac_cluster_spec_set_default_storage_class (PacClusterSpec *self, const char *storage_class);
const char *pac_cluster_spec_get_os_image (PacClusterSpec *self);
void pac_cluster_spec_set_os_image (PacClusterSpec *self, const char *os_name);

void pac_cluster_spec_emit_changed (PacClusterSpec *self);
void pac_cluster_spec_assign (PacClusterSpec *self, PacClusterSpec *from);

JsonObject *pac_cluster_spec_get_source (PacClusterSpec *self);
void pac_cluster_spec_set_source (PacClusterSpec *self, JsonObject *source);

GPtrArray *pac_cluster_spec_validate (PacClusterSpec *self);
char *pac_cluster_spec_field_path (PacTkcApi api, int pool, const char *field);
const char *pac_cluster_spec_release_path (PacTkcApi api);

G_END_DECLS
