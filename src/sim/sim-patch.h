/* sim-patch.h: JSON merge patch, JSON patch and strategic merge patch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *sim_patch_merge (JsonNode *target, JsonNode *patch);
JsonNode *sim_patch_strategic (JsonNode *target, JsonNode *patch, GError **error);
JsonNode *sim_patch_json (JsonNode *target, JsonNode *operations, GError **error);

G_END_DECLS
