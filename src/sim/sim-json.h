/* sim-json.h: small JSON helpers of the simulator (it shares no code with src/core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *sim_json_node_copy (JsonNode *node);
JsonNode *sim_json_parse (const char *data, gssize length, GError **error);
char *sim_json_to_string (JsonNode *node, gsize *length);
char *sim_json_object_to_string (JsonObject *object, gsize *length);
JsonObject *sim_json_object_copy (JsonObject *object);
JsonObject *sim_json_get_object (JsonObject *object, const char *member);
JsonObject *sim_json_ensure_object (JsonObject *object, const char *member);
const char *sim_json_get_string (JsonObject *object, const char *member);
const char *sim_json_get_path_string (JsonObject *object, const char *dotted_path);
JsonArray *sim_json_get_array (JsonObject *object, const char *member);
JsonObject *sim_json_get_path_object (JsonObject *object, const char *dotted_path);
gint64 sim_json_get_int (JsonObject *object, const char *member, gint64 fallback);
void sim_json_move (JsonObject *source, const char *from, JsonObject *target, const char *to);
gboolean sim_json_equal (JsonNode *a, JsonNode *b);
char *sim_json_now_rfc3339 (void);
gboolean sim_is_dns_label (const char *name);
char *sim_random_suffix (guint length);

G_END_DECLS
