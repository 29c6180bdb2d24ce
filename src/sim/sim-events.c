/* sim-events.c: core/v1 Events, served and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Controllers record what happens to the objects they look after, as
 * Kubernetes' event recorder does: one Event per object, reason and
 * message, counted again when it repeats. A guest's ReplicaSet and
 * DaemonSet controllers write FailedCreate; the Supervisor's cluster
 * controller writes a cluster's phases and its machines (doc/simulator.md).
 * kubectl events, kubectl describe and Pacific's cluster page read them.
 */
#define G_LOG_DOMAIN "sim-events"

#include "sim-events.h"

#include "sim-json.h"
#include "sim-schema-json.h"

#define EVENTS "/events"

static char *
event_object (JsonObject *event)
{
  g_autofree char *kind
    = g_ascii_strdown (sim_json_get_path_string (event, "involvedObject.kind") ?: "", -1);

  return g_strdup_printf ("%s/%s", kind, sim_json_get_path_string (event, "involvedObject.name"));
}

static const SimColumn event_columns[] = {
  { "Last Seen", "date", ".lastTimestamp", "", 0 }, { "Type", "string", ".type", "", 0 },
  { "Reason", "string", ".reason", "", 0 },         { "Object", "string", "", "", 0, event_object },
  { "Message", "string", ".message", "", 0 },       { NULL },
};

/* pkg/registry/core/event: involvedObject.*, reason, source, type; the
 * events.k8s.io view is the same storage and takes the same keys */
static const char *const event_field_labels[] = { "involvedObject.kind",
                                                  "involvedObject.namespace",
                                                  "involvedObject.name",
                                                  "involvedObject.uid",
                                                  "involvedObject.apiVersion",
                                                  "involvedObject.resourceVersion",
                                                  "involvedObject.fieldPath",
                                                  "reason",
                                                  "reportingComponent",
                                                  "source",
                                                  "type",
                                                  NULL };

static const SimKind events = {
  .group = "",
  .version = "v1",
  .plural = "events",
  .singular = "event",
  .kind = "Event",
  /* pkg/registry/core/event: involvedObject.*, reason, source, type */
  .field_labels = event_field_labels,
  .short_names = (const char *const[]){ "ev", NULL },
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = event_columns,
  .schema_name = "io.k8s.api.core.v1.Event",
  .schema_json = "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true,"
                 "\"properties\":{" TYPE_META "," META "}}",
};

/* events.k8s.io/v1 shows the same Events under other names (the
 * Kubernetes API's own conversion): regarding, note, reportingController,
 * deprecatedCount and friends */
static void
rename_member (JsonObject *object, const char *from, const char *to)
{
  sim_json_move (object, from, object, to);
}

static JsonObject *
convert_events_v1 (const SimKind *kind, JsonObject *object, gboolean to_storage)
{
  static const char *const pairs[][2] = {
    { "involvedObject", "regarding" },
    { "message", "note" },
    { "reportingComponent", "reportingController" },
    { "source", "deprecatedSource" },
    { "count", "deprecatedCount" },
    { "firstTimestamp", "deprecatedFirstTimestamp" },
    { "lastTimestamp", "deprecatedLastTimestamp" },
  };
  JsonObject *copy = sim_json_object_copy (object);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    rename_member (copy, pairs[i][to_storage ? 1 : 0], pairs[i][to_storage ? 0 : 1]);
  json_object_set_string_member (copy, "apiVersion", to_storage ? "v1" : "events.k8s.io/v1");
  return copy;
}

static const SimKind events_v1 = {
  .group = "events.k8s.io",
  .storage_group = "",
  .version = "v1",
  .plural = "events",
  .singular = "event",
  .kind = "Event",
  .field_labels = event_field_labels,
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .schema_name = "io.k8s.api.events.v1.Event",
  .schema_json = "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true,"
                 "\"properties\":{" TYPE_META "," META "}}",
  .convert = convert_events_v1,
};

void
sim_register_event_kinds (SimServer *self)
{
  sim_server_register_kind (self, &events);
  sim_server_register_kind (self, &events_v1);
}

/* The Event of @involved with @reason and @message, counted again if it
 * was seen before */
void
sim_events_record (SimStore *store,
                   JsonObject *involved,
                   const char *kind,
                   const char *type,
                   const char *reason,
                   const char *message,
                   const char *component)
{
  const char *ns = sim_json_get_path_string (involved, "metadata.namespace");
  const char *name = sim_json_get_path_string (involved, "metadata.name");
  const char *uid = sim_json_get_path_string (involved, "metadata.uid");
  g_autoptr (GPtrArray) seen_events = sim_store_list (store, EVENTS, ns);
  g_autofree char *now = sim_json_now_rfc3339 ();
  g_autofree char *suffix = sim_random_suffix (16);
  g_autofree char *event_name = g_strdup_printf ("%s.%s", name, suffix);
  g_autofree char *event_uid = g_uuid_string_random ();
  g_autoptr (JsonObject) event = json_object_new ();
  JsonObject *metadata, *reference, *source;

  for (guint i = 0; i < seen_events->len; i++)
    {
      JsonObject *seen = g_ptr_array_index (seen_events, i);
      if (g_strcmp0 (sim_json_get_path_string (seen, "involvedObject.uid"), uid) == 0
          && g_strcmp0 (sim_json_get_string (seen, "reason"), reason) == 0
          && g_strcmp0 (sim_json_get_string (seen, "message"), message) == 0)
        {
          /* The same event again: counted, not repeated. */
          g_autoptr (JsonObject) again = sim_json_object_copy (seen);
          json_object_set_int_member (again, "count", sim_json_get_int (seen, "count", 1) + 1);
          json_object_set_string_member (again, "lastTimestamp", now);
          sim_store_put (store, EVENTS, again);
          return;
        }
    }
  json_object_set_string_member (event, "apiVersion", "v1");
  json_object_set_string_member (event, "kind", "Event");
  metadata = sim_json_ensure_object (event, "metadata");
  json_object_set_string_member (metadata, "name", event_name);
  json_object_set_string_member (metadata, "namespace", ns);
  json_object_set_string_member (metadata, "uid", event_uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  reference = sim_json_ensure_object (event, "involvedObject");
  json_object_set_string_member (reference, "kind", kind);
  if (sim_json_get_string (involved, "apiVersion"))
    json_object_set_string_member (reference, "apiVersion",
                                   sim_json_get_string (involved, "apiVersion"));
  json_object_set_string_member (reference, "namespace", ns);
  json_object_set_string_member (reference, "name", name);
  if (uid)
    json_object_set_string_member (reference, "uid", uid);
  source = sim_json_ensure_object (event, "source");
  json_object_set_string_member (source, "component", component);
  json_object_set_string_member (event, "reportingComponent", component);
  json_object_set_string_member (event, "type", type);
  json_object_set_string_member (event, "reason", reason);
  json_object_set_string_member (event, "message", message);
  json_object_set_int_member (event, "count", 1);
  json_object_set_string_member (event, "firstTimestamp", now);
  json_object_set_string_member (event, "lastTimestamp", now);
  sim_store_put (store, EVENTS, event);
}
