/* pac-supervisor-page.h: details of a Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-node.h"
#include "pac-readiness-group.h"

G_BEGIN_DECLS

#define PAC_TYPE_SUPERVISOR_PAGE (pac_supervisor_page_get_type ())
G_DECLARE_FINAL_TYPE (PacSupervisorPage,
                      pac_supervisor_page,
                      PAC,
                      SUPERVISOR_PAGE,
                      AdwPreferencesPage)

void pac_supervisor_page_set_node (PacSupervisorPage *self, PacNode *node);

PacReadinessGroup *pac_supervisor_page_get_readiness (PacSupervisorPage *self);

G_END_DECLS
