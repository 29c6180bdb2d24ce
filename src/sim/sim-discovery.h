/* sim-discovery.h: what discovery's two forms share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

GPtrArray *sim_discovery_groups (SimServer *self);
JsonArray *sim_discovery_strings (const char *const *strings);
const char *const *sim_discovery_verbs (const SimKind *kind, const char *subresource);
GPtrArray *sim_discovery_versions (SimServer *self, const char *group);
gboolean sim_discovery_aggregated_respond (SimServer *self, SoupServerMessage *msg, gboolean core);

G_END_DECLS
