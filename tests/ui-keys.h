/* ui-keys.h: real key presses for the ui tests, through the X server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean ui_keys_available (void);
void ui_press (GtkWidget *target, const char *accelerator);

G_END_DECLS
