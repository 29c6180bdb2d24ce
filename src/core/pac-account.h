/* pac-account.h: a vCenter or Supervisor the user signs in to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PAC_ACCOUNT_VCENTER,
  PAC_ACCOUNT_SUPERVISOR,
} PacAccountKind;

#define PAC_TYPE_ACCOUNT (pac_account_get_type ())

G_DECLARE_FINAL_TYPE (PacAccount, pac_account, PAC, ACCOUNT, GObject)

PacAccount *pac_account_new (PacAccountKind kind,
                             const char *address,
                             const char *username,
                             const char *display_name);
const char *pac_account_get_id (PacAccount *self);
PacAccountKind pac_account_get_kind (PacAccount *self);
const char *pac_account_get_address (PacAccount *self);
const char *pac_account_get_username (PacAccount *self);
const char *pac_account_get_display_name (PacAccount *self);
void pac_account_set_display_name (PacAccount *self, const char *display_name);
char *pac_account_get_base_url (PacAccount *self);
char *pac_account_dup_host (PacAccount *self, guint16 *port);

G_END_DECLS
