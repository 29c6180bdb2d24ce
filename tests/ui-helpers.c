/* ui-helpers.c: finding and waiting for widgets in the ui tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ui-helpers.h"
#include "test-deadline.h"

/* A WidgetPredicate: @widget is actionable with the action named @action */
gboolean
ui_has_action (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

GtkWidget *
ui_find_widget (GtkWidget *root, GType type, WidgetPredicate predicate, gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (predicate == NULL || predicate (root, data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, type, predicate, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
ui_on_timeout (gpointer user_data)
{
  g_error ("timed out waiting for: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* A deadline for a wait (test-deadline.h) */
guint
ui_scaled_seconds (guint seconds)
{
  return test_scaled_seconds (seconds);
}

static gboolean
is_mapped (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget);
}

/* The first widget of @type (that @predicate accepts) in any window */
static GtkWidget *
find_in_toplevels (GType type, WidgetPredicate predicate)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      GtkWidget *found = ui_find_widget (toplevel, type, predicate, NULL);
      if (found)
        return found; /* its window keeps it */
    }
  return NULL;
}

/* A widget of @type on screen: a window, or a dialog inside one (AdwDialog
 * on libadwaita 1.5 and later) */
GtkWidget *
ui_find_shown (GType type)
{
  return find_in_toplevels (type, is_mapped);
}

/* A dialog of @type wherever it is: a window of its own (a PacDialog
 * before libadwaita 1.5) or drawn inside one (an AdwDialog); shown or not */
GtkWidget *
ui_find_dialog (GType type)
{
  return find_in_toplevels (type, NULL);
}

GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* A top-level window exists only while shown: GTK 4.8 hands a screen reader
 * a hidden one without a D-Bus path and crashes (doc/architecture.md) */
void
ui_assert_every_toplevel_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        g_error ("a hidden top-level window is kept: %s", G_OBJECT_TYPE_NAME (window));
    }
}

void
ui_close_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Writes @widget as $PACIFIC_SCREENSHOTS/@name.png when that is set */
void
ui_save_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("PACIFIC_SCREENSHOTS");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;
  /* Let the last changes reach the screen */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    g_error ("%s: nothing drawn (%d × %d)", name, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static gboolean
on_spun (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds */
void
ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spun, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Scrolls the scrolled window around @widget so that it shows near the
 * top (for screenshots) */
void
ui_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (
    widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)), &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 24);
  ui_spin (300);
}
