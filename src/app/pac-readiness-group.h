/* pac-readiness-group.h: a Supervisor's readiness checklist, with fixes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-node.h"
#include "pac-readiness.h"

G_BEGIN_DECLS

#define PAC_TYPE_READINESS_GROUP (pac_readiness_group_get_type ())

G_DECLARE_FINAL_TYPE (PacReadinessGroup,
                      pac_readiness_group,
                      PAC,
                      READINESS_GROUP,
                      AdwPreferencesGroup)

void pac_readiness_group_set_node (PacReadinessGroup *self, PacNode *supervisor);
void pac_readiness_group_refresh (PacReadinessGroup *self);
/* Returns: (transfer none) (nullable): for tests */
PacReadiness *pac_readiness_group_get_readiness (PacReadinessGroup *self);
GtkListBox *pac_readiness_group_get_list (PacReadinessGroup *self);
gboolean pac_readiness_group_is_busy (PacReadinessGroup *self);

G_END_DECLS
