/* test-cluster-events.c: which of a namespace's events tell a cluster's story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-cluster-events.h"
#include "pac-json.h"

static void
add_event (JsonArray *events,
           const char *kind,
           const char *name,
           const char *reason,
           const char *time_member,
           const char *when)
{
  JsonObject *event = json_object_new ();
  JsonObject *involved = json_object_new ();

  json_object_set_string_member (involved, "kind", kind);
  json_object_set_string_member (involved, "name", name);
  json_object_set_object_member (event, "involvedObject", involved);
  json_object_set_string_member (event, "reason", reason);
  json_object_set_string_member (event, "type",
                                 g_str_equal (reason, "Failed") ? "Warning" : "Normal");
  json_object_set_string_member (event, time_member, when);
  json_array_add_object_element (events, event);
}

/* A namespace holding clusters "web" and "web-2", and things named alike */
static JsonArray *
namespace_events (void)
{
  JsonArray *events = json_array_new ();

  add_event (events, "TanzuKubernetesCluster", "web", "Creating", "lastTimestamp",
             "2026-01-01T10:00:00Z");
  add_event (events, "VirtualMachine", "web-control-plane-abcde", "CreateSuccess", "lastTimestamp",
             "2026-01-01T10:01:00Z");
  add_event (events, "TanzuKubernetesCluster", "web-2", "Creating", "lastTimestamp",
             "2026-01-01T10:02:00Z");
  add_event (events, "VirtualMachine", "web-2-control-plane-fghij", "CreateSuccess",
             "lastTimestamp", "2026-01-01T10:03:00Z");
  add_event (events, "VirtualMachine", "webserver", "CreateSuccess", "lastTimestamp",
             "2026-01-01T10:04:00Z");
  add_event (events, "VirtualMachine", "web-workers-xyz12-abcde", "DeleteSuccess", "lastTimestamp",
             "2025-12-31T09:00:00Z");
  add_event (events, "ConfigMap", "web-settings", "Changed", "lastTimestamp",
             "2026-01-01T10:05:00Z");
  add_event (events, "TanzuKubernetesCluster", "web", "Running", "lastTimestamp",
             "2026-01-01T10:06:00Z");
  add_event (events, "TanzuKubernetesCluster", "web", "Failed", "eventTime",
             "2026-01-01T10:07:00.000000Z");
  return events;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_select (void)
{
  g_autoptr (JsonObject) web
    = parse_object ("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"topology\":{\"nodePools\":"
                    "[{\"name\":\"workers\"},{\"name\":\"gpu\"}]}}}");
  g_autoptr (JsonObject) v1alpha1 = parse_object (
    "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"topology\":{\"workers\":{\"count\":2}}}}");
  g_autoptr (JsonArray) events = namespace_events ();
  g_autoptr (GPtrArray) chosen = pac_cluster_events_select (events, web);
  g_autoptr (GPtrArray) old_style = NULL;
  const char *reasons[] = { "Failed", "Running", "CreateSuccess", "Creating", "DeleteSuccess" };
  g_autofree char *cluster = NULL;
  g_autofree char *machine = NULL;

  /* the cluster and its machines, newest first; not web-2's, nor a VM or
   * an object whose name merely starts the same */
  g_assert_cmpuint (chosen->len, ==, G_N_ELEMENTS (reasons));
  for (guint i = 0; i < chosen->len; i++)
    g_assert_cmpstr (pac_json_string (g_ptr_array_index (chosen, i), "reason"), ==, reasons[i]);
  g_assert_true (pac_cluster_event_is_warning (g_ptr_array_index (chosen, 0)));
  g_assert_false (pac_cluster_event_is_warning (g_ptr_array_index (chosen, 1)));
  g_assert_cmpstr (pac_cluster_event_time (g_ptr_array_index (chosen, 0)), ==,
                   "2026-01-01T10:07:00.000000Z");
  cluster = pac_cluster_event_subject (g_ptr_array_index (chosen, 1));
  machine = pac_cluster_event_subject (g_ptr_array_index (chosen, 2));
  g_assert_cmpstr (cluster, ==, "The cluster");
  g_assert_cmpstr (machine, ==, "Virtual machine web-control-plane-abcde");

  /* v1alpha1's one pool is "workers" */
  old_style = pac_cluster_events_select (events, v1alpha1);
  g_assert_cmpuint (old_style->len, ==, G_N_ELEMENTS (reasons));
}

static void
test_none (void)
{
  g_autoptr (JsonObject) web = parse_object ("{\"metadata\":{\"name\":\"web\"}}");
  g_autoptr (GPtrArray) none = pac_cluster_events_select (NULL, web);

  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cluster-events/select", test_select);
  g_test_add_func ("/cluster-events/none", test_none);
  return g_test_run ();
}
