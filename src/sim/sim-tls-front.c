/* sim-tls-front.c: TLS in front of the simulator's HTTP servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glib-networking runs every TLS handshake, the asynchronous ones too,
 * in a thread of GLib's shared GTask pool, and that thread blocks until
 * the client has spoken. The pool starts with 10 threads and grows by one
 * about every 0.1 s: 100 clients that connect and say nothing (or half a
 * ClientHello) held every thread, and a new client waited ~40 s, where
 * kube-apiserver (a goroutine per connection) answers at once. So a
 * handshake starts only once the client's first TLS record, its whole
 * ClientHello, has arrived, and one that has not finished within
 * HANDSHAKE_SECONDS of the connection is given up. The TLS stream then
 * goes to libsoup (soup_server_accept_iostream()).
 *
 * It can ask for client certificates (which libsoup 3.2's own TLS
 * listener refuses) and keeps each connection's certificate by its remote
 * address. The Supervisor's listeners do not ask, although a real
 * kube-apiserver does (doc/simulator.md says why not yet); guests still
 * use their own listener in sim-server-listen.c.
 */
#define G_LOG_DOMAIN "sim-server"

#include "sim-tls-front.h"

#define HANDSHAKE_SECONDS 30
#define RECORD_HEADER 5
#define TLS_HANDSHAKE_RECORD 0x16
#define RECHECK_MS 20

struct _SimTlsFront
{
  GObject parent_instance;
  SoupServer *soup;
  GTlsCertificate *certificate;
  GTlsAuthenticationMode mode;
  GHashTable *peer_certificates; /* "ip:port" → GTlsCertificate */
  GSocketService *service;
};

G_DEFINE_FINAL_TYPE (SimTlsFront, sim_tls_front, G_TYPE_OBJECT)

/* One connection until its handshake is done */
typedef struct
{
  SimTlsFront *front;
  GSocketConnection *connection;
  GTlsConnection *tls; /* once the handshake runs */
  GCancellable *cancellable;
  GSource *wait;
  guint deadline;
} Incoming;

static void
incoming_free (Incoming *in)
{
  if (in->wait)
    g_source_destroy (in->wait);
  g_clear_pointer (&in->wait, g_source_unref);
  g_clear_handle_id (&in->deadline, g_source_remove);
  g_clear_object (&in->tls);
  g_clear_object (&in->cancellable);
  if (in->connection)
    g_io_stream_close (G_IO_STREAM (in->connection), NULL, NULL);
  g_clear_object (&in->connection);
  g_object_unref (in->front);
  g_free (in);
}

char *
sim_tls_front_address_key (GSocketAddress *address)
{
  g_autofree char *ip = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("");
  ip = g_inet_address_to_string (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s:%u", ip,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

/* Any client certificate may come; only the CA's count (sim_api_authenticate) */
static gboolean
on_accept_certificate (GTlsConnection *tls,
                       GTlsCertificate *peer,
                       GTlsCertificateFlags errors,
                       gpointer user_data)
{
  return TRUE;
}

static void
remember_peer (SimTlsFront *self, GTlsConnection *tls, GSocketAddress *remote)
{
  g_autofree char *key = remote ? sim_tls_front_address_key (remote) : NULL;
  GTlsCertificate *peer = g_tls_connection_get_peer_certificate (tls);

  if (key == NULL || self->peer_certificates == NULL)
    return;
  if (peer)
    g_hash_table_replace (self->peer_certificates, g_steal_pointer (&key), g_object_ref (peer));
  else
    g_hash_table_remove (self->peer_certificates, key);
}

static void
on_handshake (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Incoming *in = user_data;
  SimTlsFront *self = in->front;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (in->connection, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (in->connection, NULL);

  if (g_tls_connection_handshake_finish (in->tls, result, &error) && self->soup)
    {
      remember_peer (self, in->tls, remote);
      /* Once libsoup has the stream, it is libsoup's to close */
      if (soup_server_accept_iostream (self->soup, G_IO_STREAM (in->tls), local, remote, &error))
        g_clear_object (&in->connection);
    }
  if (error)
    g_debug ("TLS handshake: %s", error->message);
  incoming_free (in);
}

static void
start_handshake (Incoming *in)
{
  static const char *const protocols[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr (GError) error = NULL;
  GIOStream *tls
    = g_tls_server_connection_new (G_IO_STREAM (in->connection), in->front->certificate, &error);

  if (tls == NULL)
    {
      g_warning ("TLS: %s", error->message);
      incoming_free (in);
      return;
    }
  g_object_set (tls, "authentication-mode", in->front->mode, "require-close-notify", FALSE,
                "advertised-protocols", protocols, NULL);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
  in->tls = G_TLS_CONNECTION (tls);
  g_tls_connection_handshake_async (in->tls, G_PRIORITY_DEFAULT, in->cancellable, on_handshake, in);
}

/* Bytes waiting on @socket, read without taking them */
static gssize
peek (GSocket *socket, guint8 *buffer, gsize size)
{
  GInputVector vector = { buffer, size };
  int flags = G_SOCKET_MSG_PEEK;

  return g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, NULL);
}

typedef enum
{
  HELLO_MORE_TO_COME,
  HELLO_COMPLETE,
  HELLO_CLOSED,
} HelloState;

/* Whether the client's first record has arrived whole. Anything that is
 * not a TLS handshake record goes to the handshake at once, which fails
 * and says why. */
static HelloState
hello_state (GSocket *socket)
{
  guint8 header[RECORD_HEADER];
  g_autofree guint8 *record = NULL;
  gssize got = peek (socket, header, sizeof header);
  gsize need;

  if (got <= 0)
    return HELLO_CLOSED;
  if (header[0] != TLS_HANDSHAKE_RECORD)
    return HELLO_COMPLETE;
  if (got < RECORD_HEADER)
    return HELLO_MORE_TO_COME;
  need = RECORD_HEADER + ((gsize) header[3] << 8 | header[4]);
  record = g_malloc (need);
  return peek (socket, record, need) >= (gssize) need ? HELLO_COMPLETE : HELLO_MORE_TO_COME;
}

static void wait_for_bytes (Incoming *in);

static gboolean
on_recheck (gpointer user_data)
{
  Incoming *in = user_data;

  g_clear_pointer (&in->wait, g_source_unref);
  wait_for_bytes (in);
  return G_SOURCE_REMOVE;
}

/* Peeked bytes stay readable: while a record is incomplete, look again
 * a little later instead of spinning on a socket that is always ready */
static gboolean
on_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Incoming *in = user_data;

  g_clear_pointer (&in->wait, g_source_unref);
  switch (hello_state (socket))
    {
      case HELLO_COMPLETE:
        start_handshake (in);
        break;
      case HELLO_MORE_TO_COME:
        in->wait = g_timeout_source_new (RECHECK_MS);
        g_source_set_callback (in->wait, on_recheck, in, NULL);
        g_source_attach (in->wait, NULL);
        break;
      case HELLO_CLOSED:
      default:
        incoming_free (in);
        break;
    }
  return G_SOURCE_REMOVE;
}

static void
wait_for_bytes (Incoming *in)
{
  GSocket *socket = g_socket_connection_get_socket (in->connection);

  in->wait = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (in->wait, G_SOURCE_FUNC (on_readable), in, NULL);
  g_source_attach (in->wait, NULL);
}

/* Too slow: before the handshake, the connection is closed; during it,
 * the handshake is cancelled and on_handshake() closes it */
static gboolean
on_deadline (gpointer user_data)
{
  Incoming *in = user_data;

  in->deadline = 0;
  if (in->tls)
    g_cancellable_cancel (in->cancellable);
  else
    incoming_free (in);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming (GSocketService *service,
             GSocketConnection *connection,
             GObject *source,
             gpointer user_data)
{
  Incoming *in = g_new0 (Incoming, 1);

  in->front = g_object_ref (user_data);
  in->connection = g_object_ref (connection);
  in->cancellable = g_cancellable_new ();
  in->deadline = g_timeout_add_seconds (HANDSHAKE_SECONDS, on_deadline, in);
  wait_for_bytes (in);
  return TRUE;
}

SimTlsFront *
sim_tls_front_new (SoupServer *soup,
                   GTlsCertificate *certificate,
                   GTlsAuthenticationMode mode,
                   GHashTable *peer_certificates)
{
  SimTlsFront *self = g_object_new (SIM_TYPE_TLS_FRONT, NULL);

  self->mode = mode;
  self->soup = g_object_ref (soup);
  self->certificate = g_object_ref (certificate);
  self->peer_certificates = peer_certificates ? g_hash_table_ref (peer_certificates) : NULL;
  return self;
}

/* Listens on @address (port 0: a free one).
 * Returns: (transfer full): the address bound, with its port */
GInetSocketAddress *
sim_tls_front_listen (SimTlsFront *self, GInetSocketAddress *address, GError **error)
{
  g_autoptr (GSocket) socket
    = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)), G_SOCKET_TYPE_STREAM,
                    G_SOCKET_PROTOCOL_TCP, error);
  GSocketAddress *bound;

  if (socket == NULL || !g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, error)
      || !g_socket_listen (socket, error)
      || !g_socket_listener_add_socket (G_SOCKET_LISTENER (self->service), socket, NULL, error))
    return NULL;
  bound = g_socket_get_local_address (socket, error);
  g_socket_service_start (self->service);
  return bound ? G_INET_SOCKET_ADDRESS (bound) : NULL;
}

/* No new connections; those still in their handshake are dropped */
void
sim_tls_front_stop (SimTlsFront *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->soup);
}

static void
sim_tls_front_dispose (GObject *object)
{
  SimTlsFront *self = SIM_TLS_FRONT (object);

  if (self->service)
    {
      sim_tls_front_stop (self);
      g_signal_handlers_disconnect_by_data (self->service, self);
    }
  g_clear_object (&self->service);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->peer_certificates, g_hash_table_unref);
  G_OBJECT_CLASS (sim_tls_front_parent_class)->dispose (object);
}

static void
sim_tls_front_class_init (SimTlsFrontClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sim_tls_front_dispose;
}

static void
sim_tls_front_init (SimTlsFront *self)
{
  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
}
