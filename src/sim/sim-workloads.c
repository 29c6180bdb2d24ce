/* sim-workloads.c: a guest cluster's controllers and kubelets, just
 * enough for pod security and registry trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deployment → ReplicaSet (named after the template's hash) → Pods, a
 * DaemonSet's pod on every schedulable node, pods scheduled and running,
 * owners' deletion cascading. Pods the controllers create pass pod
 * security admission as the controller's service account, which has no
 * PodSecurityPolicy of its own: without a binding for the pod's service
 * account the ReplicaSet gets the ReplicaFailure condition and a
 * FailedCreate event — the source article's symptom. A running
 * privileged pod that mounts a Secret and a hostPath of the node's trust
 * store makes the node trust the Secret's certificates.
 */
#define G_LOG_DOMAIN "sim-workloads"

#include "sim-workloads.h"

#include <string.h>

#include "sim-admission.h"
#include "sim-guests.h"
#include "sim-events.h"
#include "sim-json.h"
#include "sim-rbac.h"

#define PODS "/pods"
#define DEPLOYMENTS "apps/deployments"
#define REPLICA_SETS "apps/replicasets"
#define DAEMON_SETS "apps/daemonsets"
#define TICK_MS 250

struct _SimWorkloads
{
  SimServer *guest;
  SimStore *store;
  guint source;
  guint next_ip;
};

static void
stamp (JsonObject *object)
{
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
}

static gboolean
owned_by (JsonObject *object, JsonObject *owner)
{
  JsonArray *owners
    = sim_json_get_array (sim_json_get_object (object, "metadata"), "ownerReferences");
  const char *uid = sim_json_get_path_string (owner, "metadata.uid");

  for (guint i = 0; owners && i < json_array_get_length (owners); i++)
    if (g_strcmp0 (sim_json_get_string (json_array_get_object_element (owners, i), "uid"), uid)
        == 0)
      return TRUE;
  return FALSE;
}

static void
set_owner (JsonObject *object, JsonObject *owner, const char *api_version, const char *kind)
{
  JsonArray *owners = json_array_new ();
  JsonObject *reference = json_object_new ();

  json_object_set_string_member (reference, "apiVersion", api_version);
  json_object_set_string_member (reference, "kind", kind);
  json_object_set_string_member (reference, "name",
                                 sim_json_get_path_string (owner, "metadata.name"));
  json_object_set_string_member (reference, "uid",
                                 sim_json_get_path_string (owner, "metadata.uid"));
  json_object_set_boolean_member (reference, "controller", TRUE);
  json_object_set_boolean_member (reference, "blockOwnerDeletion", TRUE);
  json_array_add_object_element (owners, reference);
  json_object_set_array_member (sim_json_ensure_object (object, "metadata"), "ownerReferences",
                                owners);
}

static GPtrArray *
owned (SimWorkloads *self, const char *key, JsonObject *owner)
{
  g_autoptr (GPtrArray) all
    = sim_store_list (self->store, key, sim_json_get_path_string (owner, "metadata.namespace"));
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < all->len; i++)
    if (owned_by (g_ptr_array_index (all, i), owner))
      g_ptr_array_add (found, json_object_ref (g_ptr_array_index (all, i)));
  return found;
}

/* Writes @copy when it differs from what the store has */
static void
put_if_changed (SimWorkloads *self, const char *key, JsonObject *before, JsonObject *copy)
{
  g_autoptr (JsonNode) a = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) b = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (a, before);
  json_node_set_object (b, copy);
  if (!sim_json_equal (a, b))
    sim_store_put (self->store, key, copy);
}

/* ---- events ---- */

static void
record_event (SimWorkloads *self,
              JsonObject *involved,
              const char *kind,
              const char *type,
              const char *reason,
              const char *message)
{
  const char *component
    = g_str_equal (kind, "DaemonSet") ? "daemonset-controller" : "replicaset-controller";

  sim_events_record (self->store, involved, kind, type, reason, message, component);
}

/* ---- pods from templates ---- */

/* Creates a pod from @owner's template, through admission as @controller;
 * on refusal returns FALSE with kube-apiserver's message. */
/* A hash of the template: a Deployment names its ReplicaSets after it, and
 * a DaemonSet labels its pods with it, so that a changed template replaces them. */
static char *
template_hash (JsonObject *owner)
{
  JsonObject *template = sim_json_get_path_object (owner, "spec.template");
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  GString *hash = g_string_new (NULL);
  static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";

  if (template)
    json_node_set_object (node, template);
  else
    json_node_take_object (node, json_object_new ());
  text = sim_json_to_string (node, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  for (guint i = 0; i < 10; i++)
    g_string_append_c (hash, alphabet[(guchar) digest[i] % (sizeof alphabet - 1)]);
  return g_string_free (hash, FALSE);
}

static gboolean
create_pod (SimWorkloads *self,
            JsonObject *owner,
            const char *owner_kind,
            const char *controller,
            const char *node,
            char **refusal)
{
  const char *ns = sim_json_get_path_string (owner, "metadata.namespace");
  const char *name = sim_json_get_path_string (owner, "metadata.name");
  JsonObject *template = sim_json_get_path_object (owner, "spec.template");
  g_autoptr (JsonObject) pod = template ? sim_json_object_copy (template) : json_object_new ();
  JsonObject *metadata = sim_json_ensure_object (pod, "metadata");
  JsonObject *spec = sim_json_ensure_object (pod, "spec");
  g_autofree char *user = g_strdup_printf ("system:serviceaccount:kube-system:%s", controller);
  g_auto (GStrv) groups = sim_rbac_service_account_groups ("kube-system");
  g_autofree char *reason = NULL;
  g_autofree char *suffix = sim_random_suffix (5);
  g_autofree char *pod_name = g_strdup_printf ("%s-%s", name, suffix);

  json_object_set_string_member (pod, "apiVersion", "v1");
  json_object_set_string_member (pod, "kind", "Pod");
  json_object_set_string_member (metadata, "name", pod_name);
  json_object_set_string_member (metadata, "namespace", ns);
  {
    g_autofree char *generate = g_strdup_printf ("%s-", name);
    json_object_set_string_member (metadata, "generateName", generate);
  }
  set_owner (pod, owner, "apps/v1", owner_kind);
  if (g_str_equal (owner_kind, "DaemonSet"))
    {
      g_autofree char *hash = template_hash (owner);
      json_object_set_string_member (sim_json_ensure_object (metadata, "labels"),
                                     "controller-revision-hash", hash);
    }
  if (!sim_json_get_string (spec, "serviceAccountName"))
    json_object_set_string_member (spec, "serviceAccountName", "default");
  if (node)
    json_object_set_string_member (spec, "nodeName", node);
  if (!sim_admission_pod (self->guest, pod, user, (const char *const *) groups, &reason, NULL))
    {
      *refusal = g_strdup_printf ("pods \"%s-\" is forbidden: %s", name, reason);
      return FALSE;
    }
  json_object_set_string_member (sim_json_ensure_object (pod, "status"), "phase", "Pending");
  stamp (pod);
  sim_store_put (self->store, PODS, pod);
  return TRUE;
}

static gboolean
pod_ready (JsonObject *pod)
{
  return g_strcmp0 (sim_json_get_path_string (pod, "status.phase"), "Running") == 0;
}

static void
set_condition (JsonObject *status,
               const char *type,
               const char *value,
               const char *reason,
               const char *message)
{
  JsonArray *conditions = sim_json_get_array (status, "conditions");
  g_autoptr (JsonArray) kept = json_array_new ();
  JsonObject *condition;
  g_autofree char *now = sim_json_now_rfc3339 ();

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *existing = json_array_get_object_element (conditions, i);
      if (g_strcmp0 (sim_json_get_string (existing, "type"), type) == 0)
        {
          if (value && g_strcmp0 (sim_json_get_string (existing, "status"), value) == 0
              && g_strcmp0 (sim_json_get_string (existing, "message"), message) == 0)
            return; /* unchanged */
          continue;
        }
      json_array_add_object_element (kept, json_object_ref (existing));
    }
  if (value)
    {
      condition = json_object_new ();
      json_object_set_string_member (condition, "type", type);
      json_object_set_string_member (condition, "status", value);
      json_object_set_string_member (condition, "lastTransitionTime", now);
      if (reason)
        json_object_set_string_member (condition, "reason", reason);
      if (message)
        json_object_set_string_member (condition, "message", message);
      json_array_add_object_element (kept, condition);
    }
  json_object_set_array_member (status, "conditions", json_array_ref (kept));
}

/* ---- replica sets ---- */

static void
reconcile_replica_set (SimWorkloads *self, JsonObject *rs)
{
  g_autoptr (GPtrArray) pods = owned (self, PODS, rs);
  g_autoptr (JsonObject) copy = sim_json_object_copy (rs);
  JsonObject *status = sim_json_ensure_object (copy, "status");
  gint64 wanted = sim_json_get_int (sim_json_get_object (rs, "spec"), "replicas", 1);
  g_autofree char *refusal = NULL;
  gint64 ready = 0;

  if ((gint64) pods->len < wanted
      && !create_pod (self, rs, "ReplicaSet", "replicaset-controller", NULL, &refusal))
    {
      g_autofree char *message = g_strdup_printf ("Error creating: %s", refusal);
      set_condition (status, "ReplicaFailure", "True", "FailedCreate", refusal);
      record_event (self, rs, "ReplicaSet", "Warning", "FailedCreate", message);
    }
  else if ((gint64) pods->len < wanted)
    set_condition (status, "ReplicaFailure", NULL, NULL, NULL);
  for (guint i = (guint) MAX (wanted, 0); i < pods->len; i++)
    sim_store_remove (self->store, PODS, sim_json_get_path_string (rs, "metadata.namespace"),
                      sim_json_get_path_string (g_ptr_array_index (pods, i), "metadata.name"));
  for (guint i = 0; i < pods->len && (gint64) i < wanted; i++)
    ready += pod_ready (g_ptr_array_index (pods, i));
  json_object_set_int_member (status, "replicas", MIN ((gint64) pods->len, wanted));
  json_object_set_int_member (status, "fullyLabeledReplicas", MIN ((gint64) pods->len, wanted));
  json_object_set_int_member (status, "readyReplicas", ready);
  json_object_set_int_member (status, "availableReplicas", ready);
  json_object_set_int_member (
    status, "observedGeneration",
    sim_json_get_int (sim_json_get_object (rs, "metadata"), "generation", 1));
  put_if_changed (self, REPLICA_SETS, rs, copy);
}

/* ---- deployments ---- */

static JsonObject *
new_replica_set (JsonObject *deployment, const char *hash)
{
  JsonObject *rs = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  JsonObject *template
    = sim_json_object_copy (sim_json_get_path_object (deployment, "spec.template"));
  JsonObject *selector
    = sim_json_object_copy (sim_json_get_path_object (deployment, "spec.selector"));
  g_autofree char *name
    = g_strdup_printf ("%s-%s", sim_json_get_path_string (deployment, "metadata.name"), hash);

  json_object_set_string_member (
    sim_json_ensure_object (sim_json_ensure_object (template, "metadata"), "labels"),
    "pod-template-hash", hash);
  json_object_set_string_member (sim_json_ensure_object (selector, "matchLabels"),
                                 "pod-template-hash", hash);
  json_object_set_string_member (rs, "apiVersion", "apps/v1");
  json_object_set_string_member (rs, "kind", "ReplicaSet");
  json_object_set_string_member (metadata, "name", name);
  json_object_set_string_member (metadata, "namespace",
                                 sim_json_get_path_string (deployment, "metadata.namespace"));
  json_object_set_int_member (metadata, "generation", 1);
  json_object_set_object_member (rs, "metadata", metadata);
  json_object_set_object_member (spec, "template", template);
  json_object_set_object_member (spec, "selector", selector);
  json_object_set_object_member (rs, "spec", spec);
  set_owner (rs, deployment, "apps/v1", "Deployment");
  stamp (rs);
  return rs;
}

static void
reconcile_deployment (SimWorkloads *self, JsonObject *deployment)
{
  g_autofree char *hash = template_hash (deployment);
  g_autoptr (GPtrArray) sets = owned (self, REPLICA_SETS, deployment);
  g_autoptr (JsonObject) copy = sim_json_object_copy (deployment);
  JsonObject *status = sim_json_ensure_object (copy, "status");
  gint64 wanted = sim_json_get_int (sim_json_get_object (deployment, "spec"), "replicas", 1);
  JsonObject *current = NULL;
  JsonArray *conditions;

  for (guint i = 0; i < sets->len; i++)
    {
      JsonObject *rs = g_ptr_array_index (sets, i);
      if (g_str_has_suffix (sim_json_get_path_string (rs, "metadata.name"), hash))
        current = rs;
      else /* the old template: a rollout replaces it */
        sim_store_remove (self->store, REPLICA_SETS,
                          sim_json_get_path_string (rs, "metadata.namespace"),
                          sim_json_get_path_string (rs, "metadata.name"));
    }
  if (current == NULL)
    {
      g_autoptr (JsonObject) rs = new_replica_set (deployment, hash);
      json_object_set_int_member (sim_json_get_object (rs, "spec"), "replicas", wanted);
      sim_store_put (self->store, REPLICA_SETS, rs);
      return;
    }
  if (sim_json_get_int (sim_json_get_object (current, "spec"), "replicas", 1) != wanted)
    {
      g_autoptr (JsonObject) scaled = sim_json_object_copy (current);
      json_object_set_int_member (sim_json_get_object (scaled, "spec"), "replicas", wanted);
      sim_store_put (self->store, REPLICA_SETS, scaled);
    }
  json_object_set_int_member (
    status, "replicas", sim_json_get_int (sim_json_get_object (current, "status"), "replicas", 0));
  json_object_set_int_member (
    status, "updatedReplicas",
    sim_json_get_int (sim_json_get_object (current, "status"), "replicas", 0));
  json_object_set_int_member (
    status, "readyReplicas",
    sim_json_get_int (sim_json_get_object (current, "status"), "readyReplicas", 0));
  json_object_set_int_member (
    status, "availableReplicas",
    sim_json_get_int (sim_json_get_object (current, "status"), "availableReplicas", 0));
  json_object_set_int_member (
    status, "observedGeneration",
    sim_json_get_int (sim_json_get_object (deployment, "metadata"), "generation", 1));
  set_condition (status, "Available",
                 sim_json_get_int (status, "availableReplicas", 0) >= wanted ? "True" : "False",
                 sim_json_get_int (status, "availableReplicas", 0) >= wanted
                   ? "MinimumReplicasAvailable"
                   : "MinimumReplicasUnavailable",
                 sim_json_get_int (status, "availableReplicas", 0) >= wanted
                   ? "Deployment has minimum availability."
                   : "Deployment does not have minimum availability.");
  /* The ReplicaSet's failure shows on the Deployment too. */
  conditions = sim_json_get_array (sim_json_get_object (current, "status"), "conditions");
  set_condition (status, "ReplicaFailure", NULL, NULL, NULL);
  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = json_array_get_object_element (conditions, i);
      if (g_strcmp0 (sim_json_get_string (condition, "type"), "ReplicaFailure") == 0)
        set_condition (status, "ReplicaFailure", "True", "FailedCreate",
                       sim_json_get_string (condition, "message"));
    }
  put_if_changed (self, DEPLOYMENTS, deployment, copy);
}

/* ---- daemon sets ---- */

static gboolean
tolerates_control_plane (JsonObject *daemon_set)
{
  JsonArray *tolerations = sim_json_get_array (
    sim_json_get_path_object (daemon_set, "spec.template.spec"), "tolerations");

  for (guint i = 0; tolerations && i < json_array_get_length (tolerations); i++)
    {
      JsonObject *toleration = json_array_get_object_element (tolerations, i);
      const char *key = sim_json_get_string (toleration, "key");
      if ((key == NULL && g_strcmp0 (sim_json_get_string (toleration, "operator"), "Exists") == 0)
          || g_strcmp0 (key, "node-role.kubernetes.io/control-plane") == 0
          || g_strcmp0 (key, "node-role.kubernetes.io/master") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
schedulable_for (JsonObject *node, JsonObject *daemon_set)
{
  JsonObject *labels = sim_json_get_path_object (node, "metadata.labels");
  gboolean control_plane
    = labels && json_object_has_member (labels, "node-role.kubernetes.io/control-plane");

  return !control_plane || tolerates_control_plane (daemon_set);
}

static gboolean
outdated (JsonObject *pod, const char *hash)
{
  return g_strcmp0 (sim_json_get_string (sim_json_get_path_object (pod, "metadata.labels"),
                                         "controller-revision-hash"),
                    hash)
         != 0;
}

static void
reconcile_daemon_set (SimWorkloads *self, JsonObject *daemon_set)
{
  g_autoptr (GPtrArray) nodes = sim_store_list (self->store, "/nodes", NULL);
  g_autoptr (GPtrArray) pods = owned (self, PODS, daemon_set);
  g_autoptr (JsonObject) copy = sim_json_object_copy (daemon_set);
  JsonObject *status = sim_json_ensure_object (copy, "status");
  const char *ns = sim_json_get_path_string (daemon_set, "metadata.namespace");
  g_autofree char *hash = template_hash (daemon_set);
  gint64 desired = 0, current = 0, ready = 0, updated = 0;
  gboolean replacing = FALSE;

  for (guint p = 0; p < pods->len; p++)
    {
      const char *node = sim_json_get_path_string (g_ptr_array_index (pods, p), "spec.nodeName");
      if (sim_store_get (self->store, "/nodes", NULL, node) == NULL)
        sim_store_remove (self->store, PODS, ns,
                          sim_json_get_path_string (g_ptr_array_index (pods, p), "metadata.name"));
    }
  for (guint n = 0; n < nodes->len; n++)
    {
      JsonObject *node = g_ptr_array_index (nodes, n);
      const char *node_name = sim_json_get_path_string (node, "metadata.name");
      JsonObject *pod = NULL;
      g_autofree char *refusal = NULL;

      if (!schedulable_for (node, daemon_set))
        continue;
      desired++;
      for (guint p = 0; p < pods->len && pod == NULL; p++)
        if (g_strcmp0 (sim_json_get_path_string (g_ptr_array_index (pods, p), "spec.nodeName"),
                       node_name)
            == 0)
          pod = g_ptr_array_index (pods, p);
      if (pod && outdated (pod, hash) && !replacing)
        {
          /* RollingUpdate, maxUnavailable 1: one old pod goes at a time */
          sim_store_remove (self->store, PODS, ns, sim_json_get_path_string (pod, "metadata.name"));
          replacing = TRUE;
        }
      else if (pod)
        {
          current++;
          updated += !outdated (pod, hash);
          ready += pod_ready (pod);
        }
      else if (!create_pod (self, daemon_set, "DaemonSet", "daemon-set-controller", node_name,
                            &refusal))
        {
          g_autofree char *message = g_strdup_printf ("Error creating: %s", refusal);
          record_event (self, daemon_set, "DaemonSet", "Warning", "FailedCreate", message);
        }
    }
  json_object_set_int_member (status, "desiredNumberScheduled", desired);
  json_object_set_int_member (status, "currentNumberScheduled", current);
  json_object_set_int_member (status, "updatedNumberScheduled", updated);
  json_object_set_int_member (status, "numberReady", ready);
  json_object_set_int_member (status, "numberAvailable", ready);
  json_object_set_int_member (status, "numberMisscheduled", 0);
  json_object_set_int_member (
    status, "observedGeneration",
    sim_json_get_int (sim_json_get_object (daemon_set, "metadata"), "generation", 1));
  put_if_changed (self, DAEMON_SETS, daemon_set, copy);
}

/* ---- kubelets ---- */

static const char *
pick_worker (SimWorkloads *self, JsonObject *pod)
{
  g_autoptr (GPtrArray) nodes = sim_store_list (self->store, "/nodes", NULL);
  GPtrArray *workers = g_ptr_array_new ();
  const char *chosen = NULL;

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonObject *labels
        = sim_json_get_path_object (g_ptr_array_index (nodes, i), "metadata.labels");
      if (!(labels && json_object_has_member (labels, "node-role.kubernetes.io/control-plane")))
        g_ptr_array_add (workers, g_ptr_array_index (nodes, i));
    }
  if (workers->len)
    chosen = sim_json_get_path_string (
      g_ptr_array_index (workers, g_str_hash (sim_json_get_path_string (pod, "metadata.name"))
                                    % workers->len),
      "metadata.name");
  g_ptr_array_unref (workers);
  return chosen;
}

static gboolean
is_trust_store (const char *path)
{
  static const char *const stores[]
    = { "/etc/pki/tls/certs", "/usr/local/share/ca-certificates", "/etc/ssl/certs", NULL };

  for (guint i = 0; path && stores[i]; i++)
    if (g_str_has_prefix (path, stores[i]))
      return TRUE;
  return FALSE;
}

/* A running privileged pod mounting a Secret and the node's trust store
 * puts the Secret's certificates there. */
static void
write_trust (SimWorkloads *self, JsonObject *pod)
{
  JsonObject *spec = sim_json_get_object (pod, "spec");
  JsonArray *volumes = sim_json_get_array (spec, "volumes");
  JsonArray *containers = sim_json_get_array (spec, "containers");
  const char *secret_name = NULL;
  gboolean store = FALSE, privileged = FALSE;
  JsonObject *secret;
  JsonObject *data;
  g_autoptr (GList) keys = NULL;

  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      JsonObject *volume = json_array_get_object_element (volumes, i);
      if (sim_json_get_path_string (volume, "secret.secretName"))
        secret_name = sim_json_get_path_string (volume, "secret.secretName");
      store |= is_trust_store (sim_json_get_path_string (volume, "hostPath.path"));
    }
  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonObject *context
        = sim_json_get_object (json_array_get_object_element (containers, i), "securityContext");
      privileged
        |= context && json_object_get_boolean_member_with_default (context, "privileged", FALSE);
    }
  if (!secret_name || !store || !privileged)
    return;
  secret = sim_store_get (self->store, "/secrets",
                          sim_json_get_path_string (pod, "metadata.namespace"), secret_name);
  data = sim_json_get_object (secret, "data");
  keys = data ? json_object_get_members (data) : NULL;
  for (GList *l = keys; l; l = l->next)
    {
      gsize length = 0;
      g_autofree guchar *pem = g_base64_decode (sim_json_get_string (data, l->data) ?: "", &length);
      g_autofree char *text = g_strndup ((const char *) pem, length);
      if (strstr (text, "-----BEGIN CERTIFICATE-----"))
        sim_guests_trust_on_node (self->guest, sim_json_get_path_string (pod, "spec.nodeName"),
                                  text);
    }
}

static void
run_pod (SimWorkloads *self, JsonObject *pod)
{
  g_autoptr (JsonObject) copy = sim_json_object_copy (pod);
  JsonObject *spec = sim_json_ensure_object (copy, "spec");
  JsonObject *status = sim_json_ensure_object (copy, "status");
  JsonArray *containers = sim_json_get_array (spec, "containers");
  JsonArray *statuses = json_array_new ();
  const char *node = sim_json_get_string (spec, "nodeName");
  g_autofree char *now = sim_json_now_rfc3339 ();
  g_autofree char *ip = NULL;

  if (node == NULL)
    {
      node = pick_worker (self, pod);
      if (node == NULL)
        return; /* no worker yet: Pending */
      json_object_set_string_member (spec, "nodeName", node);
    }
  ip = g_strdup_printf ("192.168.%u.%u", (self->next_ip / 250) % 250, 2 + self->next_ip % 250);
  self->next_ip++;
  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonObject *container = json_array_get_object_element (containers, i);
      JsonObject *entry = json_object_new ();
      JsonObject *state = json_object_new ();
      JsonObject *running = json_object_new ();
      json_object_set_string_member (entry, "name", sim_json_get_string (container, "name"));
      json_object_set_string_member (entry, "image", sim_json_get_string (container, "image"));
      json_object_set_boolean_member (entry, "ready", TRUE);
      json_object_set_boolean_member (entry, "started", TRUE);
      json_object_set_int_member (entry, "restartCount", 0);
      json_object_set_string_member (running, "startedAt", now);
      json_object_set_object_member (state, "running", running);
      json_object_set_object_member (entry, "state", state);
      json_array_add_object_element (statuses, entry);
    }
  json_object_set_string_member (status, "phase", "Running");
  json_object_set_string_member (status, "podIP", ip);
  json_object_set_string_member (status, "hostIP", "10.244.0.10");
  json_object_set_string_member (status, "startTime", now);
  json_object_set_array_member (status, "containerStatuses", statuses);
  set_condition (status, "Ready", "True", NULL, NULL);
  set_condition (status, "PodScheduled", "True", NULL, NULL);
  sim_store_put (self->store, PODS, copy);
  write_trust (self, copy);
}

/* Pods whose owner is gone go too (background cascading deletion). */
static gboolean
orphaned (SimWorkloads *self, JsonObject *object)
{
  JsonArray *owners
    = sim_json_get_array (sim_json_get_object (object, "metadata"), "ownerReferences");
  JsonObject *owner;
  const char *kind;
  const char *key;

  if (owners == NULL || json_array_get_length (owners) == 0)
    return FALSE;
  owner = json_array_get_object_element (owners, 0);
  kind = sim_json_get_string (owner, "kind");
  key = g_strcmp0 (kind, "ReplicaSet") == 0   ? REPLICA_SETS
        : g_strcmp0 (kind, "DaemonSet") == 0  ? DAEMON_SETS
        : g_strcmp0 (kind, "Deployment") == 0 ? DEPLOYMENTS
                                              : NULL;
  return key
         && sim_store_get (self->store, key,
                           sim_json_get_path_string (object, "metadata.namespace"),
                           sim_json_get_string (owner, "name"))
              == NULL;
}

static void
collect_and_run (SimWorkloads *self)
{
  g_autoptr (GPtrArray) sets = sim_store_list (self->store, REPLICA_SETS, NULL);
  g_autoptr (GPtrArray) pods = sim_store_list (self->store, PODS, NULL);

  for (guint i = 0; i < sets->len; i++)
    if (orphaned (self, g_ptr_array_index (sets, i)))
      sim_store_remove (
        self->store, REPLICA_SETS,
        sim_json_get_path_string (g_ptr_array_index (sets, i), "metadata.namespace"),
        sim_json_get_path_string (g_ptr_array_index (sets, i), "metadata.name"));
  for (guint i = 0; i < pods->len; i++)
    {
      JsonObject *pod = g_ptr_array_index (pods, i);
      const char *node = sim_json_get_path_string (pod, "spec.nodeName");
      if (orphaned (self, pod)
          || (node && sim_store_get (self->store, "/nodes", NULL, node) == NULL))
        sim_store_remove (self->store, PODS, sim_json_get_path_string (pod, "metadata.namespace"),
                          sim_json_get_path_string (pod, "metadata.name"));
      else if (!pod_ready (pod))
        run_pod (self, pod);
    }
}

static gboolean
tick (gpointer user_data)
{
  SimWorkloads *self = user_data;
  g_autoptr (GPtrArray) deployments = sim_store_list (self->store, DEPLOYMENTS, NULL);
  g_autoptr (GPtrArray) sets = NULL;
  g_autoptr (GPtrArray) daemon_sets = sim_store_list (self->store, DAEMON_SETS, NULL);

  for (guint i = 0; i < deployments->len; i++)
    reconcile_deployment (self, g_ptr_array_index (deployments, i));
  sets = sim_store_list (self->store, REPLICA_SETS, NULL);
  for (guint i = 0; i < sets->len; i++)
    reconcile_replica_set (self, g_ptr_array_index (sets, i));
  for (guint i = 0; i < daemon_sets->len; i++)
    reconcile_daemon_set (self, g_ptr_array_index (daemon_sets, i));
  collect_and_run (self);
  return G_SOURCE_CONTINUE;
}

SimWorkloads *
sim_workloads_new (SimServer *guest)
{
  SimWorkloads *self = g_new0 (SimWorkloads, 1);

  self->guest = guest;
  self->store = sim_server_get_store (guest);
  self->source = g_timeout_add (TICK_MS, tick, self);
  return self;
}

void
sim_workloads_free (SimWorkloads *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
  g_free (self);
}
