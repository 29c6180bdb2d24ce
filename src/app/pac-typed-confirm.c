/* pac-typed-confirm.c: "type the name to confirm" before deleting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For what cannot be undone (a cluster, a namespace): Delete stays
 * greyed until the exact name is typed, so a slip of Enter deletes
 * nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-typed-confirm.h"

/* Return in the entry deletes once the name is right, as the button would */
static void
on_entry_activate (GtkEntry *entry, PacAlert *dialog)
{
  GtkWidget *button = pac_alert_find_button (dialog, _ ("_Delete"));

  if (button && pac_alert_get_response_enabled (dialog, "delete"))
    gtk_widget_activate (button);
}

/* The name to type is the entry's placeholder */
static void
on_name_typed (GtkEntry *entry, PacAlert *dialog)
{
  pac_alert_set_response_enabled (
    dialog, "delete",
    g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), gtk_entry_get_placeholder_text (entry))
      == 0);
}

PacAlert *
pac_typed_confirm_new (const char *heading,
                       const char *body,
                       const char *name,
                       const char *entry_label)
{
  PacAlert *dialog = pac_alert_new (heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry_label, -1);
  pac_alert_set_extra_child (dialog, entry);
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  pac_alert_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_response_enabled (dialog, "delete", FALSE);
  pac_alert_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_typed), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), dialog);
  return dialog;
}
