/* pac-ctl-credential.c: `pacific-ctl credential`, the credential plugin's
 * cold path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logs in to the Supervisor (and through it to a guest cluster) with the
 * keyring password or PACIFIC_PASSWORD, never a prompt; fills the kernel
 * keyring cache that pacific-credential reads, and prints the
 * ExecCredential. --fresh skips cached tokens: the server refused one.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pac-connection.h"
#include "pac-ctl.h"
#include "pac-error.h"
#include "pac-key-cache.h"
#include "pac-secrets.h"

static char *
credential_json (const char *token, gint64 expiry)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (expiry);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, "client.authentication.k8s.io/v1");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "ExecCredential");
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expirationTimestamp");
  json_builder_add_string_value (builder, stamp);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

int
pac_ctl_credential (int argc, char **argv)
{
  g_autofree char *server = NULL, *user = NULL, *namespace = NULL, *cluster = NULL;
  g_autofree char *password_from = NULL;
  gboolean fresh = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_ ("The Supervisor’s URL"), N_ ("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_ ("The vCenter user"), N_ ("NAME") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &namespace, N_ ("A guest cluster’s namespace"),
      N_ ("NAMESPACE") },
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &cluster, N_ ("A guest cluster’s name"), N_ ("NAME") },
    { "password-from", 0, 0, G_OPTION_ARG_STRING, &password_from,
      N_ ("The server whose keyring password to use (the vCenter of the account)"), N_ ("HOST") },
    { "fresh", 0, 0, G_OPTION_ARG_NONE, &fresh, N_ ("Log in again, whatever is cached"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autofree char *json = NULL;
  char description[1024];

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Prints a kubectl ExecCredential for a Supervisor or "
                                            "a guest cluster. It never asks for a password."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pac_ctl_fail ("credential", error->message, 2);
  if (server == NULL || user == NULL || (namespace == NULL) != (cluster == NULL)
      || pac_key_cache_describe (description, sizeof description, server, user, namespace, cluster)
           != 0)
    return pac_ctl_fail (
      "credential", _ ("--server and --user are needed, and --namespace goes with --cluster"), 2);
  if (!pac_ctl_check_server (server, &error))
    return pac_ctl_fail ("credential", error->message, 2);
  if (fresh)
    {
      g_autoptr (PacConnection) probe = pac_connection_new (server, user, NULL);

      /* a token the server refused must not come back from the keyring */
      pac_secrets_clear_sync (PAC_SECRET_TOKEN, pac_connection_get_host (probe),
                              pac_connection_get_port (probe), user, NULL, NULL);
    }
  {
    g_autoptr (PacConnection) supervisor
      = pac_connection_new (server, user, pac_trust_get_default ());

    if (password_from)
      pac_connection_set_password_host (supervisor, password_from);
    connection = pac_ctl_log_in (supervisor, namespace, cluster, &error);
    /* A token from the Secret Service may have been revoked: one
     * request proves it, and a 401 makes the connection log in afresh */
    if (connection && pac_connection_token_is_cached (connection))
      {
        g_autoptr (JsonNode) api = pac_ctl_request (connection, "/api", &error);

        if (api == NULL)
          g_clear_object (&connection);
      }
  }
  if (connection == NULL)
    {
      g_autofree char *reason
        = g_error_matches (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION)
              || g_error_matches (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE)
            ? g_strdup_printf (_ ("%s (no password could be had: is the keyring unlocked, or "
                                  "PACIFIC_PASSWORD set?)"),
                               error->message)
            : g_strdup (error->message);

      return pac_ctl_fail ("credential", reason, 1);
    }
  /* Where the kernel keyring is missing (Flatpak) the next call logs in
   * again, from the Secret Service's cached token */
  if (pac_key_cache_store (description, pac_connection_get_token (connection),
                           pac_connection_get_token_expiry (connection))
      == 0)
    pac_key_cache_note_served (description);
  json = credential_json (pac_connection_get_token (connection),
                          pac_connection_get_token_expiry (connection));
  g_print ("%s\n", json);
  return 0;
}
