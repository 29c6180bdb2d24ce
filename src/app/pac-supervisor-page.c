/* pac-supervisor-page.c: details of a Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Status and endpoint from vCenter (or the account), the Kubernetes
 * version from the API server's /version, the served cluster API versions
 * from discovery, the content library from vCenter, and the namespaces.
 */
#define G_LOG_DOMAIN "pac-supervisor-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-detail-list.h"
#include "pac-json.h"
#include "pac-readiness-group.h"
#include "pac-session.h"
#include "pac-supervisor-page.h"

struct _PacSupervisorPage
{
  AdwPreferencesPage parent_instance;

  PacNode *node;
  GCancellable *cancellable;

  AdwActionRow *status_row;
  AdwActionRow *endpoint_row;
  AdwActionRow *version_row;
  AdwActionRow *api_row;
  AdwActionRow *library_row;
  GtkListBox *namespaces_list;
  PacReadinessGroup *readiness_group;
};

G_DEFINE_FINAL_TYPE (PacSupervisorPage, pac_supervisor_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_namespaces (PacSupervisorPage *self)
{
  GListModel *children = pac_node_get_children (self->node);
  guint n = g_list_model_get_n_items (children);

  if (n == 0)
    {
      pac_detail_list_placeholder (
        self->namespaces_list,
        pac_node_get_state (self->node) == PAC_NODE_LOADING ? _ ("Loading…") : _ ("None"));
      return;
    }
  pac_detail_list_clear (self->namespaces_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      AdwActionRow *row = pac_detail_list_add (self->namespaces_list, pac_node_get_title (child),
                                               pac_node_get_subtitle (child));
      pac_detail_list_add_icon (row, "folder-symbolic", NULL);
    }
}

static void
show_status (PacSupervisorPage *self)
{
  const char *status = pac_node_get_state (self->node) == PAC_NODE_FAILED
                         ? pac_node_get_error (self->node)
                         : pac_node_get_status (self->node);
  PacSession *session = pac_session_of (self->node);
  PacCapabilities *capabilities
    = session ? pac_session_get_capabilities (session, self->node) : NULL;
  g_autofree char *versions = capabilities && capabilities->tkc_versions
                                ? g_strjoinv (", ", capabilities->tkc_versions)
                                : NULL;

  pac_detail_row_set (self->status_row, status);
  /* A vCenter's Supervisor shows its endpoint; an account shows its address. */
  pac_detail_row_set (self->endpoint_row,
                      pac_node_get_parent (self->node)
                        ? pac_node_get_subtitle (self->node)
                        : pac_account_get_address (pac_node_get_item (self->node)));
  pac_detail_row_set (self->api_row, versions);
  show_namespaces (self);
}

static void
on_version (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacSupervisorPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  pac_detail_row_set (self->version_row,
                      answer ? pac_json_string (pac_json_node_object (answer), "gitVersion")
                             : error->message);
}

static void
on_library (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacSupervisorPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) info
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  const char *library;

  if (pac_error_is_cancelled (error))
    return;
  library = info ? pac_json_string (pac_json_node_object (info),
                                    "default_kubernetes_service_content_library")
                 : NULL;
  if (info == NULL)
    pac_detail_row_set (self->library_row, error->message);
  else
    pac_detail_row_set (self->library_row, library && *library
                                             ? library
                                             : _ ("None attached: clusters cannot be "
                                                  "created until one is"));
}

static void
load_details (PacSupervisorPage *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  PacVcenterClient *vcenter = session ? pac_session_get_vcenter_client (session) : NULL;

  pac_detail_row_set (self->version_row, client ? _ ("Loading…") : NULL);
  if (client)
    pac_connection_request_async (pac_supervisor_client_get_connection (client), "GET", "/version",
                                  NULL, self->cancellable, on_version, g_object_ref (self));
  if (vcenter && pac_node_get_parent (self->node))
    {
      pac_detail_row_set (self->library_row, _ ("Loading…"));
      pac_vcenter_client_get_supervisor_async (vcenter, pac_node_get_key (self->node),
                                               self->cancellable, on_library, g_object_ref (self));
    }
  else
    pac_detail_row_set (self->library_row, _ ("Known to vCenter only: add the vCenter account "
                                              "to see it"));
}

void
pac_supervisor_page_set_node (PacSupervisorPage *self, PacNode *node)
{
  if (self->node)
    {
      g_signal_handlers_disconnect_by_data (self->node, self);
      g_signal_handlers_disconnect_by_data (pac_node_get_children (self->node), self);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->node, node);
  pac_readiness_group_set_node (self->readiness_group, node);
  if (node == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (node, "notify", G_CALLBACK (show_status), self);
  g_signal_connect_swapped (pac_node_get_children (node), "items-changed",
                            G_CALLBACK (show_namespaces), self);
  show_status (self);
  load_details (self);
}

static void
pac_supervisor_page_dispose (GObject *object)
{
  PacSupervisorPage *self = PAC_SUPERVISOR_PAGE (object);

  pac_supervisor_page_set_node (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_SUPERVISOR_PAGE);
  G_OBJECT_CLASS (pac_supervisor_page_parent_class)->dispose (object);
}

static void
pac_supervisor_page_class_init (PacSupervisorPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_supervisor_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-supervisor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, version_row);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, api_row);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, library_row);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, namespaces_list);
  gtk_widget_class_bind_template_child (widget_class, PacSupervisorPage, readiness_group);
}

PacReadinessGroup *
pac_supervisor_page_get_readiness (PacSupervisorPage *self)
{
  return self->readiness_group;
}

static void
pac_supervisor_page_init (PacSupervisorPage *self)
{
  g_type_ensure (PAC_TYPE_READINESS_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));
}
