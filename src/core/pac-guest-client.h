/* pac-guest-client.h: the API of one Tanzu Kubernetes cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-connection.h"
#include "pac-watch.h"

G_BEGIN_DECLS

#define PAC_TYPE_GUEST_CLIENT (pac_guest_client_get_type ())

G_DECLARE_FINAL_TYPE (PacGuestClient, pac_guest_client, PAC, GUEST_CLIENT, GObject)

/* What Pacific reads and writes in a guest cluster */
typedef enum
{
  PAC_GUEST_NAMESPACES,
  PAC_GUEST_NODES,
  PAC_GUEST_SERVICE_ACCOUNTS,
  PAC_GUEST_CONFIG_MAPS,
  PAC_GUEST_SECRETS,
  PAC_GUEST_ROLES,
  PAC_GUEST_CLUSTER_ROLES,
  PAC_GUEST_ROLE_BINDINGS,
  PAC_GUEST_CLUSTER_ROLE_BINDINGS,
  PAC_GUEST_POD_SECURITY_POLICIES, /* Kubernetes 1.24 and older */
  PAC_GUEST_DAEMON_SETS,
  PAC_GUEST_DEPLOYMENTS,
  PAC_GUEST_REPLICA_SETS,
  PAC_GUEST_PODS,
  PAC_GUEST_EVENTS,
  PAC_GUEST_N_RESOURCES
} PacGuestResource;

/* What an apply did */
typedef enum
{
  PAC_APPLY_CREATED,
  PAC_APPLY_UPDATED,
  PAC_APPLY_UNCHANGED,
} PacApplyOutcome;

PacGuestClient *pac_guest_client_new (PacConnection *connection);
PacConnection *pac_guest_client_get_connection (PacGuestClient *self);

char *pac_guest_client_collection_path (PacGuestResource resource, const char *namespace);
gboolean pac_guest_client_resource_for_kind (const char *api_version,
                                             const char *kind,
                                             PacGuestResource *resource);
PacWatch *
pac_guest_client_watch (PacGuestClient *self, PacGuestResource resource, const char *namespace);

JsonNode *pac_guest_client_call_finish (PacGuestClient *self, GAsyncResult *result, GError **error);

void pac_guest_client_list_async (PacGuestClient *self,
                                  PacGuestResource resource,
                                  const char *namespace,
                                  const char *label_selector,
                                  const char *field_selector,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
void pac_guest_client_label_namespace_async (PacGuestClient *self,
                                             const char *name,
                                             JsonObject *labels,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void pac_guest_client_daemon_set_pods_async (PacGuestClient *self,
                                             const char *namespace,
                                             const char *name,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void pac_guest_client_events_for_async (PacGuestClient *self,
                                        JsonObject *object,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);

void pac_guest_client_send_async (PacGuestClient *self,
                                  const char *method,
                                  JsonObject *object,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
void pac_guest_client_version_async (PacGuestClient *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);

void pac_guest_client_apply_async (PacGuestClient *self,
                                   JsonObject *manifest,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
JsonNode *pac_guest_client_apply_finish (PacGuestClient *self,
                                         GAsyncResult *result,
                                         PacApplyOutcome *outcome,
                                         GError **error);

G_END_DECLS
