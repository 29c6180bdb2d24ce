/* pac-resource-list.c: a GListModel of Kubernetes objects, kept current
 * by a PacWatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sorted by namespace, then name, as kubectl lists them. An object that
 * changes keeps its item (the item's "json" is replaced, so bound
 * widgets see property notifications instead of a removed row); a relist
 * ("reset") updates, adds and removes only what differs.
 *
 * Several watches may feed one list: one per namespace when the user may
 * not watch the whole collection. A watch's reset then only removes what
 * is in its own namespace.
 */
#define G_LOG_DOMAIN "pac-resource-list"

#include "pac-resource-list.h"

#include "pac-json.h"

#include <string.h>

struct _PacResourceList
{
  GObject parent_instance;

  GPtrArray *watches; /* of PacWatch */
  GType item_type;
  GPtrArray *items; /* sorted by key */
  GPtrArray *keys;  /* "namespace\001name", parallel to items */
};

static void pac_resource_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PacResourceList,
                               pac_resource_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pac_resource_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return PAC_RESOURCE_LIST (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  return PAC_RESOURCE_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  PacResourceList *self = PAC_RESOURCE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pac_resource_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* \001 sorts before every name character: namespace first, then name. */
static char *
key_of (JsonObject *object)
{
  const char *ns = pac_json_string (object, "metadata.namespace");

  return g_strdup_printf ("%s\001%s", ns ? ns : "",
                          pac_json_string (object, "metadata.name") ?: "");
}

/* The position of @key, or where it would go (with *@found FALSE) */
static guint
find (PacResourceList *self, const char *key, gboolean *found)
{
  guint low = 0, high = self->keys->len;

  while (low < high)
    {
      guint middle = (low + high) / 2;
      int cmp = strcmp (g_ptr_array_index (self->keys, middle), key);
      if (cmp == 0)
        {
          *found = TRUE;
          return middle;
        }
      if (cmp < 0)
        low = middle + 1;
      else
        high = middle;
    }
  *found = FALSE;
  return low;
}

static void
put (PacResourceList *self, JsonObject *object)
{
  g_autofree char *key = key_of (object);
  gboolean found;
  guint position = find (self, key, &found);

  if (found)
    {
      g_object_set (g_ptr_array_index (self->items, position), "json", object, NULL);
      return;
    }
  g_ptr_array_insert (self->items, position, g_object_new (self->item_type, "json", object, NULL));
  g_ptr_array_insert (self->keys, position, g_steal_pointer (&key));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
drop (PacResourceList *self, JsonObject *object)
{
  g_autofree char *key = key_of (object);
  gboolean found;
  guint position = find (self, key, &found);

  if (!found)
    return;
  g_ptr_array_remove_index (self->items, position);
  g_ptr_array_remove_index (self->keys, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
on_event (PacWatch *watch, const char *type, JsonObject *object, PacResourceList *self)
{
  if (g_str_equal (type, "DELETED"))
    drop (self, object);
  else
    put (self, object);
}

/* Whether @key is in the namespace a watch covers (NULL: all of them) */
static gboolean
in_scope (const char *key, const char *scope)
{
  size_t length = scope ? strlen (scope) : 0;

  return scope == NULL || (strncmp (key, scope, length) == 0 && key[length] == '\001');
}

static void
on_reset (PacWatch *watch, JsonArray *items, PacResourceList *self)
{
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *scope = g_object_get_data (G_OBJECT (watch), "pac-resource-list-scope");

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      g_hash_table_add (present, key_of (object));
      put (self, object);
    }
  for (guint i = self->keys->len; i > 0; i--)
    if (in_scope (g_ptr_array_index (self->keys, i - 1), scope)
        && !g_hash_table_contains (present, g_ptr_array_index (self->keys, i - 1)))
      {
        g_ptr_array_remove_index (self->items, i - 1);
        g_ptr_array_remove_index (self->keys, i - 1);
        g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
      }
}

/**
 * pac_resource_list_new:
 * @watch: (nullable): the watch of the whole collection
 * @item_type: a type with a writable "json" property (a PacResource)
 */
PacResourceList *
pac_resource_list_new (PacWatch *watch, GType item_type)
{
  PacResourceList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  self = g_object_new (PAC_TYPE_RESOURCE_LIST, NULL);
  self->item_type = item_type;
  if (watch)
    pac_resource_list_add_watch (self, watch, NULL);
  return self;
}

/**
 * pac_resource_list_add_watch:
 * @namespace: (nullable): the namespace @watch covers, %NULL for all
 */
void
pac_resource_list_add_watch (PacResourceList *self, PacWatch *watch, const char *namespace)
{
  g_ptr_array_add (self->watches, g_object_ref (watch));
  g_object_set_data_full (G_OBJECT (watch), "pac-resource-list-scope", g_strdup (namespace),
                          g_free);
  g_signal_connect_object (watch, "reset", G_CALLBACK (on_reset), self, 0);
  g_signal_connect_object (watch, "event", G_CALLBACK (on_event), self, 0);
}

/* Returns: (transfer none) (element-type PacWatch): the watches feeding the list */
GPtrArray *
pac_resource_list_get_watches (PacResourceList *self)
{
  return self->watches;
}

/* Returns: (transfer none) (nullable): the item of that object */
gpointer
pac_resource_list_lookup (PacResourceList *self, const char *namespace, const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s\001%s", namespace ? namespace : "", name);
  gboolean found;
  guint position = find (self, key, &found);

  return found ? g_ptr_array_index (self->items, position) : NULL;
}

/* The list's watches end with it */
static void
pac_resource_list_dispose (GObject *object)
{
  PacResourceList *self = PAC_RESOURCE_LIST (object);

  for (guint i = 0; i < self->watches->len; i++)
    pac_watch_stop (g_ptr_array_index (self->watches, i));
  G_OBJECT_CLASS (pac_resource_list_parent_class)->dispose (object);
}

static void
pac_resource_list_finalize (GObject *object)
{
  PacResourceList *self = PAC_RESOURCE_LIST (object);

  g_ptr_array_unref (self->watches);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->keys);
  G_OBJECT_CLASS (pac_resource_list_parent_class)->finalize (object);
}

static void
pac_resource_list_class_init (PacResourceListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_resource_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_resource_list_finalize;
}

static void
pac_resource_list_init (PacResourceList *self)
{
  self->watches = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->keys = g_ptr_array_new_with_free_func (g_free);
}
