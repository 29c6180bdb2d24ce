/* pac-access.c: who may do what in a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vSphere signs SSO users in to guest clusters as "sso:<user>@<domain>",
 * with their groups as "sso:<group>@<domain>", and syncs the vSphere
 * namespace's Owners and Editors into ClusterRoleBindings named
 * vmware-system-auth-sync-…, which it restores when they are changed. The
 * rest is plain Kubernetes RBAC: Pacific grants a ClusterRole
 * (cluster-admin, admin, edit or view) with a ClusterRoleBinding, or with a
 * RoleBinding in one namespace, one subject per binding and labelled as
 * its own. The list is read from every binding, whoever made it; revoking
 * deletes a binding whose only subject goes, and otherwise rewrites it
 * without that subject, guarded by the version it was read at.
 */
#define G_LOG_DOMAIN "pac-access"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-access.h"
#include "pac-error.h"
#include "pac-json.h"

#define SSO_PREFIX "sso:"
#define VSPHERE_SYNC_PREFIX "vmware-system-auth-sync-"

struct _PacAccess
{
  GObject parent_instance;

  PacGuestClient *client;
  PacGuestState *state;
  GPtrArray *grants; /* of PacGrant */
};

G_DEFINE_FINAL_TYPE (PacAccess, pac_access, G_TYPE_OBJECT)

static const char *const roles[] = { "cluster-admin", "admin", "edit", "view", NULL };
static const char *const kinds[] = { [PAC_ACCESS_USER] = "User", [PAC_ACCESS_GROUP] = "Group" };

/* The ClusterRoles offered, most powerful first */
const char *const *
pac_access_roles (void)
{
  return roles;
}

const char *
pac_access_kind_to_string (PacAccessKind kind)
{
  return kinds[kind];
}

gboolean
pac_access_kind_from_string (const char *text, PacAccessKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (text ?: "", kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * pac_access_subject_from_text:
 * @text: "alice@vsphere.local", with or without "sso:"
 *
 * Returns: (transfer full) (nullable): the subject as the cluster sees it,
 *   "sso:alice@vsphere.local"; %NULL with an error for anything else
 */
char *
pac_access_subject_from_text (const char *text, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text ?: ""));
  const char *bare = g_str_has_prefix (name, SSO_PREFIX) ? name + strlen (SSO_PREFIX) : name;
  const char *at = strrchr (bare, '@');
  gboolean valid = at && at > bare && at[1] != '\0' && strchr (bare, '@') == at
                   && strpbrk (bare, "/%") == NULL && strpbrk (at, " \t") == NULL;

  for (const char *c = bare; valid && *c; c++)
    valid = !g_ascii_iscntrl (*c);
  if (!valid)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("“%s” is not a vSphere SSO name: give it as name@domain, such as "
                      "alice@vsphere.local"),
                   name);
      return NULL;
    }
  return g_strconcat (SSO_PREFIX, bare, NULL);
}

/* ---- the grants, from the bindings ---- */

static void
grant_free (PacGrant *grant)
{
  g_free (grant->subject);
  g_free (grant->role);
  g_free (grant->namespace);
  g_free (grant->binding);
  g_free (grant);
}

static int
compare_grants (gconstpointer a, gconstpointer b)
{
  const PacGrant *x = *(const PacGrant **) a;
  const PacGrant *y = *(const PacGrant **) b;
  int by_subject = g_strcmp0 (x->subject, y->subject);
  int by_namespace = g_strcmp0 (x->namespace, y->namespace);

  if (by_subject)
    return by_subject;
  return by_namespace ? by_namespace : g_strcmp0 (x->role, y->role);
}

static void
add_grants (GPtrArray *grants, JsonArray *bindings)
{
  for (guint i = 0; bindings && i < json_array_get_length (bindings); i++)
    {
      JsonObject *binding = json_array_get_object_element (bindings, i);
      JsonArray *subjects = pac_json_array (binding, "subjects");
      const char *name = pac_json_string (binding, "metadata.name");

      for (guint s = 0; subjects && s < json_array_get_length (subjects); s++)
        {
          JsonObject *subject = json_array_get_object_element (subjects, s);
          PacAccessKind kind;
          PacGrant *grant;

          if (!pac_access_kind_from_string (pac_json_string (subject, "kind"), &kind)
              || !g_str_has_prefix (pac_json_string (subject, "name") ?: "", SSO_PREFIX))
            continue;
          grant = g_new0 (PacGrant, 1);
          grant->kind = kind;
          grant->subject = g_strdup (pac_json_string (subject, "name"));
          grant->role = g_strdup (pac_json_string (binding, "roleRef.name"));
          grant->namespace = g_strdup (pac_json_string (binding, "metadata.namespace"));
          grant->binding = g_strdup (name);
          grant->ours = pac_guest_object_is_ours (binding);
          grant->from_vsphere = g_str_has_prefix (name ?: "", VSPHERE_SYNC_PREFIX);
          g_ptr_array_add (grants, grant);
        }
    }
}

static void
on_state (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  PacGuestState *state = pac_guest_state_load_finish (PAC_GUEST_CLIENT (source), result, &error);
  PacAccess *self;

  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self = g_object_new (PAC_TYPE_ACCESS, NULL);
  self->client = g_object_ref (PAC_GUEST_CLIENT (source));
  self->state = state;
  add_grants (self->grants, pac_guest_state_bindings (state, TRUE));
  add_grants (self->grants, pac_guest_state_bindings (state, FALSE));
  g_ptr_array_sort (self->grants, compare_grants);
  g_task_return_pointer (task, self, g_object_unref);
}

/* Reads every binding of the cluster of @client, now */
void
pac_access_load_async (PacGuestClient *client,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_access_load_async);
  pac_guest_state_load_async (client, cancellable, on_state, task);
}

PacAccess *
pac_access_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PacGuestClient *
pac_access_get_client (PacAccess *self)
{
  return self->client;
}

GStrv
pac_access_dup_namespaces (PacAccess *self)
{
  return pac_guest_state_dup_namespaces (self->state);
}

/* Returns: (transfer none) (element-type PacGrant): by subject, scope, role */
GPtrArray *
pac_access_get_grants (PacAccess *self)
{
  return self->grants;
}

/* ---- plans ---- */

/* RBAC names are path segments: checked subjects hold no '/' or '%' */
static char *
binding_name (PacAccessKind kind, const char *subject, const char *role)
{
  return g_strdup_printf ("pacific:access:%s:%s:%s", role,
                          kind == PAC_ACCESS_USER ? "user" : "group",
                          subject + strlen (SSO_PREFIX));
}

/**
 * pac_access_plan_grant:
 * @text: the user or group, as pac_access_subject_from_text() takes it
 * @namespace: (nullable): %NULL for the whole cluster
 *
 * Returns: (transfer container) (element-type PacGuestChange): one
 *   binding, or nothing when the subject has @role there already
 */
GPtrArray *
pac_access_plan_grant (PacAccess *self,
                       PacAccessKind kind,
                       const char *text,
                       const char *role,
                       const char *namespace,
                       GError **error)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);
  g_autofree char *subject = pac_access_subject_from_text (text, error);
  g_autofree char *name = NULL;

  if (subject == NULL)
    return (g_ptr_array_unref (plan), NULL);
  if (!g_strv_contains (roles, role ?: ""))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("The role is cluster-admin, admin, edit or view, not “%s”"), role ?: "");
      return (g_ptr_array_unref (plan), NULL);
    }
  if (namespace && pac_guest_state_find_namespace (self->state, namespace) == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND, _ ("The cluster has no namespace “%s”"),
                   namespace);
      return (g_ptr_array_unref (plan), NULL);
    }
  for (guint i = 0; i < self->grants->len; i++)
    {
      PacGrant *grant = g_ptr_array_index (self->grants, i);

      if (grant->kind == kind && g_str_equal (grant->subject, subject)
          && g_strcmp0 (grant->role, role) == 0 && g_strcmp0 (grant->namespace, namespace) == 0)
        return plan;
    }
  name = binding_name (kind, subject, role);
  g_ptr_array_add (plan, pac_guest_change_new (
                           PAC_GUEST_CHANGE_APPLY,
                           pac_guest_binding_new (namespace, name, role, kinds[kind], subject)));
  return plan;
}

static JsonObject *
find_binding (PacAccess *self, const PacGrant *grant)
{
  JsonArray *bindings = pac_guest_state_bindings (self->state, grant->namespace == NULL);

  for (guint i = 0; bindings && i < json_array_get_length (bindings); i++)
    {
      JsonObject *binding = json_array_get_object_element (bindings, i);

      if (g_strcmp0 (pac_json_string (binding, "metadata.name"), grant->binding) == 0
          && g_strcmp0 (pac_json_string (binding, "metadata.namespace"), grant->namespace) == 0)
        return binding;
    }
  return NULL;
}

/* The binding as read, less @grant's subject */
static JsonObject *
without_subject (JsonObject *binding, const PacGrant *grant)
{
  g_autoptr (JsonNode) original = json_node_init_object (json_node_alloc (), binding);
  g_autoptr (JsonNode) copy = pac_json_deep_copy (original);
  JsonObject *object = json_node_get_object (copy);
  JsonArray *subjects = pac_json_array (object, "subjects");

  for (guint i = json_array_get_length (subjects); i > 0; i--)
    {
      JsonObject *subject = json_array_get_object_element (subjects, i - 1);

      if (g_strcmp0 (pac_json_string (subject, "kind"), kinds[grant->kind]) == 0
          && g_strcmp0 (pac_json_string (subject, "name"), grant->subject) == 0)
        json_array_remove_element (subjects, i - 1);
    }
  return json_object_ref (object);
}

/**
 * pac_access_plan_revoke:
 *
 * Returns: (transfer container) (element-type PacGuestChange): the
 *   binding deleted, or rewritten without the subject when it names
 *   others too; %NULL with an error when vSphere would restore it
 */
GPtrArray *
pac_access_plan_revoke (PacAccess *self, const PacGrant *grant, GError **error)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);
  JsonObject *binding = find_binding (self, grant);
  JsonArray *subjects = binding ? pac_json_array (binding, "subjects") : NULL;

  if (grant->from_vsphere)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("vSphere grants this from the vSphere namespace’s permissions and would "
                      "restore it: change those permissions in vCenter instead"));
      return (g_ptr_array_unref (plan), NULL);
    }
  if (binding == NULL)
    return plan;
  if (subjects && json_array_get_length (subjects) > 1)
    g_ptr_array_add (
      plan, pac_guest_change_new (PAC_GUEST_CHANGE_REPLACE, without_subject (binding, grant)));
  else
    g_ptr_array_add (plan,
                     pac_guest_change_new (PAC_GUEST_CHANGE_DELETE, json_object_ref (binding)));
  return plan;
}

static void
pac_access_finalize (GObject *object)
{
  PacAccess *self = PAC_ACCESS (object);

  g_clear_object (&self->client);
  pac_guest_state_free (self->state);
  g_ptr_array_unref (self->grants);
  G_OBJECT_CLASS (pac_access_parent_class)->finalize (object);
}

static void
pac_access_class_init (PacAccessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_access_finalize;
}

static void
pac_access_init (PacAccess *self)
{
  self->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) grant_free);
}
