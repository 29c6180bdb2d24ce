/* sim-store.c: the simulator's object store, resource versions and event log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like etcd behind kube-apiserver: one global revision counter, every
 * write gets the next one, and a window of recent events lets watches
 * resume; a version older than the window is "too old" (410 Gone).
 *
 * Each storage key's objects are kept in order (a balanced tree keyed by
 * namespace, then name, as etcd's keys are), so that a list, a page of
 * one from its continue key, or one namespace's objects are read in
 * order without a scan, a sort or a copy.
 */
#define G_LOG_DOMAIN "sim-store"

#include "sim-store.h"

#include <string.h>

#include "sim-json.h"

typedef struct
{
  SimEventFunc func;
  gpointer user_data;
  gulong id;
} Subscriber;

struct _SimStore
{
  GObject parent_instance;

  GHashTable *kinds; /* storage key -> GTree ("<namespace>\001<name>" -> JsonObject) */
  guint64 resource_version;
  GQueue *events; /* SimEvent, oldest first */
  guint event_window;
  guint64 compacted; /* events at or below this version are gone */
  GArray *subscribers;
  gulong next_subscriber_id;
};

G_DEFINE_FINAL_TYPE (SimStore, sim_store, G_TYPE_OBJECT)

static char *
object_key (const char *namespace, const char *name)
{
  /* \001 sorts before any name character: ordering by key is ordering
   * by namespace, then name. */
  return g_strdup_printf ("%s\001%s", namespace ? namespace : "", name);
}

static int
compare_keys (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return strcmp (a, b);
}

/* The objects of one storage key, in key order; lists read only these. */
static GTree *
kind_table (SimStore *self, const char *storage_key, gboolean create)
{
  GTree *table = g_hash_table_lookup (self->kinds, storage_key);

  if (table == NULL && create)
    {
      table = g_tree_new_full (compare_keys, NULL, g_free, (GDestroyNotify) json_object_unref);
      g_hash_table_insert (self->kinds, g_strdup (storage_key), table);
    }
  return table;
}

static void
sim_event_free (SimEvent *event)
{
  g_free (event->storage_key);
  g_free (event->namespace);
  json_object_unref (event->object);
  g_free (event);
}

SimStore *
sim_store_new (guint event_window)
{
  SimStore *self = g_object_new (SIM_TYPE_STORE, NULL);

  self->event_window = MAX (event_window, 1);
  return self;
}

guint64
sim_store_get_resource_version (SimStore *self)
{
  return self->resource_version;
}

/* Watches may resume from any version at or above this one. */
guint64
sim_store_get_oldest_resource_version (SimStore *self)
{
  return self->compacted;
}

JsonObject *
sim_store_get (SimStore *self, const char *storage_key, const char *namespace, const char *name)
{
  g_autofree char *key = object_key (namespace, name);
  GTree *table = kind_table (self, storage_key, FALSE);

  return table ? g_tree_lookup (table, key) : NULL;
}

/**
 * sim_store_foreach:
 * @namespace: (nullable): only this namespace's objects
 * @after_namespace: (nullable): start after this object (a list's
 *   continue key: its namespace, "" for cluster-scoped objects)
 * @after_name: (nullable): and name
 * @visit: called in order (namespace, then name) until it returns %FALSE
 *
 * Walks the stored objects in order from where a list or its page starts,
 * without copying them; @visit must not change the store.
 */
void
sim_store_foreach (SimStore *self,
                   const char *storage_key,
                   const char *namespace,
                   const char *after_namespace,
                   const char *after_name,
                   SimStoreVisit visit,
                   gpointer user_data)
{
  GTree *table = kind_table (self, storage_key, FALSE);
  g_autofree char *prefix = namespace ? object_key (namespace, "") : NULL;
  g_autofree char *after = after_name ? object_key (after_namespace, after_name) : NULL;
  const char *start = prefix;
  GTreeNode *node;

  if (table == NULL)
    return;
  if (after && (start == NULL || strcmp (after, start) >= 0))
    start = after;
  node = start ? g_tree_lower_bound (table, start) : g_tree_node_first (table);
  if (node && after && strcmp (g_tree_node_key (node), after) == 0)
    node = g_tree_node_next (node);
  for (; node != NULL; node = g_tree_node_next (node))
    {
      if (prefix && !g_str_has_prefix (g_tree_node_key (node), prefix))
        return;
      if (!visit (g_tree_node_value (node), user_data))
        return;
    }
}

static gboolean
add_to_list (JsonObject *object, gpointer user_data)
{
  g_ptr_array_add (user_data, json_object_ref (object));
  return TRUE;
}

GPtrArray *
sim_store_list (SimStore *self, const char *storage_key, const char *namespace)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  sim_store_foreach (self, storage_key, namespace, NULL, NULL, add_to_list, found);
  return found;
}

static gboolean
count_one (JsonObject *object, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

guint
sim_store_count (SimStore *self, const char *storage_key, const char *namespace)
{
  GTree *table = kind_table (self, storage_key, FALSE);
  guint count = 0;

  if (namespace == NULL)
    return table ? (guint) g_tree_nnodes (table) : 0;
  sim_store_foreach (self, storage_key, namespace, NULL, NULL, count_one, &count);
  return count;
}

static void
record_event (SimStore *self, SimEventType type, const char *storage_key, JsonObject *object)
{
  SimEvent *event = g_new0 (SimEvent, 1);

  event->resource_version = self->resource_version;
  event->type = type;
  event->storage_key = g_strdup (storage_key);
  event->namespace = g_strdup (sim_json_get_path_string (object, "metadata.namespace"));
  event->object = json_object_ref (object);
  g_queue_push_tail (self->events, event);
  while (g_queue_get_length (self->events) > self->event_window)
    {
      SimEvent *old = g_queue_pop_head (self->events);
      self->compacted = old->resource_version;
      sim_event_free (old);
    }
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *s = &g_array_index (self->subscribers, Subscriber, i);
      s->func (event, s->user_data);
    }
}

static void
set_resource_version (JsonObject *object, guint64 rv)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, rv);

  json_object_set_string_member (sim_json_ensure_object (object, "metadata"), "resourceVersion",
                                 text);
}

/* Stores @object (taking a reference) under its namespace and name, with
 * the next resource version. Returns: that version */
guint64
sim_store_put (SimStore *self, const char *storage_key, JsonObject *object)
{
  const char *namespace = sim_json_get_path_string (object, "metadata.namespace");
  const char *name = sim_json_get_path_string (object, "metadata.name");
  char *key = object_key (namespace, name);
  GTree *table = kind_table (self, storage_key, TRUE);
  gboolean existed = g_tree_lookup (table, key) != NULL;

  self->resource_version++;
  set_resource_version (object, self->resource_version);
  g_tree_replace (table, key, json_object_ref (object));
  record_event (self, existed ? SIM_EVENT_MODIFIED : SIM_EVENT_ADDED, storage_key, object);
  return self->resource_version;
}

guint64
sim_store_remove (SimStore *self, const char *storage_key, const char *namespace, const char *name)
{
  g_autofree char *key = object_key (namespace, name);
  GTree *table = kind_table (self, storage_key, FALSE);
  JsonObject *object = table ? g_tree_lookup (table, key) : NULL;
  g_autoptr (JsonObject) last = NULL;

  if (object == NULL)
    return 0;
  /* The DELETED event carries the object at the deletion's version. */
  last = sim_json_object_copy (object);
  g_tree_remove (table, key);
  self->resource_version++;
  set_resource_version (last, self->resource_version);
  record_event (self, SIM_EVENT_DELETED, storage_key, last);
  return self->resource_version;
}

/* Drops the event log, as etcd compaction does: watches from an older
 * version then get 410 Gone. */
void
sim_store_compact (SimStore *self)
{
  g_queue_clear_full (self->events, (GDestroyNotify) sim_event_free);
  self->compacted = self->resource_version;
}

void
sim_store_replay (SimStore *self,
                  guint64 after_resource_version,
                  SimEventFunc func,
                  gpointer user_data)
{
  for (GList *l = self->events->head; l != NULL; l = l->next)
    {
      SimEvent *event = l->data;
      if (event->resource_version > after_resource_version)
        func (event, user_data);
    }
}

gulong
sim_store_subscribe (SimStore *self, SimEventFunc func, gpointer user_data)
{
  Subscriber s = { func, user_data, ++self->next_subscriber_id };

  g_array_append_val (self->subscribers, s);
  return s.id;
}

void
sim_store_unsubscribe (SimStore *self, gulong id)
{
  for (guint i = 0; i < self->subscribers->len; i++)
    if (g_array_index (self->subscribers, Subscriber, i).id == id)
      {
        g_array_remove_index (self->subscribers, i);
        return;
      }
}

/* The state file: {"resourceVersion": "N", "objects": [{"storageKey", "object"}]} */
gboolean
sim_store_save (SimStore *self, const char *path, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *rv = g_strdup_printf ("%" G_GUINT64_FORMAT, self->resource_version);
  GHashTableIter kinds;
  gpointer storage_key, table;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceVersion");
  json_builder_add_string_value (builder, rv);
  json_builder_set_member_name (builder, "objects");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&kinds, self->kinds);
  while (g_hash_table_iter_next (&kinds, &storage_key, &table))
    {
      for (GTreeNode *entry = g_tree_node_first (table); entry; entry = g_tree_node_next (entry))
        {
          g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (node, g_tree_node_value (entry));
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "storageKey");
          json_builder_add_string_value (builder, storage_key);
          json_builder_set_member_name (builder, "object");
          json_builder_add_value (builder, sim_json_node_copy (node));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  data = sim_json_to_string (root, &length);
  return g_file_set_contents (path, data, length, error);
}

gboolean
sim_store_load (SimStore *self, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *state;
  JsonArray *objects;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  root = sim_json_parse (data, length, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || sim_json_get_string (json_node_get_object (root), "resourceVersion") == NULL
      || !json_object_has_member (json_node_get_object (root), "objects"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a pacific-sim state file",
                   path);
      return FALSE;
    }
  state = json_node_get_object (root);
  objects = json_object_get_array_member (state, "objects");
  g_hash_table_remove_all (self->kinds);
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *entry = json_array_get_object_element (objects, i);
      JsonObject *object = json_object_get_object_member (entry, "object");
      const char *storage_key = sim_json_get_string (entry, "storageKey");

      g_tree_replace (kind_table (self, storage_key, TRUE),
                      object_key (sim_json_get_path_string (object, "metadata.namespace"),
                                  sim_json_get_path_string (object, "metadata.name")),
                      json_object_ref (object));
    }
  self->resource_version
    = g_ascii_strtoull (sim_json_get_string (state, "resourceVersion"), NULL, 10);
  /* Nothing before the reload can be replayed. */
  sim_store_compact (self);
  return TRUE;
}

static void
sim_store_finalize (GObject *object)
{
  SimStore *self = SIM_STORE (object);

  g_hash_table_unref (self->kinds);
  g_queue_free_full (self->events, (GDestroyNotify) sim_event_free);
  g_array_unref (self->subscribers);
  G_OBJECT_CLASS (sim_store_parent_class)->finalize (object);
}

static void
sim_store_class_init (SimStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sim_store_finalize;
}

static void
sim_store_init (SimStore *self)
{
  self->kinds
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_tree_unref);
  self->events = g_queue_new ();
  self->subscribers = g_array_new (FALSE, FALSE, sizeof (Subscriber));
}
