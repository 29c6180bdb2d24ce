/* pac-alert.c: what differs between an alert dialog and a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-alert.h"

/* A question with a heading and (nullable) body; pac_alert_present() shows it */
PacAlert *
pac_alert_new (const char *heading, const char *body)
{
#if PAC_ALERT_DIALOG
  return PAC_ALERT (adw_alert_dialog_new (heading, body));
#else
  return PAC_ALERT (adw_message_dialog_new (NULL, heading, body));
#endif
}

/* Shows @alert over the window of @parent (any widget in it); it goes
 * with that window */
void
pac_alert_present (PacAlert *alert, GtkWidget *parent)
{
#if PAC_ALERT_DIALOG
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (alert), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (alert), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (alert), TRUE);
  gtk_window_present (GTK_WINDOW (alert));
#endif
}

/* Wider than the platform's default, for a diff or two certificates */
void
pac_alert_set_width (PacAlert *alert, int width)
{
#if PAC_ALERT_DIALOG
  adw_dialog_set_content_width (ADW_DIALOG (alert), width);
#else
  gtk_window_set_default_size (GTK_WINDOW (alert), width, -1);
#endif
}

static GtkWidget *
find_button_under (GtkWidget *root, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found
        = GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0
            ? child
            : find_button_under (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* The response button labelled @label (with its mnemonic: "_Delete") */
GtkWidget *
pac_alert_find_button (PacAlert *alert, const char *label)
{
  return find_button_under (GTK_WIDGET (alert), label);
}
