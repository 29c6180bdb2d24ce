/* pac-dialog.c: what differs between an AdwDialog and a dialog window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-dialog.h"

/* The size the dialog asks for; on a small window or screen it is made
 * smaller (pac_present_over) and its content scrolls. Every PacDialog's
 * init calls it, so a dialog window (before 1.5) is made modal here too,
 * as its template no longer says (an AdwDialog has no such property). */
void
pac_dialog_set_size (PacDialog *self, int width, int height)
{
#if PAC_ADW_DIALOG
  adw_dialog_set_content_width (ADW_DIALOG (self), width);
  adw_dialog_set_content_height (ADW_DIALOG (self), height);
#else
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
#endif
}

void
pac_dialog_set_title (PacDialog *self, const char *title)
{
#if PAC_ADW_DIALOG
  adw_dialog_set_title (ADW_DIALOG (self), title);
#else
  gtk_window_set_title (GTK_WINDOW (self), title);
#endif
}

/* Never taller or wider than the window it belongs to (at least a small
 * dialog's size): on a small screen or a window made small, a dialog's own
 * default would run off the screen; its content scrolls instead */
#define DIALOG_MIN_WIDTH 360
#define DIALOG_MIN_HEIGHT 420

/* Shows @window (a dialog of its own: the creator, or a PacDialog before
 * libadwaita 1.5) over the window @parent is in, fitted into it */
void
pac_present_over (GtkWindow *window, GtkWidget *parent)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  int width, height;

  if (GTK_IS_WINDOW (root))
    {
      int room_width = MAX (gtk_widget_get_width (GTK_WIDGET (root)), DIALOG_MIN_WIDTH);
      int room_height = MAX (gtk_widget_get_height (GTK_WIDGET (root)), DIALOG_MIN_HEIGHT);

      gtk_window_get_default_size (window, &width, &height);
      gtk_window_set_default_size (window, MIN (width, room_width), MIN (height, room_height));
      if (gtk_window_get_transient_for (window) == NULL)
        gtk_window_set_transient_for (window, GTK_WINDOW (root));
    }
  gtk_window_present (window);
}

/* Shows @self over the window of @parent (any widget in it) */
void
pac_dialog_present (PacDialog *self, GtkWidget *parent)
{
#if PAC_ADW_DIALOG
  adw_dialog_present (ADW_DIALOG (self), parent);
#else
  pac_present_over (GTK_WINDOW (self), parent);
#endif
}

/* As the user closes it (Escape, Cancel) */
void
pac_dialog_close (PacDialog *self)
{
#if PAC_ADW_DIALOG
  adw_dialog_close (ADW_DIALOG (self));
#else
  gtk_window_close (GTK_WINDOW (self));
#endif
}

/* Closes it whatever it would say: its work is done */
void
pac_dialog_force_close (PacDialog *self)
{
#if PAC_ADW_DIALOG
  adw_dialog_force_close (ADW_DIALOG (self));
#else
  gtk_window_destroy (GTK_WINDOW (self));
#endif
}

/* Where the focus goes when the dialog shows: a widget grabbing it before
 * then is too early for an AdwDialog, which moves focus when presented */
void
pac_dialog_set_initial_focus (PacDialog *self, GtkWidget *widget)
{
#if PAC_ADW_DIALOG
  adw_dialog_set_focus (ADW_DIALOG (self), widget);
#else
  gtk_window_set_focus (GTK_WINDOW (self), widget);
#endif
}

/* The window the dialog is drawn in (or is): a file chooser's parent */
GtkWindow *
pac_dialog_get_window (PacDialog *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
close_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  pac_dialog_close (PAC_DIALOG (widget));
}

/* For every PacDialog's class_init: "dialog.close" (the Cancel or Close
 * button: "window.close" would close the main window an AdwDialog is
 * drawn in) and Escape for it (an AdwDialog has that itself) */
void
pac_dialog_class_add_close (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dialog.close", NULL, close_activated);
#if !PAC_ADW_DIALOG
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.close", NULL);
#endif
}
