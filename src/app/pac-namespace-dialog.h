/* pac-namespace-dialog.h: creating or editing a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-vcenter-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_NAMESPACE_DIALOG (pac_namespace_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacNamespaceDialog, pac_namespace_dialog, PAC, NAMESPACE_DIALOG, PacDialog)

/* @name: the namespace to edit, or %NULL for a new one */
PacNamespaceDialog *
pac_namespace_dialog_new (PacVcenterClient *vcenter, const char *cluster, const char *name);
/* For tests */
gboolean pac_namespace_dialog_is_loaded (PacNamespaceDialog *self);
gboolean pac_namespace_dialog_is_busy (PacNamespaceDialog *self);
const char *pac_namespace_dialog_get_status (PacNamespaceDialog *self);
/* The check box of a storage policy (by name) or a VM class (by id) */
GtkCheckButton *pac_namespace_dialog_get_check (PacNamespaceDialog *self, const char *what);
GtkSpinButton *pac_namespace_dialog_get_limit (PacNamespaceDialog *self, const char *policy_name);

G_END_DECLS
