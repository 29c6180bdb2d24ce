/* pac-node-pool.h: one worker node pool of a cluster spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A volume mounted on every node of a pool (v1alpha2 and later) */
typedef struct
{
  char *name;
  char *mount_path;
  char *capacity;      /* a quantity: "20Gi" */
  char *storage_class; /* nullable: the pool's */
} PacVolume;

#define PAC_TYPE_VOLUME (pac_volume_get_type ())
GType pac_volume_get_type (void) G_GNUC_CONST;
PacVolume *pac_volume_new (const char *name,
                           const char *mount_path,
                           const char *capacity,
                           const char *storage_class);
PacVolume *pac_volume_copy (const PacVolume *volume);
void pac_volume_free (PacVolume *volume);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacVolume, pac_volume_free)

/* No count given (left to an autoscaler): not -1, which a user may type
 * and must see refused */
#define PAC_NODE_POOL_REPLICAS_UNSET G_MININT

#define PAC_TYPE_NODE_POOL (pac_node_pool_get_type ())

G_DECLARE_FINAL_TYPE (PacNodePool, pac_node_pool, PAC, NODE_POOL, GObject)

PacNodePool *pac_node_pool_new (const char *name);
const char *pac_node_pool_get_name (PacNodePool *self);
void pac_node_pool_set_name (PacNodePool *self, const char *name);
int pac_node_pool_get_replicas (PacNodePool *self);
void pac_node_pool_set_replicas (PacNodePool *self, int replicas);
const char *pac_node_pool_get_vm_class (PacNodePool *self);
void pac_node_pool_set_vm_class (PacNodePool *self, const char *vm_class);
const char *pac_node_pool_get_storage_class (PacNodePool *self);
void pac_node_pool_set_storage_class (PacNodePool *self, const char *storage_class);
const char *const *pac_node_pool_get_labels (PacNodePool *self);
void pac_node_pool_set_labels (PacNodePool *self, const char *const *labels);
const char *const *pac_node_pool_get_taints (PacNodePool *self);
void pac_node_pool_set_taints (PacNodePool *self, const char *const *taints);
GPtrArray *pac_node_pool_get_volumes (PacNodePool *self);
JsonObject *pac_node_pool_get_source (PacNodePool *self);
void pac_node_pool_set_source (PacNodePool *self, JsonObject *source);

G_END_DECLS
