/* pac-node.c: one row of the inventory tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node is a vCenter, a Supervisor, a vSphere namespace or a cluster,
 * with what its row shows (title, subtitle, status, health) and, for all
 * but clusters, a list of children that a loader fills when the node is
 * first expanded (PacSession provides the loaders). Children are kept
 * sorted by key and changed one by one, never replaced wholesale, so
 * that a list view over them keeps its expanded rows and selection.
 */
#define G_LOG_DOMAIN "pac-node"

#include "config.h"

#include <string.h>

#include "pac-node.h"

struct _PacNode
{
  GObject parent_instance;

  PacNodeKind kind;
  PacNode *parent; /* weak: a parent outlives its children's rows */
  char *key;
  char *title;
  char *subtitle;
  char *status;
  char *search_text;
  char *haystack; /* casefolded, built on demand */
  PacHealth health;
  gboolean read_only;
  gint64 offline_since; /* unix seconds; 0: online */
  gpointer item;
  GListStore *children;

  PacNodeLoadFunc load;
  gpointer load_data;
  GDestroyNotify load_destroy;
  PacNodeState state;
  char *error;
};

G_DEFINE_FINAL_TYPE (PacNode, pac_node, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATUS,
  PROP_HEALTH,
  PROP_READ_ONLY,
  PROP_STATE,
  PROP_ERROR,
  PROP_ITEM,
  PROP_OFFLINE_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pac_node_new:
 * @parent: (nullable): the node above, held weakly
 * @key: what identifies it among its siblings (an id or a name)
 */
PacNode *
pac_node_new (PacNodeKind kind, PacNode *parent, const char *key)
{
  PacNode *self = g_object_new (PAC_TYPE_NODE, NULL);

  self->kind = kind;
  self->key = g_strdup (key);
  self->title = g_strdup (key);
  if (parent)
    g_set_weak_pointer (&self->parent, parent);
  if (kind != PAC_NODE_CLUSTER)
    self->children = g_list_store_new (PAC_TYPE_NODE);
  return self;
}

PacNodeKind
pac_node_get_kind (PacNode *self)
{
  return self->kind;
}

PacNode *
pac_node_get_parent (PacNode *self)
{
  return self->parent;
}

/* The nearest node of @kind from @self up, or %NULL */
PacNode *
pac_node_get_ancestor (PacNode *self, PacNodeKind kind)
{
  for (PacNode *node = self; node; node = node->parent)
    if (node->kind == kind)
      return node;
  return NULL;
}

const char *
pac_node_get_key (PacNode *self)
{
  return self->key;
}

static void
set_string (PacNode *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_clear_pointer (&self->haystack, g_free);
  if (prop)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
pac_node_get_title (PacNode *self)
{
  return self->title;
}

void
pac_node_set_title (PacNode *self, const char *title)
{
  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
pac_node_get_subtitle (PacNode *self)
{
  return self->subtitle;
}

void
pac_node_set_subtitle (PacNode *self, const char *subtitle)
{
  set_string (self, &self->subtitle, subtitle, PROP_SUBTITLE);
}

const char *
pac_node_get_status (PacNode *self)
{
  return self->status;
}

void
pac_node_set_status (PacNode *self, const char *status)
{
  set_string (self, &self->status, status, PROP_STATUS);
}

/* More words the search finds the node by: its namespace, version, phase */
void
pac_node_set_search_text (PacNode *self, const char *text)
{
  set_string (self, &self->search_text, text, 0);
}

PacHealth
pac_node_get_health (PacNode *self)
{
  return self->health;
}

void
pac_node_set_health (PacNode *self, PacHealth health)
{
  if (self->health == health)
    return;
  self->health = health;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH]);
}

gboolean
pac_node_get_read_only (PacNode *self)
{
  return self->read_only;
}

void
pac_node_set_read_only (PacNode *self, gboolean read_only)
{
  if (self->read_only == !!read_only)
    return;
  self->read_only = !!read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* Since when (unix seconds) the server behind the node has not answered;
 * 0 while it does. What the node shows is then what was last seen. */
gint64
pac_node_get_offline_since (PacNode *self)
{
  return self->offline_since;
}

/* Sets it on @self and every node below it */
void
pac_node_set_offline_since (PacNode *self, gint64 since)
{
  GListModel *children = G_LIST_MODEL (self->children);

  if (self->offline_since != since)
    {
      self->offline_since = since;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
    }
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);

      pac_node_set_offline_since (child, since);
    }
}

/**
 * pac_node_get_item:
 *
 * Returns: (transfer none) (nullable): the model object behind the row: a
 *   PacAccount, PacSupervisor, PacNamespace or PacCluster
 */
gpointer
pac_node_get_item (PacNode *self)
{
  return self->item;
}

void
pac_node_set_item (PacNode *self, gpointer item)
{
  if (g_set_object ((GObject **) &self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* What a screen reader says for the row: all it shows, in reading order */
char *
pac_node_dup_accessible_label (PacNode *self)
{
  GString *label = g_string_new (self->title);

  if (self->subtitle && *self->subtitle)
    g_string_append_printf (label, ", %s", self->subtitle);
  if (self->status && *self->status)
    g_string_append_printf (label, ", %s", self->status);
  if (self->error && self->state == PAC_NODE_FAILED)
    g_string_append_printf (label, ", %s", self->error);
  return g_string_free (label, FALSE);
}

/* ---- children ---- */

/**
 * pac_node_get_children:
 *
 * Returns: (transfer none) (nullable): a list of PacNode, %NULL for a
 *   cluster. The same list for the node's lifetime.
 */
GListModel *
pac_node_get_children (PacNode *self)
{
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

static gboolean
position_of (PacNode *self, const char *key, guint *position)
{
  guint low = 0, high;

  if (self->children == NULL)
    return FALSE;
  high = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  while (low < high)
    {
      guint middle = (low + high) / 2;
      g_autoptr (PacNode) child = g_list_model_get_item (G_LIST_MODEL (self->children), middle);
      int cmp = g_utf8_collate (child->key, key);

      if (cmp == 0)
        {
          *position = middle;
          return TRUE;
        }
      if (cmp < 0)
        low = middle + 1;
      else
        high = middle;
    }
  *position = low;
  return FALSE;
}

/* Returns: (transfer none) (nullable): the child with @key */
PacNode *
pac_node_find_child (PacNode *self, const char *key)
{
  guint position;
  g_autoptr (PacNode) child = NULL;

  if (!position_of (self, key, &position))
    return NULL;
  child = g_list_model_get_item (G_LIST_MODEL (self->children), position);
  return child; /* the list still holds it */
}

/* Inserts @child in key order; a child with the same key is replaced. */
void
pac_node_add_child (PacNode *self, PacNode *child)
{
  guint position;
  gboolean found;

  g_return_if_fail (self->children != NULL);
  child->offline_since = self->offline_since;
  found = position_of (self, child->key, &position);
  g_list_store_splice (self->children, position, found ? 1 : 0, (gpointer *) &child, 1);
}

void
pac_node_remove_child (PacNode *self, PacNode *child)
{
  guint position;

  if (position_of (self, child->key, &position))
    g_list_store_remove (self->children, position);
}

/* Removes the children whose key is not in @keys (a set of strings). */
void
pac_node_keep_children (PacNode *self, GHashTable *keys)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->children)); i > 0; i--)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (G_LIST_MODEL (self->children), i - 1);
      if (!g_hash_table_contains (keys, child->key))
        g_list_store_remove (self->children, i - 1);
    }
}

/* ---- loading ---- */

void
pac_node_set_loader (PacNode *self,
                     PacNodeLoadFunc load,
                     gpointer user_data,
                     GDestroyNotify destroy)
{
  if (self->load_destroy)
    self->load_destroy (self->load_data);
  self->load = load;
  self->load_data = user_data;
  self->load_destroy = destroy;
}

static void
set_state (PacNode *self, PacNodeState state, const char *error)
{
  set_string (self, &self->error, error, PROP_ERROR);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Asks for the children once; again only after a failure. */
void
pac_node_load (PacNode *self)
{
  if (self->state == PAC_NODE_IDLE || self->state == PAC_NODE_FAILED)
    pac_node_reload (self);
}

/* Asks for the children again, unless that is under way. */
void
pac_node_reload (PacNode *self)
{
  if (self->load == NULL || self->state == PAC_NODE_LOADING)
    return;
  self->load (self, self->load_data);
}

/* For loaders: the children are on their way. */
void
pac_node_loading (PacNode *self)
{
  set_state (self, PAC_NODE_LOADING, NULL);
}

/* For loaders: the children are in, or @error says why not. */
void
pac_node_loaded (PacNode *self, const GError *error)
{
  set_state (self, error ? PAC_NODE_FAILED : PAC_NODE_LOADED, error ? error->message : NULL);
}

PacNodeState
pac_node_get_state (PacNode *self)
{
  return self->state;
}

const char *
pac_node_get_error (PacNode *self)
{
  return self->error;
}

/* Whether this node or one below it is loading */
gboolean
pac_node_is_busy (PacNode *self)
{
  if (self->state == PAC_NODE_LOADING)
    return TRUE;
  for (guint i = 0; self->children && i < g_list_model_get_n_items (G_LIST_MODEL (self->children));
       i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      if (pac_node_is_busy (child))
        return TRUE;
    }
  return FALSE;
}

/* ---- search ---- */

/* Whether @needle (already casefolded) is in the row's words */
gboolean
pac_node_matches (PacNode *self, const char *needle)
{
  if (needle == NULL || *needle == '\0')
    return TRUE;
  if (self->haystack == NULL)
    {
      g_autofree char *all = g_strjoin (
        "\n", self->title ? self->title : "", self->subtitle ? self->subtitle : "",
        self->status ? self->status : "", self->search_text ? self->search_text : "", NULL);
      self->haystack = g_utf8_casefold (all, -1);
    }
  return strstr (self->haystack, needle) != NULL;
}

/* Whether @self or any node below it matches */
gboolean
pac_node_matches_below (PacNode *self, const char *needle)
{
  if (pac_node_matches (self, needle))
    return TRUE;
  for (guint i = 0; self->children && i < g_list_model_get_n_items (G_LIST_MODEL (self->children));
       i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      if (pac_node_matches_below (child, needle))
        return TRUE;
    }
  return FALSE;
}

/* ---- GObject ---- */

static void
pac_node_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PacNode *self = PAC_NODE (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_SUBTITLE:
        g_value_set_string (value, self->subtitle);
        break;
      case PROP_STATUS:
        g_value_set_string (value, self->status);
        break;
      case PROP_HEALTH:
        g_value_set_int (value, self->health);
        break;
      case PROP_READ_ONLY:
        g_value_set_boolean (value, self->read_only);
        break;
      case PROP_STATE:
        g_value_set_int (value, self->state);
        break;
      case PROP_ERROR:
        g_value_set_string (value, self->error);
        break;
      case PROP_ITEM:
        g_value_set_object (value, self->item);
        break;
      case PROP_OFFLINE_SINCE:
        g_value_set_int64 (value, self->offline_since);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_node_dispose (GObject *object)
{
  PacNode *self = PAC_NODE (object);

  pac_node_set_loader (self, NULL, NULL, NULL);
  g_clear_object (&self->item);
  g_clear_object (&self->children);
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (pac_node_parent_class)->dispose (object);
}

static void
pac_node_finalize (GObject *object)
{
  PacNode *self = PAC_NODE (object);

  g_free (self->key);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->status);
  g_free (self->search_text);
  g_free (self->haystack);
  g_free (self->error);
  G_OBJECT_CLASS (pac_node_parent_class)->finalize (object);
}

static void
pac_node_class_init (PacNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pac_node_get_property;
  object_class->dispose = pac_node_dispose;
  object_class->finalize = pac_node_finalize;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_HEALTH]
    = g_param_spec_int ("health", NULL, NULL, 0, PAC_HEALTH_ERROR, PAC_HEALTH_UNKNOWN, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  properties[PROP_STATE]
    = g_param_spec_int ("state", NULL, NULL, 0, PAC_NODE_FAILED, PAC_NODE_IDLE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_OFFLINE_SINCE]
    = g_param_spec_int64 ("offline-since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_node_init (PacNode *self)
{
}
