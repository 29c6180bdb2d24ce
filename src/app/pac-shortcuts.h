/* pac-shortcuts.h: shortcuts that win over the focused widget's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pac_shortcuts_add_ahead (GtkWidget *widget, const char *trigger, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
