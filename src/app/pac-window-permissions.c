/* pac-window-permissions.c: Pod Security and Access for the shown cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both dialogs work on the cluster page's guest client (the cluster's own
 * API, reached when the page opened); until it is reached a toast says
 * why. After a change the page reads the regime and refused pods again.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-access-dialog.h"
#include "pac-pod-security-dialog.h"
#include "pac-window-private.h"

static void
on_changed (GtkWidget *dialog, const char *message, PacWindow *self)
{
  pac_window_toast (self, message);
  if (self->cluster_page)
    pac_cluster_page_refresh_permissions (self->cluster_page);
}

/* The shown cluster's guest client, or %NULL after a toast saying why */
static PacGuestClient *
shown_guest (PacWindow *self)
{
  const char *problem = NULL;
  PacGuestClient *guest;

  if (self->shown == NULL || pac_node_get_kind (self->shown) != PAC_NODE_CLUSTER)
    return NULL;
  guest = pac_cluster_page_get_guest (pac_window_cluster_page (self), &problem);
  if (guest == NULL)
    pac_window_toast (self, problem);
  return guest;
}

static void
pod_security_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacGuestClient *guest = shown_guest (self);
  PacPodSecurityDialog *dialog;

  if (guest == NULL)
    return;
  dialog = pac_pod_security_dialog_new (
    guest, pac_node_get_title (self->shown),
    pac_cluster_page_get_refused_namespace (pac_window_cluster_page (self)));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_changed), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

static void
access_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacGuestClient *guest = shown_guest (self);
  PacAccessDialog *dialog;

  if (guest == NULL)
    return;
  dialog = pac_access_dialog_new (guest, pac_node_get_title (self->shown));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_changed), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

void
pac_window_class_init_permissions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.pod-security", NULL, pod_security_activated);
  gtk_widget_class_install_action (widget_class, "win.access", NULL, access_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.pod-security", NULL);
  /* Ctrl+Shift+A for win.access: pac_window_init(), ahead of the tree */
}
