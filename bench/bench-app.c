/* bench-app.c: the app with the figures bench/window.py asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-app first-frame [ARGS…] runs Pacific as `pacific ARGS…` does and
 * prints "first-frame 0 RSS-KIB" once the window has painted, then quits.
 * bench-app tree --demo loads the demo session's whole tree and prints
 * "tree-loaded CLUSTERS RSS-KIB" once every list has arrived, then quits.
 * bench-app creator --demo opens the real cluster creator on the demo's
 * first namespace and types into its Name field (bench-creator.h).
 * The watching lives here, not in the app: it hooks the application's
 * windows and the window's session list from outside.
 */
#include "config.h"

#include "bench-creator.h"
#include "bench-report.h"
#include "pac-application.h"
#include "pac-window.h"

static const char *mode;

static guint
count_clusters (PacNode *node)
{
  GListModel *children = pac_node_get_children (node);
  guint n = 0;

  if (pac_node_get_kind (node) == PAC_NODE_CLUSTER)
    return 1;
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      n += count_clusters (child);
    }
  return n;
}

/* Loaded: the root and each Supervisor listed, and nothing still loading */
static gboolean
tree_loaded (PacNode *root)
{
  GListModel *children = pac_node_get_children (root);

  if (pac_node_get_state (root) != PAC_NODE_LOADED || pac_node_is_busy (root))
    return FALSE;
  for (guint i = 0;
       pac_node_get_kind (root) == PAC_NODE_VCENTER && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      if (pac_node_get_state (child) != PAC_NODE_LOADED)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GApplication *app;
  PacSession *session;
} TreeWatch;

static gboolean
check_tree (gpointer user_data)
{
  TreeWatch *watch = user_data;

  /* the creator needs a namespace only (the demo's tree stays busy while
   * its clusters are being made) */
  if (g_str_equal (mode, "creator"))
    return bench_creator_start (watch->app, pac_session_get_root (watch->session))
             ? G_SOURCE_REMOVE
             : G_SOURCE_CONTINUE;
  if (!tree_loaded (pac_session_get_root (watch->session)))
    return G_SOURCE_CONTINUE;
  bench_report ("tree-loaded", count_clusters (pac_session_get_root (watch->session)));
  g_application_quit (watch->app);
  return G_SOURCE_REMOVE;
}

static void
tree_watch_free (gpointer data)
{
  TreeWatch *watch = data;

  g_object_unref (watch->session);
  g_free (watch);
}

/* The demo's session was added to the window: load all of it */
static void
on_sessions_changed (GListModel *sessions,
                     guint position,
                     guint removed,
                     guint added,
                     GApplication *app)
{
  TreeWatch *watch;

  if (added == 0)
    return;
  g_signal_handlers_disconnect_by_func (sessions, on_sessions_changed, app);
  watch = g_new0 (TreeWatch, 1);
  watch->app = app;
  watch->session = g_list_model_get_item (sessions, position);
  pac_session_load_all (watch->session);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 10, check_tree, watch, tree_watch_free);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window)
{
  if (!PAC_IS_WINDOW (window))
    return;
  bench_watch_first_frame (GTK_WIDGET (window), g_str_equal (mode, "first-frame"));
  if (!g_str_equal (mode, "first-frame"))
    g_signal_connect (pac_window_get_sessions (PAC_WINDOW (window)), "items-changed",
                      G_CALLBACK (on_sessions_changed), app);
}

int
main (int argc, char *argv[])
{
  g_autoptr (PacApplication) app = NULL;

  if (argc < 2
      || (!g_str_equal (argv[1], "first-frame") && !g_str_equal (argv[1], "tree")
          && !g_str_equal (argv[1], "creator")))
    {
      fprintf (stderr, "usage: %s first-frame|tree|creator [PACIFIC-ARGUMENTS…]\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  argv[1] = argv[0];
  pac_application_init_process ();
  app = pac_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc - 1, argv + 1);
}
