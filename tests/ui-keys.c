/* ui-keys.c: real key presses for the ui tests, through the X server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no public way to send a widget a key event, and a shortcut's
 * fate depends on the whole path a real one takes (capture, the focused
 * widget, bubble). So the tests press keys as a user would: XTest, the
 * X server's own input injection, into the focused window under Xvfb.
 * Through a connection of the tests' own: GTK 4.24 deprecates reaching
 * into its X11 backend (gdk_x11_display_get_xdisplay), and the server
 * delivers the keys to the focused window whoever sent them.
 */
#include "ui-keys.h"

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "ui-helpers.h"

/* The X server GTK draws on (NULL when GTK is not on X11), opened once
 * and kept for the test's life */
static Display *
x_server (void)
{
  static Display *x;
  GdkDisplay *display = gdk_display_get_default ();

  if (x == NULL && display && g_str_equal (G_OBJECT_TYPE_NAME (display), "GdkX11Display"))
    x = XOpenDisplay (gdk_display_get_name (display));
  return x;
}

gboolean
ui_keys_available (void)
{
  int event, error, major, minor;

  return x_server () && XTestQueryExtension (x_server (), &event, &error, &major, &minor);
}

static void
send_key (Display *x, KeySym keysym, gboolean down)
{
  KeyCode code = XKeysymToKeycode (x, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (x, code, down, CurrentTime);
}

static void
send_modifiers (Display *x, GdkModifierType mods, gboolean down)
{
  if (mods & GDK_CONTROL_MASK)
    send_key (x, XK_Control_L, down);
  if (mods & GDK_SHIFT_MASK)
    send_key (x, XK_Shift_L, down);
  if (mods & GDK_ALT_MASK)
    send_key (x, XK_Alt_L, down);
}

typedef struct
{
  guint keyval;
  gboolean pressed;
} Seen;

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                gpointer user_data)
{
  Seen *seen = user_data;

  if (gdk_keyval_to_lower (keyval) == gdk_keyval_to_lower (seen->keyval))
    seen->pressed = TRUE;
  return FALSE;
}

static void
send_once (Display *x, guint keyval, GdkModifierType mods)
{
  send_modifiers (x, mods, TRUE);
  send_key (x, keyval, TRUE);
  send_key (x, keyval, FALSE);
  send_modifiers (x, mods, FALSE);
  XFlush (x);
}

/* Under Xvfb the first XTest key after another input device was used
 * arrives while the server switches keymaps, and has been seen to get lost.
 * A lone Shift goes first, again until @target has seen one: it does
 * nothing in any widget. Watched on @target, which the key passes on its
 * way to the focus inside it, not on the window: with the review
 * AdwAlertDialog open in the creator, GTK 4.24 gave keys to the dialog's
 * button while the creator window's own controllers saw none of them (the
 * main window's see them with its dialogs open; why they differ is not
 * known). */
static void
warm_up (GtkWidget *target, Display *x)
{
  Seen seen = { GDK_KEY_Shift_L, FALSE };
  GtkEventController *watch = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (watch, GTK_PHASE_CAPTURE);
  g_signal_connect (watch, "key-pressed", G_CALLBACK (on_key_pressed), &seen);
  gtk_widget_add_controller (target, watch);
  for (guint attempt = 0; attempt < 5 && !seen.pressed; attempt++)
    {
      send_once (x, XK_Shift_L, 0);
      for (guint i = 0; i < 20 && !seen.pressed; i++)
        ui_spin (50);
    }
  gtk_widget_remove_controller (target, watch);
  g_assert_true (seen.pressed);
}

/**
 * ui_press:
 * @target: the widget to have focus (a window: as it is)
 * @accelerator: as gtk_accelerator_parse() reads it ("<Control><Shift>a")
 *
 * Makes @target's window the active one, focuses @target and presses the
 * keys. The caller waits for what they do.
 */
void
ui_press (GtkWidget *target, const char *accelerator)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (target));
  Display *x = x_server ();
  GdkModifierType mods = 0;
  guint keyval = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  gtk_window_present (window);
  WAIT_FOR (gtk_window_is_active (window));
  if (!GTK_IS_WINDOW (target))
    {
      g_assert_true (gtk_widget_grab_focus (target));
      WAIT_FOR (gtk_widget_has_focus (target) || gtk_widget_get_focus_child (target) != NULL);
    }
  warm_up (target, x);
  send_once (x, keyval, mods);
}
