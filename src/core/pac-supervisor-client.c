/* pac-supervisor-client.c: what a Supervisor serves, and what the user
 * may do there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Discovery answers the questions the UI has about a release: which
 * TKC versions (v1alpha1 on 7.0.1, v1alpha2 from 7.0.3, v1alpha3 on 8.0),
 * whether ClusterClass Clusters exist, whether VirtualMachineImages are
 * namespaced, whether TkgServiceConfiguration has trust (from its
 * OpenAPI schema: 7.0.1 and 7.0.2 share a version, not the field).
 * API discovery is served by every Kubernetes version; OpenAPI v3 only
 * from 1.24 (doc/simulator.md), so the schema is read from v3 where
 * there is one, else from v2, and a Supervisor that serves neither just
 * has no global trust: OpenAPI never fails discovery.
 * Permissions come from SelfSubjectAccessReview, never from guessing.
 */
#define G_LOG_DOMAIN "pac-supervisor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-resource-list.h"
#include "pac-supervisor-client.h"

struct _PacSupervisorClient
{
  GObject parent_instance;

  PacConnection *connection;
};

G_DEFINE_FINAL_TYPE (PacSupervisorClient, pac_supervisor_client, G_TYPE_OBJECT)

PacSupervisorClient *
pac_supervisor_client_new (PacConnection *connection)
{
  PacSupervisorClient *self = g_object_new (PAC_TYPE_SUPERVISOR_CLIENT, NULL);

  self->connection = g_object_ref (connection);
  return self;
}

PacConnection *
pac_supervisor_client_get_connection (PacSupervisorClient *self)
{
  return self->connection;
}

void
pac_capabilities_free (PacCapabilities *capabilities)
{
  g_free (capabilities->tkc_version);
  g_strfreev (capabilities->tkc_versions);
  g_free (capabilities->release_version);
  g_free (capabilities->image_version);
  g_free (capabilities->service_configuration_version);
  g_free (capabilities);
}

PacCapabilities *
pac_capabilities_copy (const PacCapabilities *capabilities)
{
  PacCapabilities *copy = g_memdup2 (capabilities, sizeof *capabilities);

  copy->tkc_version = g_strdup (capabilities->tkc_version);
  copy->tkc_versions = g_strdupv (capabilities->tkc_versions);
  copy->release_version = g_strdup (capabilities->release_version);
  copy->image_version = g_strdup (capabilities->image_version);
  copy->service_configuration_version = g_strdup (capabilities->service_configuration_version);
  return copy;
}

/* ---- discovery: a chain of reads ---- */

typedef struct
{
  PacCapabilities *found;
  GQueue pending; /* paths still to read */
  char *reading;
} Discovery;

static void
discovery_free (Discovery *d)
{
  g_clear_pointer (&d->found, pac_capabilities_free);
  g_queue_clear_full (&d->pending, g_free);
  g_free (d->reading);
  g_free (d);
}

static void read_next (GTask *task);

/* /apis: the groups, their versions, the preferred ones */
static void
take_groups (Discovery *d, JsonObject *answer)
{
  JsonArray *groups = pac_json_array (answer, "groups");

  for (guint i = 0; groups && i < json_array_get_length (groups); i++)
    {
      JsonObject *group = pac_json_node_object (json_array_get_element (groups, i));
      const char *name = pac_json_string (group, "name");
      JsonArray *versions = pac_json_array (group, "versions");

      if (g_strcmp0 (name, "cluster.x-k8s.io") == 0)
        for (guint v = 0; versions && v < json_array_get_length (versions); v++)
          d->found->class_based_clusters
            |= g_strcmp0 (pac_json_string (
                            pac_json_node_object (json_array_get_element (versions, v)), "version"),
                          "v1beta1")
               == 0;
      if (g_strcmp0 (name, "run.tanzu.vmware.com") == 0
          || g_strcmp0 (name, "vmoperator.vmware.com") == 0)
        for (guint v = 0; versions && v < json_array_get_length (versions); v++)
          g_queue_push_tail (
            &d->pending,
            g_strdup_printf ("/apis/%s", pac_json_string (pac_json_node_object (
                                                            json_array_get_element (versions, v)),
                                                          "groupVersion")));
    }
}

/* /apis/<group>/<version>: which resources, namespaced or not */
static void
take_resources (Discovery *d, JsonObject *answer)
{
  const char *group_version = pac_json_string (answer, "groupVersion");
  const char *slash = group_version ? strchr (group_version, '/') : NULL;
  const char *version = slash ? slash + 1 : NULL;
  JsonArray *resources = pac_json_array (answer, "resources");

  for (guint i = 0; version && resources && i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = pac_json_node_object (json_array_get_element (resources, i));
      const char *name = pac_json_string (resource, "name");
      gboolean namespaced
        = resource && json_object_get_boolean_member_with_default (resource, "namespaced", FALSE);

      if (g_strcmp0 (name, "tanzukubernetesclusters") == 0)
        {
          g_auto (GStrv) before = d->found->tkc_versions;
          g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
          if (before)
            g_strv_builder_addv (builder, (const char **) before);
          g_strv_builder_add (builder, version);
          d->found->tkc_versions = g_strv_builder_end (builder);
        }
      else if (g_strcmp0 (name, "virtualmachineclassbindings") == 0)
        d->found->vm_service = TRUE;
      else if (g_strcmp0 (name, "tanzukubernetesreleases") == 0 && !d->found->release_version)
        d->found->release_version = g_strdup (version);
      else if (g_strcmp0 (name, "virtualmachineimages") == 0 && !d->found->image_version)
        {
          d->found->image_version = g_strdup (version);
          d->found->images_namespaced = namespaced;
        }
      else if (g_strcmp0 (name, "tkgserviceconfigurations") == 0
               && !d->found->service_configuration_version)
        {
          d->found->service_configuration_version = g_strdup (version);
          g_queue_push_tail (&d->pending, g_strdup_printf ("/openapi/v3/apis/%s", group_version));
        }
    }
}

/* The TkgServiceConfiguration schema: is there a spec.trust? In v3 the
 * schemas are components.schemas, in v2 definitions. */
static void
take_schema (Discovery *d, JsonObject *answer)
{
  JsonObject *schemas = pac_json_object (answer, "components.schemas")
                          ? pac_json_object (answer, "components.schemas")
                          : pac_json_object (answer, "definitions");
  g_autoptr (GList) names = schemas ? json_object_get_members (schemas) : NULL;

  for (GList *l = names; l; l = l->next)
    if (g_str_has_suffix (l->data, "TkgServiceConfiguration"))
      {
        /* Schema names hold dots: looked up as one member, not a path. */
        JsonObject *schema = pac_json_node_object (json_object_get_member (schemas, l->data));
        d->found->global_trust
          = pac_json_object (schema, "properties.spec.properties.trust") != NULL;
      }
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Discovery *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (answer == NULL && g_str_has_prefix (d->reading, "/openapi/")
      && !g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED))
    {
      /* No v3 before Kubernetes 1.24: the same schema from v2, once */
      g_debug ("%s: %s", d->reading, error->message);
      if (g_str_has_prefix (d->reading, "/openapi/v3/"))
        g_queue_push_head (&d->pending, g_strdup ("/openapi/v2"));
      read_next (task);
      return;
    }
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (g_str_equal (d->reading, "/apis"))
    take_groups (d, pac_json_node_object (answer));
  else if (g_str_has_prefix (d->reading, "/openapi/"))
    take_schema (d, pac_json_node_object (answer));
  else
    take_resources (d, pac_json_node_object (answer));
  read_next (task);
}

/* The preferred TKC version: the newest served (v1alpha3 > v1alpha2 > v1alpha1) */
static char *
newest (GStrv versions)
{
  const char *best = NULL;

  for (guint i = 0; versions && versions[i]; i++)
    if (best == NULL || strcmp (versions[i], best) > 0)
      best = versions[i];
  return g_strdup (best);
}

static void
read_next (GTask *task)
{
  PacSupervisorClient *self = g_task_get_source_object (task);
  Discovery *d = g_task_get_task_data (task);

  g_free (d->reading);
  d->reading = g_queue_pop_head (&d->pending);
  if (d->reading == NULL)
    {
      d->found->tkc_version = newest (d->found->tkc_versions);
      g_task_return_pointer (task, g_steal_pointer (&d->found),
                             (GDestroyNotify) pac_capabilities_free);
      g_object_unref (task);
      return;
    }
  pac_connection_request_async (self->connection, "GET", d->reading, NULL,
                                g_task_get_cancellable (task), on_read, task);
}

void
pac_supervisor_client_discover_async (PacSupervisorClient *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Discovery *d = g_new0 (Discovery, 1);

  g_task_set_source_tag (task, pac_supervisor_client_discover_async);
  d->found = g_new0 (PacCapabilities, 1);
  g_queue_init (&d->pending);
  g_queue_push_tail (&d->pending, g_strdup ("/apis"));
  g_task_set_task_data (task, d, (GDestroyNotify) discovery_free);
  read_next (task);
}

PacCapabilities *
pac_supervisor_client_discover_finish (PacSupervisorClient *self,
                                       GAsyncResult *result,
                                       GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- permissions ---- */

static void
on_review (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  JsonObject *status = pac_json_object (pac_json_node_object (answer), "status");

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (status && json_object_get_boolean_member_with_default (status, "allowed", FALSE))
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task,
                           g_strdup (pac_json_string (status, "reason")
                                       ? pac_json_string (status, "reason")
                                       : _ ("Your role does not allow it")),
                           g_free);
  g_object_unref (task);
}

void
pac_supervisor_client_can_async (PacSupervisorClient *self,
                                 const char *verb,
                                 const char *group,
                                 const char *resource,
                                 const char *namespace,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *review = json_object_new ();
  JsonObject *spec = json_object_new ();
  JsonObject *attributes = json_object_new ();

  g_task_set_source_tag (task, pac_supervisor_client_can_async);
  json_object_set_string_member (review, "apiVersion", "authorization.k8s.io/v1");
  json_object_set_string_member (review, "kind", "SelfSubjectAccessReview");
  json_object_set_string_member (attributes, "verb", verb);
  json_object_set_string_member (attributes, "group", group ? group : "");
  json_object_set_string_member (attributes, "resource", resource);
  if (namespace)
    json_object_set_string_member (attributes, "namespace", namespace);
  json_object_set_object_member (spec, "resourceAttributes", attributes);
  json_object_set_object_member (review, "spec", spec);
  json_node_take_object (body, review);
  pac_connection_request_async (self->connection, "POST",
                                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body,
                                cancellable, on_review, task);
}

/**
 * pac_supervisor_client_can_finish:
 * @reason: (out) (optional): why not, when not allowed
 *
 * Returns: %TRUE when allowed; %FALSE with @error unset when not
 */
gboolean
pac_supervisor_client_can_finish (PacSupervisorClient *self,
                                  GAsyncResult *result,
                                  char **reason,
                                  GError **error)
{
  GError *failure = NULL;
  char *why;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  why = g_task_propagate_pointer (G_TASK (result), &failure);
  if (failure)
    {
      g_propagate_error (error, failure);
      return FALSE;
    }
  if (reason)
    *reason = why;
  else
    g_free (why);
  return why == NULL;
}

/* ---- calls ---- */

/* The connection's answer, handed through under this object */
static void
call (PacSupervisorClient *self,
      const char *method,
      const char *path,
      JsonNode *body,
      GCancellable *cancellable,
      GAsyncReadyCallback callback,
      gpointer user_data)
{
  pac_connection_request_for_async (self->connection, self, pac_supervisor_client_call_finish,
                                    method, path, body, cancellable, callback, user_data);
}

JsonNode *
pac_supervisor_client_call_finish (PacSupervisorClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The vSphere namespaces the user may see, and their API endpoints */
void
pac_supervisor_client_workloads_async (PacSupervisorClient *self,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  call (self, "GET", "/wcp/workloads", NULL, cancellable, callback, user_data);
}

static char *
cluster_path (const char *version, const char *namespace, const char *name)
{
  g_autofree char *ns = g_uri_escape_string (namespace, NULL, FALSE);
  g_autofree char *escaped = name ? g_uri_escape_string (name, NULL, FALSE) : NULL;

  return g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/namespaces/%s/tanzukubernetesclusters%s%s",
                          version, ns, escaped ? "/" : "", escaped ? escaped : "");
}

/* @manifest: a TanzuKubernetesCluster; its apiVersion and namespace say
 * where. @dry_run: the server checks and defaults it, and keeps nothing. */
void
pac_supervisor_client_create_cluster_async (PacSupervisorClient *self,
                                            JsonObject *manifest,
                                            gboolean dry_run,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  const char *api_version = pac_json_string (manifest, "apiVersion");
  const char *slash = api_version ? strchr (api_version, '/') : NULL;
  const char *namespace = pac_json_string (manifest, "metadata.namespace");
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  if (slash == NULL || namespace == NULL)
    {
      g_task_report_new_error (self, callback, user_data, pac_supervisor_client_call_finish,
                               PAC_ERROR, PAC_ERROR_INVALID,
                               _ ("The cluster needs an apiVersion and a namespace"));
      return;
    }
  json_node_set_object (body, manifest);
  path = cluster_path (slash + 1, namespace, NULL);
  query = g_strconcat (path, dry_run ? "?dryRun=All" : "", NULL);
  call (self, "POST", query, body, cancellable, callback, user_data);
}

void
pac_supervisor_client_get_cluster_async (PacSupervisorClient *self,
                                         const char *version,
                                         const char *namespace,
                                         const char *name,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autofree char *path = cluster_path (version, namespace, name);

  call (self, "GET", path, NULL, cancellable, callback, user_data);
}

/* A merge patch; with metadata.resourceVersion in it the server refuses
 * it (conflict) when the cluster changed since it was read. */
void
pac_supervisor_client_patch_cluster_async (PacSupervisorClient *self,
                                           const char *version,
                                           const char *namespace,
                                           const char *name,
                                           JsonNode *merge_patch,
                                           gboolean dry_run,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autofree char *path = cluster_path (version, namespace, name);
  g_autofree char *query = g_strconcat (path, dry_run ? "?dryRun=All" : "", NULL);

  call (self, "PATCH", query, merge_patch, cancellable, callback, user_data);
}

void
pac_supervisor_client_delete_cluster_async (PacSupervisorClient *self,
                                            const char *version,
                                            const char *namespace,
                                            const char *name,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autofree char *path = cluster_path (version, namespace, name);

  call (self, "DELETE", path, NULL, cancellable, callback, user_data);
}

static void
on_secret (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) secret
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);
  const char *value = pac_json_string (pac_json_node_object (secret), "data.value");
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  if (secret == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (value == NULL || (decoded = g_base64_decode (value, &length)) == NULL || length == 0)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_SERVER,
                             _ ("The cluster's kubeconfig secret has no kubeconfig"));
  else
    g_task_return_pointer (task, g_strndup ((const char *) decoded, length), g_free);
  g_object_unref (task);
}

void
pac_supervisor_client_read_kubeconfig_async (PacSupervisorClient *self,
                                             const char *namespace,
                                             const char *cluster,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *ns = g_uri_escape_string (namespace, NULL, FALSE);
  g_autofree char *name = g_uri_escape_string (cluster, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/namespaces/%s/secrets/%s-kubeconfig", ns, name);

  g_task_set_source_tag (task, pac_supervisor_client_read_kubeconfig_async);
  pac_connection_request_async (self->connection, "GET", path, NULL, cancellable, on_secret, task);
}

/* Returns: (transfer full): the kubeconfig YAML; it holds a private key */
char *
pac_supervisor_client_read_kubeconfig_finish (PacSupervisorClient *self,
                                              GAsyncResult *result,
                                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- live lists: one cluster-wide watch, or one per namespace ---- */

typedef struct
{
  char *group;
  char *version;
  char *resource;
  gboolean namespaced;
  GType item_type;
} ListRequest;

static void
list_request_free (ListRequest *request)
{
  g_free (request->group);
  g_free (request->version);
  g_free (request->resource);
  g_free (request);
}

static char *
collection_path (ListRequest *request, const char *namespace)
{
  g_autofree char *prefix = *request->group
                              ? g_strdup_printf ("/apis/%s/%s", request->group, request->version)
                              : g_strdup_printf ("/api/%s", request->version);
  g_autofree char *escaped = namespace ? g_uri_escape_string (namespace, NULL, FALSE) : NULL;

  if (escaped)
    return g_strdup_printf ("%s/namespaces/%s/%s", prefix, escaped, request->resource);
  return g_strdup_printf ("%s/%s", prefix, request->resource);
}

static void
add_watch (PacSupervisorClient *self,
           PacResourceList *list,
           ListRequest *request,
           const char *namespace)
{
  g_autofree char *path = collection_path (request, namespace);
  g_autoptr (PacWatch) watch = pac_watch_new (self->connection, path);

  pac_resource_list_add_watch (list, watch, namespace);
  pac_watch_start (watch);
}

static void
on_list_workloads (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacSupervisorClient *self = PAC_SUPERVISOR_CLIENT (source);
  ListRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) workloads = pac_supervisor_client_call_finish (self, result, &error);
  JsonArray *items
    = workloads && JSON_NODE_HOLDS_ARRAY (workloads) ? json_node_get_array (workloads) : NULL;
  PacResourceList *list;

  if (workloads == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  list = pac_resource_list_new (NULL, request->item_type);
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      const char *namespace
        = pac_json_string (pac_json_node_object (json_array_get_element (items, i)), "namespace");
      if (namespace)
        add_watch (self, list, request, namespace);
    }
  g_task_return_pointer (task, list, g_object_unref);
}

static void
on_may_watch_all (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacSupervisorClient *self = PAC_SUPERVISOR_CLIENT (source);
  ListRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *reason = NULL;
  gboolean allowed = pac_supervisor_client_can_finish (self, result, &reason, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);
  PacResourceList *list;

  if (error)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!allowed && !request->namespaced)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_FORBIDDEN, _ ("You may not watch %s: %s"),
                               request->resource, reason ? reason : _ ("no reason given"));
      return;
    }
  if (!allowed)
    {
      /* The namespaces the user has a role in, from /wcp/workloads */
      pac_supervisor_client_workloads_async (self, cancellable, on_list_workloads,
                                             g_steal_pointer (&task));
      return;
    }
  list = pac_resource_list_new (NULL, request->item_type);
  add_watch (self, list, request, NULL);
  g_task_return_pointer (task, list, g_object_unref);
}

/**
 * pac_supervisor_client_open_list_async:
 * @group: the API group, "" for the core group
 * @namespaced: whether @resource lives in namespaces
 * @item_type: a PacResource type for the items
 *
 * A live list of every @resource the user may see: one watch of the
 * whole collection when a SelfSubjectAccessReview allows it, else one
 * per namespace of /wcp/workloads (streams while the connection has
 * streams left, polling beyond).
 */
void
pac_supervisor_client_open_list_async (PacSupervisorClient *self,
                                       const char *group,
                                       const char *version,
                                       const char *resource,
                                       gboolean namespaced,
                                       GType item_type,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListRequest *request = g_new0 (ListRequest, 1);

  g_task_set_source_tag (task, pac_supervisor_client_open_list_async);
  request->group = g_strdup (group ? group : "");
  request->version = g_strdup (version);
  request->resource = g_strdup (resource);
  request->namespaced = namespaced;
  request->item_type = item_type;
  g_task_set_task_data (task, request, (GDestroyNotify) list_request_free);
  pac_supervisor_client_can_async (self, "watch", group, resource, NULL, cancellable,
                                   on_may_watch_all, task);
}

/* Returns: (transfer full): the list, its watches started */
PacResourceList *
pac_supervisor_client_open_list_finish (PacSupervisorClient *self,
                                        GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pac_supervisor_client_finalize (GObject *object)
{
  g_clear_object (&PAC_SUPERVISOR_CLIENT (object)->connection);
  G_OBJECT_CLASS (pac_supervisor_client_parent_class)->finalize (object);
}

static void
pac_supervisor_client_class_init (PacSupervisorClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_supervisor_client_finalize;
}

static void
pac_supervisor_client_init (PacSupervisorClient *self)
{
}
