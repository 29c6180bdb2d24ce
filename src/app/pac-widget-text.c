/* pac-widget-text.c: texts set on widgets only when they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 does the whole work of a new tooltip on every
 * gtk_widget_set_tooltip_text(), even with the same text: the accessible
 * description is updated (a D-Bus signal to every screen reader), the
 * tooltip is queried again (a round trip to the display server) and two
 * notifications go out. Rows that update on every change of their object
 * and a form that updates on every keystroke set the same text again and
 * again, so they go through here.
 */
#include "config.h"

#include "pac-widget-text.h"

/* gtk_widget_set_tooltip_text(), when @text is not what it says already
 * (GTK treats "" as no tooltip, and so does this) */
void
pac_widget_set_tooltip (GtkWidget *widget, const char *text)
{
  const char *now = gtk_widget_get_tooltip_text (widget);

  if (text && *text == '\0')
    text = NULL;
  if (g_strcmp0 (now, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}
