/* pac-json.h: reading Kubernetes and vCenter answers without a crash on
 * a missing or mistyped member
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @path: member names joined with dots ("status.phase"); every getter
 * returns %NULL (or @fallback) when a step is missing or of another type. */
JsonObject *pac_json_object (JsonObject *object, const char *path);
const char *pac_json_string (JsonObject *object, const char *path);
JsonArray *pac_json_array (JsonObject *object, const char *path);
gint64 pac_json_int (JsonObject *object, const char *path, gint64 fallback);
JsonObject *pac_json_node_object (JsonNode *node);
GBytes *pac_json_to_bytes (JsonNode *node);
gboolean pac_json_contains (JsonNode *whole, JsonNode *part);
JsonNode *pac_json_deep_copy (JsonNode *node);
JsonNode *pac_json_merge_patch_between (JsonNode *from, JsonNode *to);
void pac_json_task_return (GTask *task, JsonNode *node, GError *error);
gboolean pac_json_load (JsonParser *parser, const char *data, gssize length, GError **error);

G_END_DECLS
