/* pac-cluster.h: one guest cluster, as any served TKC version or a
 * ClusterClass Cluster shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PAC_TYPE_CLUSTER (pac_cluster_get_type ())

G_DECLARE_FINAL_TYPE (PacCluster, pac_cluster, PAC, CLUSTER, GObject)

PacCluster *pac_cluster_new (JsonObject *json);
JsonObject *pac_cluster_get_json (PacCluster *self);
const char *pac_cluster_get_name (PacCluster *self);
const char *pac_cluster_get_namespace (PacCluster *self);
gboolean pac_cluster_is_class_based (PacCluster *self);
const char *pac_cluster_get_phase (PacCluster *self);
gboolean pac_cluster_get_ready (PacCluster *self);
char *pac_cluster_dup_version (PacCluster *self);
gint64 pac_cluster_get_control_plane_replicas (PacCluster *self);
gint64 pac_cluster_get_worker_replicas (PacCluster *self);
char *pac_cluster_dup_endpoint (PacCluster *self);
GStrv pac_cluster_dup_updates (PacCluster *self);
const char *pac_cluster_get_condition_message (PacCluster *self, const char *type);

G_END_DECLS
