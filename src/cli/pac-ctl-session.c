/* pac-ctl-session.c: pacific-ctl's logins and requests, run to the end
 * on a main loop of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-ctl.h"
#include "pac-error.h"

typedef struct
{
  GMainLoop *loop;
  PacConnection *supervisor;
  PacConnection *guest;
  GError *error;
  JsonNode *answer;
} Login;

static void
on_guest (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Login *login = user_data;

  login->guest = pac_connection_open_guest_finish (PAC_CONNECTION (source), result, &login->error);
  g_main_loop_quit (login->loop);
}

static void
on_login (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Login *login = user_data;

  pac_connection_login_finish (PAC_CONNECTION (source), result, &login->error);
  g_main_loop_quit (login->loop);
}

/**
 * pac_ctl_log_in:
 * @supervisor: a connection to the Supervisor
 * @namespace: (nullable): with @cluster, a guest cluster to log in to
 *
 * Returns: (transfer full) (nullable): the connection logged in to (the
 *   guest's, or @supervisor)
 */
PacConnection *
pac_ctl_log_in (PacConnection *supervisor,
                const char *namespace,
                const char *cluster,
                GError **error)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Login login = { loop, supervisor, NULL, NULL, NULL };

  pac_connection_login_async (supervisor, NULL, on_login, &login);
  g_main_loop_run (loop);
  if (login.error == NULL && namespace && cluster)
    {
      pac_connection_open_guest_async (supervisor, namespace, cluster, NULL, on_guest, &login);
      g_main_loop_run (loop);
    }
  if (login.error)
    {
      g_propagate_error (error, login.error);
      return NULL;
    }
  return login.guest ? login.guest : g_object_ref (supervisor);
}

static void
on_request (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Login *login = user_data;

  login->answer = pac_connection_request_finish (PAC_CONNECTION (source), result, &login->error);
  g_main_loop_quit (login->loop);
}

gboolean
pac_ctl_log_in_supervisor (PacConnection *supervisor, GError **error)
{
  g_autoptr (PacConnection) same = pac_ctl_log_in (supervisor, NULL, NULL, error);

  return same != NULL;
}

/* Returns: (transfer full) (nullable): the answer to GET @path */
JsonNode *
pac_ctl_request (PacConnection *connection, const char *path, GError **error)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Login login = { loop, connection, NULL, NULL, NULL };

  pac_connection_request_async (connection, "GET", path, NULL, NULL, on_request, &login);
  g_main_loop_run (loop);
  if (login.error)
    g_propagate_error (error, login.error);
  return login.answer;
}

/* --server must be an https URL with a host; else a clear error, not a
 * connection that cannot be made */
gboolean
pac_ctl_check_server (const char *url, GError **error)
{
  g_autoptr (GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && g_uri_get_host (uri)
      && *g_uri_get_host (uri))
    return TRUE;
  g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
               _ ("--server must be an https:// URL, such as https://10.0.0.5"));
  return FALSE;
}

/* Trusts the CA in @file (nullable: nothing to do) for @connection's host */
gboolean
pac_ctl_trust_ca_file (PacConnection *connection, const char *file, GError **error)
{
  g_autofree char *ca_pem = NULL;
  g_autoptr (GTlsCertificate) ca = NULL;

  if (file == NULL)
    return TRUE;
  if (!g_file_get_contents (file, &ca_pem, NULL, error)
      || !(ca = pac_trust_parse_ca (ca_pem, -1, error)))
    return FALSE;
  pac_trust_add_anchor (pac_connection_get_trust (connection), pac_connection_get_host (connection),
                        pac_connection_get_port (connection), ca);
  return TRUE;
}

void
pac_ctl_on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PacCtlWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

GAsyncResult *
pac_ctl_wait_for (PacCtlWait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

/* "AB:CD…" or "abcd…" alike: the hex digits, lower case, for comparing
 * fingerprints as administrators write them */
char *
pac_ctl_hex_only (const char *text)
{
  GString *hex = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (hex, g_ascii_tolower (*p));
  return g_string_free (hex, FALSE);
}

/* Returns: (transfer full): @strings as a JSON array (none: empty) */
JsonArray *
pac_ctl_strv_array (const char *const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings && strings[i]; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* Waits @ms between polls, keeping the main context turning */
void
pac_ctl_pause (guint ms)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}
