/* sim-discovery.c: /version, API discovery and /openapi/v3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl needs discovery to map "kubectl get tkc" to a resource, and the
 * OpenAPI documents to see whether the server takes fieldValidation (it
 * looks for the parameter on each kind's PATCH operation, tagged with
 * x-kubernetes-group-version-kind) before it leaves validation to the
 * server. What is served follows the Kubernetes version (doc/simulator.md):
 * /openapi/v3 from 1.24, fieldValidation from 1.25; /openapi/v2 always
 * (sim-openapi-v2.c). Discovery is served in the legacy (non-aggregated)
 * form, which kubectl falls back to when the server does not answer the
 * aggregated one.
 */
#define G_LOG_DOMAIN "sim-discovery"

#include "sim-server.h"

#include <string.h>

#include "sim-json.h"
#include "sim-discovery.h"
#include "sim-openapi.h"
#include "sim-schema.h"

static void
respond_version (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) version = json_object_new ();
  const char *git = sim_server_get_kubernetes_version (self);
  g_auto (GStrv) parts = g_strsplit_set (git + 1, ".+", 3);

  json_object_set_string_member (version, "major", parts[0]);
  json_object_set_string_member (version, "minor", parts[1]);
  json_object_set_string_member (version, "gitVersion", git);
  json_object_set_string_member (version, "gitCommit", "0000000000000000000000000000000000000000");
  json_object_set_string_member (version, "gitTreeState", "clean");
  json_object_set_string_member (version, "buildDate", "2023-01-01T00:00:00Z");
  json_object_set_string_member (version, "goVersion", "go1.19.4");
  json_object_set_string_member (version, "compiler", "gc");
  json_object_set_string_member (version, "platform", "linux/amd64");
  sim_respond_json (msg, 200, version);
}

/* Distinct group names in registration order, core excluded. */
static GPtrArray *
group_names (SimServer *self)
{
  GPtrArray *kinds = sim_server_get_kinds (self);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (names, j), kind->group);
      if (!seen && kind->group[0])
        g_ptr_array_add (names, (gpointer) kind->group);
    }
  return names;
}

static GPtrArray *
versions_of (SimServer *self, const char *group)
{
  GPtrArray *kinds = sim_server_get_kinds (self);
  GPtrArray *versions = g_ptr_array_new ();

  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      gboolean seen = FALSE;

      if (!g_str_equal (kind->group, group))
        continue;
      for (guint j = 0; j < versions->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (versions, j), kind->version);
      if (!seen)
        g_ptr_array_add (versions, (gpointer) kind->version);
    }
  return versions;
}

/* Kubernetes' version priority: GA before beta before alpha, then the
 * higher number first (v1 > v1beta2 > v1beta1 > v1alpha3). */
static int
version_priority (gconstpointer a, gconstpointer b)
{
  const char *va = *(const char *const *) a;
  const char *vb = *(const char *const *) b;
  guint64 major_a, major_b, minor_a = 0, minor_b = 0;
  char *rest_a, *rest_b;
  int level_a, level_b;

  major_a = g_ascii_strtoull (va + 1, &rest_a, 10);
  major_b = g_ascii_strtoull (vb + 1, &rest_b, 10);
  level_a = *rest_a == '\0' ? 2 : g_str_has_prefix (rest_a, "beta") ? 1 : 0;
  level_b = *rest_b == '\0' ? 2 : g_str_has_prefix (rest_b, "beta") ? 1 : 0;
  if (level_a != level_b)
    return level_b - level_a;
  if (major_a != major_b)
    return major_a > major_b ? -1 : 1;
  if (*rest_a)
    minor_a = g_ascii_strtoull (rest_a + (level_a == 1 ? 4 : 5), NULL, 10);
  if (*rest_b)
    minor_b = g_ascii_strtoull (rest_b + (level_b == 1 ? 4 : 5), NULL, 10);
  return minor_a == minor_b ? 0 : minor_a > minor_b ? -1 : 1;
}

GPtrArray *
sim_discovery_groups (SimServer *self)
{
  return group_names (self);
}

/* A group's versions, the preferred one first */
GPtrArray *
sim_discovery_versions (SimServer *self, const char *group)
{
  GPtrArray *versions = versions_of (self, group);

  g_ptr_array_sort (versions, version_priority);
  return versions;
}

static JsonObject *
api_group (SimServer *self, const char *group)
{
  JsonObject *object = json_object_new ();
  JsonArray *versions = json_array_new ();
  g_autoptr (GPtrArray) names = versions_of (self, group);
  JsonObject *preferred = NULL;

  json_object_set_string_member (object, "name", group);
  g_ptr_array_sort (names, version_priority);
  for (guint i = 0; i < names->len; i++)
    {
      JsonObject *v = json_object_new ();
      g_autofree char *gv = g_strdup_printf ("%s/%s", group, (char *) g_ptr_array_index (names, i));

      json_object_set_string_member (v, "groupVersion", gv);
      json_object_set_string_member (v, "version", g_ptr_array_index (names, i));
      json_array_add_object_element (versions, v);
      /* Listed by priority: the first is the preferred one. */
      if (preferred == NULL)
        preferred = sim_json_object_copy (v);
    }
  json_object_set_array_member (object, "versions", versions);
  if (preferred)
    json_object_set_object_member (object, "preferredVersion", preferred);
  return object;
}

JsonArray *
sim_discovery_strings (const char *const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings && strings[i]; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

/* What a resource (or its status or scale subresource) answers to */
const char *const *
sim_discovery_verbs (const SimKind *kind, const char *subresource)
{
  static const char *const all_verbs[]
    = { "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch", NULL };
  static const char *const create_only[] = { "create", NULL };
  static const char *const subresource_verbs[] = { "get", "patch", "update", NULL };

  return subresource ? subresource_verbs : kind->virtual_create ? create_only : all_verbs;
}

static JsonObject *
api_resource (const SimKind *kind, const char *subresource)
{
  JsonObject *resource = json_object_new ();
  g_autofree char *name
    = subresource ? g_strdup_printf ("%s/%s", kind->plural, subresource) : g_strdup (kind->plural);

  json_object_set_string_member (resource, "name", name);
  json_object_set_string_member (resource, "singularName", subresource ? "" : kind->singular);
  json_object_set_boolean_member (resource, "namespaced", kind->namespaced);
  json_object_set_string_member (resource, "kind", kind->kind);
  json_object_set_array_member (resource, "verbs",
                                sim_discovery_strings (sim_discovery_verbs (kind, subresource)));
  if (!subresource && kind->short_names)
    json_object_set_array_member (resource, "shortNames",
                                  sim_discovery_strings (kind->short_names));
  if (!subresource && kind->categories)
    json_object_set_array_member (resource, "categories", sim_discovery_strings (kind->categories));
  return resource;
}

/* <kind>/scale: an autoscaling/v1 Scale */
static JsonObject *
scale_resource (const SimKind *kind)
{
  JsonObject *resource = json_object_new ();
  g_autofree char *name = g_strdup_printf ("%s/scale", kind->plural);

  json_object_set_string_member (resource, "name", name);
  json_object_set_string_member (resource, "singularName", "");
  json_object_set_boolean_member (resource, "namespaced", kind->namespaced);
  json_object_set_string_member (resource, "group", "autoscaling");
  json_object_set_string_member (resource, "version", "v1");
  json_object_set_string_member (resource, "kind", "Scale");
  json_object_set_array_member (resource, "verbs",
                                sim_discovery_strings (sim_discovery_verbs (kind, "scale")));
  return resource;
}

static void
respond_resource_list (SimServer *self,
                       SoupServerMessage *msg,
                       const char *group,
                       const char *version)
{
  g_autoptr (JsonObject) list = json_object_new ();
  JsonArray *resources = json_array_new ();
  GPtrArray *kinds = sim_server_get_kinds (self);
  g_autofree char *gv = group[0] ? g_strdup_printf ("%s/%s", group, version) : g_strdup (version);

  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      if (!g_str_equal (kind->group, group) || !g_str_equal (kind->version, version))
        continue;
      json_array_add_object_element (resources, api_resource (kind, NULL));
      if (kind->has_status)
        json_array_add_object_element (resources, api_resource (kind, "status"));
      if (kind->has_scale)
        json_array_add_object_element (resources, scale_resource (kind));
    }
  if (json_array_get_length (resources) == 0)
    {
      json_array_unref (resources);
      sim_respond_status (msg, 404, "NotFound", "the server could not find the requested resource",
                          NULL);
      return;
    }
  json_object_set_string_member (list, "kind", "APIResourceList");
  json_object_set_string_member (list, "apiVersion", "v1");
  json_object_set_string_member (list, "groupVersion", gv);
  json_object_set_array_member (list, "resources", resources);
  sim_respond_json (msg, 200, list);
}

static void
respond_api_versions (SoupServerMessage *msg)
{
  g_autoptr (JsonObject) versions = json_object_new ();
  JsonArray *list = json_array_new ();
  JsonArray *cidrs = json_array_new ();
  JsonObject *cidr = json_object_new ();
  GSocketAddress *local = soup_server_message_get_local_address (msg);
  g_autofree char *address = NULL;

  if (G_IS_INET_SOCKET_ADDRESS (local))
    {
      g_autofree char *ip = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
      address = g_strdup_printf ("%s:%u", ip,
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
    }
  json_array_add_string_element (list, "v1");
  json_object_set_string_member (cidr, "clientCIDR", "0.0.0.0/0");
  json_object_set_string_member (cidr, "serverAddress", address ? address : "");
  json_array_add_object_element (cidrs, cidr);
  json_object_set_string_member (versions, "kind", "APIVersions");
  json_object_set_array_member (versions, "versions", list);
  json_object_set_array_member (versions, "serverAddressByClientCIDRs", cidrs);
  sim_respond_json (msg, 200, versions);
}

static void
respond_group_list (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) list = json_object_new ();
  JsonArray *groups = json_array_new ();
  g_autoptr (GPtrArray) names = group_names (self);

  for (guint i = 0; i < names->len; i++)
    json_array_add_object_element (groups, api_group (self, g_ptr_array_index (names, i)));
  json_object_set_string_member (list, "kind", "APIGroupList");
  json_object_set_string_member (list, "apiVersion", "v1");
  json_object_set_array_member (list, "groups", groups);
  sim_respond_json (msg, 200, list);
}

/* ---- OpenAPI v3 ---- */

static JsonObject *
parameter (const char *name, const char *in, gboolean required)
{
  JsonObject *p = json_object_new ();
  JsonObject *schema = json_object_new ();

  json_object_set_string_member (p, "name", name);
  json_object_set_string_member (p, "in", in);
  json_object_set_boolean_member (p, "required", required);
  json_object_set_string_member (schema, "type", "string");
  json_object_set_object_member (p, "schema", schema);
  return p;
}

/* OpenAPI v3 from Kubernetes 1.24 (beta, on by default; alpha in 1.23) */
gboolean
sim_openapi_has_v3 (SimServer *self)
{
  return sim_server_kubernetes_minor (self) >= 24;
}

/* Server-side field validation from 1.25 (beta; alpha and off in 1.23, 1.24) */
gboolean
sim_openapi_has_field_validation (SimServer *self)
{
  return sim_server_kubernetes_minor (self) >= 25;
}

/* The "info" of an OpenAPI document, v2 or v3: the server's version */
JsonObject *
sim_openapi_info (SimServer *self)
{
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "title", "Kubernetes");
  json_object_set_string_member (info, "version", sim_server_get_kubernetes_version (self));
  return info;
}

JsonObject *
sim_openapi_gvk (const SimKind *kind)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "group", kind->group);
  json_object_set_string_member (object, "version", kind->version);
  json_object_set_string_member (object, "kind", kind->kind);
  return object;
}

static JsonObject *
operation (const SimKind *kind,
           const char *action,
           const char *const *query_params,
           gboolean item,
           gboolean body)
{
  JsonObject *op = json_object_new ();
  JsonArray *params = json_array_new ();
  JsonObject *responses = json_object_new ();
  JsonObject *ok = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%s%s%s", action, kind->kind, item ? "" : "List");
  g_autofree char *ref = g_strdup_printf ("#/components/schemas/%s", kind->schema_name);

  json_object_set_string_member (op, "operationId", id);
  if (item)
    json_array_add_object_element (params, parameter ("name", "path", TRUE));
  if (kind->namespaced)
    json_array_add_object_element (params, parameter ("namespace", "path", TRUE));
  for (guint i = 0; query_params && query_params[i]; i++)
    json_array_add_object_element (params, parameter (query_params[i], "query", FALSE));
  json_object_set_array_member (op, "parameters", params);
  if (body)
    {
      JsonObject *request_body = json_object_new ();
      JsonObject *content = json_object_new ();
      JsonObject *media = json_object_new ();
      JsonObject *schema = json_object_new ();

      json_object_set_string_member (schema, "$ref", ref);
      json_object_set_object_member (media, "schema", schema);
      json_object_set_object_member (content, "application/json", media);
      json_object_set_object_member (request_body, "content", content);
      json_object_set_boolean_member (request_body, "required", TRUE);
      json_object_set_object_member (op, "requestBody", request_body);
    }
  json_object_set_string_member (ok, "description", "OK");
  json_object_set_object_member (responses, "200", ok);
  json_object_set_object_member (op, "responses", responses);
  json_object_set_string_member (op, "x-kubernetes-action", action);
  json_object_set_object_member (op, "x-kubernetes-group-version-kind", sim_openapi_gvk (kind));
  return op;
}

char *
sim_openapi_collection_path (const SimKind *kind)
{
  g_autofree char *prefix = kind->group[0]
                              ? g_strdup_printf ("/apis/%s/%s", kind->group, kind->version)
                              : g_strdup ("/api/v1");
  return g_strdup_printf ("%s%s/%s", prefix, kind->namespaced ? "/namespaces/{namespace}" : "",
                          kind->plural);
}

static void
add_paths (SimServer *self, JsonObject *paths, const SimKind *kind)
{
  static const char *const validated_write_params[]
    = { "dryRun", "fieldManager", "fieldValidation", "pretty", NULL };
  static const char *const plain_write_params[] = { "dryRun", "fieldManager", "pretty", NULL };
  const char *const *write_params
    = sim_openapi_has_field_validation (self) ? validated_write_params : plain_write_params;
  static const char *const list_params[]
    = { "labelSelector",  "fieldSelector",       "limit", "continue", "resourceVersion", "watch",
        "timeoutSeconds", "allowWatchBookmarks", NULL };
  static const char *const delete_params[]
    = { "dryRun", "gracePeriodSeconds", "propagationPolicy", NULL };
  g_autofree char *collection = sim_openapi_collection_path (kind);
  g_autofree char *item = g_strdup_printf ("%s/{name}", collection);
  JsonObject *c = json_object_new ();
  JsonObject *i = json_object_new ();

  if (kind->virtual_create)
    json_object_set_object_member (c, "post", operation (kind, "post", write_params, FALSE, TRUE));
  else
    {
      json_object_set_object_member (c, "get", operation (kind, "list", list_params, FALSE, FALSE));
      json_object_set_object_member (c, "post",
                                     operation (kind, "post", write_params, FALSE, TRUE));
      json_object_set_object_member (
        c, "delete", operation (kind, "deletecollection", delete_params, FALSE, FALSE));
      json_object_set_object_member (i, "get", operation (kind, "get", NULL, TRUE, FALSE));
      json_object_set_object_member (i, "put", operation (kind, "put", write_params, TRUE, TRUE));
      json_object_set_object_member (i, "patch",
                                     operation (kind, "patch", write_params, TRUE, TRUE));
      json_object_set_object_member (i, "delete",
                                     operation (kind, "delete", delete_params, TRUE, FALSE));
      json_object_set_object_member (paths, item, i);
      i = NULL;
    }
  json_object_set_object_member (paths, collection, c);
  if (i)
    json_object_unref (i);
}

/* A kind's schema, tagged with its group, version and kind */
JsonObject *
sim_openapi_schema_with_gvk (const SimKind *kind)
{
  g_autoptr (JsonNode) node = sim_json_parse (kind->schema_json, -1, NULL);
  JsonObject *schema = json_object_ref (json_node_get_object (node));
  JsonArray *gvks = json_array_new ();

  json_array_add_object_element (gvks, sim_openapi_gvk (kind));
  json_object_set_array_member (schema, "x-kubernetes-group-version-kind", gvks);
  return schema;
}

static JsonObject *
openapi_document (SimServer *self, const char *group, const char *version)
{
  JsonObject *doc = json_object_new ();
  JsonObject *paths = json_object_new ();
  JsonObject *components = json_object_new ();
  JsonObject *schemas = json_object_new ();
  GPtrArray *kinds = sim_server_get_kinds (self);

  json_object_set_string_member (doc, "openapi", "3.0.0");
  json_object_set_object_member (doc, "info", sim_openapi_info (self));
  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      if (!g_str_equal (kind->group, group) || !g_str_equal (kind->version, version)
          || kind->schema_json == NULL)
        continue;
      add_paths (self, paths, kind);
      json_object_set_object_member (schemas, kind->schema_name,
                                     sim_openapi_schema_with_gvk (kind));
    }
  json_object_set_object_member (schemas, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                                 sim_json_object_copy (sim_schema_object_meta ()));
  json_object_set_object_member (components, "schemas", schemas);
  json_object_set_object_member (doc, "paths", paths);
  json_object_set_object_member (doc, "components", components);
  return doc;
}

static char *
document_hash (JsonObject *doc)
{
  gsize length = 0;
  g_autofree char *text = sim_json_object_to_string (doc, &length);
  g_autofree char *hash
    = g_compute_checksum_for_data (G_CHECKSUM_SHA512, (const guchar *) text, length);

  return g_ascii_strup (hash, -1);
}

static void
respond_openapi_root (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) root = json_object_new ();
  JsonObject *paths = json_object_new ();
  g_autoptr (GPtrArray) groups = group_names (self);

  g_ptr_array_insert (groups, 0, (gpointer) "");
  for (guint g = 0; g < groups->len; g++)
    {
      const char *group = g_ptr_array_index (groups, g);
      g_autoptr (GPtrArray) versions = versions_of (self, group);

      for (guint v = 0; v < versions->len; v++)
        {
          const char *version = g_ptr_array_index (versions, v);
          g_autoptr (JsonObject) doc = openapi_document (self, group, version);
          g_autofree char *hash = document_hash (doc);
          g_autofree char *key = group[0] ? g_strdup_printf ("apis/%s/%s", group, version)
                                          : g_strdup_printf ("api/%s", version);
          g_autofree char *url = g_strdup_printf ("/openapi/v3/%s?hash=%s", key, hash);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "serverRelativeURL", url);
          json_object_set_object_member (paths, key, entry);
        }
    }
  json_object_set_object_member (root, "paths", paths);
  sim_respond_json (msg, 200, root);
}

static void
respond_openapi (SimServer *self, SoupServerMessage *msg, const char *path)
{
  g_auto (GStrv) segments = g_strsplit (path + strlen ("/openapi/v3/"), "/", -1);
  g_autoptr (JsonObject) doc = NULL;
  guint n = g_strv_length (segments);

  if (n == 2 && g_str_equal (segments[0], "api"))
    doc = openapi_document (self, "", segments[1]);
  else if (n == 3 && g_str_equal (segments[0], "apis"))
    doc = openapi_document (self, segments[1], segments[2]);
  if (doc == NULL || json_object_get_size (sim_json_get_object (doc, "paths")) == 0)
    {
      sim_respond_status (msg, 404, "NotFound", "the server could not find the requested resource",
                          NULL);
      return;
    }
  sim_respond_json (msg, 200, doc);
}

void
sim_discovery_handle (SimServer *self, SoupServerMessage *msg, const char *path)
{
  g_autofree char *user = NULL;
  g_auto (GStrv) segments = NULL;

  if (!g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      sim_respond_status (msg, 405, "MethodNotAllowed",
                          "the server does not allow this method on the requested resource", NULL);
      return;
    }
  /* /version is public, as system:public-info-viewer makes it. */
  if (g_str_equal (path, "/version"))
    {
      respond_version (self, msg);
      return;
    }
  if ((user = sim_api_authenticate (self, msg, NULL)) == NULL)
    return;
  segments = g_strsplit (path + 1, "/", -1);
  if ((g_str_equal (path, "/api") || g_str_equal (path, "/apis"))
      && sim_discovery_aggregated_respond (self, msg, g_str_equal (path, "/api")))
    return;
  if (g_str_equal (path, "/api"))
    respond_api_versions (msg);
  else if (g_str_equal (path, "/apis"))
    respond_group_list (self, msg);
  else if (g_str_equal (path, "/openapi/v2"))
    sim_openapi_v2_respond (self, msg);
  else if (g_str_equal (path, "/openapi/v3") && sim_openapi_has_v3 (self))
    respond_openapi_root (self, msg);
  else if (g_str_has_prefix (path, "/openapi/v3/") && sim_openapi_has_v3 (self))
    respond_openapi (self, msg, path);
  else if (g_str_equal (segments[0], "api") && g_strv_length (segments) == 2)
    respond_resource_list (self, msg, "", segments[1]);
  else if (g_str_equal (segments[0], "apis") && g_strv_length (segments) == 3)
    respond_resource_list (self, msg, segments[1], segments[2]);
  else if (g_str_equal (segments[0], "apis") && g_strv_length (segments) == 2)
    {
      g_autoptr (GPtrArray) versions = versions_of (self, segments[1]);
      g_autoptr (JsonObject) group = NULL;

      if (versions->len == 0)
        {
          sim_respond_status (msg, 404, "NotFound",
                              "the server could not find the requested resource", NULL);
          return;
        }
      group = api_group (self, segments[1]);
      json_object_set_string_member (group, "kind", "APIGroup");
      json_object_set_string_member (group, "apiVersion", "v1");
      sim_respond_json (msg, 200, group);
    }
  else
    sim_respond_status (msg, 404, "NotFound", "the server could not find the requested resource",
                        NULL);
}
