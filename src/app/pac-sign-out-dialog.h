/* pac-sign-out-dialog.h: signing an account out, with a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-alert.h"

#include "pac-session.h"

G_BEGIN_DECLS

#define PAC_TYPE_SIGN_OUT_DIALOG (pac_sign_out_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PacSignOutDialog, pac_sign_out_dialog, PAC, SIGN_OUT_DIALOG, PacAlert)

PacSignOutDialog *pac_sign_out_dialog_new (PacSession *session, const char *const *files);
char *pac_sign_out_dialog_dup_preview (PacSignOutDialog *self);
gboolean pac_sign_out_dialog_is_previewing (PacSignOutDialog *self);
void
pac_sign_out_dialog_set_forget (PacSignOutDialog *self, gboolean password, gboolean certificate);

G_END_DECLS
