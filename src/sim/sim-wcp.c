/* sim-wcp.c: the Supervisor's /wcp endpoints, as kubectl-vsphere uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "WCP login": GET /wcp/loginbanner (any 200
 * means "a Supervisor"), POST /wcp/login with Basic authentication and
 * {"session_id": JWT} back, GET /wcp/workloads listing the vSphere
 * namespaces the user may see. The error bodies of a real Supervisor are
 * not documented; these are the simulator's own (marked as such).
 */
#define G_LOG_DOMAIN "sim-wcp"

#include "sim-server.h"

#include <string.h>

#include "sim-json.h"
#include "sim-tkc.h"

/* The label the Supervisor puts on vSphere namespaces (not on kube-system & co). */
#define VSPHERE_NAMESPACE_LABEL "vSphereClusterID"

static char *
basic_user (SoupServerMessage *msg, char **password)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  gsize length = 0;
  char *colon;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    return NULL;
  decoded = g_base64_decode (authorization + 6, &length);
  if (decoded == NULL || memchr (decoded, '\0', length))
    return NULL;
  {
    char *text = g_strndup ((const char *) decoded, length);
    colon = strchr (text, ':');
    if (colon == NULL)
      {
        g_free (text);
        return NULL;
      }
    *colon = '\0';
    *password = g_strdup (colon + 1);
    return text;
  }
}

static void
respond_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonObject) body = json_object_new ();

  /* pacific-sim's own shape: the real one is not documented. */
  json_object_set_string_member (body, "message", message);
  sim_respond_json (msg, status, body);
}

/* Basic credentials, or a bearer token from an earlier login. */
static char *
wcp_user (SimServer *self, SoupServerMessage *msg)
{
  SimAuth *auth = sim_server_get_auth (self);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *password = NULL;
  char *user;
  const char *why_not = NULL;

  if (authorization && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    return sim_auth_verify_token (auth, authorization + 7, &why_not);
  user = basic_user (msg, &password);
  if (user && sim_auth_check_password (auth, user, password))
    return user;
  g_free (user);
  return NULL;
}

/* The cluster a guest login names: in guest_cluster_namespace, or the
 * first of that name in a namespace the user may see */
static JsonObject *
find_cluster (SimServer *self, const char *user, const char *name, const char *namespace)
{
  SimAuth *auth = sim_server_get_auth (self);
  g_autoptr (GPtrArray) clusters = sim_store_list (
    sim_server_get_store (self), "run.tanzu.vmware.com/tanzukubernetesclusters", namespace);

  for (guint i = 0; i < clusters->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);
      const char *ns = sim_json_get_path_string (cluster, "metadata.namespace");
      if (g_strcmp0 (sim_json_get_path_string (cluster, "metadata.name"), name) == 0
          && (sim_auth_is_admin (auth, user) || sim_auth_role (auth, user, ns)))
        return cluster;
    }
  return NULL;
}

/* A guest cluster login: the same token, and where the guest's API is.
 * A cluster that is not found (or not running) leaves guest_cluster_server
 * empty, which is what clients of the real endpoint test for. */
static void
add_guest (SimServer *self, const char *user, JsonObject *request, JsonObject *answer)
{
  const char *name = sim_json_get_string (request, "guest_cluster_name");
  const char *namespace = sim_json_get_string (request, "guest_cluster_namespace");
  JsonObject *cluster = find_cluster (self, user, name, namespace);
  const char *ca = sim_tls_get_ca_pem (sim_server_get_tls (self));
  g_autofree char *ca64 = g_base64_encode ((const guchar *) ca, strlen (ca));
  const char *host = NULL;

  if (cluster
      && sim_server_get_guest (self, sim_json_get_path_string (cluster, "metadata.namespace"),
                               name))
    host = sim_tkc_endpoint_host (cluster);
  json_object_set_string_member (answer, "guest_cluster_server", host ? host : "");
  json_object_set_string_member (answer, "guest_cluster_ca", host ? ca64 : "");
}

static void
handle_login (SimServer *self, SoupServerMessage *msg)
{
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autoptr (JsonObject) answer = json_object_new ();
  g_autoptr (JsonObject) request = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  user = basic_user (msg, &password);
  if (user == NULL)
    {
      respond_error (msg, 401, "Basic authentication with a vSphere SSO user is required");
      return;
    }
  if (!sim_auth_check_password (sim_server_get_auth (self), user, password))
    {
      respond_error (msg, 401, "Invalid username or password");
      return;
    }
  if (body->length > 0)
    request = sim_api_request_body (msg, NULL);
  token = sim_auth_issue_token (sim_server_get_auth (self), user,
                                sim_server_get_options (self)->token_ttl_seconds);
  json_object_set_string_member (answer, "session_id", token);
  if (request && sim_json_get_string (request, "guest_cluster_name"))
    add_guest (self, user, request, answer);
  sim_respond_json (msg, 200, answer);
}

static gboolean
is_vsphere_namespace (JsonObject *ns)
{
  JsonObject *labels = sim_json_get_object (sim_json_get_object (ns, "metadata"), "labels");

  return labels && json_object_has_member (labels, VSPHERE_NAMESPACE_LABEL)
         && g_strcmp0 (sim_json_get_path_string (ns, "status.phase"), "Terminating") != 0;
}

static void
handle_workloads (SimServer *self, SoupServerMessage *msg)
{
  g_autofree char *user = wcp_user (self, msg);
  SimAuth *auth = sim_server_get_auth (self);
  g_autoptr (GPtrArray) namespaces = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *workloads;

  if (user == NULL)
    {
      respond_error (msg, 401, "Invalid username or password");
      return;
    }
  namespaces = sim_store_list (sim_server_get_store (self), "/namespaces", NULL);
  workloads = json_array_new ();
  for (guint i = 0; i < namespaces->len; i++)
    {
      JsonObject *ns = g_ptr_array_index (namespaces, i);
      const char *name = sim_json_get_path_string (ns, "metadata.name");
      g_autofree char *master_host = NULL;
      JsonObject *entry;
      JsonArray *dns;

      if (!is_vsphere_namespace (ns)
          || !(sim_auth_is_admin (auth, user) || sim_auth_role (auth, user, name)))
        continue;
      entry = json_object_new ();
      dns = json_array_new ();
      json_object_set_string_member (entry, "namespace", name);
      master_host = sim_server_dup_master_host (self, name);
      json_object_set_string_member (entry, "master_host", master_host);
      json_object_set_int_member (entry, "control_plane_api_server_port", 6443);
      json_object_set_array_member (entry, "control_plane_dns_names", dns);
      json_array_add_object_element (workloads, entry);
    }
  root = json_node_init_array (json_node_alloc (), workloads);
  json_array_unref (workloads);
  {
    gsize length = 0;
    char *data = sim_json_to_string (root, &length);
    soup_server_message_set_status (msg, 200, NULL);
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
  }
}

void
sim_wcp_handle (SimServer *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/wcp/loginbanner") && g_str_equal (method, "GET"))
    {
      static const char banner[] = "pacific-sim: a simulated vSphere with Tanzu Supervisor.\n";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, banner,
                                        sizeof banner - 1);
    }
  else if (g_str_equal (path, "/wcp/login") && g_str_equal (method, "POST"))
    handle_login (self, msg);
  else if (g_str_equal (path, "/wcp/workloads") && g_str_equal (method, "GET"))
    handle_workloads (self, msg);
  else
    respond_error (msg, 404, "Not found");
}
