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

/* Whether @error is an HTTP answer, so the TLS handshake succeeded (a
 * vCenter has no /version; a Supervisor may want a login). A refused
 * connection, a timeout or a changed certificate says nothing of trust. */
static gboolean
server_answered (const GError *error)
{
  static const int answers[] = { PAC_ERROR_AUTHENTICATION, PAC_ERROR_FORBIDDEN, PAC_ERROR_NOT_FOUND,
                                 PAC_ERROR_CONFLICT,       PAC_ERROR_INVALID,   PAC_ERROR_SERVER };

  for (guint i = 0; error->domain == PAC_ERROR && i < G_N_ELEMENTS (answers); i++)
    if (error->code == answers[i])
      return TRUE;
  return FALSE;
}

int
pac_ctl_trust (int argc, char **argv)
{
  g_autofree char *fingerprint = NULL;
  g_autoptr (GOptionContext) context = context_for (
    "SERVER", _ ("Show a server’s certificate; pin it when --fingerprint names it."));
  const GOptionEntry entries[] = {
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fingerprint,
      N_ ("The SHA-256 fingerprint to pin, as the administrator gave it"), N_ ("SHA256") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GTlsCertificate) presented = NULL;
  g_autofree char *shown = NULL, *description = NULL, *wanted = NULL, *actual = NULL;
  PacTrust *trust = pac_trust_get_default ();
  gboolean changed = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pac_ctl_fail_usage ("trust", error);
  if (argc != 2 || !pac_ctl_check_server (argv[1], &error))
    return pac_ctl_fail ("trust", error ? error->message : _ ("give one SERVER"), PAC_CTL_USAGE);
  connection = pac_connection_new (argv[1], "", trust);
  answer = pac_ctl_request (connection, "/version", &error);
  if (answer || server_answered (error))
    {
      g_print ("%s: trusted\n", pac_connection_get_host (connection));
      return PAC_CTL_OK;
    }
  if (!g_error_matches (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED))
    return pac_ctl_fail_with ("trust", error);
  presented = pac_trust_get_rejected (trust, pac_connection_get_host (connection),
                                      pac_connection_get_port (connection), &changed);
  if (presented == NULL)
    return pac_ctl_fail_with ("trust", error);
  description = pac_trust_describe (presented);
  g_print ("%s\n", description);
  if (fingerprint == NULL)
    return pac_ctl_fail ("trust",
                         _ ("not pinned: compare the fingerprint, then give it with "
                            "--fingerprint"),
                         PAC_CTL_TLS_UNTRUSTED);
  shown = pac_trust_fingerprint (presented);
  actual = pac_ctl_hex_only (shown);
  wanted = pac_ctl_hex_only (fingerprint);
  if (!g_str_equal (actual, wanted))
    return pac_ctl_fail ("trust", _ ("the server’s fingerprint is not the one given: not pinned"),
                         PAC_CTL_TLS_UNTRUSTED);
  g_clear_error (&error);
  if (!pac_trust_pin (trust, pac_connection_get_host (connection),
                      pac_connection_get_port (connection), presented, &error))
    return pac_ctl_fail_with ("trust", error);
  g_print ("%s: pinned\n", pac_connection_get_host (connection));
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
