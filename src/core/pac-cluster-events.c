/* pac-cluster-events.c: the Supervisor's events about one cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cluster's story is told by events about the cluster object itself and
 * about its machines (VirtualMachines, Cluster API Machines), named
 * <cluster>-control-plane-… and <cluster>-<pool>-…. A field selector can
 * only match a name exactly, so the namespace's events are read and
 * chosen here (by those prefixes: cluster "web" must not take "web-2"'s
 * machines); newest first, the way a person reads what just happened.
 */
#define G_LOG_DOMAIN "pac-cluster-events"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-cluster-events.h"
#include "pac-json.h"

/* When it last happened: lastTimestamp, else eventTime (events.k8s.io
 * writers), else when the object was made. RFC 3339 in UTC, so that the
 * strings sort as the times do. */
const char *
pac_cluster_event_time (JsonObject *event)
{
  const char *when = pac_json_string (event, "lastTimestamp");

  if (when == NULL || *when == '\0')
    when = pac_json_string (event, "eventTime");
  if (when == NULL || *when == '\0')
    when = pac_json_string (event, "metadata.creationTimestamp");
  return when ? when : "";
}

gboolean
pac_cluster_event_is_warning (JsonObject *event)
{
  return g_strcmp0 (pac_json_string (event, "type"), "Warning") == 0;
}

static gboolean
is_machine_kind (const char *kind)
{
  return g_strcmp0 (kind, "VirtualMachine") == 0 || g_strcmp0 (kind, "Machine") == 0
         || g_strcmp0 (kind, "MachineDeployment") == 0 || g_strcmp0 (kind, "MachineSet") == 0;
}

/* The names a cluster's machines start with: its control plane and each
 * pool (nodePools, machineDeployments, or v1alpha1's one "workers") */
static GStrv
machine_prefixes (JsonObject *cluster, const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *pools = pac_json_array (cluster, "spec.topology.nodePools");
  g_autofree char *control_plane = g_strdup_printf ("%s-control-plane-", name);
  g_autofree char *workers = g_strdup_printf ("%s-workers-", name);

  if (pools == NULL)
    pools = pac_json_array (cluster, "spec.topology.workers.machineDeployments");
  g_strv_builder_add (builder, control_plane);
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      const char *pool
        = pac_json_string (pac_json_node_object (json_array_get_element (pools, i)), "name");
      g_autofree char *prefix = pool ? g_strdup_printf ("%s-%s-", name, pool) : NULL;
      if (prefix)
        g_strv_builder_add (builder, prefix);
    }
  if (pools == NULL)
    g_strv_builder_add (builder, workers);
  return g_strv_builder_end (builder);
}

static gboolean
concerns (JsonObject *event, const char *cluster, const char *const *prefixes)
{
  const char *name = pac_json_string (event, "involvedObject.name");
  const char *kind = pac_json_string (event, "involvedObject.kind");

  if (name == NULL)
    return FALSE;
  if (!is_machine_kind (kind))
    return g_str_equal (name, cluster);
  for (guint i = 0; prefixes[i]; i++)
    if (g_str_has_prefix (name, prefixes[i]))
      return TRUE;
  return FALSE;
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  JsonObject *first = *(JsonObject *const *) a;
  JsonObject *second = *(JsonObject *const *) b;

  return strcmp (pac_cluster_event_time (second), pac_cluster_event_time (first));
}

/**
 * pac_cluster_events_select:
 * @events: the items of a namespace's event list
 * @cluster: the cluster object (any TKC version, or a Cluster API Cluster)
 *
 * Returns: (transfer container) (element-type JsonObject): the events
 *   about @cluster and its machines, newest first; they belong to @events
 */
GPtrArray *
pac_cluster_events_select (JsonArray *events, JsonObject *cluster)
{
  GPtrArray *chosen = g_ptr_array_new ();
  const char *name = pac_json_string (cluster, "metadata.name");
  g_auto (GStrv) prefixes = name ? machine_prefixes (cluster, name) : NULL;

  for (guint i = 0; events && name && i < json_array_get_length (events); i++)
    {
      JsonObject *event = pac_json_node_object (json_array_get_element (events, i));
      if (event && concerns (event, name, (const char *const *) prefixes))
        g_ptr_array_add (chosen, event);
    }
  g_ptr_array_sort (chosen, newest_first);
  return chosen;
}

/* What it is about, in words: "The cluster", "Virtual machine NAME", … */
char *
pac_cluster_event_subject (JsonObject *event)
{
  const char *kind = pac_json_string (event, "involvedObject.kind");
  const char *name = pac_json_string (event, "involvedObject.name");

  if (g_strcmp0 (kind, "VirtualMachine") == 0)
    return g_strdup_printf (_ ("Virtual machine %s"), name);
  if (g_strcmp0 (kind, "Machine") == 0)
    return g_strdup_printf (_ ("Machine %s"), name);
  if (!is_machine_kind (kind))
    return g_strdup (_ ("The cluster"));
  return g_strdup_printf ("%s %s", kind, name);
}
