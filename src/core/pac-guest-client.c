/* pac-guest-client.c: the API of one Tanzu Kubernetes cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what the pod-security and registry-trust steps need (namespaces
 * and their labels, nodes, RBAC, DaemonSets and their pods, events) and
 * applies objects idempotently: create; on 409 read, compare, and merge-
 * patch only when the cluster differs from what is asked, carrying the
 * resourceVersion that was compared so a concurrent change is not lost.
 */
#define G_LOG_DOMAIN "pac-guest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-guest-client.h"
#include "pac-json.h"

struct _PacGuestClient
{
  GObject parent_instance;

  PacConnection *connection;
};

G_DEFINE_FINAL_TYPE (PacGuestClient, pac_guest_client, G_TYPE_OBJECT)

typedef struct
{
  const char *api_version;
  const char *kind;
  const char *plural;
  gboolean namespaced;
} ResourceInfo;

static const ResourceInfo resources[PAC_GUEST_N_RESOURCES] = {
  [PAC_GUEST_NAMESPACES] = { "v1", "Namespace", "namespaces", FALSE },
  [PAC_GUEST_NODES] = { "v1", "Node", "nodes", FALSE },
  [PAC_GUEST_SERVICE_ACCOUNTS] = { "v1", "ServiceAccount", "serviceaccounts", TRUE },
  [PAC_GUEST_CONFIG_MAPS] = { "v1", "ConfigMap", "configmaps", TRUE },
  [PAC_GUEST_SECRETS] = { "v1", "Secret", "secrets", TRUE },
  [PAC_GUEST_ROLES] = { "rbac.authorization.k8s.io/v1", "Role", "roles", TRUE },
  [PAC_GUEST_CLUSTER_ROLES]
  = { "rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", FALSE },
  [PAC_GUEST_ROLE_BINDINGS]
  = { "rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", TRUE },
  [PAC_GUEST_CLUSTER_ROLE_BINDINGS]
  = { "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", FALSE },
  [PAC_GUEST_POD_SECURITY_POLICIES]
  = { "policy/v1beta1", "PodSecurityPolicy", "podsecuritypolicies", FALSE },
  [PAC_GUEST_DAEMON_SETS] = { "apps/v1", "DaemonSet", "daemonsets", TRUE },
  [PAC_GUEST_DEPLOYMENTS] = { "apps/v1", "Deployment", "deployments", TRUE },
  [PAC_GUEST_REPLICA_SETS] = { "apps/v1", "ReplicaSet", "replicasets", TRUE },
  [PAC_GUEST_PODS] = { "v1", "Pod", "pods", TRUE },
  [PAC_GUEST_EVENTS] = { "v1", "Event", "events", TRUE },
};

PacGuestClient *
pac_guest_client_new (PacConnection *connection)
{
  PacGuestClient *self = g_object_new (PAC_TYPE_GUEST_CLIENT, NULL);

  self->connection = g_object_ref (connection);
  return self;
}

PacConnection *
pac_guest_client_get_connection (PacGuestClient *self)
{
  return self->connection;
}

/**
 * pac_guest_client_collection_path:
 * @namespace: (nullable): for namespaced resources; %NULL lists all
 *
 * Returns: (transfer full): e.g. "/apis/apps/v1/namespaces/default/daemonsets"
 */
char *
pac_guest_client_collection_path (PacGuestResource resource, const char *namespace)
{
  const ResourceInfo *info = &resources[resource];
  g_autofree char *group = strchr (info->api_version, '/')
                             ? g_strconcat ("/apis/", info->api_version, NULL)
                             : g_strconcat ("/api/", info->api_version, NULL);
  g_autofree char *escaped = namespace ? g_uri_escape_string (namespace, NULL, FALSE) : NULL;

  if (info->namespaced && escaped)
    return g_strdup_printf ("%s/namespaces/%s/%s", group, escaped, info->plural);
  return g_strdup_printf ("%s/%s", group, info->plural);
}

static char *
object_path (PacGuestResource resource, const char *namespace, const char *name)
{
  g_autofree char *collection = pac_guest_client_collection_path (resource, namespace);
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strdup_printf ("%s/%s", collection, escaped);
}

gboolean
pac_guest_client_resource_for_kind (const char *api_version,
                                    const char *kind,
                                    PacGuestResource *resource)
{
  for (guint i = 0; i < PAC_GUEST_N_RESOURCES; i++)
    if (g_strcmp0 (resources[i].api_version, api_version) == 0
        && g_strcmp0 (resources[i].kind, kind) == 0)
      {
        *resource = i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (transfer full): a list + watch, not started */
PacWatch *
pac_guest_client_watch (PacGuestClient *self, PacGuestResource resource, const char *namespace)
{
  g_autofree char *path = pac_guest_client_collection_path (resource, namespace);

  return pac_watch_new (self->connection, path);
}

/* ---- calls ---- */

static void
call (PacGuestClient *self,
      const char *method,
      const char *path,
      JsonNode *body,
      GCancellable *cancellable,
      GAsyncReadyCallback callback,
      gpointer user_data)
{
  pac_connection_request_for_async (self->connection, self, pac_guest_client_call_finish, method,
                                    path, body, cancellable, callback, user_data);
}

/* Returns: (transfer full): the answer of a list, label or read call */
JsonNode *
pac_guest_client_call_finish (PacGuestClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pac_guest_client_list_async:
 * @label_selector: (nullable): e.g. "app=node-agent"
 * @field_selector: (nullable): e.g. "involvedObject.name=x"
 *
 * Lists every page; the answer is one List.
 */
void
pac_guest_client_list_async (PacGuestClient *self,
                             PacGuestResource resource,
                             const char *namespace,
                             const char *label_selector,
                             const char *field_selector,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autofree char *collection = pac_guest_client_collection_path (resource, namespace);
  g_autoptr (GString) path = g_string_new (collection);
  char separator = '?';

  if (label_selector)
    {
      g_string_append_printf (path, "%clabelSelector=", separator);
      g_string_append_uri_escaped (path, label_selector, NULL, FALSE);
      separator = '&';
    }
  if (field_selector)
    {
      g_string_append_printf (path, "%cfieldSelector=", separator);
      g_string_append_uri_escaped (path, field_selector, NULL, FALSE);
    }
  pac_connection_list_for_async (self->connection, self, pac_guest_client_call_finish, path->str,
                                 cancellable, callback, user_data);
}

/**
 * pac_guest_client_label_namespace_async:
 * @labels: label → string, or null to remove the label
 *
 * Pod Security Admission reads its levels from namespace labels.
 */
void
pac_guest_client_label_namespace_async (PacGuestClient *self,
                                        const char *name,
                                        JsonObject *labels,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autofree char *path = object_path (PAC_GUEST_NAMESPACES, NULL, name);
  g_autoptr (JsonObject) metadata = json_object_new ();
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);

  json_object_set_object_member (metadata, "labels", json_object_ref (labels));
  json_object_set_object_member (patch, "metadata", g_steal_pointer (&metadata));
  json_node_set_object (body, patch);
  call (self, "PATCH", path, body, cancellable, callback, user_data);
}

/**
 * pac_guest_client_send_async:
 * @method: "GET", "PUT" (with @object as the body) or "DELETE"
 * @object: names the object: apiVersion, kind, metadata.name and .namespace
 *
 * One call on one object; a PUT carries the object's resourceVersion, so
 * a change made since it was read is refused (409), not overwritten.
 */
void
pac_guest_client_send_async (PacGuestClient *self,
                             const char *method,
                             JsonObject *object,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  PacGuestResource resource;
  const char *name = pac_json_string (object, "metadata.name");
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  if (!pac_guest_client_resource_for_kind (pac_json_string (object, "apiVersion"),
                                           pac_json_string (object, "kind"), &resource)
      || name == NULL)
    {
      g_task_report_new_error (
        self, callback, user_data, pac_guest_client_call_finish, PAC_ERROR, PAC_ERROR_INVALID,
        _ ("Pacific does not handle objects of kind “%s”"), pac_json_string (object, "kind") ?: "");
      return;
    }
  path = object_path (resource, pac_json_string (object, "metadata.namespace") ?: "default", name);
  if (g_str_equal (method, "PUT"))
    body = json_node_init_object (json_node_alloc (), object);
  call (self, method, path, body, cancellable, callback, user_data);
}

/* The cluster's version: {"major": "1", "minor": "17", "gitVersion": …} */
void
pac_guest_client_version_async (PacGuestClient *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  call (self, "GET", "/version", NULL, cancellable, callback, user_data);
}

/* ---- DaemonSet pods: the DaemonSet, then pods by its selector ---- */

/* Hands the answer of an inner call to the outer task */
static void
relay (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JsonNode *node = pac_guest_client_call_finish (PAC_GUEST_CLIENT (source), result, &error);

  pac_json_task_return (task, node, error);
}

static char *
selector_text (JsonObject *match_labels)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) names = match_labels ? json_object_get_members (match_labels) : NULL;

  for (GList *l = names; l; l = l->next)
    {
      const char *value = pac_json_string (match_labels, l->data);
      g_string_append_printf (text, "%s%s=%s", text->len ? "," : "", (const char *) l->data,
                              value ? value : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_daemon_set (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacGuestClient *self = PAC_GUEST_CLIENT (source);
  GError *error = NULL;
  g_autoptr (JsonNode) daemon_set = pac_guest_client_call_finish (self, result, &error);
  JsonObject *object = pac_json_node_object (daemon_set);
  g_autofree char *selector = NULL;

  if (daemon_set == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* matchExpressions are not used by the DaemonSets Pacific manages */
  selector = selector_text (pac_json_object (object, "spec.selector.matchLabels"));
  pac_guest_client_list_async (self, PAC_GUEST_PODS, pac_json_string (object, "metadata.namespace"),
                               selector, NULL, g_task_get_cancellable (task), relay,
                               g_object_ref (task));
}

/* Returns the DaemonSet's pods as one List */
void
pac_guest_client_daemon_set_pods_async (PacGuestClient *self,
                                        const char *namespace,
                                        const char *name,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = object_path (PAC_GUEST_DAEMON_SETS, namespace, name);

  g_task_set_source_tag (task, pac_guest_client_call_finish);
  call (self, "GET", path, NULL, cancellable, on_daemon_set, task);
}

/* The events about @object (kind, namespace and name), as one List */
void
pac_guest_client_events_for_async (PacGuestClient *self,
                                   JsonObject *object,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  const char *namespace = pac_json_string (object, "metadata.namespace");
  g_autofree char *selector = g_strdup_printf ("involvedObject.kind=%s,involvedObject.name=%s",
                                               pac_json_string (object, "kind") ?: "",
                                               pac_json_string (object, "metadata.name") ?: "");

  pac_guest_client_list_async (self, PAC_GUEST_EVENTS, namespace ? namespace : "default", NULL,
                               selector, cancellable, callback, user_data);
}

/* ---- apply: create, or read + compare + patch ---- */

typedef struct
{
  JsonNode *desired;
  char *collection;
  char *path;
  PacApplyOutcome outcome;
  gboolean retried;
} Apply;

static void
apply_free (Apply *apply)
{
  json_node_unref (apply->desired);
  g_free (apply->collection);
  g_free (apply->path);
  g_free (apply);
}

static void read_current (GTask *task);

static void
on_patched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  /* Changed between our read and our patch: compare once more */
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT) && !apply->retried)
    {
      apply->retried = TRUE;
      g_error_free (error);
      read_current (g_steal_pointer (&task));
      return;
    }
  apply->outcome = PAC_APPLY_UPDATED;
  pac_json_task_return (task, node, error);
}

/* The merge patch: what is asked, guarded by the version compared */
static JsonNode *
patch_for (JsonNode *desired, JsonObject *current)
{
  JsonNode *patch = json_node_copy (desired);
  JsonObject *metadata = pac_json_object (pac_json_node_object (patch), "metadata");
  const char *version = pac_json_string (current, "metadata.resourceVersion");

  if (metadata && version)
    json_object_set_string_member (metadata, "resourceVersion", version);
  return patch;
}

static void
on_current (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) current
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  g_autoptr (JsonNode) wanted = NULL;
  g_autoptr (JsonNode) patch = NULL;
  GCancellable *cancellable;
  JsonObject *metadata;

  if (current == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Only labels and annotations of the metadata are ours to compare */
  wanted = json_node_copy (apply->desired);
  if ((metadata = pac_json_object (pac_json_node_object (wanted), "metadata")))
    {
      json_object_remove_member (metadata, "name");
      json_object_remove_member (metadata, "namespace");
    }
  if (pac_json_contains (current, wanted))
    {
      apply->outcome = PAC_APPLY_UNCHANGED;
      g_task_return_pointer (task, g_steal_pointer (&current), (GDestroyNotify) json_node_unref);
      return;
    }
  patch = patch_for (apply->desired, pac_json_node_object (current));
  cancellable = g_task_get_cancellable (task);
  pac_connection_request_async (PAC_CONNECTION (source), "PATCH", apply->path, patch, cancellable,
                                on_patched, g_steal_pointer (&task));
}

static void
read_current (GTask *task)
{
  PacGuestClient *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);

  pac_connection_request_async (self->connection, "GET", apply->path, NULL,
                                g_task_get_cancellable (task), on_current, task);
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  /* 409 AlreadyExists: the idempotent path */
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT))
    {
      g_error_free (error);
      read_current (g_steal_pointer (&task));
      return;
    }
  apply->outcome = PAC_APPLY_CREATED;
  pac_json_task_return (task, node, error);
}

static gboolean
prepare_apply (Apply *apply, JsonObject *manifest, GError **error)
{
  PacGuestResource resource;
  const char *name = pac_json_string (manifest, "metadata.name");
  const char *namespace = pac_json_string (manifest, "metadata.namespace");
  const char *kind = pac_json_string (manifest, "kind");

  if (!pac_guest_client_resource_for_kind (pac_json_string (manifest, "apiVersion"), kind,
                                           &resource))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("Pacific does not apply objects of kind “%s”"), kind ? kind : "");
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("The object has no name"));
      return FALSE;
    }
  if (resources[resource].namespaced && namespace == NULL)
  namespace = "default";
  apply->collection = pac_guest_client_collection_path (resource, namespace);
  apply->path = object_path (resource, namespace, name);
  return TRUE;
}

/**
 * pac_guest_client_apply_async:
 * @manifest: a whole object (apiVersion, kind, metadata, the rest)
 *
 * Creates the object, or brings an existing one to what @manifest says;
 * fields @manifest does not name are left as they are.
 */
void
pac_guest_client_apply_async (PacGuestClient *self,
                              JsonObject *manifest,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Apply *apply = g_new0 (Apply, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, pac_guest_client_apply_async);
  apply->desired = json_node_init_object (json_node_alloc (), manifest);
  g_task_set_task_data (task, apply, (GDestroyNotify) apply_free);
  if (!prepare_apply (apply, manifest, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  pac_connection_request_async (self->connection, "POST", apply->collection, apply->desired,
                                cancellable, on_created, task);
}

/**
 * pac_guest_client_apply_finish:
 * @outcome: (out) (optional): created, updated or unchanged
 *
 * Returns: (transfer full): the object as the cluster has it now
 */
JsonNode *
pac_guest_client_apply_finish (PacGuestClient *self,
                               GAsyncResult *result,
                               PacApplyOutcome *outcome,
                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (outcome)
    *outcome = ((Apply *) g_task_get_task_data (G_TASK (result)))->outcome;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pac_guest_client_dispose (GObject *object)
{
  g_clear_object (&PAC_GUEST_CLIENT (object)->connection);
  G_OBJECT_CLASS (pac_guest_client_parent_class)->dispose (object);
}

static void
pac_guest_client_class_init (PacGuestClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_guest_client_dispose;
}

static void
pac_guest_client_init (PacGuestClient *self)
{
}
