/* test-ui-day2.c: upgrading and deleting clusters through the widgets,
 * against a 7.0.1 simulator: the refused releases with their reasons, an
 * upgrade that the cluster follows to the new release, the 409 when the
 * cluster changed under the open dialog, deletion only after the name is
 * typed, and a view-only user's greyed buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-application.h"
#include "pac-cluster-creator.h"
#include "pac-cluster.h"
#include "pac-kubeconfig.h"
#include "pac-node-pool-row.h"
#include "pac-problem.h"
#include "pac-sidebar.h"
#include "pac-upgrade-dialog.h"
#include "pac-window.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"
#include "ui-notifications.h"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text ? text : "(null)", needle);
}

/* Shown, with @action; New Cluster the header's, not the namespace
 * page's (which comes first in the split view's tree) */
static gboolean
is_shown_with_action (GtkWidget *widget, gconstpointer action)
{
  return gtk_widget_get_mapped (widget) && ui_has_action (widget, action)
         && (!g_str_equal (action, "win.new-cluster")
             || gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR));
}

static GtkWidget *
button_for (const char *action)
{
  return ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_shown_with_action, action);
}

/* Shows @name and waits until the page's buttons know the user's rights */
static PacNode *
show (const char *name)
{
  PacNode *node = ui_wait_for_node (session, name);

  ui_select_node (window, node);
  WAIT_FOR (button_for ("win.upgrade-cluster")
            && gtk_widget_get_mapped (button_for ("win.upgrade-cluster")));
  return node;
}

static PacUpgradeDialog *
open_upgrade (void)
{
  PacUpgradeDialog *dialog = NULL;

  WAIT_FOR (gtk_widget_is_sensitive (button_for ("win.upgrade-cluster")));
  gtk_widget_activate (button_for ("win.upgrade-cluster"));
  WAIT_FOR ((dialog = PAC_UPGRADE_DIALOG (ui_find_dialog (PAC_TYPE_UPGRADE_DIALOG))) != NULL);
  /* loaded once the current version shows */
  UI_WAIT_FOR_SECONDS (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                                 ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Runs"))),
                               "v1."),
                       20);
  return dialog;
}

static gboolean
apply_sensitive (PacUpgradeDialog *dialog)
{
  GtkWidget *button
    = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, ui_has_action, "upgrade.apply");

  return button && gtk_widget_is_sensitive (button);
}

static const char *
cluster_version_prefix (PacNode *node, char **version)
{
  g_free (*version);
  *version = pac_cluster_dup_version (pac_node_get_item (node));
  return *version;
}

static gboolean
is_titled (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_machine_event (GtkWidget *widget, gconstpointer data)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return g_str_has_prefix (title, "Created virtual machine dev-cluster-01-") && subtitle
         && g_str_has_prefix (subtitle, "Virtual machine dev-cluster-01-");
}

/* Whether the page shows an event about one of the cluster's machines */
static gboolean
shows_machine_event (void)
{
  return ui_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, is_machine_event, NULL) != NULL;
}

/* The page scrolled down to its events, for the screenshot */
static void
scroll_to_events (void)
{
  GtkWidget *row
    = ui_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, is_machine_event, NULL);

  ui_scroll_to (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
}

static gboolean
any_widget (GtkWidget *widget, gconstpointer data)
{
  return TRUE;
}

/* Edit of a 7.0.1 cluster whose release is only in
 * spec.distribution.fullVersion (version ""): the form said "Kubernetes
 * Release is required", preselected another release and greyed Apply, so
 * scaling was blocked, and taking the preselected one would have upgraded
 * the cluster. The form shows the cluster's own release; a scale applies. */
static void
test_edit_keeps_release (void)
{
  PacNode *node = show ("dev-cluster-01");
  g_autofree char *running = pac_cluster_dup_version (pac_node_get_item (node));
  PacClusterCreator *creator = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  GtkWidget *pool;
  GtkSpinButton *spin;

  g_assert_nonnull (running);
  WAIT_FOR (gtk_widget_is_sensitive (button_for ("win.edit-cluster")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-cluster", NULL);
  WAIT_FOR ((creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_is_ready (creator), 20);
  g_assert_cmpstr (pac_cluster_spec_get_tkr (pac_cluster_creator_get_spec (creator)), ==, running);
  problems = pac_cluster_creator_get_problems (creator);
  text = pac_problems_to_string (problems);
  g_assert_true (text == NULL || strstr (text, "release") == NULL);
  g_assert_true (text == NULL || strstr (text, "distribution") == NULL);
  /* Scaling the workers keeps the release */
  pool = ui_find_widget (GTK_WIDGET (creator), PAC_TYPE_NODE_POOL_ROW, any_widget, NULL);
  spin = GTK_SPIN_BUTTON (ui_find_widget (pool, GTK_TYPE_SPIN_BUTTON, any_widget, NULL));
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin) + 1);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  g_assert_cmpstr (pac_cluster_spec_get_tkr (pac_cluster_creator_get_spec (creator)), ==, running);
  gtk_window_destroy (GTK_WINDOW (creator));
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
}

/* The subtitle of the page's row titled @title */
static const char *
page_row (const char *title)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, title);

  return row ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static void
test_upgrade (void)
{
  PacNode *node = show ("dev-cluster-01");
  PacUpgradeDialog *dialog;
  GtkWidget *elsewhere;
  GtkWidget *refused;
  g_autofree char *version = NULL;

  /* The page offers what Upgrade… offers (it said "None: the release is
   * current" on 7.0.1, where v1alpha1 has no UpdatesAvailable condition) */
  UI_WAIT_FOR_SECONDS (
    page_row ("Available Updates") && strstr (page_row ("Available Updates"), "v1.18.5"), 20);
  dialog = open_upgrade ();

  /* Refused releases are greyed with their reason */
  refused
    = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "v1.16.8+vmware.1-tkg.3.60d2ffd");
  g_assert_false (gtk_widget_is_sensitive (refused));
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (refused)), "cannot be downgraded");
  g_assert_false (apply_sensitive (dialog));
  g_assert_true (pac_upgrade_dialog_select (dialog, "v1.18.5"));
  g_assert_true (apply_sensitive (dialog));
  ui_save_screenshot (GTK_WIDGET (dialog), "upgrade");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "upgrade.apply", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 20);
  /* The user looks elsewhere: the end of the upgrade is a desktop
   * notification (there was none), whose action brings the cluster back */
  g_assert_true (ui_notifications_available ());
  elsewhere = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (elsewhere));
  UI_WAIT_FOR_SECONDS (!gtk_window_is_active (GTK_WINDOW (window)), 20);
  UI_WAIT_FOR_SECONDS (ui_notifications_seen ("“dev-cluster-01” is running"), 60);
  ui_select_node (window, ui_wait_for_node (session, "dev"));
  g_action_group_activate_action (
    G_ACTION_GROUP (g_application_get_default ()), "show-cluster",
    g_variant_new ("(sss)", pac_account_get_id (pac_session_get_account (session)), "dev",
                   "dev-cluster-01"));
  WAIT_FOR (pac_sidebar_get_selected (pac_window_get_sidebar (window)) == node);
  gtk_window_destroy (GTK_WINDOW (elsewhere));
  /* The tree follows the cluster through the rolling update */
  UI_WAIT_FOR_SECONDS (g_str_has_prefix (cluster_version_prefix (node, &version), "v1.18.5")
                         && g_strcmp0 (pac_cluster_get_phase (pac_node_get_item (node)), "running")
                              == 0
                         && pac_cluster_get_ready (pac_node_get_item (node)),
                       60);
  /* The page tells the Supervisor's story of it, without being reselected:
   * the rolling update and the machines it made */
  UI_WAIT_FOR_SECONDS (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, is_titled,
                                       "Rolling update: each node is replaced by a new one")
                         && shows_machine_event (),
                       20);
  scroll_to_events ();
  ui_save_screenshot (GTK_WIDGET (window), "cluster-events");
}

static void
test_conflict (void)
{
  PacUpgradeDialog *dialog;
  g_autofree char *token = NULL;
  g_autoptr (SimReply) labelled = NULL;

  show ("qa-cluster");
  dialog = open_upgrade ();
  g_assert_true (pac_upgrade_dialog_select (dialog, "v1.17.8"));
  /* Someone changes the cluster while the dialog is open */
  token = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  labelled = sim_fixture_request (
    sim, "PATCH",
    "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/test/tanzukubernetesclusters/qa-cluster", token,
    "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"team\":\"qa\"}}}");
  g_assert_cmpuint (labelled->status, ==, 200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "upgrade.apply", NULL));
  UI_WAIT_FOR_SECONDS (pac_upgrade_dialog_get_status (dialog)
                         && strstr (pac_upgrade_dialog_get_status (dialog), "changed while"),
                       20);
  /* read again, the choice kept: now it goes */
  WAIT_FOR (apply_sensitive (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "upgrade.apply", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 20);
}

/* $KUBECONFIG with the user's own context and the one Pacific exported for
 * @namespace/@cluster of the simulated Supervisor */
static void
write_kubeconfig (const char *namespace, const char *cluster)
{
  g_autoptr (GUri) uri = g_uri_parse (sim->url, G_URI_FLAGS_NONE, NULL);
  const char *host = g_uri_get_host (uri);
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (g_getenv ("KUBECONFIG"));
  g_autoptr (PacKubeconfigEntry) entry = pac_kubeconfig_entry_new (
    host, cluster, cluster, "devops", "https://192.0.2.1:6443", NULL, NULL);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (
    g_file_set_contents (g_getenv ("KUBECONFIG"),
                         "apiVersion: v1\nkind: Config\n"
                         "clusters:\n- name: mine\n  cluster: {server: "
                         "'https://192.0.2.9:6443'}\n"
                         "users:\n- name: me\n  user: {token: x}\n"
                         "contexts:\n- name: mine\n  context: {cluster: mine, user: me}\n"
                         "current-context: mine\n",
                         -1, NULL));
  pac_kubeconfig_entry_set_token (entry, "t");
  pac_kubeconfig_entry_set_account (entry, host, "devops@vsphere.local", namespace, cluster);
  pac_kubeconfig_add (kubeconfig, g_steal_pointer (&entry));
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
}

static gboolean
kubeconfig_has (const char *text)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (g_getenv ("KUBECONFIG"), &contents, NULL, NULL));
  return strstr (contents, text) != NULL;
}

static void
test_delete (void)
{
  PacNode *namespace = ui_wait_for_node (session, "test");
  PacAlert *question;
  GtkWidget *entry;

  write_kubeconfig ("test", "qa-cluster");
  g_assert_true (kubeconfig_has ("name: qa-cluster"));

  show ("qa-cluster");
  WAIT_FOR (gtk_widget_is_sensitive (button_for ("win.delete-cluster")));
  gtk_widget_activate (button_for ("win.delete-cluster"));
  question = ui_wait_for_message_dialog ("Delete Cluster?");
  assert_contains (pac_alert_get_body (question), "cannot be undone");
  g_assert_false (pac_alert_get_response_enabled (question, "delete"));
  entry = pac_alert_get_extra_child (question);
  gtk_editable_set_text (GTK_EDITABLE (entry), "qa-clust");
  g_assert_false (pac_alert_get_response_enabled (question, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "qa-cluster");
  g_assert_true (pac_alert_get_response_enabled (question, "delete"));
  ui_save_screenshot (GTK_WIDGET (question), "delete-cluster");
  ui_alert_respond (question, "delete");
  /* deleting, then gone from the tree */
  UI_WAIT_FOR_SECONDS (ui_find_node (namespace, "qa-cluster") == NULL, 60);
  /* and its kubeconfig context with it, as the dialog says; the user's own
   * stays (it stayed, and stayed current, before) */
  UI_WAIT_FOR_SECONDS (!kubeconfig_has ("qa-cluster"), 20);
  g_assert_true (kubeconfig_has ("name: mine"));
  g_assert_true (kubeconfig_has ("current-context: mine"));
}

/* A namespace viewer: the buttons are there, greyed, with the reason on New Cluster */
static void
test_view_only (void)
{
  show ("dev-cluster-01");
  UI_WAIT_FOR_SECONDS (
    strstr (gtk_widget_get_tooltip_text (button_for ("win.new-cluster")) ?: "", "does not allow"),
    20);
  g_assert_false (gtk_widget_is_sensitive (button_for ("win.upgrade-cluster")));
  g_assert_false (gtk_widget_is_sensitive (button_for ("win.delete-cluster")));
  /* and say why, as the Supervisor does */
  assert_contains (gtk_widget_get_tooltip_text (button_for ("win.delete-cluster")),
                   "Delete the cluster (Shift+Delete): ");
  g_test_message ("the refusal: %s",
                  gtk_widget_get_tooltip_text (button_for ("win.delete-cluster")));
  /* Shift+Delete does nothing either: the action is off */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-cluster", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (ui_find_alert (""));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  PacApplication *app;
  int status;
  gboolean viewer = g_strcmp0 (g_getenv ("PAC_TEST_USER"), "viewer") == 0;

  {
    /* before any thread runs: setenv() is not thread-safe */
    g_autofree char *kubeconfig = g_build_filename (g_get_tmp_dir (), "ui-day2-kubeconfig", NULL);
    g_setenv ("KUBECONFIG", kubeconfig, TRUE);
  }
  gtk_test_init (&argc, &argv, NULL);
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start ((const char *const[]){ "--supervisor-version=7.0.1", "--scenario=demo",
                                                  "--cluster-seconds=1", NULL });
  session
    = viewer
        ? ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "viewer@vsphere.local", "Viewer!23", &window)
        : ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);
  if (viewer)
    g_test_add_func ("/ui-day2/view-only", test_view_only);
  else
    {
      g_test_add_func ("/ui-day2/edit-keeps-release", test_edit_keeps_release);
      g_test_add_func ("/ui-day2/upgrade", test_upgrade);
      g_test_add_func ("/ui-day2/conflict", test_conflict);
      g_test_add_func ("/ui-day2/delete", test_delete);
    }
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
