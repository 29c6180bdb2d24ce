/* pac-form-text.c: text fields of the forms, to and from lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists (labels, taints, CIDRs) are typed comma separated.
 */
#include "config.h"

#include "pac-form-text.h"

/* "a, b" for ["a", "b"] */
char *
pac_join_list (const char *const *items)
{
  return items ? g_strjoinv (", ", (char **) items) : g_strdup ("");
}

/* ["a", "b"] for "a, b" (empty items dropped); NULL for nothing */
GStrv
pac_split_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (char **p = parts; *p; p++)
    {
      g_strstrip (*p);
      if (**p)
        g_strv_builder_add (builder, *p), n++;
    }
  return n ? g_strv_builder_end (builder) : NULL;
}

/* Sets the text only when it differs, so the cursor of a row being typed
 * in stays where it is */
void
pac_entry_row_show (AdwEntryRow *row, const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

char *
pac_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
