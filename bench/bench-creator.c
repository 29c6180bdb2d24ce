/* bench-creator.c: keystrokes in the real cluster creator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the creator, as New Cluster does, on the first namespace of the
 * loaded tree, waits until its form is filled in, then changes its Name
 * field as typing does, one character at a time: each change runs what a
 * keystroke runs in the window (the spec, the YAML view's edit, local
 * validation, the problem rows, the Create button's state and tooltip).
 * Timed is the change itself; between changes the main loop runs until
 * idle (layout and painting), untimed. Two series: names that stay valid,
 * and names that turn a problem on and off each time (an upper-case
 * letter is not allowed in a name). Prints one line per series:
 * "creator-keystroke SERIES ROUNDS P50-US P99-US".
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "bench-creator.h"
#include "pac-cluster-creator.h"

#define ROUNDS 2000

static PacNode *
first_namespace (PacNode *node)
{
  GListModel *children = pac_node_get_children (node);

  if (pac_node_get_kind (node) == PAC_NODE_NAMESPACE)
    return node;
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      PacNode *found = first_namespace (child);

      if (found)
        return found;
    }
  return NULL;
}

/* The entry row titled @title ("Name" finds "_Name") */
static GtkWidget *
row_titled (GtkWidget *widget, const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget))
    {
      g_autoptr (GString) shown
        = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

      g_string_replace (shown, "_", "", 0);
      if (g_str_equal (shown->str, title))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = row_titled (child, title);

      if (found)
        return found;
    }
  return NULL;
}

static void
run_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The name after @round keystrokes: "guest-cluster-" and one more
 * character each time, starting again after 40; with @problems, every
 * other keystroke types an upper-case X instead (a problem appears) and
 * the next one a lower-case character again (it clears) */
static char *
name_after (guint round, gboolean problems)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789abcd";
  GString *name = g_string_new ("guest-cluster-");

  g_string_append_len (name, letters, round % 40 + 1);
  if (problems && round % 2 == 1)
    name->str[name->len - 1] = 'X';
  return g_string_free (name, FALSE);
}

static void
type_series (GtkEditable *name, const char *series, gboolean problems)
{
  gint64 *times = g_new (gint64, ROUNDS);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *text = name_after (round, problems);
      gint64 start = g_get_monotonic_time ();

      gtk_editable_set_text (name, text);
      times[round] = g_get_monotonic_time () - start;
      run_until_idle ();
    }
  qsort (times, ROUNDS, sizeof *times, compare_times);
  printf ("creator-keystroke %s %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", series, ROUNDS,
          times[ROUNDS / 2], times[ROUNDS * 99 / 100]);
  fflush (stdout);
  g_free (times);
}

typedef struct
{
  GApplication *app;
  PacClusterCreator *creator;
} Typing;

static gboolean
type_when_ready (gpointer user_data)
{
  Typing *typing = user_data;
  GtkWidget *name;

  if (!pac_cluster_creator_is_ready (typing->creator))
    return G_SOURCE_CONTINUE;
  name = row_titled (GTK_WIDGET (typing->creator), "Name");
  if (name == NULL)
    {
      fprintf (stderr, "bench-creator: no Name row in the creator\n");
      exit (1);
    }
  gtk_widget_grab_focus (name);
  run_until_idle ();
  type_series (GTK_EDITABLE (name), "valid", FALSE);
  type_series (GTK_EDITABLE (name), "problem-on-off", TRUE);
  g_application_quit (typing->app);
  return G_SOURCE_REMOVE;
}

/* Opens the creator once @root holds a namespace; FALSE while none */
gboolean
bench_creator_start (GApplication *app, PacNode *root)
{
  PacNode *namespace = first_namespace (root);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  Typing *typing;

  if (namespace == NULL)
    return FALSE;
  typing = g_new0 (Typing, 1);
  typing->app = app;
  typing->creator = pac_cluster_creator_new (window, namespace);
  gtk_window_present (GTK_WINDOW (typing->creator));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, type_when_ready, typing, g_free);
  return TRUE;
}
