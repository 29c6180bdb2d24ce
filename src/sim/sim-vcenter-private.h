/* sim-vcenter-private.h: what the vCenter REST handlers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

void sim_vcenter_respond_node (SoupServerMessage *msg, guint status, JsonNode *node);
void sim_vcenter_respond_error (SoupServerMessage *msg,
                                gboolean legacy,
                                guint status,
                                const char *type,
                                const char *id,
                                const char *text);
gboolean sim_vcenter_inventory_handle (SimServer *self,
                                       SoupServerMessage *msg,
                                       const char *path,
                                       gboolean legacy);

G_END_DECLS
