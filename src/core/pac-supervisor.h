/* pac-supervisor.h: a Supervisor, as vCenter describes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PAC_TYPE_SUPERVISOR (pac_supervisor_get_type ())

G_DECLARE_FINAL_TYPE (PacSupervisor, pac_supervisor, PAC, SUPERVISOR, GObject)

PacSupervisor *pac_supervisor_new (JsonObject *summary);
void pac_supervisor_update (PacSupervisor *self, JsonObject *summary_or_info);
const char *pac_supervisor_get_id (PacSupervisor *self);
const char *pac_supervisor_get_name (PacSupervisor *self);
const char *pac_supervisor_get_config_status (PacSupervisor *self);
const char *pac_supervisor_get_kubernetes_status (PacSupervisor *self);
const char *pac_supervisor_get_endpoint (PacSupervisor *self);
gboolean pac_supervisor_is_running (PacSupervisor *self);

void pac_supervisor_store_update (GListStore *store, JsonArray *summaries);

G_END_DECLS
