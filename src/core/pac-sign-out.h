/* pac-sign-out.h: an account's kubeconfig entries, cached tokens and
 * (when asked) password and trusted certificate, removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-trust.h"

G_BEGIN_DECLS

/* What sign-out changes in one kubeconfig */
typedef struct
{
  char *file;
  GPtrArray *changes; /* PacKubeconfigChange: removals */
  char *problem;      /* the file cannot be read or written */
} PacSignOutFile;

void pac_sign_out_file_free (PacSignOutFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacSignOutFile, pac_sign_out_file_free)

typedef enum
{
  PAC_SIGN_OUT_FORGET_PASSWORD = 1 << 0,
  PAC_SIGN_OUT_FORGET_CERTIFICATE = 1 << 1,
} PacSignOutFlags;

#define PAC_TYPE_SIGN_OUT (pac_sign_out_get_type ())
G_DECLARE_FINAL_TYPE (PacSignOut, pac_sign_out, PAC, SIGN_OUT, GObject)

PacSignOut *pac_sign_out_new (PacTrust *trust,
                              const char *account_host,
                              guint16 account_port,
                              const char *username,
                              const char *const *files);
void pac_sign_out_add_supervisor (PacSignOut *self, const char *host, guint16 port);
GPtrArray *pac_sign_out_preview (PacSignOut *self);
void pac_sign_out_preview_async (PacSignOut *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GPtrArray *pac_sign_out_preview_finish (PacSignOut *self, GAsyncResult *result, GError **error);
void pac_sign_out_run_async (PacSignOut *self,
                             PacSignOutFlags flags,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
GPtrArray *pac_sign_out_run_finish (PacSignOut *self, GAsyncResult *result, GError **error);

void pac_sign_out_forget_cluster_async (const char *owner,
                                        const char *namespace,
                                        const char *cluster,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gssize pac_sign_out_forget_cluster_finish (GAsyncResult *result, GError **error);

G_END_DECLS
