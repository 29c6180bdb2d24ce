/* sim-scenario.c: the seeded states --scenario picks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * empty  the namespaces every Supervisor has, no vSphere namespace yet
 * demo   three vSphere namespaces (dev, test, prod) with storage classes
 *        and a few objects, for demos and screenshots
 * large  demo plus 50 more vSphere namespaces and 5000 config maps, for
 *        pagination and the speed of long lists
 */
#define G_LOG_DOMAIN "sim-scenario"

#include "sim-server.h"

#include "sim-json.h"

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
put_namespace (SimServer *self, const char *name, gboolean vsphere)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"%s\"%s},"
    "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}",
    name, vsphere ? ",\"labels\":{\"vSphereClusterID\":\"domain-c8\"}" : "");

  put (self, "/namespaces", json);
}

static void
put_storage_class (SimServer *self, const char *name, const char *policy_id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"storage.k8s.io/"
    "v1\",\"kind\":\"StorageClass\",\"metadata\":{\"name\":\"%s\"},"
    "\"provisioner\":\"csi.vsphere.vmware.com\",\"parameters\":{\"storagePolicyID\":\"%s\"},"
    "\"reclaimPolicy\":\"Delete\",\"volumeBindingMode\":\"Immediate\",\"allowVolumeExpansion\":"
    "true}",
    name, policy_id);

  put (self, "storage.k8s.io/storageclasses", json);
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

/* ---- the Supervisor's catalogue ---- */

static const char *const images_7[] = {
  /* A vSphere 7.0.2a content library, from real `kubectl get virtualmachineimages`. */
  "ob-15957779-photon-3-k8s-v1.16.8---vmware.1-tkg.3.60d2ffd",
  "ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466",
  "ob-16924026-photon-3-k8s-v1.18.5---vmware.1-tkg.1.c40d30d",
  "ob-17010758-photon-3-k8s-v1.17.11---vmware.1-tkg.2.ad3d374",
  "ob-17660956-photon-3-k8s-v1.19.7---vmware.1-tkg.1.fc82c41",
  "ob-17861429-photon-3-k8s-v1.20.2---vmware.1-tkg.1.1d4f79a",
  "ob-19930037-photon-3-k8s-v1.22.9---vmware.1-tkg.1.cc71bc8",
  NULL,
};

static const char *const images_8[] = {
  "ob-21554036-ubuntu-2004-amd64-vmi-k8s-v1.23.15---vmware.1-tkg.4",
  "ob-21554409-photon-3-amd64-vmi-k8s-v1.24.9---vmware.1-tkg.4",
  "ob-21961086-photon-3-amd64-vmi-k8s-v1.25.7---vmware.3-fips.1-tkg.1",
  "ob-22187091-ubuntu-2004-amd64-vmi-k8s-v1.26.5---vmware.2-fips.1-tkg.1",
  NULL,
};

/* Which Kubernetes minors a Supervisor release accepts. vSphere 8: the
 * research's listing (1.25 to 1.30 with -tkg builds; 1.24 and older are
 * not). vSphere 7: the article's v1.17.8 on 7.0.1; the other ranges are
 * the simulator's assumption, one or two minors per update. */
static gboolean
compatible (SimServer *self, guint minor)
{
  const char *sv = sim_server_get_options (self)->supervisor_version;

  if (g_str_equal (sv, "7.0.1"))
    return minor >= 16 && minor <= 18;
  if (g_str_equal (sv, "7.0.2"))
    return minor >= 16 && minor <= 20;
  if (g_str_equal (sv, "7.0.3"))
    return minor >= 18 && minor <= 22;
  return minor >= 25 && minor <= 30;
}

/* "v1.17.8---vmware.1-tkg.1.5417466" out of an item name; the release name */
static char *
release_name_of (const char *image)
{
  const char *v = strstr (image, "-k8s-v");

  return g_strdup (v ? v + 5 : image);
}

static char *
plus_form (const char *release_name)
{
  g_auto (GStrv) parts = g_strsplit (release_name, "---", 2);

  return g_strjoinv ("+", parts);
}

static guint
minor_of (const char *version)
{
  return (guint) g_ascii_strtoull (strchr (version, '.') + 1, NULL, 10);
}

static void
put_vm_class (SimServer *self, const char *name, int cpus, const char *memory)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":\"VirtualMachineClass\","
    "\"metadata\":{\"name\":\"%s\",\"generation\":1},\"spec\":{\"hardware\":{\"cpus\":%d,"
    "\"memory\":\"%s\"}}}",
    name, cpus, memory);

  put (self, "vmoperator.vmware.com/virtualmachineclasses", json);
}

static void
put_release (SimServer *self, const char *name, const char *image)
{
  g_autofree char *version = plus_form (name);
  gboolean ok = compatible (self, minor_of (version));
  gboolean v8 = g_str_equal (sim_server_get_options (self)->supervisor_version, "8.0");
  g_autofree char *json = NULL;

  if (v8)
    json = g_strdup_printf (
      "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesRelease\","
      "\"metadata\":{\"name\":\"%s\",\"generation\":1,\"labels\":{\"os-name\":\"%s\","
      "\"os-type\":\"linux\"%s}},\"spec\":{\"version\":\"%s\",\"kubernetes\":{\"version\":"
      "\"%.*s\"},\"osImages\":[{\"name\":\"%s\"}]},\"status\":{\"conditions\":["
      "{\"type\":\"Ready\",\"status\":\"%s\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"},"
      "{\"type\":\"Compatible\",\"status\":\"%s\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"}]"
      "}}",
      name, strstr (image, "ubuntu") ? "ubuntu" : "photon", ok ? "" : ",\"incompatible\":\"\"",
      version,
      (int) (strstr (version, "-") ? strstr (version, "-") - version : (long) strlen (version)),
      version, image, ok ? "True" : "False", ok ? "True" : "False");
  else
    json = g_strdup_printf (
      "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha1\",\"kind\":\"TanzuKubernetesRelease\","
      "\"metadata\":{\"name\":\"%s\",\"generation\":1%s},\"spec\":{\"version\":\"%s\","
      "\"kubernetesVersion\":\"%.*s\",\"repository\":\"vmware.io\",\"nodeImageRef\":{"
      "\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":\"VirtualMachineImage\","
      "\"name\":\"%s\"}},\"status\":{\"conditions\":[{\"type\":\"Compatible\",\"status\":"
      "\"%s\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"},{\"type\":\"UpdatesAvailable\","
      "\"status\":\"False\",\"reason\":\"NoUpdates\",\"lastTransitionTime\":\"2024-01-01T00:00:"
      "00Z\"}]}}",
      name, ok ? "" : ",\"labels\":{\"incompatible\":\"\"}", version,
      (int) (strstr (version, "-") ? strstr (version, "-") - version : (long) strlen (version)),
      version, image, ok ? "True" : "False");
  put (self, "run.tanzu.vmware.com/tanzukubernetesreleases", json);
}

/* A VM service image: no Kubernetes, no version annotation. */
static void
put_service_image_7 (SimServer *self, const char *item)
{
  g_autofree char *plain = g_strdup_printf (
    "{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":\"VirtualMachineImage\","
    "\"metadata\":{\"name\":\"%s\",\"generation\":1},\"spec\":{\"type\":\"ovf\","
    "\"imageID\":\"%s\",\"providerRef\":{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\","
    "\"kind\":\"ContentLibraryProvider\",\"name\":\"a0a3c5bd-4f7e-4c8e-9e2c-7d2f1a0c6b11\"},"
    "\"productInfo\":{},\"osInfo\":{\"type\":\"centos8_64Guest\"}},\"status\":{\"imageName\":"
    "\"%s\",\"imageSupported\":true,\"internalId\":\"%s\"}}",
    item, item, item, item);

  put (self, "vmoperator.vmware.com/virtualmachineimages", plain);
}

/* vSphere 7: cluster-scoped, named after the item, version annotation */
static void
put_image_7 (SimServer *self, const char *item)
{

  g_autofree char *name = release_name_of (item);
  g_autofree char *version = plus_form (name);
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":\"VirtualMachineImage\","
    "\"metadata\":{\"name\":\"%s\",\"generation\":1,\"annotations\":{"
    "\"vmware-system.guest.kubernetes.distribution.image.version\":"
    "\"{\\\"distribution\\\":{\\\"version\\\":\\\"%s\\\"}}\"}},"
    "\"spec\":{\"type\":\"ovf\",\"imageSourceType\":\"Content "
    "Library\",\"imageID\":\"%s\",\"providerRef\":{"
    "\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":\"ContentLibraryProvider\","
    "\"name\":\"a0a3c5bd-4f7e-4c8e-9e2c-7d2f1a0c6b11\"},\"productInfo\":{\"product\":"
    "\"Tanzu Kubernetes Grid Service\",\"vendor\":\"VMware Inc.\",\"version\":\"%s\","
    "\"fullVersion\":\"%s\"},\"osInfo\":{\"type\":\"vmwarePhoton64Guest\",\"version\":\"3\"}},"
    "\"status\":{\"imageName\":\"%s\",\"imageSupported\":false,\"internalId\":\"%s\"}}",
    item, version, item, version, version, item, item);

  put (self, "vmoperator.vmware.com/virtualmachineimages", json);
}

/* vSphere 8: namespaced, generated name, the item name in status.name */
static void
put_image_8 (SimServer *self, const char *namespace, const char *item, guint index)
{
  g_autofree char *name = release_name_of (item);
  g_autofree char *version = plus_form (name);
  g_autofree char *short_version
    = g_strndup (version, strstr (version, "-tkg") ? strstr (version, "-tkg") - version
                                                   : (long) strlen (version));
  guint hash = g_str_hash (namespace) ^ g_str_hash (item);
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"vmoperator.vmware.com/v1alpha2\",\"kind\":\"VirtualMachineImage\","
    "\"metadata\":{\"name\":\"vmi-%08x%09x\",\"namespace\":\"%s\",\"generation\":1},"
    "\"spec\":{\"providerRef\":{\"apiVersion\":\"imageregistry.vmware.com/v1alpha1\","
    "\"kind\":\"ContentLibraryItem\",\"name\":\"clitem-%08x\"}},\"status\":{\"name\":\"%s\","
    "\"productInfo\":{\"version\":\"%s\"},\"osInfo\":{\"type\":\"%s\",\"version\":\"%s\"},"
    "\"hardwareVersion\":17,\"capabilities\":[\"cloud-init\"],\"vmwareSystemProperties\":["
    "{\"key\":\"vmware-system.guest.kubernetes.distribution.image.version\",\"value\":"
    "\"{\\\"distribution\\\":{\\\"version\\\":\\\"%s\\\"}}\"}]}}",
    hash, index, namespace, hash, item, short_version,
    strstr (item, "ubuntu") ? "ubuntu64Guest" : "vmwarePhoton64Guest",
    strstr (item, "ubuntu") ? "20.04" : "3", version);

  put (self, "vmoperator.vmware.com/virtualmachineimages", json);
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
load_catalogue (SimServer *self, const char *const *namespaces)
{
  gboolean v8 = g_str_equal (sim_server_get_options (self)->supervisor_version, "8.0");
  const char *const *images = v8 ? images_8 : images_7;

  put_vm_class (self, "best-effort-xsmall", 2, "2Gi");
  put_vm_class (self, "best-effort-small", 2, "4Gi");
  put_vm_class (self, "best-effort-medium", 2, "8Gi");
  put_vm_class (self, "best-effort-large", 4, "16Gi");
  put_vm_class (self, "guaranteed-small", 2, "4Gi");
  put_vm_class (self, "guaranteed-medium", 2, "8Gi");
  for (guint i = 0; images[i]; i++)
    {
      g_autofree char *release = release_name_of (images[i]);
      put_release (self, release, images[i]);
      if (!v8)
        put_image_7 (self, images[i]);
      for (guint n = 0; v8 && namespaces[n]; n++)
        put_image_8 (self, namespaces[n], images[i], i);
    }
  if (!v8)
    put_service_image_7 (self, "centos-stream-8-vmservice-v1alpha1-1619529007339");
  else
    put_capi_cluster (self, "dev", "dev-classy-01", "v1.26.5+vmware.2-fips.1-tkg.1");
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
load_empty (SimServer *self)
{
  static const char *const system_namespaces[]
    = { "default", "kube-node-lease", "kube-public", "kube-system", "vmware-system-tkg", NULL };

  for (guint i = 0; system_namespaces[i]; i++)
    put_namespace (self, system_namespaces[i], FALSE);
  put_tkg_service_configuration (self);
}

static void
load_demo (SimServer *self)
{
  static const char *const names[] = { "dev", "test", "prod", NULL };

  load_empty (self);
  for (guint i = 0; names[i]; i++)
    put_namespace (self, names[i], TRUE);
  put_storage_class (self, "vsan-default-storage-policy", "aa6d5a82-1c88-45da-85d3-3d74b91a5bad");
  put_storage_class (self, "tanzu-gold", "4d0f3a2e-8b5c-4a1e-9c6d-2f7e8a9b0c1d");
  load_catalogue (self, names);
  put_config_map (self, "dev", "team-settings", "owner", "platform-team");
  put_config_map (self, "test", "team-settings", "owner", "qa-team");
}

static void
load_large (SimServer *self)
{
  load_demo (self);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("department-%02u", i);
      put_namespace (self, name, TRUE);
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
