/* pac-node-pool.c: one worker node pool of a cluster spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels are "key=value" and taints "key=value:Effect", as kubectl
 * label and kubectl taint spell them. The pool keeps the object it was
 * read from, so fields it does not model (failureDomain,
 * nodeDrainTimeout, tkr of its own) are written back unchanged.
 */
#include "pac-node-pool.h"

G_DEFINE_BOXED_TYPE (PacVolume, pac_volume, pac_volume_copy, pac_volume_free)

PacVolume *
pac_volume_new (const char *name,
                const char *mount_path,
                const char *capacity,
                const char *storage_class)
{
  PacVolume *volume = g_new0 (PacVolume, 1);

  volume->name = g_strdup (name);
  volume->mount_path = g_strdup (mount_path);
  volume->capacity = g_strdup (capacity);
  volume->storage_class = g_strdup (storage_class);
  return volume;
}

PacVolume *
pac_volume_copy (const PacVolume *volume)
{
  return pac_volume_new (volume->name, volume->mount_path, volume->capacity, volume->storage_class);
}

void
pac_volume_free (PacVolume *volume)
{
  if (volume == NULL)
    return;
  g_free (volume->name);
  g_free (volume->mount_path);
  g_free (volume->capacity);
  g_free (volume->storage_class);
  g_free (volume);
}

struct _PacNodePool
{
  GObject parent_instance;
  char *name;
  int replicas;
  char *vm_class;
  char *storage_class;
  GStrv labels;
  GStrv taints;
  GPtrArray *volumes;
  JsonObject *source;
};

G_DEFINE_FINAL_TYPE (PacNodePool, pac_node_pool, G_TYPE_OBJECT)

static void
pac_node_pool_finalize (GObject *object)
{
  PacNodePool *self = PAC_NODE_POOL (object);

  g_free (self->name);
  g_free (self->vm_class);
  g_free (self->storage_class);
  g_strfreev (self->labels);
  g_strfreev (self->taints);
  g_ptr_array_unref (self->volumes);
  g_clear_pointer (&self->source, json_object_unref);
  G_OBJECT_CLASS (pac_node_pool_parent_class)->finalize (object);
}

static void
pac_node_pool_class_init (PacNodePoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_node_pool_finalize;
}

static void
pac_node_pool_init (PacNodePool *self)
{
  self->replicas = PAC_NODE_POOL_REPLICAS_UNSET;
  self->labels = g_new0 (char *, 1);
  self->taints = g_new0 (char *, 1);
  self->volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_volume_free);
}

PacNodePool *
pac_node_pool_new (const char *name)
{
  PacNodePool *self = g_object_new (PAC_TYPE_NODE_POOL, NULL);

  self->name = g_strdup (name);
  return self;
}

const char *
pac_node_pool_get_name (PacNodePool *self)
{
  return self->name;
}

void
pac_node_pool_set_name (PacNodePool *self, const char *name)
{
  g_free (self->name);
  self->name = g_strdup (name);
}

/* PAC_NODE_POOL_REPLICAS_UNSET: left to an autoscaler */
int
pac_node_pool_get_replicas (PacNodePool *self)
{
  return self->replicas;
}

void
pac_node_pool_set_replicas (PacNodePool *self, int replicas)
{
  self->replicas = replicas;
}

const char *
pac_node_pool_get_vm_class (PacNodePool *self)
{
  return self->vm_class;
}

void
pac_node_pool_set_vm_class (PacNodePool *self, const char *vm_class)
{
  g_free (self->vm_class);
  self->vm_class = g_strdup (vm_class);
}

const char *
pac_node_pool_get_storage_class (PacNodePool *self)
{
  return self->storage_class;
}

void
pac_node_pool_set_storage_class (PacNodePool *self, const char *storage_class)
{
  g_free (self->storage_class);
  self->storage_class = g_strdup (storage_class);
}

const char *const *
pac_node_pool_get_labels (PacNodePool *self)
{
  return (const char *const *) self->labels;
}

void
pac_node_pool_set_labels (PacNodePool *self, const char *const *labels)
{
  g_strfreev (self->labels);
  self->labels = labels ? g_strdupv ((char **) labels) : g_new0 (char *, 1);
}

const char *const *
pac_node_pool_get_taints (PacNodePool *self)
{
  return (const char *const *) self->taints;
}

void
pac_node_pool_set_taints (PacNodePool *self, const char *const *taints)
{
  g_strfreev (self->taints);
  self->taints = taints ? g_strdupv ((char **) taints) : g_new0 (char *, 1);
}

/* Returns: (transfer none) (element-type PacVolume): editable in place */
GPtrArray *
pac_node_pool_get_volumes (PacNodePool *self)
{
  return self->volumes;
}

/* Returns: (transfer none) (nullable): the object the pool was read from */
JsonObject *
pac_node_pool_get_source (PacNodePool *self)
{
  return self->source;
}

void
pac_node_pool_set_source (PacNodePool *self, JsonObject *source)
{
  g_clear_pointer (&self->source, json_object_unref);
  self->source = source ? json_object_ref (source) : NULL;
}
