/* sim-workloads.h: a guest cluster's controllers and kubelets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

typedef struct _SimWorkloads SimWorkloads;

SimWorkloads *sim_workloads_new (SimServer *guest);
void sim_workloads_free (SimWorkloads *self);

G_END_DECLS
