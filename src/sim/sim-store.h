/* sim-store.h: the simulator's object store, resource versions and event log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SIM_EVENT_ADDED,
  SIM_EVENT_MODIFIED,
  SIM_EVENT_DELETED,
} SimEventType;

/* One change, as a watch replays it. The object carries its new
 * resourceVersion (for DELETED, the version of the deletion). */
typedef struct
{
  guint64 resource_version;
  SimEventType type;
  char *storage_key; /* "<group>/<plural>", shared by every served version */
  char *namespace;   /* NULL for cluster-scoped objects */
  JsonObject *object;
} SimEvent;

#define SIM_TYPE_STORE (sim_store_get_type ())

G_DECLARE_FINAL_TYPE (SimStore, sim_store, SIM, STORE, GObject)

typedef void (*SimEventFunc) (const SimEvent *event, gpointer user_data);

SimStore *sim_store_new (guint event_window);
guint64 sim_store_get_resource_version (SimStore *self);
guint64 sim_store_get_oldest_resource_version (SimStore *self);
JsonObject *
sim_store_get (SimStore *self, const char *storage_key, const char *namespace, const char *name);
GPtrArray *sim_store_list (SimStore *self, const char *storage_key, const char *namespace);
typedef gboolean (*SimStoreVisit) (JsonObject *object, gpointer user_data);
void sim_store_foreach (SimStore *self,
                        const char *storage_key,
                        const char *namespace,
                        const char *after_namespace,
                        const char *after_name,
                        SimStoreVisit visit,
                        gpointer user_data);
guint sim_store_count (SimStore *self, const char *storage_key, const char *namespace);
guint64 sim_store_put (SimStore *self, const char *storage_key, JsonObject *object);
guint64
sim_store_remove (SimStore *self, const char *storage_key, const char *namespace, const char *name);
void sim_store_compact (SimStore *self);
void sim_store_replay (SimStore *self,
                       guint64 after_resource_version,
                       SimEventFunc func,
                       gpointer user_data);
gulong sim_store_subscribe (SimStore *self, SimEventFunc func, gpointer user_data);
void sim_store_unsubscribe (SimStore *self, gulong id);
gboolean sim_store_save (SimStore *self, const char *path, GError **error);
gboolean sim_store_load (SimStore *self, const char *path, GError **error);

G_END_DECLS
