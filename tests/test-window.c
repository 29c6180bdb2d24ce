/* test-window.c: the main window under Xvfb, checked through its widget tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pac-application.h"
#include "pac-error.h"
#include "pac-preferences-window.h"
#include "pac-tree-row.h"
#include "pac-window-private.h"
#include "ui-helpers.h"

static PacApplication *app;

static PacWindow *
open_window (void)
{
  PacWindow *window = pac_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static gboolean
is_actionable_with (GtkWidget *widget, gconstpointer action_name)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_status_titled (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

/* (the sidebar has status pages of its own, for an empty search) */
static void
test_empty_state (void)
{
  PacWindow *window = open_window ();
  GtkWidget *status = ui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, is_status_titled,
                                      "Welcome to Pacific");
  GtkWidget *button;

#if PAC_SPLIT_VIEW
  g_assert_nonnull (
    ui_find_widget (GTK_WIDGET (window), ADW_TYPE_NAVIGATION_SPLIT_VIEW, NULL, NULL));
#else
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL, NULL));
#endif
  g_assert_nonnull (status);
  WAIT_FOR (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Welcome to Pacific");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   "Add a vCenter or Supervisor to get started");

  /* The empty state's button and the sidebar's header button add an account. */
  button = adw_status_page_get_child (ADW_STATUS_PAGE (status));
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-account");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Add Account");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL, NULL));
  g_assert_nonnull (
    ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_actionable_with, "win.add-account"));

  ui_close_all_windows ();
}

static gboolean
is_primary_menu_button (GtkWidget *widget, gconstpointer data)
{
  return gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static void
collect_menu_actions (GMenuModel *model, GPtrArray *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, g_steal_pointer (&action));
      if (section != NULL)
        collect_menu_actions (section, actions);
    }
}

static void
assert_accel (const char *action, const char *accel)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_true (g_strv_contains ((const char *const *) accels, accel));
}

/* Shows the keyboard shortcuts. libadwaita 1.10's AdwShortcutsDialog
 * connects GtkWindow::keys-changed, which GTK deprecates, as it is
 * presented: a warning of the library's own under G_ENABLE_DIAGNOSTIC, not
 * of Pacific's code, so warnings are not fatal for that one call */
static gboolean
show_shortcuts (PacWindow *window)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gboolean shown = gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);

  g_log_set_always_fatal (fatal);
  return shown;
}

static void
test_header_actions (void)
{
  PacWindow *window = open_window ();
  GtkWidget *menu_button
    = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, is_primary_menu_button, NULL);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  static const char *expected[]
    = { "win.add-account", "win.refresh",           "win.sign-out-selected",
        "app.preferences", "win.show-help-overlay", "app.about" };

  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_get_mapped (menu_button));
  collect_menu_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), actions);
  g_assert_cmpuint (actions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (actions, i), ==, expected[i]);

  /* Every menu action exists, so no item is dead. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (show_shortcuts (window));
#if !PAC_ADW_SHORTCUTS
  /* not GtkApplication's overlay, which is a hidden window for the main
   * window's whole life: a screen reader can crash GTK 4.8 through it */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
#endif

  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("window.close", "<Control>w");
  assert_accel ("win.show-help-overlay", "<Control>question");

  ui_close_all_windows ();
}

static gboolean
is_label_starting (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), text);
}

/* The shortcuts, over the window; closed, they are gone, not hidden */
static void
test_shortcuts_window (void)
{
  PacWindow *window = open_window ();

  ui_assert_every_toplevel_shown ();
  g_assert_true (show_shortcuts (window));
#if PAC_ADW_SHORTCUTS
  {
    GtkWidget *overlay = NULL;

    WAIT_FOR ((overlay = ui_find_shown (ADW_TYPE_SHORTCUTS_DIALOG)) != NULL);
    g_assert_true (gtk_widget_get_root (overlay) == GTK_ROOT (window));
    /* its items are drawn as rows: one of them */
    WAIT_FOR (ui_find_widget (overlay, GTK_TYPE_LABEL, is_label_starting, "Search All Accounts"));
    adw_dialog_close (ADW_DIALOG (overlay));
    WAIT_FOR (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_SHORTCUTS_DIALOG, NULL, NULL) == NULL);
  }
#else
  {
    GtkWindow *overlay;

    WAIT_FOR ((overlay = ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL
              && gtk_widget_get_mapped (GTK_WIDGET (overlay)));
    g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));
    gtk_window_close (overlay);
    WAIT_FOR (ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == NULL);
  }
#endif
  ui_assert_every_toplevel_shown ();
  ui_close_all_windows ();
}

static void
test_about (void)
{
  GtkWindow *about;

  open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
#if ADW_CHECK_VERSION(1, 5, 0)
  {
    GtkWidget *dialog = NULL;
    WAIT_FOR ((dialog = ui_find_widget (GTK_WIDGET (ui_find_toplevel (PAC_TYPE_WINDOW)),
                                        ADW_TYPE_ABOUT_DIALOG, NULL, NULL))
              != NULL);
    g_assert_cmpstr (adw_about_dialog_get_version (ADW_ABOUT_DIALOG (dialog)), ==, PACKAGE_VERSION);
    g_assert_cmpint (adw_about_dialog_get_license_type (ADW_ABOUT_DIALOG (dialog)), ==,
                     GTK_LICENSE_GPL_3_0);
  }
  (void) about;
#else
  WAIT_FOR ((about = ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (about)));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Pacific");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
#endif
  ui_close_all_windows ();
}

static void
test_preferences_style (void)
{
  GSettings *settings = pac_application_get_settings (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *preferences;
  GtkWidget *row;

  open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR ((preferences = ui_find_shown (PAC_TYPE_PREFERENCES_WINDOW)) != NULL);
  row = ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL, NULL);
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  /* A change from elsewhere shows in the open window. */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_settings_reset (settings, "color-scheme");
  ui_close_all_windows ();
}

static void
test_window_state (void)
{
  GSettings *settings = pac_application_get_settings (app);
  PacWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 540);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 540);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_set_boolean (settings, "window-maximized", TRUE);
  window = open_window ();
  WAIT_FOR (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  ui_close_all_windows ();
}

static gboolean
is_label_with_newline (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && strchr (gtk_label_get_label (GTK_LABEL (widget)), '\n');
}

/* A certificate error is several lines long: the row grew to five lines of
 * red text. One line in the row, the whole of it in the tooltip. */
static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* A row updates on every change of its node; its tooltip (the status)
 * is set again only when it changes: in GTK 4.8 each set is a tooltip
 * query, an accessible description sent to screen readers and two
 * notifications, once per cluster a watch touches */
static void
test_tree_row_tooltip_set_once (void)
{
  g_autoptr (PacNode) node = pac_node_new (PAC_NODE_CLUSTER, NULL, "dev/web");
  PacTreeRow *row = pac_tree_row_new ();
  guint sets = 0;

  g_object_ref_sink (row);
  pac_node_set_title (node, "web");
  pac_node_set_status (node, "Running");
  pac_tree_row_set_node (row, node);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, "Running");
  g_signal_connect (row, "notify::tooltip-text", G_CALLBACK (count_notify), &sets);
  pac_node_set_subtitle (node, "v1.26.5 · 1 + 2 nodes");
  pac_node_set_subtitle (node, "v1.26.5 · 1 + 3 nodes");
  g_assert_cmpuint (sets, ==, 0);
  pac_node_set_status (node, "Updating");
  g_assert_cmpuint (sets, ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, "Updating");
  pac_tree_row_set_node (row, NULL);
  g_object_unref (row);
}

static void
test_tree_row_one_line_status (void)
{
  g_autoptr (PacNode) node = pac_node_new (PAC_NODE_SUPERVISOR, NULL, "wcp.example.com");
  g_autoptr (GError) error = g_error_new_literal (
    PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
    "The certificate of wcp.example.com is not trusted\nIssuer: CN=CA\nValid until 2027\n"
    "SHA-256: AA:BB\nCompare it before you trust it");
  PacTreeRow *row = pac_tree_row_new ();

  g_object_ref_sink (row);
  pac_node_set_title (node, "wcp.example.com");
  pac_node_loaded (node, error);
  pac_tree_row_set_node (row, node);
  g_assert_nonnull (
    ui_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, is_label_starting, "The certificate of"));
  g_assert_null (ui_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, is_label_with_newline, NULL));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), "Compare it"));
  pac_tree_row_set_node (row, NULL);
  g_object_unref (row);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = pac_application_new ();
  /* Parallel test processes must not find each other on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Windows keep the application alive; the tests close them all. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/header-actions", test_header_actions);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/preferences-style", test_preferences_style);
  g_test_add_func ("/window/state", test_window_state);
  g_test_add_func ("/window/tree-row-one-line-status", test_tree_row_one_line_status);
  g_test_add_func ("/window/tree-row-tooltip-set-once", test_tree_row_tooltip_set_once);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
