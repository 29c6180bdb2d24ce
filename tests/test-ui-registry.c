/* test-ui-registry.c: the Registry CA dialog and the cluster page's
 * Registry CAs group, through their widgets: on a 7.0.1 Supervisor
 * (PAC_TEST_SUPERVISOR=7.0.1) only the DaemonSet route is offered; on 8.0
 * a CA fetched from a registry goes into two clusters' specifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-application.h"
#include "pac-registry-ca-dialog.h"
#include "pac-registry-group.h"
#include "pac-window.h"
#include "sim-connection.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

#define CLUSTER "dev-cluster-01"

static SimFixture *sim;
static SimFixture *registry; /* another simulator: its CA stands for a registry's */
static PacWindow *window;
static PacSession *session;
static gboolean legacy;

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text ? text : "(null)", needle);
}

static void
show_cluster (void)
{
  ui_select_node (window, ui_wait_for_node (session, CLUSTER));
  WAIT_FOR (gtk_widget_get_mapped (
    GTK_WIDGET (ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Phase"))));
}

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
titled (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static PacRegistryGroup *
registry_group (void)
{
  return PAC_REGISTRY_GROUP (
    ui_find_widget (GTK_WIDGET (window), PAC_TYPE_REGISTRY_GROUP, NULL, NULL));
}

/* Scrolls the cluster page so that the Registry CAs group shows, for screenshots */
static void
scroll_to_registry (void)
{
  ui_scroll_to (GTK_WIDGET (registry_group ()));
}

static PacRegistryCaDialog *
open_dialog (void)
{
  PacRegistryCaDialog *dialog = NULL;
  GtkWidget *button = NULL;

  WAIT_FOR ((button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, ui_has_action,
                                      "win.registry-ca"))
              != NULL
            && gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.registry-ca", NULL);
  WAIT_FOR ((dialog = PAC_REGISTRY_CA_DIALOG (ui_find_dialog (PAC_TYPE_REGISTRY_CA_DIALOG))) != NULL
            && gtk_widget_get_height (GTK_WIDGET (dialog)) > 0);
  /* its own default (820) is taller than the window (720): it is not */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (dialog)), <=,
                   gtk_widget_get_height (GTK_WIDGET (window)));
  return dialog;
}

static GtkWidget *
route_row (PacRegistryCaDialog *dialog, const char *title)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
confirm (PacRegistryCaDialog *dialog)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                "I checked the fingerprint with the registry’s administrator");

  GtkSwitch *toggle;
  gboolean before;

  g_assert_nonnull (row);
  toggle = GTK_SWITCH (ui_find_widget (row, GTK_TYPE_SWITCH, NULL, NULL));
  before = gtk_switch_get_active (toggle);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (toggle)));
  /* the switch turns at the end of its animation */
  WAIT_FOR (gtk_switch_get_active (toggle) != before);
}

static gboolean
is_cluster_checked (PacRegistryCaDialog *dialog, const char *cluster)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, cluster);

  return gtk_check_button_get_active (
    GTK_CHECK_BUTTON (ui_find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL, NULL)));
}

/* Adds @node's row to the tree's selection, as Ctrl+click does */
static void
select_also (PacNode *node)
{
  GtkListView *view = GTK_LIST_VIEW (
    ui_find_widget (GTK_WIDGET (pac_window_get_sidebar (window)), GTK_TYPE_LIST_VIEW, NULL, NULL));
  GtkSelectionModel *model = gtk_list_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr (PacNode) item = gtk_tree_list_row_get_item (row);
      if (item == node)
        {
          g_assert_true (gtk_selection_model_select_item (model, i, FALSE));
          return;
        }
    }
  g_error ("no row for %s in the tree", pac_node_get_key (node));
}

static gboolean
is_apply_sensitive (PacRegistryCaDialog *dialog)
{
  GtkWidget *button
    = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, ui_has_action, "registry-ca.apply");

  return button && gtk_widget_is_sensitive (button);
}

static void
apply_and_wait (PacRegistryCaDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "registry-ca.apply", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 60);
}

/* The group's row for @name, once its subtitle contains @wanted */
static GtkWidget *
wait_for_entry (const char *name, const char *wanted)
{
  GtkWidget *row = NULL;

  for (guint i = 0; i < 120; i++)
    {
      row = ui_find_widget (GTK_WIDGET (registry_group ()), ADW_TYPE_ACTION_ROW, titled, name);
      if (row && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", wanted))
        return row;
      /* A new reading cancels the one under way: under a sanitizer a reading
       * took longer than the 0.5 s between refreshes, and none ever ended */
      if (ui_find_widget (GTK_WIDGET (registry_group ()), ADW_TYPE_ACTION_ROW, titled, "Loading…")
          == NULL)
        pac_registry_group_refresh (registry_group ());
      ui_spin (500);
    }
  g_error ("no registry CA row “%s” saying “%s” (last: %s)", name, wanted,
           row ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : "none");
  return NULL;
}

static char *
text_of (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

static void
set_text (GtkTextView *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* ---- 7.0.1 ---- */

static void
test_daemon_set_only (void)
{
  PacRegistryCaDialog *dialog;
  GtkTextView *pem_view;
  GtkWidget *name;
  GtkWidget *details;
  GtkWidget *remove;
  g_autoptr (GFile) file = g_file_new_for_path (registry->ca_file);
  PacAlert *question;

  show_cluster ();
  dialog = open_dialog ();
  /* Only the DaemonSet: the other two say why not */
  g_assert_false (gtk_widget_is_sensitive (route_row (dialog, "In each cluster’s specification")));
  assert_contains (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (route_row (dialog, "In each cluster’s specification"))),
                   "v1alpha1");
  g_assert_false (
    gtk_widget_is_sensitive (route_row (dialog, "For every cluster of the Supervisor")));
  g_assert_true (gtk_widget_is_sensitive (route_row (dialog, "By a DaemonSet in each cluster")));

  /* Garbage is refused with the reason */
  pem_view = GTK_TEXT_VIEW (ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL, NULL));
  set_text (pem_view, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
  details = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "No certificate yet");
  g_assert_nonnull (details);
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (details)), "neither PEM");
  confirm (dialog);
  g_assert_false (is_apply_sensitive (dialog));

  /* A file: shown with its fingerprint; a new text asks again */
  pac_registry_ca_dialog_load_file (dialog, file);
  details = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Certificate");
  g_assert_nonnull (details);
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (details)), "SHA-256");
  g_assert_false (is_apply_sensitive (dialog));
  name = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name in the trust lists");
  confirm (dialog);
  gtk_editable_set_text (GTK_EDITABLE (name), "Harbor CA");
  g_assert_false (is_apply_sensitive (dialog)); /* the name is not valid */
  gtk_editable_set_text (GTK_EDITABLE (name), "harbor-ca");
  g_assert_true (is_apply_sensitive (dialog));
  ui_save_screenshot (GTK_WIDGET (dialog), "registry-ca-701");
  apply_and_wait (dialog);

  /* Every node's DaemonSet pod ran the install */
  wait_for_entry ("harbor-ca", "3 of 3 nodes trust it");

  scroll_to_registry ();
  ui_save_screenshot (GTK_WIDGET (window), "registry-ca-cluster-page-701");

  /* Removal asks first, and says what stays */
  remove = ui_find_widget (GTK_WIDGET (registry_group ()), GTK_TYPE_BUTTON, has_tooltip,
                           "Remove “harbor-ca”");
  g_assert_nonnull (remove);
  gtk_widget_activate (remove);
  question = ui_wait_for_message_dialog ("Remove Registry CA?");
  assert_contains (pac_alert_get_body (question), "until they are replaced");
  ui_alert_respond (question, "remove");
  UI_WAIT_FOR_SECONDS (
    ui_find_widget (GTK_WIDGET (registry_group ()), ADW_TYPE_ACTION_ROW, titled, "harbor-ca")
      == NULL,
    30);
}

/* ---- 8.0 ---- */

static void
test_fetch_and_two_clusters (void)
{
  PacRegistryCaDialog *dialog;
  GtkTextView *pem_view;
  GtkWidget *url;
  g_autofree char *pem = NULL;
  /* The name the dialog derives from the registry's address: 127-a-b-c-ca */
  g_autofree char *host = g_strdup (registry->url + strlen ("https://"));
  g_autofree char *registry_ca_name = NULL;

  g_strdelimit (host, ".", '-');
  registry_ca_name = g_strdup_printf ("%s-ca", host);

  /* Two clusters selected in the tree: qa-cluster, then dev-cluster-01 by
   * Ctrl+click, which the page shows */
  ui_select_node (window, ui_wait_for_node (session, CLUSTER)); /* expands its namespace */
  ui_select_node (window, ui_wait_for_node (session, "qa-cluster"));
  select_also (ui_wait_for_node (session, CLUSTER));
  WAIT_FOR (pac_sidebar_get_selected (pac_window_get_sidebar (window))
            == ui_wait_for_node (session, CLUSTER));
  {
    g_autoptr (GPtrArray) selected
      = pac_sidebar_dup_selected_nodes (pac_window_get_sidebar (window));
    g_assert_cmpuint (selected->len, ==, 2);
  }
  WAIT_FOR (gtk_widget_get_mapped (
    GTK_WIDGET (ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Phase"))));
  dialog = open_dialog ();
  /* The per-cluster route comes first where it is offered; the
   * Supervisor-wide one is greyed for a DevOps user, who may not change
   * the TkgServiceConfiguration (it was offered) */
  g_assert_true (gtk_widget_is_sensitive (route_row (dialog, "In each cluster’s specification")));
  UI_WAIT_FOR_SECONDS (
    !gtk_widget_is_sensitive (route_row (dialog, "For every cluster of the Supervisor")), 20);
  assert_contains (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (route_row (dialog, "For every cluster of the Supervisor"))),
                   "TkgServiceConfiguration");
  url = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Registry address (https://…)");
  gtk_editable_set_text (GTK_EDITABLE (url), registry->url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "registry-ca.fetch", NULL));
  pem_view = GTK_TEXT_VIEW (ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL, NULL));
  UI_WAIT_FOR_SECONDS (pac_registry_ca_dialog_get_status (dialog)
                         && strstr (pac_registry_ca_dialog_get_status (dialog), "handshake"),
                       30);
  pem = text_of (pem_view);
  assert_contains (pem, "BEGIN CERTIFICATE");
  /* The name follows the address */
  assert_contains (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (
                     GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name in the trust lists"))),
                   registry_ca_name);

  /* Both clusters selected in the tree are checked */
  g_assert_true (is_cluster_checked (dialog, CLUSTER));
  g_assert_true (is_cluster_checked (dialog, "qa-cluster"));
  confirm (dialog);
  g_assert_true (is_apply_sensitive (dialog));
  ui_save_screenshot (GTK_WIDGET (dialog), "registry-ca");
  apply_and_wait (dialog);

  /* The nodes roll; afterwards every node trusts the CA */
  wait_for_entry (registry_ca_name, "3 of 3 nodes trust it");
  scroll_to_registry ();
  ui_save_screenshot (GTK_WIDGET (window), "registry-ca-cluster-page");

  /* Again: nothing changes, for either cluster */
  dialog = open_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                    "Registry address (https://…)")),
                         registry->url);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "registry-ca.fetch", NULL);
  UI_WAIT_FOR_SECONDS (pac_registry_ca_dialog_get_status (dialog)
                         && strstr (pac_registry_ca_dialog_get_status (dialog), "handshake"),
                       30);
  g_assert_true (is_cluster_checked (dialog, "qa-cluster"));
  confirm (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "registry-ca.apply", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 60);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  PacApplication *app;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  legacy = g_strcmp0 (g_getenv ("PAC_TEST_SUPERVISOR"), "7.0.1") == 0;
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start (
    (const char *const[]){ legacy ? "--supervisor-version=7.0.1" : "--supervisor-version=8.0",
                           "--scenario=demo", "--cluster-seconds=1", NULL });
  registry = sim_fixture_start ((const char *const[]){ "--scenario=empty", NULL });
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);
  if (legacy)
    g_test_add_func ("/ui-registry/daemon-set-only-7.0.1", test_daemon_set_only);
  else
    g_test_add_func ("/ui-registry/fetch-and-two-clusters-8.0", test_fetch_and_two_clusters);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (registry);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
