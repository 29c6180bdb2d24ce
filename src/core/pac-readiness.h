/* pac-readiness.h: is a Supervisor ready for Tanzu Kubernetes clusters,
 * and the fixes for what is missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-readiness-item.h"
#include "pac-supervisor-client.h"
#include "pac-vcenter-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_READINESS (pac_readiness_get_type ())

G_DECLARE_FINAL_TYPE (PacReadiness, pac_readiness, PAC, READINESS, GObject)

/* @vcenter and @cluster (the Supervisor's vCenter cluster id) for an
 * account on vCenter, else %NULL: then the checklist is what the
 * Supervisor shows, read-only. @client and @capabilities: the Supervisor
 * signed in, or %NULL where it cannot be reached. */
PacReadiness *pac_readiness_new (PacVcenterClient *vcenter,
                                 const char *cluster,
                                 PacSupervisorClient *client,
                                 const PacCapabilities *capabilities);
PacVcenterClient *pac_readiness_get_vcenter (PacReadiness *self);
const char *pac_readiness_get_cluster (PacReadiness *self);
gboolean pac_readiness_can_fix (PacReadiness *self);

/* PacReadinessItems, one per PacCheck, replaced by every check */
GListModel *pac_readiness_get_items (PacReadiness *self);
PacReadinessItem *pac_readiness_get_item (PacReadiness *self, PacCheck check);
gboolean pac_readiness_is_ready (PacReadiness *self);
/* Something is under way (a sync, releases arriving): check again soon. */
gboolean pac_readiness_is_settling (PacReadiness *self);
/* Returns: (transfer none): names of the vSphere namespaces found */
GPtrArray *pac_readiness_get_namespaces (PacReadiness *self);

void pac_readiness_check_async (PacReadiness *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean pac_readiness_check_finish (PacReadiness *self, GAsyncResult *result, GError **error);

/* ---- fixes: each finishes with pac_readiness_fix_finish() ---- */

typedef struct
{
  const char *name;
  const char *datastore; /* id */
  const char *url;
  const char *thumbprint; /* as probed and confirmed; NULL for http */
  gboolean on_demand;
} PacLibrarySpec;

/* vCenter's probe of a subscription: finishes with the certificate's
 * SHA-1 thumbprint ("" for http), or an error that says why not */
void pac_readiness_probe_async (PacReadiness *self,
                                const char *url,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
char *pac_readiness_probe_finish (PacReadiness *self, GAsyncResult *result, GError **error);

/* Creates the library, attaches it to the Supervisor and syncs it */
void pac_readiness_create_library_async (PacReadiness *self,
                                         const PacLibrarySpec *spec,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
void pac_readiness_attach_library_async (PacReadiness *self,
                                         const char *library,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
void pac_readiness_sync_library_async (PacReadiness *self,
                                       const char *library,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean pac_readiness_fix_finish (PacReadiness *self, GAsyncResult *result, GError **error);

G_END_DECLS
