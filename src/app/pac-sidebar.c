/* pac-sidebar.c: the inventory tree, with search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * roots (one PacNode per account) → GtkTreeListModel (children on
 * expansion: the node loads them then) → GtkFilterListModel (the search)
 * → GtkMultiSelection → GtkListView of GtkTreeExpander + PacTreeRow.
 * Ctrl+click and Shift+click select more rows (the Registry CA dialog
 * takes every selected cluster); the page shows the one selected last.
 * A search looks at everything: it loads every account's tree, expands
 * all rows, and keeps a row when it, a node above it or one below it
 * matches, so that a match is shown where it lives.
 */
#define G_LOG_DOMAIN "pac-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pac-session.h"
#include "pac-sidebar.h"
#include "pac-tree-row.h"

struct _PacSidebar
{
  GtkWidget parent_instance;

  GListModel *roots;
  GtkTreeListModel *tree;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkMultiSelection *selection;
  PacNode *focus; /* the row selected last: what the window shows */
  char *needle;   /* casefolded, NULL when not searching */
  guint refilter_id;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (PacSidebar, pac_sidebar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  GListModel *children = pac_node_get_children (item);

  return children ? g_object_ref (children) : NULL;
}

static void
expand_row (GtkTreeListRow *row)
{
  g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);

  if (node == NULL)
    return; /* the row left the model before an idle expansion */
  pac_node_load (node);
  gtk_tree_list_row_set_expanded (row, TRUE);
}

static gboolean
expand_later (gpointer row)
{
  expand_row (row);
  return G_SOURCE_REMOVE;
}

static gboolean
matches (gpointer item, gpointer user_data)
{
  PacSidebar *self = user_data;
  g_autoptr (PacNode) node = NULL;

  if (self->needle == NULL)
    return TRUE;
  node = gtk_tree_list_row_get_item (item);
  if (pac_node_matches_below (node, self->needle))
    return TRUE;
  for (PacNode *above = pac_node_get_parent (node); above; above = pac_node_get_parent (above))
    if (pac_node_matches (above, self->needle))
      return TRUE;
  return FALSE;
}

static void
show_page (PacSidebar *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (self->roots) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 && self->needle)
    page = "no-match";
  gtk_stack_set_visible_child_name (self->stack, page);
}

static gboolean
refilter (gpointer user_data)
{
  PacSidebar *self = user_data;

  self->refilter_id = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_page (self);
  return G_SOURCE_REMOVE;
}

/* While searching, rows that arrive may make rows above them match. */
static void
on_tree_changed (GListModel *tree, guint position, guint removed, guint added, PacSidebar *self)
{
  /* A Supervisor opens by itself: its namespaces are what its row is for.
   * Not while the model tells of a change, though: later, from idle. */
  for (guint i = position; i < position + added; i++)
    {
      GtkTreeListRow *row = g_list_model_get_item (tree, i);
      g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);
      if (pac_node_get_kind (node) == PAC_NODE_SUPERVISOR && pac_node_get_parent (node))
        g_idle_add_full (G_PRIORITY_DEFAULT, expand_later, row, g_object_unref);
      else
        g_object_unref (row);
    }
  if (self->needle && self->refilter_id == 0)
    self->refilter_id = g_timeout_add (100, refilter, self);
}

/* Expands every row, the ones it uncovers included */
void
pac_sidebar_expand_all (PacSidebar *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      if (gtk_tree_list_row_is_expandable (row))
        expand_row (row);
    }
}

static void
on_search_changed (PacSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->needle, g_free);
  if (text && *text)
    {
      self->needle = g_utf8_casefold (text, -1);
      for (guint i = 0; i < g_list_model_get_n_items (self->roots); i++)
        {
          g_autoptr (PacNode) root = g_list_model_get_item (self->roots, i);
          if (pac_session_of (root))
            pac_session_load_all (pac_session_of (root));
        }
      gtk_tree_list_model_set_autoexpand (self->tree, TRUE);
      pac_sidebar_expand_all (self);
    }
  else
    gtk_tree_list_model_set_autoexpand (self->tree, FALSE);
  refilter (self);
}

void
pac_sidebar_set_search (PacSidebar *self, const char *text)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

/* ---- rows ---- */

static void
on_row_expanded (GtkTreeListRow *row, GParamSpec *pspec, gpointer user_data)
{
  if (gtk_tree_list_row_get_expanded (row))
    {
      g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);
      pac_node_load (node);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), GTK_WIDGET (pac_tree_row_new ()));
  gtk_list_item_set_child (item, expander);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  pac_tree_row_set_node (PAC_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))),
                         node);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_row_expanded), NULL);
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);

  if (row)
    g_signal_handlers_disconnect_by_func (row, on_row_expanded, NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  pac_tree_row_set_node (PAC_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))),
                         NULL);
}

/* ---- roots and selection ---- */

/* New accounts open expanded: their Supervisors are what the user came for. */
static void
on_roots_changed (GListModel *roots, guint position, guint removed, guint added, PacSidebar *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);
      if (row)
        expand_row (row);
    }
  show_page (self);
}

static PacNode *
node_at (PacSidebar *self, guint position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  PacNode *node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node)
    g_object_unref (node); /* the row keeps a reference */
  return node;
}

static gboolean
is_selected (PacSidebar *self, PacNode *node)
{
  g_autoptr (GtkBitset) selected
    = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    if (node_at (self, position) == node)
      return TRUE;
  return FALSE;
}

/* The row selected last becomes the shown one; when the shown one is
 * unselected, the first still selected takes its place. */
static void
on_selection_changed (GtkSelectionModel *model, guint position, guint n_items, PacSidebar *self)
{
  PacNode *focus = NULL;

  for (guint i = position; i < position + n_items; i++)
    if (gtk_selection_model_is_selected (model, i) && node_at (self, i) != self->focus)
      focus = node_at (self, i);
  if (focus == NULL && self->focus && !is_selected (self, self->focus))
    {
      g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (model);
      focus
        = gtk_bitset_is_empty (selected) ? NULL : node_at (self, gtk_bitset_get_minimum (selected));
    }
  else if (focus == NULL)
    return;
  if (focus == self->focus)
    return;
  g_set_object (&self->focus, focus);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
}

/* A row that goes (its node removed, its parent collapsed or filtered
 * out) leaves the selection without a "selection-changed" */
static void
on_rows_changed (GListModel *rows, guint position, guint removed, guint added, PacSidebar *self)
{
  if (removed > 0 && self->focus && !is_selected (self, self->focus))
    on_selection_changed (GTK_SELECTION_MODEL (self->selection), 0, 0, self);
}

void
pac_sidebar_set_roots (PacSidebar *self, GListModel *roots)
{
  g_return_if_fail (self->roots == NULL);

  self->roots = g_object_ref (roots);
  self->tree
    = gtk_tree_list_model_new (g_object_ref (roots), FALSE, FALSE, create_children, NULL, NULL);
  self->filter = gtk_custom_filter_new (matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->tree)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_after (self->selection, "items-changed", G_CALLBACK (on_rows_changed), self);
  g_signal_connect_object (roots, "items-changed", G_CALLBACK (on_roots_changed), self,
                           G_CONNECT_AFTER);
  g_signal_connect (self->tree, "items-changed", G_CALLBACK (on_tree_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  on_roots_changed (roots, 0, 0, g_list_model_get_n_items (roots), self);
}

/* Returns: (transfer none) (nullable): the node of the row selected last */
PacNode *
pac_sidebar_get_selected (PacSidebar *self)
{
  return self->focus;
}

/**
 * pac_sidebar_dup_selected_nodes:
 *
 * Returns: (transfer full) (element-type PacNode): every selected row's node
 */
GPtrArray *
pac_sidebar_dup_selected_nodes (PacSidebar *self)
{
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return nodes;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    if (node_at (self, position))
      g_ptr_array_add (nodes, g_object_ref (node_at (self, position)));
  return nodes;
}

/* Selects @node's row, expanding the rows above it */
void
pac_sidebar_select (PacSidebar *self, PacNode *node)
{
  GListModel *rows = G_LIST_MODEL (self->filtered);

  for (PacNode *above = pac_node_get_parent (node); above; above = pac_node_get_parent (above))
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
      {
        g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
        g_autoptr (PacNode) item = gtk_tree_list_row_get_item (row);
        if (item == above)
          expand_row (row);
      }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PacNode) item = gtk_tree_list_row_get_item (row);
      if (item == node)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          return;
        }
    }
}

GtkSearchBar *
pac_sidebar_get_search_bar (PacSidebar *self)
{
  return self->search_bar;
}

/* Returns: (transfer none): the rows shown, as GtkTreeListRow */
GListModel *
pac_sidebar_get_rows (PacSidebar *self)
{
  return G_LIST_MODEL (self->filtered);
}

static void
pac_sidebar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_SELECTED_NODE:
        g_value_set_object (value, pac_sidebar_get_selected (PAC_SIDEBAR (object)));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_sidebar_dispose (GObject *object)
{
  PacSidebar *self = PAC_SIDEBAR (object);

  g_clear_handle_id (&self->refilter_id, g_source_remove);
  if (self->list_view)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_SIDEBAR);
  /* The template's box is not bound, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->tree)
    g_signal_handlers_disconnect_by_data (self->tree, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->focus);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (pac_sidebar_parent_class)->dispose (object);
}

static void
pac_sidebar_class_init (PacSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pac_sidebar_get_property;
  object_class->dispose = pac_sidebar_dispose;

  properties[PROP_SELECTED_NODE] = g_param_spec_object ("selected-node", NULL, NULL, PAC_TYPE_NODE,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, PacSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PacSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PacSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, PacSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
pac_sidebar_init (PacSidebar *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
