/* pac-pod-security-dialog.h: which pods a guest cluster admits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-guest-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_POD_SECURITY_DIALOG (pac_pod_security_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacPodSecurityDialog,
                      pac_pod_security_dialog,
                      PAC,
                      POD_SECURITY_DIALOG,
                      PacDialog)

PacPodSecurityDialog *
pac_pod_security_dialog_new (PacGuestClient *client, const char *cluster, const char *namespace);
gboolean pac_pod_security_dialog_is_ready (PacPodSecurityDialog *self);
const char *pac_pod_security_dialog_get_status (PacPodSecurityDialog *self);
char *pac_pod_security_dialog_dup_preview (PacPodSecurityDialog *self);

G_END_DECLS
