/* test-ui-offline.c: the window tells when the Supervisor stops answering
 * and when it is back, by itself: the Supervisor's rows and the page say
 * "Offline since …" within seconds of the simulator stopping, and go back
 * to live once it runs again from its state file, with no user action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pac-application.h"
#include "pac-platform.h"
#include "pac-window.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;
static const char *sim_args[4];

static gboolean
bar_revealed (void)
{
#if PAC_SPLIT_VIEW
  GtkWidget *bar = ui_find_widget (GTK_WIDGET (window), ADW_TYPE_BANNER, NULL, NULL);

  return bar && adw_banner_get_revealed (ADW_BANNER (bar));
#else
  GtkWidget *bar = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, NULL);

  return bar && gtk_revealer_get_reveal_child (GTK_REVEALER (bar));
#endif
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
on_state (PacNode *node, GParamSpec *pspec, gboolean *reloaded)
{
  if (pac_node_get_state (node) == PAC_NODE_LOADING)
    *reloaded = TRUE;
}

/* When the system says the network is back, an offline account is asked
 * again at once (GNetworkMonitor), not only at its next backoff; a network
 * that went away asks nothing */
static void
check_network_change (PacNode *supervisor)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  gboolean reloaded = FALSE;
  gulong handler = g_signal_connect (supervisor, "notify::state", G_CALLBACK (on_state), &reloaded);

  g_signal_emit_by_name (monitor, "network-changed", FALSE);
  g_assert_false (reloaded);
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  WAIT_FOR (reloaded);
  g_signal_handler_disconnect (supervisor, handler);
}

/* Before: every row stayed green "Running" and the page fully populated
 * until F5, a minute after the Supervisor was gone */
static void
test_offline_and_back (void)
{
  PacNode *cluster = ui_wait_for_node (session, "dev-cluster-01");
  PacNode *supervisor = pac_session_get_root (session);
  gint64 start;

  ui_select_node (window, cluster);
  g_assert_cmpint (pac_node_get_offline_since (cluster), ==, 0);
  g_assert_false (bar_revealed ());

  start = g_get_monotonic_time ();
  g_assert_cmpint (sim_fixture_terminate (sim), ==, 0);
  sim_fixture_stop (sim);
  UI_WAIT_FOR_SECONDS (pac_node_get_offline_since (cluster) != 0
                         && pac_node_get_offline_since (supervisor) != 0 && bar_revealed (),
                       30);
  g_test_message ("offline shown %.1f s after the Supervisor stopped", seconds_since (start));
  ui_save_screenshot (GTK_WIDGET (window), "offline");
  check_network_change (supervisor);

  start = g_get_monotonic_time ();
  sim = sim_fixture_start (sim_args);
  UI_WAIT_FOR_SECONDS (pac_node_get_offline_since (cluster) == 0
                         && pac_node_get_offline_since (supervisor) == 0 && !bar_revealed (),
                       30);
  g_test_message ("live again %.1f s after the Supervisor restarted", seconds_since (start));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pacific-offline-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *state_arg = g_strdup_printf ("--state=%s", state);
  PacApplication *app;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  sim_args[0] = "--scenario=demo";
  sim_args[1] = "--cluster-seconds=1";
  sim_args[2] = state_arg;
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start (sim_args);
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);
  g_test_add_func ("/ui-offline/offline-and-back", test_offline_and_back);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_unlink (state);
  g_rmdir (dir);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
