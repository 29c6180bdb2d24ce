/* pac-account-store.c: the accounts, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of PacAccount. On a desktop the settings are the user's
 * (dconf); without a session bus (CI runners, pacific-ctl in pipelines)
 * they are a key file, $XDG_CONFIG_HOME/pacific/settings.ini (doc/design.md, "Headless use").
 * Nothing secret is stored here.
 */
#define G_LOG_DOMAIN "pac-account-store"
#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <gio/gsettingsbackend.h>

#include "pac-account-store.h"

struct _PacAccountStore
{
  GObject parent_instance;

  GSettings *settings;
  GListStore *accounts;
  gboolean saving;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PacAccountStore,
                               pac_account_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
has_session_bus (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

  return (address && *address) || g_file_test (socket, G_FILE_TEST_EXISTS);
}

/* The app's settings: the desktop's, or a key file when headless. */
GSettings *
pac_settings_new (void)
{
  g_autofree char *file = NULL;
  g_autoptr (GSettingsBackend) backend = NULL;

  if (has_session_bus () && g_getenv ("PACIFIC_SETTINGS_FILE") == NULL)
    return g_settings_new (SCHEMA_ID);
  file = g_strdup (g_getenv ("PACIFIC_SETTINGS_FILE"));
  if (file == NULL)
    file = g_build_filename (g_get_user_config_dir (), "pacific", "settings.ini", NULL);
  backend = g_keyfile_settings_backend_new (file, "/io/github/pacificapp/Pacific/", "pacific");
  return g_settings_new_with_backend (SCHEMA_ID, backend);
}

static const char *
kind_to_string (PacAccountKind kind)
{
  return kind == PAC_ACCOUNT_VCENTER ? "vcenter" : "supervisor";
}

static void
load (PacAccountStore *self)
{
  g_autoptr (GVariant) value = g_settings_get_value (self->settings, "accounts");
  g_autoptr (GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  GVariantIter iter;
  const char *id, *kind, *address, *username, *display_name;

  g_variant_iter_init (&iter, value);
  while (
    g_variant_iter_next (&iter, "(&s&s&s&s&s)", &id, &kind, &address, &username, &display_name))
    {
      if (*address == '\0' || *username == '\0')
        continue;
      g_ptr_array_add (loaded, g_object_new (PAC_TYPE_ACCOUNT, "id", id, "kind",
                                             g_str_equal (kind, "vcenter") ? PAC_ACCOUNT_VCENTER
                                                                           : PAC_ACCOUNT_SUPERVISOR,
                                             "address", address, "username", username,
                                             "display-name", display_name, NULL));
    }
  g_list_store_splice (self->accounts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       loaded->pdata, loaded->len);
}

void
pac_account_store_save (PacAccountStore *self)
{
  GVariantBuilder builder;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssss)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacAccount) a = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      g_variant_builder_add (&builder, "(sssss)", pac_account_get_id (a),
                             kind_to_string (pac_account_get_kind (a)), pac_account_get_address (a),
                             pac_account_get_username (a), pac_account_get_display_name (a));
    }
  /* Our own write must not reload the list under the caller's feet. */
  self->saving = TRUE;
  g_settings_set_value (self->settings, "accounts", g_variant_builder_end (&builder));
  self->saving = FALSE;
}

static void
on_changed (GSettings *settings, const char *key, gpointer user_data)
{
  PacAccountStore *self = user_data;

  if (!self->saving)
    load (self);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  g_list_model_items_changed (G_LIST_MODEL (user_data), position, removed, added);
}

PacAccountStore *
pac_account_store_new (GSettings *settings)
{
  PacAccountStore *self = g_object_new (PAC_TYPE_ACCOUNT_STORE, NULL);

  self->settings = g_object_ref (settings);
  load (self);
  g_signal_connect_object (self->settings, "changed::accounts", G_CALLBACK (on_changed), self, 0);
  return self;
}

void
pac_account_store_add (PacAccountStore *self, PacAccount *account)
{
  g_list_store_append (self->accounts, account);
  pac_account_store_save (self);
}

/* Returns: %TRUE when the account was in the store */
gboolean
pac_account_store_remove (PacAccountStore *self, PacAccount *account)
{
  guint position;

  if (!g_list_store_find (self->accounts, account, &position))
    return FALSE;
  g_list_store_remove (self->accounts, position);
  pac_account_store_save (self);
  return TRUE;
}

/* Returns: (transfer none) (nullable) */
PacAccount *
pac_account_store_find (PacAccountStore *self, const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacAccount) a = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      if (g_str_equal (pac_account_get_id (a), id))
        return a;
    }
  return NULL;
}

static GType
get_item_type (GListModel *model)
{
  return PAC_TYPE_ACCOUNT;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PAC_ACCOUNT_STORE (model)->accounts));
}

static gpointer
get_item (GListModel *model, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (PAC_ACCOUNT_STORE (model)->accounts), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
pac_account_store_dispose (GObject *object)
{
  PacAccountStore *self = PAC_ACCOUNT_STORE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->accounts);
  G_OBJECT_CLASS (pac_account_store_parent_class)->dispose (object);
}

static void
pac_account_store_class_init (PacAccountStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_account_store_dispose;
}

static void
pac_account_store_init (PacAccountStore *self)
{
  self->accounts = g_list_store_new (PAC_TYPE_ACCOUNT);
  g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (on_items_changed), self, 0);
}
