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

#define LIVE_TOOLTIP_KEY "pac-live-tooltip"

static gboolean
on_query_live_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (widget), LIVE_TOOLTIP_KEY);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A tooltip for a widget whose text changes as the user types (a form
 * field's problem, the Create button's reason). Even a changed text costs
 * GTK 4.8 a round trip to the display server in gtk_widget_set_tooltip_text()
 * (it asks where the pointer is, to show the new tooltip at once): a fifth
 * of a keystroke that makes a problem appear or clear. This tooltip is read
 * when GTK asks for it ("query-tooltip"), and a changed text only changes
 * the accessible description, as gtk_widget_set_tooltip_text() would. A
 * tooltip on screen keeps its text until the pointer moves. */
void
pac_widget_set_live_tooltip (GtkWidget *widget, const char *text)
{
  const char *now = g_object_get_data (G_OBJECT (widget), LIVE_TOOLTIP_KEY);

  if (text && *text == '\0')
    text = NULL;
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_live_tooltip, NULL)
      == 0)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_live_tooltip), NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  if (g_strcmp0 (now, text) == 0)
    return;
  g_object_set_data_full (G_OBJECT (widget), LIVE_TOOLTIP_KEY, g_strdup (text), g_free);
  if (text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* What @widget's live tooltip says now (NULL: none) */
const char *
pac_widget_get_live_tooltip (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), LIVE_TOOLTIP_KEY);
}
