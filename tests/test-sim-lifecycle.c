/* test-sim-lifecycle.c: the simulator's watches, long lists, tokens,
 * faults, state file and flags, each against a simulator of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "sim-fixture.h"
#include "test-deadline.h"

#define CM_PATH "/api/v1/namespaces/dev/configmaps"

typedef struct
{
  SoupMessage *msg;
  GInputStream *stream;
  GDataInputStream *lines;
} Watch;

static Watch *
watch_open (SimFixture *sim, const char *token, const char *path_and_query)
{
  Watch *w = g_new0 (Watch, 1);
  g_autofree char *uri
    = g_strconcat (sim_fixture_url_for (sim, path_and_query), path_and_query, NULL);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autoptr (GError) error = NULL;

  w->msg = soup_message_new ("GET", uri);
  soup_message_headers_replace (soup_message_get_request_headers (w->msg), "Authorization",
                                authorization);
  w->stream = soup_session_send (sim->session, w->msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (w->msg), ==, 200);
  w->lines = g_data_input_stream_new (w->stream);
  return w;
}

/* Returns: (transfer full) (nullable): the next event, %NULL at the end */
static JsonObject *
watch_next (Watch *w)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (w->lines, NULL, NULL, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (line == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
watch_close (Watch *w)
{
  g_input_stream_close (w->stream, NULL, NULL);
  g_object_unref (w->lines);
  g_object_unref (w->stream);
  g_object_unref (w->msg);
  g_free (w);
}

static const char *
event_name (JsonObject *event)
{
  return json_object_get_string_member (
    json_object_get_object_member (json_object_get_object_member (event, "object"), "metadata"),
    "name");
}

static guint64
event_rv (JsonObject *event)
{
  return g_ascii_strtoull (
    json_object_get_string_member (
      json_object_get_object_member (json_object_get_object_member (event, "object"), "metadata"),
      "resourceVersion"),
    NULL, 10);
}

static void
put_cm (SimFixture *sim, const char *token, const char *name, const char *value)
{
  g_autofree char *body
    = g_strdup_printf ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%"
                       "s\"},\"data\":{\"v\":\"%s\"}}",
                       name, value);
  g_autofree char *path = g_strdup_printf (CM_PATH "/%s", name);
  g_autoptr (SimReply) existing = sim_fixture_request (sim, "GET", path, token, NULL, NULL);
  g_autoptr (SimReply) reply = existing->status == 404
                                 ? sim_fixture_request (sim, "POST", CM_PATH, token, NULL, body)
                                 : sim_fixture_request (sim, "PUT", path, token, NULL, body);

  g_assert_cmpuint (reply->status, <, 300);
}

static char *
list_rv (SimFixture *sim, const char *token)
{
  g_autoptr (SimReply) list = sim_fixture_request (sim, "GET", CM_PATH, token, NULL, NULL);

  return g_strdup (sim_reply_string (list, "metadata.resourceVersion"));
}

static void
test_watch_events_and_resume (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *start = list_rv (sim, admin);
  g_autofree char *path = g_strdup_printf (CM_PATH "?watch=1&resourceVersion=%s", start);
  Watch *w = watch_open (sim, admin, path);
  g_autoptr (JsonObject) added = NULL;
  g_autoptr (JsonObject) modified = NULL;
  g_autoptr (JsonObject) deleted = NULL;
  g_autoptr (SimReply) del = NULL;

  put_cm (sim, admin, "w1", "1");
  put_cm (sim, admin, "w1", "2");
  del = sim_fixture_request (sim, "DELETE", CM_PATH "/w1", admin, NULL, NULL);
  added = watch_next (w);
  modified = watch_next (w);
  deleted = watch_next (w);
  g_assert_cmpstr (json_object_get_string_member (added, "type"), ==, "ADDED");
  g_assert_cmpstr (json_object_get_string_member (modified, "type"), ==, "MODIFIED");
  g_assert_cmpstr (json_object_get_string_member (deleted, "type"), ==, "DELETED");
  g_assert_cmpstr (event_name (deleted), ==, "w1");
  g_assert_cmpuint (event_rv (added), <, event_rv (modified));
  g_assert_cmpuint (event_rv (modified), <, event_rv (deleted));
  watch_close (w);

  /* Resuming from the list's version replays what happened since. */
  w = watch_open (sim, admin, path);
  {
    g_autoptr (JsonObject) first = watch_next (w);
    g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "ADDED");
    g_assert_cmpuint (event_rv (first), ==, event_rv (added));
  }
  watch_close (w);

  /* After compaction the old version is gone: an ERROR event with 410. */
  {
    g_autoptr (SimReply) compact
      = sim_fixture_request (sim, "POST", "/_sim/compact", NULL, NULL, "{}");
    g_autoptr (JsonObject) error_event = NULL;
    g_autoptr (JsonObject) end = NULL;
    JsonObject *status;

    g_assert_cmpuint (compact->status, ==, 200);
    w = watch_open (sim, admin, path);
    error_event = watch_next (w);
    g_assert_cmpstr (json_object_get_string_member (error_event, "type"), ==, "ERROR");
    status = json_object_get_object_member (error_event, "object");
    g_assert_cmpint (json_object_get_int_member (status, "code"), ==, 410);
    g_assert_cmpstr (json_object_get_string_member (status, "reason"), ==, "Expired");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (status, "message"),
                                     "too old resource version"));
    end = watch_next (w);
    g_assert_null (end);
    watch_close (w);
  }
  sim_fixture_stop (sim);
}

/* A client that hangs up just as the simulator is told to stop: the
 * watch's end and the shutdown meet, and the simulator still exits 0. */
static void
test_watch_shutdown_while_closing (void)
{
  for (guint round = 0; round < 4; round++)
    {
      SimFixture *sim = sim_fixture_start (NULL);
      g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
      Watch *w = watch_open (sim, admin, CM_PATH "?watch=1");

      watch_close (w);
      sim_fixture_stop (sim);
    }
}

static void
test_watch_selectors_bookmarks_timeout (void)
{
  const char *args[] = { "--bookmark-interval=1", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  Watch *w = watch_open (
    sim, admin,
    CM_PATH
    "?watch=1&fieldSelector=metadata.name%3Dpicked&allowWatchBookmarks=true&timeoutSeconds=6");
  g_autoptr (JsonObject) event = NULL;
  g_autoptr (JsonObject) bookmark = NULL;
  JsonObject *end;
  gint64 started = g_get_monotonic_time ();

  put_cm (sim, admin, "ignored", "1");
  put_cm (sim, admin, "picked", "1");
  /* A bookmark may come first on a slow (sanitizer) build. */
  while ((event = watch_next (w)) != NULL
         && g_str_equal (json_object_get_string_member (event, "type"), "BOOKMARK"))
    g_clear_pointer (&event, json_object_unref);
  g_assert_nonnull (event);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "ADDED");
  g_assert_cmpstr (event_name (event), ==, "picked");
  bookmark = watch_next (w);
  g_assert_cmpstr (json_object_get_string_member (bookmark, "type"), ==, "BOOKMARK");
  g_assert_cmpuint (event_rv (bookmark), >=, event_rv (event));
  /* timeoutSeconds ends the stream (bookmarks may come first). */
  while ((end = watch_next (w)) != NULL)
    {
      g_assert_cmpstr (json_object_get_string_member (end, "type"), ==, "BOOKMARK");
      json_object_unref (end);
    }
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 2 * G_USEC_PER_SEC);
  watch_close (w);
  sim_fixture_stop (sim);
}

static void
test_dropped_watch (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  Watch *w = watch_open (sim, admin, CM_PATH "?watch=1");
  g_autoptr (JsonObject) first = watch_next (w);
  g_autoptr (SimReply) drop
    = sim_fixture_request (sim, "POST", "/_sim/drop-watches", NULL, NULL, "{}");
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  /* The demo state's config map comes first, then the connection breaks. */
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "ADDED");
  g_assert_cmpuint (drop->status, ==, 200);
  line = g_data_input_stream_read_line_utf8 (w->lines, NULL, NULL, &error);
  g_assert_null (line);
  watch_close (w);
  sim_fixture_stop (sim);
}

static void
test_pagination_large (void)
{
  const char *args[] = { "--scenario=large", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *token = NULL;
  guint pages = 0;
  gint64 first_remaining = -1;

  do
    {
      g_autofree char *path = token ? g_strdup_printf (CM_PATH "?limit=500&continue=%s", token)
                                    : g_strdup (CM_PATH "?limit=500");
      g_autoptr (SimReply) page = sim_fixture_request (sim, "GET", path, admin, NULL, NULL);
      JsonArray *items = json_object_get_array_member (sim_reply_object (page), "items");
      JsonObject *metadata = json_object_get_object_member (sim_reply_object (page), "metadata");

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (items), <=, 500);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          const char *name = json_object_get_string_member (
            json_object_get_object_member (json_array_get_object_element (items, i), "metadata"),
            "name");
          g_assert_false (g_hash_table_contains (seen, name));
          g_hash_table_add (seen, g_strdup (name));
        }
      if (first_remaining < 0)
        first_remaining
          = json_object_get_int_member_with_default (metadata, "remainingItemCount", 0);
      g_free (token);
      token
        = json_object_has_member (metadata, "continue")
            ? g_uri_escape_string (json_object_get_string_member (metadata, "continue"), NULL, TRUE)
            : NULL;
      pages++;
    }
  while (token);
  /* 5000 generated plus the demo's team-settings */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5001);
  g_assert_cmpuint (pages, ==, 11);
  g_assert_cmpint (first_remaining, ==, 4501);

  /* A continue token older than the compaction is refused with 410. */
  {
    g_autoptr (SimReply) page
      = sim_fixture_request (sim, "GET", CM_PATH "?limit=10", admin, NULL, NULL);
    g_autofree char *next
      = g_uri_escape_string (sim_reply_string (page, "metadata.continue"), NULL, TRUE);
    g_autofree char *path = g_strdup_printf (CM_PATH "?limit=10&continue=%s", next);
    g_autoptr (SimReply) compact = NULL;
    g_autoptr (SimReply) expired = NULL;

    put_cm (sim, admin, "after", "1");
    compact = sim_fixture_request (sim, "POST", "/_sim/compact", NULL, NULL, "{}");
    expired = sim_fixture_request (sim, "GET", path, admin, NULL, NULL);
    g_assert_cmpuint (expired->status, ==, 410);
    g_assert_cmpstr (sim_reply_string (expired, "reason"), ==, "Expired");
  }
  sim_fixture_stop (sim);
}

static void
test_tokens_expire (void)
{
  const char *args[] = { "--token-ttl=2", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *again = NULL;
  g_autoptr (SimReply) fresh = sim_fixture_request (sim, "GET", CM_PATH, admin, NULL, NULL);
  g_autoptr (SimReply) stale = NULL;
  g_autoptr (SimReply) renewed = NULL;
  g_autoptr (SimReply) revoked = NULL;
  g_autoptr (SimReply) expire = NULL;

  g_assert_cmpuint (fresh->status, ==, 200);
  /* refused once its two seconds are over: asked until then, with a
   * deadline far beyond them for a busy machine */
  for (gint64 deadline = test_deadline (60);;)
    {
      g_clear_pointer (&stale, sim_reply_free);
      stale = sim_fixture_request (sim, "GET", CM_PATH, admin, NULL, NULL);
      if (stale->status != 200 || g_get_monotonic_time () > deadline)
        break;
      g_usleep (100000);
    }
  g_assert_cmpuint (stale->status, ==, 401);
  again = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  renewed = sim_fixture_request (sim, "GET", CM_PATH, again, NULL, NULL);
  g_assert_cmpuint (renewed->status, ==, 200);
  expire = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, "{}");
  g_assert_cmpuint (expire->status, ==, 200);
  revoked = sim_fixture_request (sim, "GET", CM_PATH, again, NULL, NULL);
  g_assert_cmpuint (revoked->status, ==, 401);
  sim_fixture_stop (sim);
}

static void
test_faults (void)
{
  const char *args[] = { "--error-rate=/api/v1/namespaces/test=1:503", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) failing
    = sim_fixture_request (sim, "GET", "/api/v1/namespaces/test/configmaps", admin, NULL, NULL);
  g_autoptr (SimReply) fine = sim_fixture_request (sim, "GET", CM_PATH, admin, NULL, NULL);
  g_autoptr (SimReply) set = NULL;
  g_autoptr (SimReply) slow = NULL;
  g_autoptr (SimReply) cleared = NULL;
  g_autoptr (SimReply) bad = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SimReply) dropped = NULL;
  gint64 started;

  g_assert_cmpuint (failing->status, ==, 503);
  g_assert_cmpuint (fine->status, ==, 200);

  set = sim_fixture_request (
    sim, "POST", "/_sim/faults", NULL, NULL,
    "{\"latency_ms\":400,\"drops\":[{\"path\":\"/api/v1/namespaces/prod\",\"rate\":1}]}");
  g_assert_cmpuint (set->status, ==, 200);
  started = g_get_monotonic_time ();
  slow = sim_fixture_request (sim, "GET", CM_PATH, admin, NULL, NULL);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 400 * 1000);
  dropped = sim_fixture_request_full (sim, "GET", "/api/v1/namespaces/prod/configmaps", admin, NULL,
                                      NULL, NULL, &error);
  g_assert_null (dropped);
  g_assert_nonnull (error);

  bad
    = sim_fixture_request (sim, "POST", "/_sim/faults", NULL, NULL, "{\"errors\":[{\"rate\":1}]}");
  g_assert_cmpuint (bad->status, ==, 400);
  cleared = sim_fixture_request (sim, "POST", "/_sim/faults", NULL, NULL, "{}");
  g_assert_cmpuint (cleared->status, ==, 200);
  sim_fixture_stop (sim);
}

static void
on_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A simulator whose main loop hangs (as `replicas: 99999999999` once
 * made it) still ends on SIGTERM: within its 5 s grace, not after the
 * 10-minute hang, and without a goodbye it could not say */
static void
test_stop_while_stuck (void)
{
  const char *args[] = { "--scenario=empty", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (SimReply) stalled
    = sim_fixture_request (sim, "POST", "/_sim/stall", NULL, NULL, "{\"seconds\":600}");
  gboolean exited = FALSE, late = FALSE;
  guint deadline;

  g_assert_cmpuint (stalled->status, ==, 200);
  g_subprocess_send_signal (sim->process, SIGTERM);
  g_subprocess_wait_async (sim->process, NULL, on_exited, &exited);
  deadline = g_timeout_add_seconds (60, on_deadline, &late);
  while (!exited && !late)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (exited);
  g_source_remove (deadline);
  g_assert_true (g_subprocess_get_if_exited (sim->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sim->process), ==, 1);
  sim_fixture_stop (sim);
}

/* The guest API of the demo's dev-cluster-01, from a guest login, once
 * the cluster runs */
static char *
guest_api_url (SimFixture *sim)
{
  g_autofree char *uri = g_strconcat (sim->url, "/wcp/login", NULL);
  const char *body = "{\"guest_cluster_name\":\"dev-cluster-01\","
                     "\"guest_cluster_namespace\":\"dev\"}";
  g_autofree char *encoded
    = g_base64_encode ((const guchar *) "administrator@vsphere.local:Admin!23",
                       strlen ("administrator@vsphere.local:Admin!23"));
  g_autofree char *authorization = g_strdup_printf ("Basic %s", encoded);

  for (gint64 deadline = test_deadline (60); g_get_monotonic_time () < deadline;)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr (GBytes) request = g_bytes_new_static (body, strlen (body));
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      const char *host;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      bytes = soup_session_send_and_read (sim->session, msg, NULL, NULL);
      if (bytes && soup_message_get_status (msg) == 200
          && json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes), NULL)
          && (host = json_object_get_string_member_with_default (
                json_node_get_object (json_parser_get_root (parser)), "guest_cluster_server", ""))
          && *host)
        return g_strdup_printf ("https://%s:6443", host);
      g_usleep (100000);
    }
  g_assert_not_reached ();
}

/* A guest's /version answers (anonymous, as kube-apiserver's does) */
static void
assert_guest_answers (SimFixture *sim, const char *guest)
{
  g_autofree char *uri = g_strconcat (guest, "/version", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read (sim->session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static GSocketConnection *
connect_raw (const char *url)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_uri (client, url, 443, NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* 100 clients that connect and say nothing, and 20 that send half a
 * ClientHello, held every thread of GLib's handshake pool: a new client
 * waited ~40 s, past the fixture session's 20 s timeout. kube-apiserver
 * answers at once; so must the simulator, on every listener, guests' too. */
static void
test_idle_connections (void)
{
  static const guint8 half_hello[] = { 0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00 };
  const char *args[] = { "--scenario=demo", "--cluster-seconds=1", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *guest = guest_api_url (sim);
  const char *urls[] = { sim->api_url, sim->url, sim->vcenter_url, guest };
  g_autoptr (GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SimReply) version = NULL;
  g_autofree char *token = NULL;
  gint64 start;

  for (guint i = 0; i < 120; i++)
    {
      GSocketConnection *connection = connect_raw (urls[i % G_N_ELEMENTS (urls)]);

      if (i >= 100)
        g_assert_cmpint (g_socket_send (g_socket_connection_get_socket (connection),
                                        (const char *) half_hello, sizeof half_hello, NULL, NULL),
                         ==, sizeof half_hello);
      g_ptr_array_add (idle, connection);
    }
  start = g_get_monotonic_time ();
  version = sim_fixture_request (sim, "GET", "/version", NULL, NULL, NULL);
  token = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_assert_cmpuint (version->status, ==, 200);
  g_assert_nonnull (token);
  g_test_message ("answered behind 120 idle clients in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  assert_guest_answers (sim, guest);
  sim_fixture_stop (sim);
}

static void
test_state_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pacific-sim-state-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *state_arg = g_strdup_printf ("--state=%s", state);
  const char *args[] = { state_arg, "--scenario=empty", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *rv_before = NULL;
  g_autoptr (SimReply) ns = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"dev\"}}");

  g_assert_cmpuint (ns->status, ==, 201);
  put_cm (sim, admin, "kept", "yes");
  rv_before = list_rv (sim, admin);
  g_assert_cmpint (sim_fixture_terminate (sim), ==, 0);
  sim_fixture_stop (sim);
  g_assert_true (g_file_test (state, G_FILE_TEST_EXISTS));

  /* A new process with the same state file has the objects and goes on counting. */
  sim = sim_fixture_start (args);
  g_free (admin);
  admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  {
    g_autoptr (SimReply) kept
      = sim_fixture_request (sim, "GET", CM_PATH "/kept", admin, NULL, NULL);
    g_autofree char *rv_after = list_rv (sim, admin);

    g_assert_cmpuint (kept->status, ==, 200);
    g_assert_cmpstr (sim_reply_string (kept, "data.v"), ==, "yes");
    g_assert_cmpstr (rv_after, ==, rv_before);
    put_cm (sim, admin, "next", "1");
    g_free (rv_after);
    rv_after = list_rv (sim, admin);
    g_assert_cmpuint (g_ascii_strtoull (rv_after, NULL, 10), >,
                      g_ascii_strtoull (rv_before, NULL, 10));
  }
  sim_fixture_stop (sim);
  g_unlink (state);
  g_rmdir (dir);
}

static int
run_sim_expecting_exit (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) sim_fixture_sim_path ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv (
    (const char *const *) argv->pdata,
    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_flags (void)
{
  const char *bad_version[] = { "--supervisor-version=6.7", NULL };
  const char *bad_scenario[] = { "--scenario=huge", "--port=0", NULL };
  const char *bad_rule[] = { "--error-rate=/api=2", NULL };
  const char *help[] = { "--help", NULL };
  const char *old[] = { "--supervisor-version=7.0.1", NULL };
  SimFixture *sim;
  g_autoptr (SimReply) version = NULL;

  g_assert_cmpint (run_sim_expecting_exit (bad_version), ==, 2);
  g_assert_cmpint (run_sim_expecting_exit (bad_scenario), ==, 1);
  g_assert_cmpint (run_sim_expecting_exit (bad_rule), ==, 1);
  g_assert_cmpint (run_sim_expecting_exit (help), ==, 0);

  sim = sim_fixture_start (old);
  version = sim_fixture_request (sim, "GET", "/version", NULL, NULL, NULL);
  g_assert_cmpstr (sim_reply_string (version, "minor"), ==, "18");
  sim_fixture_stop (sim);
}

static JsonArray *
table_rows (SimFixture *sim, const char *token, const char *path, JsonArray **columns)
{
  g_autoptr (GError) error = NULL;
  SimReply *reply = sim_fixture_request_full (
    sim, "GET", path, token, NULL, "application/json;as=Table;v=v1;g=meta.k8s.io", NULL, &error);
  JsonObject *table;
  JsonArray *rows;

  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 200);
  table = sim_reply_object (reply);
  *columns = json_array_ref (json_object_get_array_member (table, "columnDefinitions"));
  rows = json_array_ref (json_object_get_array_member (table, "rows"));
  sim_reply_free (reply);
  return rows;
}

static const char *
cell (JsonArray *rows, guint row, guint column)
{
  JsonArray *cells
    = json_object_get_array_member (json_array_get_object_element (rows, row), "cells");
  JsonNode *node = json_array_get_element (cells, column);

  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static guint
find_row (JsonArray *rows, const char *name)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_strcmp0 (cell (rows, i, 0), name) == 0)
      return i;
  g_assert_not_reached ();
}

/* vSphere 7.0.1: cluster-scoped v1alpha1 images named after the library
 * item, VERSION from productInfo; the article's v1.17.8 is Compatible. */
static void
test_catalogue_7 (void)
{
  const char *args[] = { "--supervisor-version=7.0.1", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autofree char *devops = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (JsonArray) columns = NULL;
  g_autoptr (JsonArray) images = table_rows (
    sim, devops, "/apis/vmoperator.vmware.com/v1alpha1/virtualmachineimages", &columns);
  g_autoptr (JsonArray) tkr_columns = NULL;
  g_autoptr (JsonArray) releases = table_rows (
    sim, devops, "/apis/run.tanzu.vmware.com/v1alpha1/tanzukubernetesreleases", &tkr_columns);
  g_autoptr (SimReply) v8_path = sim_fixture_request (
    sim, "GET", "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesreleases", devops, NULL, NULL);
  guint row;

  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (columns, 2), "name"), ==,
    "Version");
  row = find_row (images, "ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466");
  g_assert_cmpstr (cell (images, row, 2), ==, "v1.17.8+vmware.1-tkg.1.5417466");
  row = find_row (releases, "v1.17.8---vmware.1-tkg.1.5417466");
  g_assert_cmpstr (cell (releases, row, 1), ==, "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_cmpstr (cell (releases, row, 2), ==, "True");
  row = find_row (releases, "v1.20.2---vmware.1-tkg.1.1d4f79a");
  g_assert_cmpstr (cell (releases, row, 2), ==, "False");
  /* 7.x serves TKR v1alpha1 only. */
  g_assert_cmpuint (v8_path->status, ==, 404);
  sim_fixture_stop (sim);
}

/* vSphere 8: namespaced images with generated names and status.name;
 * TKR v1alpha3, 1.24 and older not Compatible. */
static void
test_catalogue_8 (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autofree char *devops = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (JsonArray) columns = NULL;
  g_autoptr (JsonArray) images = table_rows (
    sim, devops, "/apis/vmoperator.vmware.com/v1alpha2/namespaces/dev/virtualmachineimages",
    &columns);
  g_autoptr (JsonArray) tkr_columns = NULL;
  g_autoptr (JsonArray) releases = table_rows (
    sim, devops, "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesreleases", &tkr_columns);
  g_autoptr (SimReply) other_namespace = sim_fixture_request (
    sim, "GET", "/apis/vmoperator.vmware.com/v1alpha2/namespaces/prod/virtualmachineimages", devops,
    NULL, NULL);

  g_assert_cmpuint (json_array_get_length (images), ==, 4);
  g_assert_true (g_str_has_prefix (cell (images, 0, 0), "vmi-"));
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (columns, 1), "name"), ==,
    "Display Name");
  g_assert_true (g_str_has_prefix (cell (images, 0, 1), "ob-"));
  g_assert_cmpstr (cell (releases, find_row (releases, "v1.24.9---vmware.1-tkg.4"), 3), ==,
                   "False");
  g_assert_cmpstr (cell (releases, find_row (releases, "v1.25.7---vmware.3-fips.1-tkg.1"), 3), ==,
                   "True");
  /* Images are namespaced: devops has no role in prod. */
  g_assert_cmpuint (other_namespace->status, ==, 403);
  {
    g_autoptr (JsonArray) cluster_columns = NULL;
    g_autoptr (JsonArray) clusters = table_rows (
      sim, devops, "/apis/cluster.x-k8s.io/v1beta1/namespaces/dev/clusters", &cluster_columns);
    g_assert_cmpuint (json_array_get_length (clusters), ==, 1);
    g_assert_cmpstr (cell (clusters, 0, 1), ==, "tanzukubernetescluster");
    g_assert_cmpstr (cell (clusters, 0, 4), ==, "v1.26.5+vmware.2-fips.1-tkg.1");
  }
  sim_fixture_stop (sim);
}

#define TSC_PATH(v)                                                                                \
  "/apis/run.tanzu.vmware.com/" v "/tkgserviceconfigurations/tkg-service-configuration"

static guint
patch_status (SimFixture *sim,
              const char *token,
              const char *path,
              const char *patch,
              char **message)
{
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "PATCH", path, token, "application/merge-patch+json", patch);

  if (message)
    *message = g_strdup (reply->body ? sim_reply_string (reply, "message") : NULL);
  return reply->status;
}

/* trust exists from 7.0.2; names, data, CNI and proxy are checked. */
static void
test_tkg_service_configuration (void)
{
  const char *old_args[] = { "--supervisor-version=7.0.1", NULL };
  SimFixture *sim = sim_fixture_start (old_args);
  g_autofree char *admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *devops = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *data = NULL;
  g_autofree char *patch = NULL;
  g_autofree char *message = NULL;

  /* 7.0.1 (Kubernetes 1.18) knows no fieldValidation: the field it lacks
   * is dropped without a word */
  g_assert_cmpuint (patch_status (sim, admin, TSC_PATH ("v1alpha1") "?fieldValidation=Strict",
                                  "{\"spec\":{\"trust\":{\"additionalTrustedCAs\":[]}}}", &message),
                    ==, 200);
  {
    g_autoptr (SimReply) stored
      = sim_fixture_request (sim, "GET", TSC_PATH ("v1alpha1"), admin, NULL, NULL);
    g_assert_null (strstr (stored->text, "\"trust\""));
  }
  sim_fixture_stop (sim);

  sim = sim_fixture_start (NULL);
  g_free (admin);
  admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  devops = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_assert_true (g_file_get_contents (sim->ca_file, &pem, NULL, NULL));
  data = g_base64_encode ((const guchar *) pem, strlen (pem));
  patch
    = g_strdup_printf ("{\"spec\":{\"trust\":{\"additionalTrustedCAs\":[{\"name\":\"harbor-root\","
                       "\"data\":\"%s\"}]}}}",
                       data);
  g_assert_cmpuint (patch_status (sim, admin, TSC_PATH ("v1alpha3"), patch, NULL), ==, 200);
  g_assert_cmpuint (patch_status (sim, devops, TSC_PATH ("v1alpha3"), patch, NULL), ==, 403);

  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (
    patch_status (sim, admin, TSC_PATH ("v1alpha3"),
                  "{\"spec\":{\"trust\":{\"additionalTrustedCAs\":[{\"name\":\"root ca\","
                  "\"data\":\"bm90IGEgY2VydA==\"}]}}}",
                  &message),
    ==, 422);
  g_assert_nonnull (
    strstr (message, "spec.trust.additionalTrustedCAs[0].name: Invalid value: \"root ca\""));
  g_assert_nonnull (strstr (message, "spec.trust.additionalTrustedCAs[0].data: Invalid value"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (patch_status (sim, admin, TSC_PATH ("v1alpha3"),
                                  "{\"spec\":{\"defaultCNI\":\"flannel\"}}", &message),
                    ==, 422);
  g_assert_nonnull (strstr (message, "spec.defaultCNI: Unsupported value: \"flannel\""));
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (patch_status (sim, admin, TSC_PATH ("v1alpha3"),
                                  "{\"spec\":{\"proxy\":{\"httpProxy\":\"https://proxy:3128\"}}}",
                                  &message),
                    ==, 422);
  g_assert_nonnull (strstr (message, "spec.proxy.httpProxy: Invalid value"));
  g_assert_nonnull (strstr (message, "spec.proxy.noProxy: Required value"));
  sim_fixture_stop (sim);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/watch/events-and-resume", test_watch_events_and_resume);
  g_test_add_func ("/sim/watch/selectors-bookmarks-timeout",
                   test_watch_selectors_bookmarks_timeout);
  g_test_add_func ("/sim/watch/dropped", test_dropped_watch);
  g_test_add_func ("/sim/watch/shutdown-while-closing", test_watch_shutdown_while_closing);
  g_test_add_func ("/sim/list/pagination-large", test_pagination_large);
  g_test_add_func ("/sim/tokens-expire", test_tokens_expire);
  g_test_add_func ("/sim/faults", test_faults);
  g_test_add_func ("/sim/state-file", test_state_file);
  g_test_add_func ("/sim/stop-while-stuck", test_stop_while_stuck);
  g_test_add_func ("/sim/idle-connections", test_idle_connections);
  g_test_add_func ("/sim/flags", test_flags);
  g_test_add_func ("/sim/catalogue/vsphere-7", test_catalogue_7);
  g_test_add_func ("/sim/catalogue/vsphere-8", test_catalogue_8);
  g_test_add_func ("/sim/tkg-service-configuration", test_tkg_service_configuration);

  return g_test_run ();
}
