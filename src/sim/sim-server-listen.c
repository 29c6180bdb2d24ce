/* sim-server-listen.c: where the simulated vCenter, Supervisor and guests listen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on real vSphere (doc/simulator.md, "Addresses and ports"): vCenter
 * on its own address and port; each Supervisor on a control-plane
 * address of its own, 127.a.b.c, with WCP (/wcp/…) on port 443 and the
 * Kubernetes API on port 6443; each guest cluster's API on its own
 * address, port 6443. Where the process may not bind 443, WCP takes a
 * free high port (or --wcp-port). With --state, the CA, the server's
 * certificate and key and the addresses are kept in STATE.identity, so
 * a restarted simulator presents what it presented before.
 */
#define G_LOG_DOMAIN "sim-server"

#include "sim-server-private.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>

#include "sim-json.h"

#define API_PORT 6443
#define WCP_PORT 443
#define ADDRESS_TRIES 32
/* As Go's net.Listen on Linux: the backlog is the kernel's somaxconn */
#define LISTEN_BACKLOG 4096
#define DEFER_ACCEPT_SECONDS 30

/* A socket listening on @address (port 0: a free one).
 *
 * glib-networking runs every TLS handshake, the asynchronous ones too, in a
 * thread of GLib's shared GTask pool, and that thread blocks until the
 * client speaks. The pool starts with 10 threads and grows slowly: 100
 * clients that connected and said nothing held them all, and every new
 * client waited ~40 s, where kube-apiserver (a goroutine per connection)
 * answers at once. With TCP_DEFER_ACCEPT the kernel hands a connection over
 * only once its first bytes (the ClientHello) have arrived, or after
 * DEFER_ACCEPT_SECONDS, so a silent client never reaches a handshake. */
static GSocket *
listening_socket (GInetSocketAddress *address, GError **error)
{
  g_autoptr (GSocket) socket
    = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)), G_SOCKET_TYPE_STREAM,
                    G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL || !g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, error))
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_DEFER_ACCEPT, DEFER_ACCEPT_SECONDS, error)
      || !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

/* ---- guests: TLS with client certificates ---- */

typedef struct
{
  SimServer *self;
  GTlsConnection *tls;
  GSocketConnection *connection;
} Handshake;

/* Any client certificate may come; only the CA's count (sim_api_authenticate). */
static gboolean
on_accept_certificate (GTlsConnection *tls,
                       GTlsCertificate *peer,
                       GTlsCertificateFlags errors,
                       gpointer user_data)
{
  return TRUE;
}

static char *
address_key (GSocketAddress *address)
{
  g_autofree char *ip = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("");
  ip = g_inet_address_to_string (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s:%u", ip,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

static void
on_handshake (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Handshake *h = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (h->connection, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (h->connection, NULL);
  GTlsCertificate *peer;

  if (g_tls_connection_handshake_finish (h->tls, result, &error) && h->self->soup)
    {
      g_autofree char *key = remote ? address_key (remote) : NULL;

      peer = g_tls_connection_get_peer_certificate (h->tls);
      if (peer && key)
        g_hash_table_replace (h->self->peer_certificates, g_steal_pointer (&key),
                              g_object_ref (peer));
      else if (key)
        g_hash_table_remove (h->self->peer_certificates, key);
      if (!soup_server_accept_iostream (h->self->soup, G_IO_STREAM (h->tls), local, remote, &error))
        g_debug ("guest connection: %s", error->message);
    }
  else
    g_debug ("guest handshake: %s", error ? error->message : "server gone");
  g_object_unref (h->self);
  g_object_unref (h->tls);
  g_object_unref (h->connection);
  g_free (h);
}

static gboolean
on_incoming (GSocketService *service,
             GSocketConnection *connection,
             GObject *source,
             gpointer user_data)
{
  SimServer *self = user_data;
  g_autoptr (GError) error = NULL;
  GIOStream *tls
    = g_tls_server_connection_new (G_IO_STREAM (connection), self->tls_certificate, &error);
  Handshake *h;

  if (tls == NULL)
    {
      g_warning ("guest TLS: %s", error->message);
      return FALSE;
    }
  g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_REQUESTED, NULL);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
  sim_server_track_client_socket (self, g_socket_connection_get_socket (connection));
  h = g_new0 (Handshake, 1);
  h->self = g_object_ref (self);
  h->tls = G_TLS_CONNECTION (tls);
  h->connection = g_object_ref (connection);
  g_tls_connection_handshake_async (h->tls, G_PRIORITY_DEFAULT, NULL, on_handshake, h);
  return TRUE;
}

/* libsoup keeps a connection open after a response only while its server
 * has a listener of its own (soup-server.c, request_finished); a guest
 * accepts its connections itself (on_incoming, for the client
 * certificate), so its server gets one that no client knows of: an
 * abstract Unix socket under a name of its own. Without it a guest closed
 * every connection after one response, without "Connection: close", where
 * kube-apiserver keeps it open; a client that sent its next request in
 * that moment (kubectl's POSTs, not retried) met "EOF". */
static gboolean
keep_connections_open (SimServer *self, GError **error)
{
  g_autofree char *name = g_strdup_printf ("pacific-sim-%d-%p", (int) getpid (), (void *) self);
  g_autoptr (GSocketAddress) address
    = g_unix_socket_address_new_with_type (name, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  g_autoptr (GSocket) socket
    = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);

  return socket && g_socket_bind (socket, address, FALSE, error) && g_socket_listen (socket, error)
         && soup_server_listen_socket (self->soup, socket, 0, error);
}

static gboolean
listen_guest (SimServer *self,
              GInetAddress *inet,
              guint port,
              GTlsCertificate *certificate,
              GError **error)
{
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autofree char *text = g_inet_address_to_string (inet);
  g_autoptr (GSocket) socket = NULL;

  self->soup = soup_server_new ("server-header", "pacific-sim", NULL);
  soup_server_add_handler (self->soup, NULL, sim_server_on_request, self, NULL);
  if (!keep_connections_open (self, error))
    return FALSE;
  self->tls_certificate = g_object_ref (certificate);
  self->tls_service = g_socket_service_new ();
  socket = listening_socket (G_INET_SOCKET_ADDRESS (address), error);
  if (socket == NULL
      || !g_socket_listener_add_socket (G_SOCKET_LISTENER (self->tls_service), socket, NULL, error))
    return FALSE;
  g_signal_connect (self->tls_service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->tls_service);
  self->url = g_strdup_printf ("https://%s:%u", text, port);
  return TRUE;
}

/* The verified client certificate of a guest request's connection */
GTlsCertificate *
sim_server_peer_certificate (SimServer *self, SoupServerMessage *msg)
{
  g_autofree char *key = NULL;

  if (self->peer_certificates == NULL)
    return NULL;
  key = address_key (soup_server_message_get_remote_address (msg));
  return g_hash_table_lookup (self->peer_certificates, key);
}

/* A guest cluster's API on @address:@port */
gboolean
sim_server_listen (SimServer *self, const char *address, guint port, GError **error)
{
  const char *ips[] = { address, NULL };
  const char *names[] = { "localhost", NULL };
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);

  g_return_val_if_fail (sim_server_is_guest (self), FALSE);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an IP address: %s",
                   address);
      return FALSE;
    }
  certificate = sim_tls_issue_server (self->tls, ips, names, error);
  return certificate && listen_guest (self, inet, port, certificate, error);
}

/* ---- a Supervisor: vCenter, WCP and the Kubernetes API ---- */

static char *
identity_path (SimServer *self)
{
  return self->state_file ? g_strconcat (self->state_file, ".identity", NULL) : NULL;
}

/* The identity kept in @path by a previous run with the same --state:
 * %NULL with @error unset when there is none */
static JsonObject *
read_identity_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (JsonNode) root = NULL;
  gsize length = 0;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (!g_file_get_contents (path, &data, &length, error)
      || (root = sim_json_parse (data, length, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) || !sim_json_get_string (json_node_get_object (root), "ca")
      || !sim_json_get_string (json_node_get_object (root), "ca_key"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a pacific-sim identity file", path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
read_identity (SimServer *self)
{
  g_autofree char *path = identity_path (self);

  return read_identity_file (path, NULL);
}

/* The CA: kept from a previous run with the same --state, else new */
SimTls *
sim_server_new_tls (const char *state_file, GError **error)
{
  g_autofree char *path = state_file ? g_strconcat (state_file, ".identity", NULL) : NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonObject) kept = read_identity_file (path, &local);

  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (kept == NULL)
    return sim_tls_new (error);
  return sim_tls_new_from_pem (sim_json_get_string (kept, "ca"),
                               sim_json_get_string (kept, "ca_key"), error);
}

static gboolean
write_identity (SimServer *self, GTlsCertificate *certificate, GError **error)
{
  g_autofree char *path = identity_path (self);
  g_autoptr (JsonObject) identity = json_object_new ();
  g_autofree char *ca_key = NULL;
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *server = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (path == NULL)
    return TRUE;
  ca_key = sim_tls_dup_ca_key_pem (self->tls);
  g_object_get (certificate, "certificate-pem", &cert_pem, "private-key-pem", &key_pem, NULL);
  server = g_strconcat (cert_pem, sim_tls_get_ca_pem (self->tls), key_pem, NULL);
  json_object_set_string_member (identity, "ca", sim_tls_get_ca_pem (self->tls));
  json_object_set_string_member (identity, "ca_key", ca_key);
  json_object_set_string_member (identity, "server", server);
  json_object_set_string_member (identity, "vcenter", self->vcenter_url);
  json_object_set_string_member (identity, "supervisor", self->wcp_url);
  data = sim_json_object_to_string (identity, &length);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static GInetSocketAddress *
new_address (const char *ip, guint port)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (ip);

  return inet ? G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (inet, port)) : NULL;
}

static char *
address_ip (GInetSocketAddress *address)
{
  return g_inet_address_to_string (g_inet_socket_address_get_address (address));
}

/* "https://ip[:port]", the port left out where it is HTTPS's own */
static char *
address_url (GInetSocketAddress *address)
{
  g_autofree char *ip = address_ip (address);
  guint port = g_inet_socket_address_get_port (address);
  gboolean v6 = strchr (ip, ':') != NULL;

  if (port == WCP_PORT)
    return g_strdup_printf ("https://%s%s%s", v6 ? "[" : "", ip, v6 ? "]" : "");
  return g_strdup_printf ("https://%s%s%s:%u", v6 ? "[" : "", ip, v6 ? "]" : "", port);
}

/* Binds @address (port 0: a free one) and hands the socket to libsoup.
 * Returns: (transfer full): the address bound, with its port */
static GInetSocketAddress *
listen_with (SoupServer *soup, GInetSocketAddress *address, GError **error)
{
  g_autoptr (GSocket) socket = listening_socket (address, error);
  GSocketAddress *bound;

  if (socket == NULL || !soup_server_listen_socket (soup, socket, SOUP_SERVER_LISTEN_HTTPS, error))
    return NULL;
  bound = g_socket_get_local_address (socket, error);
  return bound ? G_INET_SOCKET_ADDRESS (bound) : NULL;
}

static GInetSocketAddress *
listen_on (SimServer *self, GInetSocketAddress *address, GError **error)
{
  return listen_with (self->soup, address, error);
}

/* WCP on 443 where this process may bind it, else on a free port */
static GInetSocketAddress *
listen_wcp (SimServer *self, const char *ip, int port, GError **error)
{
  g_autoptr (GInetSocketAddress) wanted = new_address (ip, port >= 0 ? (guint) port : WCP_PORT);
  g_autoptr (GError) denied = NULL;
  GInetSocketAddress *bound = listen_on (self, wanted, port >= 0 ? error : &denied);

  if (bound || port >= 0)
    return bound;
  if (!g_error_matches (denied, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      g_propagate_error (error, g_steal_pointer (&denied));
      return NULL;
    }
  g_clear_object (&wanted);
  wanted = new_address (ip, 0);
  return listen_on (self, wanted, error);
}

static char *
random_loopback (void)
{
  return g_strdup_printf ("127.%d.%d.%d", g_random_int_range (1, 255), g_random_int_range (0, 256),
                          g_random_int_range (1, 255));
}

/* The addresses a Supervisor certificate names: @first (and @second),
 * then every namespace's own master_host */
static GStrv
certificate_ips (SimServer *self, const char *first, const char *second)
{
  g_autoptr (GStrvBuilder) ips = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer address;

  g_strv_builder_add (ips, first);
  if (second)
    g_strv_builder_add (ips, second);
  g_hash_table_iter_init (&iter, self->namespace_hosts);
  while (g_hash_table_iter_next (&iter, NULL, &address))
    g_strv_builder_add (ips, address);
  return g_strv_builder_end (ips);
}

static GTlsCertificate *
server_certificate (SimServer *self,
                    JsonObject *kept,
                    const char *vcenter_ip,
                    const char *ip,
                    GError **error)
{
  g_auto (GStrv) ips = certificate_ips (self, vcenter_ip, ip);
  const char *names[] = { "localhost", NULL };
  const char *pem = kept ? sim_json_get_string (kept, "server") : NULL;

  if (pem)
    return g_tls_certificate_new_from_pem (pem, -1, error);
  return sim_tls_issue_server (self->tls, (const char *const *) ips, names, error);
}

/* The Supervisor's address and WCP port a previous run kept: "https://ip[:port]" */
static gboolean
kept_supervisor (JsonObject *kept, char **ip, int *port)
{
  g_autoptr (GUri) uri = NULL;
  const char *url = kept ? sim_json_get_string (kept, "supervisor") : NULL;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL)
    return FALSE;
  *ip = g_strdup (g_uri_get_host (uri));
  *port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : WCP_PORT;
  return TRUE;
}

static guint
kept_vcenter_port (JsonObject *kept, const char *ip)
{
  g_autoptr (GUri) uri = NULL;
  const char *url = kept ? sim_json_get_string (kept, "vcenter") : NULL;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL
      || g_strcmp0 (g_uri_get_host (uri), ip) != 0)
    return 0;
  return g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : WCP_PORT;
}

static SoupServer *
new_soup_server (SimServer *self, GTlsCertificate *certificate)
{
  SoupServer *soup
    = soup_server_new ("tls-certificate", certificate, "server-header", "pacific-sim", NULL);

  soup_server_add_handler (soup, NULL, sim_server_on_request, self, NULL);
  g_signal_connect (soup, "request-started", G_CALLBACK (sim_server_on_request_started), self);
  return soup;
}

/* The Kubernetes API's listener (port 6443), a server of its own: it asks
 * every client for a certificate, as kube-apiserver does (a client may send
 * none), while WCP's port and vCenter's do not. It presents WCP's
 * certificate, or (--separate-api-certificate) another one, as a
 * Supervisor whose API certificate was replaced apart from WCP's would. */
static SoupServer *
api_server (SimServer *self,
            const SimListen *listen,
            const char *ip,
            GTlsCertificate *wcp_certificate,
            GError **error)
{
  g_auto (GStrv) ips = certificate_ips (self, ip, NULL);
  const char *names[] = { "localhost", NULL };
  g_autoptr (GTlsCertificate) certificate = NULL;
  SoupServer *soup;

  certificate = listen->separate_api_certificate
                  ? sim_tls_issue_server (self->tls, (const char *const *) ips, names, error)
                  : g_object_ref (wcp_certificate);
  if (certificate == NULL)
    return NULL;
  soup = new_soup_server (self, certificate);
  soup_server_set_tls_auth_mode (soup, G_TLS_AUTHENTICATION_REQUESTED);
  return soup;
}

/* The Kubernetes API on port 6443 of each namespace's own master_host */
static gboolean
listen_namespace_hosts (SimServer *self, GError **error)
{
  GHashTableIter iter;
  gpointer address;

  g_hash_table_iter_init (&iter, self->namespace_hosts);
  while (g_hash_table_iter_next (&iter, NULL, &address))
    {
      g_autoptr (GInetSocketAddress) wanted = new_address (address, API_PORT);
      g_autoptr (GInetSocketAddress) bound = listen_with (self->api_soup, wanted, error);

      if (bound == NULL)
        return FALSE;
    }
  return TRUE;
}

/* "namespace=address" → self->namespace_hosts */
static gboolean
read_namespace_hosts (SimServer *self, const SimListen *listen, GError **error)
{
  for (guint i = 0; listen->namespace_hosts && listen->namespace_hosts[i]; i++)
    {
      const char *item = listen->namespace_hosts[i];
      const char *equals = strchr (item, '=');
      g_autoptr (GInetAddress) address
        = equals ? g_inet_address_new_from_string (equals + 1) : NULL;

      if (address == NULL || equals == item)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--namespace-host wants NAMESPACE=ADDRESS (an IP address), not “%s”", item);
          return FALSE;
        }
      g_hash_table_replace (self->namespace_hosts, g_strndup (item, equals - item),
                            g_strdup (equals + 1));
    }
  return TRUE;
}

/* One try at the three listeners on @ip */
static gboolean
listen_all (SimServer *self,
            const SimListen *listen,
            GTlsCertificate *certificate,
            const char *ip,
            int wcp_port,
            guint vcenter_port,
            GError **error)
{
  g_autoptr (GInetSocketAddress) vcenter = new_address (listen->vcenter_address, vcenter_port);
  g_autoptr (GInetSocketAddress) api = new_address (ip, API_PORT);

  if (vcenter == NULL || api == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an IP address: %s",
                   vcenter ? ip : listen->vcenter_address);
      return FALSE;
    }
  sim_server_close_listeners (self);
  self->soup = new_soup_server (self, certificate);
  if ((self->api_soup = api_server (self, listen, ip, certificate, error)) == NULL)
    return FALSE;
  g_clear_object (&self->api_address);
  g_clear_object (&self->wcp_address);
  g_clear_object (&self->vcenter_address);
  return (self->api_address = listen_with (self->api_soup, api, error)) != NULL
         && listen_namespace_hosts (self, error)
         && (self->wcp_address = listen_wcp (self, ip, wcp_port, error)) != NULL
         && (self->vcenter_address = listen_on (self, vcenter, error)) != NULL;
}

/**
 * sim_server_listen_supervisor:
 *
 * Serves vCenter, WCP and the Kubernetes API (see the file's comment).
 * A Supervisor address not given is the kept one or a random 127.a.b.c,
 * tried again elsewhere while taken.
 */
gboolean
sim_server_listen_supervisor (SimServer *self, const SimListen *listen, GError **error)
{
  g_autoptr (JsonObject) kept = read_identity (self);
  g_autofree char *ip = g_strdup (listen->supervisor_address);
  int wcp_port = listen->wcp_port;
  guint vcenter_port = listen->vcenter_port;
  gboolean chosen = ip != NULL;

  if (!read_namespace_hosts (self, listen, error))
    return FALSE;
  if (!chosen && kept_supervisor (kept, &ip, &wcp_port))
    chosen = TRUE;
  if (listen->wcp_port >= 0)
    wcp_port = listen->wcp_port;
  if (vcenter_port == 0)
    vcenter_port = kept_vcenter_port (kept, listen->vcenter_address);
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) failed = NULL;
      g_autoptr (GTlsCertificate) certificate = NULL;

      if (!chosen)
        {
          g_free (ip);
          ip = random_loopback ();
        }
      certificate
        = server_certificate (self, chosen ? kept : NULL, listen->vcenter_address, ip, error);
      if (certificate == NULL)
        return FALSE;
      if (listen_all (self, listen, certificate, ip, wcp_port, vcenter_port, &failed))
        {
          self->url = g_strdup_printf ("https://%s:%u", ip, API_PORT);
          self->wcp_url = address_url (self->wcp_address);
          self->vcenter_url = address_url (self->vcenter_address);
          return write_identity (self, certificate, error);
        }
      if (chosen || attempt + 1 >= ADDRESS_TRIES
          || !g_error_matches (failed, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&failed), "%s: ", ip);
          return FALSE;
        }
    }
}

static gboolean
same_address (GInetSocketAddress *a, GSocketAddress *b)
{
  return a && G_IS_INET_SOCKET_ADDRESS (b)
         && g_inet_socket_address_get_port (a)
              == g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (b))
         && g_inet_address_equal (g_inet_socket_address_get_address (a),
                                  g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (b)));
}

SimListener
sim_server_listener_of (SimServer *self, SoupServerMessage *msg)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);

  if (same_address (self->vcenter_address, local))
    return SIM_LISTENER_VCENTER;
  if (same_address (self->wcp_address, local))
    return SIM_LISTENER_WCP;
  return SIM_LISTENER_API;
}

char *
sim_server_get_url (SimServer *self)
{
  return g_strdup (self->url);
}

const char *
sim_server_get_vcenter_url (SimServer *self)
{
  return self->vcenter_url;
}

const char *
sim_server_get_wcp_url (SimServer *self)
{
  return self->wcp_url;
}

/* What vCenter calls the Supervisor's api_server_cluster_endpoint: its
 * address, with the WCP port only where that is not 443 */
char *
sim_server_dup_supervisor_endpoint (SimServer *self)
{
  g_autofree char *ip = NULL;
  guint port;

  if (self->wcp_address == NULL)
    return g_strdup ("");
  ip = address_ip (self->wcp_address);
  port = g_inet_socket_address_get_port (self->wcp_address);
  return port == WCP_PORT ? g_steal_pointer (&ip) : g_strdup_printf ("%s:%u", ip, port);
}

/* The control-plane address alone ("master_host" of /wcp/workloads) */
char *
sim_server_dup_supervisor_address (SimServer *self)
{
  return self->wcp_address ? address_ip (self->wcp_address) : g_strdup ("");
}

/* What /wcp/workloads names as @namespace's master_host */
char *
sim_server_dup_master_host (SimServer *self, const char *namespace)
{
  const char *own = g_hash_table_lookup (self->namespace_hosts, namespace);

  return own ? g_strdup (own) : sim_server_dup_supervisor_address (self);
}

static void
forget_client_socket (gpointer user_data, GObject *gone)
{
  SimServer *self = user_data;

  g_hash_table_remove (self->client_sockets, gone);
}

/* libsoup announces a connection's first message before its TLS handshake
 * (the message decides on client certificates), so a client stuck in its
 * handshake is known here too */
void
sim_server_track_client_socket (SimServer *self, GSocket *socket)
{
  if (self->client_sockets == NULL)
    self->client_sockets = g_hash_table_new (NULL, NULL);
  if (g_hash_table_add (self->client_sockets, socket))
    g_object_weak_ref (G_OBJECT (socket), forget_client_socket, self);
}

/* Closing a TLS connection waits for its handshake, and a handshake waits
 * for a client that may never speak: shut every client's socket down
 * first, so each pending read ends at once, as kube-apiserver's do when
 * it stops. */
static void
shut_down_client_sockets (SimServer *self)
{
  GHashTableIter iter;
  gpointer socket;

  if (self->client_sockets == NULL)
    return;
  g_hash_table_iter_init (&iter, self->client_sockets);
  while (g_hash_table_iter_next (&iter, &socket, NULL))
    {
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      g_object_weak_unref (socket, forget_client_socket, self);
    }
  g_clear_pointer (&self->client_sockets, g_hash_table_unref);
}

void
sim_server_close_listeners (SimServer *self)
{
  shut_down_client_sockets (self);
  if (self->api_soup && self->api_soup != self->soup)
    soup_server_disconnect (self->api_soup);
  g_clear_object (&self->api_soup);
  if (self->soup)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  if (self->tls_service)
    {
      g_socket_service_stop (self->tls_service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->tls_service));
      g_signal_handlers_disconnect_by_data (self->tls_service, self);
    }
  g_clear_object (&self->tls_service);
  g_clear_object (&self->tls_certificate);
}
