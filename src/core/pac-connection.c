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
 */
#define G_LOG_DOMAIN "pac-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-connection.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-jwt.h"
#include "pac-log.h"
#include "pac-secrets.h"

#define MAX_READ_ATTEMPTS 3
#define LARGE_BODY_BYTES (64 * 1024)

struct _PacConnection
{
  GObject parent_instance;

  GUri *base;
  char *username;
  char *password; /* only when given for this process (headless) */
  PacTrust *trust;
  SoupSession *session;

  char *token;
  char *rejected_token; /* refused with 401: never taken from the cache again */
  gint64 token_obtained;
  gint64 token_expiry;
};

G_DEFINE_FINAL_TYPE (PacConnection, pac_connection, G_TYPE_OBJECT)

static void
log_http (SoupLogger *logger,
          SoupLoggerLogLevel level,
          char direction,
          const char *data,
          gpointer user_data)
{
  g_autofree char *safe = pac_log_redact (data);

  g_log ("pac-http", G_LOG_LEVEL_DEBUG, "%c %s", direction, safe);
}

PacConnection *
pac_connection_new (const char *base_url, const char *username, PacTrust *trust)
{
  PacConnection *self = g_object_new (PAC_TYPE_CONNECTION, NULL);
  g_autofree char *agent = g_strdup_printf ("Pacific/%s", PACKAGE_VERSION);

  self->base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_return_val_if_fail (self->base != NULL, self);
  self->username = g_strdup (username);
  self->trust = g_object_ref (trust ? trust : pac_trust_get_default ());
  /* Watches hold a connection each: allow more than libsoup's 2 per host. */
  self->session = soup_session_new_with_options ("user-agent", agent, "timeout", 60, "idle-timeout",
                                                 90, "max-conns-per-host", 16, "max-conns", 64,
                                                 "tls-database", self->trust, NULL);
  if (pac_log_http_enabled ())
    {
      g_autoptr (SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);
      soup_logger_set_printer (logger, log_http, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
  return self;
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

gint64
pac_connection_get_token_expiry (PacConnection *self)
{
  return self->token_expiry;
}

/* Every task of this file: errors stay in PAC_ERROR, cancellation included. */
static GTask *
new_task (PacConnection *self,
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

static SoupMessage *
new_message (PacConnection *self, const char *method, const char *path)
{
  g_autoptr (GUri) uri = g_uri_parse_relative (self->base, path, G_URI_FLAGS_ENCODED, NULL);

  return uri ? soup_message_new_from_uri (method, uri) : NULL;
}

static GError *
transport_error (PacConnection *self, const GError *error)
{
  return pac_trust_explain_error (self->trust, pac_connection_get_host (self),
                                  pac_connection_get_port (self), error);
}

/* ---- login ---- */

typedef struct
{
  char *password;
  char *cached_token;
  gint64 cached_expiry;
} LoginData;

static void
login_data_free (LoginData *data)
{
  if (data->password)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->cached_token);
  g_free (data);
}

/* WCP's error bodies are not documented: take a "message" if there is one. */
static GError *
login_error (guint status, GBytes *bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;
  JsonNode *root;

  if (data && length && json_parser_load_from_data (parser, data, length, NULL)
      && (root = json_parser_get_root (parser)) && JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root), "message")
      && json_node_get_value_type (json_object_get_member (json_node_get_object (root), "message"))
           == G_TYPE_STRING)
    return g_error_new_literal (
      PAC_ERROR,
      status == 401 ? PAC_ERROR_AUTHENTICATION : pac_error_from_http_status (status, NULL)->code,
      json_object_get_string_member (json_node_get_object (root), "message"));
  if (status == 401)
    return g_error_new_literal (PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                                _ ("Wrong user name or password"));
  return pac_error_from_http_status (status, NULL);
}

static void cache_token (PacConnection *self);

static gboolean
take_token (PacConnection *self, GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root, *id;
  gint64 expiry = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!json_parser_load_from_data (parser, data ? data : "", length, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (id = json_object_get_member (json_node_get_object (root), "session_id")) == NULL
      || json_node_get_value_type (id) != G_TYPE_STRING)
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_SERVER,
                           _ ("The Supervisor's login answer has no session token"));
      return FALSE;
    }
  if (!pac_jwt_read_claims (json_node_get_string (id), &expiry, NULL, error))
    return FALSE;
  g_free (self->token);
  self->token = g_strdup (json_node_get_string (id));
  self->token_obtained = now;
  self->token_expiry = expiry > 0 ? expiry : now + PAC_JWT_DEFAULT_LIFETIME;
  return TRUE;
}

static void
on_login_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacConnection *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status;

  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (self, error));
      return;
    }
  status = soup_message_get_status (msg);
  if (status != 200)
    g_task_return_error (task, login_error (status, bytes));
  else if (!take_token (self, bytes, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* Headless runs (a password given in memory) keep tokens in memory only. */
      if (self->password == NULL)
        cache_token (self);
      g_task_return_boolean (task, TRUE);
    }
}

static void
send_login (GTask *task, const char *password)
{
  PacConnection *self = g_task_get_source_object (task);
  g_autoptr (SoupMessage) msg = new_message (self, "POST", "/wcp/login");
  g_autofree char *pair = g_strdup_printf ("%s:%s", self->username, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strdup_printf ("Basic %s", encoded);

  memset (pair, 0, strlen (pair));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_login_sent, task);
}

/* A token is fresh while well before its "exp": a tenth of the lifetime
 * (at most five minutes) before it. */
static gboolean
is_fresh (gint64 obtained, gint64 expiry)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 margin = MIN (300, (expiry - obtained) / 10);

  return now < expiry - margin;
}

/* The keyring can block (an unlock prompt): ask it off the main thread.
 * A cached token that is still fresh saves the login; the password is
 * only read when there is none. */
static void
lookup_password_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PacConnection *self = source;
  LoginData *data = task_data;
  GError *error = NULL;
  char *token = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, pac_connection_get_host (self),
                                         self->username, cancellable, NULL);
  gint64 expiry = 0;
  char *password;

  if (token && g_strcmp0 (token, self->rejected_token) != 0
      && pac_jwt_read_claims (token, &expiry, NULL, NULL) && expiry > 0
      && is_fresh (g_get_real_time () / G_USEC_PER_SEC, expiry))
    {
      data->cached_token = g_strdup (token);
      data->cached_expiry = expiry;
      secret_password_free (token);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (token)
    secret_password_free (token);
  password = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, pac_connection_get_host (self),
                                      self->username, cancellable, &error);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

static void
store_token_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PacConnection *self = source;
  g_autoptr (GError) error = NULL;

  if (!pac_secrets_store_sync (PAC_SECRET_TOKEN, pac_connection_get_host (self), self->username,
                               task_data, NULL, &error))
    g_debug ("the token is not cached: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Cached for the next process (the kubectl credential plugin above all). */
static void
cache_token (PacConnection *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (self->token), g_free);
  g_task_run_in_thread (task, store_token_thread);
}

static void
on_password (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  char *stored = g_task_propagate_pointer (G_TASK (result), &error);
  LoginData *data = g_task_get_task_data (task);
  PacConnection *self = PAC_CONNECTION (source);
  const char *fallback = g_getenv ("PACIFIC_PASSWORD");
  char *password = NULL;

  if (data->cached_token)
    {
      g_free (self->token);
      self->token = g_steal_pointer (&data->cached_token);
      self->token_obtained = g_get_real_time () / G_USEC_PER_SEC;
      self->token_expiry = data->cached_expiry;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (stored)
    {
      password = g_strdup (stored);
      secret_password_free (stored);
    }
  else if (fallback && *fallback)
    password = g_strdup (fallback);
  if (password == NULL)
    {
      g_task_return_error (task,
                           error ? g_steal_pointer (&error)
                                 : g_error_new (PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                                                _ ("No password is stored for %s on %s"),
                                                PAC_CONNECTION (source)->username,
                                                pac_connection_get_host (PAC_CONNECTION (source))));
      g_object_unref (task);
      return;
    }
  data->password = password;
  send_login (task, password);
}

void
pac_connection_login_async (PacConnection *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = new_task (self, cancellable, callback, user_data, pac_connection_login_async);
  LoginData *data = g_new0 (LoginData, 1);

  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  if (self->password)
    {
      send_login (task, self->password);
      return;
    }
  {
    g_autoptr (GTask) lookup = g_task_new (self, cancellable, on_password, task);
    g_task_set_task_data (lookup, data, NULL);
    g_task_run_in_thread (lookup, lookup_password_thread);
  }
}

gboolean
pac_connection_login_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
  return self->token != NULL && is_fresh (self->token_obtained, self->token_expiry);
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

  if (!json_parser_load_from_data (parser, data, length, &error))
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

  if (node)
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, error);
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
      g_task_return_error (task, transport_error (self, error));
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
      g_autoptr (JsonParser) parser = json_parser_new ();
      gsize length = 0;
      const char *data = g_bytes_get_data (bytes, &length);
      JsonNode *root = data && json_parser_load_from_data (parser, data, length, NULL)
                         ? json_parser_get_root (parser)
                         : NULL;
      g_task_return_error (task, pac_error_from_kubernetes_status (status, root));
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
  g_autofree char *authorization = NULL;
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
  msg = new_message (self, r->method, r->path);
  if (msg == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, _ ("“%s” is not a valid path"),
                               r->path);
      g_object_unref (task);
      return;
    }
  authorization = g_strdup_printf ("Bearer %s", self->token);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  if (r->body)
    {
      g_autoptr (GBytes) bytes = pac_json_to_bytes (r->body);

      soup_message_set_request_body_from_bytes (
        msg, g_str_equal (r->method, "PATCH") ? "application/merge-patch+json" : "application/json",
        bytes);
    }
  r->attempt++;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_response, task);
}

/**
 * pac_connection_request_async:
 * @path: the path and query, e.g. "/api/v1/namespaces?limit=500"
 * @body: (nullable): sent as JSON; PATCH sends it as a merge patch
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
  GTask *task = new_task (self, cancellable, callback, user_data, pac_connection_request_async);
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
  SoupMessage *msg = new_message (self, method, path);
  g_autofree char *authorization = NULL;

  if (msg == NULL)
    return NULL;
  authorization = g_strdup_printf ("Bearer %s", self->token ? self->token : "");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
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

GError *
pac_connection_explain_transport_error (PacConnection *self, const GError *error)
{
  return transport_error (self, error);
}

/* ---- long lists ---- */

#define PAGE_SIZE 500

typedef struct
{
  char *path;
  JsonNode *list; /* the first page, items of later pages appended */
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

  if (page == NULL && g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT) && l->list
      && !l->restarted)
    {
      /* 410: the continue token outlived the server's history. Start over once. */
      l->restarted = TRUE;
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
  if (l->list == NULL)
    l->list = json_node_ref (page);
  else
    for (guint i = 0; i < json_array_get_length (items); i++)
      json_array_add_element (items_of (l->list),
                              json_node_ref (json_array_get_element (items, i)));
  if (continue_of (page))
    {
      request_page (task, continue_of (page));
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
  GTask *task = new_task (self, cancellable, callback, user_data, pac_connection_list_async);
  Listing *l = g_new0 (Listing, 1);

  l->path = g_strdup (path);
  g_task_set_task_data (task, l, (GDestroyNotify) listing_free);
  request_page (task, NULL);
}

/* Returns: (transfer full): the list, with every page's items */
JsonNode *
pac_connection_list_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pac_connection_dispose (GObject *object)
{
  PacConnection *self = PAC_CONNECTION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->trust);
  G_OBJECT_CLASS (pac_connection_parent_class)->dispose (object);
}

static void
pac_connection_finalize (GObject *object)
{
  PacConnection *self = PAC_CONNECTION (object);

  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->username);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->token);
  g_free (self->rejected_token);
  G_OBJECT_CLASS (pac_connection_parent_class)->finalize (object);
}

static void
pac_connection_class_init (PacConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_connection_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_connection_finalize;
}

static void
pac_connection_init (PacConnection *self)
{
}
