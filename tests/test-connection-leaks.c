/* test-connection-leaks.c: PacConnection's logic over plain HTTP, in process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TLS tests against the simulator run without LeakSanitizer (it
 * crashes on GLib's TLS worker threads, see tests/meson.build). This
 * drives the same paths — login, renewal on 401, errors, retries, paging —
 * against a small in-process HTTP server, where the leak check works.
 * It is not a simulator: it answers just enough to steer the client.
 */
#include <string.h>

#include "pac-connection.h"
#include "pac-error.h"

static guint logins;
static guint page_requests;
static gboolean revoke_next;

static char *
token_for (gint64 exp)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"u\",\"exp\":%" G_GINT64_FORMAT "}", exp);
  g_autofree char *encoded = g_base64_encode ((const guchar *) payload, strlen (payload));

  g_strdelimit (encoded, "=", '\0');
  return g_strdup_printf ("eyJhbGciOiJub25lIn0.%s.x", encoded);
}

static void
respond (SoupServerMessage *msg, guint status, const char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handle (SoupServer *server,
        SoupServerMessage *msg,
        const char *path,
        GHashTable *query,
        gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  if (g_str_equal (path, "/wcp/login"))
    {
      g_autofree char *token = NULL;
      g_autofree char *body = NULL;

      if (g_strcmp0 (authorization, "Basic dTpw") != 0) /* u:p */
        {
          respond (msg, 401, "{\"message\":\"Invalid username or password\"}");
          return;
        }
      logins++;
      token = token_for (g_get_real_time () / G_USEC_PER_SEC + 3600);
      body = g_strdup_printf ("{\"session_id\":\"%s\"}", token);
      respond (msg, 200, body);
      return;
    }
  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer ") || revoke_next)
    {
      revoke_next = FALSE;
      respond (msg, 401,
               "{\"kind\":\"Status\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\","
               "\"code\":401}");
      return;
    }
  if (g_str_equal (path, "/missing"))
    respond (msg, 404,
             "{\"kind\":\"Status\",\"message\":\"things \\\"x\\\" not "
             "found\",\"reason\":\"NotFound\",\"code\":404}");
  else if (g_str_equal (path, "/busy"))
    respond (
      msg, 503,
      "{\"kind\":\"Status\",\"message\":\"busy\",\"reason\":\"ServiceUnavailable\",\"code\":503}");
  else if (g_str_equal (path, "/list"))
    {
      const char *token = query ? g_hash_table_lookup (query, "continue") : NULL;
      page_requests++;
      if (token == NULL)
        respond (msg, 200,
                 "{\"kind\":\"ThingList\",\"metadata\":{\"continue\":\"p2\",\"remainingItemCount\":"
                 "1},\"items\":[{\"n\":1},{\"n\":2}]}");
      else
        respond (msg, 200, "{\"kind\":\"ThingList\",\"metadata\":{},\"items\":[{\"n\":3}]}");
    }
  else
    respond (msg, 200, "{\"kind\":\"Thing\"}");
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonNode *
run (PacConnection *connection, const char *path, gboolean list, GError **error)
{
  GAsyncResult *result = NULL;
  JsonNode *node;

  if (list)
    pac_connection_list_async (connection, path, NULL, on_done, &result);
  else
    pac_connection_request_async (connection, "GET", path, NULL, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = list ? pac_connection_list_finish (connection, result, error)
              : pac_connection_request_finish (connection, result, error);
  g_object_unref (result);
  return node;
}

static void
test_paths (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacTrust) trust = pac_trust_new ("/nonexistent");
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (PacConnection) wrong = NULL;
  g_autofree char *url = NULL;
  JsonNode *node;

  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  /* soup_server_listen_local() leaks an address in libsoup 3.2: listen on loopback by hand. */
  {
    g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    GSList *listeners;
    g_autoptr (GSocketAddress) local = NULL;

    g_assert_true (soup_server_listen (server, address, 0, &error));
    listeners = soup_server_get_listeners (server);
    local = g_socket_get_local_address (listeners->data, &error);
    g_slist_free (listeners);
    g_assert_no_error (error);
    url = g_strdup_printf ("http://127.0.0.1:%u",
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  }
  connection = pac_connection_new (url, "u", trust);
  pac_connection_set_password (connection, "p");

  node = run (connection, "/thing", FALSE, &error);
  g_assert_no_error (error);
  json_node_unref (node);
  g_assert_cmpuint (logins, ==, 1);

  /* A refused token: one more login, and the request goes through. */
  revoke_next = TRUE;
  node = run (connection, "/thing", FALSE, &error);
  g_assert_no_error (error);
  json_node_unref (node);
  g_assert_cmpuint (logins, ==, 2);

  g_assert_null (run (connection, "/missing", FALSE, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (run (connection, "/busy", FALSE, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_SERVER);
  g_clear_error (&error);

  node = run (connection, "/list", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (json_node_get_object (node), "items")), ==,
    3);
  g_assert_cmpuint (page_requests, ==, 2);
  json_node_unref (node);

  wrong = pac_connection_new (url, "u", trust);
  pac_connection_set_password (wrong, "nope");
  g_assert_null (run (wrong, "/thing", FALSE, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
  g_assert_cmpstr (error->message, ==, "Invalid username or password");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-leaks/paths", test_paths);

  return g_test_run ();
}
