/* sim-inventory.c: vCenter's records and their effects on the Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vSphere namespaces in vCenter": a namespace has storage
 * policies (its storage classes, with a quota), VM classes (bindings)
 * and an access list (roles); a subscribed library attached to the
 * Supervisor brings Kubernetes releases and their images once synced.
 */
#define G_LOG_DOMAIN "sim-inventory"

#include "sim-inventory.h"

#include <string.h>

#include "sim-json.h"

#define NAMESPACES_KEY "vcenter/namespaces"
#define LIBRARIES_KEY "vcenter/libraries"
#define CLUSTERS_KEY "vcenter/clusters"

G_DEFINE_QUARK (sim - vapi - error - quark, sim_vapi_error)

const char *
sim_vapi_error_type (const GError *error)
{
  static const char *const types[]
    = { "INVALID_ARGUMENT", "ALREADY_EXISTS", "NOT_FOUND", "NOT_ALLOWED_IN_CURRENT_STATE" };

  if (error->domain != SIM_VAPI_ERROR || error->code < 0
      || (guint) error->code >= G_N_ELEMENTS (types))
    return "ERROR";
  return types[error->code];
}

static void
put_object (SimServer *self, const char *storage_key, JsonObject *object)
{
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  sim_store_put (sim_server_get_store (self), storage_key, object);
}

static void
put (SimServer *self, const char *storage_key, const char *json)
{
  g_autoptr (JsonNode) node = sim_json_parse (json, -1, NULL);

  g_assert (node != NULL);
  put_object (self, storage_key, json_node_get_object (node));
}

/* A release's version-prefix labels, as the TKR controller sets them:
 * v1, v1.24, v1.24.9, v1.24.9---vmware, v1.24.9---vmware.1, … and the
 * whole name, for label selectors such as -l v1.24. */
static void
add_version_labels (JsonObject *release, const char *name)
{
  JsonObject *labels
    = sim_json_ensure_object (sim_json_ensure_object (release, "metadata"), "labels");

  for (size_t i = 1; name[i]; i++)
    if ((name[i] == '.' || name[i] == '-') && name[i - 1] != '-')
      {
        g_autofree char *prefix = g_strndup (name, i);
        json_object_set_string_member (labels, prefix, "");
      }
  json_object_set_string_member (labels, name, "");
}

/* A vCenter record: the store wants metadata.name; the rest is vCenter's */
static void
put_record (SimServer *self, const char *key, const char *name, JsonObject *info)
{
  g_autoptr (JsonObject) record = json_object_new ();
  JsonObject *metadata = json_object_new ();

  json_object_set_string_member (metadata, "name", name);
  json_object_set_object_member (record, "metadata", metadata);
  json_object_set_object_member (record, "info", json_object_ref (info));
  sim_store_put (sim_server_get_store (self), key, record);
}

static JsonObject *
get_record (SimServer *self, const char *key, const char *name)
{
  JsonObject *record = sim_store_get (sim_server_get_store (self), key, NULL, name);

  return record ? sim_json_get_object (record, "info") : NULL;
}

/* The info of every record under @what ("namespaces", "libraries") */
GPtrArray *
sim_inventory_list (SimServer *server, const char *what)
{
  g_autofree char *key = g_strdup_printf ("vcenter/%s", what);
  g_autoptr (GPtrArray) records = sim_store_list (sim_server_get_store (server), key, NULL);
  GPtrArray *infos = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (infos, sim_json_get_object (g_ptr_array_index (records, i), "info"));
  return infos;
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
  gboolean v8 = sim_server_is_vsphere_8 (self);
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (v8)
    json = g_strdup_printf (
      "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesRelease\","
      "\"metadata\":{\"name\":\"%s\",\"generation\":1,\"labels\":{\"os-name\":\"%s\","
      "\"os-type\":\"linux\"%s}},\"spec\":{\"version\":\"%s\",\"kubernetes\":{\"version\":"
      "\"%.*s\"},\"osImages\":[{\"name\":\"%s\"}]},\"status\":{\"conditions\":["
      "{\"type\":\"Ready\",\"status\":\"%s\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"},"
      "{\"type\":\"Compatible\",\"status\":\"%s\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"},"
      "{\"type\":\"UpdatesAvailable\",\"status\":\"False\",\"reason\":\"AlreadyUpToDate\","
      "\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"}]}}",
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
  node = sim_json_parse (json, -1, NULL);
  add_version_labels (json_node_get_object (node), name);
  put_object (self, "run.tanzu.vmware.com/tanzukubernetesreleases", json_node_get_object (node));
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

static gboolean
is_vsphere_8 (SimServer *self)
{
  return sim_server_is_vsphere_8 (self);
}

void
sim_inventory_load_vm_classes (SimServer *server)
{
  put_vm_class (server, "best-effort-xsmall", 2, "2Gi");
  put_vm_class (server, "best-effort-small", 2, "4Gi");
  put_vm_class (server, "best-effort-medium", 2, "8Gi");
  put_vm_class (server, "best-effort-large", 4, "16Gi");
  put_vm_class (server, "guaranteed-small", 2, "4Gi");
  put_vm_class (server, "guaranteed-medium", 2, "8Gi");
}

static gboolean
catalogue_loaded (SimServer *self)
{
  return sim_store_count (sim_server_get_store (self),
                          "run.tanzu.vmware.com/tanzukubernetesreleases", NULL)
         > 0;
}

/* vSphere 8 images are per namespace: one copy of the library in each */
static void
put_namespace_images (SimServer *self, const char *namespace)
{
  for (guint i = 0; is_vsphere_8 (self) && images_8[i]; i++)
    put_image_8 (self, namespace, images_8[i], i);
}

/* What a synced subscribed library brings: releases and their images */
void
sim_inventory_load_catalogue (SimServer *server)
{
  gboolean v8 = is_vsphere_8 (server);
  const char *const *images = v8 ? images_8 : images_7;
  g_autoptr (GPtrArray) namespaces = sim_inventory_list (server, "namespaces");

  if (catalogue_loaded (server))
    return;
  for (guint i = 0; images[i]; i++)
    {
      g_autofree char *release = release_name_of (images[i]);
      put_release (server, release, images[i]);
      if (!v8)
        put_image_7 (server, images[i]);
    }
  if (!v8)
    put_service_image_7 (server, "centos-stream-8-vmservice-v1alpha1-1619529007339");
  for (guint n = 0; n < namespaces->len; n++)
    put_namespace_images (server,
                          sim_json_get_string (g_ptr_array_index (namespaces, n), "namespace"));
}

/* ---- storage ---- */

static const SimStoragePolicy policies[] = {
  { "aa6d5a82-1c88-45da-85d3-3d74b91a5bad", "vSAN Default Storage Policy",
    "Storage policy used as default for vSAN datastores" },
  { "4d0f3a2e-8b5c-4a1e-9c6d-2f7e8a9b0c1d", "tanzu-gold", "Tanzu workloads, gold tier" },
  { "c3a2f1e0-5b4d-4c3b-8a29-1f0e9d8c7b6a", "VM Encryption Policy",
    "Sample storage policy for VM encryption" },
};

const SimStoragePolicy *
sim_inventory_storage_policies (guint *n_policies)
{
  *n_policies = G_N_ELEMENTS (policies);
  return policies;
}

/* vSphere names a policy's storage class in DNS form: lower case,
 * dashes for everything else. */
char *
sim_inventory_storage_class_name (const char *policy_name)
{
  GString *name = g_string_new (NULL);

  for (const char *p = policy_name; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  return g_string_free (name, FALSE);
}

static const SimStoragePolicy *
find_policy (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    if (g_strcmp0 (policies[i].policy, id) == 0)
      return &policies[i];
  return NULL;
}

static void
ensure_storage_class (SimServer *self, const SimStoragePolicy *policy)
{
  g_autofree char *name = sim_inventory_storage_class_name (policy->name);
  g_autofree char *json = NULL;

  if (sim_store_get (sim_server_get_store (self), "storage.k8s.io/storageclasses", NULL, name))
    return;
  json = g_strdup_printf (
    "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\",\"metadata\":{\"name\":"
    "\"%s\"},\"provisioner\":\"csi.vsphere.vmware.com\",\"parameters\":{\"storagePolicyID\":"
    "\"%s\"},\"reclaimPolicy\":\"Delete\",\"volumeBindingMode\":\"Immediate\","
    "\"allowVolumeExpansion\":true}",
    name, policy->policy);
  put (self, "storage.k8s.io/storageclasses", json);
}

/* ---- vSphere namespaces ---- */

/* vCenter 7.0.1 has no VM Service: its namespaces have no vm_service_spec
 * (the field came with 7.0 Update 2), and every VM class serves them all */
static void
drop_vm_service (SimServer *self, JsonObject *info)
{
  if (sim_server_has_vm_service (self))
    return;
  if (json_object_has_member (info, "vm_service_spec"))
    json_object_remove_member (info, "vm_service_spec");
}

/* Checks the parts of a Create/UpdateSpec that name other things */
static gboolean
check_spec (SimServer *self, JsonObject *spec, GError **error)
{
  JsonArray *storage = sim_json_get_array (spec, "storage_specs");
  JsonArray *classes
    = sim_json_get_array (sim_json_get_object (spec, "vm_service_spec"), "vm_classes");
  JsonArray *access = sim_json_get_array (spec, "access_list");

  for (guint i = 0; storage && i < json_array_get_length (storage); i++)
    {
      const char *policy
        = sim_json_get_string (json_array_get_object_element (storage, i), "policy");
      if (find_policy (policy) == NULL)
        {
          g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                       "Storage policy %s does not exist.", policy ? policy : "(none)");
          return FALSE;
        }
    }
  for (guint i = 0; classes && i < json_array_get_length (classes); i++)
    {
      const char *vm_class = json_array_get_string_element (classes, i);
      if (!vm_class
          || !sim_store_get (sim_server_get_store (self),
                             "vmoperator.vmware.com/virtualmachineclasses", NULL, vm_class))
        {
          g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                       "VM class %s does not exist.", vm_class ? vm_class : "(none)");
          return FALSE;
        }
    }
  for (guint i = 0; access && i < json_array_get_length (access); i++)
    {
      const char *role = sim_json_get_string (json_array_get_object_element (access, i), "role");
      if (role == NULL
          || !g_strv_contains ((const char *const[]){ "OWNER", "EDIT", "VIEW", NULL }, role))
        {
          g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                       "Invalid role %s in the access list.", role ? role : "(none)");
          return FALSE;
        }
    }
  return TRUE;
}

static void
apply_quota (SimServer *self, const char *namespace, JsonArray *storage)
{
  g_autoptr (JsonObject) quota = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  JsonObject *hard = json_object_new ();
  g_autofree char *name = g_strdup_printf ("%s-storagequota", namespace);
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  for (guint i = 0; storage && i < json_array_get_length (storage); i++)
    {
      JsonObject *entry = json_array_get_object_element (storage, i);
      const SimStoragePolicy *policy = find_policy (sim_json_get_string (entry, "policy"));
      gint64 limit_mib = sim_json_get_int (entry, "limit", 0);
      g_autofree char *class_name = NULL;
      g_autofree char *key = NULL;
      g_autofree char *limit = NULL;

      if (policy == NULL) /* check_spec() let none through */
        continue;
      class_name = sim_inventory_storage_class_name (policy->name);
      key = g_strdup_printf ("%s.storageclass.storage.k8s.io/requests.storage", class_name);
      limit = limit_mib > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT "Mi", limit_mib)
                            : g_strdup ("9223372036854775807");

      ensure_storage_class (self, policy);
      json_object_set_string_member (hard, key, limit);
    }
  json_object_set_string_member (metadata, "name", name);
  json_object_set_string_member (metadata, "namespace", namespace);
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  json_object_set_object_member (spec, "hard", hard);
  json_object_set_string_member (quota, "apiVersion", "v1");
  json_object_set_string_member (quota, "kind", "ResourceQuota");
  json_object_set_object_member (quota, "metadata", metadata);
  json_object_set_object_member (quota, "spec", spec);
  sim_store_put (sim_server_get_store (self), "/resourcequotas", quota);
}

static void
apply_bindings (SimServer *self, const char *namespace, JsonArray *classes)
{
  SimStore *store = sim_server_get_store (self);
  const char *key = "vmoperator.vmware.com/virtualmachineclassbindings";
  g_autoptr (GPtrArray) existing = NULL;

  /* The VM service, and its bindings, came with 7.0.2. */
  if (!sim_server_has_vm_service (self))
    return;
  existing = sim_store_list (store, key, namespace);
  for (guint i = 0; i < existing->len; i++)
    {
      const char *name
        = sim_json_get_path_string (g_ptr_array_index (existing, i), "metadata.name");
      gboolean wanted = FALSE;
      for (guint c = 0; classes && c < json_array_get_length (classes); c++)
        wanted |= g_strcmp0 (json_array_get_string_element (classes, c), name) == 0;
      if (!wanted)
        sim_store_remove (store, key, namespace, name);
    }
  for (guint c = 0; classes && c < json_array_get_length (classes); c++)
    {
      const char *vm_class = json_array_get_string_element (classes, c);
      g_autofree char *json = NULL;

      if (sim_store_get (store, key, namespace, vm_class))
        continue;
      json = g_strdup_printf (
        "{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":"
        "\"VirtualMachineClassBinding\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\"},"
        "\"classRef\":{\"apiVersion\":\"vmoperator.vmware.com/v1alpha1\",\"kind\":"
        "\"VirtualMachineClass\",\"name\":\"%s\"}}",
        vm_class, namespace, vm_class);
      put (self, key, json);
    }
}

static char *
access_user (JsonObject *entry)
{
  const char *subject = sim_json_get_string (entry, "subject");
  const char *domain = sim_json_get_string (entry, "domain");

  if (subject == NULL || g_strcmp0 (sim_json_get_string (entry, "subject_type"), "GROUP") == 0)
    return NULL;
  return domain ? g_strdup_printf ("%s@%s", subject, domain) : g_strdup (subject);
}

static void
apply_access (SimServer *self, const char *namespace, JsonArray *before, JsonArray *after)
{
  SimAuth *auth = sim_server_get_auth (self);

  for (guint i = 0; before && i < json_array_get_length (before); i++)
    {
      g_autofree char *user = access_user (json_array_get_object_element (before, i));
      if (user)
        sim_auth_set_role (auth, user, namespace, NULL);
    }
  for (guint i = 0; after && i < json_array_get_length (after); i++)
    {
      JsonObject *entry = json_array_get_object_element (after, i);
      g_autofree char *user = access_user (entry);
      if (user)
        sim_auth_set_role (auth, user, namespace, sim_json_get_string (entry, "role"));
    }
}

static void
put_namespace (SimServer *self, const char *name)
{
  g_autofree char *json = NULL;

  if (sim_store_get (sim_server_get_store (self), "/namespaces", NULL, name))
    return;
  json = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"%s\",\"labels\":{"
    "\"vSphereClusterID\":\"" SIM_CLUSTER_ID "\",\"kubernetes.io/metadata.name\":\"%s\"}},"
    "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}",
    name, name);
  put (self, "/namespaces", json);
}

JsonObject *
sim_inventory_get_namespace (SimServer *server, const char *name)
{
  return get_record (server, NAMESPACES_KEY, name);
}

gboolean
sim_inventory_create_namespace (SimServer *server, JsonObject *spec, GError **error)
{
  const char *name = sim_json_get_string (spec, "namespace");
  const char *cluster = sim_json_get_string (spec, "cluster");
  g_autoptr (JsonObject) info = NULL;
  JsonObject *stats;

  if (cluster == NULL || name == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "Required property %s is missing.", cluster == NULL ? "cluster" : "namespace");
      return FALSE;
    }
  if (!g_str_equal (cluster, SIM_CLUSTER_ID))
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND,
                   "Cluster %s does not have Workload Management enabled.", cluster);
      return FALSE;
    }
  if (!sim_is_dns_label (name))
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "Namespace name %s is invalid: it must be a DNS label (lower case letters, "
                   "digits and '-', at most 63 characters).",
                   name);
      return FALSE;
    }
  if (get_record (server, NAMESPACES_KEY, name)
      || sim_store_get (sim_server_get_store (server), "/namespaces", NULL, name))
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_ALREADY_EXISTS, "Namespace %s already exists.",
                   name);
      return FALSE;
    }
  if (!check_spec (server, spec, error))
    return FALSE;

  info = sim_json_object_copy (spec);
  drop_vm_service (server, info);
  json_object_set_string_member (info, "config_status", "RUNNING");
  json_object_set_array_member (info, "messages", json_array_new ());
  json_object_set_boolean_member (info, "self_service_namespace", FALSE);
  stats = json_object_new ();
  json_object_set_int_member (stats, "cpu_used", 0);
  json_object_set_int_member (stats, "memory_used", 0);
  json_object_set_int_member (stats, "storage_used", 0);
  json_object_set_object_member (info, "stats", stats);
  if (!json_object_has_member (info, "description"))
    json_object_set_string_member (info, "description", "");
  put_record (server, NAMESPACES_KEY, name, info);

  put_namespace (server, name);
  apply_quota (server, name, sim_json_get_array (info, "storage_specs"));
  apply_bindings (server, name,
                  sim_json_get_array (sim_json_get_object (info, "vm_service_spec"), "vm_classes"));
  apply_access (server, name, NULL, sim_json_get_array (info, "access_list"));
  if (catalogue_loaded (server))
    put_namespace_images (server, name);
  return TRUE;
}

gboolean
sim_inventory_update_namespace (SimServer *server,
                                const char *name,
                                JsonObject *spec,
                                GError **error)
{
  JsonObject *current = get_record (server, NAMESPACES_KEY, name);
  g_autoptr (JsonObject) info = NULL;
  g_autoptr (GList) members = NULL;

  if (current == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND, "Namespace %s does not exist.", name);
      return FALSE;
    }
  if (!check_spec (server, spec, error))
    return FALSE;
  info = sim_json_object_copy (current);
  members = json_object_get_members (spec);
  for (GList *l = members; l; l = l->next)
    json_object_set_member (info, l->data,
                            sim_json_node_copy (json_object_get_member (spec, l->data)));
  drop_vm_service (server, info);
  apply_access (server, name, sim_json_get_array (current, "access_list"),
                sim_json_get_array (info, "access_list"));
  put_record (server, NAMESPACES_KEY, name, info);
  apply_quota (server, name, sim_json_get_array (info, "storage_specs"));
  apply_bindings (server, name,
                  sim_json_get_array (sim_json_get_object (info, "vm_service_spec"), "vm_classes"));
  return TRUE;
}

typedef struct
{
  SimServer *server;
  char *namespace;
} Removal;

static gboolean
finish_removal (gpointer user_data)
{
  Removal *removal = user_data;

  sim_api_delete_namespace_contents (removal->server, removal->namespace);
  sim_store_remove (sim_server_get_store (removal->server), "/namespaces", NULL,
                    removal->namespace);
  g_object_unref (removal->server);
  g_free (removal->namespace);
  g_free (removal);
  return G_SOURCE_REMOVE;
}

gboolean
sim_inventory_delete_namespace (SimServer *server, const char *name, GError **error)
{
  SimStore *store = sim_server_get_store (server);
  JsonObject *info = get_record (server, NAMESPACES_KEY, name);
  JsonObject *ns = sim_store_get (store, "/namespaces", NULL, name);
  Removal *removal;

  if (info == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND, "Namespace %s does not exist.", name);
      return FALSE;
    }
  apply_access (server, name, sim_json_get_array (info, "access_list"), NULL);
  sim_store_remove (store, NAMESPACES_KEY, NULL, name);
  if (ns)
    {
      /* The Supervisor namespace terminates, then goes. */
      g_autoptr (JsonObject) terminating = sim_json_object_copy (ns);
      g_autofree char *now = sim_json_now_rfc3339 ();
      json_object_set_string_member (sim_json_ensure_object (terminating, "metadata"),
                                     "deletionTimestamp", now);
      json_object_set_string_member (sim_json_ensure_object (terminating, "status"), "phase",
                                     "Terminating");
      sim_store_put (store, "/namespaces", terminating);
      removal = g_new0 (Removal, 1);
      removal->server = g_object_ref (server);
      removal->namespace = g_strdup (name);
      g_timeout_add (sim_server_get_options (server)->namespace_finalize_ms, finish_removal,
                     removal);
    }
  return TRUE;
}

/* ---- content libraries ---- */

/* A stable SHA-1-style thumbprint per host, as vCenter's probe reports */
char *
sim_inventory_thumbprint (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *digest = NULL;
  GString *thumbprint = g_string_new (NULL);

  digest = g_compute_checksum_for_string (
    G_CHECKSUM_SHA1, uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url, -1);
  for (guint i = 0; digest[i]; i += 2)
    {
      g_string_append_printf (thumbprint, "%s%c%c", i ? ":" : "", g_ascii_toupper (digest[i]),
                              g_ascii_toupper (digest[i + 1]));
    }
  return g_string_free (thumbprint, FALSE);
}

static gboolean
check_subscription (JsonObject *subscription, GError **error)
{
  const char *url = sim_json_get_string (subscription, "subscription_url");
  const char *thumbprint = sim_json_get_string (subscription, "ssl_thumbprint");
  g_autofree char *expected = NULL;

  if (url == NULL || !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "The subscription URL %s is invalid.", url ? url : "(none)");
      return FALSE;
    }
  expected = sim_inventory_thumbprint (url);
  if (g_str_has_prefix (url, "https://") && g_strcmp0 (thumbprint, expected) != 0)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "The SSL thumbprint of %s is missing or does not match the server's "
                   "certificate.",
                   url);
      return FALSE;
    }
  return TRUE;
}

char *
sim_inventory_create_library (SimServer *server, JsonObject *model, GError **error)
{
  JsonObject *subscription = sim_json_get_object (model, "subscription_info");
  JsonArray *backings = sim_json_get_array (model, "storage_backings");
  const char *name = sim_json_get_string (model, "name");
  g_autoptr (JsonObject) info = NULL;
  g_autoptr (GPtrArray) libraries = sim_inventory_list (server, "libraries");
  g_autofree char *id = NULL;

  if (name == NULL || *name == '\0' || subscription == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "Required property %s is missing.", name ? "subscription_info" : "name");
      return NULL;
    }
  if (backings == NULL || json_array_get_length (backings) != 1)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "A subscribed library needs exactly one storage backing.");
      return NULL;
    }
  for (guint i = 0; i < libraries->len; i++)
    if (g_strcmp0 (sim_json_get_string (g_ptr_array_index (libraries, i), "name"), name) == 0)
      {
        g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_ALREADY_EXISTS,
                     "A library named %s already exists.", name);
        return NULL;
      }
  if (!check_subscription (subscription, error))
    return NULL;
  id = g_uuid_string_random ();
  info = sim_json_object_copy (model);
  json_object_set_string_member (info, "id", id);
  json_object_set_string_member (info, "type", "SUBSCRIBED");
  json_object_set_boolean_member (info, "synced", FALSE);
  put_record (server, LIBRARIES_KEY, id, info);
  /* Automatic sync starts at once, as vCenter's does. */
  if (json_object_get_boolean_member_with_default (subscription, "automatic_sync_enabled", FALSE))
    sim_inventory_sync_library (server, id, NULL);
  return g_steal_pointer (&id);
}

JsonObject *
sim_inventory_get_library (SimServer *server, const char *id)
{
  return get_record (server, LIBRARIES_KEY, id);
}

static gboolean
library_synced (SimServer *self, const char *id)
{
  JsonObject *info = id ? get_record (self, LIBRARIES_KEY, id) : NULL;

  return info && json_object_get_boolean_member_with_default (info, "synced", FALSE);
}

typedef struct
{
  SimServer *server;
  char *library;
} Sync;

static gboolean
finish_sync (gpointer user_data)
{
  Sync *sync = user_data;
  JsonObject *info = get_record (sync->server, LIBRARIES_KEY, sync->library);

  if (info)
    {
      g_autoptr (JsonObject) synced = sim_json_object_copy (info);
      g_autofree char *now = sim_json_now_rfc3339 ();
      json_object_set_boolean_member (synced, "synced", TRUE);
      json_object_set_string_member (synced, "last_sync_time", now);
      put_record (sync->server, LIBRARIES_KEY, sync->library, synced);
      if (g_strcmp0 (sim_inventory_cluster_library (sync->server), sync->library) == 0)
        sim_inventory_load_catalogue (sync->server);
    }
  g_object_unref (sync->server);
  g_free (sync->library);
  g_free (sync);
  return G_SOURCE_REMOVE;
}

/* Syncing takes a quarter of a cluster's creation time. */
static void
schedule_sync (SimServer *self, const char *library)
{
  Sync *sync = g_new0 (Sync, 1);

  sync->server = g_object_ref (self);
  sync->library = g_strdup (library);
  g_timeout_add ((guint) (sim_server_get_options (self)->cluster_seconds * 250), finish_sync, sync);
}

gboolean
sim_inventory_sync_library (SimServer *server, const char *id, GError **error)
{
  JsonObject *info = get_record (server, LIBRARIES_KEY, id);

  if (info == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND, "Library %s does not exist.", id);
      return FALSE;
    }
  /* Only VMware's library holds Kubernetes releases. */
  if (g_strcmp0 (sim_json_get_path_string (info, "subscription_info.subscription_url"),
                 SIM_WP_CONTENT_URL)
      == 0)
    schedule_sync (server, id);
  return TRUE;
}

const char *
sim_inventory_cluster_library (SimServer *server)
{
  JsonObject *cluster = get_record (server, CLUSTERS_KEY, SIM_CLUSTER_ID);

  return sim_json_get_string (cluster, "default_kubernetes_service_content_library");
}

gboolean
sim_inventory_set_cluster_library (SimServer *server, const char *library_id, GError **error)
{
  g_autoptr (JsonObject) cluster = json_object_new ();

  if (library_id == NULL || get_record (server, LIBRARIES_KEY, library_id) == NULL)
    {
      g_set_error (error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                   "Content library %s does not exist.", library_id ? library_id : "(none)");
      return FALSE;
    }
  json_object_set_string_member (cluster, "default_kubernetes_service_content_library", library_id);
  put_record (server, CLUSTERS_KEY, SIM_CLUSTER_ID, cluster);
  /* The Supervisor reads the attached library's items after a while. */
  if (library_synced (server, library_id))
    schedule_sync (server, library_id);
  return TRUE;
}

/* For the scenarios: VMware's library, subscribed, synced and attached */
void
sim_inventory_seed_library (SimServer *server)
{
  g_autofree char *thumbprint = sim_inventory_thumbprint (SIM_WP_CONTENT_URL);
  g_autofree char *json = g_strdup_printf (
    "{\"name\":\"Kubernetes\",\"type\":\"SUBSCRIBED\",\"description\":\"Tanzu Kubernetes "
    "releases\",\"storage_backings\":[{\"type\":\"DATASTORE\",\"datastore_id\":\"datastore-1001\"}]"
    ","
    "\"subscription_info\":{\"subscription_url\":\"" SIM_WP_CONTENT_URL "\","
    "\"authentication_method\":\"NONE\",\"automatic_sync_enabled\":false,\"on_demand\":true,"
    "\"ssl_thumbprint\":\"%s\"}}",
    thumbprint);
  g_autoptr (JsonNode) node = sim_json_parse (json, -1, NULL);
  g_autofree char *id = sim_inventory_create_library (server, json_node_get_object (node), NULL);
  g_autoptr (JsonObject) synced = sim_json_object_copy (get_record (server, LIBRARIES_KEY, id));
  g_autoptr (JsonObject) cluster = json_object_new ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  /* Seeded as synchronized: so it has a last synchronization, as vCenter says */
  json_object_set_boolean_member (synced, "synced", TRUE);
  json_object_set_string_member (synced, "last_sync_time", now);
  put_record (server, LIBRARIES_KEY, id, synced);
  json_object_set_string_member (cluster, "default_kubernetes_service_content_library", id);
  put_record (server, CLUSTERS_KEY, SIM_CLUSTER_ID, cluster);
  sim_inventory_load_catalogue (server);
}
