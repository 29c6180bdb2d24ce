/* pac-widget-text.h: texts set on widgets only when they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pac_widget_set_tooltip (GtkWidget *widget, const char *text);
void pac_widget_set_live_tooltip (GtkWidget *widget, const char *text);
const char *pac_widget_get_live_tooltip (GtkWidget *widget);

G_END_DECLS
