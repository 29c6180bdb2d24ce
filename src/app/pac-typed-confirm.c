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

/**
 * pac_message_dialog_find_button:
 * @label: a response's label, as given ("_Delete")
 *
 * AdwMessageDialog (libadwaita 1.2) does not hand out its buttons; a
 * click on one is what closes the dialog and answers in one step.
 *
 * Returns: (transfer none) (nullable): the button under @root
 */
GtkWidget *
pac_message_dialog_find_button (GtkWidget *root, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found
        = GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0
            ? child
            : pac_message_dialog_find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* Return in the entry deletes once the name is right, as the button would */
static void
on_entry_activate (GtkEntry *entry, AdwMessageDialog *dialog)
{
  GtkWidget *button = pac_message_dialog_find_button (GTK_WIDGET (dialog), _ ("_Delete"));

  if (button && adw_message_dialog_get_response_enabled (dialog, "delete"))
    gtk_widget_activate (button);
}

/* The name to type is the entry's placeholder */
static void
on_name_typed (GtkEntry *entry, AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (
    dialog, "delete",
    g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), gtk_entry_get_placeholder_text (entry))
      == 0);
}

AdwMessageDialog *
pac_typed_confirm_new (GtkWindow *parent,
                       const char *heading,
                       const char *body,
                       const char *name,
                       const char *entry_label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry_label, -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "delete", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_typed), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), dialog);
  return dialog;
}
