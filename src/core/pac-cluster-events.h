/* pac-cluster-events.h: the Supervisor's events about one cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GPtrArray *pac_cluster_events_select (JsonArray *events, JsonObject *cluster);
char *pac_cluster_event_subject (JsonObject *event);
const char *pac_cluster_event_time (JsonObject *event);
gboolean pac_cluster_event_is_warning (JsonObject *event);

G_END_DECLS
