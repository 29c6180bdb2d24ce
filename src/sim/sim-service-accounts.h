/* sim-service-accounts.h: kube-controller-manager's service account controller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

typedef struct _SimServiceAccounts SimServiceAccounts;

SimServiceAccounts *sim_service_accounts_new (SimServer *server);
void sim_service_accounts_free (SimServiceAccounts *self);

G_END_DECLS
