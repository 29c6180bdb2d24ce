/* pac-session.h: an account signed in, and the tree of what it sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-account.h"
#include "pac-node.h"
#include "pac-supervisor-client.h"
#include "pac-trust.h"
#include "pac-vcenter-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_SESSION (pac_session_get_type ())
G_DECLARE_FINAL_TYPE (PacSession, pac_session, PAC, SESSION, GObject)

PacSession *pac_session_new (PacAccount *account, PacTrust *trust);
PacAccount *pac_session_get_account (PacSession *self);
PacTrust *pac_session_get_trust (PacSession *self);
PacNode *pac_session_get_root (PacSession *self);
void pac_session_set_password (PacSession *self, const char *password);
PacVcenterClient *pac_session_get_vcenter_client (PacSession *self);

void pac_session_connect_async (PacSession *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean pac_session_connect_finish (PacSession *self, GAsyncResult *result, GError **error);

PacSupervisorClient *pac_session_get_client (PacSession *self, PacNode *node);
PacCapabilities *pac_session_get_capabilities (PacSession *self, PacNode *node);
PacSession *pac_session_of (PacNode *node);

void pac_session_load_all (PacSession *self);
void pac_session_refresh (PacSession *self);
void pac_session_close (PacSession *self);

G_END_DECLS
