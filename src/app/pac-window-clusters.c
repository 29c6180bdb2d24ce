/* pac-window-clusters.c: New Cluster and Edit, and following a cluster
 * until it is ready
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After Create, the cluster shows in the tree from the Supervisor's watch;
 * the window selects it once it is there, and says in a toast when it is
 * ready or why it failed. Pacific cannot follow a cluster while it is
 * closed: the tree shows where it got to when it opens again.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster-creator.h"
#include "pac-dialog.h"
#include "pac-window-private.h"

/* Owned by the window (its follows table), so it ends with it */
typedef struct
{
  PacWindow *window;
  char *key; /* in the follows table */
  PacNode *namespace;
  PacNode *cluster;
  char *name;
} Follow;

static void
follow_free (Follow *follow)
{
  if (follow->cluster)
    g_signal_handlers_disconnect_by_data (follow->cluster, follow);
  g_signal_handlers_disconnect_by_data (pac_node_get_children (follow->namespace), follow);
  g_clear_object (&follow->namespace);
  g_clear_object (&follow->cluster);
  g_free (follow->name);
  g_free (follow->key);
  g_free (follow);
}

static void
follow_end (Follow *follow)
{
  g_hash_table_remove (follow->window->follows, follow->key);
}

static void
on_health (PacNode *cluster, GParamSpec *pspec, Follow *follow)
{
  g_autofree char *text = NULL;

  switch (pac_node_get_health (cluster))
    {
      case PAC_HEALTH_OK:
        text = g_strdup_printf (_ ("“%s” is ready"), follow->name);
        break;
      case PAC_HEALTH_ERROR:
        /* Translators: a cluster, and what its status says */
        text = g_strdup_printf (_ ("“%s” failed: %s"), follow->name, pac_node_get_status (cluster));
        break;
      default:
        return;
    }
  pac_window_toast (follow->window, text);
  follow_end (follow);
}

static gboolean
find_cluster (Follow *follow)
{
  PacNode *cluster = pac_node_find_child (follow->namespace, follow->name);

  if (cluster == NULL || follow->cluster)
    return follow->cluster != NULL;
  follow->cluster = g_object_ref (cluster);
  g_signal_handlers_disconnect_by_data (pac_node_get_children (follow->namespace), follow);
  pac_sidebar_select (pac_window_get_sidebar (follow->window), cluster);
  g_signal_connect (cluster, "notify::health", G_CALLBACK (on_health), follow);
  return TRUE;
}

static void
on_children_changed (Follow *follow)
{
  find_cluster (follow);
}

static void
on_applied (PacClusterCreator *creator, const char *namespace, const char *name, PacWindow *self)
{
  PacNode *node = pac_cluster_creator_get_node (creator);
  gboolean editing = pac_node_get_kind (node) == PAC_NODE_CLUSTER;
  Follow *follow = g_new0 (Follow, 1);
  g_autofree char *text = editing ? g_strdup_printf (_ ("Changes to “%s” applied"), name)
                                  : g_strdup_printf (_ ("Creating “%s”…"), name);

  pac_window_toast (self, text);
  follow->window = self;
  follow->namespace = g_object_ref (pac_node_get_ancestor (node, PAC_NODE_NAMESPACE));
  follow->name = g_strdup (name);
  follow->key = g_strdup_printf ("%s/%s", namespace, name);
  if (self->follows == NULL)
    self->follows
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) follow_free);
  g_hash_table_replace (self->follows, follow->key, follow);
  if (!find_cluster (follow))
    g_signal_connect_swapped (pac_node_get_children (follow->namespace), "items-changed",
                              G_CALLBACK (on_children_changed), follow);
}

static void
open_creator (PacWindow *self, PacClusterCreator *creator)
{
  g_signal_connect_object (creator, "applied", G_CALLBACK (on_applied), self, 0);
  pac_present_over (GTK_WINDOW (creator), GTK_WIDGET (self));
}

static void
new_cluster_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacNode *namespace = self->shown ? pac_node_get_ancestor (self->shown, PAC_NODE_NAMESPACE) : NULL;

  if (namespace)
    open_creator (self, pac_cluster_creator_new (GTK_WINDOW (self), namespace));
}

static void
edit_cluster_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);

  if (self->shown && pac_node_get_kind (self->shown) == PAC_NODE_CLUSTER)
    open_creator (self, pac_cluster_creator_new_edit (GTK_WINDOW (self), self->shown));
}

void
pac_window_class_init_clusters (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-cluster", NULL, new_cluster_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-cluster", NULL, edit_cluster_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-cluster",
                                       NULL);
}
