/* pac-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-accessible.h"
#include "pac-preferences-window.h"
#include "pac-window.h"

struct _PacPreferencesWindow
{
  PacPreferencesBase parent_instance;

  GSettings *settings;
  PacWindow *window; /* weak */

  AdwComboRow *style_row;
  GtkListBox *accounts_list;
};

G_DEFINE_FINAL_TYPE (PacPreferencesWindow, pac_preferences_window, PAC_TYPE_PREFERENCES_BASE)

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

/* prefs.account (the main window's action, an account id): the main
 * window carries out what the account rows ask */
static void
account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacPreferencesWindow *self = PAC_PREFERENCES_WINDOW (widget);
  const char *action, *id;

  g_variant_get (parameter, "(&s&s)", &action, &id);
  if (self->window)
    gtk_widget_activate_action (GTK_WIDGET (self->window), action, "s", id);
}

static void
on_add_clicked (PacPreferencesWindow *self)
{
  if (self->window)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.add-account", NULL);
}

static void
add_button (PacPreferencesWindow *self,
            AdwActionRow *row,
            PacAccount *account,
            const char *icon,
            const char *tooltip,
            const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.account");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", action,
                                    pac_account_get_id (account));
  /* The button's label for screen readers: the tooltip */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  adw_action_row_add_suffix (row, button);
}

static GtkWidget *
create_account_row (gpointer item, gpointer user_data)
{
  PacPreferencesWindow *self = user_data;
  PacAccount *account = item;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subtitle = g_strdup_printf (
    "%s · %s · %s",
    pac_account_get_kind (account) == PAC_ACCOUNT_VCENTER ? _ ("vCenter") : _ ("Supervisor"),
    pac_account_get_username (account), pac_account_get_address (account));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pac_account_get_display_name (account));
  adw_action_row_set_subtitle (row, subtitle);
  add_button (self, row, account, "document-edit-symbolic", _ ("Edit"), "win.edit-account");
  add_button (self, row, account, "view-refresh-symbolic", _ ("Reconnect"),
              "win.reconnect-account");
  add_button (self, row, account, "system-log-out-symbolic", _ ("Sign Out…"), "win.sign-out");
  add_button (self, row, account, "channel-insecure-symbolic", _ ("Forget Pinned Certificate"),
              "win.forget-certificate");
  add_button (self, row, account, "user-trash-symbolic", _ ("Remove"), "win.remove-account");
  return GTK_WIDGET (row);
}

PacPreferencesWindow *
pac_preferences_window_new (GSettings *settings, PacWindow *window)
{
  PacPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (PAC_IS_WINDOW (window), NULL);

  self = g_object_new (PAC_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_set_weak_pointer (&self->window, window);
  gtk_list_box_bind_model (self->accounts_list,
                           G_LIST_MODEL (pac_window_get_account_store (window)), create_account_row,
                           self, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, color_scheme_to_position,
                                position_to_color_scheme, NULL, NULL);
  return self;
}

/* Over @parent: inside it (a dialog) or as its transient window */
void
pac_preferences_window_present (PacPreferencesWindow *self, GtkWindow *parent)
{
#if PAC_PREFERENCES_DIALOG
  adw_dialog_present (ADW_DIALOG (self), GTK_WIDGET (parent));
#else
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
#endif
}

static void
pac_preferences_window_dispose (GObject *object)
{
  PacPreferencesWindow *self = PAC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (pac_preferences_window_parent_class)->dispose (object);
}

static void
pac_preferences_window_class_init (PacPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pac_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, PAC_PREFERENCES_DIALOG ? RESOURCE_PATH "/pac-preferences-dialog.ui"
                                         : RESOURCE_PATH "/pac-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PacPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PacPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_install_action (widget_class, "prefs.account", "(ss)", account_activated);
}

static void
pac_preferences_window_init (PacPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_accessible_name_controls (GTK_WIDGET (self));
}
