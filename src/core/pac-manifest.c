/* pac-manifest.c: TanzuKubernetesCluster YAML, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading keeps the whole object in the PacClusterSpec; writing starts
 * from that object and sets or removes only the fields the spec models,
 * so labels, failureDomain, nodeDrainTimeout and the like survive a
 * round trip. A problem names its field and, for text, line and column.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-manifest.h"
#include "pac-manifest-private.h"
#include "pac-yaml.h"

#define KIND "TanzuKubernetesCluster"

struct _PacManifest
{
  GObject parent_instance;
  PacClusterSpec *spec;
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (PacManifest, pac_manifest, G_TYPE_OBJECT)

static void
pac_manifest_finalize (GObject *object)
{
  PacManifest *self = PAC_MANIFEST (object);

  g_clear_object (&self->spec);
  g_ptr_array_unref (self->problems);
  G_OBJECT_CLASS (pac_manifest_parent_class)->finalize (object);
}

static void
pac_manifest_class_init (PacManifestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_manifest_finalize;
}

static void
pac_manifest_init (PacManifest *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_problem_free);
}

/* Reading */

static GStrv
read_strings (JsonObject *object, const char *path)
{
  JsonArray *array = pac_json_array (object, path);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
    }
  return g_strv_builder_end (builder);
}

static GStrv
read_labels (JsonObject *pool)
{
  JsonObject *labels = pac_json_object (pool, "labels");
  g_autoptr (GList) keys = labels ? json_object_get_members (labels) : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (GList *l = keys; l; l = l->next)
    {
      /* keys hold dots ("example.com/tier"): not a path */
      JsonNode *node = json_object_get_member (labels, l->data);
      const char *value = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      g_autofree char *pair = value ? g_strdup_printf ("%s=%s", (char *) l->data, value) : NULL;

      if (pair)
        g_strv_builder_add (builder, pair);
    }
  return g_strv_builder_end (builder);
}

/* key=value:Effect, as kubectl taint writes them */
static GStrv
read_taints (JsonObject *pool)
{
  JsonArray *taints = pac_json_array (pool, "taints");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; taints && i < json_array_get_length (taints); i++)
    {
      JsonObject *taint = pac_json_node_object (json_array_get_element (taints, i));
      const char *value = taint ? pac_json_string (taint, "value") : NULL;

      g_autofree char *text = NULL;

      if (taint && pac_json_string (taint, "key") && pac_json_string (taint, "effect"))
        text = g_strdup_printf ("%s%s%s:%s", pac_json_string (taint, "key"), value ? "=" : "",
                                value ? value : "", pac_json_string (taint, "effect"));
      if (text)
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static char *
read_capacity (JsonObject *volume)
{
  JsonObject *capacity = pac_json_object (volume, "capacity");
  JsonNode *storage = capacity ? json_object_get_member (capacity, "storage") : NULL;

  if (storage == NULL || !JSON_NODE_HOLDS_VALUE (storage))
    return NULL;
  if (json_node_get_value_type (storage) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (storage));
  return g_strdup (json_node_get_string (storage));
}

static void
read_volumes (PacNodePool *pool, JsonObject *object)
{
  JsonArray *volumes = pac_json_array (object, "volumes");

  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      JsonObject *volume = pac_json_node_object (json_array_get_element (volumes, i));
      g_autofree char *capacity = volume ? read_capacity (volume) : NULL;

      if (volume)
        g_ptr_array_add (pac_node_pool_get_volumes (pool),
                         pac_volume_new (pac_json_string (volume, "name"),
                                         pac_json_string (volume, "mountPath"), capacity,
                                         pac_json_string (volume, "storageClass")));
    }
}

static PacNodePool *
read_pool (JsonObject *object, PacTkcApi api)
{
  gboolean v1 = api == PAC_TKC_V1ALPHA1;
  PacNodePool *pool = pac_node_pool_new (v1 ? "workers" : pac_json_string (object, "name"));
  g_auto (GStrv) labels = read_labels (object);
  g_auto (GStrv) taints = read_taints (object);
  gint64 replicas = pac_json_int (object, v1 ? "count" : "replicas", PAC_NODE_POOL_REPLICAS_UNSET);

  /* beyond int32 the shape check refuses it; here it only has to fit */
  pac_node_pool_set_replicas (pool, replicas == PAC_NODE_POOL_REPLICAS_UNSET
                                      ? PAC_NODE_POOL_REPLICAS_UNSET
                                      : (int) CLAMP (replicas, G_MININT + 1, G_MAXINT));
  pac_node_pool_set_vm_class (pool, pac_json_string (object, v1 ? "class" : "vmClass"));
  pac_node_pool_set_storage_class (pool, pac_json_string (object, "storageClass"));
  pac_node_pool_set_labels (pool, (const char *const *) labels);
  pac_node_pool_set_taints (pool, (const char *const *) taints);
  read_volumes (pool, object);
  pac_node_pool_set_source (pool, object);
  return pool;
}

static void
read_topology (PacClusterSpec *spec, JsonObject *spec_object, PacTkcApi api)
{
  gboolean v1 = api == PAC_TKC_V1ALPHA1;
  JsonObject *control_plane = pac_json_object (spec_object, "topology.controlPlane");
  GListStore *pools = pac_cluster_spec_get_node_pools (spec);
  JsonArray *pool_list = pac_json_array (spec_object, "topology.nodePools");
  const char *tkr = v1 ? pac_json_string (spec_object, "distribution.version")
                       : pac_json_string (control_plane, "tkr.reference.name");

  if (control_plane)
    {
      gint64 replicas = pac_json_int (control_plane, v1 ? "count" : "replicas", 1);

      pac_cluster_spec_set_control_plane_replicas (spec, CLAMP (replicas, 0, G_MAXINT));
      pac_cluster_spec_set_control_plane_vm_class (
        spec, pac_json_string (control_plane, v1 ? "class" : "vmClass"));
      pac_cluster_spec_set_control_plane_storage_class (
        spec, pac_json_string (control_plane, "storageClass"));
    }
  /* v1alpha2 may still carry the deprecated distribution; an empty hint
   * is no hint: a 7.0.1 Supervisor keeps version "" beside the
   * fullVersion it resolved, which is then the cluster's release */
  if (tkr == NULL || *tkr == '\0')
    tkr = pac_json_string (spec_object, "distribution.version");
  if (tkr == NULL || *tkr == '\0')
    tkr = pac_json_string (spec_object, "distribution.fullVersion");
  if (tkr && *tkr == '\0')
    tkr = NULL;
  pac_cluster_spec_set_tkr (spec, tkr);
  if (v1 && pac_json_object (spec_object, "topology.workers"))
    {
      g_autoptr (PacNodePool) pool
        = read_pool (pac_json_object (spec_object, "topology.workers"), api);

      g_list_store_append (pools, pool);
    }
  for (guint i = 0; !v1 && pool_list && i < json_array_get_length (pool_list); i++)
    {
      JsonObject *object = pac_json_node_object (json_array_get_element (pool_list, i));
      g_autoptr (PacNodePool) pool = object ? read_pool (object, api) : NULL;

      if (pool)
        g_list_store_append (pools, pool);
    }
}

static void
read_trust (PacClusterSpec *spec, JsonObject *network)
{
  JsonArray *cas = pac_json_array (network, "trust.additionalTrustedCAs");

  for (guint i = 0; cas && i < json_array_get_length (cas); i++)
    {
      JsonObject *ca = pac_json_node_object (json_array_get_element (cas, i));
      const char *data = ca ? pac_json_string (ca, "data") : NULL;
      g_autofree guchar *pem = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      if (ca == NULL)
        continue;
      /* The field holds the PEM encoded once more as base64 */
      if (data)
        pem = g_base64_decode (data, &length);
      if (pem && length > 0 && !memchr (pem, '\0', length))
        text = g_strndup ((char *) pem, length);
      g_ptr_array_add (pac_cluster_spec_get_trusted_cas (spec),
                       pac_trusted_ca_new (pac_json_string (ca, "name"), text));
    }
}

static void
read_settings (PacClusterSpec *spec, JsonObject *spec_object)
{
  JsonObject *network = pac_json_object (spec_object, "settings.network");
  g_auto (GStrv) pods = read_strings (spec_object, "settings.network.pods.cidrBlocks");
  g_auto (GStrv) services = read_strings (spec_object, "settings.network.services.cidrBlocks");
  g_auto (GStrv) no_proxy = read_strings (spec_object, "settings.network.proxy.noProxy");

  pac_cluster_spec_set_cni (spec, pac_json_string (spec_object, "settings.network.cni.name"));
  pac_cluster_spec_set_pod_cidrs (spec, (const char *const *) pods);
  pac_cluster_spec_set_service_cidrs (spec, (const char *const *) services);
  pac_cluster_spec_set_service_domain (
    spec, pac_json_string (spec_object, "settings.network.serviceDomain"));
  pac_cluster_spec_set_proxy (spec,
                              pac_json_string (spec_object, "settings.network.proxy.httpProxy"),
                              pac_json_string (spec_object, "settings.network.proxy.httpsProxy"),
                              (const char *const *) no_proxy);
  if (network)
    read_trust (spec, network);
  pac_cluster_spec_set_default_storage_class (
    spec, pac_json_string (spec_object, "settings.storage.defaultClass"));
}

/* "os-name=ubuntu" (other keys may follow, comma-separated) */
static char *
read_os_image (JsonObject *root)
{
  JsonObject *annotations = pac_json_object (root, "metadata.annotations");
  JsonNode *node
    = annotations ? json_object_get_member (annotations, PAC_MANIFEST_OS_ANNOTATION) : NULL;
  const char *value = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
  g_auto (GStrv) pairs = value ? g_strsplit (value, ",", -1) : NULL;

  for (guint i = 0; pairs && pairs[i]; i++)
    if (g_str_has_prefix (g_strstrip (pairs[i]), "os-name="))
      return g_strdup (pairs[i] + strlen ("os-name="));
  return NULL;
}

static PacClusterSpec *
read_spec (JsonObject *root, PacTkcApi api)
{
  JsonObject *spec_object = pac_json_object (root, "spec");
  PacClusterSpec *spec = pac_cluster_spec_new (pac_json_string (root, "metadata.name"),
                                               pac_json_string (root, "metadata.namespace"), api);
  g_autofree char *os = read_os_image (root);

  pac_cluster_spec_set_os_image (spec, os);
  if (spec_object)
    {
      read_topology (spec, spec_object, api);
      read_settings (spec, spec_object);
    }
  pac_cluster_spec_set_source (spec, root);
  return spec;
}

/* The mark of @path or else of the nearest field above it that has one */
static void
locate (PacProblem *problem, GHashTable *marks)
{
  g_autofree char *path = g_strdup (problem->path);

  while (TRUE)
    {
      PacYamlMark *mark = g_hash_table_lookup (marks, path);
      char *cut = MAX (strrchr (path, '.'), strrchr (path, '['));

      if (mark)
        {
          problem->line = mark->line;
          problem->column = mark->column;
          return;
        }
      if (cut == NULL)
        {
          mark = g_hash_table_lookup (marks, "");
          if (mark)
            problem->line = mark->line, problem->column = mark->column;
          return;
        }
      *cut = '\0';
    }
}

static gboolean
already_reported (GPtrArray *problems, const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PacProblem *problem = problems->pdata[i];

      if (g_str_has_prefix (path, problem->path)
          && strchr (".[", path[strlen (problem->path)]) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GError *
kind_error (JsonObject *root, GHashTable *marks)
{
  const char *kind = pac_json_string (root, "kind");
  const char *api_version = pac_json_string (root, "apiVersion");
  PacTkcApi api;
  PacYamlMark *mark = g_hash_table_lookup (marks, g_strcmp0 (kind, KIND) ? "kind" : "apiVersion");
  g_autofree char *where
    = mark ? g_strdup_printf (_ ("line %u, column %u: "), mark->line, mark->column) : g_strdup ("");

  if (g_strcmp0 (kind, KIND) != 0)
    return g_error_new (PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("%skind: this is not a TanzuKubernetesCluster"), where);
  if (!pac_tkc_api_from_string (api_version, &api))
    return g_error_new (PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("%sapiVersion: must be run.tanzu.vmware.com/v1alpha1, v1alpha2 "
                           "or v1alpha3"),
                        where);
  return NULL;
}

/**
 * pac_manifest_parse:
 *
 * Reads a TanzuKubernetesCluster. Text that is not YAML, or not a TKC of
 * a known API version, is an error; a TKC with problems is a manifest
 * whose problems pac_manifest_get_problems() lists.
 *
 * Returns: (transfer full) (nullable): the manifest
 */
PacManifest *
pac_manifest_parse (const char *text, gssize length, GError **error)
{
  g_autoptr (GHashTable) marks = NULL;
  g_autoptr (JsonNode) root = pac_yaml_load_with_marks (text, length, &marks, error);
  g_autoptr (GPtrArray) semantic = NULL;
  JsonObject *object;
  PacManifest *self;
  PacTkcApi api;
  GError *wrong_kind;

  if (root == NULL)
    return NULL;
  object = pac_json_node_object (root);
  if (object == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("This is not a TanzuKubernetesCluster: the document is not a mapping"));
      return NULL;
    }
  if ((wrong_kind = kind_error (object, marks)))
    {
      g_propagate_error (error, wrong_kind);
      return NULL;
    }
  pac_tkc_api_from_string (pac_json_string (object, "apiVersion"), &api);
  self = g_object_new (PAC_TYPE_MANIFEST, NULL);
  pac_manifest_check_shape (object, api, self->problems);
  self->spec = read_spec (object, api);
  semantic = pac_cluster_spec_validate (self->spec);
  for (guint i = 0; i < semantic->len; i++)
    {
      PacProblem *problem = semantic->pdata[i];

      if (!already_reported (self->problems, problem->path))
        g_ptr_array_add (self->problems, pac_problem_copy (problem));
    }
  for (guint i = 0; i < self->problems->len; i++)
    locate (self->problems->pdata[i], marks);
  return self;
}

/* Returns: (transfer none): what was read, problems and all */
PacClusterSpec *
pac_manifest_get_spec (PacManifest *self)
{
  return self->spec;
}

/* Returns: (transfer none) (element-type PacProblem): in the text's terms */
GPtrArray *
pac_manifest_get_problems (PacManifest *self)
{
  return self->problems;
}

/* Every problem, one a line, as one PAC_ERROR_INVALID */
gboolean
pac_manifest_check (PacManifest *self, GError **error)
{
  g_autofree char *text = NULL;

  if (self->problems->len == 0)
    return TRUE;
  text = pac_problems_to_string (self->problems);
  g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID, text);
  return FALSE;
}

/**
 * pac_manifest_read:
 *
 * Reads a manifest that must have no problems at all.
 *
 * Returns: (transfer full) (nullable): its spec
 */
PacClusterSpec *
pac_manifest_read (const char *text, gssize length, GError **error)
{
  g_autoptr (PacManifest) manifest = pac_manifest_parse (text, length, error);

  if (manifest == NULL || !pac_manifest_check (manifest, error))
    return NULL;
  return g_object_ref (manifest->spec);
}

/* The live object without what the server sets: what an edit starts
 * from, and what a merge patch is made against */
JsonNode *
pac_manifest_editable (JsonNode *live)
{
  static const char *const server_fields[] = { "managedFields",
                                               "resourceVersion",
                                               "uid",
                                               "creationTimestamp",
                                               "generation",
                                               "selfLink",
                                               "deletionTimestamp",
                                               "deletionGracePeriodSeconds",
                                               NULL };
  JsonNode *copy = pac_json_deep_copy (live);
  JsonObject *object = json_node_get_object (copy);
  JsonObject *metadata = pac_json_object (object, "metadata");

  json_object_remove_member (object, "status");
  for (guint i = 0; metadata && server_fields[i]; i++)
    json_object_remove_member (metadata, server_fields[i]);
  return copy;
}
