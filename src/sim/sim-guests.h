/* sim-guests.h: the guest clusters' APIs of a Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

typedef struct _SimGuests SimGuests;

SimGuests *sim_guests_new (SimServer *supervisor);
void sim_guests_free (SimGuests *self);
SimServer *sim_guests_lookup (SimGuests *self, const char *namespace, const char *name);
JsonObject *sim_guests_node_trust (SimGuests *self, const char *namespace, const char *name);
void sim_guests_trust_on_node (SimServer *guest_server, const char *node, const char *pem);

G_END_DECLS
