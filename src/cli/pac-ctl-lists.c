/* pac-ctl-lists.c: pacific-ctl's read commands — namespaces list,
 * releases list, images list, clusters list and cluster get
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each prints rows with stable field names (documented in the man page):
 * as a table, or with -o json / -o yaml as an array of objects. The
 * objects are read through the core's models, so the CLI and the app say
 * the same about a cluster or a release.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-image.h"
#include "pac-json.h"
#include "pac-release.h"

/* ---- reading ---- */

static JsonArray *
list_items (PacSupervisorClient *client, const char *path, JsonNode **keep, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  PacConnection *connection = pac_supervisor_client_get_connection (client);

  pac_connection_list_async (connection, path, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  *keep = pac_connection_list_finish (connection, result, error);
  if (*keep == NULL)
    return NULL;
  return pac_json_array (pac_json_node_object (*keep), "items");
}

/* ---- rows ---- */

static JsonObject *
cluster_row (JsonObject *object)
{
  g_autoptr (PacCluster) cluster = pac_cluster_new (object);
  JsonObject *row = json_object_new ();
  g_autofree char *version = pac_cluster_dup_version (cluster);
  g_autofree char *endpoint = pac_cluster_dup_endpoint (cluster);
  g_auto (GStrv) updates = pac_cluster_dup_updates (cluster);

  json_object_set_string_member (row, "namespace", pac_cluster_get_namespace (cluster));
  json_object_set_string_member (row, "name", pac_cluster_get_name (cluster));
  json_object_set_string_member (row, "phase", pac_cluster_get_phase (cluster));
  json_object_set_boolean_member (row, "ready", pac_cluster_get_ready (cluster));
  json_object_set_string_member (row, "release", version);
  json_object_set_int_member (row, "controlPlane",
                              pac_cluster_get_control_plane_replicas (cluster));
  json_object_set_int_member (row, "workers", pac_cluster_get_worker_replicas (cluster));
  json_object_set_string_member (row, "apiVersion", pac_json_string (object, "apiVersion"));
  json_object_set_boolean_member (row, "classBased", pac_cluster_is_class_based (cluster));
  json_object_set_string_member (row, "endpoint", endpoint);
  json_object_set_array_member (row, "updates", pac_ctl_strv_array ((const char *const *) updates));
  return row;
}

static JsonObject *
release_row (JsonObject *object)
{
  g_autoptr (PacRelease) release = g_object_new (PAC_TYPE_RELEASE, "json", object, NULL);
  JsonObject *row = json_object_new ();
  g_autofree char *version = pac_release_dup_version (release);
  g_auto (GStrv) updates = pac_release_dup_updates (release);

  json_object_set_string_member (row, "name", pac_resource_get_name (PAC_RESOURCE (release)));
  json_object_set_string_member (row, "version", version);
  json_object_set_string_member (row, "kubernetes", pac_release_get_kubernetes_version (release));
  json_object_set_string_member (row, "os", pac_release_get_os_name (release));
  json_object_set_boolean_member (row, "compatible", pac_release_is_compatible (release));
  json_object_set_boolean_member (row, "ready", pac_release_is_ready (release));
  json_object_set_array_member (row, "updates", pac_ctl_strv_array ((const char *const *) updates));
  return row;
}

/* ---- the commands ---- */

typedef enum
{
  LIST_NAMESPACES,
  LIST_RELEASES,
  LIST_IMAGES,
  LIST_CLUSTERS,
  GET_CLUSTER,
} Command;

static const PacCtlColumn namespace_columns[] = { { "NAME", "name" }, { NULL } };
static const PacCtlColumn release_columns[]
  = { { "VERSION", "version" }, { "KUBERNETES", "kubernetes" },
      { "OS", "os" },           { "COMPATIBLE", "compatible" },
      { "NAME", "name" },       { NULL } };
static const PacCtlColumn image_columns[] = { { "NAME", "name" },
                                              { "VERSION", "version" },
                                              { "OS", "os" },
                                              { "COMPATIBLE", "compatible" },
                                              { NULL } };
static const PacCtlColumn cluster_columns[] = { { "NAMESPACE", "namespace" },
                                                { "NAME", "name" },
                                                { "PHASE", "phase" },
                                                { "CONTROL PLANE", "controlPlane" },
                                                { "WORKERS", "workers" },
                                                { "RELEASE", "release" },
                                                { NULL } };

static JsonArray *
namespace_rows (PacSupervisorClient *client, GError **error)
{
  g_auto (GStrv) names = pac_ctl_workload_namespaces (client, error);
  JsonArray *rows;

  if (names == NULL)
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; names[i]; i++)
    {
      JsonObject *row = json_object_new ();
      json_object_set_string_member (row, "name", names[i]);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
release_rows (PacSupervisorClient *client, const PacCapabilities *caps, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/tanzukubernetesreleases",
                                           caps->release_version);
  g_autoptr (JsonNode) keep = NULL;
  JsonArray *items = list_items (client, path, &keep, error);
  JsonArray *rows;

  if (keep == NULL)
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    json_array_add_object_element (rows, release_row (json_array_get_object_element (items, i)));
  return rows;
}

/* Images: compatible when a compatible release has the same version */
static JsonArray *
image_rows (PacSupervisorClient *client,
            const PacCapabilities *caps,
            const char *ns,
            GError **error)
{
  g_autoptr (JsonArray) releases = release_rows (client, caps, error);
  g_autofree char *path
    = caps->images_namespaced
        ? g_strdup_printf ("/apis/vmoperator.vmware.com/%s/namespaces/%s/virtualmachineimages",
                           caps->image_version, ns)
        : g_strdup_printf ("/apis/vmoperator.vmware.com/%s/virtualmachineimages",
                           caps->image_version);
  g_autoptr (JsonNode) keep = NULL;
  JsonArray *items = NULL;
  JsonArray *rows;

  if (releases == NULL || (items = list_items (client, path, &keep, error), keep == NULL))
    return NULL;
  rows = json_array_new ();
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      g_autoptr (PacImage) image
        = g_object_new (PAC_TYPE_IMAGE, "json", json_array_get_object_element (items, i), NULL);
      g_autofree char *version = pac_image_dup_version (image);
      JsonObject *row = json_object_new ();
      gboolean compatible = FALSE;

      for (guint r = 0; version && r < json_array_get_length (releases); r++)
        {
          JsonObject *release = json_array_get_object_element (releases, r);
          compatible |= g_strcmp0 (pac_json_string (release, "version"), version) == 0
                        && json_object_get_boolean_member (release, "compatible");
        }
      json_object_set_string_member (row, "name", pac_image_get_display_name (image));
      json_object_set_string_member (row, "version", version);
      json_object_set_string_member (row, "os", pac_image_get_os_type (image));
      json_object_set_boolean_member (row, "compatible", compatible);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

typedef struct
{
  JsonArray *rows;
  guint first; /* where this list's rows start in @rows */
} ClusterPages;

/* Each page becomes rows at once and is freed: memory stays at one page
 * and the rows, however many clusters there are */
static void
add_cluster_page (JsonArray *items, gboolean from_start, gpointer user_data)
{
  ClusterPages *pages = user_data;

  while (from_start && json_array_get_length (pages->rows) > pages->first)
    json_array_remove_element (pages->rows, json_array_get_length (pages->rows) - 1);
  for (guint i = 0; i < json_array_get_length (items); i++)
    json_array_add_object_element (pages->rows,
                                   cluster_row (json_array_get_object_element (items, i)));
}

static gboolean
add_clusters (JsonArray *rows, PacSupervisorClient *client, const char *path, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  PacConnection *connection = pac_supervisor_client_get_connection (client);
  ClusterPages pages = { rows, json_array_get_length (rows) };

  pac_connection_list_pages_async (connection, path, add_cluster_page, &pages, NULL,
                                   pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  return pac_connection_list_pages_finish (connection, result, error);
}

/* TKCs, and on 8.0 ClusterClass Clusters, in @ns or (NULL) every namespace */
static gboolean
add_clusters_in (JsonArray *rows,
                 PacSupervisorClient *client,
                 const PacCapabilities *caps,
                 const char *ns,
                 GError **error)
{
  g_autofree char *scope = ns ? g_strdup_printf ("namespaces/%s/", ns) : g_strdup ("");
  g_autofree char *tkc = g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/%stanzukubernetesclusters",
                                          caps->tkc_version, scope);
  g_autofree char *capi = g_strdup_printf ("/apis/cluster.x-k8s.io/v1beta1/%sclusters", scope);

  return add_clusters (rows, client, tkc, error)
         && (!caps->class_based_clusters || add_clusters (rows, client, capi, error));
}

static JsonArray *
cluster_rows (PacSupervisorClient *client,
              const PacCapabilities *caps,
              const char *ns,
              GError **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (GError) wide = NULL;
  g_autoptr (JsonArray) namespaces = NULL;

  if (ns)
    return add_clusters_in (rows, client, caps, ns, error) ? g_steal_pointer (&rows) : NULL;
  /* -A: one list when the user may list cluster-wide, else per namespace */
  if (add_clusters_in (rows, client, caps, NULL, &wide))
    return g_steal_pointer (&rows);
  if (!g_error_matches (wide, PAC_ERROR, PAC_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&wide));
      return NULL;
    }
  g_clear_pointer (&rows, json_array_unref);
  rows = json_array_new ();
  if ((namespaces = namespace_rows (client, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (namespaces); i++)
    if (!add_clusters_in (rows, client, caps,
                          pac_json_string (json_array_get_object_element (namespaces, i), "name"),
                          error))
      return NULL;
  return g_steal_pointer (&rows);
}

static JsonObject *
find_cluster (JsonArray *rows, const char *name)
{
  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    if (g_strcmp0 (pac_json_string (json_array_get_object_element (rows, i), "name"), name) == 0)
      return json_array_get_object_element (rows, i);
  return NULL;
}

static int
run (Command command, const char *name, int argc, char **argv)
{
  g_auto (PacCtlTarget) t = { NULL };
  gboolean all = FALSE;
  const GOptionEntry all_entry[]
    = { { "all-namespaces", 'A', 0, G_OPTION_ARG_NONE, &all, N_ ("Every namespace"), NULL },
        { NULL } };
  g_autoptr (GOptionContext) context
    = g_option_context_new (command == GET_CLUSTER ? "NAME" : NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacCapabilities) caps = NULL;
  g_autoptr (PacSupervisorClient) client = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_ARRAY);
  const PacCtlColumn *columns[]
    = { namespace_columns, release_columns, image_columns, cluster_columns, cluster_columns };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  pac_ctl_target_add_entries (context, &t, command >= LIST_IMAGES);
  if (command == LIST_CLUSTERS)
    g_option_context_add_main_entries (context, all_entry, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !pac_ctl_target_check (&t, &error))
    return pac_ctl_fail_usage (name, error);
  if (command == GET_CLUSTER && argc != 2)
    return pac_ctl_fail (name, _ ("give one cluster’s NAME"), PAC_CTL_USAGE);
  if ((command == LIST_CLUSTERS || command == GET_CLUSTER) && t.namespace == NULL && !all)
    return pac_ctl_fail (name, _ ("give the namespace with -n (or -A for every one)"),
                         PAC_CTL_USAGE);
  if ((client = pac_ctl_target_open (&t, &caps, &error)) == NULL)
    return pac_ctl_fail_with (name, error);
  if (command == LIST_IMAGES && caps->images_namespaced && t.namespace == NULL)
    return pac_ctl_fail (name, _ ("images live in namespaces on this Supervisor: give -n"),
                         PAC_CTL_USAGE);
  switch (command)
    {
      case LIST_NAMESPACES:
        rows = namespace_rows (client, &error);
        break;
      case LIST_RELEASES:
        rows = release_rows (client, caps, &error);
        break;
      case LIST_IMAGES:
        rows = image_rows (client, caps, t.namespace, &error);
        break;
      case LIST_CLUSTERS:
      case GET_CLUSTER:
      default:
        if (all || pac_ctl_require_namespace (client, t.namespace, &error))
          rows = cluster_rows (client, caps, all ? NULL : t.namespace, &error);
        break;
    }
  if (rows == NULL)
    return pac_ctl_fail_with (name, error);
  if (command == GET_CLUSTER)
    {
      JsonObject *found = find_cluster (rows, argv[1]);
      if (found == NULL)
        {
          g_autofree char *message
            = g_strdup_printf (_ ("no cluster “%s” in namespace %s"), argv[1], t.namespace);
          return pac_ctl_fail (name, message, PAC_CTL_NOT_FOUND);
        }
      json_node_init_object (data, found);
    }
  else
    json_node_set_array (data, rows);
  pac_ctl_print (&t, data, columns[command]);
  return PAC_CTL_OK;
}

int
pac_ctl_list (const char *what, int argc, char **argv)
{
  if (g_strcmp0 (what, "namespaces") == 0)
    return run (LIST_NAMESPACES, "namespaces list", argc, argv);
  if (g_strcmp0 (what, "releases") == 0)
    return run (LIST_RELEASES, "releases list", argc, argv);
  if (g_strcmp0 (what, "images") == 0)
    return run (LIST_IMAGES, "images list", argc, argv);
  return run (LIST_CLUSTERS, "clusters list", argc, argv);
}

int
pac_ctl_cluster_get (int argc, char **argv)
{
  return run (GET_CLUSTER, "cluster get", argc, argv);
}
