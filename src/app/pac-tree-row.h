/* pac-tree-row.h: what the sidebar shows of one PacNode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_TREE_ROW (pac_tree_row_get_type ())
G_DECLARE_FINAL_TYPE (PacTreeRow, pac_tree_row, PAC, TREE_ROW, GtkWidget)

PacTreeRow *pac_tree_row_new (void);
void pac_tree_row_set_node (PacTreeRow *self, PacNode *node);
PacNode *pac_tree_row_get_node (PacTreeRow *self);
const char *pac_node_kind_icon_name (PacNodeKind kind);
char *pac_tree_row_offline_text (gint64 since);

G_END_DECLS
