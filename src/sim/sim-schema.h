/* sim-schema.h: OpenAPI v3 schema checks: unknown fields and types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *sim_schema_object_meta (void);
JsonObject *sim_schema_resolve (JsonObject *schema);
void sim_schema_prune (JsonObject *schema, JsonObject *object, GPtrArray *unknown_paths);
void sim_schema_check_types (JsonObject *schema, JsonObject *object, GPtrArray *causes);

G_END_DECLS
