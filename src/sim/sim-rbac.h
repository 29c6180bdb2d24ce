/* sim-rbac.h: RBAC authorization inside a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-store.h"

G_BEGIN_DECLS

gboolean sim_rbac_authorize (SimStore *store,
                             const char *user,
                             const char *const *groups,
                             const char *verb,
                             const char *group,
                             const char *resource,
                             const char *namespace,
                             const char *name);
GStrv sim_rbac_service_account_groups (const char *namespace);
void sim_rbac_rules (SimStore *store,
                     const char *user,
                     const char *const *groups,
                     const char *namespace,
                     JsonArray *resource_rules,
                     JsonArray *non_resource_rules);

G_END_DECLS
