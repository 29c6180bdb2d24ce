/* pac-window.c: the main window, the inventory tree beside the details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PacSession per saved account (created from the account store and
 * kept in step with it) plus, with --demo, one for the simulator. The
 * sidebar shows their trees; the content shows the selected node's page.
 * Account actions (add, edit, reconnect, forget certificate, remove) and
 * the header actions live in pac-window-actions.c.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-accessible.h"
#include "pac-cluster-page.h"
#include "pac-cluster.h"
#include "pac-demo.h"
#include "pac-shortcuts.h"
#include "pac-tree-row.h"
#include "pac-namespace-page.h"
#include "pac-permissions.h"
#include "pac-supervisor-page.h"
#include "pac-window-private.h"

G_DEFINE_FINAL_TYPE (PacWindow, pac_window, ADW_TYPE_APPLICATION_WINDOW)

PacWindow *
pac_window_new (PacApplication *application)
{
  return g_object_new (PAC_TYPE_WINDOW, "application", application, NULL);
}

PacAccountStore *
pac_window_get_account_store (PacWindow *self)
{
  return self->store;
}

GListModel *
pac_window_get_sessions (PacWindow *self)
{
  return G_LIST_MODEL (self->sessions);
}

PacSidebar *
pac_window_get_sidebar (PacWindow *self)
{
  return self->sidebar_tree;
}

void
pac_window_toast (PacWindow *self, const char *message)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Returns: (nullable): the latest toast's text, for tests */
const char *
pac_window_get_last_toast (PacWindow *self)
{
  return self->last_toast;
}

/* ---- sessions ---- */

/* Returns: (transfer none) (nullable): the session of the account @id */
PacSession *
pac_window_find_session (PacWindow *self, const char *id, guint *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sessions)); i++)
    {
      g_autoptr (PacSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);
      if (g_str_equal (pac_account_get_id (pac_session_get_account (session)), id))
        {
          if (position)
            *position = i;
          return session; /* the list holds it */
        }
    }
  return NULL;
}

void
pac_window_add_session (PacWindow *self, PacSession *session)
{
  g_list_store_append (self->sessions, session);
  g_list_store_append (self->roots, pac_session_get_root (session));
  pac_window_notify_settled (self, session);
}

void
pac_window_remove_session (PacWindow *self, PacSession *session)
{
  guint position;

  if (pac_window_find_session (self, pac_account_get_id (pac_session_get_account (session)),
                               &position)
      == NULL)
    return;
  pac_session_close (session);
  g_list_store_remove (self->roots, position);
  g_list_store_remove (self->sessions, position);
}

/* Sessions follow the saved accounts (the demo's is never saved). */
static void
sync_sessions (PacWindow *self)
{
  GListModel *accounts = G_LIST_MODEL (self->store);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->sessions)); i > 0; i--)
    {
      g_autoptr (PacSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i - 1);
      PacAccount *account = pac_session_get_account (session);
      if (account != self->demo_account
          && pac_account_store_find (self->store, pac_account_get_id (account)) == NULL)
        pac_window_remove_session (self, session);
    }
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr (PacAccount) account = g_list_model_get_item (accounts, i);
      if (pac_window_find_session (self, pac_account_get_id (account), NULL) == NULL)
        {
          g_autoptr (PacSession) session = pac_session_new (account, pac_trust_get_default ());
          pac_window_add_session (self, session);
        }
    }
}

/* ---- the content ---- */

/* What the shown node is, under its name in the header */
static const char *
kind_label (PacNode *node)
{
  if (PAC_IS_CLUSTER (pac_node_get_item (node))
      && pac_cluster_is_class_based (pac_node_get_item (node)))
    return _ ("Cluster (ClusterClass)");
  switch (pac_node_get_kind (node))
    {
      case PAC_NODE_VCENTER:
        return _ ("vCenter");
      case PAC_NODE_SUPERVISOR:
        return _ ("Supervisor");
      case PAC_NODE_NAMESPACE:
        return _ ("vSphere Namespace");
      case PAC_NODE_CLUSTER:
      default:
        return _ ("Tanzu Kubernetes Cluster");
    }
}

static const char *
page_for (PacNode *node)
{
  static const char *const pages[] = {
    [PAC_NODE_VCENTER] = "select",
    [PAC_NODE_SUPERVISOR] = "supervisor",
    [PAC_NODE_NAMESPACE] = "namespace",
    [PAC_NODE_CLUSTER] = "cluster",
  };
  PacNodeState state = pac_node_get_state (node);

  if (state == PAC_NODE_FAILED)
    return "failed";
  if (state == PAC_NODE_LOADING && pac_node_get_kind (node) != PAC_NODE_NAMESPACE
      && pac_node_get_children (node)
      && g_list_model_get_n_items (pac_node_get_children (node)) == 0)
    return "loading";
  return pages[pac_node_get_kind (node)];
}

/* Another node's page starts at its top, not where the last one was left */
static void
scroll_to_top (GtkWidget *widget)
{
  for (GtkWidget *child = widget ? gtk_widget_get_first_child (widget) : NULL; child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child)),
                                  0);
      scroll_to_top (child);
    }
}

/* A certificate refused for @root's account: compared and trusted from the
 * failed page */
static gboolean
has_refused_certificate (PacNode *root)
{
  PacSession *session = pac_session_of (root);
  g_autoptr (GTlsCertificate) refused = NULL;
  guint16 port;

  if (session)
    refused = pac_window_refused_certificate (pac_session_get_account (session), &port);
  return refused != NULL;
}

/* The content's title; on the split view also its page's, which the back
 * button and screen readers name */
static void
set_content_title (PacWindow *self, const char *title, const char *subtitle)
{
  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, subtitle);
#if PAC_SPLIT_VIEW
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self->content),
                                 *title ? title : _ ("Details"));
#endif
}

static void
show_page (PacWindow *self, PacNode *node, const char *page)
{
  if (g_str_equal (page, "failed"))
    {
      adw_status_page_set_description (self->pages->failed_page, pac_node_get_error (node));
      gtk_widget_set_visible (GTK_WIDGET (self->pages->edit_failed_button),
                              pac_node_get_parent (node) == NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->pages->review_failed_button),
                              pac_node_get_parent (node) == NULL && has_refused_certificate (node));
    }
  else if (g_str_equal (page, "select"))
    {
      adw_status_page_set_title (self->pages->select_page, pac_node_get_title (node));
      adw_status_page_set_description (self->pages->select_page, _ ("Choose a Supervisor"));
    }
  pac_spinner_set_spinning (self->pages->loading_spinner, g_str_equal (page, "loading"));
  if (self->shown_page != NULL && g_str_equal (page, self->shown_page))
    return;
  if (g_str_equal (page, "supervisor"))
    pac_supervisor_page_set_node (PAC_SUPERVISOR_PAGE (pac_window_pages_ensure (
                                    self->pages, "supervisor", PAC_TYPE_SUPERVISOR_PAGE)),
                                  node);
  else if (g_str_equal (page, "namespace"))
    pac_namespace_page_set_node (PAC_NAMESPACE_PAGE (pac_window_pages_ensure (
                                   self->pages, "namespace", PAC_TYPE_NAMESPACE_PAGE)),
                                 node);
  else if (g_str_equal (page, "cluster"))
    pac_cluster_page_set_node (pac_window_cluster_page (self), node);
  self->shown_page = page;
  gtk_stack_set_visible_child_name (self->pages->stack, page);
  scroll_to_top (gtk_stack_get_visible_child (self->pages->stack));
}

static void show_selected (PacWindow *self);

/* The cluster page, built the first time a cluster is shown: it is the
 * costliest page (its YAML view loads a language), and a start that
 * shows no cluster never needs it before its first frame */
PacClusterPage *
pac_window_cluster_page (PacWindow *self)
{
  if (self->cluster_page == NULL)
    self->cluster_page
      = PAC_CLUSTER_PAGE (pac_window_pages_ensure (self->pages, "cluster", PAC_TYPE_CLUSTER_PAGE));
  return self->cluster_page;
}

static void
on_shown_node_changed (PacWindow *self)
{
  show_page (self, self->shown, page_for (self->shown));
}

/* Above the page: its server stopped answering, so the page shows what
 * was last seen; the watches retry by themselves */
static void
show_offline (PacWindow *self)
{
  gint64 since = self->shown ? pac_node_get_offline_since (self->shown) : 0;

  if (since)
    {
      g_autofree char *status = pac_tree_row_offline_text (since);
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is "Offline since 14:02, retrying" */
        _ ("%s. The page shows what was last seen."), status);

#if PAC_SPLIT_VIEW
      adw_banner_set_title (ADW_BANNER (self->offline_bar), text);
#else
      gtk_label_set_label (self->offline_label, text);
#endif
    }
#if PAC_SPLIT_VIEW
  adw_banner_set_revealed (ADW_BANNER (self->offline_bar), since != 0);
#else
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->offline_bar), since != 0);
#endif
}

/* The network came back (a laptop woke up, a VPN connected): the accounts
 * that went offline are asked again now rather than at their next backoff */
static void
on_network_changed (GNetworkMonitor *monitor, gboolean available, PacWindow *self)
{
  if (!available)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sessions)); i++)
    {
      g_autoptr (PacSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (pac_node_get_offline_since (pac_session_get_root (session)) != 0)
        pac_session_refresh (session);
    }
}

static void
show_selected (PacWindow *self)
{
  PacNode *node = pac_sidebar_get_selected (self->sidebar_tree);

  if (node == self->shown && node != NULL)
    return;
  if (self->shown)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_set_object (&self->shown, node);
  self->shown_page = NULL;
  pac_window_update_actions (self);
  show_offline (self);
  if (node == NULL)
    {
      set_content_title (self, "", "");
      gtk_stack_set_visible_child_name (
        self->pages->stack,
        g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) ? "select" : "welcome");
      return;
    }
  set_content_title (self, pac_node_get_title (node), kind_label (node));
  g_signal_connect_swapped (node, "notify::state", G_CALLBACK (on_shown_node_changed), self);
  g_signal_connect_swapped (node, "notify::offline-since", G_CALLBACK (show_offline), self);
  show_page (self, node, page_for (node));
  pac_window_show_content (self, TRUE);
}

static void
on_sessions_changed (PacWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->search_button),
                          g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) > 0);
  if (self->shown == NULL)
    gtk_stack_set_visible_child_name (
      self->pages->stack,
      g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) ? "select" : "welcome");
}

/* ---- window state ---- */

static void
restore_window_state (PacWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (PacWindow *self)
{
  int width, height;

  /* The default size is the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
pac_window_close_request (GtkWindow *window)
{
  PacWindow *self = PAC_WINDOW (window);

  /* A demo run leaves no trace, not even the window size. */
  if (self->demo == NULL)
    save_window_state (self);
  return GTK_WINDOW_CLASS (pac_window_parent_class)->close_request (window);
}

static void
pac_window_constructed (GObject *object)
{
  PacWindow *self = PAC_WINDOW (object);

  G_OBJECT_CLASS (pac_window_parent_class)->constructed (object);
  /* the development profile's header bar is striped, as GNOME's are */
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  restore_window_state (self);
}

static void
pac_window_dispose (GObject *object)
{
  PacWindow *self = PAC_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->shown)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  for (guint i = 0; self->sessions && i < g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
       i++)
    {
      g_autoptr (PacSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);
      pac_session_close (session);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_WINDOW);
  g_clear_object (&self->sessions);
  g_clear_object (&self->roots);
  if (self->demo)
    pac_demo_stop (self->demo);
  g_clear_object (&self->demo);
  g_clear_object (&self->demo_account);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  pac_window_forget_permissions (self);
  g_clear_pointer (&self->follows, g_hash_table_unref);
  g_clear_pointer (&self->last_toast, g_free);
  G_OBJECT_CLASS (pac_window_parent_class)->dispose (object);
}

/* On a narrow window the frame shows one side at a time: the content
 * (a node was chosen) or, going back, the tree */
void
pac_window_show_content (PacWindow *self, gboolean show)
{
#if PAC_SPLIT_VIEW
  adw_navigation_split_view_set_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->split), show);
#else
  if (show)
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->split), self->content);
  else
    adw_leaflet_navigate (ADW_LEAFLET (self->split), ADW_NAVIGATION_DIRECTION_BACK);
#endif
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PacWindow, name)

static void
pac_window_class_init (PacWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pac_window_constructed;
  object_class->dispose = pac_window_dispose;
  window_class->close_request = pac_window_close_request;

  g_type_ensure (PAC_TYPE_SIDEBAR);
  g_type_ensure (PAC_TYPE_WINDOW_PAGES);
#if PAC_SPLIT_VIEW
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-window-split.ui");
#else
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-window.ui");
  BIND (offline_label);
#endif
  BIND (toast_overlay), BIND (split), BIND (primary_menu_button), BIND (sidebar_tree);
  BIND (search_button), BIND (content_title), BIND (sidebar_title), BIND (offline_bar);
  BIND (content), BIND (pages), BIND (new_cluster_button), BIND (export_button);
  BIND (pod_security_button), BIND (registry_ca_button), BIND (access_button);
  pac_window_class_init_actions (widget_class);
}

static void
pac_window_init (PacWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr (GtkBuilder) menu
      = gtk_builder_new_from_resource (RESOURCE_PATH "/pac-window-menu.ui");
    gtk_menu_button_set_menu_model (self->primary_menu_button,
                                    G_MENU_MODEL (gtk_builder_get_object (menu, "primary_menu")));
  }
  /* The tree's list would take Ctrl+Shift+A as "unselect all" */
  pac_shortcuts_add_ahead (GTK_WIDGET (self), "<Control><Shift>a", "win.access", NULL);
  pac_accessible_name_controls (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->permissions = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify) pac_permissions_free);
  {
    g_autoptr (GSettings) accounts = pac_settings_new ();
    self->store = pac_account_store_new (accounts);
  }
  self->sessions = g_list_store_new (PAC_TYPE_SESSION);
  self->roots = g_list_store_new (PAC_TYPE_NODE);
  g_signal_connect_swapped (self->sessions, "items-changed", G_CALLBACK (on_sessions_changed),
                            self);
  pac_sidebar_set_roots (self->sidebar_tree, G_LIST_MODEL (self->roots));
  g_signal_connect_swapped (self->sidebar_tree, "notify::selected-node", G_CALLBACK (show_selected),
                            self);
  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (sync_sessions), self);
  g_object_bind_property (self->search_button, "active",
                          pac_sidebar_get_search_bar (self->sidebar_tree), "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_set_key_capture_widget (pac_sidebar_get_search_bar (self->sidebar_tree),
                                         GTK_WIDGET (self));
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);
  sync_sessions (self);
  on_sessions_changed (self);
  pac_window_update_actions (self);
}
