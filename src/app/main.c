/* main.c: the pacific executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>

#include "pac-application.h"

/* SIGTERM and SIGINT (a logout, Ctrl+C in a terminal) quit as the window's
 * Quit does: the demo's simulator and temporary files go with it */
static gboolean
on_stop_signal (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (PacApplication) app = NULL;

  pac_application_init_process ();
  app = pac_application_new ();
  g_unix_signal_add (SIGTERM, on_stop_signal, app);
  g_unix_signal_add (SIGINT, on_stop_signal, app);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
