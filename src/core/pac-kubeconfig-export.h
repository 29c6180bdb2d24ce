/* pac-kubeconfig-export.h: the kubeconfig entry for a Supervisor, a
 * vSphere namespace or a guest cluster, in one of three credential modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-kubeconfig.h"
#include "pac-supervisor-client.h"

G_BEGIN_DECLS

typedef enum
{
  PAC_EXPORT_PLUGIN, /* the credential plugin: no secret in the file */
  PAC_EXPORT_TOKEN,  /* the current token: lies in the file, ~10 h */
  PAC_EXPORT_ADMIN,  /* the <cluster>-kubeconfig secret: cluster-admin, long-lived */
} PacExportMode;

typedef struct
{
  const char *account;   /* the host signed in with: a vCenter, or the Supervisor */
  guint16 account_port;  /* its port (0: 443), which keys its keyring password */
  const char *namespace; /* (nullable): a vSphere namespace */
  const char *cluster;   /* (nullable): a guest cluster in it */
  PacExportMode mode;
} PacExportTarget;

void pac_kubeconfig_export_async (PacSupervisorClient *supervisor,
                                  const PacExportTarget *target,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
PacKubeconfigEntry *pac_kubeconfig_export_finish (PacSupervisorClient *supervisor,
                                                  GAsyncResult *result,
                                                  gint64 *expiry,
                                                  GError **error);
PacKubeconfigEntry *pac_kubeconfig_entry_new_admin (const char *owner,
                                                    const char *cluster,
                                                    const char *kubeconfig,
                                                    gsize length,
                                                    gint64 *expiry,
                                                    GError **error);
const char *pac_export_mode_to_string (PacExportMode mode);
gboolean pac_export_mode_from_string (const char *text, PacExportMode *mode);

G_END_DECLS
