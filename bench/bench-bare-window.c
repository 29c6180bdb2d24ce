/* bench-bare-window.c: a bare libadwaita window, the yardstick for Pacific's start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints "first-frame 0 RSS-KIB" once its window has painted, then quits:
 * the same line bench-app prints for "first-frame" (bench-app.c).
 */
#include <adwaita.h>

#include "bench-report.h"

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  bench_watch_first_frame (window, TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr (AdwApplication) app
    = adw_application_new ("io.github.pacificapp.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
