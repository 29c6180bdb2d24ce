/* pac-connection.c: one HTTPS session to a Supervisor, with its WCP token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per account, verified through PacTrust (pins, no
 * insecure mode). Requests carry the WCP session token as a bearer
 * token; it is fetched with the password (in memory for headless use,
 * else the keyring, else PACIFIC_PASSWORD), renewed shortly before its
 * "exp", and once more on a 401 before the error is reported. Reads are
 * retried with backoff on dropped connections and 503; writes never are.
 *
 * A Supervisor answers WCP (/wcp/…) on the address the user gave (port
 * 443 by default) and its Kubernetes API on port 6443 of that address,
 * as kubectl-vsphere writes it (doc/protocols.md, "Addresses and ports").
 */
#define G_LOG_DOMAIN "pac-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-connection-private.h"
#include "pac-error.h"
#include "pac-http.h"
#include "pac-json.h"
#include "pac-jwt.h"
#include "pac-log.h"
#include "pac-secrets.h"

#define MAX_READ_ATTEMPTS 3
#define LARGE_BODY_BYTES (64 * 1024)

enum
{
  SIGNAL_WARNING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
GParamSpec *pac_connection_reachable_pspec;

G_DEFINE_FINAL_TYPE (PacConnection, pac_connection, G_TYPE_OBJECT)

/* The session of every connection: verified through @trust only */
static PacConnection *
new_connection (GUri *base, const char *username, PacTrust *trust, PacCredential credential)
{
  PacConnection *self = g_object_new (PAC_TYPE_CONNECTION, NULL);
  gboolean vcenter = credential == PAC_CREDENTIAL_VCENTER;

  self->base = g_uri_ref (base);
  self->api_base = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (base), NULL,
                                g_uri_get_host (base), PAC_CONNECTION_API_PORT, "", NULL, NULL);
  self->username = g_strdup (username);
  self->trust = g_object_ref (trust ? trust : pac_trust_get_default ());
  self->credential = credential;
  /* Watches hold a connection each: allow more than libsoup's 2 per host.
   * vCenter's POST /api/session answers the session id as a bare JSON
   * string, which the log's redaction cannot tell from any other: its log
   * shows headers only. */
  self->session = pac_http_session_new (G_TLS_DATABASE (self->trust), 60,
                                        vcenter ? 0 : PAC_CONNECTION_MAX_STREAMS + 4,
                                        vcenter ? PAC_HTTP_LOG_HEADERS : PAC_HTTP_LOG_BODIES);
  return self;
}

PacConnection *
pac_connection_new_for_uri (GUri *base, const char *username, PacTrust *trust)
{
  return new_connection (base, username, trust, PAC_CREDENTIAL_WCP);
}

PacConnection *
pac_connection_new (const char *base_url, const char *username, PacTrust *trust)
{
  g_autoptr (GUri) base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  PacConnection *self;

  g_return_val_if_fail (base != NULL, NULL);
  self = pac_connection_new_for_uri (base, username, trust);
  /* One Supervisor, one server to trust: 6443 presents what WCP does */
  pac_trust_add_alias (self->trust, g_uri_get_host (base), PAC_CONNECTION_API_PORT,
                       pac_connection_get_port (self));
  return self;
}

/**
 * pac_connection_new_vcenter:
 *
 * vCenter's REST API through the same requests, retries and sign-in as a
 * Supervisor's (doc/protocols.md, "vCenter REST"): a session from
 * POST /api/session, sent as vmware-api-session-id, signed in again once
 * when a call meets 401; errors in vCenter's words.
 */
PacConnection *
pac_connection_new_vcenter (const char *base_url, const char *username, PacTrust *trust)
{
  g_autoptr (GUri) base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  g_return_val_if_fail (base != NULL, NULL);
  return new_connection (base, username, trust, PAC_CREDENTIAL_VCENTER);
}

const char *
pac_connection_get_host (PacConnection *self)
{
  return g_uri_get_host (self->base);
}

guint16
pac_connection_get_port (PacConnection *self)
{
  int port = g_uri_get_port (self->base);

  return port > 0 ? (guint16) port : 443;
}

SoupSession *
pac_connection_get_session (PacConnection *self)
{
  return self->session;
}

/* For pacific-ctl's --password-stdin and PACIFIC_PASSWORD: kept in memory only. */
void
pac_connection_set_password (PacConnection *self, const char *password)
{
  g_clear_pointer (&self->password, g_free);
  self->password = g_strdup (password);
}

/* The keyring password is that of @host's account (the vCenter this
 * Supervisor was reached through), not this host's: "host" or
 * "host:port", as pac_secrets_server_key() writes it */
void
pac_connection_set_password_host (PacConnection *self, const char *host)
{
  g_free (self->password_host);
  self->password_host = g_strdup (host);
}

const char *
pac_connection_get_username (PacConnection *self)
{
  return self->username;
}

PacTrust *
pac_connection_get_trust (PacConnection *self)
{
  return self->trust;
}

/* "https://host[:port]", as the user would type it */
char *
pac_connection_dup_url (PacConnection *self)
{
  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, pac_connection_get_host (self),
                     g_uri_get_port (self->base), "", NULL, NULL);
}

/* Where kubectl reaches what this connection talks to: a Supervisor's
 * Kubernetes API on port 6443, else the connection's own address */
char *
pac_connection_dup_api_url (PacConnection *self)
{
  GUri *api = self->credential == PAC_CREDENTIAL_WCP ? self->api_base : self->base;

  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (api), g_uri_get_port (api),
                     "", NULL, NULL);
}

gint64
pac_connection_get_token_expiry (PacConnection *self)
{
  return self->token_expiry;
}

/* Whether the token came from the keyring's cache rather than a login:
 * the server may have revoked it since */
gboolean
pac_connection_token_is_cached (PacConnection *self)
{
  return self->token != NULL && self->token_cached;
}

/* Returns: (transfer full) (nullable): the PEM of the CA this connection
 * was given for its server (a guest cluster's, from the Supervisor) */
char *
pac_connection_dup_ca_pem (PacConnection *self)
{
  GTlsCertificate *anchor = pac_trust_get_anchor (self->trust, pac_connection_get_host (self),
                                                  pac_connection_get_port (self));
  char *pem = NULL;

  if (anchor)
    g_object_get (anchor, "certificate-pem", &pem, NULL);
  return pem;
}

/* The token of the last login, for the kubectl credential plugin only;
 * NULL before one */
const char *
pac_connection_get_token (PacConnection *self)
{
  return self->token;
}

/* Every task of this file: errors stay in PAC_ERROR, cancellation included. */
GTask *
pac_connection_new_task (PacConnection *self,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data,
                         gpointer source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

SoupMessage *
pac_connection_new_message (PacConnection *self, const char *method, const char *path)
{
  gboolean kubernetes = self->credential == PAC_CREDENTIAL_WCP && !g_str_has_prefix (path, "/wcp/");
  g_autoptr (GUri) uri = g_uri_parse_relative (kubernetes ? self->api_base : self->base, path,
                                               G_URI_FLAGS_ENCODED, NULL);

  return uri ? soup_message_new_from_uri (method, uri) : NULL;
}

/* @msg's port: WCP's, or the Kubernetes API's (6443), whose certificate
 * may be another than WCP's */
static GError *
transport_error (PacConnection *self, SoupMessage *msg, const GError *error)
{
  GUri *uri = msg ? soup_message_get_uri (msg) : NULL;
  guint16 port = uri && g_uri_get_port (uri) > 0 ? (guint16) g_uri_get_port (uri)
                                                 : pac_connection_get_port (self);

  return pac_trust_explain_error (self->trust, pac_connection_get_host (self), port, error);
}

/* ---- requests ---- */

typedef struct
{
  char *method;
  char *path;
  JsonNode *body;
  guint attempt;
  gboolean relogged;
} Request;

static void
request_free (Request *r)
{
  g_free (r->method);
  g_free (r->path);
  g_clear_pointer (&r->body, json_node_unref);
  g_free (r);
}

static void send_request (GTask *task);

static gboolean
token_fresh (PacConnection *self)
{
  switch (self->credential)
    {
      case PAC_CREDENTIAL_CERTIFICATE:
        return TRUE;
      case PAC_CREDENTIAL_STATIC:
      case PAC_CREDENTIAL_VCENTER: /* lives while used: a 401 says it ended */
        return self->token != NULL;
      case PAC_CREDENTIAL_WCP:
      case PAC_CREDENTIAL_GUEST:
      default:
        return self->token != NULL
               && pac_connection_token_is_fresh (self->token_obtained, self->token_expiry);
    }
}

/* The credential on a message: the client certificate, or the token */
static void
sign (PacConnection *self, SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (self->client_certificate)
    soup_message_set_tls_client_certificate (msg, self->client_certificate);
  else if (self->credential == PAC_CREDENTIAL_VCENTER)
    soup_message_headers_replace (headers, "vmware-api-session-id", self->token ? self->token : "");
  else
    {
      g_autofree char *authorization
        = g_strdup_printf ("Bearer %s", self->token ? self->token : "");
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  soup_message_headers_replace (headers, "Accept", "application/json");
}

/* Kubernetes sends deprecations and admission warnings as
 * `Warning: 299 - "text"` headers (RFC 7234 form); pass the text up. */
void
pac_connection_note_warnings (PacConnection *self, SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Warning") == 0)
      {
        g_autofree char *text = pac_connection_parse_warning (value);
        if (text)
          g_signal_emit (self, signals[SIGNAL_WARNING], 0, text);
      }
}

/**
 * pac_connection_parse_warning:
 * @value: one Warning header value, e.g. `299 - "v1alpha1 is deprecated"`
 *
 * Returns: (transfer full) (nullable): its text, unquoted
 */
char *
pac_connection_parse_warning (const char *value)
{
  const char *open = value ? strchr (value, '"') : NULL;
  GString *text;

  if (open == NULL)
    return value && *value ? g_strdup (value) : NULL;
  text = g_string_new (NULL);
  for (const char *p = open + 1; *p && *p != '"'; p++)
    {
      if (*p == '\\' && p[1])
        p++;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
on_relogin (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;

  if (!pac_connection_login_finish (PAC_CONNECTION (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send_request (task);
}

static void
parse_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    {
      /* 204 No Content (vCenter's answer to an update) */
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL),
                             (GDestroyNotify) json_node_unref);
      return;
    }
  if (!pac_json_load (parser, data, length, &error))
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_SERVER,
                               _ ("The server's answer is not valid JSON: %s"), error->message);
      g_error_free (error);
      return;
    }
  g_task_return_pointer (task, json_parser_steal_root (parser), (GDestroyNotify) json_node_unref);
}

static void
on_parsed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JsonNode *node = g_task_propagate_pointer (G_TASK (result), &error);

  pac_json_task_return (task, node, error);
}

static gboolean
retry_later (gpointer user_data)
{
  send_request (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
may_retry (Request *r)
{
  return g_str_equal (r->method, "GET") && r->attempt < MAX_READ_ATTEMPTS;
}

static void
on_response (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacConnection *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = bytes ? soup_message_get_status (msg) : 0;

  pac_connection_note_reach (self, error);
  if (bytes)
    pac_connection_note_warnings (self, msg);
  if ((bytes == NULL && error->domain != G_TLS_ERROR
       && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && may_retry (r))
      || (status == 503 && may_retry (r)))
    {
      /* 200 ms, then 400 ms: reads only, writes may have happened. */
      g_debug ("retrying %s %s", r->method, r->path);
      g_timeout_add (100u << r->attempt, retry_later, task);
      return;
    }
  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (self, msg, error));
      g_object_unref (task);
      return;
    }
  if (status == 401 && !r->relogged)
    {
      /* A token the server no longer takes: one more login, then report. */
      r->relogged = TRUE;
      g_free (self->rejected_token);
      self->rejected_token = g_steal_pointer (&self->token);
      pac_connection_login_async (self, g_task_get_cancellable (task), on_relogin, task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr (JsonNode) root = pac_http_parse_json (bytes);

      g_task_return_error (task, self->credential == PAC_CREDENTIAL_VCENTER
                                   ? pac_error_from_vcenter (status, root)
                                   : pac_error_from_kubernetes_status (status, root));
      g_object_unref (task);
      return;
    }
  if (g_bytes_get_size (bytes) > LARGE_BODY_BYTES)
    {
      /* Big lists are parsed off the main thread, so the UI never stalls. */
      g_autoptr (GTask) parse = g_task_new (self, g_task_get_cancellable (task), on_parsed, task);
      g_task_set_task_data (parse, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread (parse, parse_thread);
      return;
    }
  {
    g_autoptr (GTask) parse = g_task_new (self, NULL, NULL, NULL);
    g_task_set_task_data (parse, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
    parse_thread (parse, self, bytes, NULL);
    on_parsed (G_OBJECT (self), G_ASYNC_RESULT (parse), task);
  }
}

static void
send_request (GTask *task)
{
  PacConnection *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GError) cancelled = NULL;

  /* libsoup 3.2 may never answer a message whose cancellable is already cancelled. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled))
    {
      g_task_return_error (task, pac_error_from_transport (cancelled));
      g_object_unref (task);
      return;
    }
  if (!token_fresh (self))
    {
      pac_connection_login_async (self, g_task_get_cancellable (task), on_relogin, task);
      return;
    }
  msg = pac_connection_new_message (self, r->method, r->path);
  if (msg == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, _ ("“%s” is not a valid path"),
                               r->path);
      g_object_unref (task);
      return;
    }
  sign (self, msg);
  if (r->body)
    {
      g_autoptr (GBytes) bytes = pac_json_to_bytes (r->body);

      gboolean merge_patch
        = g_str_equal (r->method, "PATCH") && self->credential != PAC_CREDENTIAL_VCENTER;

      soup_message_set_request_body_from_bytes (
        msg, merge_patch ? "application/merge-patch+json" : "application/json", bytes);
    }
  r->attempt++;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_response, task);
}

/**
 * pac_connection_request_async:
 * @path: the path and query, e.g. "/api/v1/namespaces?limit=500"
 * @body: (nullable): sent as JSON; PATCH sends it as a merge patch (Kubernetes)
 *
 * Signs in first when there is no fresh token.
 */
void
pac_connection_request_async (PacConnection *self,
                              const char *method,
                              const char *path,
                              JsonNode *body,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = pac_connection_new_task (self, cancellable, callback, user_data,
                                         pac_connection_request_async);
  Request *r = g_new0 (Request, 1);

  r->method = g_strdup (method);
  r->path = g_strdup (path);
  r->body = body ? json_node_copy (body) : NULL;
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  send_request (task);
}

/* Returns: (transfer full): the answer's JSON */
JsonNode *
pac_connection_request_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- requests on behalf of a client object ---- */

static void
on_request_for (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JsonNode *node = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  pac_json_task_return (task, node, error);
}

/**
 * pac_connection_request_for_async:
 * @source_object: the client the answer is for; the task is its own
 * @source_tag: the client's finish function
 *
 * A request whose GTask belongs to @source_object, so that the client's
 * finish function takes it (with g_task_propagate_pointer()).
 */
void
pac_connection_request_for_async (PacConnection *self,
                                  gpointer source_object,
                                  gpointer source_tag,
                                  const char *method,
                                  const char *path,
                                  JsonNode *body,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  pac_connection_request_async (self, method, path, body, cancellable, on_request_for, task);
}

static void
on_list_for (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JsonNode *node = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);

  pac_json_task_return (task, node, error);
}

/* pac_connection_list_async() for a client, as pac_connection_request_for_async() */
void
pac_connection_list_for_async (PacConnection *self,
                               gpointer source_object,
                               gpointer source_tag,
                               const char *path,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  pac_connection_list_async (self, path, cancellable, on_list_for, task);
}

/* ---- streams (watches) ---- */

/**
 * pac_connection_new_signed_message:
 * @path: the path and query
 *
 * A message with this connection's bearer token, for callers that read
 * the answer as a stream. Call pac_connection_login_async() first when
 * pac_connection_has_fresh_token() says so.
 *
 * Returns: (transfer full) (nullable): %NULL for a path that is not valid
 */
SoupMessage *
pac_connection_new_signed_message (PacConnection *self, const char *method, const char *path)
{
  SoupMessage *msg = pac_connection_new_message (self, method, path);

  if (msg)
    sign (self, msg);
  return msg;
}

gboolean
pac_connection_has_fresh_token (PacConnection *self)
{
  return token_fresh (self);
}

/* After a 401 on a stream: that token is not to be used again. */
void
pac_connection_reject_token (PacConnection *self)
{
  g_free (self->rejected_token);
  self->rejected_token = g_steal_pointer (&self->token);
}

/* A watch may stream while the connection has streams left; each one
 * holds an HTTP connection of the session for as long as it runs. */
gboolean
pac_connection_reserve_stream (PacConnection *self)
{
  if (self->streams >= self->max_streams)
    return FALSE;
  self->streams++;
  return TRUE;
}

void
pac_connection_release_stream (PacConnection *self)
{
  g_return_if_fail (self->streams > 0);
  self->streams--;
}

/* Fewer streams than PAC_CONNECTION_MAX_STREAMS, e.g. for a busy server */
void
pac_connection_set_max_streams (PacConnection *self, guint max_streams)
{
  self->max_streams = MIN (max_streams, PAC_CONNECTION_MAX_STREAMS);
}

/* How often a watch without a stream lists again */
void
pac_connection_set_poll_interval (PacConnection *self, guint seconds)
{
  self->poll_seconds = MAX (seconds, 1);
}

guint
pac_connection_get_poll_interval (PacConnection *self)
{
  return self->poll_seconds;
}

guint
pac_connection_get_streams (PacConnection *self)
{
  return self->streams;
}

GError *
pac_connection_explain_transport_error (PacConnection *self, const GError *error)
{
  return transport_error (self, NULL, error);
}

/* ---- long lists ---- */

#define PAGE_SIZE 500

typedef struct
{
  char *path;
  JsonNode *list; /* the first page, items of later pages appended (without @each) */
  PacListPageFunc each;
  gpointer each_data;
  guint pages; /* read so far */
  gboolean restarted;
} Listing;

static void
listing_free (Listing *l)
{
  g_free (l->path);
  g_clear_pointer (&l->list, json_node_unref);
  g_free (l);
}

static void request_page (GTask *task, const char *continue_token);

static const char *
continue_of (JsonNode *page)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (page) ? json_node_get_object (page) : NULL;
  JsonNode *metadata = object ? json_object_get_member (object, "metadata") : NULL;
  JsonNode *token = metadata && JSON_NODE_HOLDS_OBJECT (metadata)
                      ? json_object_get_member (json_node_get_object (metadata), "continue")
                      : NULL;

  return token && json_node_get_value_type (token) == G_TYPE_STRING && *json_node_get_string (token)
           ? json_node_get_string (token)
           : NULL;
}

static JsonArray *
items_of (JsonNode *page)
{
  JsonNode *items = JSON_NODE_HOLDS_OBJECT (page)
                      ? json_object_get_member (json_node_get_object (page), "items")
                      : NULL;

  return items && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL;
}

static void
on_page (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Listing *l = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) page
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  JsonArray *items;

  if (page == NULL && g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT) && l->pages > 0
      && !l->restarted)
    {
      /* 410: the continue token outlived the server's history. Start over once. */
      l->restarted = TRUE;
      l->pages = 0;
      g_clear_pointer (&l->list, json_node_unref);
      request_page (task, NULL);
      return;
    }
  if (page == NULL || (items = items_of (page)) == NULL)
    {
      g_task_return_error (task, error
                                   ? g_steal_pointer (&error)
                                   : g_error_new_literal (PAC_ERROR, PAC_ERROR_SERVER,
                                                          _ ("The server's list has no items")));
      g_object_unref (task);
      return;
    }
  if (l->each)
    l->each (items, l->pages == 0 && l->restarted, l->each_data);
  else if (l->list == NULL)
    l->list = json_node_ref (page);
  else
    for (guint i = 0; i < json_array_get_length (items); i++)
      json_array_add_element (items_of (l->list),
                              json_node_ref (json_array_get_element (items, i)));
  l->pages++;
  if (continue_of (page))
    {
      request_page (task, continue_of (page));
      return;
    }
  if (l->each)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* The whole list now: no continue token left in it. */
  {
    JsonNode *metadata = json_object_get_member (json_node_get_object (l->list), "metadata");
    if (metadata && JSON_NODE_HOLDS_OBJECT (metadata))
      {
        json_object_remove_member (json_node_get_object (metadata), "continue");
        json_object_remove_member (json_node_get_object (metadata), "remainingItemCount");
      }
  }
  g_task_return_pointer (task, g_steal_pointer (&l->list), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
request_page (GTask *task, const char *continue_token)
{
  PacConnection *self = g_task_get_source_object (task);
  Listing *l = g_task_get_task_data (task);
  g_autofree char *escaped
    = continue_token ? g_uri_escape_string (continue_token, NULL, TRUE) : NULL;
  g_autofree char *path
    = g_strdup_printf ("%s%slimit=%d%s%s", l->path, strchr (l->path, '?') ? "&" : "?", PAGE_SIZE,
                       escaped ? "&continue=" : "", escaped ? escaped : "");

  pac_connection_request_async (self, "GET", path, NULL, g_task_get_cancellable (task), on_page,
                                task);
}

/* The first page of @path; @each: (nullable): pages handed on, else kept */
static void
start_listing (PacConnection *self,
               const char *path,
               PacListPageFunc each,
               gpointer each_data,
               GCancellable *cancellable,
               GAsyncReadyCallback callback,
               gpointer user_data,
               gpointer source_tag)
{
  GTask *task = pac_connection_new_task (self, cancellable, callback, user_data, source_tag);
  Listing *l = g_new0 (Listing, 1);

  l->path = g_strdup (path);
  l->each = each;
  l->each_data = each_data;
  g_task_set_task_data (task, l, (GDestroyNotify) listing_free);
  request_page (task, NULL);
}

/**
 * pac_connection_list_async:
 * @path: a collection, e.g. "/api/v1/namespaces/dev/configmaps?labelSelector=a"
 *
 * Lists in pages of 500 (limit/continue), as kubectl does, and hands back
 * one list with every item.
 */
void
pac_connection_list_async (PacConnection *self,
                           const char *path,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  start_listing (self, path, NULL, NULL, cancellable, callback, user_data,
                 pac_connection_list_async);
}

/* Returns: (transfer full): the list, with every page's items */
JsonNode *
pac_connection_list_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pac_connection_list_pages_async:
 * @each: given each page's items as it arrives; the page is freed after
 *
 * pac_connection_list_async() for lists too large to hold whole: memory
 * stays at one page of 500 plus what @each keeps.
 */
void
pac_connection_list_pages_async (PacConnection *self,
                                 const char *path,
                                 PacListPageFunc each,
                                 gpointer each_data,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  start_listing (self, path, each, each_data, cancellable, callback, user_data,
                 pac_connection_list_pages_async);
}

gboolean
pac_connection_list_pages_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pac_connection_dispose (GObject *object)
{
  PacConnection *self = PAC_CONNECTION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->trust);
  g_clear_object (&self->supervisor);
  g_clear_object (&self->client_certificate);
  G_OBJECT_CLASS (pac_connection_parent_class)->dispose (object);
}

static void
pac_connection_finalize (GObject *object)
{
  PacConnection *self = PAC_CONNECTION (object);

  g_clear_pointer (&self->base, g_uri_unref);
  g_clear_pointer (&self->api_base, g_uri_unref);
  g_free (self->username);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->password_host);
  g_free (self->token);
  g_free (self->rejected_token);
  g_free (self->guest_namespace);
  g_free (self->guest_name);
  G_OBJECT_CLASS (pac_connection_parent_class)->finalize (object);
}

static void
pac_connection_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (pspec == pac_connection_reachable_pspec)
    g_value_set_boolean (value, pac_connection_is_reachable (PAC_CONNECTION (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pac_connection_class_init (PacConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_connection_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_connection_finalize;
  G_OBJECT_CLASS (klass)->get_property = pac_connection_get_property;

  /* Whether the server answers (pac-connection-reach.c) */
  pac_connection_reachable_pspec
    = g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (G_OBJECT_CLASS (klass), 1, pac_connection_reachable_pspec);

  /* A Warning header the server sent: a deprecation, an admission warning */
  signals[SIGNAL_WARNING] = g_signal_new ("warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pac_connection_init (PacConnection *self)
{
  self->max_streams = PAC_CONNECTION_MAX_STREAMS;
  self->poll_seconds = PAC_CONNECTION_POLL_SECONDS;
}
