/* sim-inventory.h: what vCenter knows and the Supervisor shows of it:
 * vSphere namespaces, storage policies, datastores, content libraries
 * and the Kubernetes releases a synced library brings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCenter's records live in the store under "vcenter/…" keys (never
 * served by the Kubernetes API, kept by --state); their effects on the
 * Supervisor (namespaces, quotas, storage classes, VM class bindings,
 * roles, releases and images) are made here, for the vCenter REST
 * handlers and the scenarios alike.
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

#define SIM_CLUSTER_ID "domain-c8"
#define SIM_WP_CONTENT_URL "https://wp-content.vmware.com/v2/latest/lib.json"

/* Errors, as vCenter's error_type values */
typedef enum
{
  SIM_VAPI_INVALID_ARGUMENT,
  SIM_VAPI_ALREADY_EXISTS,
  SIM_VAPI_NOT_FOUND,
  SIM_VAPI_NOT_ALLOWED_IN_CURRENT_STATE,
} SimVapiError;

#define SIM_VAPI_ERROR (sim_vapi_error_quark ())
GQuark sim_vapi_error_quark (void);
const char *sim_vapi_error_type (const GError *error);

typedef struct
{
  const char *policy;
  const char *name;
  const char *description;
} SimStoragePolicy;

const SimStoragePolicy *sim_inventory_storage_policies (guint *n_policies);
char *sim_inventory_storage_class_name (const char *policy_name);

/* vSphere namespaces: @spec is vCenter's CreateSpec / UpdateSpec */
gboolean sim_inventory_create_namespace (SimServer *server, JsonObject *spec, GError **error);
gboolean sim_inventory_update_namespace (SimServer *server,
                                         const char *name,
                                         JsonObject *spec,
                                         GError **error);
gboolean sim_inventory_delete_namespace (SimServer *server, const char *name, GError **error);
JsonObject *sim_inventory_get_namespace (SimServer *server, const char *name);
GPtrArray *sim_inventory_list (SimServer *server, const char *what);

/* Content libraries */
char *sim_inventory_thumbprint (const char *url);
char *sim_inventory_create_library (SimServer *server, JsonObject *model, GError **error);
JsonObject *sim_inventory_get_library (SimServer *server, const char *id);
gboolean sim_inventory_sync_library (SimServer *server, const char *id, GError **error);
gboolean
sim_inventory_set_cluster_library (SimServer *server, const char *library_id, GError **error);
const char *sim_inventory_cluster_library (SimServer *server);
void sim_inventory_load_catalogue (SimServer *server);
void sim_inventory_load_vm_classes (SimServer *server);
void sim_inventory_seed_library (SimServer *server);

G_END_DECLS
