/* test-secrets.c: PacSecrets against a real Secret Service and libsecret's file backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PAC_TEST_SECRETS_MODE picks the backend:
 *   service      the session's gnome-keyring (run inside build-aux/test-session)
 *   file         libsecret's file backend, as used behind the Flatpak secret portal
 *   unavailable  no Secret Service at all: errors must say so
 */
#define _GNU_SOURCE /* memmem */
#include <glib/gstdio.h>
#include <string.h>

#include "pac-error.h"
#include "pac-secrets.h"

#define SERVER "sv1.example.test"
#define USER "alice@vsphere.local"
#define PASSWORD "Pa55w0rd-not-on-disk"

static const char *mode;
static char *file_keyring_dir;

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  char *found;

  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_TOKEN, SERVER, 443, USER, "eyJ.token.sig", NULL, &error));
  g_assert_no_error (error);

  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, PASSWORD);
  secret_password_free (found);

  found = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, SERVER, 443, USER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "eyJ.token.sig");
  secret_password_free (found);

  /* Another user on the same server sees nothing. */
  found
    = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, "bob@vsphere.local", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Storing again replaces rather than adds. */
  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, "new", NULL, &error));
  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_cmpstr (found, ==, "new");
  secret_password_free (found);

  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error));
  g_assert_no_error (error);
  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* A guest cluster's token is an item of its own. */
  g_assert_true (pac_secrets_store_guest_token_sync (SERVER, 443, USER, "dev/tkc-1",
                                                     "guest.token.sig", NULL, &error));
  g_assert_no_error (error);
  found = pac_secrets_lookup_guest_token_sync (SERVER, 443, USER, "dev/tkc-1", NULL, &error);
  g_assert_cmpstr (found, ==, "guest.token.sig");
  secret_password_free (found);
  found = pac_secrets_lookup_guest_token_sync (SERVER, 443, USER, "dev/tkc-2", NULL, &error);
  g_assert_null (found);
  g_assert_true (pac_secrets_clear_guest_token_sync (SERVER, 443, USER, "dev/tkc-1", NULL, &error));

  /* Clearing the password left the token alone. */
  found = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, SERVER, 443, USER, NULL, &error);
  g_assert_cmpstr (found, ==, "eyJ.token.sig");
  secret_password_free (found);
  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_TOKEN, SERVER, 443, USER, NULL, &error));
  g_assert_no_error (error);
}

/* Two servers on one host (a vCenter and a Supervisor, two simulators)
 * with the same user shared one password item: keyed by host alone.
 * Port 443 keeps the host alone, so items stored before are found. */
static void
test_ports_apart (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = pac_secrets_server_key (SERVER, 8443);
  g_autofree char *v6 = pac_secrets_server_key ("fd00::1", 8443);
  g_autofree char *host = NULL;
  guint16 port = 0;
  char *found;

  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, "on-443", NULL, &error));
  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 8443, USER, "on-8443", NULL, &error));
  g_assert_no_error (error);
  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_cmpstr (found, ==, "on-443");
  secret_password_free (found);
  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 8443, USER, NULL, &error);
  g_assert_cmpstr (found, ==, "on-8443");
  secret_password_free (found);
  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, SERVER, 8443, USER, NULL, &error));
  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_cmpstr (found, ==, "on-443");
  secret_password_free (found);
  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error));

  /* the key, and back (--password-from) */
  g_assert_cmpstr (key, ==, SERVER ":8443");
  g_assert_cmpstr (v6, ==, "[fd00::1]:8443");
  g_assert_true (pac_secrets_parse_server_key (v6, &host, &port));
  g_assert_cmpstr (host, ==, "fd00::1");
  g_assert_cmpuint (port, ==, 8443);
  g_clear_pointer (&host, g_free);
  g_assert_true (pac_secrets_parse_server_key (SERVER, &host, &port));
  g_assert_cmpuint (port, ==, 443);
}

/* Ask the daemon over D-Bus, not through PacSecrets, that the item really
 * lives in gnome-keyring with the documented schema and attributes. */
static void
test_item_in_daemon (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;

  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (attributes, (char *) "server", (char *) SERVER);
  items = secret_service_search_sync (
    service, NULL, attributes,
    SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  {
    SecretItem *item = items->data;
    g_autoptr (GHashTable) found = secret_item_get_attributes (item);
    g_autoptr (SecretValue) value = secret_item_get_secret (item);
    g_autofree char *schema_name = secret_item_get_schema_name (item);

    g_assert_cmpstr (schema_name, ==, "io.github.pacificapp.Pacific.Credential");
    g_assert_cmpstr (g_hash_table_lookup (found, "kind"), ==, "password");
    g_assert_cmpstr (g_hash_table_lookup (found, "username"), ==, USER);
    g_assert_cmpstr (secret_value_get_text (value), ==, PASSWORD);
  }
  g_list_free_full (items, g_object_unref);

  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error));
}

/* The file backend encrypts: the password must not be readable in the file. */
static void
test_file_is_encrypted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (file_keyring_dir, "test.keyring", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 0);
  g_assert_null (memmem (contents, length, PASSWORD, strlen (PASSWORD)));
  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error));
}

static void
test_unavailable (void)
{
  g_autoptr (GError) error = NULL;
  char *found;

  g_assert_false (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, PASSWORD, NULL, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_clear_error (&error);

  found = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, SERVER, 443, USER, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE);
}

static void
remove_file_keyring (void)
{
  g_autofree char *path = g_build_filename (file_keyring_dir, "test.keyring", NULL);

  g_unlink (path);
  g_rmdir (file_keyring_dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *keyring_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  mode = g_getenv ("PAC_TEST_SECRETS_MODE");
  if (mode == NULL)
    mode = "service";

  if (g_str_equal (mode, "service"))
    {
      if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv ("PACIFIC_CI") == NULL)
        {
          g_printerr ("skipped: no session bus; run inside build-aux/test-session\n");
          return 77;
        }
      g_setenv ("SECRET_BACKEND", "service", TRUE);
      g_test_add_func ("/secrets/service/round-trip", test_round_trip);
      g_test_add_func ("/secrets/service/item-in-daemon", test_item_in_daemon);
      g_test_add_func ("/secrets/service/ports-apart", test_ports_apart);
    }
  else if (g_str_equal (mode, "file"))
    {
      file_keyring_dir = g_dir_make_tmp ("pacific-keyring-XXXXXX", NULL);
      g_assert_nonnull (file_keyring_dir);
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      keyring_path = g_build_filename (file_keyring_dir, "test.keyring", NULL);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "portal-master-secret", TRUE);
      g_test_add_func ("/secrets/file/round-trip", test_round_trip);
      g_test_add_func ("/secrets/file/encrypted", test_file_is_encrypted);
    }
  else
    {
      g_setenv ("SECRET_BACKEND", "service", TRUE);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pacific-test-bus", TRUE);
      g_test_add_func ("/secrets/unavailable", test_unavailable);
    }

  status = g_test_run ();
  /* libsecret keeps its service connection for the process; drop it so
   * that the sanitizer run sees only real leaks. */
  secret_service_disconnect ();
  if (file_keyring_dir != NULL)
    remove_file_keyring ();
  return status;
}
