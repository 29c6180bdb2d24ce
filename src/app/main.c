/* main.c: the pacific executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "pac-application.h"
#include "pac-paths.h"

int
main (int argc, char *argv[])
{
  g_autoptr (PacApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pac_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name ("Pacific");

  app = pac_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
