/* sim-fixture.c: a running pacific-sim for tests, and a TLS client for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real simulator binary with --ready-file, waits for it, and
 * talks to it over HTTPS trusting only the CA it wrote: no test turns
 * certificate checks off.
 */
#include <signal.h>
#include <sys/prctl.h>
#include "sim-fixture.h"

#include <glib/gstdio.h>
#include <string.h>
#include "test-deadline.h"

const char *
sim_fixture_sim_path (void)
{
  const char *path = g_getenv ("PACIFIC_SIM");

  g_assert_nonnull (path);
  return path;
}

static JsonObject *
read_ready (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!g_file_get_contents (path, &data, NULL, NULL)
      || !json_parser_load_from_data (parser, data, -1, NULL))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Tests spin the default main context from main() themselves, between
 * iterations leaving it free. A TLS handshake asked for a client
 * certificate (kube-apiserver always asks) then finds it free, takes it and
 * runs it on glib-networking's thread (GTlsInteraction does so), and GTK
 * code dispatched there crashes. The app never leaves it free:
 * g_application_run() holds it from start to end, and so does each test. */
static void
hold_main_context (void)
{
  static gsize held;

  if (g_once_init_enter (&held))
    g_once_init_leave (&held, g_main_context_acquire (NULL) ? 1 : 2);
}

/* A session for the tests' own requests, sync ones on the main thread
 * among them. Asked for a client certificate (the API's port always asks),
 * libsoup's TLS interaction waits for the main context, which this thread
 * holds (hold_main_context()) and blocks in: a deadlock. A TLS interaction
 * without handlers answers "none" at once, in the handshake's thread. */
SoupSession *
sim_fixture_new_session (GTlsDatabase *database)
{
  g_autoptr (GTlsInteraction) silent = g_object_new (G_TYPE_TLS_INTERACTION, NULL);

  return soup_session_new_with_options ("tls-database", database, "timeout", 20, "tls-interaction",
                                        silent, NULL);
}

SimFixture *
sim_fixture_start (const char *const *extra_args)
{
  SimFixture *f = g_new0 (SimFixture, 1);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *ready_path = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (JsonObject) ready = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;

  hold_main_context ();
  f->dir = g_dir_make_tmp ("pacific-sim-test-XXXXXX", &error);
  g_assert_no_error (error);
  ready_path = g_build_filename (f->dir, "ready.json", NULL);
  g_ptr_array_add (argv, g_strdup (sim_fixture_sim_path ()));
  g_ptr_array_add (argv, g_strdup_printf ("--ready-file=%s", ready_path));
  g_ptr_array_add (argv, g_strdup_printf ("--ca-file=%s/ca.pem", f->dir));
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  if (g_getenv ("ASAN_OPTIONS"))
    {
      /* This process skips the leak check (see tests/meson.build); the
       * simulator must not. */
      g_autofree char *options
        = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=1:fast_unwind_on_malloc=1", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }

  /* A simulator that logs a critical has a bug: let it crash the test */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  /* A test that aborts must not leave its simulator running (and the
   * test runner waiting for its output to close). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  for (gint64 deadline = test_deadline (10);
       (ready = read_ready (ready_path)) == NULL && test_before (deadline);)
    {
      /* The identifier goes once the process has exited (bad flags, say). */
      test_pause_ms (25);
      g_assert_nonnull (g_subprocess_get_identifier (f->process));
    }
  g_assert_nonnull (ready);
  f->url = g_strdup (json_object_get_string_member (ready, "supervisor_url"));
  f->api_url = g_strdup (json_object_get_string_member (ready, "api_url"));
  f->vcenter_url = g_strdup (json_object_get_string_member (ready, "vcenter_url"));
  f->ca_file = g_strdup (json_object_get_string_member (ready, "ca_file"));
  f->ca_sha256 = g_strdup (json_object_get_string_member (ready, "ca_sha256"));

  database = g_tls_file_database_new (f->ca_file, &error);
  g_assert_no_error (error);
  f->session = sim_fixture_new_session (database);
  return f;
}

/* SIGTERM, and the exit status */
int
sim_fixture_terminate (SimFixture *f)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_send_signal (f->process, SIGTERM);
  g_subprocess_wait (f->process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (f->process) ? g_subprocess_get_exit_status (f->process) : -1;
}

void
sim_fixture_stop (SimFixture *f)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (g_subprocess_get_identifier (f->process) != NULL)
    g_assert_cmpint (sim_fixture_terminate (f), ==, 0);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_object_unref (f->session);
  g_object_unref (f->process);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->api_url);
  g_free (f->vcenter_url);
  g_free (f->ca_file);
  g_free (f->ca_sha256);
  g_free (f);
}

void
sim_reply_free (SimReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply->text);
  g_free (reply);
}

/* Which listener serves @path: WCP, vCenter (and /_sim), or the
 * Kubernetes API on 6443 */
const char *
sim_fixture_url_for (SimFixture *f, const char *path)
{
  if (g_str_has_prefix (path, "/wcp/"))
    return f->url;
  if (g_str_has_prefix (path, "/_sim/") || g_str_has_prefix (path, "/rest/")
      || g_str_has_prefix (path, "/api/session") || g_str_has_prefix (path, "/api/vcenter/")
      || g_str_has_prefix (path, "/api/content/"))
    return f->vcenter_url;
  return f->api_url;
}

SimReply *
sim_fixture_request_full (SimFixture *f,
                          const char *method,
                          const char *path,
                          const char *token,
                          const char *content_type,
                          const char *accept,
                          const char *body,
                          GError **error)
{
  g_autofree char *uri = g_strconcat (sim_fixture_url_for (f, path), path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  SimReply *reply;
  gsize length = 0;

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  if (accept)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", accept);
  if (body)
    {
      g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (
        msg, content_type ? content_type : "application/json", request);
    }
  bytes = soup_session_send_and_read (f->session, msg, NULL, error);
  if (bytes == NULL)
    return NULL;
  reply = g_new0 (SimReply, 1);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->text = g_strndup (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));
  if (json_parser_load_from_data (parser, reply->text, -1, NULL) && json_parser_get_root (parser))
    reply->body = json_node_copy (json_parser_get_root (parser));
  return reply;
}

SimReply *
sim_fixture_request (SimFixture *f,
                     const char *method,
                     const char *path,
                     const char *token,
                     const char *content_type,
                     const char *body)
{
  g_autoptr (GError) error = NULL;
  SimReply *reply
    = sim_fixture_request_full (f, method, path, token, content_type, NULL, body, &error);

  g_assert_no_error (error);
  return reply;
}

JsonObject *
sim_reply_object (SimReply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

const char *
sim_reply_string (SimReply *reply, const char *dotted_path)
{
  g_auto (GStrv) parts = g_strsplit (dotted_path, ".", -1);
  JsonObject *object = sim_reply_object (reply);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n && object; i++)
    object = json_object_has_member (object, parts[i])
               ? json_object_get_object_member (object, parts[i])
               : NULL;
  if (object == NULL || !json_object_has_member (object, parts[n - 1]))
    return NULL;
  return json_object_get_string_member (object, parts[n - 1]);
}

char *
sim_fixture_login (SimFixture *f, const char *user, const char *password)
{
  g_autofree char *uri = g_strconcat (f->url, "/wcp/login", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strdup_printf ("Basic %s", encoded);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  return g_strdup (json_object_get_string_member (
    json_node_get_object (json_parser_get_root (parser)), "session_id"));
}

void
sim_fixture_on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
sim_fixture_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
