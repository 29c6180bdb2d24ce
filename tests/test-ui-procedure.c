/* test-ui-procedure.c: the source article's procedure through the app's
 * widgets, on one Supervisor release (PAC_TEST_SUPERVISOR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real simulator of that release over TLS and Xvfb, signed in as the
 * namespace's editor: the readiness checklist has nothing to fix, the
 * creator's defaults (the release's API version, a compatible release,
 * the namespace's classes) make a cluster that the Supervisor accepts
 * and runs, and the pod security the cluster's Kubernetes takes (a PSP
 * binding up to 1.24, namespace labels from 1.25) is applied once and
 * then has nothing left to change. tests/meson.build runs it on every
 * release the simulator claims.
 */
#include "config.h"

#include <adwaita.h>

#include "pac-application.h"
#include "pac-cluster-creator.h"
#include "pac-pod-security-dialog.h"
#include "pac-sidebar.h"
#include "pac-window.h"
#include "sim-fixture.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

#define NAMESPACE "dev"
#define CLUSTER "procedure-01"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;

static void
test_create (void)
{
  PacClusterCreator *creator = NULL;
  PacNode *cluster;

  ui_select_node (window, ui_wait_for_node (session, NAMESPACE));
  ui_activate_when_enabled (window, "win.new-cluster", 30);
  WAIT_FOR ((creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_is_ready (creator), 30);
  gtk_editable_set_text (
    GTK_EDITABLE (ui_find_row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Name")), CLUSTER);
  /* The defaults alone pass the Supervisor's dry run */
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 30);
  gtk_widget_activate_action (GTK_WIDGET (creator), "creator.apply", NULL);
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
  cluster = ui_wait_for_node (session, CLUSTER);
  UI_WAIT_FOR_SECONDS (pac_node_get_health (cluster) == PAC_HEALTH_OK, 60);
}

static gboolean
page_read_pod_security (void)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Pod Security");

  return row && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", "default:");
}

static PacPodSecurityDialog *
open_pod_security (void)
{
  PacPodSecurityDialog *dialog = NULL;

  ui_activate_when_enabled (window, "win.pod-security", 30);
  WAIT_FOR ((dialog = PAC_POD_SECURITY_DIALOG (ui_find_dialog (PAC_TYPE_POD_SECURITY_DIALOG)))
            != NULL);
  UI_WAIT_FOR_SECONDS (pac_pod_security_dialog_get_status (dialog) != NULL, 30);
  return dialog;
}

static void
test_pod_security (void)
{
  PacPodSecurityDialog *dialog;
  g_autofree char *preview = NULL;
  gboolean psp = g_str_has_prefix (g_getenv ("PAC_TEST_SUPERVISOR"), "7.");

  ui_select_node (window, ui_wait_for_node (session, CLUSTER));
  /* The page has reached the cluster's own API */
  UI_WAIT_FOR_SECONDS (page_read_pod_security (), 60);
  dialog = open_pod_security ();
  g_assert_true (pac_pod_security_dialog_is_ready (dialog));
  preview = pac_pod_security_dialog_dup_preview (dialog);
  g_test_message ("preview: %s", preview);
  /* The demo's 7.0.x releases run Kubernetes ≤ 1.24, 8.0's newest ≥ 1.25 */
  g_assert_nonnull (strstr (preview, psp ? "kind: RoleBinding" : "kind: Namespace"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pod-security.apply", NULL));
  UI_WAIT_FOR_SECONDS (dialog == NULL, 30);
  ui_spin (300); /* the toast drawn before the next dialog is measured */

  dialog = open_pod_security ();
  g_assert_false (pac_pod_security_dialog_is_ready (dialog));
  g_assert_nonnull (strstr (pac_pod_security_dialog_get_status (dialog), "Nothing to change"));
  pac_dialog_force_close (PAC_DIALOG (dialog));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  const char *release = g_getenv ("PAC_TEST_SUPERVISOR");
  g_autofree char *version = NULL;
  PacApplication *app;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (release);
  version = g_strdup_printf ("--supervisor-version=%s", release);
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start (
    (const char *const[]){ version, "--scenario=demo", "--cluster-seconds=1", NULL });
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);

  g_test_add_func ("/ui-procedure/create", test_create);
  g_test_add_func ("/ui-procedure/pod-security", test_pod_security);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
