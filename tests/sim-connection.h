/* sim-connection.h: Pacific's clients signed in to a test simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-connection.h"
#include "pac-supervisor-client.h"
#include "pac-vcenter-client.h"
#include "sim-fixture.h"

G_BEGIN_DECLS

PacConnection *sim_connection_new (SimFixture *sim, const char *user, const char *password);
PacVcenterClient *sim_vcenter_client_new (SimFixture *sim, const char *user, const char *password);
PacSupervisorClient *
sim_supervisor_client_new (SimFixture *sim, const char *user, const char *password);
PacCapabilities *sim_supervisor_discover (PacSupervisorClient *client);

G_END_DECLS
