/* pac-alert.c: what differs between an alert dialog and a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-alert"

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

/* Answers @alert as a click on the response's button would (the close
 * response, which may have no button, as Escape would) */
void
pac_alert_respond (PacAlert *alert, const char *response)
{
#if PAC_ALERT_DIALOG
  GtkWidget *button = NULL;

  if (adw_alert_dialog_has_response (alert, response))
    button = pac_alert_find_button (alert, adw_alert_dialog_get_response_label (alert, response));
  g_debug ("alert “%s”: response %s, button %p", adw_alert_dialog_get_heading (alert), response,
           (void *) button);
  /* "clicked" itself: activating a button clicks it only after a
   * timeout, and not at all while the dialog is still being shown */
  if (button && gtk_widget_is_sensitive (button))
    g_signal_emit_by_name (button, "clicked");
  else if (g_strcmp0 (response, adw_alert_dialog_get_close_response (alert)) == 0)
    adw_dialog_close (ADW_DIALOG (alert));
  else
    g_warning ("the alert has no enabled response “%s”", response);
#else
  adw_message_dialog_response (alert, response);
#endif
}

static PacAlert *
find_shown_under (GtkWidget *root, const char *heading)
{
  if (PAC_IS_ALERT (root) && gtk_widget_get_mapped (root)
      && g_str_has_prefix (pac_alert_get_heading (PAC_ALERT (root)), heading))
    return PAC_ALERT (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      PacAlert *found = find_shown_under (child, heading);
      if (found)
        return found;
    }
  return NULL;
}

/* The alert on screen whose heading starts with @heading (the empty
 * string: any), or NULL: for the tests, which answer what the user sees */
PacAlert *
pac_alert_find_shown (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      PacAlert *found = find_shown_under (toplevel, heading);
      if (found)
        return found; /* its window keeps it */
    }
  return NULL;
}
