/* pac-paths.c: where installed files are, or an uninstalled build's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `meson devenv` (what build-aux/demo runs) sets PACIFIC_LOCALEDIR to the
 * build tree's compiled translations and PACIFIC_CREDENTIAL_COMMAND to its
 * credential plugin (pac_credential_command()), so that the Quick start's
 * app speaks German under a German locale and its kubeconfigs name a
 * plugin that exists. An installed Pacific has neither set.
 */
#include "config.h"

#include "pac-paths.h"

/* The catalogue directory for bindtextdomain() */
const char *
pac_paths_locale_dir (void)
{
  const char *override = g_getenv ("PACIFIC_LOCALEDIR");

  return override && g_path_is_absolute (override) ? override : LOCALEDIR;
}
