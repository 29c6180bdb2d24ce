/* pac-session-private.h: what the session's tree loaders share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-session.h"

G_BEGIN_DECLS

struct _PacSession
{
  GObject parent_instance;

  PacAccount *account;
  PacTrust *trust;
  char *password; /* only when the user chose not to keep it in the keyring */
  PacNode *root;
  PacVcenterClient *vcenter;
  GCancellable *cancellable;
  gboolean load_everything; /* set by pac_session_load_all() */
};

PacConnection *pac_session_new_connection (PacSession *self, const char *base_url);
void pac_session_setup_root (PacSession *self);
void pac_session_attach_client (PacSession *self, PacNode *supervisor, PacSupervisorClient *client);
void pac_session_emit_settled (PacSession *self, PacNode *cluster, gboolean deleted);

G_END_DECLS
