/* pac-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-preferences-window.h"

struct _PacPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwComboRow *style_row;
};

G_DEFINE_FINAL_TYPE (PacPreferencesWindow, pac_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row lists the choices in the enum's order (see the schema). */
static const char *const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_to_position (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (nick, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_color_scheme (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[position]);
}

PacPreferencesWindow *
pac_preferences_window_new (GSettings *settings)
{
  PacPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PAC_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, color_scheme_to_position,
                                position_to_color_scheme, NULL, NULL);
  return self;
}

static void
pac_preferences_window_dispose (GObject *object)
{
  PacPreferencesWindow *self = PAC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pac_preferences_window_parent_class)->dispose (object);
}

static void
pac_preferences_window_class_init (PacPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pac_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PacPreferencesWindow, style_row);
}

static void
pac_preferences_window_init (PacPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
