/* test-watch.c: PacWatch against the simulator: events, a dropped
 * stream resumed, a compacted version relisted, a token expiring
 * mid-watch, and a forbidden collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-connection.h"
#include "pac-error.h"
#include "pac-watch.h"
#include "sim-connection.h"
#include "test-deadline.h"

#define CM_PATH "/api/v1/namespaces/dev/configmaps"
/* Watched through the cluster-wide path, so that faults can hold the
 * watch back while writes still go through the namespaced one. */
#define WATCH_PATH "/api/v1/configmaps?fieldSelector=metadata.namespace%3Ddev"

typedef struct
{
  guint resets;
  guint reset_items;
  GPtrArray *events; /* "TYPE name" */
  GError *failure;
} Seen;

static void
on_reset (PacWatch *watch, JsonArray *items, Seen *seen)
{
  seen->resets++;
  seen->reset_items = items ? json_array_get_length (items) : 0;
}

static void
on_event (PacWatch *watch, const char *type, JsonObject *object, Seen *seen)
{
  JsonObject *metadata = json_object_get_object_member (object, "metadata");

  g_ptr_array_add (
    seen->events,
    g_strdup_printf ("%s %s", type, json_object_get_string_member (metadata, "name")));
}

static void
on_failed (PacWatch *watch, GError *error, Seen *seen)
{
  g_clear_error (&seen->failure);
  seen->failure = g_error_copy (error);
}

static gboolean
seen_event (Seen *seen, const char *wanted)
{
  for (guint i = 0; i < seen->events->len; i++)
    if (g_str_equal (g_ptr_array_index (seen->events, i), wanted))
      return TRUE;
  return FALSE;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @wanted is seen (or 10 s pass) */
static void
wait_event (Seen *seen, const char *wanted)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (!seen_event (seen, wanted) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_true (seen_event (seen, wanted));
}

static void
wait_resets (Seen *seen, guint resets)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (seen->resets < resets && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_cmpuint (seen->resets, >=, resets);
}

static void
create_config_map (SimFixture *sim, const char *token, const char *name)
{
  g_autofree char *body = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},"
    "\"data\":{\"a\":\"b\"}}",
    name);
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "POST", CM_PATH, token, "application/json", body);

  g_assert_cmpuint (reply->status, ==, 201);
}

static void
admin_with (SimFixture *sim, const char *path, const char *body)
{
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "POST", path, NULL, "application/json", body);

  g_assert_cmpuint (reply->status, ==, 200);
}

static void
admin (SimFixture *sim, const char *path)
{
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "POST", path, NULL, "application/json", "{}");

  g_assert_cmpuint (reply->status, ==, 200);
}

/* How many watch requests the simulator has taken so far */
static gint64
watches_started (SimFixture *sim)
{
  g_autoptr (SimReply) reply = sim_fixture_request (sim, "GET", "/_sim/watches", NULL, NULL, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, reply->text, -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                     "started");
}

static void
test_watch (void)
{
  SimFixture *sim = sim_fixture_start (
    (const char *const[]){ "--event-window=50", "--bookmark-interval=1", NULL });
  g_autofree char *token = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacConnection) connection
    = sim_connection_new (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (PacWatch) watch = pac_watch_new (connection, WATCH_PATH);
  Seen seen = { .events = g_ptr_array_new_with_free_func (g_free) };
  gint64 started;

  g_signal_connect (watch, "reset", G_CALLBACK (on_reset), &seen);
  g_signal_connect (watch, "event", G_CALLBACK (on_event), &seen);
  g_signal_connect (watch, "failed", G_CALLBACK (on_failed), &seen);
  pac_watch_start (watch);
  wait_resets (&seen, 1);
  g_assert_cmpuint (seen.reset_items, ==, 1); /* team-settings */

  create_config_map (sim, token, "first");
  wait_event (&seen, "ADDED first");

  /* A dropped stream resumes from the last version: nothing lost. The
   * simulator sends no bookmark to the dropped one (a critical, fatal
   * in tests, once did). */
  started = watches_started (sim);
  admin (sim, "/_sim/drop-watches");
  /* once the watch is back, so that a bookmark sent to the dropped one would show */
  for (gint64 deadline = test_deadline (10); watches_started (sim) == started; test_pause_ms (10))
    g_assert_true (test_before (deadline));
  create_config_map (sim, token, "after-drop");
  wait_event (&seen, "ADDED after-drop");
  g_assert_cmpuint (pac_watch_get_relists (watch), ==, 0);

  /* Held back while more than the event window happens: on return the
   * version is gone (410), and the watch lists again. */
  admin_with (sim, "/_sim/faults",
              "{\"errors\":[{\"path\":\"/api/v1/configmaps\",\"rate\":1,\"status\":503}]}");
  admin (sim, "/_sim/drop-watches");
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("filler-%u", i);
      create_config_map (sim, token, name);
    }
  admin_with (sim, "/_sim/faults", "{\"errors\":[]}");
  wait_resets (&seen, 2);
  g_assert_cmpuint (pac_watch_get_relists (watch), >=, 1);
  g_assert_cmpuint (seen.reset_items, ==, 63); /* team-settings, first, after-drop, 60 */
  create_config_map (sim, token, "after-relist");
  wait_event (&seen, "ADDED after-relist");

  /* The token expires mid-watch: a new sign-in, and on. */
  admin (sim, "/_sim/expire-tokens");
  admin (sim, "/_sim/drop-watches");
  {
    g_autofree char *fresh = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
    create_config_map (sim, fresh, "after-expiry");
  }
  wait_event (&seen, "ADDED after-expiry");
  g_assert_null (seen.failure);

  pac_watch_stop (watch);
  g_ptr_array_unref (seen.events);
  sim_fixture_stop (sim);
}

static void
test_forbidden (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacConnection) connection
    = sim_connection_new (sim, "viewer@vsphere.local", "Viewer!23");
  g_autoptr (PacWatch) watch = pac_watch_new (connection, "/api/v1/namespaces/prod/configmaps");
  Seen seen = { .events = g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (watch, "failed", G_CALLBACK (on_failed), &seen);
  pac_watch_start (watch);
  while (seen.failure == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (seen.failure, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_clear_error (&seen.failure);
  g_ptr_array_unref (seen.events);
  sim_fixture_stop (sim);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/watch/events-drop-relist-expiry", test_watch);
  g_test_add_func ("/watch/forbidden", test_forbidden);
  return g_test_run ();
}
