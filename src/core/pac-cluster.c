/* pac-cluster.c: one guest cluster, as any served TKC version or a
 * ClusterClass Cluster shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/resources.md, "TanzuKubernetesCluster": v1alpha1 says count/class/workers and a
 * phase; v1alpha2/3 replicas/nodePools, conditions (Ready,
 * UpdatesAvailable "[v… v…]") and totalWorkerReplicas; a v1beta1
 * Cluster has topology.version and workers.machineDeployments. The
 * properties read whichever the object has. Read-only: writes go
 * through the Supervisor client.
 */
#define G_LOG_DOMAIN "pac-cluster"

#include "pac-cluster.h"
#include "pac-json.h"
#include "pac-release.h"

#include <string.h>

struct _PacCluster
{
  GObject parent_instance;

  JsonObject *json;
};

enum
{
  PROP_0,
  PROP_JSON,
  PROP_NAME,
  PROP_NAMESPACE,
  PROP_PHASE,
  PROP_READY,
  PROP_VERSION,
  PROP_CONTROL_PLANE_REPLICAS,
  PROP_WORKER_REPLICAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacCluster, pac_cluster, G_TYPE_OBJECT)

static JsonObject *
condition (PacCluster *self, const char *type)
{
  JsonArray *conditions = pac_json_array (self->json, "status.conditions");

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      if (pac_json_node_object (node)
          && g_strcmp0 (pac_json_string (json_node_get_object (node), "type"), type) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

/* ---- reading ---- */

PacCluster *
pac_cluster_new (JsonObject *json)
{
  return g_object_new (PAC_TYPE_CLUSTER, "json", json, NULL);
}

JsonObject *
pac_cluster_get_json (PacCluster *self)
{
  return self->json;
}

const char *
pac_cluster_get_name (PacCluster *self)
{
  return pac_json_string (self->json, "metadata.name");
}

const char *
pac_cluster_get_namespace (PacCluster *self)
{
  return pac_json_string (self->json, "metadata.namespace");
}

/* A v1beta1 Cluster of a ClusterClass rather than a TKC */
gboolean
pac_cluster_is_class_based (PacCluster *self)
{
  return g_strcmp0 (pac_json_string (self->json, "kind"), "Cluster") == 0;
}

/* "creating", "running", …; for objects without a phase, from Ready */
const char *
pac_cluster_get_phase (PacCluster *self)
{
  const char *phase = pac_json_string (self->json, "status.phase");
  JsonObject *ready;

  if (pac_json_string (self->json, "metadata.deletionTimestamp"))
    return "deleting";
  if (phase && !pac_cluster_is_class_based (self))
    return phase;
  ready = condition (self, "Ready");
  if (ready == NULL)
    return phase ? phase : "";
  return g_strcmp0 (pac_json_string (ready, "status"), "True") == 0 ? "running" : "not ready";
}

gboolean
pac_cluster_get_ready (PacCluster *self)
{
  JsonObject *ready = condition (self, "Ready");

  if (ready)
    return g_strcmp0 (pac_json_string (ready, "status"), "True") == 0;
  return g_strcmp0 (pac_json_string (self->json, "status.phase"), "running") == 0;
}

/* The release as "v1.17.8+vmware.1-tkg.1.5417466", whatever spelling the object uses */
char *
pac_cluster_dup_version (PacCluster *self)
{
  const char *candidates[] = {
    "spec.topology.version",                         /* v1beta1 */
    "spec.topology.controlPlane.tkr.reference.name", /* v1alpha2/3 */
    "spec.distribution.fullVersion",                 /* v1alpha1 */
    "status.version",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *found = pac_json_string (self->json, candidates[i]);
      g_auto (GStrv) parts = NULL;

      if (found == NULL || *found == '\0')
        continue;
      /* Release names write "+" as "---". */
      parts = g_strsplit (found, "---", -1);
      return g_strjoinv ("+", parts);
    }
  return NULL;
}

/* A replica count as Kubernetes can hold it (int32, never negative):
 * whatever another client stored, the model never shows -5 nodes, and a
 * sum of pools cannot overflow */
static gint64
replicas_at (JsonObject *object, const char *path, gint64 fallback)
{
  return CLAMP (pac_json_int (object, path, fallback), 0, G_MAXINT32);
}

gint64
pac_cluster_get_control_plane_replicas (PacCluster *self)
{
  return replicas_at (self->json, "spec.topology.controlPlane.replicas",
                      replicas_at (self->json, "spec.topology.controlPlane.count", 1));
}

gint64
pac_cluster_get_worker_replicas (PacCluster *self)
{
  JsonArray *pools = pac_json_array (self->json, "spec.topology.nodePools");
  JsonArray *deployments = pac_json_array (self->json, "spec.topology.workers.machineDeployments");
  JsonArray *list = pools ? pools : deployments;
  gint64 total = 0;

  if (list == NULL)
    return replicas_at (self->json, "spec.topology.workers.count", 0);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        total += replicas_at (json_node_get_object (node), "replicas", 0);
    }
  return total;
}

/* "host:port" of the guest's API, or %NULL while there is none */
char *
pac_cluster_dup_endpoint (PacCluster *self)
{
  JsonArray *endpoints = pac_json_array (self->json, "status.apiEndpoints");
  JsonObject *endpoint;

  if (endpoints == NULL)
    endpoints = pac_json_array (self->json, "status.clusterApiStatus.apiEndpoints");
  if (endpoints == NULL || json_array_get_length (endpoints) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (endpoints, 0)))
    return NULL;
  endpoint = json_array_get_object_element (endpoints, 0);
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, pac_json_string (endpoint, "host") ?: "",
                          pac_json_int (endpoint, "port", 6443));
}

/* The UpdatesAvailable condition's "[v… v…]", as a list */
GStrv
pac_cluster_dup_updates (PacCluster *self)
{
  JsonObject *updates = condition (self, "UpdatesAvailable");

  return pac_release_parse_updates (updates ? pac_json_string (updates, "message") : NULL);
}

const char *
pac_cluster_get_condition_message (PacCluster *self, const char *type)
{
  JsonObject *found = condition (self, type);

  return found ? pac_json_string (found, "message") : NULL;
}

/* ---- GObject ---- */

static void
pac_cluster_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  PacCluster *self = PAC_CLUSTER (object);

  switch (id)
    {
      case PROP_JSON:
        g_clear_pointer (&self->json, json_object_unref);
        self->json = g_value_dup_boxed (value);
        if (self->json == NULL)
          self->json = json_object_new ();
        /* Everything is derived from the object. */
        for (guint i = PROP_NAME; i < N_PROPS; i++)
          g_object_notify_by_pspec (object, properties[i]);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_cluster_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacCluster *self = PAC_CLUSTER (object);

  switch (id)
    {
      case PROP_JSON:
        g_value_set_boxed (value, self->json);
        break;
      case PROP_NAME:
        g_value_set_string (value, pac_cluster_get_name (self));
        break;
      case PROP_NAMESPACE:
        g_value_set_string (value, pac_cluster_get_namespace (self));
        break;
      case PROP_PHASE:
        g_value_set_string (value, pac_cluster_get_phase (self));
        break;
      case PROP_READY:
        g_value_set_boolean (value, pac_cluster_get_ready (self));
        break;
      case PROP_VERSION:
        g_value_take_string (value, pac_cluster_dup_version (self));
        break;
      case PROP_CONTROL_PLANE_REPLICAS:
        g_value_set_int64 (value, pac_cluster_get_control_plane_replicas (self));
        break;
      case PROP_WORKER_REPLICAS:
        g_value_set_int64 (value, pac_cluster_get_worker_replicas (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_cluster_finalize (GObject *object)
{
  g_clear_pointer (&PAC_CLUSTER (object)->json, json_object_unref);
  G_OBJECT_CLASS (pac_cluster_parent_class)->finalize (object);
}

static void
pac_cluster_class_init (PacClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->set_property = pac_cluster_set_property;
  object_class->get_property = pac_cluster_get_property;
  object_class->finalize = pac_cluster_finalize;
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT,
                                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, read);
  properties[PROP_NAMESPACE] = g_param_spec_string ("namespace", NULL, NULL, NULL, read);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, read);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, read);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, read);
  properties[PROP_CONTROL_PLANE_REPLICAS]
    = g_param_spec_int64 ("control-plane-replicas", NULL, NULL, 0, G_MAXINT64, 1, read);
  properties[PROP_WORKER_REPLICAS]
    = g_param_spec_int64 ("worker-replicas", NULL, NULL, 0, G_MAXINT64, 0, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_cluster_init (PacCluster *self)
{
  self->json = json_object_new ();
}
