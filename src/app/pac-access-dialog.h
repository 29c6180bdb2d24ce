/* pac-access-dialog.h: SSO users' and groups' roles in a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-guest-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_ACCESS_DIALOG (pac_access_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacAccessDialog, pac_access_dialog, PAC, ACCESS_DIALOG, PacDialog)

PacAccessDialog *pac_access_dialog_new (PacGuestClient *client, const char *cluster);
gboolean pac_access_dialog_is_ready (PacAccessDialog *self);
const char *pac_access_dialog_get_status (PacAccessDialog *self);
char *pac_access_dialog_dup_preview (PacAccessDialog *self);
guint pac_access_dialog_count_grants (PacAccessDialog *self, const char *subject);

G_END_DECLS
