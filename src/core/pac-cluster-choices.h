/* pac-cluster-choices.h: what a namespace offers a new cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-choice.h"
#include "pac-cluster-spec.h"
#include "pac-supervisor-client.h"

G_BEGIN_DECLS

#define PAC_TYPE_CLUSTER_CHOICES (pac_cluster_choices_get_type ())

G_DECLARE_FINAL_TYPE (PacClusterChoices, pac_cluster_choices, PAC, CLUSTER_CHOICES, GObject)

GListStore *pac_storage_classes_from_quotas (JsonArray *quotas);

void pac_cluster_choices_load_async (PacSupervisorClient *client,
                                     const PacCapabilities *capabilities,
                                     const char *namespace,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
PacClusterChoices *pac_cluster_choices_load_finish (GAsyncResult *result, GError **error);

const char *pac_cluster_choices_get_namespace (PacClusterChoices *self);
GListModel *pac_cluster_choices_get_releases (PacClusterChoices *self);
GListModel *pac_cluster_choices_get_vm_classes (PacClusterChoices *self);
GListModel *pac_cluster_choices_get_storage_classes (PacClusterChoices *self);
const char *const *pac_cluster_choices_get_api_versions (PacClusterChoices *self);
PacTkcApi pac_cluster_choices_get_preferred_api (PacClusterChoices *self);
const char *pac_cluster_choices_get_default_release (PacClusterChoices *self);
PacChoice *pac_cluster_choices_resolve_release (PacClusterChoices *self, const char *hint);
gboolean pac_cluster_choices_has_cluster (PacClusterChoices *self, const char *name);
gboolean pac_cluster_choices_may_create (PacClusterChoices *self, const char **reason);

PacClusterSpec *pac_cluster_choices_new_spec (PacClusterChoices *self);
GPtrArray *
pac_cluster_choices_check (PacClusterChoices *self, PacClusterSpec *spec, gboolean editing);

G_END_DECLS
