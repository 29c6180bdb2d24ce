/* pac-detail-list.c: the boxed lists of the details pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details are small lists read once per selection (conditions, node
 * pools, events): rows are rebuilt from the object each time.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-detail-list.h"
#include "pac-error.h"

void
pac_detail_list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Adds a row; text is shown as is (no markup) and can be selected. */
AdwActionRow *
pac_detail_list_add (GtkListBox *list, const char *title, const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, GTK_WIDGET (row));
  return row;
}

void
pac_detail_list_add_icon (AdwActionRow *row, const char *icon_name, const char *css_class)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  if (css_class)
    gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (row, icon);
}

/* A dimmed single row: "None", "Loading…", or why there is nothing */
void
pac_detail_list_placeholder (GtkListBox *list, const char *text)
{
  AdwActionRow *row;

  pac_detail_list_clear (list);
  row = pac_detail_list_add (list, text, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
}

/* Shows @value at the end of a property row */
void
pac_detail_row_set (AdwActionRow *row, const char *value)
{
  adw_action_row_set_subtitle (row, value && *value ? value : "—");
}

/* "3 days", "5 hours": how long ago an RFC 3339 @timestamp was */
char *
pac_format_age (const char *timestamp)
{
  g_autoptr (GDateTime) then = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span;
  gint64 n;

  if (then == NULL)
    return g_strdup ("—");
  span = g_date_time_difference (now, then);
  if (span < 0)
    span = 0;
  if ((n = span / G_TIME_SPAN_DAY) > 0)
    return g_strdup_printf (ngettext ("%d day", "%d days", (int) n), (int) n);
  if ((n = span / G_TIME_SPAN_HOUR) > 0)
    return g_strdup_printf (ngettext ("%d hour", "%d hours", (int) n), (int) n);
  n = span / G_TIME_SPAN_MINUTE;
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", (int) n), (int) n);
}

/* Whether an answer came back only because the page moved on */
gboolean
pac_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
