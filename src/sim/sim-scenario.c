/* sim-scenario.c: the seeded states --scenario picks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * empty  a Supervisor with no content library and no vSphere namespace
 * demo   VMware's library synced; three vSphere namespaces (dev, test,
 *        prod) with storage policies, VM classes, access lists and a
 *        running cluster each, for demos and screenshots
 * large  demo plus --namespaces N vSphere namespaces with
 *        --clusters-per-namespace M running clusters each, and 5000
 *        config maps, for pagination and the speed of long lists
 */
#define G_LOG_DOMAIN "sim-scenario"

#include "sim-server.h"

#include "sim-inventory.h"
#include "sim-json.h"
#include "sim-tkc.h"

#include <string.h>

static void
put (SimServer *self, const char *storage_key, const char *json)
{
  g_autoptr (JsonNode) node = sim_json_parse (json, -1, NULL);
  JsonObject *object = json_node_get_object (node);
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  g_assert (node != NULL);
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  sim_store_put (sim_server_get_store (self), storage_key, object);
}

static void
put_config_map (SimServer *self,
                const char *ns,
                const char *name,
                const char *key,
                const char *value)
{
  g_autofree char *json = g_strdup_printf ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                           "\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\"},"
                                           "\"data\":{\"%s\":\"%s\"}}",
                                           name, ns, key, value);

  put (self, "/configmaps", json);
}

/* vSphere 8: a ClusterClass-based cluster, so that clients can list v1beta1 Clusters. */
static void
put_capi_cluster (SimServer *self, const char *namespace, const char *name, const char *version)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":"
    "\"%s\",\"namespace\":\"%s\",\"generation\":1},\"spec\":{\"clusterNetwork\":{\"services\":"
    "{\"cidrBlocks\":[\"10.96.0.0/12\"]},\"pods\":{\"cidrBlocks\":[\"192.168.0.0/16\"]},"
    "\"serviceDomain\":\"cluster.local\"},\"topology\":{\"class\":\"tanzukubernetescluster\","
    "\"version\":\"%s\",\"controlPlane\":{\"replicas\":1},\"workers\":{\"machineDeployments\":"
    "[{\"class\":\"node-pool\",\"name\":\"np-1\",\"replicas\":2}]},\"variables\":[{\"name\":"
    "\"vmClass\",\"value\":\"best-effort-small\"},{\"name\":\"storageClass\",\"value\":"
    "\"vsan-default-storage-policy\"}]}},\"status\":{\"phase\":\"Provisioned\"}}",
    name, namespace, version);

  put (self, "cluster.x-k8s.io/clusters", json);
}

static void
put_tkg_service_configuration (SimServer *self)
{
  const SimKind *kind = sim_tkg_service_configuration_kind (self);
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"run.tanzu.vmware.com/%s\",\"kind\":\"TkgServiceConfiguration\","
    "\"metadata\":{\"name\":\"tkg-service-configuration\",\"generation\":1},"
    "\"spec\":{\"defaultCNI\":\"antrea\"}}",
    kind->version);

  put (self, "run.tanzu.vmware.com/tkgserviceconfigurations", json);
}

static void
put_system_namespace (SimServer *self, const char *name)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"%s\",\"labels\":{"
    "\"kubernetes.io/metadata.name\":\"%s\"}},\"spec\":{\"finalizers\":[\"kubernetes\"]},"
    "\"status\":{\"phase\":\"Active\"}}",
    name, name);

  put (self, "/namespaces", json);
}

/* A vSphere namespace as vCenter creates it (sim-inventory.c) */
static void
create_namespace (SimServer *self,
                  const char *name,
                  const char *const *policies,
                  const char *const *vm_classes,
                  const char *access)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  g_string_append_printf (json,
                          "{\"cluster\":\"" SIM_CLUSTER_ID "\",\"namespace\":\"%s\","
                          "\"description\":\"\",\"access_list\":[%s],\"storage_specs\":[",
                          name, access ? access : "");
  for (guint i = 0; policies[i]; i++)
    g_string_append_printf (json, "%s{\"policy\":\"%s\",\"limit\":0}", i ? "," : "", policies[i]);
  g_string_append (json, "],\"vm_service_spec\":{\"vm_classes\":[");
  for (guint i = 0; vm_classes[i]; i++)
    g_string_append_printf (json, "%s\"%s\"", i ? "," : "", vm_classes[i]);
  g_string_append (json, "]}}");
  node = sim_json_parse (json->str, -1, NULL);
  if (!sim_inventory_create_namespace (self, json_node_get_object (node), &error))
    g_error ("scenario namespace %s: %s", name, error->message);
}

/* A running cluster, in the stored form (sim-tkc.h) */
static void
put_cluster (SimServer *self,
             const char *namespace,
             const char *name,
             const char *release,
             int control_plane,
             int workers,
             const char *vm_class,
             const char *storage_class,
             gboolean running)
{
  g_autofree char *version = sim_tkc_release_version (release);
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesCluster\","
    "\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\",\"generation\":1,\"finalizers\":["
    "\"" SIM_TKC_FINALIZER "\"]},\"spec\":{\"topology\":{\"controlPlane\":{\"replicas\":%d,"
    "\"vmClass\":\"%s\",\"storageClass\":\"%s\",\"tkr\":{\"reference\":{\"name\":\"%s\"}}},"
    "\"nodePools\":[{\"name\":\"workers\",\"replicas\":%d,\"vmClass\":\"%s\",\"storageClass\":"
    "\"%s\"}]},\"distribution\":{\"fullVersion\":\"%s\",\"version\":\"\"},\"settings\":{"
    "\"network\":{\"cni\":{\"name\":\"antrea\"},\"services\":{\"cidrBlocks\":["
    "\"10.96.0.0/12\"]},\"pods\":{\"cidrBlocks\":[\"192.168.0.0/16\"]},\"serviceDomain\":"
    "\"cluster.local\"}}}}",
    name, namespace, control_plane, vm_class, storage_class, release, workers, vm_class,
    storage_class, version);
  g_autoptr (JsonNode) node = sim_json_parse (json, -1, NULL);
  JsonObject *object = json_node_get_object (node);
  JsonObject *metadata = sim_json_get_object (object, "metadata");
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  if (running)
    sim_tkc_make_running (self, object);
  sim_store_put (sim_server_get_store (self), SIM_TKC_STORAGE_KEY, object);
}

static void
load_empty (SimServer *self)
{
  static const char *const system_namespaces[]
    = { "default", "kube-node-lease", "kube-public", "kube-system", "vmware-system-tkg", NULL };

  for (guint i = 0; system_namespaces[i]; i++)
    put_system_namespace (self, system_namespaces[i]);
  put_tkg_service_configuration (self);
  sim_inventory_load_vm_classes (self);
}

#define VSAN "aa6d5a82-1c88-45da-85d3-3d74b91a5bad"
#define GOLD "4d0f3a2e-8b5c-4a1e-9c6d-2f7e8a9b0c1d"
#define USER(name, role)                                                                           \
  "{\"subject_type\":\"USER\",\"subject\":\"" name "\",\"domain\":\"vsphere.local\","              \
  "\"role\":\"" role "\"}"

/* Releases the demo clusters run, Compatible on each Supervisor release:
 * a newer one, an older one (with an update available), a third. */
static const char *const *
demo_releases (SimServer *self)
{
  const char *sv = sim_server_get_options (self)->supervisor_version;
  static const char *const r701[]
    = { "v1.17.8---vmware.1-tkg.1.5417466", "v1.16.8---vmware.1-tkg.3.60d2ffd",
        "v1.18.5---vmware.1-tkg.1.c40d30d" };
  static const char *const r702[]
    = { "v1.19.7---vmware.1-tkg.1.fc82c41", "v1.18.5---vmware.1-tkg.1.c40d30d",
        "v1.20.2---vmware.1-tkg.1.1d4f79a" };
  static const char *const r703[]
    = { "v1.22.9---vmware.1-tkg.1.cc71bc8", "v1.20.2---vmware.1-tkg.1.1d4f79a",
        "v1.19.7---vmware.1-tkg.1.fc82c41" };
  static const char *const r8[]
    = { "v1.26.5---vmware.2-fips.1-tkg.1", "v1.25.7---vmware.3-fips.1-tkg.1",
        "v1.26.5---vmware.2-fips.1-tkg.1" };

  if (g_str_equal (sv, "7.0.1"))
    return r701;
  if (g_str_equal (sv, "7.0.2"))
    return r702;
  if (g_str_equal (sv, "7.0.3"))
    return r703;
  return r8;
}

static void
load_demo (SimServer *self)
{
  const char *const *releases;

  load_empty (self);
  sim_inventory_seed_library (self);
  create_namespace (self, "dev", (const char *const[]){ VSAN, GOLD, NULL },
                    (const char *const[]){ "best-effort-xsmall", "best-effort-small",
                                           "best-effort-medium", "guaranteed-small", NULL },
                    USER ("devops", "OWNER") "," USER ("viewer", "VIEW"));
  create_namespace (self, "test", (const char *const[]){ VSAN, NULL },
                    (const char *const[]){ "best-effort-small", "best-effort-medium", NULL },
                    USER ("devops", "EDIT") "," USER ("viewer", "VIEW"));
  create_namespace (self, "prod", (const char *const[]){ GOLD, NULL },
                    (const char *const[]){ "guaranteed-small", "guaranteed-medium", NULL }, NULL);
  releases = demo_releases (self);
  put_cluster (self, "dev", "dev-cluster-01", releases[0], 1, 2, "best-effort-small",
               "vsan-default-storage-policy", TRUE);
  put_cluster (self, "test", "qa-cluster", releases[1], 1, 3, "best-effort-medium",
               "vsan-default-storage-policy", TRUE);
  put_cluster (self, "prod", "payments", releases[2], 3, 5, "guaranteed-medium", "tanzu-gold",
               TRUE);
  put_config_map (self, "dev", "team-settings", "owner", "platform-team");
  put_config_map (self, "test", "team-settings", "owner", "qa-team");
  if (sim_server_is_vsphere_8 (self))
    put_capi_cluster (self, "dev", "dev-classy-01", "v1.26.5+vmware.2-fips.1-tkg.1");
}

/* --namespaces N --clusters-per-namespace M more, and 5000 config maps */
static void
load_large (SimServer *self)
{
  const SimServerOptions *options = sim_server_get_options (self);
  const char *release = demo_releases (self)[0];

  load_demo (self);
  for (guint i = 0; i < options->large_namespaces; i++)
    {
      g_autofree char *name = g_strdup_printf ("department-%03u", i);
      create_namespace (self, name, (const char *const[]){ VSAN, NULL },
                        (const char *const[]){ "best-effort-small", NULL },
                        USER ("devops", "EDIT"));
      for (guint c = 0; c < options->large_clusters_per_namespace; c++)
        {
          g_autofree char *cluster = g_strdup_printf ("cluster-%03u", c);
          put_cluster (self, name, cluster, release, 1, 2, "best-effort-small",
                       "vsan-default-storage-policy", TRUE);
        }
    }
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("settings-%04u", i);
      g_autofree char *value = g_strdup_printf ("%u", i);
      put_config_map (self, "dev", name, "index", value);
    }
}

gboolean
sim_scenario_load (SimServer *self, const char *name, GError **error)
{
  if (g_str_equal (name, "empty"))
    load_empty (self);
  else if (g_str_equal (name, "demo"))
    load_demo (self);
  else if (g_str_equal (name, "large"))
    load_large (self);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown scenario “%s” (empty, demo or large)", name);
      return FALSE;
    }
  return TRUE;
}
