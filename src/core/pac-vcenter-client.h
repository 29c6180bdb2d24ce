/* pac-vcenter-client.h: the vCenter REST API (vSphere Automation /api)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pac-trust.h"

G_BEGIN_DECLS

#define PAC_TYPE_VCENTER_CLIENT (pac_vcenter_client_get_type ())

G_DECLARE_FINAL_TYPE (PacVcenterClient, pac_vcenter_client, PAC, VCENTER_CLIENT, GObject)

#define PAC_WP_CONTENT_URL "https://wp-content.vmware.com/v2/latest/lib.json"

PacVcenterClient *
pac_vcenter_client_new (const char *base_url, const char *username, PacTrust *trust);
void pac_vcenter_client_set_password (PacVcenterClient *self, const char *password);
const char *pac_vcenter_client_get_host (PacVcenterClient *self);

/* Every call finishes with pac_vcenter_client_call_finish(): the answer's
 * JSON (a null node for 204 No Content). */
JsonNode *
pac_vcenter_client_call_finish (PacVcenterClient *self, GAsyncResult *result, GError **error);
void pac_vcenter_client_call_async (PacVcenterClient *self,
                                    const char *method,
                                    const char *path,
                                    JsonNode *body,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);

/* Supervisors (namespace-management clusters) */
void pac_vcenter_client_list_supervisors_async (PacVcenterClient *self,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
void pac_vcenter_client_get_supervisor_async (PacVcenterClient *self,
                                              const char *cluster,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
void pac_vcenter_client_attach_library_async (PacVcenterClient *self,
                                              const char *cluster,
                                              const char *library,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);

/* vSphere namespaces */
typedef struct
{
  const char *policy; /* id */
  gint64 limit_mib;   /* 0: no limit */
} PacNamespaceStorage;

typedef struct
{
  const char *subject; /* "name@domain" */
  gboolean group;
  const char *role; /* OWNER, EDIT or VIEW */
} PacNamespaceAccess;

typedef struct
{
  const char *cluster;
  const char *name;
  const char *description;
  const char *const *storage_policies; /* policy ids, without limits */
  const PacNamespaceStorage *storage;  /* ended by a NULL policy */
  const PacNamespaceAccess *access;    /* ended by a NULL subject */
  const char *const *vm_classes;
  gboolean no_vm_service;    /* vCenter before 7.0 U2: no vm_service_spec to send */
  const char *const *owners; /* "user@domain" */
  const char *const *editors;
  const char *const *viewers;
} PacNamespaceSpec;

JsonNode *pac_namespace_spec_to_json (const PacNamespaceSpec *spec, gboolean for_update);
void pac_vcenter_client_list_namespaces_async (PacVcenterClient *self,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
void pac_vcenter_client_get_namespace_async (PacVcenterClient *self,
                                             const char *name,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void pac_vcenter_client_create_namespace_async (PacVcenterClient *self,
                                                const PacNamespaceSpec *spec,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
void pac_vcenter_client_update_namespace_async (PacVcenterClient *self,
                                                const PacNamespaceSpec *spec,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
void pac_vcenter_client_delete_namespace_async (PacVcenterClient *self,
                                                const char *name,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);

/* VM classes (7.0 U2 on) */
void pac_vcenter_client_list_vm_classes_async (PacVcenterClient *self,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);

/* Storage */
void pac_vcenter_client_list_storage_policies_async (PacVcenterClient *self,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
void pac_vcenter_client_list_datastores_async (PacVcenterClient *self,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);

/* Subscribed content libraries */
void pac_vcenter_client_probe_library_async (PacVcenterClient *self,
                                             const char *url,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void pac_vcenter_client_create_library_async (PacVcenterClient *self,
                                              const char *name,
                                              const char *datastore,
                                              const char *url,
                                              const char *thumbprint,
                                              gboolean on_demand,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
void pac_vcenter_client_list_libraries_async (PacVcenterClient *self,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
void pac_vcenter_client_get_library_async (PacVcenterClient *self,
                                           const char *library,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
void pac_vcenter_client_sync_library_async (PacVcenterClient *self,
                                            const char *library,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);

G_END_DECLS
