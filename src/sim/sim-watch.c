/* sim-watch.c: Kubernetes watches over chunked HTTP/1.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One JSON event per line: ADDED, MODIFIED, DELETED, BOOKMARK, or an
 * ERROR carrying a 410 Status when the requested resourceVersion has been
 * compacted away, as kube-apiserver's watch cache answers.
 */
#define G_LOG_DOMAIN "sim-watch"

#include "sim-server.h"

#include "sim-json.h"
#include "sim-selector.h"
#include "sim-table.h"

typedef struct
{
  SimServer *server;
  SoupServerMessage *msg;
  const SimKind *kind;
  char *storage_key;
  char *namespace;
  SimSelector *labels;
  SimSelector *fields;
  gboolean table;
  gboolean columns_sent;
  gboolean finished;
  gulong subscription;
  gulong close_handler;
  guint bookmark_source;
  guint timeout_source;
  guint64 last_rv;
} Watch;

/* The server's last reference can be a watch's: dropping it inside the
 * message's "finished" emission would dispose the server, and with it the
 * very connection libsoup is still emitting on. */
static gboolean
drop_server (gpointer server)
{
  g_object_unref (server);
  return G_SOURCE_REMOVE;
}

static void
watch_free (Watch *w)
{
  if (w->subscription)
    sim_store_unsubscribe (sim_server_get_store (w->server), w->subscription);
  g_clear_signal_handler (&w->close_handler, w->server);
  g_clear_handle_id (&w->bookmark_source, g_source_remove);
  g_clear_handle_id (&w->timeout_source, g_source_remove);
  g_clear_pointer (&w->labels, sim_selector_free);
  g_clear_pointer (&w->fields, sim_selector_free);
  g_free (w->storage_key);
  g_free (w->namespace);
  g_object_unref (w->msg);
  g_idle_add (drop_server, w->server);
  g_free (w);
}

static void
send_line (Watch *w, const char *type, JsonObject *object)
{
  g_autoptr (JsonObject) event = json_object_new ();
  SoupMessageBody *body = soup_server_message_get_response_body (w->msg);
  gsize length = 0;
  char *data;

  json_object_set_string_member (event, "type", type);
  json_object_set_object_member (event, "object", json_object_ref (object));
  data = sim_json_object_to_string (event, &length);
  data = g_realloc (data, length + 1);
  data[length++] = '\n';
  soup_message_body_append (body, SOUP_MEMORY_TAKE, data, length);
  soup_server_message_unpause (w->msg);
}

static void
finish (Watch *w)
{
  if (w->finished)
    return;
  w->finished = TRUE;
  soup_message_body_complete (soup_server_message_get_response_body (w->msg));
  soup_server_message_unpause (w->msg);
}

static const char *
event_type_name (SimEventType type)
{
  switch (type)
    {
      case SIM_EVENT_ADDED:
        return "ADDED";
      case SIM_EVENT_MODIFIED:
        return "MODIFIED";
      case SIM_EVENT_DELETED:
      default:
        return "DELETED";
    }
}

static gboolean
matches (Watch *w, JsonObject *object)
{
  return (w->labels == NULL || sim_selector_matches (w->labels, object))
         && (w->fields == NULL || sim_selector_matches (w->fields, object));
}

static void
send_object (Watch *w, const char *type, JsonObject *stored)
{
  g_autoptr (JsonObject) object = sim_kind_present (w->kind, stored);

  if (w->table)
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_autoptr (JsonObject) table = NULL;

      g_ptr_array_add (one, object);
      table = sim_table_new (w->kind, one, SIM_TABLE_INCLUDE_METADATA, TRUE,
                             sim_json_get_path_string (object, "metadata.resourceVersion"), NULL);
      send_line (w, type, table);
    }
  else
    send_line (w, type, object);
}

static void
on_event (const SimEvent *event, gpointer user_data)
{
  Watch *w = user_data;

  if (w->finished || !g_str_equal (event->storage_key, w->storage_key)
      || (w->namespace && g_strcmp0 (event->namespace, w->namespace) != 0))
    return;
  w->last_rv = event->resource_version;
  if (matches (w, event->object))
    send_object (w, event_type_name (event->type), event->object);
}

static gboolean
send_bookmark (gpointer user_data)
{
  Watch *w = user_data;
  g_autoptr (JsonObject) bookmark = NULL;
  JsonObject *metadata;
  g_autofree char *api_version = sim_kind_api_version (w->kind);
  g_autofree char *rv = g_strdup_printf (
    "%" G_GUINT64_FORMAT, sim_store_get_resource_version (sim_server_get_store (w->server)));

  if (w->finished)
    {
      w->bookmark_source = 0;
      return G_SOURCE_REMOVE;
    }
  bookmark = json_object_new ();
  metadata = json_object_new ();
  json_object_set_string_member (bookmark, "kind", w->kind->kind);
  json_object_set_string_member (bookmark, "apiVersion", api_version);
  json_object_set_string_member (metadata, "resourceVersion", rv);
  json_object_set_object_member (bookmark, "metadata", metadata);
  send_line (w, "BOOKMARK", bookmark);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Watch *w = user_data;

  w->timeout_source = 0;
  finish (w);
  return G_SOURCE_REMOVE;
}

/* Dropped by /_sim/drop-watches: the connection goes, mid-stream. */
static void
on_close_watches (SimServer *server, gpointer user_data)
{
  Watch *w = user_data;
  GIOStream *stream;

  if (w->finished)
    return;
  w->finished = TRUE;
  /* Nothing more is sent on a message whose connection is gone */
  g_clear_handle_id (&w->bookmark_source, g_source_remove);
  g_clear_handle_id (&w->timeout_source, g_source_remove);
  stream = soup_server_message_steal_connection (w->msg);
  if (stream)
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
}

static void
on_finished (SoupServerMessage *msg, gpointer user_data)
{
  watch_free (user_data);
}

static void
send_too_old (Watch *w, guint64 requested, guint64 oldest)
{
  g_autoptr (JsonObject) status = json_object_new ();
  g_autofree char *message
    = g_strdup_printf ("too old resource version: %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT ")",
                       requested, oldest + 1);

  json_object_set_string_member (status, "kind", "Status");
  json_object_set_string_member (status, "apiVersion", "v1");
  json_object_set_object_member (status, "metadata", json_object_new ());
  json_object_set_string_member (status, "status", "Failure");
  json_object_set_string_member (status, "message", message);
  json_object_set_string_member (status, "reason", "Expired");
  json_object_set_int_member (status, "code", 410);
  send_line (w, "ERROR", status);
}

static void
replay_event (const SimEvent *event, gpointer user_data)
{
  on_event (event, user_data);
}

void
sim_watch_start (SimServer *server,
                 SoupServerMessage *msg,
                 const SimKind *kind,
                 const char *namespace,
                 GHashTable *query,
                 gboolean table)
{
  SimStore *store = sim_server_get_store (server);
  Watch *w = g_new0 (Watch, 1);
  const char *rv_text = query ? g_hash_table_lookup (query, "resourceVersion") : NULL;
  const char *bookmarks = query ? g_hash_table_lookup (query, "allowWatchBookmarks") : NULL;
  const char *timeout = query ? g_hash_table_lookup (query, "timeoutSeconds") : NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint64 rv = rv_text ? g_ascii_strtoull (rv_text, NULL, 10) : 0;

  w->server = g_object_ref (server);
  w->msg = g_object_ref (msg);
  w->kind = kind;
  w->storage_key = sim_kind_storage_key (kind);
  w->namespace = g_strdup (namespace);
  w->table = table;
  w->labels
    = sim_selector_parse_labels (query ? g_hash_table_lookup (query, "labelSelector") : NULL, NULL);
  w->fields = sim_selector_parse_fields (
    query ? g_hash_table_lookup (query, "fieldSelector") : NULL, kind->field_labels, NULL);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), w);
  w->close_handler = g_signal_connect (server, "close-watches", G_CALLBACK (on_close_watches), w);
  sim_server_note_watch_started (server);

  if (rv_text == NULL || rv == 0)
    {
      /* No version, or "0": the current state first, then changes. */
      g_autoptr (GPtrArray) current = sim_store_list (store, w->storage_key, namespace);
      for (guint i = 0; i < current->len; i++)
        if (matches (w, g_ptr_array_index (current, i)))
          send_object (w, "ADDED", g_ptr_array_index (current, i));
    }
  else if (rv < sim_store_get_oldest_resource_version (store))
    {
      send_too_old (w, rv, sim_store_get_oldest_resource_version (store));
      finish (w);
      return;
    }
  else
    sim_store_replay (store, rv, replay_event, w);

  w->subscription = sim_store_subscribe (store, on_event, w);
  if (bookmarks && g_str_equal (bookmarks, "true"))
    w->bookmark_source = g_timeout_add_seconds (
      MAX (sim_server_get_options (server)->bookmark_seconds, 1), send_bookmark, w);
  if (timeout && g_ascii_strtoull (timeout, NULL, 10) > 0)
    w->timeout_source
      = g_timeout_add_seconds ((guint) g_ascii_strtoull (timeout, NULL, 10), on_timeout, w);
  /* Keep the response open until there is something to send. */
  soup_server_message_unpause (msg);
}
