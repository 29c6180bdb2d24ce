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

static void
load_empty (SimServer *self)
{
  static const char *const system_namespaces[]
    = { "default", "kube-node-lease", "kube-public", "kube-system", "vmware-system-tkg", NULL };

  for (guint i = 0; system_namespaces[i]; i++)
    put_namespace (self, system_namespaces[i], FALSE);
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
