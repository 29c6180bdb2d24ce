/* pac-connection-private.h: what pac-connection.c and its login half share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-connection.h"

G_BEGIN_DECLS

/* How requests are authenticated, and how a new token is had */
typedef enum
{
  PAC_CREDENTIAL_WCP,         /* POST /wcp/login with the user's password */
  PAC_CREDENTIAL_GUEST,       /* the same, on the Supervisor, naming the guest cluster */
  PAC_CREDENTIAL_STATIC,      /* a token from a kubeconfig: cannot be renewed */
  PAC_CREDENTIAL_CERTIFICATE, /* a client certificate (an admin kubeconfig): no token */
  PAC_CREDENTIAL_VCENTER,     /* POST /api/session: vmware-api-session-id, vCenter's errors */
} PacCredential;

struct _PacConnection
{
  GObject parent_instance;

  GUri *base;     /* the address the user gave: WCP, or a guest's or kubeconfig's API */
  GUri *api_base; /* a Supervisor's Kubernetes API: port 6443 of that address */
  char *username;
  char *password;      /* only when given for this process (headless) */
  char *password_host; /* the keyring item's server, when not this host */
  PacTrust *trust;
  SoupSession *session;

  PacCredential credential;
  PacConnection *supervisor; /* GUEST: where the token comes from */
  char *guest_namespace;
  char *guest_name;
  GTlsCertificate *client_certificate; /* CERTIFICATE */

  guint streams;      /* watches streaming now */
  guint max_streams;  /* at most; the rest poll */
  guint poll_seconds; /* how often those poll */

  gint64 unreachable_since; /* unix seconds; 0 while the server answers */

  char *token;
  char *rejected_token;  /* refused with 401: never taken from the cache again */
  gboolean token_cached; /* taken from the keyring, not from a login of ours */
  gint64 token_obtained;
  gint64 token_expiry;
};

PacConnection *pac_connection_new_for_uri (GUri *base, const char *username, PacTrust *trust);
GTask *pac_connection_new_task (PacConnection *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data,
                                gpointer source_tag);
SoupMessage *pac_connection_new_message (PacConnection *self, const char *method, const char *path);
gboolean pac_connection_token_is_fresh (gint64 obtained, gint64 expiry);
extern GParamSpec *pac_connection_reachable_pspec;

G_END_DECLS
