/* test-ui-keyboard.c: the app's shortcuts and dialogs' keys, pressed as a
 * user presses them (XTest under Xvfb): shortcuts that work wherever the
 * focus is, Return on the expected button, focus where typing starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-access-dialog.h"
#include "pac-account-dialog.h"
#include "pac-application.h"
#include "pac-cluster-creator.h"
#include "pac-cluster.h"
#include "pac-namespace-dialog.h"
#include "pac-node-pool-row.h"
#include "pac-trust.h"
#include "pac-vcenter-client.h"
#include "pac-window.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"
#include "ui-keys.h"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;

static gboolean
any_widget (GtkWidget *widget, gconstpointer data)
{
  return TRUE;
}

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer part)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip && strstr (tooltip, part);
}

/* Selects @name and waits until the button of @action may be used */
static PacNode *
show (const char *name, const char *action)
{
  PacNode *node = ui_wait_for_node (session, name);
  GtkWidget *button = NULL;

  ui_select_node (window, node);
  UI_WAIT_FOR_SECONDS (
    (button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, ui_has_action, action))
      && gtk_widget_is_sensitive (button),
    30);
  return node;
}

/* Whether the focus of @dialog is inside @widget */
static gboolean
focus_in (GtkWidget *dialog, GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (dialog));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
close_dialog (GtkWidget *dialog)
{
  GType type = G_OBJECT_TYPE (dialog);

  pac_dialog_force_close (PAC_DIALOG (dialog));
  WAIT_FOR (ui_find_dialog (type) == NULL);
}

/* The tree's list had Ctrl+Shift+A for "unselect all": Access never opened */
static void
test_access_from_tree (void)
{
  GtkWidget *tree;
  GtkWidget *dialog = NULL;

  show ("dev-cluster-01", "win.access");
  tree = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, any_widget, NULL);
  g_assert_nonnull (tree);
  ui_press (tree, "<Control><Shift>a");
  UI_WAIT_FOR_SECONDS ((dialog = ui_find_dialog (PAC_TYPE_ACCESS_DIALOG)) != NULL, 20);
  /* and the tree kept its selection */
  g_assert_nonnull (pac_sidebar_get_selected (pac_window_get_sidebar (window)));
  close_dialog (dialog);
}

/* Add Account and New Namespace opened with the focus on Cancel */
static void
test_dialogs_focus_first_field (void)
{
  g_autoptr (PacVcenterClient) vcenter = NULL;
  GtkWidget *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL);
  WAIT_FOR ((dialog = ui_find_dialog (PAC_TYPE_ACCOUNT_DIALOG)) != NULL);
  /* (an AdwDialog moves the focus once it is shown) */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog))
            && focus_in (dialog, ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Address")));
  close_dialog (dialog);

  vcenter = pac_vcenter_client_new (sim->vcenter_url, "administrator@vsphere.local",
                                    pac_trust_get_default ());
  dialog = GTK_WIDGET (pac_namespace_dialog_new (vcenter, "domain-c8", NULL));
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog))
            && focus_in (dialog, ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name")));
  close_dialog (dialog);
}

static GtkSpinButton *
pool_spin (PacClusterCreator *creator)
{
  GtkWidget *pool = ui_find_widget (GTK_WIDGET (creator), PAC_TYPE_NODE_POOL_ROW, any_widget, NULL);

  return GTK_SPIN_BUTTON (ui_find_widget (pool, GTK_TYPE_SPIN_BUTTON, any_widget, NULL));
}

/* Ctrl+Y in the Name entry and Ctrl+Return in the YAML editor were the
 * widgets' own keys; Return in "Apply These Changes?" meant Cancel */
static void
test_creator_keys (void)
{
  PacNode *node = show ("dev-cluster-01", "win.edit-cluster");
  PacClusterCreator *creator = NULL;
  GtkWidget *yaml, *name;
  PacAlert *review;
  int workers;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-cluster", NULL);
  WAIT_FOR ((creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_is_ready (creator), 20);
  yaml = ui_find_widget (GTK_WIDGET (creator), GTK_TYPE_TEXT_VIEW, any_widget, NULL);
  name = ui_find_row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (yaml);
  g_assert_nonnull (name);
  {
    GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (
      ui_find_widget (GTK_WIDGET (creator), GTK_TYPE_TOGGLE_BUTTON, has_tooltip, "(Ctrl+Y)"));
    gboolean shown = gtk_toggle_button_get_active (toggle);

    ui_press (name, "<Control>y");
    WAIT_FOR (gtk_toggle_button_get_active (toggle) != shown);
    if (!gtk_toggle_button_get_active (toggle))
      {
        ui_press (name, "<Control>y");
        WAIT_FOR (gtk_toggle_button_get_active (toggle));
      }
  }
  workers = gtk_spin_button_get_value_as_int (pool_spin (creator));
  gtk_spin_button_set_value (pool_spin (creator), workers + 1);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  ui_press (yaml, "<Control>Return");
  review = ui_wait_for_message_dialog ("Apply These Changes?");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (review)));
  ui_press (GTK_WIDGET (review), "Return");
  UI_WAIT_FOR_SECONDS (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL, 20);
  {
    g_autofree char *wanted = g_strdup_printf ("1 + %d nodes", workers + 1);

    UI_WAIT_FOR_SECONDS (strstr (pac_node_get_subtitle (node), wanted) != NULL, 30);
  }
}

/* In the typed-name Delete dialog, Return did nothing */
static void
test_delete_on_return (void)
{
  PacAlert *question;
  GtkWidget *entry;

  show ("qa-cluster", "win.delete-cluster");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-cluster", NULL);
  question = ui_wait_for_message_dialog ("Delete Cluster?");
  entry = ui_find_widget (GTK_WIDGET (question), GTK_TYPE_ENTRY, any_widget, NULL);
  g_assert_nonnull (entry);
  ui_press (entry, "Return"); /* nothing typed: nothing happens */
  ui_spin (300);
  g_assert_nonnull (ui_find_alert (""));
  gtk_editable_set_text (GTK_EDITABLE (entry), "qa-cluster");
  ui_press (entry, "Return");
  UI_WAIT_FOR_SECONDS (ui_find_alert ("") == NULL, 20);
  UI_WAIT_FOR_SECONDS (ui_find_node (pac_session_get_root (session), "qa-cluster") == NULL
                         || g_strcmp0 (pac_cluster_get_phase (pac_node_get_item (ui_find_node (
                                         pac_session_get_root (session), "qa-cluster"))),
                                       "deleting")
                              == 0,
                       30);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  PacApplication *app;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  if (!ui_keys_available ())
    {
      g_print ("1..0 # SKIP no X server with XTest to press keys on\n");
      return 77;
    }
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start ((const char *const[]){ "--supervisor-version=8.0", "--scenario=demo",
                                                  "--cluster-seconds=1", NULL });
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);
  g_test_add_func ("/ui-keyboard/access-from-tree", test_access_from_tree);
  g_test_add_func ("/ui-keyboard/dialogs-focus-first-field", test_dialogs_focus_first_field);
  g_test_add_func ("/ui-keyboard/creator-keys", test_creator_keys);
  g_test_add_func ("/ui-keyboard/delete-on-return", test_delete_on_return);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
