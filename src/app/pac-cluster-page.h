/* pac-cluster-page.h: details of a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-guest-client.h"
#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_CLUSTER_PAGE (pac_cluster_page_get_type ())
G_DECLARE_FINAL_TYPE (PacClusterPage, pac_cluster_page, PAC, CLUSTER_PAGE, GtkWidget)

void pac_cluster_page_set_node (PacClusterPage *self, PacNode *node);
void pac_cluster_page_refresh_kubeconfig (PacClusterPage *self);
void pac_cluster_page_refresh_permissions (PacClusterPage *self);
void pac_cluster_page_refresh_registry (PacClusterPage *self);
void pac_cluster_page_set_change_refusal (PacClusterPage *self, const char *reason);
PacGuestClient *pac_cluster_page_get_guest (PacClusterPage *self, const char **problem);
const char *pac_cluster_page_get_refused_namespace (PacClusterPage *self);
const char *pac_condition_advice (const char *type);

G_END_DECLS
