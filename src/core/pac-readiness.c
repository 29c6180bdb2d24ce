/* pac-readiness.c: is a Supervisor ready for Tanzu Kubernetes clusters,
 * and the fixes for what is missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article's prerequisites, read where they live (doc/protocols.md,
 * "vCenter REST"): the Supervisor's state and attached library
 * from vCenter's namespace-management cluster Info; the library's
 * subscription and last sync from the content library API, its
 * reachability from vCenter's probe; the releases from the Supervisor's
 * TanzuKubernetesRelease list; the namespaces and their storage policies
 * and VM classes from vCenter's namespace Info. Without a vCenter
 * account the Supervisor's own view stands in (its namespaces, their
 * storage quotas and VM class bindings), read-only.
 *
 * A check runs in three rounds of parallel reads: the lists, then what
 * they name, then the probe of the attached library's subscription.
 */
#define G_LOG_DOMAIN "pac-readiness"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-cluster-choices.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-readiness-private.h"

struct _PacReadiness
{
  GObject parent_instance;

  PacVcenterClient *vcenter;
  char *cluster;
  PacSupervisorClient *client;
  PacCapabilities *capabilities;
  GListStore *items;
  GPtrArray *namespaces;
  GHashTable *syncing; /* library ids a sync was asked for */
};

G_DEFINE_FINAL_TYPE (PacReadiness, pac_readiness, G_TYPE_OBJECT)

PacReadiness *
pac_readiness_new (PacVcenterClient *vcenter,
                   const char *cluster,
                   PacSupervisorClient *client,
                   const PacCapabilities *capabilities)
{
  PacReadiness *self = g_object_new (PAC_TYPE_READINESS, NULL);

  g_return_val_if_fail (vcenter == NULL || cluster != NULL, self);
  self->vcenter = vcenter ? g_object_ref (vcenter) : NULL;
  self->cluster = g_strdup (cluster);
  if (client && capabilities)
    {
      self->client = g_object_ref (client);
      self->capabilities = pac_capabilities_copy (capabilities);
    }
  return self;
}

PacVcenterClient *
pac_readiness_get_vcenter (PacReadiness *self)
{
  return self->vcenter;
}

const char *
pac_readiness_get_cluster (PacReadiness *self)
{
  return self->cluster;
}

gboolean
pac_readiness_can_fix (PacReadiness *self)
{
  return self->vcenter != NULL;
}

GListModel *
pac_readiness_get_items (PacReadiness *self)
{
  return G_LIST_MODEL (self->items);
}

/* Returns: (transfer none) (nullable): %NULL before the first check */
PacReadinessItem *
pac_readiness_get_item (PacReadiness *self, PacCheck check)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacReadinessItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (pac_readiness_item_get_check (item) == check)
        return item; /* the store keeps it */
    }
  return NULL;
}

static gboolean
any_in_state (PacReadiness *self, PacReadinessState state)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacReadinessItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (pac_readiness_item_get_state (item) == state)
        return TRUE;
    }
  return FALSE;
}

gboolean
pac_readiness_is_ready (PacReadiness *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacReadinessItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      PacReadinessState state = pac_readiness_item_get_state (item);
      /* What only a vCenter account can see does not block. */
      if (state != PAC_READINESS_OK && state != PAC_READINESS_UNKNOWN)
        return FALSE;
    }
  return n > 0;
}

gboolean
pac_readiness_is_settling (PacReadiness *self)
{
  return any_in_state (self, PAC_READINESS_PROGRESS);
}

GPtrArray *
pac_readiness_get_namespaces (PacReadiness *self)
{
  return self->namespaces;
}

void
pac_readiness_mark_syncing (PacReadiness *self, const char *library)
{
  g_hash_table_add (self->syncing, g_strdup (library));
}

/* ---- the facts a check gathers ---- */

typedef struct
{
  char *name;
  guint n_storage;
  guint n_classes;
  gboolean no_vm_service; /* before 7.0 U2 every class serves every namespace */
  GError *error;
} NamespaceFacts;

static void
namespace_facts_free (NamespaceFacts *facts)
{
  g_free (facts->name);
  g_clear_error (&facts->error);
  g_free (facts);
}

typedef struct
{
  guint pending;
  guint round;
  JsonNode *cluster;
  GError *cluster_error;
  JsonNode *library_ids;
  GError *libraries_error;
  GHashTable *libraries; /* id → JsonNode Info */
  gint releases;         /* -1: not read */
  GError *releases_error;
  char *version;
  GError *version_error;
  GPtrArray *namespaces; /* NamespaceFacts */
  GError *namespaces_error;
  char *probe_status;
  GError *probe_error;
} Gather;

static void
gather_free (Gather *gather)
{
  g_clear_pointer (&gather->cluster, json_node_unref);
  g_clear_pointer (&gather->library_ids, json_node_unref);
  g_clear_pointer (&gather->libraries, g_hash_table_unref);
  g_clear_pointer (&gather->namespaces, g_ptr_array_unref);
  g_free (gather->version);
  g_free (gather->probe_status);
  g_clear_error (&gather->cluster_error);
  g_clear_error (&gather->libraries_error);
  g_clear_error (&gather->releases_error);
  g_clear_error (&gather->version_error);
  g_clear_error (&gather->namespaces_error);
  g_clear_error (&gather->probe_error);
  g_free (gather);
}

static void next_round (GTask *task);

static void
one_done (GTask *task)
{
  Gather *gather = g_task_get_task_data (task);

  if (--gather->pending == 0)
    next_round (task);
  g_object_unref (task);
}

static const char *
attached_id (Gather *gather)
{
  const char *id = pac_json_string (pac_json_node_object (gather->cluster),
                                    "default_kubernetes_service_content_library");

  return id && *id ? id : NULL;
}

static JsonObject *
attached_library (Gather *gather)
{
  const char *id = attached_id (gather);
  JsonNode *info = id ? g_hash_table_lookup (gather->libraries, id) : NULL;

  return info ? pac_json_node_object (info) : NULL;
}

/* ---- round one: the lists ---- */

static void
on_cluster (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Gather *gather = g_task_get_task_data (task);

  gather->cluster
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &gather->cluster_error);
  one_done (task);
}

static void
on_library_ids (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Gather *gather = g_task_get_task_data (task);

  gather->library_ids = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result,
                                                        &gather->libraries_error);
  one_done (task);
}

static void
on_namespace_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacReadiness *self = g_task_get_source_object (task);
  Gather *gather = g_task_get_task_data (task);
  g_autoptr (JsonNode) answer
    = PAC_IS_VCENTER_CLIENT (source)
        ? pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result,
                                          &gather->namespaces_error)
        : pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result,
                                             &gather->namespaces_error);
  JsonArray *list = answer && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (list, i));
      const char *cluster = pac_json_string (entry, "cluster");
      NamespaceFacts *facts;

      /* vCenter lists the namespaces of every Supervisor */
      if (self->vcenter && g_strcmp0 (cluster, self->cluster) != 0)
        continue;
      facts = g_new0 (NamespaceFacts, 1);
      facts->name = g_strdup (pac_json_string (entry, "namespace"));
      if (facts->name)
        g_ptr_array_add (gather->namespaces, facts);
      else
        namespace_facts_free (facts);
    }
  one_done (task);
}

static void
on_releases (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Gather *gather = g_task_get_task_data (task);
  g_autoptr (JsonNode) list
    = pac_connection_list_finish (PAC_CONNECTION (source), result, &gather->releases_error);
  JsonArray *items = list ? pac_json_array (pac_json_node_object (list), "items") : NULL;

  gather->releases = list ? (gint) (items ? json_array_get_length (items) : 0) : -1;
  one_done (task);
}

static void
on_version (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Gather *gather = g_task_get_task_data (task);
  g_autoptr (JsonNode) answer
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &gather->version_error);

  gather->version = g_strdup (pac_json_string (pac_json_node_object (answer), "gitVersion"));
  one_done (task);
}

static void
start_lists (GTask *task)
{
  PacReadiness *self = g_task_get_source_object (task);
  Gather *gather = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->vcenter)
    {
      gather->pending += 3;
      pac_vcenter_client_get_supervisor_async (self->vcenter, self->cluster, cancellable,
                                               on_cluster, g_object_ref (task));
      pac_vcenter_client_list_libraries_async (self->vcenter, cancellable, on_library_ids,
                                               g_object_ref (task));
      pac_vcenter_client_list_namespaces_async (self->vcenter, cancellable, on_namespace_list,
                                                g_object_ref (task));
    }
  if (self->client)
    {
      PacConnection *connection = pac_supervisor_client_get_connection (self->client);
      g_autofree char *path
        = g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/tanzukubernetesreleases",
                           self->capabilities->release_version);

      gather->pending += 2;
      pac_connection_list_async (connection, path, cancellable, on_releases, g_object_ref (task));
      pac_connection_request_async (connection, "GET", "/version", NULL, cancellable, on_version,
                                    g_object_ref (task));
      if (self->vcenter == NULL)
        {
          gather->pending++;
          pac_supervisor_client_workloads_async (self->client, cancellable, on_namespace_list,
                                                 g_object_ref (task));
        }
    }
}

/* ---- round two: each library and namespace ---- */

typedef struct
{
  GTask *task;
  char *key;
} Pending;

static Pending *
pending_new (GTask *task, const char *key)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->task = g_object_ref (task);
  pending->key = g_strdup (key);
  ((Gather *) g_task_get_task_data (task))->pending++;
  return pending;
}

static void
pending_done (Pending *pending)
{
  GTask *task = pending->task;

  g_free (pending->key);
  g_free (pending);
  one_done (task);
}

static void
on_library (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  Gather *gather = g_task_get_task_data (pending->task);
  g_autoptr (GError) error = NULL;
  JsonNode *info = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);

  if (info)
    g_hash_table_insert (gather->libraries, g_strdup (pending->key), info);
  else if (gather->libraries_error == NULL
           && !g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    gather->libraries_error = g_steal_pointer (&error);
  pending_done (pending);
}

static NamespaceFacts *
facts_of (Gather *gather, const char *name)
{
  for (guint i = 0; i < gather->namespaces->len; i++)
    {
      NamespaceFacts *facts = g_ptr_array_index (gather->namespaces, i);
      if (g_str_equal (facts->name, name))
        return facts;
    }
  g_return_val_if_reached (NULL);
}

/* Whether namespaces go without VM classes of their own here: the
 * Supervisor serves no VirtualMachineClassBindings (7.0.1), or, without
 * its discovery, vCenter's namespace Info has no vm_service_spec */
static gboolean
no_vm_service (PacReadiness *self, JsonObject *info)
{
  if (self->capabilities)
    return !self->capabilities->vm_service;
  return info && pac_json_object (info, "vm_service_spec") == NULL;
}

static void
on_namespace_info (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  NamespaceFacts *facts = facts_of (g_task_get_task_data (pending->task), pending->key);
  g_autoptr (JsonNode) info
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &facts->error);
  JsonObject *object = pac_json_node_object (info);
  JsonArray *storage = pac_json_array (object, "storage_specs");
  JsonArray *classes = pac_json_array (object, "vm_service_spec.vm_classes");

  facts->n_storage = storage ? json_array_get_length (storage) : 0;
  facts->n_classes = classes ? json_array_get_length (classes) : 0;
  facts->no_vm_service = no_vm_service (g_task_get_source_object (pending->task), object);
  pending_done (pending);
}

static void
on_namespace_choices (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  NamespaceFacts *facts = facts_of (g_task_get_task_data (pending->task), pending->key);
  g_autoptr (PacClusterChoices) choices = pac_cluster_choices_load_finish (result, &facts->error);

  if (choices)
    {
      facts->n_storage
        = g_list_model_get_n_items (pac_cluster_choices_get_storage_classes (choices));
      facts->n_classes = g_list_model_get_n_items (pac_cluster_choices_get_vm_classes (choices));
    }
  pending_done (pending);
}

static void
start_details (GTask *task)
{
  PacReadiness *self = g_task_get_source_object (task);
  Gather *gather = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  JsonArray *ids = gather->library_ids && JSON_NODE_HOLDS_ARRAY (gather->library_ids)
                     ? json_node_get_array (gather->library_ids)
                     : NULL;

  for (guint i = 0; ids && i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      if (id)
        pac_vcenter_client_get_library_async (self->vcenter, id, cancellable, on_library,
                                              pending_new (task, id));
    }
  for (guint i = 0; i < gather->namespaces->len; i++)
    {
      NamespaceFacts *facts = g_ptr_array_index (gather->namespaces, i);
      if (self->vcenter)
        pac_vcenter_client_get_namespace_async (self->vcenter, facts->name, cancellable,
                                                on_namespace_info, pending_new (task, facts->name));
      else
        pac_cluster_choices_load_async (self->client, self->capabilities, facts->name, cancellable,
                                        on_namespace_choices, pending_new (task, facts->name));
    }
}

/* ---- round three: can vCenter reach the subscription? ---- */

static void
on_probe (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Gather *gather = g_task_get_task_data (task);
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &gather->probe_error);

  gather->probe_status = g_strdup (pac_json_string (pac_json_node_object (answer), "status"));
  one_done (task);
}

static void
start_probe (GTask *task)
{
  PacReadiness *self = g_task_get_source_object (task);
  Gather *gather = g_task_get_task_data (task);
  JsonObject *library = gather->cluster ? attached_library (gather) : NULL;
  const char *url = pac_json_string (library, "subscription_info.subscription_url");

  if (url == NULL)
    return;
  gather->pending++;
  pac_vcenter_client_probe_library_async (self->vcenter, url, g_task_get_cancellable (task),
                                          on_probe, g_object_ref (task));
}

/* ---- the verdicts ---- */

static PacReadinessItem *
item (PacCheck check, PacReadinessState state, const char *detail)
{
  return pac_readiness_item_new (check, state, detail, PAC_FIX_NONE, NULL);
}

/* The default_message of vCenter's messages: either bare or under "details" */
static char *
join_messages (JsonArray *messages)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; messages && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = pac_json_node_object (json_array_get_element (messages, i));
      const char *line = pac_json_string (message, "details.default_message");
      if (line == NULL)
        line = pac_json_string (message, "default_message");
      if (line)
        g_string_append_printf (text, "%s%s", text->len ? " " : "", line);
    }
  return text->len ? g_strdup (text->str) : NULL;
}

static PacReadinessItem *
judge_supervisor (PacReadiness *self, Gather *gather)
{
  JsonObject *info = pac_json_node_object (gather->cluster);
  const char *config = pac_json_string (info, "config_status");
  const char *kubernetes = pac_json_string (info, "kubernetes_status");
  g_autofree char *said = NULL;
  g_autofree char *kube_said = NULL;
  g_autofree char *detail = NULL;

  if (self->vcenter == NULL)
    {
      if (gather->version_error)
        return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_ERROR, gather->version_error->message);
      detail = g_strdup_printf (_ ("The API server answers: Kubernetes %s"),
                                gather->version ? gather->version : "?");
      return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_OK, detail);
    }
  if (gather->cluster_error)
    return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_ERROR, gather->cluster_error->message);
  said = join_messages (pac_json_array (info, "messages"));
  kube_said = join_messages (pac_json_array (info, "kubernetes_status_messages"));
  detail = g_strdup_printf ("%s, Kubernetes %s%s%s%s%s", config ? config : "?",
                            kubernetes ? kubernetes : "?", said ? ": " : "", said ? said : "",
                            kube_said ? (said ? " " : ": ") : "", kube_said ? kube_said : "");
  if (g_strcmp0 (config, "CONFIGURING") == 0 || g_strcmp0 (config, "REMOVING") == 0)
    return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_PROGRESS, detail);
  if (g_strcmp0 (config, "RUNNING") == 0 && g_strcmp0 (kubernetes, "ERROR") != 0)
    return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_OK, detail);
  return item (PAC_CHECK_SUPERVISOR, PAC_READINESS_ERROR, detail);
}

static gboolean
is_vmware_library (JsonObject *library)
{
  const char *url = pac_json_string (library, "subscription_info.subscription_url");

  return url && g_str_has_prefix (url, "https://wp-content.vmware.com/");
}

/* An existing subscribed library of VMware's releases, not attached */
static const char *
attachable_library (Gather *gather, const char **name)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, gather->libraries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (is_vmware_library (pac_json_node_object (value)))
      {
        *name = pac_json_string (pac_json_node_object (value), "name");
        return key;
      }
  return NULL;
}

static PacReadinessItem *
judge_library (PacReadiness *self, Gather *gather)
{
  JsonObject *library = attached_library (gather);
  const char *candidate_name = NULL;
  const char *candidate = NULL;
  g_autofree char *detail = NULL;

  if (self->vcenter == NULL)
    return item (PAC_CHECK_LIBRARY, gather->releases > 0 ? PAC_READINESS_OK : PAC_READINESS_UNKNOWN,
                 gather->releases > 0 ? _ ("Releases are present, so a library is attached")
                                      : _ ("Only a vCenter account can see content libraries"));
  if (gather->cluster_error || gather->libraries_error)
    return item (
      PAC_CHECK_LIBRARY, PAC_READINESS_ERROR,
      (gather->cluster_error ? gather->cluster_error : gather->libraries_error)->message);
  if (library)
    {
      detail = g_strdup_printf (_ ("“%s”"), pac_json_string (library, "name"));
      return item (PAC_CHECK_LIBRARY, PAC_READINESS_OK, detail);
    }
  if (attached_id (gather))
    {
      detail = g_strdup_printf (_ ("The attached library %s does not exist any more"),
                                attached_id (gather));
      return pac_readiness_item_new (PAC_CHECK_LIBRARY, PAC_READINESS_ERROR, detail,
                                     PAC_FIX_CREATE_LIBRARY, NULL);
    }
  candidate = attachable_library (gather, &candidate_name);
  if (candidate)
    {
      detail = g_strdup_printf (_ ("None attached; “%s” subscribes to VMware's releases"),
                                candidate_name ? candidate_name : candidate);
      return pac_readiness_item_new (PAC_CHECK_LIBRARY, PAC_READINESS_MISSING, detail,
                                     PAC_FIX_ATTACH_LIBRARY, candidate);
    }
  return pac_readiness_item_new (PAC_CHECK_LIBRARY, PAC_READINESS_MISSING,
                                 _ ("None attached: clusters cannot be created until one is"),
                                 PAC_FIX_CREATE_LIBRARY, NULL);
}

static PacReadinessItem *
judge_subscription (PacReadiness *self, Gather *gather)
{
  JsonObject *library = self->vcenter ? attached_library (gather) : NULL;
  const char *url = pac_json_string (library, "subscription_info.subscription_url");
  g_autofree char *detail = NULL;

  if (self->vcenter == NULL)
    return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_UNKNOWN,
                 _ ("Only a vCenter account can see content libraries"));
  if (library == NULL)
    return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_MISSING, _ ("No library attached"));
  if (url == NULL)
    return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_OK,
                 _ ("A local library: releases are imported by hand"));
  if (gather->probe_error)
    return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_ERROR, gather->probe_error->message);
  if (g_strcmp0 (gather->probe_status, "SUCCESS") != 0)
    {
      detail = g_strdup_printf (_ ("vCenter cannot reach %s (%s)"), url,
                                gather->probe_status ? gather->probe_status : "?");
      return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_ERROR, detail);
    }
  return item (PAC_CHECK_SUBSCRIPTION, PAC_READINESS_OK, url);
}

static PacReadinessItem *
judge_sync (PacReadiness *self, Gather *gather)
{
  JsonObject *library = self->vcenter ? attached_library (gather) : NULL;
  const char *id = attached_id (gather);
  const char *synced = pac_json_string (library, "last_sync_time");
  gboolean automatic = FALSE;
  g_autofree char *detail = NULL;

  if (self->vcenter == NULL)
    return item (PAC_CHECK_SYNC, gather->releases > 0 ? PAC_READINESS_OK : PAC_READINESS_UNKNOWN,
                 gather->releases > 0 ? _ ("Releases are present, so the library is synchronized")
                                      : _ ("Only a vCenter account can see content libraries"));
  if (library == NULL)
    return item (PAC_CHECK_SYNC, PAC_READINESS_MISSING, _ ("No library attached"));
  if (synced)
    {
      g_hash_table_remove (self->syncing, id);
      detail = g_strdup_printf (_ ("Last synchronized %s"), synced);
      return item (PAC_CHECK_SYNC, PAC_READINESS_OK, detail);
    }
  if (pac_json_string (library, "subscription_info.subscription_url") == NULL)
    return item (PAC_CHECK_SYNC, PAC_READINESS_OK, _ ("A local library needs no synchronization"));
  automatic = json_object_get_boolean_member_with_default (
    pac_json_object (library, "subscription_info"), "automatic_sync_enabled", FALSE);
  if ((automatic || g_hash_table_contains (self->syncing, id))
      && g_strcmp0 (gather->probe_status, "SUCCESS") == 0)
    return item (PAC_CHECK_SYNC, PAC_READINESS_PROGRESS, _ ("Synchronizing…"));
  return pac_readiness_item_new (PAC_CHECK_SYNC, PAC_READINESS_MISSING, _ ("Never synchronized"),
                                 PAC_FIX_SYNC_LIBRARY, id);
}

static PacReadinessItem *
judge_releases (PacReadiness *self, Gather *gather)
{
  PacReadinessItem *sync;
  g_autofree char *detail = NULL;

  if (self->client == NULL)
    return item (PAC_CHECK_RELEASES, PAC_READINESS_UNKNOWN,
                 _ ("The Supervisor could not be signed in to"));
  if (gather->releases_error)
    return item (PAC_CHECK_RELEASES, PAC_READINESS_ERROR, gather->releases_error->message);
  if (gather->releases > 0)
    {
      detail = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d release", "%d releases", (gulong) gather->releases),
        gather->releases);
      return item (PAC_CHECK_RELEASES, PAC_READINESS_OK, detail);
    }
  sync = self->vcenter ? pac_readiness_get_item (self, PAC_CHECK_SYNC) : NULL;
  if (sync && pac_readiness_item_get_state (sync) == PAC_READINESS_OK)
    return item (PAC_CHECK_RELEASES, PAC_READINESS_PROGRESS,
                 _ ("The Supervisor is reading the library's releases…"));
  return item (PAC_CHECK_RELEASES, PAC_READINESS_MISSING,
               _ ("None yet: they come from the attached library once it is synchronized"));
}

static PacReadinessItem *
judge_namespace (PacReadiness *self, Gather *gather)
{
  g_autofree char *detail = NULL;
  guint n = gather->namespaces->len;

  if (gather->namespaces_error)
    return item (PAC_CHECK_NAMESPACE, PAC_READINESS_ERROR, gather->namespaces_error->message);
  if (self->vcenter == NULL && self->client == NULL)
    return item (PAC_CHECK_NAMESPACE, PAC_READINESS_UNKNOWN,
                 _ ("The Supervisor could not be signed in to"));
  if (n == 0)
    return pac_readiness_item_new (PAC_CHECK_NAMESPACE, PAC_READINESS_MISSING,
                                   self->vcenter ? _ ("None yet")
                                                 : _ ("None that this account may use"),
                                   self->vcenter ? PAC_FIX_NEW_NAMESPACE : PAC_FIX_NONE, NULL);
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u namespace", "%u namespaces", n), n);
  return item (PAC_CHECK_NAMESPACE, PAC_READINESS_OK, detail);
}

static PacReadinessItem *
judge_namespace_setup (PacReadiness *self, Gather *gather)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  const char *first = NULL;
  gboolean without_vm_service = FALSE;

  if (gather->namespaces->len == 0)
    return item (PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_MISSING, _ ("No namespace yet"));
  for (guint i = 0; i < gather->namespaces->len; i++)
    {
      NamespaceFacts *facts = g_ptr_array_index (gather->namespaces, i);
      g_autofree char *line = NULL;

      without_vm_service |= facts->no_vm_service;
      if (facts->error)
        line = g_strdup_printf ("%s: %s", facts->name, facts->error->message);
      else if (facts->n_storage == 0 && facts->n_classes == 0 && !facts->no_vm_service)
        line = g_strdup_printf (_ ("%s: no storage policy and no VM class"), facts->name);
      else if (facts->n_storage == 0)
        line = g_strdup_printf (_ ("%s: no storage policy"), facts->name);
      else if (facts->n_classes == 0 && !facts->no_vm_service)
        line = g_strdup_printf (_ ("%s: no VM class"), facts->name);
      if (line == NULL)
        continue;
      first = first ? first : facts->name;
      g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  if (first == NULL && without_vm_service)
    return item (PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_OK,
                 _ ("Every namespace has a storage policy; on this Supervisor every VM class "
                    "serves every namespace"));
  if (first == NULL)
    return item (PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_OK, _ ("Every namespace has both"));
  return pac_readiness_item_new (PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_MISSING, problems->str,
                                 self->vcenter ? PAC_FIX_EDIT_NAMESPACE : PAC_FIX_NONE, first);
}

static void
judge (PacReadiness *self, Gather *gather)
{
  PacReadinessItem *items[PAC_N_CHECKS];

  items[PAC_CHECK_SUPERVISOR] = judge_supervisor (self, gather);
  items[PAC_CHECK_LIBRARY] = judge_library (self, gather);
  items[PAC_CHECK_SUBSCRIPTION] = judge_subscription (self, gather);
  items[PAC_CHECK_SYNC] = judge_sync (self, gather);
  /* The releases' verdict reads the sync's: the store must hold it first. */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       (gpointer *) items, PAC_CHECK_RELEASES);
  items[PAC_CHECK_RELEASES] = judge_releases (self, gather);
  items[PAC_CHECK_NAMESPACE] = judge_namespace (self, gather);
  items[PAC_CHECK_NAMESPACE_SETUP] = judge_namespace_setup (self, gather);
  g_list_store_splice (self->items, PAC_CHECK_RELEASES, 0, (gpointer *) items + PAC_CHECK_RELEASES,
                       PAC_N_CHECKS - PAC_CHECK_RELEASES);
  for (guint i = 0; i < PAC_N_CHECKS; i++)
    g_object_unref (items[i]);
  g_ptr_array_set_size (self->namespaces, 0);
  for (guint i = 0; i < gather->namespaces->len; i++)
    g_ptr_array_add (
      self->namespaces,
      g_strdup (((NamespaceFacts *) g_ptr_array_index (gather->namespaces, i))->name));
}

static void
next_round (GTask *task)
{
  PacReadiness *self = g_task_get_source_object (task);
  Gather *gather = g_task_get_task_data (task);

  gather->pending = 1; /* until this round's calls are out */
  switch (++gather->round)
    {
      case 1:
        start_lists (task);
        break;
      case 2:
        start_details (task);
        break;
      case 3:
        if (self->vcenter)
          start_probe (task);
        break;
      default:
        if (g_task_return_error_if_cancelled (task))
          return;
        judge (self, gather);
        g_task_return_boolean (task, TRUE);
        return;
    }
  one_done (g_object_ref (task));
}

void
pac_readiness_check_async (PacReadiness *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Gather *gather = g_new0 (Gather, 1);

  g_task_set_source_tag (task, pac_readiness_check_async);
  gather->releases = -1;
  gather->libraries
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  gather->namespaces = g_ptr_array_new_with_free_func ((GDestroyNotify) namespace_facts_free);
  g_task_set_task_data (task, gather, (GDestroyNotify) gather_free);
  next_round (task);
}

gboolean
pac_readiness_check_finish (PacReadiness *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pac_readiness_finalize (GObject *object)
{
  PacReadiness *self = PAC_READINESS (object);

  g_clear_object (&self->vcenter);
  g_clear_object (&self->client);
  g_clear_pointer (&self->capabilities, pac_capabilities_free);
  g_clear_object (&self->items);
  g_clear_pointer (&self->namespaces, g_ptr_array_unref);
  g_clear_pointer (&self->syncing, g_hash_table_unref);
  g_free (self->cluster);
  G_OBJECT_CLASS (pac_readiness_parent_class)->finalize (object);
}

static void
pac_readiness_class_init (PacReadinessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_readiness_finalize;
}

static void
pac_readiness_init (PacReadiness *self)
{
  self->items = g_list_store_new (PAC_TYPE_READINESS_ITEM);
  self->namespaces = g_ptr_array_new_with_free_func (g_free);
  self->syncing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
