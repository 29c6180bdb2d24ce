/* pac-account-dialog.h: add or edit a vCenter or Supervisor account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-account-store.h"
#include "pac-session.h"

G_BEGIN_DECLS

#define PAC_TYPE_ACCOUNT_DIALOG (pac_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PacAccountDialog, pac_account_dialog, PAC, ACCOUNT_DIALOG, PacDialog)

PacAccountDialog *
pac_account_dialog_new (PacAccountStore *store, PacTrust *trust, PacAccount *existing);

G_END_DECLS
