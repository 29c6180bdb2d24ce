/* pac-window-notify.c: a desktop notification when a cluster's long work
 * ends while the window is not the one the user looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating, upgrading or deleting a cluster takes minutes; the window's
 * own rows and page show the end, but a user who went elsewhere is told
 * by a GNotification (PacSession::cluster-settled). Its default action,
 * app.show-cluster, brings the window up with the cluster selected.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster.h"
#include "pac-window-private.h"

static char *
notification_id (PacCluster *cluster)
{
  return g_strdup_printf ("cluster-%s-%s", pac_cluster_get_namespace (cluster),
                          pac_cluster_get_name (cluster));
}

static GNotification *
settled_notification (PacSession *session, PacNode *node, gboolean deleted)
{
  PacCluster *cluster = pac_node_get_item (node);
  const char *name = pac_cluster_get_name (cluster);
  gboolean failed = g_strcmp0 (pac_cluster_get_phase (cluster), "failed") == 0;
  gboolean running = g_strcmp0 (pac_cluster_get_phase (cluster), "running") == 0;
  g_autofree char *title = NULL;
  GNotification *notification;

  if (!deleted && !failed && !running)
    return NULL; /* settled somewhere in between: nothing to tell */
  if (deleted)
    /* Translators: a cluster's name */
    title = g_strdup_printf (_ ("“%s” was deleted"), name);
  else if (failed)
    title = g_strdup_printf (_ ("“%s” failed"), name);
  else
    title = g_strdup_printf (_ ("“%s” is running"), name);
  notification = g_notification_new (title);
  if (failed && pac_node_get_status (node))
    g_notification_set_body (notification, pac_node_get_status (node));
  if (!deleted)
    g_notification_set_default_action_and_target (
      notification, "app.show-cluster", "(sss)",
      pac_account_get_id (pac_session_get_account (session)), pac_cluster_get_namespace (cluster),
      name);
  return notification;
}

static void
on_cluster_settled (PacSession *session, PacNode *node, gboolean deleted, PacWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id = NULL;

  /* the window shows it to the user who looks at it */
  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self))
      || !PAC_IS_CLUSTER (pac_node_get_item (node)))
    return;
  notification = settled_notification (session, node, deleted);
  if (notification == NULL)
    return;
  id = notification_id (pac_node_get_item (node));
  g_application_send_notification (app, id, notification);
}

void
pac_window_notify_settled (PacWindow *self, PacSession *session)
{
  g_signal_connect_object (session, "cluster-settled", G_CALLBACK (on_cluster_settled), self, 0);
}

static PacNode *
find_cluster (PacNode *node, const char *namespace, const char *name)
{
  GListModel *children = pac_node_get_children (node);
  gpointer item = pac_node_get_item (node);

  if (PAC_IS_CLUSTER (item) && g_strcmp0 (pac_cluster_get_name (item), name) == 0
      && g_strcmp0 (pac_cluster_get_namespace (item), namespace) == 0)
    return node;
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      PacNode *found = find_cluster (child, namespace, name);

      if (found)
        return found;
    }
  return NULL;
}

/* What a notification's default action does: the cluster, selected.
 * Returns: whether this window has it */
gboolean
pac_window_show_cluster (PacWindow *self,
                         const char *account_id,
                         const char *namespace,
                         const char *name)
{
  PacSession *session = pac_window_find_session (self, account_id, NULL);
  PacNode *node = session ? find_cluster (pac_session_get_root (session), namespace, name) : NULL;

  if (node == NULL)
    return FALSE;
  pac_sidebar_select (self->sidebar_tree, node);
  gtk_window_present (GTK_WINDOW (self));
  return TRUE;
}
