/* test-accounts.c: PacAccount and PacAccountStore over GSettings and a key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pac-account-store.h"

static void
count_changes (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_store_round_trip (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.pacificapp.Pacific");
  g_autoptr (PacAccountStore) store = pac_account_store_new (settings);
  g_autoptr (PacAccountStore) other = NULL;
  g_autoptr (PacAccount) vc = pac_account_new (PAC_ACCOUNT_VCENTER, "vc01.example.test",
                                               "administrator@vsphere.local", "Lab vCenter");
  g_autoptr (PacAccount) sv
    = pac_account_new (PAC_ACCOUNT_SUPERVISOR, "10.0.0.5:8443", "devops@vsphere.local", NULL);
  g_autoptr (PacAccount) first = NULL;
  g_autoptr (PacAccount) second = NULL;
  g_autofree char *url = pac_account_get_base_url (sv);
  guint changes = 0;

  g_settings_reset (settings, "accounts");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  pac_account_store_add (store, vc);
  pac_account_store_add (store, sv);
  g_assert_cmpstr (pac_account_get_display_name (sv), ==, "10.0.0.5:8443");
  g_assert_cmpstr (url, ==, "https://10.0.0.5:8443");

  /* Another store over the same settings reads them back, in order. */
  other = pac_account_store_new (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (other), 0);
  second = g_list_model_get_item (G_LIST_MODEL (other), 1);
  g_assert_cmpstr (pac_account_get_id (first), ==, pac_account_get_id (vc));
  g_assert_cmpint (pac_account_get_kind (first), ==, PAC_ACCOUNT_VCENTER);
  g_assert_cmpstr (pac_account_get_address (first), ==, "vc01.example.test");
  g_assert_cmpstr (pac_account_get_username (first), ==, "administrator@vsphere.local");
  g_assert_cmpstr (pac_account_get_display_name (first), ==, "Lab vCenter");
  g_assert_cmpint (pac_account_get_kind (second), ==, PAC_ACCOUNT_SUPERVISOR);
  g_assert_true (pac_account_store_find (other, pac_account_get_id (sv)) != NULL);

  /* A removal in one store shows in the other as a list change. */
  g_signal_connect (other, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (pac_account_store_remove (store, vc));
  g_assert_false (pac_account_store_remove (store, vc));
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_null (pac_account_store_find (other, pac_account_get_id (vc)));
  g_settings_reset (settings, "accounts");
}

/* Without a session bus the settings are a key file, and hold no secret. */
static void
test_headless_key_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pacific-settings-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "settings.ini", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (PacAccountStore) store = NULL;
  g_autoptr (PacAccount) account
    = pac_account_new (PAC_ACCOUNT_SUPERVISOR, "sv.example.test", "ci@vsphere.local", "CI");

  g_setenv ("PACIFIC_SETTINGS_FILE", file, TRUE);
  settings = pac_settings_new ();
  store = pac_account_store_new (settings);
  pac_account_store_add (store, account);
  g_settings_sync ();
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "sv.example.test"));
  g_assert_nonnull (strstr (contents, "ci@vsphere.local"));
  g_assert_null (strstr (contents, "password"));

  /* A later process finds the account in the same file. */
  {
    g_autoptr (GSettings) again = pac_settings_new ();
    g_autoptr (PacAccountStore) reread = pac_account_store_new (again);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 1);
  }
  g_unsetenv ("PACIFIC_SETTINGS_FILE");
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accounts/store-round-trip", test_store_round_trip);
  g_test_add_func ("/accounts/headless-key-file", test_headless_key_file);

  return g_test_run ();
}
