/* pac-diff.h: what changed between two texts, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pac_diff_lines (const char *before, const char *after, guint context);

G_END_DECLS
