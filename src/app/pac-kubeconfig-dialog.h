/* pac-kubeconfig-dialog.h: exporting a context for a Supervisor, a
 * namespace or a guest cluster into a kubeconfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_KUBECONFIG_DIALOG (pac_kubeconfig_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PacKubeconfigDialog, pac_kubeconfig_dialog, PAC, KUBECONFIG_DIALOG, PacDialog)

PacKubeconfigDialog *pac_kubeconfig_dialog_new (PacNode *node);
void pac_kubeconfig_dialog_set_file (PacKubeconfigDialog *self, const char *path);
gboolean pac_kubeconfig_dialog_is_ready (PacKubeconfigDialog *self);
gboolean pac_kubeconfig_dialog_is_busy (PacKubeconfigDialog *self);
const char *pac_kubeconfig_dialog_get_status (PacKubeconfigDialog *self);
char *pac_kubeconfig_dialog_dup_preview (PacKubeconfigDialog *self);
char *pac_kubeconfig_command (const char *context, const char *file, PacNodeKind kind);

G_END_DECLS
