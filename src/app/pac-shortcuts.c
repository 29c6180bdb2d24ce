/* pac-shortcuts.c: shortcuts that win over the focused widget's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A class binding (gtk_widget_class_add_binding_action) is seen in the
 * bubble phase, after the focused widget: GtkListView takes Ctrl+Shift+A
 * for "unselect all", a text view Ctrl+Return for a newline, an entry
 * Ctrl+Y. The app's own shortcuts for those keys are seen first, in the
 * capture phase, so they work wherever the focus is.
 */
#include "config.h"

#include "pac-shortcuts.h"

/**
 * pac_shortcuts_add_ahead:
 * @trigger: the first trigger ("<Control><Shift>a"), followed by its action
 *   ("win.access", one the widget can activate), then more pairs, then %NULL
 *
 * Adds one capture-phase shortcut controller with these shortcuts to @widget.
 */
void
pac_shortcuts_add_ahead (GtkWidget *widget, const char *trigger, ...)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  va_list pairs;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "pac-shortcuts-ahead");
  va_start (pairs, trigger);
  for (const char *t = trigger; t; t = va_arg (pairs, const char *))
    {
      const char *action = va_arg (pairs, const char *);

      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (t), gtk_named_action_new (action)));
    }
  va_end (pairs);
  gtk_widget_add_controller (widget, controller);
}
