/* pac-permissions.h: what the user may do in a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-supervisor-client.h"

G_BEGIN_DECLS

/* What the UI asks before offering an action; a reason when not */
typedef enum
{
  PAC_PERMISSION_CREATE_CLUSTERS,
  PAC_PERMISSION_DELETE_CLUSTERS,
  PAC_PERMISSION_READ_SECRETS,                /* admin kubeconfig, SSH keys */
  PAC_PERMISSION_PATCH_SERVICE_CONFIGURATION, /* TkgServiceConfiguration: global trust */
  PAC_PERMISSION_WATCH_ALL_CLUSTERS,          /* one watch instead of one per namespace */
  PAC_PERMISSION_N
} PacPermission;

typedef struct _PacPermissions PacPermissions;

void pac_permissions_query_async (PacSupervisorClient *client,
                                  const char *namespace,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
PacPermissions *
pac_permissions_query_finish (PacSupervisorClient *client, GAsyncResult *result, GError **error);
gboolean pac_permissions_allows (PacPermissions *self, PacPermission permission);
const char *pac_permissions_get_reason (PacPermissions *self, PacPermission permission);
const char *pac_permissions_get_namespace (PacPermissions *self);
void pac_permissions_free (PacPermissions *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacPermissions, pac_permissions_free)

G_END_DECLS
