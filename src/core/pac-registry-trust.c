/* pac-registry-trust.c: distributing a private registry's root CA to
 * guest clusters, by the routes a Supervisor offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/resources.md, "Registry CAs". The per-cluster and the global route edit
 * a trust list on the Supervisor (single base64 of the PEM, entries by
 * name: the same name and data are no change, a renewed certificate
 * replaces its entry) by merge patch guarded with resourceVersion, and
 * note the time in an annotation of Pacific's: nodes created after it
 * were built trusting the CA. The DaemonSet route works in the guest
 * cluster itself (pac-registry-daemon-set.c); its Ready pods tell which
 * nodes ran the install.
 */
#define G_LOG_DOMAIN "pac-registry-trust"

#include "config.h"

#include "pac-registry-trust.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-guest-client.h"
#include "pac-json.h"
#include "pac-registry-daemon-set.h"
#include "pac-registry-trust-private.h"

G_DEFINE_FINAL_TYPE (PacRegistryTrust, pac_registry_trust, G_TYPE_OBJECT)

/* ---- routes ---- */

static const char *const route_names[] = { "cluster", "global", "daemonset" };

const char *
pac_registry_route_to_string (PacRegistryRoute route)
{
  return route_names[route];
}

gboolean
pac_registry_route_from_string (const char *text, PacRegistryRoute *route)
{
  for (guint i = 0; i < G_N_ELEMENTS (route_names); i++)
    if (g_strcmp0 (text, route_names[i]) == 0)
      {
        *route = (PacRegistryRoute) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pac_registry_route_title (PacRegistryRoute route)
{
  switch (route)
    {
      case PAC_REGISTRY_ROUTE_CLUSTER:
        return _ ("In each cluster’s specification");
      case PAC_REGISTRY_ROUTE_GLOBAL:
        return _ ("For every cluster of the Supervisor");
      case PAC_REGISTRY_ROUTE_DAEMON_SET:
      default:
        return _ ("By a DaemonSet in each cluster");
    }
}

const char *
pac_registry_route_explain (PacRegistryRoute route)
{
  switch (route)
    {
      case PAC_REGISTRY_ROUTE_CLUSTER:
        return _ ("Adds the CA to the cluster’s trust settings. Every node, control plane "
                  "included, is replaced by a rolling update; workloads move while it runs.");
      case PAC_REGISTRY_ROUTE_GLOBAL:
        return _ ("Adds the CA to the Supervisor’s TKG service configuration. New clusters trust "
                  "it; existing ones only from their next rolling update (an upgrade, say). "
                  "Needs administrator rights on the Supervisor.");
      case PAC_REGISTRY_ROUTE_DAEMON_SET:
      default:
        return _ ("Runs a privileged DaemonSet in a namespace of Pacific’s own that adds the CA to "
                  "each node’s trust store and restarts containerd where it changed. Works on "
                  "every Supervisor version, at once and on nodes added later; nodes keep the CA "
                  "until they are replaced.");
    }
}

static gboolean
has_version (const PacCapabilities *capabilities, const char *version)
{
  return capabilities && capabilities->tkc_versions
         && g_strv_contains ((const char *const *) capabilities->tkc_versions, version);
}

/* The TKC version whose spec has settings.network.trust */
static const char *
cluster_trust_version (const PacCapabilities *capabilities)
{
  return has_version (capabilities, "v1alpha3")   ? "v1alpha3"
         : has_version (capabilities, "v1alpha2") ? "v1alpha2"
                                                  : NULL;
}

/**
 * pac_registry_route_offered:
 * @why_not: (out) (optional): why a route is not offered
 */
gboolean
pac_registry_route_offered (PacRegistryRoute route,
                            const PacCapabilities *capabilities,
                            const char **why_not)
{
  const char *reason = NULL;

  if (route == PAC_REGISTRY_ROUTE_CLUSTER && cluster_trust_version (capabilities) == NULL)
    reason = _ ("This Supervisor’s TanzuKubernetesCluster API (v1alpha1) has no trust settings; "
                "they came with v1alpha2 in vSphere 7.0 Update 3");
  else if (route == PAC_REGISTRY_ROUTE_GLOBAL && !(capabilities && capabilities->global_trust))
    reason = _ ("This Supervisor’s TKG service configuration has no trust settings; they came "
                "with vSphere 7.0 Update 2");
  if (why_not)
    *why_not = reason;
  return reason == NULL;
}

/* ---- trust lists ---- */

static JsonObject *
entry_new (const PacRegistryCa *ca)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *data = pac_registry_ca_get_data (ca);

  json_object_set_string_member (entry, "name", ca->name);
  json_object_set_string_member (entry, "data", data);
  return entry;
}

/**
 * pac_registry_trust_list_with:
 * @list: (nullable): additionalTrustedCAs as it is
 * @changed: (out): whether the result differs
 *
 * Returns: (transfer full): @list with @ca, replacing the entry of its name
 */
JsonArray *
pac_registry_trust_list_with (JsonArray *list, const PacRegistryCa *ca, gboolean *changed)
{
  JsonArray *result = json_array_new ();
  g_autofree char *data = pac_registry_ca_get_data (ca);
  gboolean found = FALSE;

  *changed = FALSE;
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      if (entry == NULL)
        continue;
      if (g_strcmp0 (pac_json_string (entry, "name"), ca->name) != 0)
        json_array_add_object_element (result, json_object_ref (entry));
      else if (!found)
        {
          found = TRUE;
          *changed = g_strcmp0 (pac_json_string (entry, "data"), data) != 0;
          json_array_add_object_element (result, entry_new (ca));
        }
      else
        *changed = TRUE; /* a duplicate of the name goes */
    }
  if (!found)
    {
      json_array_add_object_element (result, entry_new (ca));
      *changed = TRUE;
    }
  return result;
}

/* Returns: (transfer full): @list without the entry named @name */
JsonArray *
pac_registry_trust_list_without (JsonArray *list, const char *name, gboolean *changed)
{
  JsonArray *result = json_array_new ();

  *changed = FALSE;
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      if (entry && g_strcmp0 (pac_json_string (entry, "name"), name) == 0)
        *changed = TRUE;
      else if (entry)
        json_array_add_object_element (result, json_object_ref (entry));
    }
  return result;
}

void
pac_registry_entry_free (PacRegistryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_strfreev (entry->trusting);
  g_strfreev (entry->waiting);
  g_free (entry);
}

/* ---- the object ---- */

static void
pac_registry_trust_finalize (GObject *object)
{
  PacRegistryTrust *self = PAC_REGISTRY_TRUST (object);

  g_clear_object (&self->supervisor);
  g_free (self->cluster_version);
  g_free (self->global_version);
  g_free (self->image);
  G_OBJECT_CLASS (pac_registry_trust_parent_class)->finalize (object);
}

static void
pac_registry_trust_class_init (PacRegistryTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_registry_trust_finalize;
}

static void
pac_registry_trust_init (PacRegistryTrust *self)
{
}

PacRegistryTrust *
pac_registry_trust_new (PacSupervisorClient *supervisor, const PacCapabilities *capabilities)
{
  PacRegistryTrust *self = g_object_new (PAC_TYPE_REGISTRY_TRUST, NULL);

  self->supervisor = g_object_ref (supervisor);
  self->cluster_version = g_strdup (cluster_trust_version (capabilities));
  if (capabilities && capabilities->global_trust)
    self->global_version = g_strdup (capabilities->service_configuration_version);
  return self;
}

/* @image: (nullable): the DaemonSet's image; %NULL picks one every node has */
void
pac_registry_trust_set_image (PacRegistryTrust *self, const char *image)
{
  g_free (self->image);
  self->image = image && *image ? g_strdup (image) : NULL;
}

/* ---- one change ---- */

void
pac_registry_op_free (PacRegistryOp *op)
{
  pac_registry_ca_free (op->ca);
  g_free (op->remove);
  g_free (op->namespace);
  g_free (op->cluster);
  g_free (op->path);
  g_clear_object (&op->guest);
  g_free (op->image);
  g_clear_pointer (&op->secret, json_object_unref);
  g_clear_pointer (&op->entries, g_ptr_array_unref);
  g_clear_pointer (&op->nodes, json_array_unref);
  g_clear_pointer (&op->cluster_object, json_object_unref);
  g_clear_pointer (&op->global_object, json_object_unref);
  g_clear_pointer (&op->daemon_set, json_object_unref);
  g_free (op);
}

PacConnection *
pac_registry_op_connection (GTask *task)
{
  PacRegistryTrust *self = g_task_get_source_object (task);

  return pac_supervisor_client_get_connection (self->supervisor);
}

static void
return_changed (GTask *task, gboolean changed)
{
  g_task_return_int (task, changed ? 1 : 0);
}

/* ---- the Supervisor's trust lists ---- */

/* {"a":{"b":{"c": value}}} for "a.b.c" */
static JsonObject *
nest (const char *path, JsonNode *value)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonObject *inner = json_object_new ();

  json_object_set_member (inner, parts[n - 1], value);
  for (guint i = n - 1; i-- > 0;)
    {
      JsonObject *outer = json_object_new ();
      json_object_set_object_member (outer, parts[i], inner);
      inner = outer;
    }
  return inner;
}

static void on_list_read (GObject *source, GAsyncResult *result, gpointer user_data);

/* The Supervisor writes a cluster's status all the time, and each write
 * moves its resourceVersion: a 409 reads the list again and edits that,
 * twice at most, never overwriting what another client changed */
#define CONFLICT_RETRIES 2

static void
on_list_patched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (answer)
    return_changed (task, TRUE);
  else if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT)
           && op->conflicts++ < CONFLICT_RETRIES)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_error_free (error);
      pac_connection_request_async (PAC_CONNECTION (source), "GET", op->path, NULL, cancellable,
                                    on_list_read, g_steal_pointer (&task));
    }
  else
    g_task_return_error (task, error);
}

static void
on_list_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) current
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  JsonObject *object = pac_json_node_object (current);
  g_autoptr (JsonArray) list = NULL;
  g_autoptr (JsonNode) patch = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) list_node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *key = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *patch_object;
  JsonObject *metadata = json_object_new ();
  JsonObject *annotations = json_object_new ();
  gboolean changed = FALSE;

  if (object == NULL)
    {
      json_object_unref (metadata);
      json_object_unref (annotations);
      g_task_return_error (task, error);
      return;
    }
  list = op->ca ? pac_registry_trust_list_with (pac_json_array (object, op->list), op->ca, &changed)
                : pac_registry_trust_list_without (pac_json_array (object, op->list), op->remove,
                                                   &changed);
  if (!changed)
    {
      json_object_unref (metadata);
      json_object_unref (annotations);
      return_changed (task, FALSE);
      return;
    }
  json_node_set_array (list_node, list);
  patch_object = nest (op->list, g_steal_pointer (&list_node));
  /* Guarded: a list changed since it was read is not overwritten */
  json_object_set_string_member (metadata, "resourceVersion",
                                 pac_json_string (object, "metadata.resourceVersion"));
  key = g_strconcat (PAC_REGISTRY_APPLIED_ANNOTATION, op->ca ? op->ca->name : op->remove, NULL);
  if (op->ca)
    {
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
      json_object_set_string_member (annotations, key, stamp);
    }
  else
    json_object_set_null_member (annotations, key);
  json_object_set_object_member (metadata, "annotations", annotations);
  json_object_set_object_member (patch_object, "metadata", metadata);
  json_node_take_object (patch, patch_object);
  pac_connection_request_async (PAC_CONNECTION (source), "PATCH", op->path, patch,
                                g_task_get_cancellable (task), on_list_patched,
                                g_object_ref (task));
}

static void
edit_supervisor_list (GTask *task)
{
  PacRegistryTrust *self = g_task_get_source_object (task);
  PacRegistryOp *op = g_task_get_task_data (task);
  const char *why_not = NULL;

  if (op->route == PAC_REGISTRY_ROUTE_CLUSTER && self->cluster_version == NULL)
    why_not = _ ("This Supervisor’s clusters have no trust settings");
  else if (op->route == PAC_REGISTRY_ROUTE_GLOBAL && self->global_version == NULL)
    why_not = _ ("This Supervisor’s TKG service configuration has no trust settings");
  if (why_not)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, "%s", why_not);
      g_object_unref (task);
      return;
    }
  if (op->route == PAC_REGISTRY_ROUTE_CLUSTER)
    {
      op->path = g_strdup_printf (CLUSTER_PATH, self->cluster_version, op->namespace, op->cluster);
      op->list = CLUSTER_LIST;
    }
  else
    {
      op->path = g_strdup_printf (GLOBAL_PATH, self->global_version);
      op->list = GLOBAL_LIST;
    }
  pac_connection_request_async (pac_registry_op_connection (task), "GET", op->path, NULL,
                                g_task_get_cancellable (task), on_list_read, task);
}

/* ---- the DaemonSet route ---- */

JsonObject *
pac_registry_reference (const char *api_version, const char *kind, const char *name)
{
  JsonObject *reference = json_object_new ();
  JsonObject *metadata = json_object_new ();

  json_object_set_string_member (reference, "apiVersion", api_version);
  json_object_set_string_member (reference, "kind", kind);
  json_object_set_string_member (metadata, "name", name);
  /* Pacific's objects live in its namespace; the namespace itself in none */
  if (!g_str_equal (kind, "Namespace"))
    json_object_set_string_member (metadata, "namespace", PAC_REGISTRY_NAMESPACE);
  json_object_set_object_member (reference, "metadata", metadata);
  return reference;
}

static void
on_changes_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  guint changed = 0;

  if (!pac_guest_changes_apply_finish (PAC_GUEST_CLIENT (source), result, &changed, &error))
    g_task_return_error (task, error);
  else
    return_changed (task, changed > 0);
}

/* The CA set without the removed one: gone entirely, or rewritten */
static GPtrArray *
removal_changes (PacRegistryOp *op, JsonObject *data)
{
  GPtrArray *changes;

  if (json_object_get_size (data) == 0)
    return pac_registry_daemon_set_removal ();
  changes = pac_registry_daemon_set_plan (data, op->minor, op->image);
  for (guint i = 0; i < changes->len; i++)
    {
      PacGuestChange *change = g_ptr_array_index (changes, i);
      if (g_strcmp0 (pac_json_string (change->object, "kind"), "Secret") == 0)
        {
          /* a merge patch cannot drop a key: the whole Secret, as read */
          JsonObject *whole = json_object_ref (op->secret);
          json_object_set_object_member (whole, "data", json_object_ref (data));
          json_object_unref (change->object);
          change->object = whole;
          change->kind = PAC_GUEST_CHANGE_REPLACE;
        }
    }
  return changes;
}

static void
on_secret_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) secret = pac_guest_client_call_finish (op->guest, result, &error);
  g_autoptr (JsonObject) data = NULL;
  g_autoptr (GPtrArray) changes = NULL;

  if (secret == NULL && !g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (secret)
    op->secret = json_object_ref (json_node_get_object (secret));
  if (op->remove && op->secret == NULL)
    {
      return_changed (task, FALSE);
      return;
    }
  data = pac_registry_daemon_set_secret_data (op->secret, op->ca, op->remove);
  if (op->remove && pac_json_object (op->secret, "data")
      && json_object_get_size (data) == json_object_get_size (pac_json_object (op->secret, "data")))
    {
      return_changed (task, FALSE);
      return;
    }
  changes = op->ca ? pac_registry_daemon_set_plan (data, op->minor, op->image)
                   : removal_changes (op, data);
  pac_guest_changes_apply_async (op->guest, changes, g_task_get_cancellable (task),
                                 on_changes_applied, g_object_ref (task));
}

static void
read_secret (GTask *task)
{
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (JsonObject) reference = pac_registry_reference ("v1", "Secret", PAC_REGISTRY_SECRET);

  pac_guest_client_send_async (op->guest, "GET", reference, g_task_get_cancellable (task),
                               on_secret_read, task);
}

static void
on_daemon_set_nodes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) list = pac_guest_client_call_finish (op->guest, result, &error);

  if (list == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->image
    = pac_registry_daemon_set_default_image (pac_json_array (pac_json_node_object (list), "items"));
  read_secret (task);
}

static guint
parse_minor (JsonNode *version)
{
  const char *minor = pac_json_string (pac_json_node_object (version), "minor");

  /* "26", or "26+" from some distributions */
  return minor ? (guint) g_ascii_strtoull (minor, NULL, 10) : 0;
}

static void
on_daemon_set_version (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryTrust *self = g_task_get_source_object (task);
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) version = pac_guest_client_call_finish (op->guest, result, &error);

  if (version == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->minor = parse_minor (version);
  if (self->image)
    {
      op->image = g_strdup (self->image);
      read_secret (task);
    }
  else
    pac_guest_client_list_async (op->guest, PAC_GUEST_NODES, NULL, NULL, NULL,
                                 g_task_get_cancellable (task), on_daemon_set_nodes, task);
}

static void
on_guest_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (PacConnection) guest
    = pac_connection_open_guest_finish (PAC_CONNECTION (source), result, &error);

  if (guest == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->guest = pac_guest_client_new (guest);
  op->after_guest (task);
}

void
pac_registry_op_open_guest (GTask *task, PacRegistryStep next)
{
  PacRegistryOp *op = g_task_get_task_data (task);

  op->after_guest = next;
  pac_connection_open_guest_async (pac_registry_op_connection (task), op->namespace, op->cluster,
                                   g_task_get_cancellable (task), on_guest_opened, task);
}

static void
read_version (GTask *task)
{
  PacRegistryOp *op = g_task_get_task_data (task);

  pac_guest_client_version_async (op->guest, g_task_get_cancellable (task), on_daemon_set_version,
                                  task);
}

/* A namespace being deleted is removed already: its contents go with it */
static void
on_namespace_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) namespace = pac_guest_client_call_finish (op->guest, result, &error);

  if (namespace == NULL && !g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (namespace == NULL
           || pac_json_string (pac_json_node_object (namespace), "metadata.deletionTimestamp"))
    return_changed (task, FALSE);
  else
    {
      read_version (task);
      return;
    }
  g_object_unref (task);
}

static void
daemon_set_change (GTask *task)
{
  PacRegistryOp *op = g_task_get_task_data (task);
  g_autoptr (JsonObject) reference = NULL;

  if (op->ca)
    {
      read_version (task);
      return;
    }
  reference = pac_registry_reference ("v1", "Namespace", PAC_REGISTRY_NAMESPACE);
  pac_guest_client_send_async (op->guest, "GET", reference, g_task_get_cancellable (task),
                               on_namespace_read, task);
}

/* ---- adding and removing ---- */

static GTask *
change_task (PacRegistryTrust *self,
             PacRegistryRoute route,
             const char *namespace,
             const char *cluster,
             GCancellable *cancellable,
             GAsyncReadyCallback callback,
             gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PacRegistryOp *op = g_new0 (PacRegistryOp, 1);

  g_task_set_source_tag (task, pac_registry_trust_change_finish);
  op->route = route;
  op->namespace = g_strdup (namespace);
  op->cluster = g_strdup (cluster);
  g_task_set_task_data (task, op, (GDestroyNotify) pac_registry_op_free);
  return task;
}

static void
start_change (GTask *task)
{
  PacRegistryOp *op = g_task_get_task_data (task);

  if (op->route == PAC_REGISTRY_ROUTE_DAEMON_SET)
    pac_registry_op_open_guest (task, daemon_set_change);
  else
    edit_supervisor_list (task);
}

/**
 * pac_registry_trust_add_async:
 *
 * Finishes with pac_registry_trust_change_finish(); the same CA under the
 * same name again is no change.
 */
void
pac_registry_trust_add_async (PacRegistryTrust *self,
                              PacRegistryRoute route,
                              const PacRegistryCa *ca,
                              const char *namespace,
                              const char *cluster,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = change_task (self, route, namespace, cluster, cancellable, callback, user_data);
  PacRegistryOp *op = g_task_get_task_data (task);

  op->ca = pac_registry_ca_copy (ca);
  start_change (task);
}

/* Removes the CA named @name from what the route added */
void
pac_registry_trust_remove_async (PacRegistryTrust *self,
                                 PacRegistryRoute route,
                                 const char *name,
                                 const char *namespace,
                                 const char *cluster,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = change_task (self, route, namespace, cluster, cancellable, callback, user_data);
  PacRegistryOp *op = g_task_get_task_data (task);

  op->remove = g_strdup (name);
  start_change (task);
}

gboolean
pac_registry_trust_change_finish (PacRegistryTrust *self,
                                  GAsyncResult *result,
                                  gboolean *changed,
                                  GError **error)
{
  GError *inner = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  value = g_task_propagate_int (G_TASK (result), &inner);
  if (inner)
    {
      g_propagate_error (error, inner);
      return FALSE;
    }
  if (changed)
    *changed = value > 0;
  return TRUE;
}
