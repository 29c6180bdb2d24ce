/* sim-tkc.c: TanzuKubernetesCluster (run.tanzu.vmware.com), served in
 * v1alpha1 on 7.0.x, v1alpha2 from 7.0.3 and v1alpha3 on 8.0, with the
 * conversion between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Field trees and printer columns from VMware's CRDs (doc/protocols.md);
 * the v1alpha1 to v1alpha2 mapping as VMware documents the automatic
 * conversion (count → replicas, class → vmClass, workers → nodePools[0]
 * named "workers", distribution → tkr.reference.name in the name form).
 * vSphere 8 serves v1alpha2 and v1alpha3 only: v1alpha1 clusters have to
 * be converted before that upgrade.
 */
#define G_LOG_DOMAIN "sim-tkc"

#include "sim-tkc.h"

#include "sim-json.h"
#include "sim-schema-json.h"

#include <string.h>

#define STRINGS "{\"type\":\"array\",\"items\":" STRING "}"
#define INTEGER "{\"type\":\"integer\"}"
#define CIDRS "{\"type\":\"object\",\"properties\":{\"cidrBlocks\":" STRINGS "}}"
#define CNI "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":" STRING "}}"
#define STORAGE                                                                                    \
  "\"storage\":{\"type\":\"object\",\"properties\":{\"classes\":" STRINGS                          \
  ",\"defaultClass\":" STRING "}}"
#define DISTRIBUTION                                                                               \
  "\"distribution\":{\"type\":\"object\",\"properties\":{\"version\":" STRING                      \
  ",\"fullVersion\":" STRING "}}"

/* ---- v1alpha1 ---- */

#define TOPOLOGY_V1ALPHA1                                                                          \
  "{\"type\":\"object\",\"required\":[\"class\",\"count\",\"storageClass\"],\"properties\":{"      \
  "\"count\":" INTEGER ",\"class\":" STRING ",\"storageClass\":" STRING "}}"

static const SimColumn columns_v1alpha1[] = {
  { "Control Plane", "integer", ".spec.topology.controlPlane.count", "", 0 },
  { "Worker", "integer", ".spec.topology.workers.count", "", 0 },
  { "Distribution", "string", ".spec.distribution.fullVersion", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "Phase", "string", ".status.phase", "", 0 },
  { NULL },
};

static JsonObject *convert (const SimKind *kind, JsonObject *object, gboolean to_storage);

static const SimKind tkc_v1alpha1 = {
  .group = "run.tanzu.vmware.com",
  .version = "v1alpha1",
  .plural = "tanzukubernetesclusters",
  .singular = "tanzukubernetescluster",
  .kind = "TanzuKubernetesCluster",
  .short_names = (const char *const[]){ "tkc", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = columns_v1alpha1,
  .schema_name = "com.vmware.tanzu.run.v1alpha1.TanzuKubernetesCluster",
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":\"object\","
    "\"required\":[\"distribution\",\"topology\"],\"properties\":{\"topology\":{\"type\":"
    "\"object\",\"required\":[\"controlPlane\",\"workers\"],\"properties\":{"
    "\"controlPlane\":" TOPOLOGY_V1ALPHA1 ",\"workers\":" TOPOLOGY_V1ALPHA1 "}}," DISTRIBUTION
    ",\"settings\":{"
    "\"type\":\"object\",\"properties\":{\"network\":{\"type\":\"object\",\"properties\":{"
    "\"cni\":" CNI ",\"services\":" CIDRS ",\"pods\":" CIDRS ",\"serviceDomain\":" STRING
    "}}," STORAGE "}}}},\"status\":" OPEN "}}",
  .validate = sim_tkc_validate,
  .admission_webhook = "default.validating.tanzukubernetescluster.run.tanzu.vmware.com",
  .convert = convert,
};

/* ---- v1alpha2 and v1alpha3 ---- */

#define VOLUMES                                                                                    \
  "\"volumes\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"capacity\","     \
  "\"mountPath\",\"name\"],\"properties\":{\"name\":" STRING ",\"mountPath\":" STRING              \
  ",\"capacity\":" STRING_MAP ",\"storageClass\":" STRING "}}}"
#define TOPOLOGY_SETTINGS                                                                          \
  "\"replicas\":" INTEGER ",\"vmClass\":" STRING ",\"storageClass\":" STRING                       \
  ",\"tkr\":{\"type\":\"object\",\"properties\":{\"reference\":{\"type\":\"object\","              \
  "\"properties\":{\"apiVersion\":" STRING ",\"kind\":" STRING ",\"name\":" STRING                 \
  ",\"namespace\":" STRING ",\"uid\":" STRING ",\"resourceVersion\":" STRING                       \
  ",\"fieldPath\":" STRING "}}}}," VOLUMES ",\"nodeDrainTimeout\":" STRING
#define TAINTS                                                                                     \
  "\"taints\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"effect\","        \
  "\"key\"],\"properties\":{\"key\":" STRING ",\"value\":" STRING ",\"effect\":" STRING            \
  ",\"timeAdded\":" STRING "}}}"
#define SCHEMA_V1ALPHA2_PLUS(NODE_POOL_EXTRA)                                                      \
  "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":\"object\","     \
  "\"required\":[\"topology\"],\"properties\":{\"topology\":{\"type\":\"object\",\"required\":"    \
  "[\"controlPlane\",\"nodePools\"],\"properties\":{\"controlPlane\":{\"type\":\"object\","        \
  "\"required\":[\"storageClass\",\"vmClass\"],\"properties\":{" TOPOLOGY_SETTINGS "}},"           \
  "\"nodePools\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"name\","       \
  "\"storageClass\",\"vmClass\"],\"properties\":{\"name\":" STRING ",\"labels\":" STRING_MAP       \
  "," TAINTS "," TOPOLOGY_SETTINGS NODE_POOL_EXTRA "}}}}}," DISTRIBUTION ",\"settings\":{"         \
  "\"type\":\"object\",\"properties\":{\"network\":{\"type\":\"object\",\"properties\":{"          \
  "\"cni\":" CNI ",\"services\":" CIDRS ",\"pods\":" CIDRS ",\"serviceDomain\":" STRING            \
  ",\"proxy\":{\"type\":\"object\",\"properties\":{\"httpProxy\":" STRING                          \
  ",\"httpsProxy\":" STRING ",\"noProxy\":" STRINGS                                                \
  "}},\"trust\":{\"type\":\"object\",\"properties\":{"                                             \
  "\"additionalTrustedCAs\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":"      \
  "[\"data\",\"name\"],\"properties\":{\"name\":" STRING ",\"data\":" STRING "}}}}}}}," STORAGE    \
  "}}}},\"status\":" OPEN "}}"

static const SimColumn columns_v1alpha2[] = {
  { "Control Plane", "integer", ".spec.topology.controlPlane.replicas", "", 0 },
  { "Worker", "integer", ".status.totalWorkerReplicas", "", 0 },
  { "TKR Name", "string", ".spec.topology.controlPlane.tkr.reference.name", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "Ready", "string", ".status.conditions[?(@.type=='Ready')].status", "", 0 },
  { "TKR Compatible", "string",
    ".status.conditions[?(@.type=='TanzuKubernetesReleaseCompatible')].status", "", 0 },
  { "Updates Available", "string", ".status.conditions[?(@.type=='UpdatesAvailable')].message", "",
    0 },
  { NULL },
};

static const SimKind tkc_v1alpha2 = {
  .group = "run.tanzu.vmware.com",
  .version = "v1alpha2",
  .plural = "tanzukubernetesclusters",
  .singular = "tanzukubernetescluster",
  .kind = "TanzuKubernetesCluster",
  .short_names = (const char *const[]){ "tkc", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = columns_v1alpha2,
  .schema_name = "com.vmware.tanzu.run.v1alpha2.TanzuKubernetesCluster",
  .schema_json = SCHEMA_V1ALPHA2_PLUS (""),
  .validate = sim_tkc_validate,
  .admission_webhook = "default.validating.tanzukubernetescluster.run.tanzu.vmware.com",
  .convert = convert,
};

static const SimKind tkc_v1alpha3 = {
  .group = "run.tanzu.vmware.com",
  .version = "v1alpha3",
  .plural = "tanzukubernetesclusters",
  .singular = "tanzukubernetescluster",
  .kind = "TanzuKubernetesCluster",
  .short_names = (const char *const[]){ "tkc", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = columns_v1alpha2,
  .schema_name = "com.vmware.tanzu.run.v1alpha3.TanzuKubernetesCluster",
  .schema_json = SCHEMA_V1ALPHA2_PLUS (",\"failureDomain\":" STRING),
  .validate = sim_tkc_validate,
  .admission_webhook = "default.validating.tanzukubernetescluster.run.tanzu.vmware.com",
  .convert = convert,
};

gboolean
sim_tkc_is_v1alpha1 (const SimKind *kind)
{
  return g_str_equal (kind->version, "v1alpha1");
}

/* Every release stores the v1alpha3 tree (see sim-tkc.h). */
#define STORED_API_VERSION "run.tanzu.vmware.com/v1alpha3"

/* ---- conversion ---- */

static char *
name_form (const char *version)
{
  g_auto (GStrv) parts = g_strsplit (version, "+", -1);

  return g_strjoinv ("---", parts);
}

/* v1alpha1 topology {count, class, storageClass} into the stored shape */
static JsonObject *
topology_from_v1alpha1 (JsonObject *old_form)
{
  JsonObject *pool = json_object_new ();

  sim_json_move (old_form, "count", pool, "replicas");
  sim_json_move (old_form, "class", pool, "vmClass");
  sim_json_move (old_form, "storageClass", pool, "storageClass");
  return pool;
}

static void
spec_from_v1alpha1 (JsonObject *spec)
{
  JsonObject *topology = sim_json_ensure_object (spec, "topology");
  JsonObject *control_plane = sim_json_get_object (topology, "controlPlane");
  JsonObject *workers = sim_json_get_object (topology, "workers");
  const char *full_version = sim_json_get_path_string (spec, "distribution.fullVersion");
  JsonObject *new_cp = topology_from_v1alpha1 (control_plane);
  JsonObject *pool = topology_from_v1alpha1 (workers);
  JsonArray *pools = json_array_new ();

  /* The admission webhook resolves a version hint; a full version names
   * the release already. */
  if (full_version && *full_version)
    {
      g_autofree char *release = name_form (full_version);
      JsonObject *reference
        = sim_json_ensure_object (sim_json_ensure_object (new_cp, "tkr"), "reference");
      json_object_set_string_member (reference, "name", release);
    }
  json_object_set_string_member (pool, "name", "workers");
  json_array_add_object_element (pools, pool);
  json_object_set_object_member (topology, "controlPlane", new_cp);
  json_object_remove_member (topology, "workers");
  json_object_set_array_member (topology, "nodePools", pools);
}

static JsonObject *
topology_to_v1alpha1 (JsonObject *stored)
{
  JsonObject *old_form = json_object_new ();

  if (stored == NULL)
    return old_form;
  if (json_object_has_member (stored, "replicas"))
    sim_json_move (stored, "replicas", old_form, "count");
  else
    json_object_set_int_member (old_form, "count", 1);
  sim_json_move (stored, "vmClass", old_form, "class");
  sim_json_move (stored, "storageClass", old_form, "storageClass");
  return old_form;
}

static const struct
{
  const char *type;
  const char *key;
} addon_keys[] = {
  { "AuthService", "authsvc" },
  { "CPI", "cloudprovider" },
  { "CNI", "cni" },
  { "CSI", "csi" },
  { "DNS", "dns" },
  { "Proxy", "proxy" },
  { "PSP", "psp" },
};

static JsonObject *
addons_to_v1alpha1 (JsonArray *addons)
{
  JsonObject *map = json_object_new ();

  for (guint i = 0; addons && i < json_array_get_length (addons); i++)
    {
      JsonObject *addon = json_array_get_object_element (addons, i);
      const char *type = sim_json_get_string (addon, "type");
      JsonArray *conditions = sim_json_get_array (addon, "conditions");
      JsonObject *entry;
      gboolean applied = FALSE;

      for (guint c = 0; conditions && c < json_array_get_length (conditions); c++)
        applied |= g_strcmp0 (
                     sim_json_get_string (json_array_get_object_element (conditions, c), "status"),
                     "True")
                   == 0;
      for (guint k = 0; k < G_N_ELEMENTS (addon_keys); k++)
        if (g_strcmp0 (type, addon_keys[k].type) == 0)
          {
            entry = json_object_new ();
            json_object_set_string_member (entry, "name", sim_json_get_string (addon, "name"));
            json_object_set_string_member (entry, "status", applied ? "applied" : "pending");
            if (sim_json_get_string (addon, "version"))
              json_object_set_string_member (entry, "version",
                                             sim_json_get_string (addon, "version"));
            json_object_set_object_member (map, addon_keys[k].key, entry);
          }
    }
  return map;
}

static void
status_to_v1alpha1 (JsonObject *status)
{
  JsonObject *capi = json_object_new ();
  JsonArray *addons = sim_json_get_array (status, "addons");
  const char *phase = sim_json_get_string (status, "phase");

  sim_json_move (status, "apiEndpoints", capi, "apiEndpoints");
  json_object_set_string_member (
    capi, "phase", g_strcmp0 (phase, "creating") == 0 ? "provisioning" : "provisioned");
  json_object_set_object_member (status, "clusterApiStatus", capi);
  if (addons)
    json_object_set_object_member (status, "addons", addons_to_v1alpha1 (addons));
  json_object_remove_member (status, "conditions");
  json_object_remove_member (status, "totalWorkerReplicas");
}

/* A status written as v1alpha1: its endpoints back where the stored form
 * keeps them; the add-ons and Cluster API phase it shows are derived, so
 * the stored ones stay (what a write does not carry is kept) */
static void
status_from_v1alpha1 (JsonObject *status)
{
  JsonObject *capi = sim_json_get_object (status, "clusterApiStatus");

  if (capi && sim_json_get_array (capi, "apiEndpoints"))
    sim_json_move (capi, "apiEndpoints", status, "apiEndpoints");
  json_object_remove_member (status, "clusterApiStatus");
  json_object_remove_member (status, "addons");
}

static void
to_v1alpha1 (JsonObject *object)
{
  JsonObject *spec = sim_json_ensure_object (object, "spec");
  JsonObject *topology = sim_json_ensure_object (spec, "topology");
  JsonObject *control_plane = sim_json_get_object (topology, "controlPlane");
  JsonArray *pools = sim_json_get_array (topology, "nodePools");
  JsonObject *first_pool
    = pools && json_array_get_length (pools) ? json_array_get_object_element (pools, 0) : NULL;
  JsonObject *network = sim_json_get_path_object (spec, "settings.network");
  JsonObject *distribution = sim_json_ensure_object (spec, "distribution");
  JsonObject *status = sim_json_get_object (object, "status");
  const char *release
    = control_plane ? sim_json_get_path_string (control_plane, "tkr.reference.name") : NULL;

  if (release && !sim_json_get_string (distribution, "fullVersion"))
    {
      g_autofree char *full = sim_tkc_release_version (release);
      json_object_set_string_member (distribution, "fullVersion", full);
    }
  if (!sim_json_get_string (distribution, "version"))
    json_object_set_string_member (distribution, "version",
                                   sim_json_get_string (distribution, "fullVersion"));
  json_object_set_object_member (topology, "workers", topology_to_v1alpha1 (first_pool));
  json_object_set_object_member (topology, "controlPlane", topology_to_v1alpha1 (control_plane));
  json_object_remove_member (topology, "nodePools");
  if (network)
    {
      json_object_remove_member (network, "proxy");
      json_object_remove_member (network, "trust");
    }
  if (status)
    status_to_v1alpha1 (status);
}

/* What the stored shape has that v1alpha2 and v1alpha3 do not show */
static void
to_v1alpha2_plus (JsonObject *object, gboolean v1alpha3)
{
  JsonObject *status = sim_json_get_object (object, "status");
  JsonArray *pools
    = sim_json_get_array (sim_json_get_path_object (object, "spec.topology"), "nodePools");

  if (status)
    {
      json_object_remove_member (status, "vmStatus");
      json_object_remove_member (status, "nodeStatus");
    }
  for (guint i = 0; !v1alpha3 && pools && i < json_array_get_length (pools); i++)
    json_object_remove_member (json_array_get_object_element (pools, i), "failureDomain");
}

static JsonObject *
convert (const SimKind *kind, JsonObject *object, gboolean to_storage)
{
  JsonObject *copy = sim_json_object_copy (object);
  g_autofree char *api_version = NULL;

  if (to_storage)
    {
      if (sim_tkc_is_v1alpha1 (kind))
        {
          spec_from_v1alpha1 (sim_json_ensure_object (copy, "spec"));
          if (sim_json_get_object (copy, "status"))
            status_from_v1alpha1 (sim_json_get_object (copy, "status"));
        }
      json_object_set_string_member (copy, "apiVersion", STORED_API_VERSION);
      return copy;
    }
  if (sim_tkc_is_v1alpha1 (kind))
    to_v1alpha1 (copy);
  else
    to_v1alpha2_plus (copy, g_str_equal (kind->version, "v1alpha3"));
  api_version = sim_kind_api_version (kind);
  json_object_set_string_member (copy, "apiVersion", api_version);
  return copy;
}

/* The host of a cluster's first API endpoint, or %NULL while it has none */
const char *
sim_tkc_endpoint_host (JsonObject *cluster)
{
  JsonArray *endpoints
    = sim_json_get_array (sim_json_get_object (cluster, "status"), "apiEndpoints");

  if (endpoints == NULL || json_array_get_length (endpoints) == 0)
    return NULL;
  return sim_json_get_string (json_array_get_object_element (endpoints, 0), "host");
}

void
sim_tkc_register (SimServer *self)
{
  const char *release = sim_server_get_options (self)->supervisor_version;

  if (g_str_equal (release, "8.0u3"))
    {
      /* 8.0 Update 3 serves v1alpha3 alone */
      sim_server_register_kind (self, &tkc_v1alpha3);
    }
  else if (g_str_equal (release, "8.0"))
    {
      /* The last registered is the preferred version. */
      sim_server_register_kind (self, &tkc_v1alpha2);
      sim_server_register_kind (self, &tkc_v1alpha3);
    }
  else if (g_str_equal (release, "7.0.3"))
    {
      sim_server_register_kind (self, &tkc_v1alpha1);
      sim_server_register_kind (self, &tkc_v1alpha2);
    }
  else
    {
      sim_server_register_kind (self, &tkc_v1alpha1);
    }
}
