/* test-ui-readiness.c: the article's prerequisites fixed through the
 * widgets, from the simulator's empty scenario: every checklist item
 * starts missing; the library dialog (probed thumbprint confirmed), the
 * namespace dialog and its edit make each one ok; then the creator makes
 * a cluster in the new namespace with a release from the new library.
 * Also: deleting a namespace that holds a cluster is refused by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-application.h"
#include "pac-cluster-creator.h"
#include "pac-library-dialog.h"
#include "pac-namespace-dialog.h"
#include "pac-readiness-group.h"
#include "pac-sidebar.h"
#include "pac-window.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"
#include "ui-notifications.h"

#define VSAN_NAME "vSAN Default Storage Policy"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;

static gboolean
any_widget (GtkWidget *widget, gconstpointer data)
{
  return TRUE;
}

/* The Supervisor page's checklist (the page is made when first shown) */
static PacReadinessGroup *
group (void)
{
  GtkWidget *found = NULL;

  UI_WAIT_FOR_SECONDS (
    (found = ui_find_widget (GTK_WIDGET (window), PAC_TYPE_READINESS_GROUP, any_widget, NULL)), 20);
  return PAC_READINESS_GROUP (found);
}

static PacReadinessState
state_of (PacCheck check)
{
  PacReadiness *readiness = pac_readiness_group_get_readiness (group ());
  PacReadinessItem *item = readiness ? pac_readiness_get_item (readiness, check) : NULL;

  return item ? pac_readiness_item_get_state (item) : PAC_READINESS_UNKNOWN;
}

static gboolean
named (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* Presses the fix button on the checklist row of @check */
static void
press_fix (PacCheck check)
{
  GtkWidget *row = NULL;
  GtkWidget *button = NULL;

  UI_WAIT_FOR_SECONDS (
    (row = ui_find_widget (GTK_WIDGET (pac_readiness_group_get_list (group ())),
                           ADW_TYPE_ACTION_ROW, named, pac_check_to_string (check)))
        != NULL
      && (button = ui_find_widget (row, GTK_TYPE_BUTTON, any_widget, NULL)) != NULL
      && gtk_widget_is_sensitive (button),
    20);
  gtk_widget_activate (button);
}

static void
show_supervisor (void)
{
  ui_select_node (window, ui_wait_for_node (session, "domain-c8"));
  UI_WAIT_FOR_SECONDS (pac_readiness_group_get_readiness (group ())
                         && g_list_model_get_n_items (pac_readiness_get_items (
                              pac_readiness_group_get_readiness (group ())))
                              == PAC_N_CHECKS,
                       20);
}

static void
test_all_missing (void)
{
  show_supervisor ();
  g_assert_cmpint (state_of (PAC_CHECK_SUPERVISOR), ==, PAC_READINESS_OK);
  for (PacCheck c = PAC_CHECK_LIBRARY; c < PAC_N_CHECKS; c++)
    g_assert_cmpint (state_of (c), ==, PAC_READINESS_MISSING);
  ui_save_screenshot (GTK_WIDGET (window), "readiness-missing");
}

static void
test_library (void)
{
  PacLibraryDialog *dialog = NULL;
  AdwComboRow *datastore;
  GtkSwitch *confirm;
  GtkWidget *elsewhere;

  press_fix (PAC_CHECK_LIBRARY);
  WAIT_FOR ((dialog = PAC_LIBRARY_DIALOG (ui_find_dialog (PAC_TYPE_LIBRARY_DIALOG))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_library_dialog_get_thumbprint (dialog) != NULL, 20);
  g_assert_cmpuint (strlen (pac_library_dialog_get_thumbprint (dialog)), ==, 59);
  datastore = ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Datastore"));
  UI_WAIT_FOR_SECONDS (adw_combo_row_get_model (datastore)
                         && g_list_model_get_n_items (adw_combo_row_get_model (datastore)) == 2,
                       20);

  /* Unconfirmed, nothing is created */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "library.create", NULL));
  g_assert_cmpstr (pac_library_dialog_get_status (dialog), ==, "Confirm the thumbprint first");
  confirm = GTK_SWITCH (ui_find_widget (
    ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "The Thumbprint Is the Expected One"),
    GTK_TYPE_SWITCH, any_widget, NULL));
  gtk_switch_set_active (confirm, TRUE);
  ui_save_screenshot (GTK_WIDGET (dialog), "readiness-library");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "library.create", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 20);
  /* The user looks elsewhere while it syncs: its end is a desktop
   * notification (there was none) */
  g_assert_true (ui_notifications_available ());
  elsewhere = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (elsewhere));
  UI_WAIT_FOR_SECONDS (!gtk_window_is_active (GTK_WINDOW (window)), 20);

  /* The checklist follows the sync until the releases are there */
  UI_WAIT_FOR_SECONDS (state_of (PAC_CHECK_LIBRARY) == PAC_READINESS_OK, 20);
  UI_WAIT_FOR_SECONDS (state_of (PAC_CHECK_RELEASES) == PAC_READINESS_OK, 60);
  g_assert_cmpint (state_of (PAC_CHECK_SUBSCRIPTION), ==, PAC_READINESS_OK);
  g_assert_cmpint (state_of (PAC_CHECK_SYNC), ==, PAC_READINESS_OK);
  UI_WAIT_FOR_SECONDS (
    ui_notifications_seen ("The content library of “Cluster-01” is synchronized"), 30);
  gtk_window_destroy (GTK_WINDOW (elsewhere));
}

static PacNamespaceDialog *
wait_for_namespace_dialog (void)
{
  PacNamespaceDialog *dialog = NULL;

  WAIT_FOR ((dialog = PAC_NAMESPACE_DIALOG (ui_find_dialog (PAC_TYPE_NAMESPACE_DIALOG))) != NULL);
  UI_WAIT_FOR_SECONDS (
    pac_namespace_dialog_is_loaded (dialog) && !pac_namespace_dialog_is_busy (dialog), 20);
  return dialog;
}

static void
save_namespace (PacNamespaceDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "namespace.save", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 20);
}

static void
test_namespace (void)
{
  PacNamespaceDialog *dialog;
  GtkWidget *name;

  press_fix (PAC_CHECK_NAMESPACE);
  dialog = wait_for_namespace_dialog ();
  name = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name");

  /* A bad name stays in the dialog with the reason */
  gtk_editable_set_text (GTK_EDITABLE (name), "Team_A");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "namespace.save", NULL));
  g_assert_nonnull (strstr (pac_namespace_dialog_get_status (dialog), "not a valid name"));
  gtk_editable_set_text (GTK_EDITABLE (name), "team-a");
  gtk_check_button_set_active (pac_namespace_dialog_get_check (dialog, VSAN_NAME), TRUE);
  gtk_spin_button_set_value (pac_namespace_dialog_get_limit (dialog, VSAN_NAME), 20);
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                    "User or Group (name@domain)")),
                         "devops@vsphere.local");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "namespace.add-access", NULL));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "devops@vsphere.local"));
  /* No VM class yet: the checklist asks for one */
  save_namespace (dialog);
  UI_WAIT_FOR_SECONDS (state_of (PAC_CHECK_NAMESPACE) == PAC_READINESS_OK, 20);
  UI_WAIT_FOR_SECONDS (state_of (PAC_CHECK_NAMESPACE_SETUP) == PAC_READINESS_MISSING, 20);

  press_fix (PAC_CHECK_NAMESPACE_SETUP);
  dialog = wait_for_namespace_dialog ();
  g_assert_true (gtk_check_button_get_active (pac_namespace_dialog_get_check (dialog, VSAN_NAME)));
  g_assert_cmpfloat (gtk_spin_button_get_value (pac_namespace_dialog_get_limit (dialog, VSAN_NAME)),
                     ==, 20);
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "devops@vsphere.local"));
  gtk_check_button_set_active (pac_namespace_dialog_get_check (dialog, "best-effort-small"), TRUE);
  ui_save_screenshot (GTK_WIDGET (dialog), "readiness-namespace");
  save_namespace (dialog);
  for (PacCheck c = 0; c < PAC_N_CHECKS; c++)
    UI_WAIT_FOR_SECONDS (state_of (c) == PAC_READINESS_OK, 20);
  ui_save_screenshot (GTK_WIDGET (window), "readiness");
}

static void
test_create_cluster (void)
{
  PacNode *namespace = ui_wait_for_node (session, "team-a");
  PacClusterCreator *creator = NULL;
  GtkWidget *button = NULL;
  PacNode *cluster;

  ui_select_node (window, namespace);
  UI_WAIT_FOR_SECONDS ((button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                 ui_has_action, "win.new-cluster"))
                           != NULL
                         && gtk_widget_is_sensitive (button),
                       20);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-cluster", NULL);
  WAIT_FOR ((creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_is_ready (creator), 20);
  gtk_editable_set_text (
    GTK_EDITABLE (ui_find_row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Name")), "first");
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  gtk_widget_activate_action (GTK_WIDGET (creator), "creator.apply", NULL);
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
  cluster = ui_wait_for_node (session, "first");
  UI_WAIT_FOR_SECONDS (pac_node_get_health (cluster) == PAC_HEALTH_OK, 60);
}

/* A namespace holding a cluster is not deleted; the refusal names it */
static void
test_delete_refused (void)
{
  PacAlert *dialog;
  GtkWidget *entry;

  ui_select_node (window, ui_wait_for_node (session, "team-a"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-namespace", NULL);
  dialog = ui_wait_for_message_dialog ("Delete Namespace");
  g_assert_false (pac_alert_get_response_enabled (dialog, "delete"));
  entry = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, any_widget, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "team-a");
  g_assert_true (pac_alert_get_response_enabled (dialog, "delete"));
  ui_alert_respond (dialog, "delete");
  UI_WAIT_FOR_SECONDS (
    pac_window_get_last_toast (window) && strstr (pac_window_get_last_toast (window), "first"), 20);
  g_assert_nonnull (ui_wait_for_node (session, "team-a"));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  PacApplication *app;
  g_autofree char *release = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  release
    = g_strdup_printf ("--supervisor-version=%s",
                       g_getenv ("PAC_TEST_SUPERVISOR") ? g_getenv ("PAC_TEST_SUPERVISOR") : "8.0");
  sim = sim_fixture_start (
    (const char *const[]){ release, "--scenario=empty", "--cluster-seconds=1", NULL });
  session
    = ui_connect (sim, PAC_ACCOUNT_VCENTER, "administrator@vsphere.local", "Admin!23", &window);
  pac_session_load_all (session);
  g_test_add_func ("/ui-readiness/all-missing", test_all_missing);
  g_test_add_func ("/ui-readiness/library", test_library);
  g_test_add_func ("/ui-readiness/namespace", test_namespace);
  g_test_add_func ("/ui-readiness/create-cluster", test_create_cluster);
  g_test_add_func ("/ui-readiness/delete-refused", test_delete_refused);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
