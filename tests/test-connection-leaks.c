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
#include "pac-guest-client.h"
#include "pac-namespace.h"
#include "pac-resource-list.h"
#include "pac-supervisor.h"
#include "pac-vcenter-client.h"

static guint logins;
static guint page_requests;
static gboolean revoke_next;
static guint vcenter_sessions;
static gboolean vcenter_expired;
static char *stored_binding; /* the one object the apply paths write */

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

/* A guest login: where the guest is and its CA (a public test CA) */
static void
respond_guest_login (SoupServerMessage *msg, const char *token)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "test-ca.pem", NULL);
  g_autofree char *pem = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *body = NULL;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  gboolean missing = strstr (request->data, "\"missing\"") != NULL;

  if (strstr (request->data, "\"garbled\""))
    {
      respond (msg, 200, "<html>proxy error</html>");
      return;
    }
  g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
  ca = g_base64_encode ((const guchar *) pem, strlen (pem));
  body = g_strdup_printf (
    "{\"session_id\":\"%s\",\"guest_cluster_server\":\"%s\",\"guest_cluster_ca\":\"%s\"}", token,
    missing ? "" : "127.0.0.1", missing ? "" : ca);
  respond (msg, 200, body);
}

static void
handle_vcenter (SoupServerMessage *msg, const char *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *session = soup_message_headers_get_one (headers, "vmware-api-session-id");

  if (g_str_equal (path, "/api/session"))
    {
      vcenter_sessions++;
      respond (msg, 201, "\"sid\"");
    }
  else if (g_strcmp0 (session, "sid") != 0 || !vcenter_expired)
    {
      /* The first session "expires" at once: one more sign-in */
      vcenter_expired = TRUE;
      respond (msg, 401, "{\"error_type\":\"UNAUTHENTICATED\",\"messages\":[]}");
    }
  else
    respond (msg, 200,
             "[{\"cluster\":\"domain-c8\",\"cluster_name\":\"C\",\"config_status\":"
             "\"RUNNING\",\"kubernetes_status\":\"READY\"}]");
}

/* Just enough of one ClusterRoleBinding for create, 409, read, patch */
static void
handle_binding (SoupServerMessage *msg, const char *method)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);

  if (g_str_equal (method, "POST") && stored_binding)
    respond (msg, 409,
             "{\"kind\":\"Status\",\"message\":\"exists\",\"reason\":\"AlreadyExists\","
             "\"code\":409}");
  else if (g_str_equal (method, "POST") || g_str_equal (method, "PATCH"))
    {
      g_free (stored_binding);
      stored_binding = g_strndup (request->data, request->length);
      respond (msg, g_str_equal (method, "POST") ? 201 : 200, stored_binding);
    }
  else
    respond (msg, 200, stored_binding);
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

  if (g_str_has_prefix (path, "/api/"))
    {
      handle_vcenter (msg, path);
      return;
    }
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
      if (soup_server_message_get_request_body (msg)->length > 0)
        {
          respond_guest_login (msg, token);
          return;
        }
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
  if (g_str_has_prefix (path, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"))
    handle_binding (msg, soup_server_message_get_method (msg));
  else if (g_str_equal (path, "/warn"))
    {
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Warning",
                                   "299 - \"v1alpha1 is \\\"deprecated\\\"\"");
      respond (msg, 200, "{\"kind\":\"Thing\"}");
    }
  else if (g_str_equal (path, "/things"))
    respond (msg, 200,
             "{\"kind\":\"ThingList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
             "{\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"}}]}");
  else if (g_str_equal (path, "/missing"))
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

/* Listens on port @port of @ip (0: a free one); returns the port */
static guint
listen_plain (SoupServer *server, const char *ip, guint port)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (ip);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autoptr (GSocket) socket
    = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GSocketAddress) local = NULL;
  g_autoptr (GError) error = NULL;

  /* soup_server_listen_local() leaks an address in libsoup 3.2: listen by hand. */
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_true (soup_server_listen_socket (server, socket, 0, &error));
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

/* A Supervisor's two ports, in plain HTTP: WCP on a free port of a loopback
 * address of its own, the Kubernetes API on port 6443 of it. Returns the
 * WCP URL. */
static char *
start_server (SoupServer *server)
{
  g_autofree char *ip = g_strdup_printf ("127.%d.%d.%d", g_random_int_range (1, 255),
                                         g_random_int_range (0, 256), g_random_int_range (1, 255));
  guint port;

  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  port = listen_plain (server, ip, 0);
  listen_plain (server, ip, 6443);
  return g_strdup_printf ("http://%s:%u", ip, port);
}

static void
test_paths (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacTrust) trust = pac_trust_new ("/nonexistent");
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (PacConnection) wrong = NULL;
  g_autofree char *url = start_server (server);
  JsonNode *node;

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

static void
on_warning (PacConnection *connection, const char *text, char **last)
{
  g_free (*last);
  *last = g_strdup (text);
}

static PacApplyOutcome
apply (PacGuestClient *client, const char *subject)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\","
    "\"metadata\":{\"name\":\"b\"},\"subjects\":[{\"kind\":\"Group\",\"name\":\"%s\"}]}",
    subject);
  g_autoptr (JsonNode) manifest = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  GAsyncResult *result = NULL;
  PacApplyOutcome outcome = -1;

  pac_guest_client_apply_async (client, json_node_get_object (manifest), NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = pac_guest_client_apply_finish (client, result, &outcome, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return outcome;
}

/* Guest logins, warnings, applies and a polling watch, for the leak check */
static void
test_guest_paths (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (PacTrust) trust = pac_trust_new ("/nonexistent");
  g_autofree char *url = start_server (server);
  g_autoptr (PacConnection) connection = pac_connection_new (url, "u", trust);
  g_autoptr (PacConnection) guest = NULL;
  g_autoptr (PacGuestClient) client = NULL;
  g_autoptr (PacWatch) watch = NULL;
  g_autoptr (PacResourceList) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_connection_set_password (connection, "p");
  pac_connection_open_guest_async (connection, "ns", "missing", NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pac_connection_open_guest_finish (connection, result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);
  /* An answer that is not JSON: an error, not a critical */
  pac_connection_open_guest_async (connection, "ns", "garbled", NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pac_connection_open_guest_finish (connection, result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_SERVER);
  g_clear_error (&error);
  g_clear_object (&result);
  pac_connection_open_guest_async (connection, "ns", "c", NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  guest = pac_connection_open_guest_finish (connection, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (pac_connection_get_port (guest), ==, 6443);

  g_signal_connect (connection, "warning", G_CALLBACK (on_warning), &warning);
  node = run (connection, "/warn", FALSE, &error);
  g_assert_no_error (error);
  json_node_unref (node);
  g_assert_cmpstr (warning, ==, "v1alpha1 is \"deprecated\"");

  /* Apply over the supervisor connection: the client only needs a connection */
  client = pac_guest_client_new (connection);
  g_assert_cmpint (apply (client, "a"), ==, PAC_APPLY_CREATED);
  g_assert_cmpint (apply (client, "a"), ==, PAC_APPLY_UNCHANGED);
  g_assert_cmpint (apply (client, "b"), ==, PAC_APPLY_UPDATED);

  pac_connection_set_max_streams (connection, 0);
  pac_connection_set_poll_interval (connection, 1);
  watch = pac_watch_new (connection, "/things");
  list = pac_resource_list_new (watch, PAC_TYPE_NAMESPACE);
  pac_watch_start (watch);
  g_assert_true (pac_watch_is_polling (watch));
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    g_main_context_iteration (NULL, TRUE);
  pac_watch_stop (watch);
  /* Restarted when a stream is free again: it streams */
  pac_connection_set_max_streams (connection, 1);
  pac_watch_start (watch);
  g_assert_false (pac_watch_is_polling (watch));
  g_assert_cmpuint (pac_connection_get_streams (connection), ==, 1);
  pac_watch_stop (watch);
  g_assert_cmpuint (pac_connection_get_streams (connection), ==, 0);
  g_clear_pointer (&stored_binding, g_free);
}

static void
test_vcenter_paths (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (PacTrust) trust = pac_trust_new ("/nonexistent");
  g_autofree char *url = start_server (server);
  g_autoptr (PacVcenterClient) client = pac_vcenter_client_new (url, "u", trust);
  g_autoptr (GListStore) store = g_list_store_new (PAC_TYPE_SUPERVISOR);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) supervisors = NULL;
  GAsyncResult *result = NULL;

  pac_vcenter_client_set_password (client, "p");
  pac_vcenter_client_list_supervisors_async (client, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  supervisors = pac_vcenter_client_call_finish (client, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (vcenter_sessions, ==, 2);
  pac_supervisor_store_update (store, json_node_get_array (supervisors));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-leaks/paths", test_paths);
  g_test_add_func ("/connection-leaks/guest-paths", test_guest_paths);
  g_test_add_func ("/connection-leaks/vcenter-paths", test_vcenter_paths);

  return g_test_run ();
}
