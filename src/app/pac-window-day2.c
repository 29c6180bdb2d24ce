/* pac-window-day2.c: upgrading and deleting the shown cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both go to the Supervisor as the signed-in user, who may not be allowed:
 * the header's permission check greys them out with the Supervisor's
 * reason, and a refusal that comes anyway is shown as it came. Deleting
 * asks for the cluster's name to be typed; the tree then shows the
 * cluster deleting until it is gone.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster.h"
#include "pac-detail-list.h"
#include "pac-session.h"
#include "pac-sign-out.h"
#include "pac-typed-confirm.h"
#include "pac-upgrade-dialog.h"
#include "pac-window-private.h"

static PacCluster *
shown_cluster (PacWindow *self, PacSupervisorClient **client, PacCapabilities **capabilities)
{
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;
  gpointer item = self->shown ? pac_node_get_item (self->shown) : NULL;

  if (session == NULL || !PAC_IS_CLUSTER (item) || pac_cluster_is_class_based (item))
    return NULL;
  *client = pac_session_get_client (session, self->shown);
  if (capabilities)
    *capabilities = pac_session_get_capabilities (session, self->shown);
  return *client ? item : NULL;
}

static void
on_upgraded (GtkWidget *dialog, const char *message, PacWindow *self)
{
  pac_window_toast (self, message);
}

static void
upgrade_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSupervisorClient *client = NULL;
  PacCapabilities *capabilities = NULL;
  PacCluster *cluster = shown_cluster (self, &client, &capabilities);
  PacUpgradeDialog *dialog;

  if (cluster == NULL)
    return;
  dialog = pac_upgrade_dialog_new (client, capabilities, pac_cluster_get_namespace (cluster),
                                   pac_cluster_get_name (cluster));
  g_signal_connect_object (dialog, "upgraded", G_CALLBACK (on_upgraded), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

/* ---- deleting ---- */

/* A deletion, asked about and then under way */
typedef struct
{
  PacWindow *window;
  PacSupervisorClient *client;
  char *version; /* the TKC API version: "v1alpha3" */
  char *namespace;
  char *name;
} Deleting;

static Deleting *
deleting_new (PacWindow *window,
              PacSupervisorClient *client,
              const char *version,
              const char *namespace,
              const char *name)
{
  Deleting *deleting = g_new0 (Deleting, 1);

  deleting->window = g_object_ref (window);
  deleting->client = g_object_ref (client);
  deleting->version = g_strdup (version);
  deleting->namespace = g_strdup (namespace);
  deleting->name = g_strdup (name);
  return deleting;
}

static void
deleting_free (Deleting *deleting)
{
  g_object_unref (deleting->window);
  g_object_unref (deleting->client);
  g_free (deleting->version);
  g_free (deleting->namespace);
  g_free (deleting->name);
  g_free (deleting);
}

static void
deleting_free_closure (gpointer data, GClosure *closure)
{
  deleting_free (data);
}

static void
on_contexts_forgotten (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deleting *deleting = user_data;
  g_autoptr (GError) error = NULL;
  gssize removed = pac_sign_out_forget_cluster_finish (result, &error);

  if (removed < 0 && !pac_error_is_cancelled (error))
    pac_window_toast (deleting->window, error->message);
  else if (removed > 0)
    {
      g_autofree char *message = g_strdup_printf (
        ngettext ("“%s” is being deleted; its kubeconfig context was removed",
                  "“%s” is being deleted; its %u kubeconfig contexts were removed",
                  (gulong) removed),
        deleting->name, (guint) removed);
      pac_window_toast (deleting->window, message);
    }
  deleting_free (deleting);
}

/* Accepted: the cluster goes, and so do the contexts Pacific wrote for it
 * (kubectl would otherwise stay pointed at a cluster that is gone) */
static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Deleting *deleting = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  PacConnection *connection = pac_supervisor_client_get_connection (PAC_SUPERVISOR_CLIENT (source));

  if (answer == NULL)
    {
      pac_window_toast (deleting->window, error->message);
      deleting_free (deleting);
      return;
    }
  pac_sign_out_forget_cluster_async (pac_connection_get_host (connection), deleting->namespace,
                                     deleting->name, deleting->window->cancellable,
                                     on_contexts_forgotten, deleting);
}

static void
on_delete_response (PacAlert *dialog, const char *response, Deleting *question)
{
  g_autofree char *message = NULL;
  Deleting *deleting;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  /* Translators: a cluster's name */
  message = g_strdup_printf (_ ("Deleting “%s”…"), question->name);
  pac_window_toast (question->window, message);
  deleting = deleting_new (question->window, question->client, question->version,
                           question->namespace, question->name);
  pac_supervisor_client_delete_cluster_async (deleting->client, deleting->version,
                                              deleting->namespace, deleting->name,
                                              question->window->cancellable, on_deleted, deleting);
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSupervisorClient *client = NULL;
  PacCapabilities *capabilities = NULL;
  PacCluster *cluster = shown_cluster (self, &client, &capabilities);
  PacAlert *dialog;
  g_autofree char *body = NULL;
  const char *name;
  Deleting *question;

  /* Shift+Delete on a namespace deletes the namespace. */
  if (cluster == NULL && self->shown && pac_node_get_kind (self->shown) == PAC_NODE_NAMESPACE)
    gtk_widget_activate_action (widget, "win.delete-namespace", NULL);
  if (cluster == NULL)
    return;
  name = pac_cluster_get_name (cluster);
  body = g_strdup_printf (
    /* Translators: a cluster's name */
    _ ("“%s” goes with all its nodes and everything running in it: workloads, their data on "
       "volumes that are not kept, and the kubeconfig contexts for it. This cannot be undone.\n\n"
       "Type the cluster’s name to confirm."),
    name);
  dialog = pac_typed_confirm_new (_ ("Delete Cluster?"), body, name, _ ("The cluster’s name"));
  question = deleting_new (self, client,
                           capabilities && capabilities->tkc_version ? capabilities->tkc_version
                                                                     : "v1alpha1",
                           pac_cluster_get_namespace (cluster), name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), question,
                         deleting_free_closure, 0);
  pac_alert_present (dialog, GTK_WIDGET (self));
}

void
pac_window_class_init_day2 (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.upgrade-cluster", NULL, upgrade_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-cluster", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_U, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.upgrade-cluster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK,
                                       "win.delete-cluster", NULL);
}
