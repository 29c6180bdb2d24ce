/* sim-discovery-aggregated.c: aggregated discovery, where the version has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From Kubernetes 1.27 (beta, on by default; GA in 1.30) /api and /apis
 * answer every group, version and resource in one document when the
 * client asks for it: kubectl asks first for
 * application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,
 * then v2beta1, then plain JSON. Before 1.30 only v2beta1 is served; a
 * server that has none answers the legacy lists (sim-discovery.c).
 */
#define G_LOG_DOMAIN "sim-discovery"

#include "sim-discovery.h"

#include <string.h>

#include "sim-json.h"
#include "sim-openapi.h"

#define MEDIA_PREFIX "application/json;g=apidiscovery.k8s.io;v="
#define MEDIA_SUFFIX ";as=APIGroupDiscoveryList"

static JsonObject *
resource (const SimKind *kind)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "resource", kind->plural);
  json_object_set_object_member (object, "responseKind", sim_openapi_gvk (kind));
  json_object_set_string_member (object, "scope", kind->namespaced ? "Namespaced" : "Cluster");
  json_object_set_string_member (object, "singularResource", kind->singular);
  json_object_set_array_member (object, "verbs",
                                sim_discovery_strings (sim_discovery_verbs (kind, NULL)));
  if (kind->short_names)
    json_object_set_array_member (object, "shortNames", sim_discovery_strings (kind->short_names));
  if (kind->categories)
    json_object_set_array_member (object, "categories", sim_discovery_strings (kind->categories));
  if (kind->has_status || kind->has_scale)
    {
      JsonArray *subresources = json_array_new ();

      if (kind->has_status)
        {
          JsonObject *status = json_object_new ();
          json_object_set_string_member (status, "subresource", "status");
          json_object_set_object_member (status, "responseKind", sim_openapi_gvk (kind));
          json_object_set_array_member (
            status, "verbs", sim_discovery_strings (sim_discovery_verbs (kind, "status")));
          json_array_add_object_element (subresources, status);
        }
      if (kind->has_scale)
        {
          JsonObject *scale = json_object_new ();
          JsonObject *scale_kind = json_object_new ();
          json_object_set_string_member (scale, "subresource", "scale");
          json_object_set_string_member (scale_kind, "group", "autoscaling");
          json_object_set_string_member (scale_kind, "version", "v1");
          json_object_set_string_member (scale_kind, "kind", "Scale");
          json_object_set_object_member (scale, "responseKind", scale_kind);
          json_object_set_array_member (
            scale, "verbs", sim_discovery_strings (sim_discovery_verbs (kind, "scale")));
          json_array_add_object_element (subresources, scale);
        }
      json_object_set_array_member (object, "subresources", subresources);
    }
  return object;
}

static JsonObject *
group_version (SimServer *self, const char *group, const char *version)
{
  JsonObject *object = json_object_new ();
  JsonArray *resources = json_array_new ();
  GPtrArray *kinds = sim_server_get_kinds (self);

  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      if (g_str_equal (kind->group, group) && g_str_equal (kind->version, version))
        json_array_add_object_element (resources, resource (kind));
    }
  json_object_set_string_member (object, "version", version);
  json_object_set_array_member (object, "resources", resources);
  json_object_set_string_member (object, "freshness", "Current");
  return object;
}

static JsonObject *
group_entry (SimServer *self, const char *group)
{
  JsonObject *object = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *versions = json_array_new ();
  g_autoptr (GPtrArray) names = sim_discovery_versions (self, group);

  json_object_set_string_member (metadata, "name", group);
  json_object_set_object_member (object, "metadata", metadata);
  for (guint i = 0; i < names->len; i++)
    json_array_add_object_element (versions,
                                   group_version (self, group, g_ptr_array_index (names, i)));
  json_object_set_array_member (object, "versions", versions);
  return object;
}

/* The version of the document to answer with: the first the client
 * accepts of those this Kubernetes serves, or NULL */
static const char *
negotiate (SimServer *self, const char *accept)
{
  guint minor = sim_server_kubernetes_minor (self);
  g_auto (GStrv) ranges = accept ? g_strsplit (accept, ",", -1) : NULL;

  for (guint i = 0; ranges && ranges[i]; i++)
    {
      g_autofree char *range = g_strdup (g_strstrip (ranges[i]));
      char *blank;

      while ((blank = strchr (range, ' ')) != NULL)
        memmove (blank, blank + 1, strlen (blank));
      if (!g_str_has_prefix (range, MEDIA_PREFIX) || strstr (range, MEDIA_SUFFIX) == NULL)
        continue;
      if (g_str_has_prefix (range + strlen (MEDIA_PREFIX), "v2;") && minor >= 30)
        return "v2";
      if (g_str_has_prefix (range + strlen (MEDIA_PREFIX), "v2beta1;") && minor >= 27)
        return "v2beta1";
    }
  return NULL;
}

/**
 * sim_discovery_aggregated_respond:
 * @core: /api rather than /apis
 *
 * Returns: whether it answered (the client asked for a version of the
 *   document this Kubernetes serves)
 */
gboolean
sim_discovery_aggregated_respond (SimServer *self, SoupServerMessage *msg, gboolean core)
{
  const char *accept
    = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept");
  const char *version = negotiate (self, accept);
  g_autoptr (JsonObject) list = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autofree char *api_version = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *data = NULL;
  JsonArray *items;
  gsize length = 0;

  if (version == NULL)
    return FALSE;
  list = json_object_new ();
  items = json_array_new ();
  if (core)
    json_array_add_object_element (items, group_entry (self, ""));
  else
    {
      groups = sim_discovery_groups (self);
      for (guint i = 0; i < groups->len; i++)
        json_array_add_object_element (items, group_entry (self, g_ptr_array_index (groups, i)));
    }
  api_version = g_strdup_printf ("apidiscovery.k8s.io/%s", version);
  json_object_set_string_member (list, "kind", "APIGroupDiscoveryList");
  json_object_set_string_member (list, "apiVersion", api_version);
  json_object_set_object_member (list, "metadata", json_object_new ());
  json_object_set_array_member (list, "items", items);
  data = sim_json_object_to_string (list, &length);
  content_type = g_strdup_printf (MEDIA_PREFIX "%s" MEDIA_SUFFIX, version);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, g_steal_pointer (&data),
                                    length);
  return TRUE;
}
