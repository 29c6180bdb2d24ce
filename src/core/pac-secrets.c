/* pac-secrets.c: passwords and tokens in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the secret_password_* API is used: it goes through libsecret's
 * backend choice, so inside Flatpak the secret portal's file backend is
 * used and on the host the Secret Service (gnome-keyring). Attributes are
 * stored unencrypted by the Secret Service, so they never hold secrets.
 */
#define G_LOG_DOMAIN "pac-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-secrets.h"

const SecretSchema *
pac_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.pacificapp.Pacific.Credential",
    SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "guest-cluster", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static const char *
kind_to_string (PacSecretKind kind)
{
  return kind == PAC_SECRET_TOKEN ? "token" : "password";
}

/* guest-cluster is always set ("" for the Supervisor's own items), so that
 * a lookup for one never matches the other. */
static GHashTable *
attributes_new (PacSecretKind kind,
                const char *server,
                const char *username,
                const char *guest_cluster)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (char *) "kind", (char *) kind_to_string (kind));
  g_hash_table_insert (attributes, (char *) "server", (char *) server);
  g_hash_table_insert (attributes, (char *) "username", (char *) username);
  g_hash_table_insert (attributes, (char *) "guest-cluster",
                       (char *) (guest_cluster ? guest_cluster : ""));
  return attributes;
}

/**
 * pac_secrets_server_key:
 *
 * The "server" attribute of an item: the host alone where the port is
 * HTTPS's own (as items were always keyed, so they are found again), else
 * "host:port", so that two servers on one host (a vCenter and a
 * Supervisor, two simulators) never share a password.
 */
char *
pac_secrets_server_key (const char *host, guint16 port)
{
  gboolean v6 = host && strchr (host, ':') != NULL;

  g_return_val_if_fail (host != NULL, NULL);
  if (port == 0 || port == 443)
    return g_strdup (host);
  return g_strdup_printf ("%s%s%s:%u", v6 ? "[" : "", host, v6 ? "]" : "", port);
}

/**
 * pac_secrets_parse_server_key:
 *
 * The host and port of a pac_secrets_server_key() ("host", "host:port",
 * "[v6]:port"), as pacific-ctl's --password-from gives it.
 */
gboolean
pac_secrets_parse_server_key (const char *key, char **host, guint16 *port)
{
  g_autofree char *url = g_strconcat ("https://", key, NULL);
  int parsed_port = -1;

  if (!g_uri_split_network (url, G_URI_FLAGS_NONE, NULL, host, &parsed_port, NULL) || *host == NULL
      || **host == '\0')
    return FALSE;
  *port = parsed_port > 0 ? (guint16) parsed_port : 443;
  return TRUE;
}

/* libsecret reports a missing daemon or portal as a D-Bus or GIO error;
 * the user can act on "no keyring", not on the D-Bus detail. */
static gboolean
propagate_keyring_error (GError **error, GError *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, PAC_ERROR, PAC_ERROR_CANCELLED, local_error->message);
  else
    g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("The keyring could not be used: %s"),
                 local_error->message);
  g_error_free (local_error);
  return FALSE;
}

static gboolean
store_item (PacSecretKind kind,
            const char *server,
            const char *username,
            const char *guest_cluster,
            const char *secret,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL && username != NULL && secret != NULL, FALSE);

  attributes = attributes_new (kind, server, username, guest_cluster);
  /* Translators: the label of a keyring item, as shown in Passwords and Keys */
  label = guest_cluster
            ? g_strdup_printf (_ ("Pacific token for %s on %s, cluster %s"), username, server,
                               guest_cluster)
            : g_strdup_printf (kind == PAC_SECRET_TOKEN ? _ ("Pacific token for %s on %s")
                                                        : _ ("Pacific password for %s on %s"),
                               username, server);
  if (!secret_password_storev_sync (pac_secrets_get_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                                    &local_error))
    return propagate_keyring_error (error, local_error);
  return TRUE;
}

/* Returns: (nullable): the secret, or %NULL without an error when none is stored */
static char *
lookup_item (PacSecretKind kind,
             const char *server,
             const char *username,
             const char *guest_cluster,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  GError *local_error = NULL;
  char *secret;

  g_return_val_if_fail (server != NULL && username != NULL, NULL);

  attributes = attributes_new (kind, server, username, guest_cluster);
  secret = secret_password_lookupv_sync (pac_secrets_get_schema (), attributes, cancellable,
                                         &local_error);
  if (local_error != NULL)
    {
      propagate_keyring_error (error, local_error);
      return NULL;
    }
  return secret;
}

static gboolean
clear_item (PacSecretKind kind,
            const char *server,
            const char *username,
            const char *guest_cluster,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL && username != NULL, FALSE);

  attributes = attributes_new (kind, server, username, guest_cluster);
  secret_password_clearv_sync (pac_secrets_get_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    return propagate_keyring_error (error, local_error);
  return TRUE;
}

gboolean
pac_secrets_store_sync (PacSecretKind kind,
                        const char *host,
                        guint16 port,
                        const char *username,
                        const char *secret,
                        GCancellable *cancellable,
                        GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  return store_item (kind, server, username, NULL, secret, cancellable, error);
}

/* Returns: (nullable): the secret (free with secret_password_free()), or
 *   %NULL without an error when none is stored */
char *
pac_secrets_lookup_sync (PacSecretKind kind,
                         const char *host,
                         guint16 port,
                         const char *username,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  return lookup_item (kind, server, username, NULL, cancellable, error);
}

gboolean
pac_secrets_clear_sync (PacSecretKind kind,
                        const char *host,
                        guint16 port,
                        const char *username,
                        GCancellable *cancellable,
                        GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  return clear_item (kind, server, username, NULL, cancellable, error);
}

/* A guest cluster's token ("<namespace>/<cluster>"), apart from the Supervisor's. */
gboolean
pac_secrets_store_guest_token_sync (const char *host,
                                    guint16 port,
                                    const char *username,
                                    const char *guest_cluster,
                                    const char *token,
                                    GCancellable *cancellable,
                                    GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  g_return_val_if_fail (guest_cluster != NULL && *guest_cluster, FALSE);
  return store_item (PAC_SECRET_TOKEN, server, username, guest_cluster, token, cancellable, error);
}

char *
pac_secrets_lookup_guest_token_sync (const char *host,
                                     guint16 port,
                                     const char *username,
                                     const char *guest_cluster,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  g_return_val_if_fail (guest_cluster != NULL && *guest_cluster, NULL);
  return lookup_item (PAC_SECRET_TOKEN, server, username, guest_cluster, cancellable, error);
}

gboolean
pac_secrets_clear_guest_token_sync (const char *host,
                                    guint16 port,
                                    const char *username,
                                    const char *guest_cluster,
                                    GCancellable *cancellable,
                                    GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  g_return_val_if_fail (guest_cluster != NULL && *guest_cluster, FALSE);
  return clear_item (PAC_SECRET_TOKEN, server, username, guest_cluster, cancellable, error);
}

/* Every token of @username on @server, the Supervisor's and its guest
 * clusters' (sign-out); the password stays */
gboolean
pac_secrets_clear_tokens_sync (const char *host,
                               guint16 port,
                               const char *username,
                               GCancellable *cancellable,
                               GError **error)
{
  g_autofree char *server = pac_secrets_server_key (host, port);
  g_autoptr (GHashTable) attributes = attributes_new (PAC_SECRET_TOKEN, server, username, NULL);
  GError *local_error = NULL;

  /* without guest-cluster, the attributes match the guests' items too */
  g_hash_table_remove (attributes, "guest-cluster");
  secret_password_clearv_sync (pac_secrets_get_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    return propagate_keyring_error (error, local_error);
  return TRUE;
}

/* ---- where a password comes from ---- */

/**
 * pac_secrets_find_password_sync:
 *
 * The password of @username on @host:@port for a sign-in: the keyring's,
 * else PACIFIC_PASSWORD (pipelines without a keyring; never argv). The
 * keyring may block on an unlock prompt: call it off the main thread.
 * Without either, the error says where a password can come from, with the
 * keyring's own trouble (no D-Bus on a runner) where it had one.
 *
 * Returns: (transfer full) (nullable): the password; wipe it when done
 */
char *
pac_secrets_find_password_sync (const char *host,
                                guint16 port,
                                const char *username,
                                GCancellable *cancellable,
                                GError **error)
{
  g_autoptr (GError) keyring_error = NULL;
  char *stored = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, host, port, username, cancellable,
                                          &keyring_error);
  const char *fallback = g_getenv ("PACIFIC_PASSWORD");
  char *password;

  if (stored)
    {
      password = g_strdup (stored);
      secret_password_free (stored);
      return password;
    }
  if (g_error_matches (keyring_error, PAC_ERROR, PAC_ERROR_CANCELLED)
      || g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return NULL;
    }
  if (fallback && *fallback)
    return g_strdup (fallback);
  if (keyring_error)
    g_set_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                 _ ("No password for %s on %s: %s. Give one with --password-stdin or "
                    "PACIFIC_PASSWORD."),
                 username, host, keyring_error->message);
  else
    g_set_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                 _ ("No password is stored for %s on %s"), username, host);
  return NULL;
}
