/* pac-namespace-page.c: details of a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is what the Supervisor serves a namespace user: storage
 * classes from the namespace's ResourceQuota (vSphere writes one
 * "<class>.storageclass.storage.k8s.io/requests.storage" limit per
 * storage policy), VM classes from their bindings, releases and images,
 * and what the user may do (SelfSubjectAccessReview).
 */
#define G_LOG_DOMAIN "pac-namespace-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster-choices.h"
#include "pac-detail-list.h"
#include "pac-image.h"
#include "pac-json.h"
#include "pac-namespace-page.h"
#include "pac-permissions.h"
#include "pac-release.h"
#include "pac-session.h"

struct _PacNamespacePage
{
  AdwPreferencesPage parent_instance;

  PacNode *node;
  GCancellable *cancellable;

  GtkListBox *clusters_list;
  GtkListBox *permissions_list;
  GtkListBox *storage_list;
  GtkListBox *classes_list;
  GtkListBox *releases_list;
  GtkListBox *images_list;
};

G_DEFINE_FINAL_TYPE (PacNamespacePage, pac_namespace_page, ADW_TYPE_PREFERENCES_PAGE)

typedef void (*ShowItems) (PacNamespacePage *self, GtkListBox *list, JsonArray *items);

typedef struct
{
  PacNamespacePage *self;
  GtkListBox *list;
  ShowItems show;
} ListCall;

static void
show_clusters (PacNamespacePage *self)
{
  GListModel *children = pac_node_get_children (self->node);

  pac_detail_list_clear (self->clusters_list);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      g_autofree char *subtitle
        = g_strdup_printf ("%s\n%s", pac_node_get_subtitle (child), pac_node_get_status (child));
      pac_detail_list_add (self->clusters_list, pac_node_get_title (child), subtitle);
    }
  if (g_list_model_get_n_items (children) == 0)
    pac_detail_list_placeholder (self->clusters_list, _ ("No clusters yet"));
}

static void
show_storage (PacNamespacePage *self, GtkListBox *list, JsonArray *items)
{
  g_autoptr (GListStore) classes = pac_storage_classes_from_quotas (items);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (classes)); i++)
    {
      g_autoptr (PacChoice) class = g_list_model_get_item (G_LIST_MODEL (classes), i);
      pac_detail_list_add (list, pac_choice_get_id (class), pac_choice_get_subtitle (class));
    }
}

static void
show_classes (PacNamespacePage *self, GtkListBox *list, JsonArray *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *binding = json_array_get_object_element (items, i);
      const char *name = pac_json_string (binding, "classRef.name");
      pac_detail_list_add (list, name ? name : pac_json_string (binding, "metadata.name"), NULL);
    }
}

static void
show_releases (PacNamespacePage *self, GtkListBox *list, JsonArray *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr (PacRelease) release
        = g_object_new (PAC_TYPE_RELEASE, "json", json_array_get_object_element (items, i), NULL);
      g_autofree char *version = pac_release_dup_version (release);
      g_autofree char *subtitle = g_strdup_printf (
        "%s · %s · %s", pac_resource_get_name (PAC_RESOURCE (release)),
        pac_release_get_os_name (release) ? pac_release_get_os_name (release) : "?",
        pac_release_is_compatible (release) ? _ ("Compatible") : _ ("Not compatible"));
      AdwActionRow *row = pac_detail_list_add (list, version, subtitle);

      if (!pac_release_is_compatible (release))
        gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
    }
}

static void
show_images (PacNamespacePage *self, GtkListBox *list, JsonArray *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr (PacImage) image
        = g_object_new (PAC_TYPE_IMAGE, "json", json_array_get_object_element (items, i), NULL);
      g_autofree char *version = pac_image_dup_version (image);
      g_autofree char *subtitle
        = g_strdup_printf ("%s · %s", version ? version : "?",
                           pac_image_get_os_type (image) ? pac_image_get_os_type (image) : "?");
      pac_detail_list_add (list, pac_image_get_display_name (image), subtitle);
    }
}

static JsonArray *
items_of (JsonNode *node)
{
  if (node && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  return pac_json_array (pac_json_node_object (node), "items");
}

static void
on_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ListCall *call = user_data;
  g_autoptr (PacNamespacePage) self = call->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);
  JsonArray *items = items_of (answer);

  if (!pac_error_is_cancelled (error))
    {
      pac_detail_list_clear (call->list);
      if (items)
        call->show (self, call->list, items);
      if (error)
        pac_detail_list_placeholder (call->list, error->message);
      else if (gtk_widget_get_first_child (GTK_WIDGET (call->list)) == NULL)
        pac_detail_list_placeholder (call->list, _ ("None"));
    }
  g_free (call);
}

static void
list_into (PacNamespacePage *self,
           PacConnection *connection,
           const char *path,
           GtkListBox *list,
           ShowItems show)
{
  ListCall *call = g_new0 (ListCall, 1);

  call->self = g_object_ref (self);
  call->list = list;
  call->show = show;
  pac_detail_list_placeholder (list, _ ("Loading…"));
  pac_connection_list_async (connection, path, self->cancellable, on_list, call);
}

static const char *const permission_labels[PAC_PERMISSION_N] = {
  [PAC_PERMISSION_CREATE_CLUSTERS] = N_ ("Create clusters"),
  [PAC_PERMISSION_DELETE_CLUSTERS] = N_ ("Delete clusters"),
  [PAC_PERMISSION_READ_SECRETS] = N_ ("Read secrets (admin kubeconfigs)"),
  [PAC_PERMISSION_PATCH_SERVICE_CONFIGURATION] = N_ ("Change the Tanzu Kubernetes Grid service "
                                                     "configuration"),
  [PAC_PERMISSION_WATCH_ALL_CLUSTERS] = N_ ("See the clusters of all namespaces"),
};

static void
on_permissions (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNamespacePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacPermissions) permissions
    = pac_permissions_query_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  if (permissions == NULL)
    {
      pac_detail_list_placeholder (self->permissions_list, error->message);
      return;
    }
  pac_detail_list_clear (self->permissions_list);
  for (guint i = 0; i < PAC_PERMISSION_N; i++)
    {
      gboolean allowed = pac_permissions_allows (permissions, i);
      AdwActionRow *row = pac_detail_list_add (
        self->permissions_list, _ (permission_labels[i]),
        allowed ? _ ("Allowed") : pac_permissions_get_reason (permissions, i));
      pac_detail_list_add_icon (row,
                                allowed ? "object-select-symbolic" : "action-unavailable-symbolic",
                                allowed ? "success" : "dim-label");
    }
}

static void
load_details (PacNamespacePage *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  PacCapabilities *capabilities
    = session ? pac_session_get_capabilities (session, self->node) : NULL;
  PacConnection *connection;
  const char *name = pac_node_get_key (self->node);
  g_autofree char *quotas = NULL, *bindings = NULL, *releases = NULL, *images = NULL;

  if (client == NULL || capabilities == NULL)
    return;
  connection = pac_supervisor_client_get_connection (client);
  quotas = g_strdup_printf ("/api/v1/namespaces/%s/resourcequotas", name);
  bindings = g_strdup_printf (
    "/apis/vmoperator.vmware.com/v1alpha1/namespaces/%s/virtualmachineclassbindings", name);
  releases = g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/tanzukubernetesreleases",
                              capabilities->release_version);
  images = capabilities->images_namespaced
             ? g_strdup_printf ("/apis/vmoperator.vmware.com/%s/namespaces/%s/virtualmachineimages",
                                capabilities->image_version, name)
             : g_strdup_printf ("/apis/vmoperator.vmware.com/%s/virtualmachineimages",
                                capabilities->image_version);
  list_into (self, connection, quotas, self->storage_list, show_storage);
  list_into (self, connection, bindings, self->classes_list, show_classes);
  list_into (self, connection, releases, self->releases_list, show_releases);
  list_into (self, connection, images, self->images_list, show_images);
  pac_detail_list_placeholder (self->permissions_list, _ ("Loading…"));
  pac_permissions_query_async (client, name, self->cancellable, on_permissions,
                               g_object_ref (self));
}

void
pac_namespace_page_set_node (PacNamespacePage *self, PacNode *node)
{
  if (self->node)
    g_signal_handlers_disconnect_by_data (pac_node_get_children (self->node), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->node, node);
  if (node == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (pac_node_get_children (node), "items-changed",
                           G_CALLBACK (show_clusters), self, G_CONNECT_SWAPPED);
  show_clusters (self);
  load_details (self);
}

static void
pac_namespace_page_dispose (GObject *object)
{
  PacNamespacePage *self = PAC_NAMESPACE_PAGE (object);

  pac_namespace_page_set_node (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_NAMESPACE_PAGE);
  G_OBJECT_CLASS (pac_namespace_page_parent_class)->dispose (object);
}

static void
pac_namespace_page_class_init (PacNamespacePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_namespace_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-namespace-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, clusters_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, permissions_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, storage_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, classes_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, releases_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespacePage, images_list);
}

static void
pac_namespace_page_init (PacNamespacePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
