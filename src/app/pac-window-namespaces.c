/* pac-window-namespaces.c: creating, editing and deleting vSphere
 * namespaces from the tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Namespaces are vCenter's: these actions are enabled where the shown
 * node belongs to a vCenter account. Deleting asks for the namespace's
 * name to be typed and is refused while clusters live there (core
 * pac_vsphere_namespace_delete_async names them); the tree follows.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-namespace-dialog.h"
#include "pac-namespace-options.h"
#include "pac-session.h"
#include "pac-typed-confirm.h"
#include "pac-window-private.h"

/* The shown node's vCenter, when its account is one */
static PacVcenterClient *
shown_vcenter (PacWindow *self, PacNode **supervisor)
{
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;
  PacNode *found = NULL;

  if (session == NULL || pac_node_get_kind (pac_session_get_root (session)) != PAC_NODE_VCENTER)
    return NULL;
  found = pac_node_get_kind (self->shown) == PAC_NODE_SUPERVISOR
            ? self->shown
            : pac_node_get_ancestor (self->shown, PAC_NODE_SUPERVISOR);
  if (supervisor)
    *supervisor = found;
  return found ? pac_session_get_vcenter_client (session) : NULL;
}

static PacNode *
shown_namespace (PacWindow *self)
{
  if (self->shown == NULL)
    return NULL;
  return pac_node_get_kind (self->shown) == PAC_NODE_NAMESPACE
           ? self->shown
           : pac_node_get_ancestor (self->shown, PAC_NODE_NAMESPACE);
}

void
pac_window_update_namespace_actions (PacWindow *self)
{
  gboolean on_vcenter = shown_vcenter (self, NULL) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-namespace", on_vcenter);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-namespace",
                                 on_vcenter && shown_namespace (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-namespace",
                                 on_vcenter && shown_namespace (self));
}

static void
on_saved (GtkWidget *dialog, const char *message, PacWindow *self)
{
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;
  GtkWidget *supervisor = gtk_stack_get_child_by_name (self->pages->stack, "supervisor");

  pac_window_toast (self, message);
  if (session)
    pac_session_refresh (session);
  if (supervisor)
    pac_readiness_group_refresh (
      pac_supervisor_page_get_readiness (PAC_SUPERVISOR_PAGE (supervisor)));
}

static void
open_dialog (PacWindow *self, const char *name)
{
  PacNode *supervisor = NULL;
  PacVcenterClient *vcenter = shown_vcenter (self, &supervisor);
  PacNamespaceDialog *dialog;

  if (vcenter == NULL)
    return;
  dialog = pac_namespace_dialog_new (vcenter, pac_node_get_key (supervisor), name);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_dialog (PAC_WINDOW (widget), NULL);
}

static void
edit_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacNode *namespace = shown_namespace (PAC_WINDOW (widget));

  if (namespace)
    open_dialog (PAC_WINDOW (widget), pac_node_get_key (namespace));
}

/* ---- deleting ---- */

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;

  if (!pac_vsphere_namespace_delete_finish (result, &error))
    {
      pac_window_toast (self, error->message);
      return;
    }
  pac_window_toast (self, _ ("Namespace deleted"));
  if (session)
    pac_session_refresh (session);
}

/* "Delete Namespace?" about the namespace of this name */
typedef struct
{
  PacWindow *window;
  char *name;
} DeleteQuestion;

static void
delete_question_free (gpointer data, GClosure *closure)
{
  DeleteQuestion *question = data;

  g_object_unref (question->window);
  g_free (question->name);
  g_free (question);
}

static void
on_delete_response (PacAlert *dialog, const char *response, DeleteQuestion *question)
{
  PacWindow *self = question->window;
  PacNode *namespace = shown_namespace (self);
  PacSession *session = namespace ? pac_session_of (namespace) : NULL;
  PacVcenterClient *vcenter = shown_vcenter (self, NULL);
  PacSupervisorClient *client = session ? pac_session_get_client (session, namespace) : NULL;
  PacCapabilities *capabilities
    = session ? pac_session_get_capabilities (session, namespace) : NULL;
  const char *name = question->name;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (vcenter == NULL || client == NULL || capabilities == NULL
      || g_strcmp0 (pac_node_get_key (namespace), name) != 0)
    {
      pac_window_toast (self, _ ("The namespace is not shown any more: nothing was deleted"));
      return;
    }
  pac_vsphere_namespace_delete_async (vcenter, client, capabilities, name, self->cancellable,
                                      on_deleted, g_object_ref (self));
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacNode *namespace = shown_namespace (self);
  PacAlert *dialog;
  g_autofree char *body = NULL;
  const char *name;
  DeleteQuestion *question;

  if (namespace == NULL || shown_vcenter (self, NULL) == NULL)
    return;
  name = pac_node_get_key (namespace);
  body = g_strdup_printf (
    /* Translators: a vSphere namespace's name */
    _ ("“%s” goes with everything in it: its storage quota, VM class bindings, role bindings and "
       "any workloads. A namespace that still holds clusters is not deleted. This cannot be "
       "undone.\n\nType the namespace’s name to confirm."),
    name);
  dialog = pac_typed_confirm_new (_ ("Delete Namespace?"), body, name, _ ("The namespace’s name"));
  question = g_new0 (DeleteQuestion, 1);
  question->window = g_object_ref (self);
  question->name = g_strdup (name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), question,
                         delete_question_free, 0);
  pac_alert_present (dialog, GTK_WIDGET (self));
}

void
pac_window_class_init_namespaces (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-namespace", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-namespace", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-namespace", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-namespace", NULL);
}
