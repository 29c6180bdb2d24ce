/* pac-registry-daemon-set.c: the DaemonSet route of registry trust, as
 * manifests (doc/resources.md, "Registry CAs")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A namespace of Pacific's own holds a Secret with the CAs (one
 * NAME.crt each), a ConfigMap with install-ca.sh and a privileged
 * DaemonSet that runs the script on every node, control planes too, and
 * then sleeps: its pod is Ready once the node trusts the CAs. The pod
 * template carries a hash of the CAs, so a changed set rolls the pods and
 * every node runs the script again. The pods may run privileged because
 * of a PSP binding (Kubernetes ≤ 1.24) or the namespace's
 * enforce=privileged label (≥ 1.25).
 */
#define G_LOG_DOMAIN "pac-registry-daemon-set"

#include "config.h"

#include "pac-registry-daemon-set.h"

#include <string.h>

#include "pac-core-resources.h"
#include "pac-json.h"
#include "pac-yaml.h"

#define SCRIPT_RESOURCE "/io/github/pacificapp/Pacific/core/registry-trust/install-ca.sh"
#define READY_FILE "/tmp/pacific-ca-installed"

/* An image every node has already, so that nothing is pulled: kube-proxy
 * runs on every node, from the cluster's release. Reported images first;
 * else named after the kubelet's version as TKG nodes tag their preloaded
 * images (localhost:5000/vmware.io/…) [UNCONFIRMED beyond the pause image]. */
char *
pac_registry_daemon_set_default_image (JsonArray *nodes)
{
  const char *kubelet = NULL;
  g_autofree char *tag = NULL;

  for (guint i = 0; nodes && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonArray *images = pac_json_array (node, "status.images");

      kubelet = kubelet ? kubelet : pac_json_string (node, "status.nodeInfo.kubeletVersion");
      for (guint j = 0; images && j < json_array_get_length (images); j++)
        {
          JsonArray *names = pac_json_array (json_array_get_object_element (images, j), "names");
          for (guint k = 0; names && k < json_array_get_length (names); k++)
            {
              const char *name = json_array_get_string_element (names, k);
              if (name && strstr (name, "/kube-proxy:") && !strchr (name, '@'))
                return g_strdup (name);
            }
        }
    }
  tag = g_strdup (kubelet ? kubelet : "latest");
  g_strdelimit (tag, "+", '_');
  return g_strdup_printf ("localhost:5000/vmware.io/kube-proxy:%s", tag);
}

/**
 * pac_registry_daemon_set_secret_data:
 * @secret: (nullable): the Secret as it is
 * @add: (nullable): a CA to add, or to replace the one of its name
 * @remove: (nullable): the name of a CA to drop
 *
 * Returns: (transfer full): the Secret's new data, NAME.crt → base64 PEM
 */
JsonObject *
pac_registry_daemon_set_secret_data (JsonObject *secret,
                                     const PacRegistryCa *add,
                                     const char *remove)
{
  JsonObject *current = pac_json_object (secret, "data");
  JsonObject *data = json_object_new ();
  g_autoptr (GList) keys = current ? json_object_get_members (current) : NULL;
  g_autofree char *removed_key = remove ? g_strconcat (remove, ".crt", NULL) : NULL;

  for (GList *l = keys; l; l = l->next)
    if (g_strcmp0 (l->data, removed_key) != 0 && json_object_get_string_member (current, l->data))
      json_object_set_string_member (data, l->data,
                                     json_object_get_string_member (current, l->data));
  if (add)
    {
      g_autofree char *key = g_strconcat (add->name, ".crt", NULL);
      g_autofree char *value = pac_registry_ca_get_data (add);
      json_object_set_string_member (data, key, value);
    }
  return data;
}

/* The same CAs give the same hash, whatever the order of the members */
static char *
data_hash (JsonObject *data)
{
  g_autoptr (GList) keys = g_list_sort (json_object_get_members (data), (GCompareFunc) strcmp);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (GList *l = keys; l; l = l->next)
    {
      const char *value = json_object_get_string_member (data, l->data);
      g_checksum_update (checksum, (const guchar *) l->data, -1);
      g_checksum_update (checksum, (const guchar *) "=", 1);
      g_checksum_update (checksum, (const guchar *) value, -1);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static JsonObject *
from_yaml (const char *yaml)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pac_yaml_load (yaml, -1, &error);

  /* Our own text: a failure is a bug here, not bad input. */
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
namespace_manifest (guint minor)
{
  /* From 1.25 the namespace admits privileged pods by its labels */
  const char *psa = minor >= 25 ? "    pod-security.kubernetes.io/enforce: privileged\n"
                                  "    pod-security.kubernetes.io/audit: privileged\n"
                                  "    pod-security.kubernetes.io/warn: privileged\n"
                                : "";
  g_autofree char *yaml
    = g_strdup_printf ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels:\n"
                       "    " PAC_MANAGED_BY_LABEL ": pacific\n%s",
                       PAC_REGISTRY_NAMESPACE, psa);
  return from_yaml (yaml);
}

static JsonObject *
secret_manifest (JsonObject *data)
{
  JsonObject *secret = from_yaml ("apiVersion: v1\nkind: Secret\nmetadata:\n"
                                  "  name: " PAC_REGISTRY_SECRET "\n"
                                  "  namespace: " PAC_REGISTRY_NAMESPACE "\n"
                                  "  labels:\n    " PAC_MANAGED_BY_LABEL ": pacific\n"
                                  "type: Opaque\n");

  json_object_set_object_member (secret, "data", json_object_ref (data));
  return secret;
}

static JsonObject *
script_manifest (void)
{
  g_autoptr (GBytes) script
    = g_resource_lookup_data (pac_core_get_resource (), SCRIPT_RESOURCE, 0, NULL);
  JsonObject *config_map = from_yaml ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                      "  name: " PAC_REGISTRY_SCRIPT "\n"
                                      "  namespace: " PAC_REGISTRY_NAMESPACE "\n"
                                      "  labels:\n    " PAC_MANAGED_BY_LABEL ": pacific\n");
  JsonObject *data = json_object_new ();
  g_autofree char *text = NULL;

  g_assert (script != NULL);
  text = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));
  json_object_set_string_member (data, "install-ca.sh", text);
  json_object_set_object_member (config_map, "data", data);
  return config_map;
}

static JsonObject *
daemon_set_manifest (const char *image, const char *hash)
{
  /* hostPath mounts: Photon's bundle, Ubuntu's directory, the OS name;
   * hostPID lets the script reach the node's systemd through nsenter. */
  g_autofree char *yaml = g_strdup_printf (
    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n"
    "  name: " PAC_REGISTRY_DAEMON_SET "\n  namespace: " PAC_REGISTRY_NAMESPACE "\n"
    "  labels:\n    " PAC_MANAGED_BY_LABEL ": pacific\n"
    "spec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: " PAC_REGISTRY_DAEMON_SET
    "\n  template:\n    metadata:\n      labels:\n"
    "        app.kubernetes.io/name: " PAC_REGISTRY_DAEMON_SET "\n"
    "      annotations:\n        " PAC_REGISTRY_CAS_ANNOTATION ": \"%s\"\n"
    "    spec:\n      hostPID: true\n      tolerations:\n      - operator: Exists\n"
    "      containers:\n      - name: install\n        image: \"%s\"\n"
    "        imagePullPolicy: IfNotPresent\n"
    "        command: [\"sh\", \"-c\", \"sh /pacific/script/install-ca.sh && touch " READY_FILE
    " && exec sleep 2147483647\"]\n"
    "        env:\n        - {name: HOST_ROOT, value: /host}\n"
    "        - {name: CA_DIR, value: /pacific/ca}\n"
    "        readinessProbe:\n          exec: {command: [\"cat\", \"" READY_FILE "\"]}\n"
    "          periodSeconds: 5\n"
    "        securityContext: {privileged: true}\n"
    "        volumeMounts:\n"
    "        - {name: cas, mountPath: /pacific/ca, readOnly: true}\n"
    "        - {name: script, mountPath: /pacific/script, readOnly: true}\n"
    "        - {name: photon-bundle, mountPath: /host/etc/pki/tls/certs}\n"
    "        - {name: ubuntu-cas, mountPath: /host/usr/local/share/ca-certificates}\n"
    "        - {name: os-release, mountPath: /host/etc/os-release, readOnly: true}\n"
    "      volumes:\n"
    "      - {name: cas, secret: {secretName: " PAC_REGISTRY_SECRET "}}\n"
    "      - {name: script, configMap: {name: " PAC_REGISTRY_SCRIPT "}}\n"
    "      - {name: photon-bundle, hostPath: {path: /etc/pki/tls/certs, type: DirectoryOrCreate}}\n"
    "      - {name: ubuntu-cas, hostPath: {path: /usr/local/share/ca-certificates, "
    "type: DirectoryOrCreate}}\n"
    "      - {name: os-release, hostPath: {path: /etc/os-release, type: File}}\n",
    hash, image);
  return from_yaml (yaml);
}

/**
 * pac_registry_daemon_set_plan:
 * @secret_data: the CAs, from pac_registry_daemon_set_secret_data()
 * @minor: the cluster's Kubernetes minor version
 *
 * Returns: (transfer full) (element-type PacGuestChange): what to apply,
 *   in order
 */
GPtrArray *
pac_registry_daemon_set_plan (JsonObject *secret_data, guint minor, const char *image)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);
  g_autofree char *hash = data_hash (secret_data);

  g_ptr_array_add (changes,
                   pac_guest_change_new (PAC_GUEST_CHANGE_APPLY, namespace_manifest (minor)));
  if (minor <= 24)
    {
      g_autofree char *group
        = g_strdup_printf ("system:serviceaccounts:%s", PAC_REGISTRY_NAMESPACE);
      g_ptr_array_add (
        changes,
        pac_guest_change_new (
          PAC_GUEST_CHANGE_APPLY,
          pac_guest_binding_new (PAC_REGISTRY_NAMESPACE, "pacific:psp:privileged:serviceaccounts",
                                 "psp:vmware-system-privileged", "Group", group)));
    }
  g_ptr_array_add (changes,
                   pac_guest_change_new (PAC_GUEST_CHANGE_APPLY, secret_manifest (secret_data)));
  g_ptr_array_add (changes, pac_guest_change_new (PAC_GUEST_CHANGE_APPLY, script_manifest ()));
  g_ptr_array_add (
    changes, pac_guest_change_new (PAC_GUEST_CHANGE_APPLY, daemon_set_manifest (image, hash)));
  return changes;
}

/* Everything goes with the namespace; nodes keep what they were given. */
GPtrArray *
pac_registry_daemon_set_removal (void)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);

  g_ptr_array_add (changes, pac_guest_change_new (PAC_GUEST_CHANGE_DELETE, namespace_manifest (0)));
  return changes;
}

/**
 * pac_registry_daemon_set_ready_nodes:
 * @pods: the DaemonSet's pods
 *
 * Returns: (transfer full): the nodes whose pod of the current CA set is
 *   Ready, i.e. ran the script to its end
 */
GStrv
pac_registry_daemon_set_ready_nodes (JsonObject *daemon_set, JsonArray *pods)
{
  JsonObject *wanted = pac_json_object (daemon_set, "spec.template.metadata.annotations");
  const char *hash
    = wanted
        ? json_object_get_string_member_with_default (wanted, PAC_REGISTRY_CAS_ANNOTATION, NULL)
        : NULL;
  g_autoptr (GStrvBuilder) nodes = g_strv_builder_new ();

  for (guint i = 0; pods && i < json_array_get_length (pods); i++)
    {
      JsonObject *pod = json_array_get_object_element (pods, i);
      JsonObject *annotations = pac_json_object (pod, "metadata.annotations");
      JsonArray *conditions = pac_json_array (pod, "status.conditions");
      gboolean ready = FALSE;

      if (annotations == NULL || hash == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (
                          annotations, PAC_REGISTRY_CAS_ANNOTATION, NULL),
                        hash)
               != 0)
        continue;
      for (guint j = 0; conditions && j < json_array_get_length (conditions); j++)
        {
          JsonObject *condition = json_array_get_object_element (conditions, j);
          ready |= g_strcmp0 (pac_json_string (condition, "type"), "Ready") == 0
                   && g_strcmp0 (pac_json_string (condition, "status"), "True") == 0;
        }
      if (ready && pac_json_string (pod, "spec.nodeName"))
        g_strv_builder_add (nodes, pac_json_string (pod, "spec.nodeName"));
    }
  return g_strv_builder_end (nodes);
}
