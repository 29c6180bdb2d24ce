/* pac-bench.c: the figures bench/run asks the app for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With PACIFIC_BENCH=first-frame the app prints "first-frame RSS-KIB" once
 * its window has painted and quits; with PACIFIC_BENCH=tree it loads the
 * demo session's whole tree and prints "tree-loaded CLUSTERS RSS-KIB" once
 * every list has arrived, then quits. bench/window.py times the lines.
 */
#define G_LOG_DOMAIN "pac-bench"

#include "config.h"

#include <stdio.h>

#include "pac-bench.h"

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static void
report (const char *what, guint count)
{
  printf ("%s %u %ld\n", what, count, rss_kib ());
  fflush (stdout);
}

static void
quit (GtkWindow *window)
{
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_after_paint (GdkFrameClock *clock, GtkWindow *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  report ("first-frame", 0);
  if (g_strcmp0 (g_getenv ("PACIFIC_BENCH"), "first-frame") == 0)
    quit (window);
}

static void
on_realize (GtkWindow *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), window);
}

void
pac_bench_watch_first_frame (GtkWindow *window)
{
  if (g_getenv ("PACIFIC_BENCH"))
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}

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

static gboolean
check_tree (gpointer user_data)
{
  GtkWindow *window = user_data;
  PacSession *session = g_object_get_data (G_OBJECT (window), "pac-bench-session");

  if (!tree_loaded (pac_session_get_root (session)))
    return G_SOURCE_CONTINUE;
  report ("tree-loaded", count_clusters (pac_session_get_root (session)));
  quit (window);
  return G_SOURCE_REMOVE;
}

void
pac_bench_watch_tree (GtkWindow *window, PacSession *session)
{
  if (g_strcmp0 (g_getenv ("PACIFIC_BENCH"), "tree") != 0)
    return;
  g_object_set_data_full (G_OBJECT (window), "pac-bench-session", g_object_ref (session),
                          g_object_unref);
  pac_session_load_all (session);
  g_timeout_add (10, check_tree, window);
}
