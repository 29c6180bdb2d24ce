/* pac-window.c: the main window, a sidebar (accounts tree) beside the content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-window.h"

struct _PacWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkMenuButton *primary_menu_button;
  AdwStatusPage *empty_page;
  GtkButton *add_account_button;
};

G_DEFINE_FINAL_TYPE (PacWindow, pac_window, ADW_TYPE_APPLICATION_WINDOW)

PacWindow *
pac_window_new (PacApplication *application)
{
  return g_object_new (PAC_TYPE_WINDOW, "application", application, NULL);
}

static void
restore_window_state (PacWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (PacWindow *self)
{
  int width, height;

  /* The default size is the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
pac_window_close_request (GtkWindow *window)
{
  save_window_state (PAC_WINDOW (window));
  return GTK_WINDOW_CLASS (pac_window_parent_class)->close_request (window);
}

static void
pac_window_constructed (GObject *object)
{
  PacWindow *self = PAC_WINDOW (object);

  G_OBJECT_CLASS (pac_window_parent_class)->constructed (object);
  restore_window_state (self);
}

static void
pac_window_dispose (GObject *object)
{
  PacWindow *self = PAC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pac_window_parent_class)->dispose (object);
}

static void
pac_window_class_init (PacWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pac_window_constructed;
  object_class->dispose = pac_window_dispose;
  window_class->close_request = pac_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PacWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PacWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PacWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PacWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PacWindow, add_account_button);
}

static void
pac_window_init (PacWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}
