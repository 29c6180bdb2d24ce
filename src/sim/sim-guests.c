/* sim-guests.c: each running TanzuKubernetesCluster's own Kubernetes API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/simulator.md, "Addresses and ports": a guest serves on the loopback address of its
 * apiEndpoints, port 6443, with a certificate of the simulator's CA. It
 * starts once the control plane is ready, follows the cluster's nodes
 * (rolling updates replace them, scaling adds and removes), and stops
 * when the cluster is deleted. What vSphere puts into a new cluster is
 * seeded here: system namespaces, the default ClusterRoles, cluster-admin
 * for the namespace's Owners and Editors (vSphere's role sync), and up
 * to Kubernetes 1.24 the two VMware PodSecurityPolicies with their
 * ClusterRoles.
 */
#define G_LOG_DOMAIN "sim-guests"

#include "sim-guests.h"

#include <string.h>

#include "sim-json.h"
#include "sim-tkc.h"

#define RBAC "rbac.authorization.k8s.io/"
/* Seeded clusters beyond this many serve no API (the large scenario
 * would need thousands of listeners); clusters created later always do. */
#define MAX_SEEDED_GUESTS 20

typedef struct
{
  SimServer *server;
  char *namespace;
  char *name;
  GHashTable *node_trust; /* node name → GPtrArray of CA PEM */
  SimStore *supervisor;   /* the Supervisor's objects (not owned) */
} Guest;

struct _SimGuests
{
  SimServer *supervisor;
  SimStore *store;
  gulong subscription;
  GHashTable *guests;  /* "namespace/name" → Guest */
  GHashTable *skipped; /* seeded clusters without a guest API */
  GHashTable *dirty;   /* keys to reconcile */
  guint source;
};

static void
guest_free (Guest *guest)
{
  g_clear_object (&guest->server);
  g_free (guest->namespace);
  g_free (guest->name);
  g_hash_table_unref (guest->node_trust);
  g_free (guest);
}

static char *
key_of (const char *namespace, const char *name)
{
  return g_strdup_printf ("%s/%s", namespace, name);
}

/* ---- seeding ---- */

static void put_json (SimServer *guest, const char *storage_key, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static void
put_json (SimServer *guest, const char *storage_key, const char *format, ...)
{
  va_list args;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *metadata;
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  node = sim_json_parse (json, -1, NULL);
  g_assert (node != NULL);
  metadata = sim_json_ensure_object (json_node_get_object (node), "metadata");
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  sim_store_put (sim_server_get_store (guest), storage_key, json_node_get_object (node));
}

static void
put_cluster_role (SimServer *guest, const char *name, const char *rules)
{
  put_json (guest, RBAC "clusterroles",
            "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\","
            "\"metadata\":{\"name\":\"%s\"},\"rules\":%s}",
            name, rules);
}

static void
put_cluster_binding (SimServer *guest,
                     const char *name,
                     const char *role,
                     const char *subject_kind,
                     const char *subject)
{
  put_json (
    guest, RBAC "clusterrolebindings",
    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\","
    "\"metadata\":{\"name\":\"%s\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\","
    "\"kind\":\"ClusterRole\",\"name\":\"%s\"},\"subjects\":[{\"apiGroup\":"
    "\"rbac.authorization.k8s.io\",\"kind\":\"%s\",\"name\":\"%s\"}]}",
    name, role, subject_kind, subject);
}

#define READ_VERBS "[\"get\",\"list\",\"watch\"]"
#define WRITE_VERBS                                                                                \
  "[\"get\",\"list\",\"watch\",\"create\",\"update\",\"patch\",\"delete\",\"deletecollection\"]"

static void
seed_roles (SimServer *guest)
{
  put_cluster_role (guest, "cluster-admin",
                    "[{\"apiGroups\":[\"*\"],\"resources\":[\"*\"],\"verbs\":[\"*\"]},"
                    "{\"nonResourceURLs\":[\"*\"],\"verbs\":[\"*\"]}]");
  put_cluster_role (guest, "admin",
                    "[{\"apiGroups\":[\"\",\"apps\",\"rbac.authorization.k8s.io\"],\"resources\":"
                    "[\"*\"],\"verbs\":" WRITE_VERBS "}]");
  put_cluster_role (guest, "edit",
                    "[{\"apiGroups\":[\"\",\"apps\"],\"resources\":[\"pods\",\"deployments\","
                    "\"replicasets\",\"daemonsets\",\"configmaps\",\"secrets\",\"serviceaccounts\","
                    "\"events\"],\"verbs\":" WRITE_VERBS "}]");
  put_cluster_role (guest, "view",
                    "[{\"apiGroups\":[\"\",\"apps\"],\"resources\":[\"pods\",\"deployments\","
                    "\"replicasets\",\"daemonsets\",\"configmaps\",\"serviceaccounts\","
                    "\"events\",\"namespaces\"],\"verbs\":" READ_VERBS "}]");
  put_cluster_binding (guest, "cluster-admin", "cluster-admin", "Group", "system:masters");
  put_cluster_role (guest, "system:basic-user",
                    "[{\"apiGroups\":[\"authorization.k8s.io\"],\"resources\":["
                    "\"selfsubjectaccessreviews\",\"selfsubjectrulesreviews\"],\"verbs\":"
                    "[\"create\"]}]");
  put_cluster_binding (guest, "system:basic-user", "system:basic-user", "Group",
                       "system:authenticated");
}

/* The two PodSecurityPolicies of a TKGS cluster up to 1.24, and the
 * ClusterRoles that grant their use */
static void
seed_pod_security_policies (SimServer *guest)
{
  static const char *const names[] = { "vmware-system-privileged", "vmware-system-restricted" };

  put_json (guest, "policy/podsecuritypolicies",
            "{\"apiVersion\":\"policy/v1beta1\",\"kind\":\"PodSecurityPolicy\",\"metadata\":{"
            "\"name\":\"vmware-system-privileged\"},\"spec\":{\"privileged\":true,"
            "\"allowPrivilegeEscalation\":true,\"allowedCapabilities\":[\"*\"],\"volumes\":[\"*\"],"
            "\"hostNetwork\":true,\"hostPID\":true,\"hostIPC\":true,\"hostPorts\":[{\"min\":0,"
            "\"max\":65535}],\"runAsUser\":{\"rule\":\"RunAsAny\"},\"seLinux\":{\"rule\":"
            "\"RunAsAny\"},\"supplementalGroups\":{\"rule\":\"RunAsAny\"},\"fsGroup\":{\"rule\":"
            "\"RunAsAny\"},\"readOnlyRootFilesystem\":false}}");
  put_json (
    guest, "policy/podsecuritypolicies",
    "{\"apiVersion\":\"policy/v1beta1\",\"kind\":\"PodSecurityPolicy\",\"metadata\":{"
    "\"name\":\"vmware-system-restricted\"},\"spec\":{\"privileged\":false,"
    "\"allowPrivilegeEscalation\":false,\"requiredDropCapabilities\":[\"ALL\"],"
    "\"volumes\":[\"configMap\",\"emptyDir\",\"projected\",\"secret\",\"downwardAPI\","
    "\"persistentVolumeClaim\"],\"hostNetwork\":false,\"hostIPC\":false,\"hostPID\":false,"
    "\"runAsUser\":{\"rule\":\"MustRunAsNonRoot\"},\"seLinux\":{\"rule\":\"RunAsAny\"},"
    "\"supplementalGroups\":{\"rule\":\"MustRunAs\",\"ranges\":[{\"min\":1,\"max\":65535}]},"
    "\"fsGroup\":{\"rule\":\"MustRunAs\",\"ranges\":[{\"min\":1,\"max\":65535}]},"
    "\"readOnlyRootFilesystem\":false}}");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *role = g_strdup_printf ("psp:%s", names[i]);
      g_autofree char *rules
        = g_strdup_printf ("[{\"apiGroups\":[\"policy\"],\"resources\":[\"podsecuritypolicies\"],"
                           "\"verbs\":[\"use\"],\"resourceNames\":[\"%s\"]}]",
                           names[i]);
      put_cluster_role (guest, role, rules);
    }
}

/* vSphere gives the namespace's Owners and Editors (and vCenter
 * administrators) cluster-admin in its clusters. */
static void
seed_role_sync (SimServer *guest, SimAuth *auth, const char *namespace)
{
  g_auto (GStrv) users = sim_auth_users (auth);

  for (guint i = 0; users && users[i]; i++)
    {
      const char *role = sim_auth_role (auth, users[i], namespace);
      g_autofree char *name = NULL;
      g_autofree char *subject = NULL;

      if (!sim_auth_is_admin (auth, users[i]) && (role == NULL || g_str_equal (role, "VIEW")))
        continue;
      name = g_strdup_printf ("vmware-system-auth-sync-wcp:%s:user:%s", namespace, users[i]);
      subject = g_strdup_printf ("sso:%s", users[i]);
      put_cluster_binding (guest, name, "cluster-admin", "User", subject);
    }
}

static void
seed_namespace (SimServer *guest, const char *name)
{
  put_json (guest, "/namespaces",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"%s\","
            "\"labels\":{\"kubernetes.io/metadata.name\":\"%s\"}},\"spec\":{\"finalizers\":"
            "[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}",
            name, name);
}

static void
seed_guest (Guest *guest, SimAuth *auth)
{
  static const char *const namespaces[]
    = { "default", "kube-node-lease", "kube-public", "kube-system", NULL };

  for (guint i = 0; namespaces[i]; i++)
    seed_namespace (guest->server, namespaces[i]);
  seed_roles (guest->server);
  seed_role_sync (guest->server, auth, guest->namespace);
  if (sim_server_kubernetes_minor (guest->server) <= 24)
    seed_pod_security_policies (guest->server);
}

/* ---- nodes ---- */

/* What a node built now runs: the release of the spec (an upgrade's new
 * nodes run the new one while the old ones still run theirs) */
static char *
kubelet_version (JsonObject *cluster)
{
  const char *version = sim_json_get_path_string (cluster, "status.version");
  const char *release
    = sim_json_get_path_string (cluster, "spec.topology.controlPlane.tkr.reference.name");
  g_autofree char *from_release = release ? sim_tkc_release_version (release) : NULL;
  const char *full = from_release ? from_release : version ? version : "v1.0.0";
  const char *plus = strchr (full, '+');
  const char *dash = plus ? strchr (plus, '-') : NULL;

  /* v1.17.8+vmware.1-tkg.1.5417466 → v1.17.8+vmware.1 */
  return dash ? g_strndup (full, dash - full) : g_strdup (full);
}

static void
add_pems (GPtrArray *pems, JsonArray *cas)
{
  for (guint i = 0; cas && i < json_array_get_length (cas); i++)
    {
      const char *data = sim_json_get_string (json_array_get_object_element (cas, i), "data");
      gsize length = 0;
      g_autofree guchar *pem = data ? g_base64_decode (data, &length) : NULL;
      if (pem)
        g_ptr_array_add (pems, g_strndup ((const char *) pem, length));
    }
}

/* A new node is built with the cluster's trust and the Supervisor's
 * global TkgServiceConfiguration trust of that moment
 * (doc/protocols.md, "Registry CAs on guest clusters"). */
static GPtrArray *
trust_of (Guest *guest, JsonObject *cluster)
{
  JsonObject *global
    = sim_store_get (guest->supervisor, "run.tanzu.vmware.com/tkgserviceconfigurations", NULL,
                     "tkg-service-configuration");
  GPtrArray *pems = g_ptr_array_new_with_free_func (g_free);

  add_pems (pems,
            sim_json_get_array (sim_json_get_path_object (cluster, "spec.settings.network.trust"),
                                "additionalTrustedCAs"));
  add_pems (pems, sim_json_get_array (sim_json_get_path_object (global, "spec.trust"),
                                      "additionalTrustedCAs"));
  return pems;
}

static void
put_node (Guest *guest, JsonObject *cluster, const char *node, gboolean ready, guint index)
{
  g_autofree char *version = kubelet_version (cluster);
  gboolean control_plane = strstr (node, "-control-plane-") != NULL;

  put_json (guest->server, "/nodes",
            "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"%s\",\"labels\":{"
            "\"kubernetes.io/hostname\":\"%s\",\"kubernetes.io/os\":\"linux\","
            "\"run.tanzu.vmware.com/kubernetesDistributionVersion\":\"%s\"%s}},"
            "\"spec\":{%s},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"%s\","
            "\"reason\":\"%s\"}],\"addresses\":[{\"type\":\"InternalIP\",\"address\":"
            "\"10.244.0.%u\"},{\"type\":\"Hostname\",\"address\":\"%s\"}],\"nodeInfo\":{"
            "\"kubeletVersion\":\"%s\",\"osImage\":\"VMware Photon OS/Linux\","
            "\"kernelVersion\":\"4.19.247-1.ph3-esx\",\"containerRuntimeVersion\":"
            "\"containerd://1.6.6\",\"operatingSystem\":\"linux\",\"architecture\":\"amd64\"}}}",
            node, node, version,
            control_plane ? ",\"node-role.kubernetes.io/control-plane\":\"\"" : "",
            control_plane ? "\"taints\":[{\"key\":\"node-role.kubernetes.io/control-plane\","
                            "\"effect\":\"NoSchedule\"}]"
                          : "",
            ready ? "True" : "False", ready ? "KubeletReady" : "KubeletNotReady", 10 + index % 240,
            node, version);
  /* A node trusts what it was built with. */
  g_hash_table_insert (guest->node_trust, g_strdup (node), trust_of (guest, cluster));
}

/* The guest's nodes follow the cluster's machines. */
static void
sync_nodes (Guest *guest, JsonObject *cluster)
{
  SimStore *store = sim_server_get_store (guest->server);
  JsonObject *machines = sim_json_get_path_object (cluster, "status.nodeStatus");
  g_autoptr (GList) names = machines ? json_object_get_members (machines) : NULL;
  g_autoptr (GPtrArray) existing = sim_store_list (store, "/nodes", NULL);
  guint index = 0;

  for (guint i = 0; i < existing->len; i++)
    {
      const char *node
        = sim_json_get_path_string (g_ptr_array_index (existing, i), "metadata.name");
      if (machines == NULL || !json_object_has_member (machines, node))
        {
          g_hash_table_remove (guest->node_trust, node);
          sim_store_remove (store, "/nodes", NULL, node);
        }
    }
  for (GList *l = names; l; l = l->next, index++)
    {
      gboolean ready = g_strcmp0 (sim_json_get_string (machines, l->data), "ready") == 0;
      JsonObject *node = sim_store_get (store, "/nodes", NULL, l->data);

      if (node == NULL)
        put_node (guest, cluster, l->data, ready, index);
      else
        {
          g_autoptr (JsonObject) copy = sim_json_object_copy (node);
          JsonArray *conditions
            = sim_json_get_array (sim_json_get_object (copy, "status"), "conditions");
          JsonObject *condition = json_array_get_object_element (conditions, 0);
          if (g_strcmp0 (sim_json_get_string (condition, "status"), ready ? "True" : "False") != 0)
            {
              json_object_set_string_member (condition, "status", ready ? "True" : "False");
              json_object_set_string_member (condition, "reason",
                                             ready ? "KubeletReady" : "KubeletNotReady");
              sim_store_put (store, "/nodes", copy);
            }
        }
    }
}

/* ---- starting and stopping ---- */

static gboolean
control_plane_ready (JsonObject *cluster)
{
  JsonArray *conditions
    = sim_json_get_array (sim_json_get_object (cluster, "status"), "conditions");

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = json_array_get_object_element (conditions, i);
      if (g_strcmp0 (sim_json_get_string (condition, "type"), "ControlPlaneReady") == 0)
        return g_strcmp0 (sim_json_get_string (condition, "status"), "True") == 0;
    }
  return FALSE;
}

static Guest *
start_guest (SimGuests *self, JsonObject *cluster)
{
  const SimServerOptions *parent = sim_server_get_options (self->supervisor);
  g_autofree char *version = kubelet_version (cluster);
  SimServerOptions options = {
    .supervisor_version = parent->supervisor_version,
    .token_ttl_seconds = parent->token_ttl_seconds,
    .event_window = parent->event_window,
    .bookmark_seconds = parent->bookmark_seconds,
    .namespace_finalize_ms = parent->namespace_finalize_ms,
    .cluster_seconds = parent->cluster_seconds,
    .supervisor = self->supervisor,
    .guest_namespace = sim_json_get_path_string (cluster, "metadata.namespace"),
    .guest_name = sim_json_get_path_string (cluster, "metadata.name"),
    .kubernetes_version = version,
  };
  g_autoptr (GError) error = NULL;
  Guest *guest = g_new0 (Guest, 1);

  guest->namespace = g_strdup (options.guest_namespace);
  guest->name = g_strdup (options.guest_name);
  guest->supervisor = self->store;
  guest->node_trust
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  guest->server = sim_server_new (&options, &error);
  if (guest->server == NULL
      || !sim_server_listen (guest->server, sim_tkc_endpoint_host (cluster), 6443, &error))
    {
      /* No fallback to another port: the cluster's endpoint is this one. */
      g_warning ("the API of cluster %s/%s cannot serve on %s:6443: %s", guest->namespace,
                 guest->name, sim_tkc_endpoint_host (cluster), error->message);
      guest_free (guest);
      return NULL;
    }
  g_object_set_data (G_OBJECT (guest->server), "sim-guest", guest);
  seed_guest (guest, sim_server_get_auth (self->supervisor));
  sim_server_start_controllers (guest->server);
  return guest;
}

static void
reconcile (SimGuests *self, const char *key)
{
  g_auto (GStrv) parts = g_strsplit (key, "/", 2);
  JsonObject *cluster = sim_store_get (self->store, SIM_TKC_STORAGE_KEY, parts[0], parts[1]);
  Guest *guest = g_hash_table_lookup (self->guests, key);

  if (cluster == NULL)
    {
      g_hash_table_remove (self->guests, key);
      g_hash_table_remove (self->skipped, key);
      return;
    }
  if (guest == NULL && !g_hash_table_contains (self->skipped, key) && control_plane_ready (cluster)
      && sim_tkc_endpoint_host (cluster))
    {
      guest = start_guest (self, cluster);
      if (guest == NULL)
        {
          g_hash_table_add (self->skipped, g_strdup (key));
          return;
        }
      g_hash_table_insert (self->guests, g_strdup (key), guest);
    }
  if (guest)
    sync_nodes (guest, cluster);
  /* Once an upgrade has rolled, the API server runs the new release too */
  if (guest && g_strcmp0 (sim_json_get_path_string (cluster, "status.phase"), "running") == 0)
    {
      g_autofree char *version = kubelet_version (cluster);
      sim_server_set_kubernetes_version (guest->server, version);
    }
}

static gboolean
reconcile_dirty (gpointer user_data)
{
  SimGuests *self = user_data;
  g_autoptr (GHashTable) dirty = self->dirty;
  GHashTableIter iter;
  gpointer key;

  self->source = 0;
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    reconcile (self, key);
  return G_SOURCE_REMOVE;
}

static void
on_event (const SimEvent *event, gpointer user_data)
{
  SimGuests *self = user_data;

  if (!g_str_equal (event->storage_key, SIM_TKC_STORAGE_KEY))
    return;
  g_hash_table_add (self->dirty, key_of (event->namespace, sim_json_get_path_string (
                                                             event->object, "metadata.name")));
  if (self->source == 0)
    self->source = g_idle_add (reconcile_dirty, self);
}

SimGuests *
sim_guests_new (SimServer *supervisor)
{
  SimGuests *self = g_new0 (SimGuests, 1);
  g_autoptr (GPtrArray) existing = NULL;

  self->supervisor = supervisor;
  self->store = sim_server_get_store (supervisor);
  self->guests
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) guest_free);
  self->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  existing = sim_store_list (self->store, SIM_TKC_STORAGE_KEY, NULL);
  for (guint i = 0; i < existing->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (existing, i);
      char *key = key_of (sim_json_get_path_string (cluster, "metadata.namespace"),
                          sim_json_get_path_string (cluster, "metadata.name"));
      g_hash_table_add (i < MAX_SEEDED_GUESTS ? self->dirty : self->skipped, key);
    }
  self->source = g_idle_add (reconcile_dirty, self);
  self->subscription = sim_store_subscribe (self->store, on_event, self);
  return self;
}

void
sim_guests_free (SimGuests *self)
{
  sim_store_unsubscribe (self->store, self->subscription);
  g_clear_handle_id (&self->source, g_source_remove);
  g_hash_table_unref (self->guests);
  g_hash_table_unref (self->skipped);
  g_hash_table_unref (self->dirty);
  g_free (self);
}

/* The guest API of a cluster, or %NULL */
SimServer *
sim_guests_lookup (SimGuests *self, const char *namespace, const char *name)
{
  g_autofree char *key = key_of (namespace, name);
  Guest *guest = g_hash_table_lookup (self->guests, key);

  return guest ? guest->server : NULL;
}

/* /_sim: what each node of a guest trusts, {"node": ["PEM", …]} */
JsonObject *
sim_guests_node_trust (SimGuests *self, const char *namespace, const char *name)
{
  g_autofree char *key = key_of (namespace, name);
  Guest *guest = g_hash_table_lookup (self->guests, key);
  JsonObject *answer;
  GHashTableIter iter;
  gpointer node, pems;

  if (guest == NULL)
    return NULL;
  answer = json_object_new ();
  g_hash_table_iter_init (&iter, guest->node_trust);
  while (g_hash_table_iter_next (&iter, &node, &pems))
    {
      JsonArray *list = json_array_new ();
      for (guint i = 0; i < ((GPtrArray *) pems)->len; i++)
        json_array_add_string_element (list, g_ptr_array_index ((GPtrArray *) pems, i));
      json_object_set_array_member (answer, node, list);
    }
  return answer;
}

/* A running privileged pod wrote @pem into @node's trust store */
void
sim_guests_trust_on_node (SimServer *guest_server, const char *node, const char *pem)
{
  Guest *guest = g_object_get_data (G_OBJECT (guest_server), "sim-guest");
  GPtrArray *pems = guest ? g_hash_table_lookup (guest->node_trust, node) : NULL;

  if (pems == NULL)
    return;
  for (guint i = 0; i < pems->len; i++)
    if (g_str_equal (g_ptr_array_index (pems, i), pem))
      return;
  g_ptr_array_add (pems, g_strdup (pem));
}
