/* pac-guest-state.c: what a guest cluster's permissions are made of, read
 * at once, and the changes Pacific makes to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pod security and access both look at the same things: the Kubernetes
 * version (PodSecurityPolicy up to 1.24, Pod Security Admission from
 * 1.25), the namespaces with their labels, and every RoleBinding and
 * ClusterRoleBinding. Their plans are lists of changes, applied in order:
 * creations are idempotent (create, else compare and patch), deletions of
 * what is gone already are no change, and a replacement carries the
 * resourceVersion it was made from.
 */
#define G_LOG_DOMAIN "pac-guest"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-error.h"
#include "pac-guest-state.h"
#include "pac-json.h"
#include "pac-yaml.h"

/* ---- reading ---- */

typedef struct
{
  PacGuestState *state;
  guint step;
} Load;

static void
load_free (Load *load)
{
  pac_guest_state_free (load->state);
  g_free (load);
}

static void load_next (GTask *task);

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *answer = pac_guest_client_call_finish (PAC_GUEST_CLIENT (source), result, &error);
  JsonNode **slots[] = { NULL, &load->state->namespaces, &load->state->role_bindings,
                         &load->state->cluster_role_bindings };

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (load->step == 0)
    {
      JsonObject *version = pac_json_node_object (answer);

      load->state->version = g_strdup (pac_json_string (version, "gitVersion"));
      load->state->minor = g_ascii_strtoull (pac_json_string (version, "minor") ?: "0", NULL, 10);
      json_node_unref (answer);
    }
  else
    *slots[load->step] = answer;
  load->step++;
  load_next (g_steal_pointer (&task));
}

static void
load_next (GTask *task)
{
  static const PacGuestResource lists[]
    = { 0, PAC_GUEST_NAMESPACES, PAC_GUEST_ROLE_BINDINGS, PAC_GUEST_CLUSTER_ROLE_BINDINGS };
  PacGuestClient *client = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (load->step == G_N_ELEMENTS (lists))
    {
      g_task_return_pointer (task, g_steal_pointer (&load->state),
                             (GDestroyNotify) pac_guest_state_free);
      g_object_unref (task);
    }
  else if (load->step == 0)
    pac_guest_client_version_async (client, cancellable, on_loaded, task);
  else
    pac_guest_client_list_async (client, lists[load->step], NULL, NULL, NULL, cancellable,
                                 on_loaded, task);
}

/* Reads the version, the namespaces and every binding, in turn */
void
pac_guest_state_load_async (PacGuestClient *client,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  g_task_set_source_tag (task, pac_guest_state_load_async);
  load->state = g_new0 (PacGuestState, 1);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  load_next (task);
}

PacGuestState *
pac_guest_state_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pac_guest_state_free (PacGuestState *state)
{
  if (state == NULL)
    return;
  g_free (state->version);
  g_clear_pointer (&state->namespaces, json_node_unref);
  g_clear_pointer (&state->role_bindings, json_node_unref);
  g_clear_pointer (&state->cluster_role_bindings, json_node_unref);
  g_free (state);
}

static JsonArray *
items_of (JsonNode *list)
{
  return pac_json_array (pac_json_node_object (list), "items");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Returns: (transfer full): the namespaces' names, sorted */
GStrv
pac_guest_state_dup_namespaces (const PacGuestState *state)
{
  JsonArray *items = items_of (state->namespaces);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    g_ptr_array_add (names, g_strdup (pac_json_string (json_array_get_object_element (items, i),
                                                       "metadata.name")));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

JsonObject *
pac_guest_state_find_namespace (const PacGuestState *state, const char *name)
{
  JsonArray *items = items_of (state->namespaces);

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *namespace = json_array_get_object_element (items, i);

      if (g_strcmp0 (pac_json_string (namespace, "metadata.name"), name) == 0)
        return namespace;
    }
  return NULL;
}

/* The RoleBindings of every namespace, or the ClusterRoleBindings */
JsonArray *
pac_guest_state_bindings (const PacGuestState *state, gboolean cluster_wide)
{
  return items_of (cluster_wide ? state->cluster_role_bindings : state->role_bindings);
}

gboolean
pac_guest_binding_has_subject (JsonObject *binding, const char *kind, const char *name)
{
  JsonArray *subjects = pac_json_array (binding, "subjects");

  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    {
      JsonObject *subject = json_array_get_object_element (subjects, i);

      if (g_strcmp0 (pac_json_string (subject, "kind"), kind) == 0
          && g_strcmp0 (pac_json_string (subject, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Returns: (transfer full): e.g. "Group system:serviceaccounts, User sso:a@b" */
char *
pac_guest_binding_describe_subjects (JsonObject *binding)
{
  JsonArray *subjects = pac_json_array (binding, "subjects");
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    {
      JsonObject *subject = json_array_get_object_element (subjects, i);
      const char *namespace = pac_json_string (subject, "namespace");

      g_string_append_printf (text, "%s%s %s%s%s", i ? ", " : "", pac_json_string (subject, "kind"),
                              namespace ? namespace : "", namespace ? ":" : "",
                              pac_json_string (subject, "name"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
pac_guest_object_is_ours (JsonObject *object)
{
  JsonObject *labels = pac_json_object (object, "metadata.labels");

  /* the key holds dots: not a path for pac_json_string() */
  return labels
         && g_strcmp0 (
              json_object_get_string_member_with_default (labels, PAC_MANAGED_BY_LABEL, NULL),
              "pacific")
              == 0;
}

/**
 * pac_guest_binding_new:
 * @namespace: (nullable): a RoleBinding's namespace; %NULL for a
 *   ClusterRoleBinding
 * @subject_kind: "User" or "Group"
 *
 * Returns: (transfer full): a binding of @subject to a ClusterRole,
 *   labelled as Pacific's
 */
JsonObject *
pac_guest_binding_new (const char *namespace,
                       const char *name,
                       const char *cluster_role,
                       const char *subject_kind,
                       const char *subject)
{
  JsonObject *binding = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *labels = json_object_new ();
  JsonObject *role_ref = json_object_new ();
  JsonObject *who = json_object_new ();
  JsonArray *subjects = json_array_new ();

  json_object_set_string_member (binding, "apiVersion", "rbac.authorization.k8s.io/v1");
  json_object_set_string_member (binding, "kind", namespace ? "RoleBinding" : "ClusterRoleBinding");
  json_object_set_string_member (metadata, "name", name);
  if (namespace)
    json_object_set_string_member (metadata, "namespace", namespace);
  json_object_set_string_member (labels, PAC_MANAGED_BY_LABEL, "pacific");
  json_object_set_object_member (metadata, "labels", labels);
  json_object_set_object_member (binding, "metadata", metadata);
  json_object_set_string_member (role_ref, "apiGroup", "rbac.authorization.k8s.io");
  json_object_set_string_member (role_ref, "kind", "ClusterRole");
  json_object_set_string_member (role_ref, "name", cluster_role);
  json_object_set_object_member (binding, "roleRef", role_ref);
  json_object_set_string_member (who, "apiGroup", "rbac.authorization.k8s.io");
  json_object_set_string_member (who, "kind", subject_kind);
  json_object_set_string_member (who, "name", subject);
  json_array_add_object_element (subjects, who);
  json_object_set_array_member (binding, "subjects", subjects);
  return binding;
}

/* ---- changes ---- */

/* @object: (transfer full) */
PacGuestChange *
pac_guest_change_new (PacGuestChangeKind kind, JsonObject *object)
{
  PacGuestChange *change = g_new0 (PacGuestChange, 1);

  change->kind = kind;
  change->object = object;
  return change;
}

void
pac_guest_change_free (PacGuestChange *change)
{
  json_object_unref (change->object);
  g_free (change);
}

/* Returns: (transfer full): e.g. "Delete RoleBinding “x” in “default”" */
char *
pac_guest_change_describe (const PacGuestChange *change)
{
  const char *kind = pac_json_string (change->object, "kind");
  const char *name = pac_json_string (change->object, "metadata.name");
  const char *namespace = pac_json_string (change->object, "metadata.namespace");

  switch (change->kind)
    {
      case PAC_GUEST_CHANGE_LABEL:
        /* Translators: a namespace */
        return g_strdup_printf (_ ("Label namespace “%s”"), name);
      case PAC_GUEST_CHANGE_DELETE:
        return namespace
                 /* Translators: a kind, a name, a namespace */
                 ? g_strdup_printf (_ ("Delete %s “%s” in “%s”"), kind, name, namespace)
                 /* Translators: a kind and a name */
                 : g_strdup_printf (_ ("Delete %s “%s”"), kind, name);
      case PAC_GUEST_CHANGE_REPLACE:
        return namespace
                 /* Translators: a kind, a name, a namespace */
                 ? g_strdup_printf (_ ("Update %s “%s” in “%s”"), kind, name, namespace)
                 /* Translators: a kind and a name */
                 : g_strdup_printf (_ ("Update %s “%s”"), kind, name);
      case PAC_GUEST_CHANGE_APPLY:
      default:
        return namespace
                 /* Translators: a kind, a name, a namespace */
                 ? g_strdup_printf (_ ("Create %s “%s” in “%s”"), kind, name, namespace)
                 /* Translators: a kind and a name */
                 : g_strdup_printf (_ ("Create %s “%s”"), kind, name);
    }
}

/* What a deletion names: the object's identity only */
static JsonNode *
identity_of (JsonObject *object)
{
  g_autoptr (JsonObject) identity = json_object_new ();
  g_autoptr (JsonObject) metadata = json_object_new ();
  const char *namespace = pac_json_string (object, "metadata.namespace");

  json_object_set_string_member (identity, "apiVersion", pac_json_string (object, "apiVersion"));
  json_object_set_string_member (identity, "kind", pac_json_string (object, "kind"));
  json_object_set_string_member (metadata, "name", pac_json_string (object, "metadata.name"));
  if (namespace)
    json_object_set_string_member (metadata, "namespace", namespace);
  json_object_set_object_member (identity, "metadata", g_steal_pointer (&metadata));
  return json_node_init_object (json_node_alloc (), identity);
}

/**
 * pac_guest_changes_to_yaml:
 *
 * Returns: (transfer full): the changes as YAML documents, each headed by
 *   a comment saying what happens to it; "" when there are none
 */
char *
pac_guest_changes_to_yaml (GPtrArray *changes)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      PacGuestChange *change = g_ptr_array_index (changes, i);
      g_autofree char *what = pac_guest_change_describe (change);
      g_autoptr (JsonNode) node = change->kind == PAC_GUEST_CHANGE_DELETE
                                    ? identity_of (change->object)
                                    : json_node_init_object (json_node_alloc (), change->object);
      g_autofree char *yaml = pac_yaml_dump (node);

      g_string_append_printf (text, "%s# %s\n%s", i ? "---\n" : "", what, yaml);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  GPtrArray *changes;
  guint next;
  guint changed;
} Run;

static void
run_free (Run *run)
{
  g_ptr_array_unref (run->changes);
  g_free (run);
}

static void run_next (GTask *task);

static void
on_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  PacGuestClient *client = PAC_GUEST_CLIENT (source);
  PacGuestChange *change = g_ptr_array_index (run->changes, run->next);
  PacApplyOutcome outcome = PAC_APPLY_UPDATED;
  GError *error = NULL;
  /* the answer itself is not needed: the next change reads afresh */
  JsonNode *answer = change->kind == PAC_GUEST_CHANGE_APPLY
                       ? pac_guest_client_apply_finish (client, result, &outcome, &error)
                       : pac_guest_client_call_finish (client, result, &error);

  g_clear_pointer (&answer, json_node_unref);

  /* Deleting what is gone already is no change */
  if (change->kind == PAC_GUEST_CHANGE_DELETE
      && g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      outcome = PAC_APPLY_UNCHANGED;
    }
  if (error)
    {
      g_autofree char *what = pac_guest_change_describe (change);

      g_prefix_error (&error, "%s: ", what);
      g_task_return_error (task, error);
      return;
    }
  if (outcome != PAC_APPLY_UNCHANGED)
    run->changed++;
  run->next++;
  run_next (g_steal_pointer (&task));
}

static void
run_next (GTask *task)
{
  PacGuestClient *client = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  PacGuestChange *change;

  if (run->next == run->changes->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  change = g_ptr_array_index (run->changes, run->next);
  switch (change->kind)
    {
      case PAC_GUEST_CHANGE_APPLY:
        pac_guest_client_apply_async (client, change->object, cancellable, on_applied, task);
        break;
      case PAC_GUEST_CHANGE_LABEL:
        pac_guest_client_label_namespace_async (
          client, pac_json_string (change->object, "metadata.name"),
          pac_json_object (change->object, "metadata.labels"), cancellable, on_applied, task);
        break;
      case PAC_GUEST_CHANGE_REPLACE:
        pac_guest_client_send_async (client, "PUT", change->object, cancellable, on_applied, task);
        break;
      case PAC_GUEST_CHANGE_DELETE:
        pac_guest_client_send_async (client, "DELETE", change->object, cancellable, on_applied,
                                     task);
        break;
    }
}

/**
 * pac_guest_changes_apply_async:
 * @changes: (element-type PacGuestChange): in the order they are made
 *
 * Stops at the first failure; its message names the change.
 */
void
pac_guest_changes_apply_async (PacGuestClient *client,
                               GPtrArray *changes,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, pac_guest_changes_apply_async);
  run->changes = g_ptr_array_ref (changes);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  run_next (task);
}

/**
 * pac_guest_changes_apply_finish:
 * @changed: (out) (optional): how many changes changed the cluster
 */
gboolean
pac_guest_changes_apply_finish (PacGuestClient *client,
                                GAsyncResult *result,
                                guint *changed,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  if (changed)
    *changed = ((Run *) g_task_get_task_data (G_TASK (result)))->changed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
