/* pac-registry-status.c: which nodes of a cluster trust which registry CA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From signals a real cluster has: the trust lists on the Supervisor with
 * Pacific's note of when a CA went in, the nodes' creation times (a node
 * built later was built trusting it), and the DaemonSet's Ready pods of
 * the current CA set (the pod turns Ready once the script succeeded).
 */
#define G_LOG_DOMAIN "pac-registry-trust"

#include "config.h"

#include <string.h>

#include "pac-json.h"
#include "pac-registry-daemon-set.h"
#include "pac-registry-trust-private.h"

static GDateTime *
parse_time (const char *text)
{
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* Nodes built after the CA went into the list trust it; without Pacific's
 * note of when, every node of a running cluster is taken to. */
static void
add_list_entries (PacRegistryOp *op,
                  JsonObject *object,
                  const char *list_path,
                  PacRegistryRoute route)
{
  JsonArray *list = pac_json_array (object, list_path);
  JsonObject *annotations = pac_json_object (object, "metadata.annotations");

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      const char *name = pac_json_string (json_array_get_object_element (list, i), "name");
      g_autofree char *key = g_strconcat (PAC_REGISTRY_APPLIED_ANNOTATION, name, NULL);
      g_autoptr (GDateTime) since = parse_time (
        annotations ? json_object_get_string_member_with_default (annotations, key, NULL) : NULL);
      g_autoptr (GStrvBuilder) trusting = g_strv_builder_new ();
      g_autoptr (GStrvBuilder) waiting = g_strv_builder_new ();
      PacRegistryEntry *entry = g_new0 (PacRegistryEntry, 1);

      for (guint n = 0; op->nodes && n < json_array_get_length (op->nodes); n++)
        {
          JsonObject *node = json_array_get_object_element (op->nodes, n);
          g_autoptr (GDateTime) created
            = parse_time (pac_json_string (node, "metadata.creationTimestamp"));
          gboolean trusts = since == NULL || (created && g_date_time_compare (created, since) >= 0);
          g_strv_builder_add (trusts ? trusting : waiting, pac_json_string (node, "metadata.name"));
        }
      entry->name = g_strdup (name);
      entry->route = route;
      entry->trusting = g_strv_builder_end (trusting);
      entry->waiting = g_strv_builder_end (waiting);
      g_ptr_array_add (op->entries, entry);
    }
}

static void
add_daemon_set_entries (PacRegistryOp *op, JsonArray *pods)
{
  JsonObject *data = pac_json_object (op->secret, "data");
  g_autoptr (GList) keys = data ? json_object_get_members (data) : NULL;
  g_auto (GStrv) ready = pac_registry_daemon_set_ready_nodes (op->daemon_set, pods);

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l; l = l->next)
    {
      PacRegistryEntry *entry = g_new0 (PacRegistryEntry, 1);
      g_autoptr (GStrvBuilder) trusting = g_strv_builder_new ();
      g_autoptr (GStrvBuilder) waiting = g_strv_builder_new ();

      for (guint n = 0; op->nodes && n < json_array_get_length (op->nodes); n++)
        {
          const char *node
            = pac_json_string (json_array_get_object_element (op->nodes, n), "metadata.name");
          g_strv_builder_add (
            g_strv_contains ((const char *const *) ready, node) ? trusting : waiting, node);
        }
      entry->name
        = g_strndup (l->data, strlen (l->data) - (g_str_has_suffix (l->data, ".crt") ? 4 : 0));
      entry->route = PAC_REGISTRY_ROUTE_DAEMON_SET;
      entry->trusting = g_strv_builder_end (trusting);
      entry->waiting = g_strv_builder_end (waiting);
      g_ptr_array_add (op->entries, entry);
    }
}

static void
finish_status (GTask *task, JsonArray *pods)
{
  PacRegistryOp *op = g_task_get_task_data (task);

  if (op->cluster_object)
    add_list_entries (op, op->cluster_object, CLUSTER_LIST, PAC_REGISTRY_ROUTE_CLUSTER);
  if (op->global_object)
    add_list_entries (op, op->global_object, GLOBAL_LIST, PAC_REGISTRY_ROUTE_GLOBAL);
  if (op->daemon_set && op->secret)
    add_daemon_set_entries (op, pods);
  g_task_return_pointer (task, g_ptr_array_ref (op->entries), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_status_pods (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) pods = pac_guest_client_call_finish (op->guest, result, &error);

  if (pods == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  finish_status (task, pac_json_array (pac_json_node_object (pods), "items"));
}

static void
on_status_secret (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) secret = pac_guest_client_call_finish (op->guest, result, &error);

  if (secret)
    op->secret = json_object_ref (json_node_get_object (secret));
  pac_guest_client_list_async (op->guest, PAC_GUEST_PODS, PAC_REGISTRY_NAMESPACE,
                               "app.kubernetes.io/name=" PAC_REGISTRY_DAEMON_SET, NULL,
                               g_task_get_cancellable (task), on_status_pods, g_object_ref (task));
}

static void
on_status_daemon_set (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) daemon_set = pac_guest_client_call_finish (op->guest, result, &error);
  g_autoptr (JsonObject) reference = pac_registry_reference ("v1", "Secret", PAC_REGISTRY_SECRET);

  /* None of Pacific's (or no right to read it): no DaemonSet entries */
  if (daemon_set == NULL)
    {
      finish_status (task, NULL);
      return;
    }
  op->daemon_set = json_object_ref (json_node_get_object (daemon_set));
  pac_guest_client_send_async (op->guest, "GET", reference, g_task_get_cancellable (task),
                               on_status_secret, g_object_ref (task));
}

static void
on_status_nodes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) nodes = pac_guest_client_call_finish (op->guest, result, &error);
  g_autoptr (JsonObject) reference = NULL;

  if (nodes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  op->nodes = json_array_ref (pac_json_array (pac_json_node_object (nodes), "items"));
  reference = pac_registry_reference ("apps/v1", "DaemonSet", PAC_REGISTRY_DAEMON_SET);
  pac_guest_client_send_async (op->guest, "GET", reference, g_task_get_cancellable (task),
                               on_status_daemon_set, g_object_ref (task));
}

static void
status_in_guest (GTask *task)
{
  PacRegistryOp *op = g_task_get_task_data (task);

  pac_guest_client_list_async (op->guest, PAC_GUEST_NODES, NULL, NULL, NULL,
                               g_task_get_cancellable (task), on_status_nodes, task);
}

static void
on_status_global (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) global
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  /* Reading it may need rights the user lacks: then it is not shown */
  if (global)
    op->global_object = json_object_ref (json_node_get_object (global));
  pac_registry_op_open_guest (task, status_in_guest);
}

static void
on_status_cluster (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryTrust *self = g_task_get_source_object (task);
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) cluster
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  g_autofree char *path = NULL;

  if (cluster == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->cluster_object = json_object_ref (json_node_get_object (cluster));
  if (self->global_version == NULL)
    {
      pac_registry_op_open_guest (task, status_in_guest);
      return;
    }
  path = g_strdup_printf (GLOBAL_PATH, self->global_version);
  pac_connection_request_async (PAC_CONNECTION (source), "GET", path, NULL,
                                g_task_get_cancellable (task), on_status_global, task);
}

/**
 * pac_registry_trust_status_async:
 *
 * Which CAs reach the cluster's nodes, by which route, and which nodes
 * trust each already: read from the trust lists, the nodes' creation
 * times and the DaemonSet's Ready pods.
 */
void
pac_registry_trust_status_async (PacRegistryTrust *self,
                                 const char *namespace,
                                 const char *cluster,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PacRegistryOp *op = g_new0 (PacRegistryOp, 1);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, pac_registry_trust_status_async);
  op->namespace = g_strdup (namespace);
  op->cluster = g_strdup (cluster);
  op->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_registry_entry_free);
  g_task_set_task_data (task, op, (GDestroyNotify) pac_registry_op_free);
  path = g_strdup_printf (CLUSTER_PATH, self->cluster_version ? self->cluster_version : "v1alpha1",
                          namespace, cluster);
  pac_connection_request_async (pac_supervisor_client_get_connection (self->supervisor), "GET",
                                path, NULL, cancellable, on_status_cluster, task);
}

/* Returns: (transfer full) (element-type PacRegistryEntry): by route, then name */
GPtrArray *
pac_registry_trust_status_finish (PacRegistryTrust *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
