/* pac-node-pool-row.h: one node pool in the cluster creator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-cluster-spec.h"

G_BEGIN_DECLS

#define PAC_TYPE_NODE_POOL_ROW (pac_node_pool_row_get_type ())

G_DECLARE_FINAL_TYPE (PacNodePoolRow, pac_node_pool_row, PAC, NODE_POOL_ROW, AdwExpanderRow)

PacNodePoolRow *pac_node_pool_row_new (GListModel *vm_classes, GListModel *storage_classes);
void pac_node_pool_row_show (PacNodePoolRow *self, PacNodePool *pool, PacTkcApi api);
void pac_node_pool_row_read (PacNodePoolRow *self, PacNodePool *pool);
GtkWidget *pac_node_pool_row_get_field (PacNodePoolRow *self, const char *field);
void pac_node_pool_row_set_removable (PacNodePoolRow *self, gboolean removable);

G_END_DECLS
