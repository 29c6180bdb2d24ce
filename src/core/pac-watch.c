/* pac-watch.c: a Kubernetes list + watch that keeps itself going
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the collection (in pages), announces the whole state ("reset"),
 * then watches from the list's resourceVersion with bookmarks, one JSON
 * event per line ("event"). A dropped or ended stream resumes from the
 * last version seen; "410 Gone" (the version was compacted away) lists
 * again; a 401 signs in again once and resumes; 403 and 404 end the
 * watch ("failed"), as a retry would not change them.
 *
 * Each stream holds an HTTP connection for as long as it runs. When the
 * connection has no stream left (pac_connection_reserve_stream()), the
 * watch polls instead: it lists again every pac_connection_get_poll_interval(), and
 * "reset" brings the changes, later but within the connection limits.
 */
#define G_LOG_DOMAIN "pac-watch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-watch.h"

#define RETRY_MS 500
#define RETRY_MAX_MS 4000 /* back off to this while the server does not answer */

struct _PacWatch
{
  GObject parent_instance;

  PacConnection *connection;
  char *path;
  char *resource_version;
  GCancellable *cancellable;
  GDataInputStream *lines;
  guint retry_source;
  guint failures; /* streams in a row that got no answer */
  guint relists;
  gboolean relogged;
  guint poll_seconds;                /* > 0: lists again every so often instead of streaming */
  gboolean holds_stream;             /* counted against the connection's streams */
  gboolean polls_for_want_of_stream; /* a restart tries for a stream again */
};

enum
{
  SIGNAL_RESET,
  SIGNAL_EVENT,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PacWatch, pac_watch, G_TYPE_OBJECT)

PacWatch *
pac_watch_new (PacConnection *connection, const char *collection_path)
{
  PacWatch *self = g_object_new (PAC_TYPE_WATCH, NULL);

  self->connection = g_object_ref (connection);
  self->path = g_strdup (collection_path);
  return self;
}

const char *
pac_watch_get_resource_version (PacWatch *self)
{
  return self->resource_version;
}

/* How often the watch had to list again (410 Gone) */
guint
pac_watch_get_relists (PacWatch *self)
{
  return self->relists;
}

static void list (PacWatch *self);
static void stream (PacWatch *self);

static void
fail (PacWatch *self, GError *error)
{
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
  g_error_free (error);
  pac_watch_stop (self);
}

static gboolean
retry_stream (gpointer user_data)
{
  PacWatch *self = user_data;

  self->retry_source = 0;
  stream (self);
  return G_SOURCE_REMOVE;
}

/* Again soon; while the server does not answer, a little later each time */
static void
stream_later (PacWatch *self)
{
  guint delay = pac_connection_is_reachable (self->connection)
                  ? RETRY_MS
                  : MIN (RETRY_MS << MIN (self->failures, 4u), RETRY_MAX_MS);

  g_clear_object (&self->lines);
  if (self->retry_source == 0 && self->cancellable)
    self->retry_source = g_timeout_add (delay, retry_stream, self);
}

static void
set_version (PacWatch *self, JsonObject *object)
{
  const char *version = pac_json_string (object, "metadata.resourceVersion");

  if (version)
    {
      g_free (self->resource_version);
      self->resource_version = g_strdup (version);
    }
}

/* ---- events ---- */

static gboolean
handle_line (PacWatch *self, const char *line)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *event, *object;
  const char *type;

  if (*line == '\0')
    return TRUE;
  if (!pac_json_load (parser, line, -1, NULL) || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  event = json_node_get_object (root);
  type = pac_json_string (event, "type");
  object = pac_json_object (event, "object");
  if (type == NULL || object == NULL)
    return FALSE;
  if (g_str_equal (type, "ERROR"))
    {
      /* 410 Gone inside the stream: the version was compacted away. */
      if (pac_json_int (object, "code", 0) == 410)
        list (self);
      return FALSE;
    }
  set_version (self, object);
  if (!g_str_equal (type, "BOOKMARK"))
    g_signal_emit (self, signals[SIGNAL_EVENT], 0, type, object);
  return TRUE;
}

static void
on_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PacWatch *self = user_data;
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                     result, &length, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (line == NULL)
    {
      /* The stream ended (timeout, dropped connection): go on from here. */
      g_debug ("watch of %s ended: %s", self->path, error ? error->message : "end of stream");
      stream_later (self);
      g_object_unref (self);
      return;
    }
  if (!handle_line (self, line))
    {
      if (self->lines == G_DATA_INPUT_STREAM (source))
        stream_later (self);
      g_object_unref (self);
      return;
    }
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT,
                                       self->cancellable, on_line, self);
}

/* ---- the stream ---- */

static void
on_relogin (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PacWatch *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pac_connection_login_finish (PAC_CONNECTION (source), result, &error))
    {
      if (!g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED))
        fail (self, g_steal_pointer (&error));
    }
  else
    stream (self);
  g_object_unref (self);
}

static void
on_stream (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PacWatch *self = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  guint status = body ? soup_message_get_status (msg) : 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    {
      g_object_unref (self);
      return;
    }
  pac_connection_note_reach (self->connection, error);
  if (body)
    pac_connection_note_warnings (self->connection, msg);
  self->failures = body ? 0 : self->failures + 1;
  if (body == NULL)
    stream_later (self);
  else if (status == 401 && !self->relogged)
    {
      self->relogged = TRUE;
      pac_connection_reject_token (self->connection);
      pac_connection_login_async (self->connection, self->cancellable, on_relogin,
                                  g_object_ref (self));
    }
  else if (status == 410)
    list (self);
  else if (status == 403 || status == 404 || status == 401)
    fail (self, pac_error_from_http_status (status, NULL));
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    stream_later (self);
  else
    {
      self->relogged = FALSE;
      g_clear_object (&self->lines);
      self->lines = g_data_input_stream_new (body);
      g_data_input_stream_set_newline_type (self->lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
      g_data_input_stream_read_line_async (self->lines, G_PRIORITY_DEFAULT, self->cancellable,
                                           on_line, g_object_ref (self));
    }
  g_object_unref (self);
}

static void
stream (PacWatch *self)
{
  g_autofree char *path = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  if (self->cancellable == NULL)
    return;
  if (!pac_connection_has_fresh_token (self->connection))
    {
      pac_connection_login_async (self->connection, self->cancellable, on_relogin,
                                  g_object_ref (self));
      return;
    }
  path = g_strdup_printf ("%s%swatch=1&allowWatchBookmarks=true&resourceVersion=%s", self->path,
                          strchr (self->path, '?') ? "&" : "?",
                          self->resource_version ? self->resource_version : "0");
  msg = pac_connection_new_signed_message (self->connection, "GET", path);
  if (msg == NULL)
    {
      fail (self,
            g_error_new (PAC_ERROR, PAC_ERROR_INVALID, _ ("“%s” is not a valid path"), self->path));
      return;
    }
  soup_session_send_async (pac_connection_get_session (self->connection), msg, G_PRIORITY_DEFAULT,
                           self->cancellable, on_stream, g_object_ref (self));
}

/* ---- the list ---- */

static gboolean
retry_list (gpointer user_data)
{
  PacWatch *self = user_data;

  self->retry_source = 0;
  list (self);
  return G_SOURCE_REMOVE;
}

static void
on_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PacWatch *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list_node
    = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);
  JsonObject *list_object;

  if (self->cancellable == NULL || g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (list_node == NULL)
    {
      if (g_error_matches (error, PAC_ERROR, PAC_ERROR_FORBIDDEN)
          || g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND)
          || g_error_matches (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION))
        fail (self, g_steal_pointer (&error));
      else
        {
          g_debug ("listing %s: %s", self->path, error->message);
          if (self->retry_source == 0)
            self->retry_source = g_timeout_add (RETRY_MS, retry_list, self);
        }
      g_object_unref (self);
      return;
    }
  list_object = json_node_get_object (list_node);
  set_version (self, list_object);
  g_signal_emit (self, signals[SIGNAL_RESET], 0, pac_json_array (list_object, "items"));
  if (self->poll_seconds == 0)
    stream (self);
  else if (self->cancellable && self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (self->poll_seconds, retry_list, self);
  g_object_unref (self);
}

static void
list (PacWatch *self)
{
  if (self->cancellable == NULL)
    return;
  g_clear_object (&self->lines);
  if (self->resource_version && self->poll_seconds == 0)
    self->relists++;
  pac_connection_list_async (self->connection, self->path, self->cancellable, on_list,
                             g_object_ref (self));
}

void
pac_watch_start (PacWatch *self)
{
  if (self->cancellable)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->poll_seconds == 0)
    {
      self->holds_stream = pac_connection_reserve_stream (self->connection);
      self->polls_for_want_of_stream = !self->holds_stream;
      if (!self->holds_stream)
        self->poll_seconds = pac_connection_get_poll_interval (self->connection);
    }
  list (self);
}

/* Polls every @seconds instead of streaming; before pac_watch_start() */
void
pac_watch_set_poll_interval (PacWatch *self, guint seconds)
{
  self->poll_seconds = seconds;
}

gboolean
pac_watch_is_polling (PacWatch *self)
{
  return self->poll_seconds > 0;
}

void
pac_watch_stop (PacWatch *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->lines);
  if (self->holds_stream)
    pac_connection_release_stream (self->connection);
  self->holds_stream = FALSE;
  if (self->polls_for_want_of_stream)
    self->poll_seconds = 0;
  self->polls_for_want_of_stream = FALSE;
}

static void
pac_watch_dispose (GObject *object)
{
  pac_watch_stop (PAC_WATCH (object));
  G_OBJECT_CLASS (pac_watch_parent_class)->dispose (object);
}

static void
pac_watch_finalize (GObject *object)
{
  PacWatch *self = PAC_WATCH (object);

  g_clear_object (&self->connection);
  g_free (self->path);
  g_free (self->resource_version);
  G_OBJECT_CLASS (pac_watch_parent_class)->finalize (object);
}

static void
pac_watch_class_init (PacWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pac_watch_dispose;
  object_class->finalize = pac_watch_finalize;
  /* The whole collection, after the first list and after each relist */
  signals[SIGNAL_RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_ARRAY);
  /* ADDED, MODIFIED or DELETED, and the object */
  signals[SIGNAL_EVENT]
    = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_OBJECT);
  /* A lasting failure (forbidden, not found, sign-in refused): the watch stopped */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pac_watch_init (PacWatch *self)
{
}
