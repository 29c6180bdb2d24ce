/* pac-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-cluster-page.h"
#include "pac-demo.h"
#include "pac-namespace-page.h"
#include "pac-platform.h"
#include "pac-supervisor-page.h"
#include "pac-window-pages.h"
#include "pac-window.h"

G_BEGIN_DECLS

struct _PacWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  PacAccountStore *store;
  GListStore *sessions; /* of PacSession */
  GListStore *roots;    /* their root nodes, in the same order */
  PacDemo *demo;
  PacAccount *demo_account;
  PacNode *shown;
  const char *shown_page;
  char *last_toast;
  GCancellable *cancellable;
  /* What the user may do in each namespace node asked about so far:
   * PacNode (not held: an entry goes with its node) → PacPermissions, or
   * NULL while the Supervisor is asked */
  GHashTable *permissions;
  /* Clusters just created or changed, followed until ready or failed:
   * "namespace/name" → Follow (pac-window-clusters.c) */
  GHashTable *follows;

  AdwToastOverlay *toast_overlay;
  /* AdwNavigationSplitView in ui/pac-window-split.ui, AdwLeaflet in
   * ui/pac-window.ui before libadwaita 1.4 (PAC_SPLIT_VIEW) */
  GtkWidget *split;
  GtkMenuButton *primary_menu_button;
  PacSidebar *sidebar_tree;
  GtkToggleButton *search_button;
  AdwWindowTitle *content_title;
  AdwWindowTitle *sidebar_title; /* its subtitle says when this is the demo */
  /* The shown node's server does not answer: an AdwBanner, or a
   * GtkRevealer with offline_label before 1.4 */
  GtkWidget *offline_bar;
#if !PAC_SPLIT_VIEW
  GtkLabel *offline_label;
#endif
  GtkWidget *content;           /* the content's side of split */
  PacWindowPages *pages;        /* what content shows */
  PacClusterPage *cluster_page; /* NULL until a cluster is shown: pac_window_cluster_page() */
  GtkButton *new_cluster_button;
  GtkButton *export_button;
  GtkButton *pod_security_button;
  GtkButton *registry_ca_button;
  GtkButton *access_button;
};

PacSession *pac_window_find_session (PacWindow *self, const char *id, guint *position);
PacClusterPage *pac_window_cluster_page (PacWindow *self);
GTlsCertificate *pac_window_refused_certificate (PacAccount *account, guint16 *port);
void pac_window_remove_session (PacWindow *self, PacSession *session);
void pac_window_update_actions (PacWindow *self);
void pac_window_show_content (PacWindow *self, gboolean show);
void pac_window_forget_permissions (PacWindow *self);
void pac_window_class_init_actions (GtkWidgetClass *widget_class);
void pac_window_class_init_clusters (GtkWidgetClass *widget_class);
void pac_window_class_init_kubeconfig (GtkWidgetClass *widget_class);
void pac_window_class_init_permissions (GtkWidgetClass *widget_class);
void pac_window_class_init_registry (GtkWidgetClass *widget_class);
void pac_window_class_init_day2 (GtkWidgetClass *widget_class);
void pac_window_class_init_namespaces (GtkWidgetClass *widget_class);
void pac_window_update_namespace_actions (PacWindow *self);
void pac_window_notify_settled (PacWindow *self, PacSession *session);

G_END_DECLS
