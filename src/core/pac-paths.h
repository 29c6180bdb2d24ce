/* pac-paths.h: where installed files are, or an uninstalled build's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pac_paths_locale_dir (void);

G_END_DECLS
