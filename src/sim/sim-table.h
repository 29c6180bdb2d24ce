/* sim-table.h: meta.k8s.io/v1 Table responses from printer columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-kind.h"

G_BEGIN_DECLS

typedef enum
{
  SIM_TABLE_INCLUDE_METADATA, /* the default: PartialObjectMetadata */
  SIM_TABLE_INCLUDE_OBJECT,
  SIM_TABLE_INCLUDE_NONE,
} SimTableInclude;

JsonNode *sim_jsonpath_first (JsonObject *object, const char *path);
char *sim_human_duration (gint64 seconds);
JsonObject *sim_table_new (const SimKind *kind,
                           GPtrArray *objects,
                           SimTableInclude include,
                           gboolean with_columns,
                           const char *resource_version,
                           const char *continue_token);

G_END_DECLS
