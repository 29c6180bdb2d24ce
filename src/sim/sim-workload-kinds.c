/* sim-workload-kinds.c: a guest cluster's workloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sim-workloads"

#include "sim-server.h"

void sim_register_workload_kinds (SimServer *self);

void
sim_register_workload_kinds (SimServer *self)
{
}
