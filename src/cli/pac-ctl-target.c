/* pac-ctl-target.c: what every pacific-ctl command that talks to a
 * Supervisor shares: the connection options, signing in, the output
 * format and the exit status an error means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless (doc/design.md, "Headless use"): the password comes from --password-stdin, the
 * keyring, or PACIFIC_PASSWORD, never from argv; stdin is read only when
 * --password-stdin asks for it, so nothing blocks in a pipeline.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pac-account-store.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-secrets.h"

void
pac_ctl_target_clear (PacCtlTarget *t)
{
  g_free (t->server);
  g_free (t->user);
  g_free (t->ca_file);
  g_free (t->password_from);
  g_free (t->output);
  g_free (t->namespace);
  g_free (t->account);
  if (t->password)
    memset (t->password, 0, strlen (t->password));
  g_free (t->password);
}

/* What every command that talks to a Supervisor takes: where, who, the
 * CA, the password's source; -n where @with_namespace */
void
pac_ctl_target_add_connection_entries (GOptionContext *context,
                                       PacCtlTarget *t,
                                       gboolean with_namespace)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &t->server, N_ ("The Supervisor’s URL"), N_ ("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &t->user, N_ ("The vCenter user"), N_ ("NAME") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &t->account,
      N_ ("An account Pacific knows, by id or address, for --server and --user"), N_ ("ID") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &t->ca_file, N_ ("The Supervisor’s CA certificate"),
      N_ ("FILE") },
    { "password-from", 0, 0, G_OPTION_ARG_STRING, &t->password_from,
      N_ ("The server whose keyring password signs in (the vCenter of the account)"), N_ ("HOST") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &t->password_stdin,
      N_ ("Read the password from the first line of standard input"), NULL },
    { NULL },
  };
  const GOptionEntry namespace_entry[] = {
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &t->namespace, N_ ("The vSphere namespace"),
      N_ ("NAMESPACE") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_namespace)
    g_option_context_add_main_entries (context, namespace_entry, GETTEXT_PACKAGE);
}

/* The connection entries and -o */
void
pac_ctl_target_add_entries (GOptionContext *context, PacCtlTarget *t, gboolean with_namespace)
{
  const GOptionEntry output_entry[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &t->output, N_ ("table (default), json or yaml"),
      N_ ("FORMAT") },
    { NULL },
  };

  pac_ctl_target_add_connection_entries (context, t, with_namespace);
  g_option_context_add_main_entries (context, output_entry, GETTEXT_PACKAGE);
}

/* --account: a Supervisor account gives the server and the user; a
 * vCenter account the user and the keyring password, --server the
 * Supervisor */
static gboolean
take_account (PacCtlTarget *t, GError **error)
{
  g_autoptr (GSettings) settings = pac_settings_new ();
  g_autoptr (PacAccountStore) store = pac_account_store_new (settings);
  PacAccount *account = pac_ctl_find_account (store, t->account);

  if (account == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND, _ ("no account “%s”"), t->account),
           FALSE;
  if (t->user == NULL)
    t->user = g_strdup (pac_account_get_username (account));
  if (pac_account_get_kind (account) == PAC_ACCOUNT_SUPERVISOR && t->server == NULL)
    t->server = g_strdup (pac_account_get_address (account));
  if (pac_account_get_kind (account) == PAC_ACCOUNT_VCENTER && t->password_from == NULL)
    {
      guint16 port = 443;
      g_autofree char *host = pac_account_dup_host (account, &port);

      t->password_from = pac_secrets_server_key (host, port);
    }
  if (t->server == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("“%s” is a vCenter account: give its Supervisor with --server"),
                        t->account),
           FALSE;
  return TRUE;
}

/* The account with @id, or the one at @id as address */
PacAccount *
pac_ctl_find_account (PacAccountStore *store, const char *id)
{
  PacAccount *found = pac_account_store_find (store, id);

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (PacAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
      if (g_strcmp0 (pac_account_get_address (account), id) == 0)
        found = account; /* the store keeps it */
    }
  return found;
}

gboolean
pac_ctl_target_check (PacCtlTarget *t, GError **error)
{
  if (t->account && !take_account (t, error))
    return FALSE;
  if (!t->server || !t->user)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("--server and --user are needed")),
           FALSE;
  if (t->output
      && !g_strv_contains ((const char *const[]){ "table", "json", "yaml", NULL }, t->output))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("-o takes table, json or yaml, not “%s”"), t->output),
           FALSE;
  return pac_ctl_check_server (t->server, error);
}

/* The first line of stdin, without its line end */
char *
pac_ctl_read_password (GError **error)
{
  char buffer[1024];
  size_t length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                   _ ("--password-stdin: standard input has no password"));
      return NULL;
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  return g_strndup (buffer, length);
}

/* The Supervisor's connection with the CA and the password's source
 * set, not yet signed in (a guest login signs in on its own) */
PacConnection *
pac_ctl_target_prepare (PacCtlTarget *t, GError **error)
{
  g_autoptr (PacTrust) trust = g_object_ref (pac_trust_get_default ());
  g_autoptr (PacConnection) connection = pac_connection_new (t->server, t->user, trust);

  if (!pac_ctl_trust_ca_file (connection, t->ca_file, error))
    return NULL;
  if (t->password_from)
    pac_connection_set_password_host (connection, t->password_from);
  if (t->password_stdin)
    {
      if (t->password == NULL && (t->password = pac_ctl_read_password (error)) == NULL)
        return NULL;
      pac_connection_set_password (connection, t->password);
    }
  return g_steal_pointer (&connection);
}

PacConnection *
pac_ctl_target_connect (PacCtlTarget *t, GError **error)
{
  g_autoptr (PacConnection) connection = pac_ctl_target_prepare (t, error);

  if (connection == NULL || !pac_ctl_log_in_supervisor (connection, error))
    return NULL;
  return g_steal_pointer (&connection);
}

PacSupervisorClient *
pac_ctl_target_open (PacCtlTarget *t, PacCapabilities **capabilities, GError **error)
{
  g_autoptr (PacConnection) connection = pac_ctl_target_connect (t, error);
  g_autoptr (PacSupervisorClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  if (connection == NULL)
    {
      g_main_loop_unref (wait.loop);
      return NULL;
    }
  client = pac_supervisor_client_new (connection);
  pac_supervisor_client_discover_async (client, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  *capabilities = pac_supervisor_client_discover_finish (client, result, error);
  return *capabilities ? g_steal_pointer (&client) : NULL;
}

/**
 * pac_ctl_workload_namespaces:
 *
 * The vSphere namespaces the Supervisor lists for this user
 * (/wcp/workloads).
 *
 * Returns: (transfer full) (nullable): their names
 */
GStrv
pac_ctl_workload_namespaces (PacSupervisorClient *client, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *list;

  pac_supervisor_client_workloads_async (client, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if ((answer = pac_supervisor_client_call_finish (client, result, error)) == NULL)
    return NULL;
  list = JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      const char *name
        = pac_json_string (pac_json_node_object (json_array_get_element (list, i)), "namespace");

      if (name)
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/**
 * pac_ctl_require_namespace:
 *
 * Whether @ns is one of pac_ctl_workload_namespaces(). kubectl lists
 * nothing in a mistyped namespace and exits 0; a pipeline would go on with
 * nothing, or write a context for a namespace that is not there. Not
 * found (3) names the user's namespaces.
 */
gboolean
pac_ctl_require_namespace (PacSupervisorClient *client, const char *ns, GError **error)
{
  g_auto (GStrv) names = pac_ctl_workload_namespaces (client, error);
  g_autofree char *known = NULL;

  if (names == NULL)
    return FALSE;
  if (g_strv_contains ((const char *const *) names, ns))
    return TRUE;
  known = g_strjoinv (", ", names);
  g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND,
               _ ("There is no vSphere namespace “%s” for you on this Supervisor (yours: %s)"), ns,
               *known ? known : _ ("none"));
  return FALSE;
}

/* The documented exit statuses: 1 error, 3 not found, 4 authentication,
 * 5 TLS untrusted, 6 timeout (2, usage, is the parsers') */
int
pac_ctl_status_for (const GError *error)
{
  if (error == NULL || error->domain != PAC_ERROR)
    return PAC_CTL_ERROR;
  switch (error->code)
    {
      case PAC_ERROR_NOT_FOUND:
        return PAC_CTL_NOT_FOUND;
      case PAC_ERROR_AUTHENTICATION:
        return PAC_CTL_AUTHENTICATION;
      case PAC_ERROR_TLS_UNTRUSTED:
      case PAC_ERROR_TLS_CHANGED:
        return PAC_CTL_TLS_UNTRUSTED;
      case PAC_ERROR_TIMEOUT:
        return PAC_CTL_TIMEOUT;
      default:
        return PAC_CTL_ERROR;
    }
}

/* A command line that cannot be run: 2, or 3 for an account not found */
int
pac_ctl_fail_usage (const char *command, const GError *error)
{
  return pac_ctl_fail (command, error->message,
                       g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND) ? PAC_CTL_NOT_FOUND
                                                                               : PAC_CTL_USAGE);
}

int
pac_ctl_fail_with (const char *command, const GError *error)
{
  return pac_ctl_fail (command, error->message, pac_ctl_status_for (error));
}

/* ---- output ---- */

static char *
cell_text (JsonObject *row, const char *field)
{
  JsonNode *node = row ? json_object_get_member (row, field) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *joined = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = json_array_get_string_element (array, i);
          g_string_append_printf (joined, "%s%s", i ? "," : "", item ? item : "");
        }
      return g_string_free (joined, FALSE);
    }
  return json_to_string (node, FALSE);
}

static void
print_table (JsonArray *rows, const PacCtlColumn *columns)
{
  guint n_columns = 0;
  g_autofree gsize *widths = NULL;

  while (columns[n_columns].header)
    n_columns++;
  widths = g_new0 (gsize, n_columns);
  for (guint c = 0; c < n_columns; c++)
    widths[c] = strlen (columns[c].header);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *text
          = cell_text (json_array_get_object_element (rows, r), columns[c].field);
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (text, -1));
      }
  for (guint c = 0; c < n_columns; c++)
    if (c + 1 < n_columns)
      g_print ("%-*s   ", (int) widths[c], columns[c].header);
    else
      g_print ("%s\n", columns[c].header);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *text
          = cell_text (json_array_get_object_element (rows, r), columns[c].field);
        if (c + 1 < n_columns)
          g_print ("%-*s   ", (int) widths[c], text);
        else
          g_print ("%s\n", text);
      }
}

void
pac_ctl_print (const PacCtlTarget *t, JsonNode *data, const PacCtlColumn *columns)
{
  const char *format = t->output ? t->output : "table";

  /* A command with no table of its own prints JSON */
  if (columns == NULL && g_str_equal (format, "table"))
    format = "json";

  if (g_str_equal (format, "json"))
    {
      g_autofree char *text = json_to_string (data, TRUE);
      g_print ("%s\n", text);
    }
  else if (g_str_equal (format, "yaml"))
    {
      g_autofree char *text = pac_yaml_dump (data);
      g_print ("%s", text);
    }
  else if (JSON_NODE_HOLDS_ARRAY (data))
    print_table (json_node_get_array (data), columns);
  else
    {
      g_autoptr (JsonArray) one = json_array_new ();
      json_array_add_element (one, json_node_copy (data));
      print_table (one, columns);
    }
}

/* Progress for people: on stderr, and only when it is a terminal */
void
pac_ctl_progress (const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  if (!isatty (fileno (stderr)))
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", text);
}
