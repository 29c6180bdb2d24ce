/* sim-vcenter-inventory.c: vCenter REST for vSphere namespaces, storage
 * policies, datastores, subscribed content libraries and the
 * Supervisor's library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paths, bodies and status codes as doc/protocols.md ("vSphere
 * namespaces in vCenter") gives them: /api answers bare values and {"error_type", "messages"};
 * the legacy /rest paths wrap values in {"value"} and take
 * {"create_spec"}. Creates of namespaces and updates answer 204.
 */
#define G_LOG_DOMAIN "sim-vcenter"

#include "sim-vcenter-private.h"

#include <string.h>

#include "sim-inventory.h"
#include "sim-json.h"

#define NAMESPACES "/api/vcenter/namespaces/instances"
#define LIBRARIES "/api/content/subscribed-library"
#define LEGACY_LIBRARIES "/rest/com/vmware/content/subscribed-library"

static void
respond_gerror (SoupServerMessage *msg, gboolean legacy, const GError *error)
{
  const char *type = sim_vapi_error_type (error);
  guint status = error->code == SIM_VAPI_NOT_FOUND ? 404 : 400;
  g_autofree char *lower = g_ascii_strdown (type, -1);
  g_autofree char *id = g_strdup_printf ("com.vmware.vapi.std.errors.%s", lower);

  sim_vcenter_respond_error (msg, legacy, status, type, id, error->message);
}

static void
respond_value (SoupServerMessage *msg, gboolean legacy, guint status, JsonNode *value)
{
  g_autoptr (JsonNode) wrapper = NULL;

  if (!legacy)
    {
      sim_vcenter_respond_node (msg, status, value);
      return;
    }
  wrapper = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (wrapper, json_object_new ());
  json_object_set_member (json_node_get_object (wrapper), "value", sim_json_node_copy (value));
  sim_vcenter_respond_node (msg, 200, wrapper);
}

static void
respond_object (SoupServerMessage *msg, gboolean legacy, JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  respond_value (msg, legacy, 200, node);
}

static void
respond_array (SoupServerMessage *msg, gboolean legacy, JsonArray *array)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  respond_value (msg, legacy, 200, node);
}

static void
respond_string (SoupServerMessage *msg, gboolean legacy, guint status, const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  respond_value (msg, legacy, status, node);
}

static void
respond_no_content (SoupServerMessage *msg, gboolean legacy)
{
  soup_server_message_set_status (msg, legacy ? 200 : 204, NULL);
}

/* The JSON body, or %NULL after a 400 */
static JsonObject *
read_body (SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (GError) error = NULL;
  JsonObject *body = sim_api_request_body (msg, &error);

  if (body == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The request body is not valid JSON: %s",
                                               error ? error->message : "empty");
      sim_vcenter_respond_error (msg, legacy, 400, "INVALID_ARGUMENT",
                                 "com.vmware.vapi.rest.badRequest", text);
    }
  return body;
}

static const char *
query_action (SoupServerMessage *msg, char **owned)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr (GHashTable) params = NULL;

  *owned = NULL;
  if (query == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;
  /* /api says action=, the legacy /rest ~action= */
  *owned
    = g_strdup (g_hash_table_lookup (params, "action") ? g_hash_table_lookup (params, "action")
                                                       : g_hash_table_lookup (params, "~action"));
  return *owned;
}

/* ---- namespaces ---- */

static void
list_namespaces (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (GPtrArray) infos = sim_inventory_list (self, "namespaces");
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < infos->len; i++)
    {
      JsonObject *info = g_ptr_array_index (infos, i);
      JsonObject *summary = json_object_new ();
      for (const char *const *member
           = (const char *const[]){ "cluster", "namespace", "config_status", "description", "stats",
                                    "self_service_namespace", NULL };
           *member; member++)
        if (json_object_has_member (info, *member))
          json_object_set_member (summary, *member,
                                  sim_json_node_copy (json_object_get_member (info, *member)));
      json_array_add_object_element (list, summary);
    }
  respond_array (msg, legacy, list);
}

static void
handle_namespaces (SimServer *self, SoupServerMessage *msg, const char *name, gboolean legacy)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = NULL;

  if (name == NULL && g_str_equal (method, "GET"))
    list_namespaces (self, msg, legacy);
  else if (name == NULL && g_str_equal (method, "POST"))
    {
      if ((body = read_body (msg, legacy)) == NULL)
        return;
      if (sim_inventory_create_namespace (self, body, &error))
        respond_no_content (msg, legacy);
      else
        respond_gerror (msg, legacy, error);
    }
  else if (name && g_str_equal (method, "GET"))
    {
      JsonObject *info = sim_inventory_get_namespace (self, name);
      g_autoptr (JsonObject) shown = NULL;
      if (info == NULL)
        {
          g_set_error (&error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND, "Namespace %s does not exist.",
                       name);
          respond_gerror (msg, legacy, error);
          return;
        }
      shown = sim_json_object_copy (info);
      json_object_remove_member (shown, "namespace");
      respond_object (msg, legacy, shown);
    }
  else if (name && g_str_equal (method, "PATCH"))
    {
      if ((body = read_body (msg, legacy)) == NULL)
        return;
      if (sim_inventory_update_namespace (self, name, body, &error))
        respond_no_content (msg, legacy);
      else
        respond_gerror (msg, legacy, error);
    }
  else if (name && g_str_equal (method, "DELETE"))
    {
      if (sim_inventory_delete_namespace (self, name, &error))
        respond_no_content (msg, legacy);
      else
        respond_gerror (msg, legacy, error);
    }
  else
    sim_vcenter_respond_error (msg, legacy, 405, "OPERATION_NOT_FOUND",
                               "com.vmware.vapi.rest.httpMethodNotAllowed",
                               "This method is not allowed here.");
}

/* ---- storage policies and datastores ---- */

static void
list_policies (SoupServerMessage *msg, gboolean legacy)
{
  guint n = 0;
  const SimStoragePolicy *policies = sim_inventory_storage_policies (&n);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr (GHashTable) params
    = query ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  const char *only = params ? g_hash_table_lookup (params, "policies") : NULL;
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry;
      if (only && !g_str_equal (only, policies[i].policy))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "policy", policies[i].policy);
      json_object_set_string_member (entry, "name", policies[i].name);
      json_object_set_string_member (entry, "description", policies[i].description);
      json_array_add_object_element (list, entry);
    }
  respond_array (msg, legacy, list);
}

static void
list_datastores (SoupServerMessage *msg, gboolean legacy)
{
  static const struct
  {
    const char *id, *name, *type;
    gint64 capacity, free;
  } datastores[] = {
    { "datastore-1001", "vsanDatastore", "VSAN", 4398046511104, 2748779069440 },
    { "datastore-1002", "nfs-templates", "NFS", 1099511627776, 824633720832 },
  };
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (datastores); i++)
    {
      JsonObject *entry = json_object_new ();
      json_object_set_string_member (entry, "datastore", datastores[i].id);
      json_object_set_string_member (entry, "name", datastores[i].name);
      json_object_set_string_member (entry, "type", datastores[i].type);
      json_object_set_int_member (entry, "capacity", datastores[i].capacity);
      json_object_set_int_member (entry, "free_space", datastores[i].free);
      json_array_add_object_element (list, entry);
    }
  respond_array (msg, legacy, list);
}

/* ---- VM classes (vSphere API 7.0.2.00100 on) ---- */

static gint64
memory_mb (const char *quantity)
{
  char *unit = NULL;
  gint64 value = quantity ? g_ascii_strtoll (quantity, &unit, 10) : 0;

  if (unit && g_str_equal (unit, "Gi"))
    return value * 1024;
  if (unit && g_str_equal (unit, "Mi"))
    return value;
  return value / (1024 * 1024);
}

/* The Supervisor's VirtualMachineClasses, as vCenter's Info */
static void
list_vm_classes (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (GPtrArray) classes = sim_store_list (
    sim_server_get_store (self), "vmoperator.vmware.com/virtualmachineclasses", NULL);
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < classes->len; i++)
    {
      JsonObject *vm_class = g_ptr_array_index (classes, i);
      JsonObject *info = json_object_new ();
      json_object_set_string_member (info, "id",
                                     sim_json_get_path_string (vm_class, "metadata.name"));
      json_object_set_int_member (
        info, "cpu_count",
        sim_json_get_int (sim_json_get_object (sim_json_get_object (vm_class, "spec"), "hardware"),
                          "cpus", 0));
      json_object_set_int_member (
        info, "memory_mb", memory_mb (sim_json_get_path_string (vm_class, "spec.hardware.memory")));
      json_object_set_string_member (info, "config_status", "READY");
      json_array_add_object_element (list, info);
    }
  respond_array (msg, legacy, list);
}

/* ---- subscribed libraries ---- */

/* What vCenter's probe reports: the sim world reaches only VMware's host. */
static void
probe (SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (JsonObject) body = read_body (msg, legacy);
  g_autoptr (JsonObject) result = json_object_new ();
  const char *url;
  g_autoptr (GUri) uri = NULL;

  if (body == NULL)
    return;
  url = sim_json_get_path_string (body, "subscription_info.subscription_url");
  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  json_object_set_array_member (result, "error_messages", json_array_new ());
  if (uri == NULL || !g_uri_get_host (uri)
      || !(g_str_equal (g_uri_get_scheme (uri), "https")
           || g_str_equal (g_uri_get_scheme (uri), "http")))
    json_object_set_string_member (result, "status", "INVALID_URL");
  else if (!g_str_equal (g_uri_get_host (uri), "wp-content.vmware.com"))
    json_object_set_string_member (result, "status", "HOST_NOT_FOUND");
  else
    {
      g_autofree char *thumbprint = sim_inventory_thumbprint (url);
      json_object_set_string_member (result, "status", "SUCCESS");
      if (g_str_equal (g_uri_get_scheme (uri), "https"))
        json_object_set_string_member (result, "ssl_thumbprint", thumbprint);
    }
  respond_object (msg, legacy, result);
}

static void
create_library (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (JsonObject) body = read_body (msg, legacy);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  JsonObject *model;

  if (body == NULL)
    return;
  model = legacy ? sim_json_get_object (body, "create_spec") : body;
  id = model ? sim_inventory_create_library (self, model, &error) : NULL;
  if (id == NULL && error == NULL)
    g_set_error (&error, SIM_VAPI_ERROR, SIM_VAPI_INVALID_ARGUMENT,
                 "Required property create_spec is missing.");
  if (id)
    respond_string (msg, legacy, 201, id);
  else
    respond_gerror (msg, legacy, error);
}

static void
list_libraries (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (GPtrArray) infos = sim_inventory_list (self, "libraries");
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < infos->len; i++)
    json_array_add_string_element (ids, sim_json_get_string (g_ptr_array_index (infos, i), "id"));
  respond_array (msg, legacy, ids);
}

static void
handle_library (SimServer *self, SoupServerMessage *msg, const char *id, gboolean legacy)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *action = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *info = sim_inventory_get_library (self, id);

  query_action (msg, &action);
  if (info == NULL)
    {
      g_set_error (&error, SIM_VAPI_ERROR, SIM_VAPI_NOT_FOUND, "Library %s does not exist.", id);
      respond_gerror (msg, legacy, error);
    }
  else if (g_str_equal (method, "GET"))
    {
      g_autoptr (JsonObject) shown = sim_json_object_copy (info);
      json_object_remove_member (shown, "synced");
      respond_object (msg, legacy, shown);
    }
  else if (g_str_equal (method, "POST") && g_strcmp0 (action, "sync") == 0)
    {
      sim_inventory_sync_library (self, id, NULL);
      respond_no_content (msg, legacy);
    }
  else
    sim_vcenter_respond_error (msg, legacy, 405, "OPERATION_NOT_FOUND",
                               "com.vmware.vapi.rest.httpMethodNotAllowed",
                               "This method is not allowed here.");
}

static void
handle_libraries (SimServer *self, SoupServerMessage *msg, const char *id, gboolean legacy)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *action = NULL;

  query_action (msg, &action);
  if (id)
    handle_library (self, msg, id, legacy);
  else if (g_str_equal (method, "GET"))
    list_libraries (self, msg, legacy);
  else if (g_str_equal (method, "POST") && g_strcmp0 (action, "probe") == 0)
    probe (msg, legacy);
  else if (g_str_equal (method, "POST"))
    create_library (self, msg, legacy);
  else
    sim_vcenter_respond_error (msg, legacy, 405, "OPERATION_NOT_FOUND",
                               "com.vmware.vapi.rest.httpMethodNotAllowed",
                               "This method is not allowed here.");
}

/* PATCH clusters/{cluster}: the UpdateSpec, of which the simulator keeps
 * the library */
static void
patch_cluster (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autoptr (JsonObject) body = read_body (msg, legacy);
  g_autoptr (GError) error = NULL;
  const char *library;

  if (body == NULL)
    return;
  library = sim_json_get_string (body, "default_kubernetes_service_content_library");
  if (library && !sim_inventory_set_cluster_library (self, library, &error))
    respond_gerror (msg, legacy, error);
  else
    respond_no_content (msg, legacy);
}

/* The last path segment after @prefix "/", or %NULL for @prefix itself */
static gboolean
match (const char *path, const char *prefix, const char **rest)
{
  size_t length = strlen (prefix);

  if (strncmp (path, prefix, length) != 0)
    return FALSE;
  if (path[length] == '\0')
    {
      *rest = NULL;
      return TRUE;
    }
  if (path[length] != '/' || path[length + 1] == '\0' || strchr (path + length + 1, '/'))
    return FALSE;
  *rest = path + length + 1;
  return TRUE;
}

gboolean
sim_vcenter_inventory_handle (SimServer *self,
                              SoupServerMessage *msg,
                              const char *path,
                              gboolean legacy)
{
  const char *rest = NULL;
  const char *method = soup_server_message_get_method (msg);

  if (match (path, NAMESPACES, &rest))
    handle_namespaces (self, msg, rest, legacy);
  else if ((g_str_equal (path, "/api/vcenter/storage/policies")
            || g_str_equal (path, "/rest/vcenter/storage/policies"))
           && g_str_equal (method, "GET"))
    list_policies (msg, legacy);
  else if ((g_str_equal (path, "/api/vcenter/datastore")
            || g_str_equal (path, "/rest/vcenter/datastore"))
           && g_str_equal (method, "GET"))
    list_datastores (msg, legacy);
  else if (g_str_equal (path, "/api/vcenter/namespace-management/virtual-machine-classes")
           && g_str_equal (method, "GET") && sim_server_has_vm_service (self))
    list_vm_classes (self, msg, legacy);
  else if (match (path, LIBRARIES, &rest) || match (path, LEGACY_LIBRARIES, &rest))
    handle_libraries (self, msg, rest, legacy);
  else if ((g_str_equal (path, "/api/content/library")
            || g_str_equal (path, "/rest/com/vmware/content/library"))
           && g_str_equal (method, "GET"))
    list_libraries (self, msg, legacy);
  else if (g_str_equal (path, "/api/vcenter/namespace-management/clusters/" SIM_CLUSTER_ID)
           && g_str_equal (method, "PATCH"))
    patch_cluster (self, msg, legacy);
  else
    return FALSE;
  return TRUE;
}
