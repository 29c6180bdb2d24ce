/* pac-ctl-accounts.c: pacific-ctl account add|list|remove, trust and
 * signout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts are the app's (GSettings, or a key file where there is no
 * session bus); a password given with --password-stdin is checked by
 * signing in and kept in the keyring when there is one. trust shows a
 * server's certificate and pins it only when --fingerprint names it, so a
 * pipeline never trusts blindly. signout removes Pacific's kubeconfig
 * entries and cached tokens (and, when asked, the password and the pin).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pac-account-store.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-kubeconfig.h"
#include "pac-secrets.h"
#include "pac-sign-out.h"

static GOptionContext *
context_for (const char *parameter, const char *summary)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  return context;
}

/* ---- account ---- */

static JsonObject *
account_row (PacAccount *account)
{
  JsonObject *row = json_object_new ();

  json_object_set_string_member (row, "id", pac_account_get_id (account));
  json_object_set_string_member (
    row, "kind", pac_account_get_kind (account) == PAC_ACCOUNT_VCENTER ? "vcenter" : "supervisor");
  json_object_set_string_member (row, "address", pac_account_get_address (account));
  json_object_set_string_member (row, "user", pac_account_get_username (account));
  json_object_set_string_member (row, "name", pac_account_get_display_name (account));
  return row;
}

static const PacCtlColumn account_columns[]
  = { { "ID", "id" },     { "KIND", "kind" }, { "ADDRESS", "address" },
      { "USER", "user" }, { "NAME", "name" }, { NULL } };

static int
account_list (int argc, char **argv)
{
  g_auto (PacCtlTarget) t = { NULL };
  g_autoptr (GOptionContext) context = context_for (NULL, _ ("List the accounts Pacific knows."));
  const GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_STRING, &t.output,
                                     N_ ("table (default), json or yaml"), N_ ("FORMAT") },
                                   { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (PacAccountStore) store = NULL;
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_ARRAY);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pac_ctl_fail_usage ("account list", error);
  settings = pac_settings_new ();
  store = pac_account_store_new (settings);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (PacAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
      json_array_add_object_element (rows, account_row (account));
    }
  json_node_set_array (data, rows);
  pac_ctl_print (&t, data, account_columns);
  return PAC_CTL_OK;
}

/* The password that signed in, to the keyring; where there is none (a
 * runner) that is said, and the account stays added. */
static void
keep_password (PacAccount *account, PacCtlTarget *t)
{
  guint16 port = 443;
  g_autofree char *host = pac_account_dup_host (account, &port);
  const char *password = t->password ? t->password : g_getenv ("PACIFIC_PASSWORD");
  g_autoptr (GError) error = NULL;

  if (password == NULL || *password == '\0')
    {
      if (t->password_stdin && (t->password = pac_ctl_read_password (&error)) != NULL)
        password = t->password;
      else
        {
          g_printerr (_ ("--remember: no password given (--password-stdin or PACIFIC_PASSWORD)\n"));
          return;
        }
    }
  if (pac_secrets_store_sync (PAC_SECRET_PASSWORD, host, port, pac_account_get_username (account),
                              password, NULL, &error))
    g_print ("%s: password kept in the keyring\n", pac_account_get_id (account));
  else
    g_printerr (_ ("The password is not kept: %s\n"), error->message);
}

static int
account_add (int argc, char **argv)
{
  g_auto (PacCtlTarget) t = { NULL };
  g_autofree char *kind = NULL, *name = NULL;
  gboolean remember = FALSE;
  g_autoptr (GOptionContext) context
    = context_for (NULL, _ ("Add an account: signs in once, then keeps it for the app and "
                            "pacific-ctl."));
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("supervisor (default) or vcenter"),
      N_ ("KIND") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("The name shown for it"), N_ ("NAME") },
    { "remember", 0, 0, G_OPTION_ARG_NONE, &remember,
      N_ ("Keep the password in the keyring (from --password-stdin or PACIFIC_PASSWORD)"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (PacAccountStore) store = NULL;
  g_autoptr (PacAccount) account = NULL;
  g_autoptr (PacConnection) connection = NULL;
  gboolean vcenter = g_strcmp0 (kind, "vcenter") == 0;

  pac_ctl_target_add_entries (context, &t, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !pac_ctl_target_check (&t, &error))
    return pac_ctl_fail_usage ("account add", error);
  vcenter = g_strcmp0 (kind, "vcenter") == 0;
  if (kind && !vcenter && g_strcmp0 (kind, "supervisor") != 0)
    return pac_ctl_fail ("account add", _ ("--kind is supervisor or vcenter"), PAC_CTL_USAGE);
  /* A Supervisor account is checked by signing in; a vCenter one by the
   * app when it first lists the Supervisors. */
  if (!vcenter && (connection = pac_ctl_target_connect (&t, &error)) == NULL)
    return pac_ctl_fail_with ("account add", error);
  account = pac_account_new (vcenter ? PAC_ACCOUNT_VCENTER : PAC_ACCOUNT_SUPERVISOR, t.server,
                             t.user, name);
  settings = pac_settings_new ();
  store = pac_account_store_new (settings);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (PacAccount) known = g_list_model_get_item (G_LIST_MODEL (store), i);
      if (g_strcmp0 (pac_account_get_address (known), pac_account_get_address (account)) == 0
          && g_strcmp0 (pac_account_get_username (known), t.user) == 0)
        {
          g_print ("%s: unchanged\n", pac_account_get_id (known));
          return PAC_CTL_OK;
        }
    }
  pac_account_store_add (store, account);
  pac_account_store_save (store);
  g_settings_sync ();
  g_print ("%s: added\n", pac_account_get_id (account));
  if (remember)
    keep_password (account, &t);
  return PAC_CTL_OK;
}

static int
account_remove (int argc, char **argv)
{
  g_autoptr (GOptionContext) context
    = context_for ("ID", _ ("Remove an account (by id or address) and its keyring items."));
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (PacAccountStore) store = NULL;
  PacAccount *account;
  g_autofree char *host = NULL;
  guint16 port = 0;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pac_ctl_fail_usage ("account remove", error);
  if (argc != 2)
    return pac_ctl_fail ("account remove", _ ("give one account’s ID"), PAC_CTL_USAGE);
  settings = pac_settings_new ();
  store = pac_account_store_new (settings);
  if ((account = pac_ctl_find_account (store, argv[1])) == NULL)
    {
      g_print ("%s: absent\n", argv[1]);
      return PAC_CTL_OK;
    }
  g_object_ref (account);
  host = pac_account_dup_host (account, &port);
  /* No keyring on a runner: nothing kept there either */
  pac_secrets_clear_sync (PAC_SECRET_PASSWORD, host, port, pac_account_get_username (account), NULL,
                          NULL);
  pac_secrets_clear_tokens_sync (host, port, pac_account_get_username (account), NULL, NULL);
  pac_account_store_remove (store, account);
  pac_account_store_save (store);
  g_settings_sync ();
  g_print ("%s: removed\n", pac_account_get_id (account));
  g_object_unref (account);
  return PAC_CTL_OK;
}

int
pac_ctl_account (int argc, char **argv)
{
  if (g_strcmp0 (argv[0], "add") == 0)
    return account_add (argc, argv);
  if (g_strcmp0 (argv[0], "list") == 0)
    return account_list (argc, argv);
  if (g_strcmp0 (argv[0], "remove") == 0)
    return account_remove (argc, argv);
  return pac_ctl_fail ("account", _ ("unknown command: add, list or remove"), PAC_CTL_USAGE);
}

/* ---- trust ---- */

/* Whether one of @fingerprints (as an administrator gives them: any case,
 * with or without colons) names @certificate */
static gboolean
names_certificate (char **fingerprints, GTlsCertificate *certificate)
{
  g_autofree char *shown = pac_trust_fingerprint (certificate);
  g_autofree char *actual = pac_ctl_hex_only (shown);

  for (guint i = 0; fingerprints && fingerprints[i]; i++)
    {
      g_autofree char *wanted = pac_ctl_hex_only (fingerprints[i]);

      if (g_str_equal (actual, wanted))
        return TRUE;
    }
  return FALSE;
}

typedef enum
{
  PORT_TRUSTED,
  PORT_PINNED,
  PORT_ABSENT, /* nothing listens there: not a Supervisor's API */
} PortTrust;

/* Shakes hands with @host:@port (no request, no credentials: a pipeline
 * trusts before it has a password to give) and pins what it presents when
 * one of @fingerprints names it. Returns the exit status with *state set,
 * or a failure already reported. */
static int
trust_port (const char *host,
            guint16 port,
            const char *what,
            char **fingerprints,
            gboolean optional,
            PortTrust *state)
{
  PacTrust *trust = pac_trust_get_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) presented = NULL;
  g_autofree char *description = NULL;

  if (pac_trust_handshake_sync (trust, host, port, NULL, &error))
    {
      *state = PORT_TRUSTED;
      return PAC_CTL_OK;
    }
  if (optional && g_error_matches (error, PAC_ERROR, PAC_ERROR_NETWORK))
    {
      *state = PORT_ABSENT;
      return PAC_CTL_OK;
    }
  if (!g_error_matches (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED)
      || (presented = pac_trust_get_rejected (trust, host, port, NULL)) == NULL)
    return pac_ctl_fail_with ("trust", error);
  description = pac_trust_describe (presented);
  /* Translators: what presents the certificate, its port, then the certificate */
  g_print (_ ("%s (port %u):\n%s\n"), what, port, description);
  if (fingerprints == NULL)
    return pac_ctl_fail ("trust",
                         _ ("not pinned: compare the fingerprint, then give it with "
                            "--fingerprint"),
                         PAC_CTL_TLS_UNTRUSTED);
  if (!names_certificate (fingerprints, presented))
    return pac_ctl_fail ("trust", _ ("the server’s fingerprint is not the one given: not pinned"),
                         PAC_CTL_TLS_UNTRUSTED);
  g_clear_error (&error);
  if (!pac_trust_pin (trust, host, port, presented, &error))
    return pac_ctl_fail_with ("trust", error);
  *state = PORT_PINNED;
  return PAC_CTL_OK;
}

/* A Supervisor is two ports to trust: its sign-in (WCP, 443 or the one
 * given) and its Kubernetes API on 6443, which may present another
 * certificate; a vCenter is one (nothing answers on its 6443). Each
 * certificate that is not trusted yet is shown, and pinned when a
 * --fingerprint names it (given twice for two certificates).
 * doc/protocols.md, "Addresses and ports". */
int
pac_ctl_trust (int argc, char **argv)
{
  g_auto (GStrv) fingerprints = NULL;
  g_autoptr (GOptionContext) context
    = context_for ("SERVER", _ ("Show a server’s certificates; pin each one a --fingerprint "
                                "names (a Supervisor’s Kubernetes API may present its own)."));
  const GOptionEntry entries[] = {
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fingerprints,
      N_ ("A SHA-256 fingerprint to pin, as the administrator gave it (once per certificate)"),
      N_ ("SHA256") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection = NULL;
  PortTrust sign_in, api;
  const char *host;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pac_ctl_fail_usage ("trust", error);
  if (argc != 2 || !pac_ctl_check_server (argv[1], &error))
    return pac_ctl_fail ("trust", error ? error->message : _ ("give one SERVER"), PAC_CTL_USAGE);
  /* the connection says which ports, and makes 6443 share the sign-in's
   * pin where the certificate is the same */
  connection = pac_connection_new (argv[1], "", pac_trust_get_default ());
  host = pac_connection_get_host (connection);
  if ((status = trust_port (host, pac_connection_get_port (connection), _ ("Sign-in"), fingerprints,
                            FALSE, &sign_in))
      != PAC_CTL_OK)
    return status;
  g_print ("%s: %s\n", host, sign_in == PORT_PINNED ? "pinned" : "trusted");
  if ((status
       = trust_port (host, PAC_CONNECTION_API_PORT, _ ("Kubernetes API"), fingerprints, TRUE, &api))
      != PAC_CTL_OK)
    return status;
  if (api != PORT_ABSENT)
    g_print ("%s:%u: %s\n", host, PAC_CONNECTION_API_PORT,
             api == PORT_PINNED ? "pinned" : "trusted");
  return PAC_CTL_OK;
}

/* ---- signout ---- */

int
pac_ctl_signout (int argc, char **argv)
{
  g_auto (PacCtlTarget) t = { NULL };
  gboolean forget_password = FALSE, forget_certificate = FALSE;
  g_auto (GStrv) files = NULL;
  g_autoptr (GOptionContext) context
    = context_for (NULL, _ ("Remove Pacific’s kubeconfig entries and cached tokens for an "
                            "account (no others)."));
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      N_ ("A kubeconfig to clean (default: kubectl’s)"), N_ ("FILE") },
    { "forget-password", 0, 0, G_OPTION_ARG_NONE, &forget_password,
      N_ ("Remove the password from the keyring too"), NULL },
    { "forget-certificate", 0, 0, G_OPTION_ARG_NONE, &forget_certificate,
      N_ ("Forget the pinned certificate too"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) probe = NULL;
  g_autoptr (PacSignOut) sign_out = NULL;
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  /* every connection option, as everywhere: --account names the account */
  pac_ctl_target_add_connection_entries (context, &t, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !pac_ctl_target_check (&t, &error))
    {
      g_main_loop_unref (wait.loop);
      return pac_ctl_fail_usage ("signout", error);
    }
  probe = pac_connection_new (t.server, t.user, NULL);
  sign_out
    = pac_sign_out_new (pac_trust_get_default (), pac_connection_get_host (probe),
                        pac_connection_get_port (probe), t.user, (const char *const *) files);
  pac_sign_out_add_supervisor (sign_out, pac_connection_get_host (probe),
                               pac_connection_get_port (probe));
  pac_sign_out_run_async (sign_out,
                          (forget_password ? PAC_SIGN_OUT_FORGET_PASSWORD : 0)
                            | (forget_certificate ? PAC_SIGN_OUT_FORGET_CERTIFICATE : 0),
                          NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if ((done = pac_sign_out_run_finish (sign_out, result, &error)) == NULL)
    return pac_ctl_fail_with ("signout", error);
  for (guint i = 0; i < done->len; i++)
    {
      PacSignOutFile *file = g_ptr_array_index (done, i);
      g_autofree char *diff = file->changes ? pac_kubeconfig_changes_to_diff (file->changes) : NULL;

      g_print ("%s: %s\n", file->file, file->problem ? file->problem : "cleaned");
      if (diff && *diff)
        g_print ("%s", diff);
    }
  return PAC_CTL_OK;
}
