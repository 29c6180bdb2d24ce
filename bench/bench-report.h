/* bench-report.h: the line a window benchmark prints, for bench/window.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "WHAT COUNT RSS-KIB": what was reached (first-frame, tree-loaded), how
 * many clusters it shows, and the process's resident memory then.
 * bench_watch_first_frame() reports "first-frame" once a window has
 * painted, the same way for Pacific and for the bare window it is
 * measured against.
 */
#pragma once

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline long
bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static inline void
bench_report (const char *what, guint count)
{
  printf ("%s %u %ld\n", what, count, bench_rss_kib ());
  fflush (stdout);
}

static inline void
bench_on_after_paint (GdkFrameClock *clock, gpointer then_quit)
{
  g_signal_handlers_disconnect_by_func (clock, bench_on_after_paint, then_quit);
  bench_report ("first-frame", 0);
  if (GPOINTER_TO_INT (then_quit))
    g_application_quit (g_application_get_default ());
}

static inline void
bench_on_realize (GtkWidget *window, gpointer then_quit)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_on_after_paint), then_quit);
}

/* "first-frame" once @window has painted; then the application quits
 * when @then_quit */
static inline void
bench_watch_first_frame (GtkWidget *window, gboolean then_quit)
{
  g_signal_connect (window, "realize", G_CALLBACK (bench_on_realize), GINT_TO_POINTER (then_quit));
}
