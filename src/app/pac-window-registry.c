/* pac-window-registry.c: a registry's root CA for the Supervisor's clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog offers every cluster of the shown namespace's or cluster's
 * Supervisor, those selected in the tree (Ctrl+click) checked; afterwards
 * the cluster page reads again which nodes trust what.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-registry-ca-dialog.h"
#include "pac-session.h"
#include "pac-window-private.h"

static void
on_applied (GtkWidget *dialog, const char *message, PacWindow *self)
{
  pac_window_toast (self, message);
  if (self->cluster_page && self->shown && pac_node_get_kind (self->shown) == PAC_NODE_CLUSTER)
    pac_cluster_page_refresh_registry (self->cluster_page);
}

static void
registry_ca_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->shown) : NULL;
  PacNode *supervisor
    = self->shown ? pac_node_get_ancestor (self->shown, PAC_NODE_SUPERVISOR) : NULL;
  g_autoptr (GPtrArray) selected = pac_sidebar_dup_selected_nodes (self->sidebar_tree);
  PacRegistryCaDialog *dialog;

  if (client == NULL || supervisor == NULL)
    {
      pac_window_toast (self, _ ("Select a namespace or a cluster first"));
      return;
    }
  dialog = pac_registry_ca_dialog_new (client, pac_session_get_capabilities (session, self->shown),
                                       supervisor, selected);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_applied), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

void
pac_window_class_init_registry (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.registry-ca", NULL, registry_ca_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.registry-ca", NULL);
}
