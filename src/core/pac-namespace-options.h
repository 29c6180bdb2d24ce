/* pac-namespace-options.h: what a vSphere namespace may be given, and
 * what it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-choice.h"
#include "pac-supervisor-client.h"
#include "pac-vcenter-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_NAMESPACE_OPTIONS (pac_namespace_options_get_type ())

G_DECLARE_FINAL_TYPE (PacNamespaceOptions, pac_namespace_options, PAC, NAMESPACE_OPTIONS, GObject)

/* @name: the namespace to edit, or %NULL for a new one */
void pac_namespace_options_load_async (PacVcenterClient *vcenter,
                                       const char *name,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
PacNamespaceOptions *pac_namespace_options_load_finish (GAsyncResult *result, GError **error);

/* PacChoices: id = the policy id, subtitle = its name */
GListModel *pac_namespace_options_get_policies (PacNamespaceOptions *self);
/* PacChoices: id = the class, subtitle = CPUs and memory */
GListModel *pac_namespace_options_get_vm_classes (PacNamespaceOptions *self);

/* The namespace as it is (all empty for a new one) */
const char *pac_namespace_options_get_description (PacNamespaceOptions *self);
/* -1: the policy is not given; 0: no limit; else MiB */
gint64 pac_namespace_options_get_limit (PacNamespaceOptions *self, const char *policy);
gboolean pac_namespace_options_has_vm_service (PacNamespaceOptions *self);
gboolean pac_namespace_options_has_vm_class (PacNamespaceOptions *self, const char *vm_class);
/* Returns: (transfer none): ended by a NULL subject */
const PacNamespaceAccess *pac_namespace_options_get_access (PacNamespaceOptions *self);

/* Deletes the namespace from vCenter unless it still holds clusters:
 * then fails with PAC_ERROR_CONFLICT naming them. */
void pac_vsphere_namespace_delete_async (PacVcenterClient *vcenter,
                                         PacSupervisorClient *client,
                                         const PacCapabilities *capabilities,
                                         const char *name,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean pac_vsphere_namespace_delete_finish (GAsyncResult *result, GError **error);

G_END_DECLS
