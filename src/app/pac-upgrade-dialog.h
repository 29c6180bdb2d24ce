/* pac-upgrade-dialog.h: moving a cluster to another release
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-cluster-upgrade.h"

G_BEGIN_DECLS

#define PAC_TYPE_UPGRADE_DIALOG (pac_upgrade_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacUpgradeDialog, pac_upgrade_dialog, PAC, UPGRADE_DIALOG, PacDialog)

PacUpgradeDialog *pac_upgrade_dialog_new (PacSupervisorClient *client,
                                          const PacCapabilities *capabilities,
                                          const char *namespace,
                                          const char *name);
const char *pac_upgrade_dialog_get_status (PacUpgradeDialog *self);
gboolean pac_upgrade_dialog_select (PacUpgradeDialog *self, const char *version_prefix);

G_END_DECLS
