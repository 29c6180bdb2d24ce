/* pac-guest-state.h: what a guest cluster's permissions are made of, read
 * at once, and the changes Pacific makes to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-guest-client.h"

G_BEGIN_DECLS

/* The cluster's version, namespaces and RBAC bindings, as read */
typedef struct
{
  char *version; /* gitVersion, e.g. "v1.17.8+vmware.1" */
  guint minor;
  JsonNode *namespaces;            /* a List */
  JsonNode *role_bindings;         /* a List, every namespace */
  JsonNode *cluster_role_bindings; /* a List */
} PacGuestState;

void pac_guest_state_load_async (PacGuestClient *client,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
PacGuestState *
pac_guest_state_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error);
void pac_guest_state_free (PacGuestState *state);
GStrv pac_guest_state_dup_namespaces (const PacGuestState *state);
JsonObject *pac_guest_state_find_namespace (const PacGuestState *state, const char *name);
JsonArray *pac_guest_state_bindings (const PacGuestState *state, gboolean cluster_wide);
gboolean pac_guest_binding_has_subject (JsonObject *binding, const char *kind, const char *name);
char *pac_guest_binding_describe_subjects (JsonObject *binding);
gboolean pac_guest_object_is_ours (JsonObject *object);
JsonObject *pac_guest_binding_new (const char *namespace,
                                   const char *name,
                                   const char *cluster_role,
                                   const char *subject_kind,
                                   const char *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacGuestState, pac_guest_state_free)

typedef enum
{
  PAC_GUEST_CHANGE_APPLY,   /* create, or bring to what is asked */
  PAC_GUEST_CHANGE_LABEL,   /* a Namespace's labels; null removes one */
  PAC_GUEST_CHANGE_REPLACE, /* the whole object, as read and changed */
  PAC_GUEST_CHANGE_DELETE,
} PacGuestChangeKind;

typedef struct
{
  PacGuestChangeKind kind;
  JsonObject *object;
} PacGuestChange;

PacGuestChange *pac_guest_change_new (PacGuestChangeKind kind, JsonObject *object);
void pac_guest_change_free (PacGuestChange *change);
char *pac_guest_change_describe (const PacGuestChange *change);
char *pac_guest_changes_to_yaml (GPtrArray *changes);

void pac_guest_changes_apply_async (PacGuestClient *client,
                                    GPtrArray *changes,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
gboolean pac_guest_changes_apply_finish (PacGuestClient *client,
                                         GAsyncResult *result,
                                         guint *changed,
                                         GError **error);

#define PAC_MANAGED_BY_LABEL "app.kubernetes.io/managed-by"

G_END_DECLS
