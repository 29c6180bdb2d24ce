/* pac-registry-group.h: which registry CAs a cluster's nodes trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_REGISTRY_GROUP (pac_registry_group_get_type ())

G_DECLARE_FINAL_TYPE (PacRegistryGroup,
                      pac_registry_group,
                      PAC,
                      REGISTRY_GROUP,
                      AdwPreferencesGroup)

void pac_registry_group_set_node (PacRegistryGroup *self, PacNode *node);
void pac_registry_group_refresh (PacRegistryGroup *self);
GtkListBox *pac_registry_group_get_list (PacRegistryGroup *self);
void pac_registry_group_remove (PacRegistryGroup *self, const char *name, const char *route);

G_END_DECLS
