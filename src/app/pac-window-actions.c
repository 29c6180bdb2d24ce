/* pac-window-actions.c: the main window's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts (add, edit, reconnect, compare a refused certificate, forget
 * the pinned one, remove), search, refresh and retry, the demo, the
 * shortcuts window, and the header actions' state: each disabled one's
 * tooltip says why, and when the user's role forbids one, the server's
 * reason.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-alert.h"
#include "pac-widget-text.h"
#include "pac-account-dialog.h"
#include "pac-certificate-review.h"
#include "pac-permissions.h"
#include "pac-secrets.h"
#include "pac-window-private.h"

/* ---- header actions ---- */

typedef struct
{
  const char *action;
  const char *label;
  gboolean needs_edit_rights; /* a namespace viewer cannot */
  gboolean on_supervisor;     /* needs no namespace: a Supervisor will do */
  gboolean on_cluster;        /* works in a guest cluster: one must be shown */
} HeaderAction;

static const HeaderAction header_actions[] = {
  { "win.new-cluster", N_ ("New Cluster (Ctrl+N)"), TRUE, FALSE, FALSE },
  { "win.export-kubeconfig", N_ ("Export Kubeconfig (Ctrl+E)"), FALSE, TRUE, FALSE },
  { "win.pod-security", N_ ("Pod Security (Ctrl+Shift+P)"), TRUE, FALSE, TRUE },
  { "win.registry-ca", N_ ("Registry CA (Ctrl+Shift+R)"), TRUE, FALSE, FALSE },
  { "win.access", N_ ("Access (Ctrl+Shift+A)"), TRUE, FALSE, TRUE },
};

/* A Supervisor, a namespace or a cluster, with a client to reach it */
static gboolean
shows_supervisor_part (PacWindow *self)
{
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;

  return session && pac_node_get_kind (self->shown) != PAC_NODE_VCENTER
         && pac_session_get_client (session, self->shown) != NULL;
}

static GtkButton *
header_button (PacWindow *self, guint index)
{
  GtkButton *buttons[] = { self->new_cluster_button, self->export_button, self->pod_security_button,
                           self->registry_ca_button, self->access_button };
  return buttons[index];
}

/* Enables what is allowed; the tooltips say why not */
static void
set_tooltips (PacWindow *self, PacPermissions *permissions)
{
  gboolean may_edit
    = permissions && pac_permissions_allows (permissions, PAC_PERMISSION_CREATE_CLUSTERS);
  gboolean editable_cluster = self->shown && pac_node_get_kind (self->shown) == PAC_NODE_CLUSTER
                              && !pac_node_get_read_only (self->shown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-cluster",
                                 may_edit && editable_cluster);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upgrade-cluster",
                                 may_edit && editable_cluster);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-cluster",
                                 may_edit && editable_cluster);
  if (editable_cluster || self->cluster_page)
    pac_cluster_page_set_change_refusal (
      pac_window_cluster_page (self),
      permissions && !may_edit && editable_cluster
        ? pac_permissions_get_reason (permissions, PAC_PERMISSION_CREATE_CLUSTERS)
        : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (header_actions); i++)
    {
      g_autofree char *tooltip = NULL;
      gboolean shows_cluster = self->shown && pac_node_get_kind (self->shown) == PAC_NODE_CLUSTER;
      gboolean allowed = header_actions[i].on_supervisor
                           ? shows_supervisor_part (self)
                           : permissions && (!header_actions[i].needs_edit_rights || may_edit)
                               && (!header_actions[i].on_cluster || shows_cluster);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), header_actions[i].action, allowed);
      if (allowed)
        tooltip = g_strdup (_ (header_actions[i].label));
      else if (header_actions[i].on_cluster && !shows_cluster)
        tooltip = g_strdup_printf (_ ("%s: %s"), _ (header_actions[i].label),
                                   _ ("select a cluster first"));
      else if (header_actions[i].on_supervisor)
        tooltip = g_strdup_printf (_ ("%s: %s"), _ (header_actions[i].label),
                                   _ ("select a Supervisor, a namespace or a cluster first"));
      else if (permissions == NULL)
        tooltip = g_strdup_printf (
          /* Translators: an action, and why it waits */
          _ ("%s: %s"), _ (header_actions[i].label),
          self->shown && pac_node_get_ancestor (self->shown, PAC_NODE_NAMESPACE)
            ? _ ("checking your permissions…")
            : _ ("select a vSphere namespace first"));
      else /* the only other way not to be allowed: the role */
        /* Translators: an action, a namespace, and the Supervisor's reason */
        tooltip = g_strdup_printf (
          _ ("%s: your role in “%s” does not allow it (%s)"), _ (header_actions[i].label),
          pac_permissions_get_namespace (permissions),
          pac_permissions_get_reason (permissions, PAC_PERMISSION_CREATE_CLUSTERS));
      pac_widget_set_tooltip (GTK_WIDGET (header_button (self, i)), tooltip);
    }
}

typedef struct
{
  PacWindow *window;
  PacNode *namespace;
} PermissionsQuery;

static void
permissions_query_free (PermissionsQuery *query)
{
  g_object_unref (query->window);
  g_object_unref (query->namespace);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PermissionsQuery, permissions_query_free)

static void
on_permissions (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PermissionsQuery) query = user_data;
  PacWindow *self = query->window;
  g_autoptr (GError) error = NULL;
  PacPermissions *permissions
    = pac_permissions_query_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  if (permissions == NULL)
    {
      /* Asked once: the actions stay as they are (the server decides) */
      g_debug ("no permissions for %s: %s", pac_node_get_key (query->namespace), error->message);
      return;
    }
  if (self->permissions == NULL)
    {
      pac_permissions_free (permissions);
      return; /* the window is being closed */
    }
  g_hash_table_replace (self->permissions, query->namespace, permissions);
  if (self->shown && pac_node_get_ancestor (self->shown, PAC_NODE_NAMESPACE) == query->namespace)
    set_tooltips (self, permissions);
}

/* A namespace node gone (a refresh, a sign-out): its entry goes too */
static void
on_namespace_gone (gpointer user_data, GObject *gone)
{
  PacWindow *self = user_data;

  g_hash_table_remove (self->permissions, gone);
}

/* At the window's end: no entry outlives it, nor a note on a node */
void
pac_window_forget_permissions (PacWindow *self)
{
  GHashTableIter iter;
  gpointer namespace;

  if (self->permissions == NULL)
    return;
  g_hash_table_iter_init (&iter, self->permissions);
  while (g_hash_table_iter_next (&iter, &namespace, NULL))
    g_object_weak_unref (namespace, on_namespace_gone, self);
  g_clear_pointer (&self->permissions, g_hash_table_unref);
}

/* Returns: the permissions known for @namespace, %NULL while unknown; asks
 * the Supervisor once per namespace */
static PacPermissions *
namespace_permissions (PacWindow *self, PacNode *namespace)
{
  PacSession *session = pac_session_of (namespace);
  PacSupervisorClient *client = session ? pac_session_get_client (session, namespace) : NULL;
  gpointer known = NULL;
  PermissionsQuery *query;

  if (g_hash_table_lookup_extended (self->permissions, namespace, NULL, &known) || client == NULL)
    return known;
  g_hash_table_insert (self->permissions, namespace, NULL);
  g_object_weak_ref (G_OBJECT (namespace), on_namespace_gone, self);
  query = g_new0 (PermissionsQuery, 1);
  query->window = g_object_ref (self);
  query->namespace = g_object_ref (namespace);
  pac_permissions_query_async (client, pac_node_get_key (namespace), self->cancellable,
                               on_permissions, query);
  return NULL;
}

/* The header actions, for the shown node; asks for permissions once per namespace. */
void
pac_window_update_actions (PacWindow *self)
{
  PacNode *namespace = self->shown ? pac_node_get_ancestor (self->shown, PAC_NODE_NAMESPACE) : NULL;
  PacPermissions *known = namespace ? namespace_permissions (self, namespace) : NULL;

  pac_window_update_namespace_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (header_actions); i++)
    gtk_widget_set_visible (GTK_WIDGET (header_button (self, i)), self->shown != NULL);
  set_tooltips (self, known);
}

/* ---- accounts ---- */

static void
on_account_connected (PacAccountDialog *dialog, PacSession *session, PacWindow *self)
{
  g_autofree char *message = g_strdup_printf (
    _ ("Connected to %s"), pac_account_get_display_name (pac_session_get_account (session)));

  pac_window_add_session (self, session);
  pac_window_toast (self, message);
  pac_sidebar_select (self->sidebar_tree, pac_session_get_root (session));
}

static void
open_account_dialog (PacWindow *self, PacAccount *existing)
{
  PacAccountDialog *dialog
    = pac_account_dialog_new (self->store, pac_trust_get_default (), existing);
  GtkWindow *parent
    = gtk_application_get_active_window (gtk_window_get_application (GTK_WINDOW (self)));

  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_account_connected), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (parent ? parent : GTK_WINDOW (self)));
}

static void
add_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_account_dialog (PAC_WINDOW (widget), NULL);
}

static PacAccount *
account_of (PacWindow *self, GVariant *parameter)
{
  PacSession *session
    = pac_window_find_session (self, g_variant_get_string (parameter, NULL), NULL);

  return session ? pac_session_get_account (session) : NULL;
}

static void
edit_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacAccount *account = account_of (self, parameter);

  if (account && account != self->demo_account)
    open_account_dialog (self, account);
}

static void
edit_selected_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;

  if (session && pac_session_get_account (session) != self->demo_account)
    open_account_dialog (self, pac_session_get_account (session));
}

/* A fresh session: new sign-in, new certificate check, lists read again */
static void
reconnect (PacWindow *self, PacAccount *account)
{
  g_autoptr (PacSession) fresh = NULL;
  PacSession *old;

  if (account == NULL || account == self->demo_account)
    return;
  old = pac_window_find_session (self, pac_account_get_id (account), NULL);
  fresh = pac_session_new (account, pac_trust_get_default ());
  pac_window_remove_session (self, old);
  pac_window_add_session (self, fresh);
}

static void
reconnect_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);

  reconnect (self, account_of (self, parameter));
}

/**
 * pac_window_refused_certificate:
 * @port: (out): the port that presented it (WCP's, or the Kubernetes API's)
 *
 * Returns: (transfer full) (nullable): the chain @account's server
 *   presented and the trust database refused on the last connection
 */
GTlsCertificate *
pac_window_refused_certificate (PacAccount *account, guint16 *port)
{
  PacTrust *trust = pac_trust_get_default ();
  g_autofree char *host = pac_account_dup_host (account, port);
  GTlsCertificate *refused = host ? pac_trust_get_rejected (trust, host, *port, NULL) : NULL;

  if (host && refused == NULL && pac_account_get_kind (account) == PAC_ACCOUNT_SUPERVISOR)
    {
      *port = PAC_CONNECTION_API_PORT;
      refused = pac_trust_get_rejected (trust, host, *port, NULL);
    }
  return refused;
}

/* A certificate decision about @account's server, asked in a dialog */
typedef struct
{
  PacWindow *window;
  PacAccount *account;
  GTlsCertificate *presented; /* NULL when forgetting */
  guint16 port;
} Review;

static void
review_free (gpointer data, GClosure *closure)
{
  Review *review = data;

  g_object_unref (review->window);
  g_object_unref (review->account);
  g_clear_object (&review->presented);
  g_free (review);
}

static void
on_reviewed (PacAlert *dialog, const char *response, Review *review)
{
  guint16 port;
  g_autofree char *host = pac_account_dup_host (review->account, &port);
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "trust"))
    return;
  if (!pac_trust_pin (pac_trust_get_default (), host, review->port, review->presented, &error))
    {
      pac_window_toast (review->window, error->message);
      return;
    }
  reconnect (review->window, review->account);
}

/* The failed page's way back: compare the pinned chain with the refused
 * one and trust it, without retyping the password (see doc/architecture.md) */
static void
review_certificate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;
  Review *review;
  g_autofree char *host = NULL;
  g_autoptr (GTlsCertificate) pinned = NULL;
  PacAlert *dialog;
  guint16 port, wcp_port;
  GTlsCertificate *presented;

  if (session == NULL
      || (presented = pac_window_refused_certificate (pac_session_get_account (session), &port))
           == NULL)
    return;
  host = pac_account_dup_host (pac_session_get_account (session), &wcp_port);
  pinned = pac_trust_get_pin (pac_trust_get_default (), host, port);
  if (pinned == NULL)
    pinned = pac_trust_get_pin (pac_trust_get_default (), host, wcp_port);
  review = g_new0 (Review, 1);
  review->window = g_object_ref (self);
  review->account = g_object_ref (pac_session_get_account (session));
  review->presented = presented;
  review->port = port;
  dialog = pac_certificate_review_new (host, pinned, presented);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_reviewed), review, review_free, 0);
  pac_alert_present (dialog, GTK_WIDGET (self));
}

static void
on_forget_confirmed (PacAlert *dialog, const char *response, Review *forget)
{
  PacWindow *self = forget->window;
  PacAccount *account = forget->account;
  g_autofree char *host = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;

  if (!g_str_equal (response, "forget") || (host = pac_account_dup_host (account, &port)) == NULL)
    return;
  if (!pac_trust_forget (pac_trust_get_default (), host, port, &error)
      || !pac_trust_forget (pac_trust_get_default (), host, PAC_CONNECTION_API_PORT, &error))
    {
      pac_window_toast (self, error->message);
      return;
    }
  /* connected again at once, the account's page offers the certificate to
   * compare and trust instead of an error some time later */
  reconnect (self, account);
  pac_window_toast (self, _ ("Certificate forgotten: compare the one the server presents now"));
}

static void
forget_certificate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacAccount *account = account_of (self, parameter);
  GtkWindow *parent
    = gtk_application_get_active_window (gtk_window_get_application (GTK_WINDOW (self)));
  PacAlert *dialog;
  Review *forget;

  if (account == NULL)
    return;
  dialog = pac_alert_new (_ ("Forget the Pinned Certificate?"), NULL);
  pac_alert_format_body (
    dialog,
    _ ("Pacific will no longer trust the certificate it pinned for %s. On the next connection "
       "you compare the certificate the server presents and decide again."),
    pac_account_get_address (account));
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "forget", _ ("_Forget"), NULL);
  pac_alert_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_default_response (dialog, "cancel");
  pac_alert_set_close_response (dialog, "cancel");
  forget = g_new0 (Review, 1); /* nothing presented yet */
  forget->window = g_object_ref (self);
  forget->account = g_object_ref (account);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_forget_confirmed), forget, review_free,
                         0);
  pac_alert_present (dialog, GTK_WIDGET (parent ? parent : GTK_WINDOW (self)));
}

typedef struct
{
  char *host;
  guint16 port;
  char *username;
} Forget;

static void
forget_free (Forget *forget)
{
  g_free (forget->host);
  g_free (forget->username);
  g_free (forget);
}

/* The keyring may be slow: off the main thread */
static void
forget_secrets_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Forget *forget = data;

  pac_secrets_clear_sync (PAC_SECRET_PASSWORD, forget->host, forget->port, forget->username, NULL,
                          NULL);
  pac_secrets_clear_tokens_sync (forget->host, forget->port, forget->username, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
remove_account (PacWindow *self, PacAccount *account)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, NULL, NULL);
  Forget *forget = g_new0 (Forget, 1);
  g_autofree char *message
    = g_strdup_printf (_ ("Removed %s"), pac_account_get_display_name (account));

  forget->username = g_strdup (pac_account_get_username (account));
  if ((forget->host = pac_account_dup_host (account, &forget->port)) != NULL)
    {
      g_task_set_task_data (task, forget, (GDestroyNotify) forget_free);
      g_task_run_in_thread (task, forget_secrets_thread);
    }
  else
    forget_free (forget);
  pac_account_store_remove (self->store, account);
  pac_window_toast (self, message);
}

/* "Remove Account?" about this account */
typedef struct
{
  PacWindow *window;
  PacAccount *account;
} RemoveQuestion;

static void
remove_question_free (gpointer data, GClosure *closure)
{
  RemoveQuestion *question = data;

  g_object_unref (question->window);
  g_object_unref (question->account);
  g_free (question);
}

static void
on_remove_response (PacAlert *dialog, const char *response, RemoveQuestion *question)
{
  if (g_str_equal (response, "remove"))
    remove_account (question->window, question->account);
}

static void
remove_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacAccount *account = account_of (self, parameter);
  GtkWindow *parent;
  PacAlert *dialog;
  RemoveQuestion *question;

  if (account == NULL || account == self->demo_account)
    return;
  parent = gtk_application_get_active_window (gtk_window_get_application (GTK_WINDOW (self)));
  dialog = pac_alert_new (
    _ ("Remove Account?"),
    _ ("Its password and cached tokens are removed from the keyring. Clusters and kubeconfig "
       "entries are not touched."));
  pac_alert_format_heading (dialog, _ ("Remove %s?"), pac_account_get_display_name (account));
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "remove", _ ("_Remove"), NULL);
  pac_alert_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_default_response (dialog, "cancel");
  pac_alert_set_close_response (dialog, "cancel");
  question = g_new0 (RemoveQuestion, 1);
  question->window = g_object_ref (self);
  question->account = g_object_ref (account);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response), question,
                         remove_question_free, 0);
  pac_alert_present (dialog, GTK_WIDGET (parent ? parent : GTK_WINDOW (self)));
}

/* ---- tree ---- */

static void
search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  GtkSearchBar *bar = pac_sidebar_get_search_bar (self->sidebar_tree);

  gtk_search_bar_set_search_mode (bar, !gtk_search_bar_get_search_mode (bar));
}

static void
refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sessions)); i++)
    {
      g_autoptr (PacSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);
      pac_session_refresh (session);
    }
}

static void
retry_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);

  if (self->shown)
    pac_node_reload (self->shown);
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);

  pac_window_show_content (self, FALSE);
}

/* ---- demo ---- */

static void
on_demo_started (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacSession) session = pac_demo_start_finish (PAC_DEMO (source), result, &error);

  if (session == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (self->sessions == NULL)
    return; /* closed meanwhile */
  self->demo_account = g_object_ref (pac_session_get_account (session));
  pac_window_add_session (self, session);
  pac_sidebar_select (self->sidebar_tree, pac_session_get_root (session));
}

/* Opens the simulator as a temporary vCenter account; nothing of it is saved. */
void
pac_window_start_demo (PacWindow *self)
{
  g_return_if_fail (self->demo == NULL);

  self->demo = pac_demo_new ();
  /* Said where it stays in sight without covering anything: a toast shown
   * before the window had focus took the focus into its close button and
   * never timed out */
  adw_window_title_set_subtitle (self->sidebar_title, _ ("Demo mode"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title),
                               _ ("Demo mode: a simulated vCenter, gone when Pacific closes"));
  pac_demo_start_async (self->demo, self->cancellable, on_demo_started, g_object_ref (self));
}

/* Built when asked for and destroyed when closed, never kept hidden: GTK 4.8
 * answers a screen reader that asks for a top-level window by an index past
 * the shown ones with the last one it knows, shown or not, and a hidden one
 * has no D-Bus path, which crashes the app. GtkApplication's automatic help
 * overlay would be such a window for the main window's whole life (see
 * doc/architecture.md, "Windows that exist only while shown"). */
/* win.toast(s): how the pages and groups inside the window say something
 * in passing, without knowing the window's type */
static void
toast_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  pac_window_toast (PAC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_help_overlay_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
#if PAC_ADW_SHORTCUTS
  g_autoptr (GtkBuilder) builder
    = gtk_builder_new_from_resource (RESOURCE_PATH "/pac-shortcuts-dialog.ui");

  adw_dialog_present (ADW_DIALOG (gtk_builder_get_object (builder, "help_overlay")), widget);
#else
  g_autoptr (GtkBuilder) builder
    = gtk_builder_new_from_resource (RESOURCE_PATH "/pac-shortcuts-window.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
#endif
}

void
pac_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-account", "s", edit_account_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-selected-account", NULL,
                                   edit_selected_account_activated);
  gtk_widget_class_install_action (widget_class, "win.reconnect-account", "s",
                                   reconnect_account_activated);
  gtk_widget_class_install_action (widget_class, "win.forget-certificate", "s",
                                   forget_certificate_activated);
  gtk_widget_class_install_action (widget_class, "win.review-certificate", NULL,
                                   review_certificate_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-account", "s",
                                   remove_account_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  pac_window_class_init_clusters (widget_class);
  pac_window_class_init_kubeconfig (widget_class);
  pac_window_class_init_permissions (widget_class);
  pac_window_class_init_registry (widget_class);
  pac_window_class_init_day2 (widget_class);
  pac_window_class_init_namespaces (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh",
                                       NULL);
}
