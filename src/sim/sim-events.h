/* sim-events.h: core/v1 Events, served and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

void sim_register_event_kinds (SimServer *self);
void sim_events_record (SimStore *store,
                        JsonObject *involved,
                        const char *kind,
                        const char *type,
                        const char *reason,
                        const char *message,
                        const char *component);

G_END_DECLS
