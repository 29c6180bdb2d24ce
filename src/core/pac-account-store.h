/* pac-account-store.h: the accounts, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-account.h"

G_BEGIN_DECLS

#define PAC_TYPE_ACCOUNT_STORE (pac_account_store_get_type ())

G_DECLARE_FINAL_TYPE (PacAccountStore, pac_account_store, PAC, ACCOUNT_STORE, GObject)

GSettings *pac_settings_new (void);
PacAccountStore *pac_account_store_new (GSettings *settings);
void pac_account_store_add (PacAccountStore *self, PacAccount *account);
gboolean pac_account_store_remove (PacAccountStore *self, PacAccount *account);
PacAccount *pac_account_store_find (PacAccountStore *self, const char *id);
void pac_account_store_save (PacAccountStore *self);

G_END_DECLS
