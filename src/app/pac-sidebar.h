/* pac-sidebar.h: the inventory tree, with search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_SIDEBAR (pac_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PacSidebar, pac_sidebar, PAC, SIDEBAR, GtkWidget)

void pac_sidebar_set_roots (PacSidebar *self, GListModel *roots);
PacNode *pac_sidebar_get_selected (PacSidebar *self);
GPtrArray *pac_sidebar_dup_selected_nodes (PacSidebar *self);
void pac_sidebar_select (PacSidebar *self, PacNode *node);
GtkSearchBar *pac_sidebar_get_search_bar (PacSidebar *self);
void pac_sidebar_set_search (PacSidebar *self, const char *text);
void pac_sidebar_expand_all (PacSidebar *self);
GListModel *pac_sidebar_get_rows (PacSidebar *self);

G_END_DECLS
