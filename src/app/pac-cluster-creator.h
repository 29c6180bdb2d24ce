/* pac-cluster-creator.h: a cluster's form and its YAML, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-cluster-spec.h"
#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_CLUSTER_CREATOR (pac_cluster_creator_get_type ())

G_DECLARE_FINAL_TYPE (PacClusterCreator, pac_cluster_creator, PAC, CLUSTER_CREATOR, AdwWindow)

PacClusterCreator *pac_cluster_creator_new (GtkWindow *parent, PacNode *namespace);
PacClusterCreator *pac_cluster_creator_new_edit (GtkWindow *parent, PacNode *cluster);
PacNode *pac_cluster_creator_get_node (PacClusterCreator *self);
gboolean pac_cluster_creator_is_ready (PacClusterCreator *self);
PacClusterSpec *pac_cluster_creator_get_spec (PacClusterCreator *self);
GtkTextBuffer *pac_cluster_creator_get_buffer (PacClusterCreator *self);
GPtrArray *pac_cluster_creator_get_problems (PacClusterCreator *self);
gboolean pac_cluster_creator_can_apply (PacClusterCreator *self);

G_END_DECLS
