/* sim-vcenter.c: the vCenter REST API beside the Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vCenter REST": sessions (POST /api/session → 201 and a
 * JSON string; legacy POST /rest/com/vmware/cis/session → {"value"}),
 * used through the vmware-api-session-id header; the namespace-management
 * clusters list and info. Errors in the documented bodies: /api answers
 * {"error_type", "messages"}, /rest {"type", "value": {"messages"}}.
 * One Supervisor cluster, domain-c8, whose API endpoint is this server.
 */
#define G_LOG_DOMAIN "sim-vcenter"

#include "sim-vcenter-private.h"

#include "sim-inventory.h"

#include <string.h>

#include "sim-json.h"

#define CLUSTER_ID SIM_CLUSTER_ID

static GHashTable *
sessions (void)
{
  static GHashTable *table;

  if (table == NULL)
    table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return table;
}

void
sim_vcenter_respond_node (SoupServerMessage *msg, guint status, JsonNode *node)
{
  gsize length = 0;
  char *data = sim_json_to_string (node, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

/* The documented error bodies of both API generations. */
void
sim_vcenter_respond_error (SoupServerMessage *msg,
                           gboolean legacy,
                           guint status,
                           const char *type,
                           const char *id,
                           const char *text)
{
  g_autoptr (JsonObject) body = json_object_new ();
  JsonArray *messages = json_array_new ();
  JsonObject *message = json_object_new ();

  json_object_set_array_member (message, "args", json_array_new ());
  json_object_set_string_member (message, "default_message", text);
  json_object_set_string_member (message, "id", id);
  json_array_add_object_element (messages, message);
  if (legacy)
    {
      g_autofree char *lower = g_ascii_strdown (type, -1);
      g_autofree char *full = g_strdup_printf ("com.vmware.vapi.std.errors.%s", lower);
      JsonObject *value = json_object_new ();

      json_object_set_string_member (body, "type", full);
      json_object_set_array_member (value, "messages", messages);
      json_object_set_object_member (body, "value", value);
    }
  else
    {
      json_object_set_string_member (body, "error_type", type);
      json_object_set_array_member (body, "messages", messages);
    }
  sim_respond_json (msg, status, body);
}

static void
respond_unauthenticated (SoupServerMessage *msg, gboolean legacy)
{
  sim_vcenter_respond_error (msg, legacy, 401, "UNAUTHENTICATED",
                             "com.vmware.vapi.endpoint.method.authentication.required",
                             "Authentication required.");
}

static char *
basic_user (SimServer *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  char *colon;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    return NULL;
  decoded = g_base64_decode (authorization + 6, &length);
  text = g_strndup ((const char *) decoded, length);
  colon = strchr (text, ':');
  if (colon == NULL)
    return NULL;
  *colon = '\0';
  if (!sim_auth_check_password (sim_server_get_auth (self), text, colon + 1))
    return NULL;
  return g_strdup (text);
}

/* Returns: (transfer none) (nullable): the user of the session header */
static const char *
session_user (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *id = soup_message_headers_get_one (headers, "vmware-api-session-id");

  return id ? g_hash_table_lookup (sessions (), id) : NULL;
}

static void
create_session (SimServer *self, SoupServerMessage *msg, gboolean legacy)
{
  g_autofree char *user = basic_user (self, msg);
  g_autofree char *id = NULL;
  g_autofree char *seed = g_uuid_string_random ();
  g_autoptr (JsonNode) answer = NULL;

  if (user == NULL)
    {
      respond_unauthenticated (msg, legacy);
      return;
    }
  /* 32 hex digits, as vCenter's session ids */
  id = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
  g_hash_table_replace (sessions (), g_strdup (id), g_strdup (user));
  if (legacy)
    {
      g_autoptr (JsonObject) value = json_object_new ();
      json_object_set_string_member (value, "value", id);
      sim_respond_json (msg, 200, value);
      return;
    }
  answer = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (answer, id);
  sim_vcenter_respond_node (msg, 201, answer);
}

static void
respond_clusters (SoupServerMessage *msg)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *list = json_array_new ();
  JsonObject *summary = json_object_new ();

  json_object_set_string_member (summary, "cluster", CLUSTER_ID);
  json_object_set_string_member (summary, "cluster_name", "Cluster-01");
  json_object_set_string_member (summary, "config_status", "RUNNING");
  json_object_set_string_member (summary, "kubernetes_status", "READY");
  json_array_add_object_element (list, summary);
  json_node_take_array (root, list);
  sim_vcenter_respond_node (msg, 200, root);
}

static void
respond_cluster_info (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) info = json_object_new ();
  /* A real VIP is an address alone (WCP on 443, the API on 6443). */
  g_autofree char *endpoint = sim_server_dup_supervisor_endpoint (self);

  json_object_set_string_member (info, "api_server_cluster_endpoint", endpoint);
  json_object_set_string_member (info, "api_server_management_endpoint", endpoint);
  json_object_set_string_member (info, "config_status", "RUNNING");
  json_object_set_string_member (info, "kubernetes_status", "READY");
  json_object_set_array_member (info, "kubernetes_status_messages", json_array_new ());
  json_object_set_array_member (info, "messages", json_array_new ());
  json_object_set_string_member (info, "network_provider", "VSPHERE_NETWORK");
  json_object_set_string_member (
    info, "default_kubernetes_service_content_library",
    sim_inventory_cluster_library (self) ? sim_inventory_cluster_library (self) : "");
  /* The chain's root: what a client pins or adds as an anchor for the VIP. */
  json_object_set_string_member (info, "tls_endpoint_certificate",
                                 sim_tls_get_ca_pem (sim_server_get_tls (self)));
  sim_respond_json (msg, 200, info);
}

void
sim_vcenter_handle (SimServer *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean legacy = g_str_has_prefix (path, "/rest/");
  const char *user;

  if (g_str_equal (path, "/api/session") || g_str_equal (path, "/rest/com/vmware/cis/session"))
    {
      if (g_str_equal (method, "POST"))
        create_session (self, msg, legacy);
      else if (g_str_equal (method, "DELETE") && session_user (msg))
        {
          SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
          g_hash_table_remove (sessions (),
                               soup_message_headers_get_one (headers, "vmware-api-session-id"));
          soup_server_message_set_status (msg, legacy ? 200 : 204, NULL);
        }
      else if (g_str_equal (method, "GET") && session_user (msg))
        {
          g_autoptr (JsonObject) info = json_object_new ();
          json_object_set_string_member (info, "user", session_user (msg));
          sim_respond_json (msg, 200, info);
        }
      else
        respond_unauthenticated (msg, legacy);
      return;
    }
  if ((user = session_user (msg)) == NULL)
    {
      respond_unauthenticated (msg, legacy);
      return;
    }
  if (!sim_auth_is_admin (sim_server_get_auth (self), user))
    {
      sim_vcenter_respond_error (msg, legacy, 403, "UNAUTHORIZED",
                                 "vapi.security.authorization.invalid", "Unable to authorize user");
      return;
    }
  if (g_str_equal (path, "/api/vcenter/namespace-management/clusters")
      && g_str_equal (method, "GET"))
    respond_clusters (msg);
  else if (g_str_equal (path, "/api/vcenter/namespace-management/clusters/" CLUSTER_ID)
           && g_str_equal (method, "GET"))
    respond_cluster_info (self, msg);
  else if (sim_vcenter_inventory_handle (self, msg, path, legacy))
    return;
  else
    sim_vcenter_respond_error (msg, legacy, 404, "NOT_FOUND", "com.vmware.vapi.rest.httpNotFound",
                               "Not found.");
}
