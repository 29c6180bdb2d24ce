/* sim-tkc-controller.c: the life cycle of TanzuKubernetesClusters:
 * creating → running, rolling updates, scaling, deleting, failing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each program runs in four steps spread over --cluster-seconds. The
 * controller reacts to store events but writes only from its own
 * timeouts, never from inside an event. Condition types and phases are
 * the v1alpha2 ones (doc/protocols.md, "TanzuKubernetesCluster status"); the reasons of
 * the steps in between are the simulator's.
 */
#define G_LOG_DOMAIN "sim-tkc"

#include "sim-tkc.h"

#include "sim-events.h"
#include "sim-json.h"

#include <string.h>

#define STEPS 4

typedef enum
{
  PROGRAM_NONE,
  PROGRAM_CREATE,
  PROGRAM_ROLL,
  PROGRAM_SCALE,
  PROGRAM_DELETE,
} Program;

typedef struct
{
  SimTkcController *controller;
  char *namespace;
  char *name;
  gint64 generation; /* the spec generation last acted on */
  char *rolled_spec; /* what the nodes were built from */
  Program program;
  int step;
  guint source;
} Cluster;

struct _SimTkcController
{
  SimServer *server;
  SimStore *store;
  gulong subscription;
  guint step_ms;
  GHashTable *clusters; /* "namespace/name" → Cluster */
};

static void
cluster_free (Cluster *cluster)
{
  g_clear_handle_id (&cluster->source, g_source_remove);
  g_free (cluster->namespace);
  g_free (cluster->name);
  g_free (cluster->rolled_spec);
  g_free (cluster);
}

/* What a rolling update follows: releases, VM classes, storage classes
 * and trust; replicas only scale. */
static char *
rolled_spec_of (JsonObject *object)
{
  JsonObject *spec = sim_json_get_object (object, "spec");
  g_autoptr (JsonObject) key = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *topology = sim_json_get_object (spec, "topology");
  JsonObject *trust = sim_json_get_path_object (spec, "settings.network.trust");
  g_autoptr (JsonObject) copy = topology ? sim_json_object_copy (topology) : json_object_new ();
  JsonArray *pools = sim_json_get_array (copy, "nodePools");

  json_object_remove_member (sim_json_ensure_object (copy, "controlPlane"), "replicas");
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    json_object_remove_member (json_array_get_object_element (pools, i), "replicas");
  json_object_set_object_member (key, "topology", json_object_ref (copy));
  if (trust)
    json_object_set_object_member (key, "trust", sim_json_object_copy (trust));
  json_node_set_object (node, key);
  return sim_json_to_string (node, NULL);
}

/* ---- status pieces ---- */

static void
set_condition (JsonObject *status,
               const char *type,
               gboolean true_,
               const char *reason,
               const char *message)
{
  JsonArray *conditions = sim_json_get_array (status, "conditions");
  g_autofree char *now = sim_json_now_rfc3339 ();
  JsonObject *condition = NULL;

  if (conditions == NULL)
    {
      conditions = json_array_new ();
      json_object_set_array_member (status, "conditions", conditions);
    }
  for (guint i = 0; i < json_array_get_length (conditions); i++)
    if (g_strcmp0 (sim_json_get_string (json_array_get_object_element (conditions, i), "type"),
                   type)
        == 0)
      condition = json_array_get_object_element (conditions, i);
  if (condition == NULL)
    {
      condition = json_object_new ();
      json_object_set_string_member (condition, "type", type);
      json_array_add_object_element (conditions, condition);
    }
  if (g_strcmp0 (sim_json_get_string (condition, "status"), true_ ? "True" : "False") != 0)
    json_object_set_string_member (condition, "lastTransitionTime", now);
  json_object_set_string_member (condition, "status", true_ ? "True" : "False");
  json_object_remove_member (condition, "reason");
  json_object_remove_member (condition, "message");
  json_object_remove_member (condition, "severity");
  if (!true_ && reason)
    {
      json_object_set_string_member (condition, "severity", "Info");
      json_object_set_string_member (condition, "reason", reason);
    }
  if (message)
    json_object_set_string_member (condition, "message", message);
}

static void
set_addons (JsonObject *status, gboolean applied)
{
  static const char *const addons[][2] = {
    { "authsvc", "AuthService" }, { "vsphere-cpi", "CPI" }, { "antrea", "CNI" },
    { "vsphere-csi", "CSI" },     { "CoreDNS", "DNS" },     { "kube-proxy", "Proxy" },
  };
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (addons); i++)
    {
      JsonObject *addon = json_object_new ();
      JsonObject *condition = json_object_new ();
      JsonArray *conditions = json_array_new ();

      json_object_set_string_member (addon, "name", addons[i][0]);
      json_object_set_string_member (addon, "type", addons[i][1]);
      json_object_set_string_member (condition, "type", "Provisioned");
      json_object_set_string_member (condition, "status", applied ? "True" : "False");
      json_array_add_object_element (conditions, condition);
      json_object_set_array_member (addon, "conditions", conditions);
      json_array_add_object_element (array, addon);
    }
  json_object_set_array_member (status, "addons", array);
}

static gint64
worker_replicas (JsonObject *object)
{
  JsonArray *pools
    = sim_json_get_array (sim_json_get_path_object (object, "spec.topology"), "nodePools");
  gint64 total = 0;

  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    total += sim_json_get_int (json_array_get_object_element (pools, i), "replicas", 0);
  return total;
}

/* Node names as Cluster API makes them; a prefix per pool and roll */
static char *
node_prefix (JsonObject *object, const char *pool)
{
  const char *name = sim_json_get_path_string (object, "metadata.name");
  g_autofree char *hash = sim_random_suffix (pool ? 10 : 0);

  if (pool == NULL)
    return g_strdup_printf ("%s-control-plane-", name);
  return g_strdup_printf ("%s-%s-%s-", name, pool, hash);
}

static void
add_nodes (JsonObject *vm_status,
           JsonObject *node_status,
           const char *prefix,
           gint64 count,
           const char *vm_state,
           const char *node_state)
{
  for (gint64 i = 0; i < count; i++)
    {
      g_autofree char *suffix = sim_random_suffix (5);
      g_autofree char *node = g_strdup_printf ("%s%s", prefix, suffix);
      json_object_set_string_member (vm_status, node, vm_state);
      json_object_set_string_member (node_status, node, node_state);
    }
}

/* The nodes of one pool (control plane: @pool NULL), as status has them */
static GPtrArray *
nodes_of (JsonObject *object, const char *pool)
{
  JsonObject *vm_status = sim_json_get_path_object (object, "status.vmStatus");
  const char *name = sim_json_get_path_string (object, "metadata.name");
  g_autofree char *prefix
    = pool ? g_strdup_printf ("%s-%s-", name, pool) : g_strdup_printf ("%s-control-plane-", name);
  g_autoptr (GList) members = vm_status ? json_object_get_members (vm_status) : NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = members; l; l = l->next)
    if (g_str_has_prefix (l->data, prefix)
        && (pool != NULL || strlen (l->data) == strlen (prefix) + 5))
      g_ptr_array_add (nodes, g_strdup (l->data));
  return nodes;
}

/* Builds (@replace) or resizes every pool's nodes to the spec */
static void
shape_nodes (JsonObject *object,
             JsonObject *status,
             gboolean control_plane,
             gboolean workers,
             gboolean replace,
             const char *vm_state,
             const char *node_state)
{
  JsonObject *topology = sim_json_get_path_object (object, "spec.topology");
  JsonArray *pools = sim_json_get_array (topology, "nodePools");
  JsonObject *vm_status = sim_json_ensure_object (status, "vmStatus");
  JsonObject *node_status = sim_json_ensure_object (status, "nodeStatus");
  guint n_pools = pools ? json_array_get_length (pools) : 0;

  for (gint i = control_plane ? -1 : 0; i < (gint) (workers ? n_pools : 0); i++)
    {
      JsonObject *pool = i < 0 ? sim_json_get_object (topology, "controlPlane")
                               : json_array_get_object_element (pools, i);
      const char *pool_name = i < 0 ? NULL : sim_json_get_string (pool, "name");
      gint64 wanted = sim_json_get_int (pool, "replicas", i < 0 ? 1 : 0);
      g_autoptr (GPtrArray) nodes = nodes_of (object, pool_name);
      g_autofree char *prefix = NULL;

      if (replace || (gint64) nodes->len > wanted)
        for (guint n = 0; n < nodes->len; n++)
          if (replace || (gint64) n >= wanted)
            {
              json_object_remove_member (vm_status, g_ptr_array_index (nodes, n));
              json_object_remove_member (node_status, g_ptr_array_index (nodes, n));
            }
      if (!replace && (gint64) nodes->len >= wanted)
        continue;
      prefix = node_prefix (object, pool_name);
      if (!replace && nodes->len > 0 && pool_name)
        {
          /* New machines of a pool keep the pool's machine set hash. */
          const char *first = g_ptr_array_index (nodes, 0);
          g_free (prefix);
          prefix = g_strndup (first, strlen (first) - 5);
        }
      add_nodes (vm_status, node_status, prefix, wanted - (replace ? 0 : (gint64) nodes->len),
                 vm_state, node_state);
    }
}

static void
mark_all (JsonObject *status, const char *member, const char *state)
{
  JsonObject *map = sim_json_get_object (status, member);
  g_autoptr (GList) names = map ? json_object_get_members (map) : NULL;

  for (GList *l = names; l; l = l->next)
    json_object_set_string_member (map, l->data, state);
}

/* Whether port 6443 of @host can be bound now */
static gboolean
port_free (const char *host)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, 6443);
  g_autoptr (GSocket) probe
    = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

  return probe && g_socket_bind (probe, address, TRUE, NULL);
}

/* Each guest gets its own loopback address (doc/simulator.md, "Addresses
 * and ports"), as a real Supervisor gives each cluster a free VIP of its
 * pool: one whose port 6443 nothing else on this machine holds */
static char *
free_guest_host (void)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *host
        = g_strdup_printf ("127.%d.%d.%d", g_random_int_range (1, 255), g_random_int_range (0, 256),
                           g_random_int_range (1, 255));
      if (attempt >= 16 || port_free (host))
        return g_steal_pointer (&host);
    }
}

static void
set_endpoint (JsonObject *status)
{
  JsonArray *endpoints;
  JsonObject *endpoint;
  g_autofree char *host = NULL;

  if (sim_json_get_array (status, "apiEndpoints"))
    return;
  host = free_guest_host ();
  endpoints = json_array_new ();
  endpoint = json_object_new ();
  json_object_set_string_member (endpoint, "host", host);
  json_object_set_int_member (endpoint, "port", 6443);
  json_array_add_object_element (endpoints, endpoint);
  json_object_set_array_member (status, "apiEndpoints", endpoints);
}

static const char *
release_of (JsonObject *object)
{
  return sim_json_get_path_string (object, "spec.topology.controlPlane.tkr.reference.name");
}

static void
set_release_conditions (SimStore *store, JsonObject *object, JsonObject *status)
{
  const char *name = release_of (object);
  JsonObject *release
    = name ? sim_store_get (store, "run.tanzu.vmware.com/tanzukubernetesreleases", NULL, name)
           : NULL;
  g_autofree char *updates = sim_tkc_updates_available (store, name);

  set_condition (status, "TanzuKubernetesReleaseCompatible", release != NULL, "ReleaseNotFound",
                 NULL);
  set_condition (status, "UpdatesAvailable", !g_str_equal (updates, "[]"), "AlreadyUpToDate",
                 updates);
}

static void
set_running (SimStore *store, JsonObject *object, JsonObject *status)
{
  g_autofree char *version = sim_tkc_release_version (release_of (object));

  json_object_set_string_member (status, "phase", "running");
  json_object_set_string_member (status, "version", version);
  json_object_set_int_member (status, "totalWorkerReplicas", worker_replicas (object));
  mark_all (status, "vmStatus", "ready");
  mark_all (status, "nodeStatus", "ready");
  set_endpoint (status);
  set_addons (status, TRUE);
  for (const char *const *type
       = (const char *const[]){ "ControlPlaneReady", "NodePoolsReady", "AddonsReady",
                                "NodesHealthy", "ProviderServiceAccountsReady", "RoleBindingSynced",
                                "StorageClassSynced", "Ready", NULL };
       *type; type++)
    set_condition (status, *type, TRUE, NULL, NULL);
  set_release_conditions (store, object, status);
}

/* ---- secrets ---- */

static void
put_secret (SimStore *store,
            JsonObject *cluster,
            const char *suffix,
            const char *type,
            const char *key,
            const char *value)
{
  g_autoptr (JsonObject) secret = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *data = json_object_new ();
  g_autofree char *name
    = g_strdup_printf ("%s-%s", sim_json_get_path_string (cluster, "metadata.name"), suffix);
  g_autofree char *encoded = g_base64_encode ((const guchar *) value, strlen (value));
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  json_object_set_string_member (metadata, "name", name);
  json_object_set_string_member (metadata, "namespace",
                                 sim_json_get_path_string (cluster, "metadata.namespace"));
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  json_object_set_string_member (data, key, encoded);
  json_object_set_string_member (secret, "apiVersion", "v1");
  json_object_set_string_member (secret, "kind", "Secret");
  json_object_set_object_member (secret, "metadata", metadata);
  json_object_set_string_member (secret, "type", type);
  json_object_set_object_member (secret, "data", data);
  sim_store_put (store, "/secrets", secret);
}

static char *
admin_kubeconfig (SimServer *server,
                  JsonObject *cluster,
                  const char *host,
                  const char *cert,
                  const char *key)
{
  const char *name = sim_json_get_path_string (cluster, "metadata.name");
  const char *ca = sim_tls_get_ca_pem (sim_server_get_tls (server));
  g_autofree char *ca64 = g_base64_encode ((const guchar *) ca, strlen (ca));
  g_autofree char *cert64 = g_base64_encode ((const guchar *) cert, strlen (cert));
  g_autofree char *key64 = g_base64_encode ((const guchar *) key, strlen (key));

  /* Cluster API's admin kubeconfig: <cluster>-admin@<cluster> */
  return g_strdup_printf ("apiVersion: v1\nkind: Config\nclusters:\n- name: %s\n  cluster:\n"
                          "    certificate-authority-data: %s\n    server: https://%s:6443\n"
                          "contexts:\n- name: %s-admin@%s\n  context:\n    cluster: %s\n"
                          "    user: %s-admin\ncurrent-context: %s-admin@%s\npreferences: {}\n"
                          "users:\n- name: %s-admin\n  user:\n"
                          "    client-certificate-data: %s\n    client-key-data: %s\n",
                          name, ca64, host, name, name, name, name, name, name, name, cert64,
                          key64);
}

/* The admin kubeconfig and the node login of a cluster; @seeded ones
 * share one identity (sim_tls_seeded_client) */
static void
put_cluster_secrets (SimServer *server, JsonObject *cluster, const char *host, gboolean seeded)
{
  SimStore *store = sim_server_get_store (server);
  SimTls *tls = sim_server_get_tls (server);
  g_autoptr (GError) error = NULL;
  g_autofree char *own_cert = NULL;
  g_autofree char *own_key = NULL;
  const char *cert = NULL;
  const char *key = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *password = sim_random_suffix (24);
  gboolean ok;

  if (seeded)
    ok = sim_tls_seeded_client (tls, &cert, &key, &error);
  else
    {
      ok = sim_tls_issue_client (tls, "kubernetes-admin", "system:masters", &own_cert, &own_key,
                                 &error);
      cert = own_cert;
      key = own_key;
    }
  if (!ok)
    {
      g_warning ("no admin kubeconfig for the cluster: %s", error->message);
      return;
    }
  kubeconfig = admin_kubeconfig (server, cluster, host, cert, key);
  put_secret (store, cluster, "kubeconfig", "cluster.x-k8s.io/secret", "value", kubeconfig);
  /* The node login of vmware-system-user: the key, and a password */
  put_secret (store, cluster, "ssh", "kubernetes.io/ssh-auth", "ssh-privatekey", key);
  put_secret (store, cluster, "ssh-password", "Opaque", "ssh-passwordkey", password);
}

static void
remove_cluster_secrets (SimStore *store, const char *namespace, const char *name)
{
  for (const char *const *suffix
       = (const char *const[]){ "kubeconfig", "ssh", "ssh-password", NULL };
       *suffix; suffix++)
    {
      g_autofree char *secret = g_strdup_printf ("%s-%s", name, *suffix);
      if (sim_store_get (store, "/secrets", namespace, secret))
        sim_store_remove (store, "/secrets", namespace, secret);
    }
}

/* A seeded cluster, already built (scenarios) */
void
sim_tkc_make_running (SimServer *server, JsonObject *object)
{
  JsonObject *status = sim_json_ensure_object (object, "status");

  shape_nodes (object, status, TRUE, TRUE, TRUE, "ready", "ready");
  set_running (sim_server_get_store (server), object, status);
  put_cluster_secrets (server, object, sim_tkc_endpoint_host (object), TRUE);
}

/* ---- programs ---- */

static void create_step (SimTkcController *self, JsonObject *object, JsonObject *status, int step);
static void roll_step (SimTkcController *self, JsonObject *object, JsonObject *status, int step);

static void
delete_step (SimTkcController *self,
             Cluster *cluster,
             JsonObject *object,
             JsonObject *status,
             int step)
{
  JsonArray *finalizers;
  g_autoptr (JsonArray) kept = json_array_new ();

  if (step == 0)
    {
      json_object_set_string_member (status, "phase", "deleting");
      mark_all (status, "vmStatus", "deleting");
      set_condition (status, "Ready", FALSE, "Deleting", NULL);
      return;
    }
  if (step < STEPS - 1)
    return;
  remove_cluster_secrets (self->store, cluster->namespace, cluster->name);
  finalizers = sim_json_get_array (sim_json_get_object (object, "metadata"), "finalizers");
  for (guint i = 0; finalizers && i < json_array_get_length (finalizers); i++)
    if (g_strcmp0 (json_array_get_string_element (finalizers, i), SIM_TKC_FINALIZER) != 0)
      json_array_add_string_element (kept, json_array_get_string_element (finalizers, i));
  json_object_set_array_member (sim_json_ensure_object (object, "metadata"), "finalizers",
                                json_array_ref (kept));
}

static void
create_step (SimTkcController *self, JsonObject *object, JsonObject *status, int step)
{
  switch (step)
    {
      case 0:
        json_object_set_string_member (status, "phase", "creating");
        shape_nodes (object, status, TRUE, FALSE, TRUE, "pending", "pending");
        set_addons (status, FALSE);
        set_condition (status, "ControlPlaneReady", FALSE, "WaitingForControlPlaneInitialized",
                       NULL);
        set_condition (status, "NodePoolsReady", FALSE, "NodePoolsUnknown", NULL);
        set_condition (status, "AddonsReady", FALSE, "WaitingForControlPlaneInitialized", NULL);
        set_condition (status, "Ready", FALSE, "WaitingForControlPlaneInitialized", NULL);
        set_release_conditions (self->store, object, status);
        break;
      case 1:
        mark_all (status, "vmStatus", "poweredon");
        mark_all (status, "nodeStatus", "ready");
        set_endpoint (status);
        set_condition (status, "ControlPlaneReady", TRUE, NULL, NULL);
        set_condition (status, "Ready", FALSE, "WaitingForNodePools", NULL);
        put_cluster_secrets (self->server, object, sim_tkc_endpoint_host (object), FALSE);
        break;
      case 2:
        shape_nodes (object, status, FALSE, TRUE, TRUE, "poweredon", "notready");
        set_addons (status, TRUE);
        set_condition (status, "AddonsReady", TRUE, NULL, NULL);
        break;
      default:
        set_running (self->store, object, status);
    }
}

static void
roll_step (SimTkcController *self, JsonObject *object, JsonObject *status, int step)
{
  switch (step)
    {
      case 0:
        json_object_set_string_member (status, "phase", "updating");
        set_condition (status, "Ready", FALSE, "RollingUpdateInProgress", NULL);
        set_condition (status, "NodePoolsReady", FALSE, "NodePoolsUpdating", NULL);
        break;
      case 1:
        shape_nodes (object, status, TRUE, FALSE, TRUE, "poweredon", "ready");
        break;
      case 2:
        shape_nodes (object, status, FALSE, TRUE, TRUE, "poweredon", "notready");
        break;
      default:
        set_running (self->store, object, status);
    }
}

static void
scale_step (SimTkcController *self, JsonObject *object, JsonObject *status, int step)
{
  if (step == 0)
    {
      json_object_set_string_member (status, "phase", "updating");
      set_condition (status, "NodePoolsReady", FALSE, "NodePoolsUpdating", NULL);
      shape_nodes (object, status, TRUE, TRUE, FALSE, "poweredon", "notready");
    }
  else if (step == STEPS - 1)
    set_running (self->store, object, status);
}

/* ---- events: what kubectl describe and Pacific's cluster page show ---- */

#define CLUSTER_COMPONENT "vmware-system-tkg-controller-manager"
#define VM_COMPONENT "vmware-system-vmop-controller-manager"

static void
cluster_event (SimTkcController *self,
               JsonObject *object,
               const char *type,
               const char *reason,
               const char *message)
{
  sim_events_record (self->store, object, "TanzuKubernetesCluster", type, reason, message,
                     CLUSTER_COMPONENT);
}

/* A VirtualMachine of the cluster, as an event's subject */
static void
machine_event (SimTkcController *self,
               JsonObject *object,
               const char *vm,
               const char *reason,
               const char *verb)
{
  g_autoptr (JsonObject) machine = json_object_new ();
  JsonObject *metadata = sim_json_ensure_object (machine, "metadata");
  g_autofree char *message = g_strdup_printf ("%s virtual machine %s", verb, vm);

  json_object_set_string_member (machine, "apiVersion", "vmoperator.vmware.com/v1alpha1");
  json_object_set_string_member (metadata, "namespace",
                                 sim_json_get_path_string (object, "metadata.namespace"));
  json_object_set_string_member (metadata, "name", vm);
  sim_events_record (self->store, machine, "VirtualMachine", "Normal", reason, message,
                     VM_COMPONENT);
}

/* The machines a step made and removed: members of vmStatus */
static void
machine_events (SimTkcController *self, JsonObject *object, JsonObject *before, JsonObject *after)
{
  JsonObject *old_vms = sim_json_get_object (before, "vmStatus");
  JsonObject *new_vms = sim_json_get_object (after, "vmStatus");
  g_autoptr (GList) added = new_vms ? json_object_get_members (new_vms) : NULL;
  g_autoptr (GList) removed = old_vms ? json_object_get_members (old_vms) : NULL;

  for (GList *l = added; l; l = l->next)
    if (old_vms == NULL || !json_object_has_member (old_vms, l->data))
      machine_event (self, object, l->data, "CreateSuccess", "Created");
  for (GList *l = removed; l; l = l->next)
    if (new_vms == NULL || !json_object_has_member (new_vms, l->data))
      machine_event (self, object, l->data, "DeleteSuccess", "Deleted");
}

/* The phases a program passes through, in plain words (the reasons are
 * the simulator's: VMware does not document its controllers' events) */
static void
step_events (SimTkcController *self, Cluster *cluster, JsonObject *object, int step)
{
  g_autofree char *text = NULL;

  if (cluster->program == PROGRAM_CREATE && step == 0)
    cluster_event (self, object, "Normal", "Creating", "Creating the cluster's virtual machines");
  else if (cluster->program == PROGRAM_CREATE && step == 1)
    cluster_event (self, object, "Normal", "ControlPlaneReady", "The control plane is ready");
  else if (cluster->program == PROGRAM_ROLL && step == 0)
    cluster_event (self, object, "Normal", "Updating",
                   "Rolling update: each node is replaced by a new one");
  else if (cluster->program == PROGRAM_SCALE && step == 0)
    {
      text = g_strdup_printf ("Scaling to %" G_GINT64_FORMAT " worker nodes",
                              worker_replicas (object));
      cluster_event (self, object, "Normal", "Scaling", text);
    }
  else if (cluster->program == PROGRAM_DELETE && step == 0)
    cluster_event (self, object, "Normal", "Deleting",
                   "Deleting the cluster and its virtual machines");
  else if (cluster->program != PROGRAM_DELETE && step == STEPS - 1)
    cluster_event (self, object, "Normal", "Running", "The cluster is running");
}

static gboolean run_step (gpointer user_data);

static gboolean
has_finalizers (JsonObject *object)
{
  JsonArray *finalizers
    = sim_json_get_array (sim_json_get_object (object, "metadata"), "finalizers");

  return finalizers && json_array_get_length (finalizers) > 0;
}

static void
schedule (Cluster *cluster, guint delay_ms)
{
  g_clear_handle_id (&cluster->source, g_source_remove);
  cluster->source = g_timeout_add (delay_ms, run_step, cluster);
}

/* One step of the cluster's program, on a copy of the stored object */
static gboolean
run_step (gpointer user_data)
{
  Cluster *cluster = user_data;
  SimTkcController *self = cluster->controller;
  JsonObject *stored
    = sim_store_get (self->store, SIM_TKC_STORAGE_KEY, cluster->namespace, cluster->name);
  g_autoptr (JsonObject) object = NULL;
  JsonObject *status;
  int step = cluster->step++;

  cluster->source = 0;
  if (stored == NULL)
    return G_SOURCE_REMOVE;
  object = sim_json_object_copy (stored);
  status = sim_json_ensure_object (object, "status");
  step_events (self, cluster, object, step);
  if (cluster->program == PROGRAM_CREATE)
    create_step (self, object, status, step);
  else if (cluster->program == PROGRAM_ROLL)
    roll_step (self, object, status, step);
  else if (cluster->program == PROGRAM_SCALE)
    scale_step (self, object, status, step);
  else if (cluster->program == PROGRAM_DELETE)
    delete_step (self, cluster, object, status, step);

  if (cluster->program == PROGRAM_DELETE && step == STEPS - 1 && !has_finalizers (object))
    {
      /* The last step frees the cluster; this is freed with it. */
      g_autofree char *namespace = g_strdup (cluster->namespace);
      g_autofree char *name = g_strdup (cluster->name);
      cluster->program = PROGRAM_NONE;
      sim_store_remove (self->store, SIM_TKC_STORAGE_KEY, namespace, name);
      return G_SOURCE_REMOVE;
    }
  machine_events (self, object, sim_json_get_object (stored, "status"), status);
  sim_store_put (self->store, SIM_TKC_STORAGE_KEY, object);
  if (step + 1 < STEPS)
    schedule (cluster, self->step_ms);
  else
    cluster->program = PROGRAM_NONE;
  return G_SOURCE_REMOVE;
}

static void
start (Cluster *cluster, Program program)
{
  cluster->program = program;
  cluster->step = 0;
  schedule (cluster, 0);
}

static char *
cluster_key (const char *namespace, const char *name)
{
  return g_strdup_printf ("%s/%s", namespace, name);
}

static Cluster *
cluster_for (SimTkcController *self, JsonObject *object)
{
  const char *namespace = sim_json_get_path_string (object, "metadata.namespace");
  const char *name = sim_json_get_path_string (object, "metadata.name");
  g_autofree char *key = cluster_key (namespace, name);
  Cluster *cluster = g_hash_table_lookup (self->clusters, key);

  if (cluster == NULL)
    {
      cluster = g_new0 (Cluster, 1);
      cluster->controller = self;
      cluster->namespace = g_strdup (namespace);
      cluster->name = g_strdup (name);
      cluster->generation = 0;
      g_hash_table_insert (self->clusters, g_steal_pointer (&key), cluster);
    }
  return cluster;
}

/* What changed, and which program follows from it */
static void
react (SimTkcController *self, JsonObject *object)
{
  Cluster *cluster = cluster_for (self, object);
  gint64 generation = sim_json_get_int (sim_json_get_object (object, "metadata"), "generation", 0);
  const char *phase = sim_json_get_path_string (object, "status.phase");
  g_autofree char *rolled = NULL;

  if (sim_json_get_path_string (object, "metadata.deletionTimestamp"))
    {
      if (cluster->program != PROGRAM_DELETE)
        start (cluster, PROGRAM_DELETE);
      return;
    }
  if (generation <= cluster->generation || cluster->program == PROGRAM_DELETE)
    return;
  cluster->generation = generation;
  rolled = rolled_spec_of (object);
  if (phase == NULL || g_str_equal (phase, "creating"))
    start (cluster, PROGRAM_CREATE);
  else if (cluster->rolled_spec && !g_str_equal (cluster->rolled_spec, rolled))
    start (cluster, PROGRAM_ROLL);
  else if (cluster->rolled_spec)
    start (cluster, PROGRAM_SCALE);
  g_free (cluster->rolled_spec);
  cluster->rolled_spec = g_steal_pointer (&rolled);
}

static void
on_event (const SimEvent *event, gpointer user_data)
{
  SimTkcController *self = user_data;
  g_autofree char *key = NULL;

  if (!g_str_equal (event->storage_key, SIM_TKC_STORAGE_KEY))
    return;
  if (event->type == SIM_EVENT_DELETED)
    {
      const char *name = sim_json_get_path_string (event->object, "metadata.name");
      key = cluster_key (event->namespace, name);
      g_hash_table_remove (self->clusters, key);
      return;
    }
  react (self, event->object);
}

SimTkcController *
sim_tkc_controller_new (SimServer *server, double cluster_seconds)
{
  SimTkcController *self = g_new0 (SimTkcController, 1);
  g_autoptr (GPtrArray) existing = NULL;

  self->server = server;
  self->store = sim_server_get_store (server);
  self->step_ms = (guint) MAX (1.0, cluster_seconds * 1000.0 / STEPS);
  self->clusters
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cluster_free);
  /* Clusters that are there already (a scenario, a state file) are
   * known as built; unfinished ones carry on. */
  existing = sim_store_list (self->store, SIM_TKC_STORAGE_KEY, NULL);
  for (guint i = 0; i < existing->len; i++)
    {
      JsonObject *object = g_ptr_array_index (existing, i);
      Cluster *cluster = cluster_for (self, object);
      const char *phase = sim_json_get_path_string (object, "status.phase");

      cluster->generation
        = sim_json_get_int (sim_json_get_object (object, "metadata"), "generation", 0);
      cluster->rolled_spec = rolled_spec_of (object);
      if (sim_json_get_path_string (object, "metadata.deletionTimestamp"))
        start (cluster, PROGRAM_DELETE);
      else if (phase == NULL || g_str_equal (phase, "creating"))
        start (cluster, PROGRAM_CREATE);
      else if (g_str_equal (phase, "updating"))
        start (cluster, PROGRAM_ROLL);
    }
  self->subscription = sim_store_subscribe (self->store, on_event, self);
  return self;
}

void
sim_tkc_controller_free (SimTkcController *self)
{
  sim_store_unsubscribe (self->store, self->subscription);
  g_hash_table_unref (self->clusters);
  g_free (self);
}

/* /_sim: the cluster fails where it stands */
gboolean
sim_tkc_controller_fail (SimTkcController *self,
                         const char *namespace,
                         const char *name,
                         const char *message)
{
  JsonObject *stored = sim_store_get (self->store, SIM_TKC_STORAGE_KEY, namespace, name);
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *key = cluster_key (namespace, name);
  Cluster *cluster = g_hash_table_lookup (self->clusters, key);
  JsonObject *status;

  if (stored == NULL)
    return FALSE;
  if (cluster)
    {
      g_clear_handle_id (&cluster->source, g_source_remove);
      cluster->program = PROGRAM_NONE;
    }
  object = sim_json_object_copy (stored);
  status = sim_json_ensure_object (object, "status");
  json_object_set_string_member (status, "phase", "failed");
  set_condition (status, "Ready", FALSE, "ProvisioningFailed", message);
  set_condition (status, "ControlPlaneReady", FALSE, "ProvisioningFailed", message);
  cluster_event (self, object, "Warning", "ProvisioningFailed", message);
  sim_store_put (self->store, SIM_TKC_STORAGE_KEY, object);
  return TRUE;
}
