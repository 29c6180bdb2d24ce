/* pac-yaml.h: YAML documents read into JSON trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <yaml.h>

G_BEGIN_DECLS

/* Where a value starts in the text, counted from 1 */
typedef struct
{
  guint line;
  guint column;
} PacYamlMark;

JsonNode *pac_yaml_load (const char *text, gssize length, GError **error);
JsonNode *
pac_yaml_load_with_marks (const char *text, gssize length, GHashTable **marks, GError **error);
gboolean pac_yaml_plain_is_string (const char *value);
char *pac_yaml_dump (JsonNode *node);

typedef gboolean (*PacYamlEmitFunc) (yaml_emitter_t *emitter, gpointer data);
char *pac_yaml_emit_document (PacYamlEmitFunc emit_root, gpointer data);

G_END_DECLS
