/* pac-supervisor-client.h: what a Supervisor serves, and what the user
 * may do there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-connection.h"
#include "pac-resource-list.h"

G_BEGIN_DECLS

#define PAC_TYPE_SUPERVISOR_CLIENT (pac_supervisor_client_get_type ())

G_DECLARE_FINAL_TYPE (PacSupervisorClient, pac_supervisor_client, PAC, SUPERVISOR_CLIENT, GObject)

/* What this Supervisor's API serves, for the UI to ask once */
typedef struct
{
  char *tkc_version; /* the preferred TanzuKubernetesCluster version, e.g. "v1alpha3" */
  GStrv tkc_versions;
  char *release_version; /* TanzuKubernetesRelease */
  char *image_version;   /* VirtualMachineImage */
  gboolean images_namespaced;
  gboolean class_based_clusters;       /* cluster.x-k8s.io/v1beta1 Cluster */
  char *service_configuration_version; /* TkgServiceConfiguration, or NULL */
  gboolean global_trust;               /* its spec has trust (7.0.2 on) */
  gboolean vm_service; /* VM classes bound per namespace (7.0.2 on); before, all serve all */
} PacCapabilities;

PacCapabilities *pac_capabilities_copy (const PacCapabilities *capabilities);
void pac_capabilities_free (PacCapabilities *capabilities);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacCapabilities, pac_capabilities_free)

PacSupervisorClient *pac_supervisor_client_new (PacConnection *connection);
PacConnection *pac_supervisor_client_get_connection (PacSupervisorClient *self);

void pac_supervisor_client_discover_async (PacSupervisorClient *self,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
PacCapabilities *pac_supervisor_client_discover_finish (PacSupervisorClient *self,
                                                        GAsyncResult *result,
                                                        GError **error);

/* SelfSubjectAccessReview: may the user @verb @resource (in @namespace)?
 * Finishes with the reason when not (for a greyed-out action's tooltip). */
void pac_supervisor_client_can_async (PacSupervisorClient *self,
                                      const char *verb,
                                      const char *group,
                                      const char *resource,
                                      const char *namespace,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean pac_supervisor_client_can_finish (PacSupervisorClient *self,
                                           GAsyncResult *result,
                                           char **reason,
                                           GError **error);

/* Calls below finish with pac_supervisor_client_call_finish(): the answer's JSON */
JsonNode *
pac_supervisor_client_call_finish (PacSupervisorClient *self, GAsyncResult *result, GError **error);
void pac_supervisor_client_workloads_async (PacSupervisorClient *self,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
void pac_supervisor_client_create_cluster_async (PacSupervisorClient *self,
                                                 JsonObject *manifest,
                                                 gboolean dry_run,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
void pac_supervisor_client_get_cluster_async (PacSupervisorClient *self,
                                              const char *version,
                                              const char *namespace,
                                              const char *name,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
void pac_supervisor_client_patch_cluster_async (PacSupervisorClient *self,
                                                const char *version,
                                                const char *namespace,
                                                const char *name,
                                                JsonNode *merge_patch,
                                                gboolean dry_run,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
void pac_supervisor_client_delete_cluster_async (PacSupervisorClient *self,
                                                 const char *version,
                                                 const char *namespace,
                                                 const char *name,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);

/* The admin kubeconfig of <cluster>-kubeconfig (key "value"), as YAML */
void pac_supervisor_client_read_kubeconfig_async (PacSupervisorClient *self,
                                                  const char *namespace,
                                                  const char *cluster,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
char *pac_supervisor_client_read_kubeconfig_finish (PacSupervisorClient *self,
                                                    GAsyncResult *result,
                                                    GError **error);

void pac_supervisor_client_open_list_async (PacSupervisorClient *self,
                                            const char *group,
                                            const char *version,
                                            const char *resource,
                                            gboolean namespaced,
                                            GType item_type,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
PacResourceList *pac_supervisor_client_open_list_finish (PacSupervisorClient *self,
                                                         GAsyncResult *result,
                                                         GError **error);

G_END_DECLS
