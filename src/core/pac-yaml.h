/* pac-yaml.h: YAML documents read into JSON trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *pac_yaml_load (const char *text, gssize length, GError **error);

G_END_DECLS
