/* pac-manifest-write.c: a cluster spec as a TanzuKubernetesCluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts from a deep copy of the object the spec was read from and sets
 * or removes only the modelled fields, in the shape of the spec's API
 * version: v1alpha1's count/class/workers/distribution, or the
 * replicas/vmClass/nodePools/tkr of v1alpha2 and v1alpha3.
 */
#include "pac-json.h"
#include "pac-manifest.h"
#include "pac-yaml.h"

static JsonObject *
child_object (JsonObject *parent, const char *key)
{
  JsonNode *node = json_object_get_member (parent, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_object_member (parent, key, json_object_new ());
  return json_object_get_object_member (parent, key);
}

static void
set_string (JsonObject *object, const char *key, const char *value)
{
  if (value)
    json_object_set_string_member (object, key, value);
  else
    json_object_remove_member (object, key);
}

static void
set_strings (JsonObject *object, const char *key, const char *const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values && values[i]; i++)
    json_array_add_string_element (array, values[i]);
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, key, array);
  else
    {
      json_array_unref (array);
      json_object_remove_member (object, key);
    }
}

static void
remove_members (JsonObject *object, const char *const *keys)
{
  for (guint i = 0; keys[i]; i++)
    json_object_remove_member (object, keys[i]);
}

/* Drops @key when it is an empty mapping */
static void
prune (JsonObject *parent, const char *key)
{
  JsonObject *child = pac_json_object (parent, key);

  if (child && json_object_get_size (child) == 0)
    json_object_remove_member (parent, key);
}

/* TKR names spell "+" as "---" (it is not allowed in names) */
static char *
tkr_for (PacTkcApi api, const char *tkr)
{
  g_autoptr (GString) text = g_string_new (tkr);

  if (api == PAC_TKC_V1ALPHA1)
    g_string_replace (text, "---", "+", 0);
  else
    g_string_replace (text, "+", "---", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A deep copy of @source, to change freely; an empty object for NULL */
static JsonObject *
copy_or_new (JsonObject *source)
{
  g_autoptr (JsonNode) wrapped = NULL;
  g_autoptr (JsonNode) copy = NULL;

  if (source == NULL)
    return json_object_new ();
  wrapped = json_node_init_object (json_node_alloc (), source);
  copy = pac_json_deep_copy (wrapped);
  return json_object_ref (json_node_get_object (copy));
}

/* The item of @source whose @key is @value, deep-copied, or a new object:
 * the one at @position when it matches, so that two items of one name (a
 * problem the form shows) each keep their own fields and a round trip
 * stays the same (found by the manifest fuzzer) */
static JsonObject *
matching_item (JsonObject *source,
               const char *array,
               const char *key,
               const char *value,
               guint position)
{
  JsonArray *items = source ? pac_json_array (source, array) : NULL;
  JsonObject *at = items && position < json_array_get_length (items)
                     ? pac_json_node_object (json_array_get_element (items, position))
                     : NULL;

  if (at && g_strcmp0 (pac_json_string (at, key), value) == 0)
    return copy_or_new (at);

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *object = pac_json_node_object (json_array_get_element (items, i));

      if (object && g_strcmp0 (pac_json_string (object, key), value) == 0)
        return copy_or_new (object);
    }
  return json_object_new ();
}

static void
write_labels (JsonObject *pool_object, PacNodePool *pool)
{
  const char *const *labels = pac_node_pool_get_labels (pool);
  JsonObject *object = json_object_new ();

  for (guint i = 0; labels[i]; i++)
    {
      g_auto (GStrv) pair = g_strsplit (labels[i], "=", 2);

      json_object_set_string_member (object, pair[0], pair[1] ? pair[1] : "");
    }
  json_object_set_object_member (pool_object, "labels", object);
  prune (pool_object, "labels");
}

static void
write_taints (JsonObject *pool_object, PacNodePool *pool, JsonObject *source)
{
  const char *const *taints = pac_node_pool_get_taints (pool);
  JsonArray *array = json_array_new ();

  for (guint i = 0; taints[i]; i++)
    {
      const char *colon = strrchr (taints[i], ':');
      gsize length = colon ? (gsize) (colon - taints[i]) : strlen (taints[i]);
      g_autofree char *head = g_strndup (taints[i], length);
      char *equals = strchr (head, '=');
      JsonObject *taint;

      if (equals)
        *equals++ = '\0';
      taint = matching_item (source, "taints", "key", head, i);
      json_object_set_string_member (taint, "key", head);
      set_string (taint, "value", equals);
      json_object_set_string_member (taint, "effect", colon ? colon + 1 : "");
      json_array_add_object_element (array, taint);
    }
  json_object_set_array_member (pool_object, "taints", array);
  if (json_array_get_length (array) == 0)
    json_object_remove_member (pool_object, "taints");
}

static void
write_volumes (JsonObject *pool_object, PacNodePool *pool, JsonObject *source)
{
  GPtrArray *volumes = pac_node_pool_get_volumes (pool);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < volumes->len; i++)
    {
      PacVolume *volume = volumes->pdata[i];
      JsonObject *object = matching_item (source, "volumes", "name", volume->name, i);

      set_string (object, "name", volume->name);
      set_string (object, "mountPath", volume->mount_path);
      set_string (child_object (object, "capacity"), "storage", volume->capacity);
      set_string (object, "storageClass", volume->storage_class);
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (pool_object, "volumes", array);
  if (volumes->len == 0)
    json_object_remove_member (pool_object, "volumes");
}

static JsonObject *
write_pool (PacNodePool *pool, PacTkcApi api)
{
  JsonObject *source = pac_node_pool_get_source (pool);
  JsonObject *object = copy_or_new (source);
  gboolean v1 = api == PAC_TKC_V1ALPHA1;
  int replicas = pac_node_pool_get_replicas (pool);

  remove_members (object, v1 ? (const char *const[]){ "name", "replicas", "vmClass", "labels",
                                                      "taints", "volumes", "tkr", NULL }
                             : (const char *const[]){ "count", "class", NULL });
  if (!v1)
    set_string (object, "name", pac_node_pool_get_name (pool));
  if (replicas != PAC_NODE_POOL_REPLICAS_UNSET)
    json_object_set_int_member (object, v1 ? "count" : "replicas", replicas);
  else
    json_object_remove_member (object, v1 ? "count" : "replicas");
  set_string (object, v1 ? "class" : "vmClass", pac_node_pool_get_vm_class (pool));
  set_string (object, "storageClass", pac_node_pool_get_storage_class (pool));
  if (!v1)
    {
      write_labels (object, pool);
      write_taints (object, pool, source);
      write_volumes (object, pool, source);
    }
  return object;
}

static void
write_topology (JsonObject *spec_object, PacClusterSpec *spec, PacTkcApi api)
{
  gboolean v1 = api == PAC_TKC_V1ALPHA1;
  JsonObject *topology = child_object (spec_object, "topology");
  JsonObject *control_plane = child_object (topology, "controlPlane");
  GListModel *pools = G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec));
  g_autofree char *tkr
    = pac_cluster_spec_get_tkr (spec) ? tkr_for (api, pac_cluster_spec_get_tkr (spec)) : NULL;

  remove_members (control_plane, v1 ? (const char *const[]){ "replicas", "vmClass", "tkr", NULL }
                                    : (const char *const[]){ "count", "class", NULL });
  json_object_set_int_member (control_plane, v1 ? "count" : "replicas",
                              pac_cluster_spec_get_control_plane_replicas (spec));
  set_string (control_plane, v1 ? "class" : "vmClass",
              pac_cluster_spec_get_control_plane_vm_class (spec));
  set_string (control_plane, "storageClass",
              pac_cluster_spec_get_control_plane_storage_class (spec));
  if (v1)
    {
      JsonObject *distribution = child_object (spec_object, "distribution");
      const char *full = pac_json_string (distribution, "fullVersion");

      json_object_remove_member (topology, "nodePools");
      if (g_list_model_get_n_items (pools) > 0)
        {
          g_autoptr (PacNodePool) pool = g_list_model_get_item (pools, 0);

          json_object_set_object_member (topology, "workers", write_pool (pool, api));
        }
      /* version "" beside the fullVersion it resolved to (7.0.1) stays as
       * it is while the release does */
      if (!(full && g_strcmp0 (full, tkr) == 0
            && g_strcmp0 (pac_json_string (distribution, "version"), "") == 0))
        set_string (distribution, "version", tkr);
      /* a resolved version of another hint would pin the old one */
      if (full && (tkr == NULL || !g_str_has_prefix (full, tkr)))
        json_object_remove_member (distribution, "fullVersion");
      return;
    }
  json_object_remove_member (topology, "workers");
  json_object_remove_member (spec_object, "distribution");
  if (tkr)
    set_string (child_object (child_object (control_plane, "tkr"), "reference"), "name", tkr);
  {
    JsonArray *array = json_array_new ();

    for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
      {
        g_autoptr (PacNodePool) pool = g_list_model_get_item (pools, i);

        json_array_add_object_element (array, write_pool (pool, api));
      }
    json_object_set_array_member (topology, "nodePools", array);
  }
}

static void
write_cidrs (JsonObject *network, const char *key, const char *const *cidrs)
{
  set_strings (child_object (network, key), "cidrBlocks", cidrs);
  prune (network, key);
}

static void
write_trust (JsonObject *network, PacClusterSpec *spec)
{
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (spec);
  JsonObject *source = pac_json_object (network, "trust");
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < cas->len; i++)
    {
      PacTrustedCa *ca = cas->pdata[i];
      JsonObject *object = matching_item (source, "additionalTrustedCAs", "name", ca->name, i);
      g_autofree char *data
        = ca->pem ? g_base64_encode ((const guchar *) ca->pem, strlen (ca->pem)) : NULL;

      set_string (object, "name", ca->name);
      set_string (object, "data", data);
      json_array_add_object_element (array, object);
    }
  if (cas->len > 0)
    json_object_set_array_member (child_object (network, "trust"), "additionalTrustedCAs", array);
  else
    {
      json_array_unref (array);
      if (source)
        json_object_remove_member (source, "additionalTrustedCAs");
    }
  prune (network, "trust");
}

static void
write_proxy (JsonObject *network, PacClusterSpec *spec)
{
  JsonObject *proxy = child_object (network, "proxy");

  set_string (proxy, "httpProxy", pac_cluster_spec_get_http_proxy (spec));
  set_string (proxy, "httpsProxy", pac_cluster_spec_get_https_proxy (spec));
  set_strings (proxy, "noProxy", pac_cluster_spec_get_no_proxy (spec));
  prune (network, "proxy");
}

static void
write_settings (JsonObject *spec_object, PacClusterSpec *spec, PacTkcApi api)
{
  JsonObject *settings = child_object (spec_object, "settings");
  JsonObject *network = child_object (settings, "network");
  JsonObject *storage = child_object (settings, "storage");
  const char *cni = pac_cluster_spec_get_cni (spec);

  if (cni)
    json_object_set_string_member (child_object (network, "cni"), "name", cni);
  else
    json_object_remove_member (network, "cni");
  write_cidrs (network, "pods", pac_cluster_spec_get_pod_cidrs (spec));
  write_cidrs (network, "services", pac_cluster_spec_get_service_cidrs (spec));
  set_string (network, "serviceDomain", pac_cluster_spec_get_service_domain (spec));
  if (api == PAC_TKC_V1ALPHA1)
    remove_members (network, (const char *const[]){ "proxy", "trust", NULL });
  else
    {
      write_proxy (network, spec);
      write_trust (network, spec);
    }
  set_string (storage, "defaultClass", pac_cluster_spec_get_default_storage_class (spec));
  prune (settings, "network");
  prune (settings, "storage");
  prune (spec_object, "settings");
}

static void
write_metadata (JsonObject *root, PacClusterSpec *spec)
{
  JsonObject *metadata = child_object (root, "metadata");
  const char *os = pac_cluster_spec_get_os_image (spec);
  g_autofree char *os_value = os ? g_strconcat ("os-name=", os, NULL) : NULL;

  set_string (metadata, "name", pac_cluster_spec_get_name (spec));
  set_string (metadata, "namespace", pac_cluster_spec_get_namespace (spec));
  set_string (child_object (metadata, "annotations"), PAC_MANIFEST_OS_ANNOTATION, os_value);
  prune (metadata, "annotations");
}

/**
 * pac_manifest_to_json:
 *
 * Returns: (transfer full): the TanzuKubernetesCluster of @spec
 */
JsonNode *
pac_manifest_to_json (PacClusterSpec *spec)
{
  PacTkcApi api = pac_cluster_spec_get_api (spec);
  g_autoptr (JsonObject) object = copy_or_new (pac_cluster_spec_get_source (spec));
  JsonNode *root = json_node_init_object (json_node_alloc (), object);

  json_object_set_string_member (object, "apiVersion", pac_tkc_api_to_string (api));
  json_object_set_string_member (object, "kind", "TanzuKubernetesCluster");
  write_metadata (object, spec);
  write_topology (child_object (object, "spec"), spec, api);
  write_settings (child_object (object, "spec"), spec, api);
  return root;
}

/* Returns: (transfer full): the YAML of pac_manifest_to_json() */
char *
pac_manifest_render (PacClusterSpec *spec)
{
  g_autoptr (JsonNode) root = pac_manifest_to_json (spec);

  return pac_yaml_dump (root);
}
