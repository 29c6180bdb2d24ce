/* pac-access.h: who may do what in a guest cluster: vSphere SSO users and
 * groups bound to ClusterRoles, listed, granted and revoked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-guest-state.h"

G_BEGIN_DECLS

#define PAC_TYPE_ACCESS (pac_access_get_type ())

G_DECLARE_FINAL_TYPE (PacAccess, pac_access, PAC, ACCESS, GObject)

typedef enum
{
  PAC_ACCESS_USER,
  PAC_ACCESS_GROUP,
} PacAccessKind;

/* One subject's role in one scope, and the binding that gives it */
typedef struct
{
  PacAccessKind kind;
  char *subject;   /* as the cluster sees it: "sso:alice@vsphere.local" */
  char *role;      /* the ClusterRole (or Role) bound */
  char *namespace; /* (nullable): %NULL for the whole cluster */
  char *binding;
  gboolean ours;         /* made by Pacific */
  gboolean from_vsphere; /* synced from the vSphere namespace's permissions */
} PacGrant;

void pac_access_load_async (PacGuestClient *client,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
PacAccess *pac_access_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error);

PacGuestClient *pac_access_get_client (PacAccess *self);
GStrv pac_access_dup_namespaces (PacAccess *self);
GPtrArray *pac_access_get_grants (PacAccess *self);
GPtrArray *pac_access_plan_grant (PacAccess *self,
                                  PacAccessKind kind,
                                  const char *text,
                                  const char *role,
                                  const char *namespace,
                                  GError **error);
GPtrArray *pac_access_plan_revoke (PacAccess *self, const PacGrant *grant, GError **error);

const char *const *pac_access_roles (void);
char *pac_access_subject_from_text (const char *text, GError **error);
const char *pac_access_kind_to_string (PacAccessKind kind);
gboolean pac_access_kind_from_string (const char *text, PacAccessKind *kind);

G_END_DECLS
