/* test-guest-client.c: guest login through the Supervisor, PacGuestClient
 * reads and idempotent applies, Warning headers, admin kubeconfigs,
 * against the simulator's guest clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-error.h"
#include "pac-guest-client.h"
#include "pac-json.h"
#include "pac-supervisor-client.h"
#include "pac-yaml.h"
#include "sim-connection.h"
#include "test-deadline.h"

static SimFixture *sim;

static PacConnection *
supervisor_for (const char *user, const char *password)
{
  return sim_connection_new (sim, user, password);
}

static PacConnection *
open_guest (PacConnection *supervisor, const char *namespace, const char *name, GError **error)
{
  GAsyncResult *result = NULL;
  PacConnection *guest;

  pac_connection_open_guest_async (supervisor, namespace, name, NULL, sim_fixture_on_done, &result);
  guest = pac_connection_open_guest_finish (supervisor, sim_fixture_wait (&result), error);
  g_object_unref (result);
  return guest;
}

static PacGuestClient *
guest_client_for (const char *user, const char *password)
{
  g_autoptr (PacConnection) supervisor = supervisor_for (user, password);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest = open_guest (supervisor, "dev", "dev-cluster-01", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pac_connection_get_guest_name (guest), ==, "dev-cluster-01");
  g_assert_cmpuint (pac_connection_get_port (guest), ==, 6443);
  return pac_guest_client_new (guest);
}

static JsonArray *
list (PacGuestClient *client,
      PacGuestResource resource,
      const char *namespace,
      const char *labels,
      const char *fields,
      JsonNode **keep,
      GError **error)
{
  GAsyncResult *result = NULL;

  pac_guest_client_list_async (client, resource, namespace, labels, fields, NULL,
                               sim_fixture_on_done, &result);
  *keep = pac_guest_client_call_finish (client, sim_fixture_wait (&result), error);
  g_object_unref (result);
  return *keep ? pac_json_array (pac_json_node_object (*keep), "items") : NULL;
}

static gboolean
has_item (JsonArray *items, const char *name)
{
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    if (g_strcmp0 (pac_json_string (json_array_get_object_element (items, i), "metadata.name"),
                   name)
        == 0)
      return TRUE;
  return FALSE;
}

static JsonObject *
yaml_object (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pac_yaml_load (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonNode *
apply (PacGuestClient *client, const char *yaml, PacApplyOutcome *outcome, GError **error)
{
  g_autoptr (JsonObject) manifest = yaml_object (yaml);
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_guest_client_apply_async (client, manifest, NULL, sim_fixture_on_done, &result);
  node = pac_guest_client_apply_finish (client, sim_fixture_wait (&result), outcome, error);
  g_object_unref (result);
  return node;
}

static void
test_not_found (void)
{
  g_autoptr (PacConnection) supervisor = supervisor_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest = open_guest (supervisor, "dev", "no-such-cluster", &error);

  g_assert_null (guest);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-cluster"));
  g_clear_error (&error);
  /* A cluster in a namespace the user has no role in is not found either */
  guest = open_guest (supervisor, "prod", "payments", &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
}

static void
test_wrong_password (void)
{
  g_autoptr (PacConnection) supervisor = supervisor_for ("devops@vsphere.local", "wrong");
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest = open_guest (supervisor, "dev", "dev-cluster-01", &error);

  g_assert_null (guest);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
}

static void
test_reads (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) nodes = NULL, namespaces = NULL, roles = NULL, psps = NULL;
  JsonArray *items;

  items = list (client, PAC_GUEST_NODES, NULL, NULL, NULL, &nodes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  items = list (client, PAC_GUEST_NODES, NULL, "node-role.kubernetes.io/control-plane", NULL,
                &nodes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  items = list (client, PAC_GUEST_NAMESPACES, NULL, NULL, NULL, &namespaces, &error);
  g_assert_no_error (error);
  g_assert_true (has_item (items, "kube-system"));
  g_assert_true (has_item (items, "default"));
  items = list (client, PAC_GUEST_CLUSTER_ROLES, NULL, NULL, NULL, &roles, &error);
  g_assert_no_error (error);
  g_assert_true (has_item (items, "cluster-admin"));
  /* 1.26: PodSecurityPolicy is gone */
  items = list (client, PAC_GUEST_POD_SECURITY_POLICIES, NULL, NULL, NULL, &psps, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
}

#define BINDING_YAML                                                                               \
  "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"                           \
  "metadata: {name: pacific-test-binding}\n"                                                       \
  "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"                \
  "subjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: %s}\n"

static void
test_apply_idempotent (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autofree char *first = g_strdup_printf (BINDING_YAML, "auditors");
  g_autofree char *second = g_strdup_printf (BINDING_YAML, "reviewers");
  PacApplyOutcome outcome = -1;
  g_autoptr (JsonNode) created = apply (client, first, &outcome, &error);
  g_autoptr (JsonNode) again = NULL, changed = NULL, listed = NULL;
  JsonArray *items;

  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PAC_APPLY_CREATED);
  again = apply (client, first, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PAC_APPLY_UNCHANGED);
  g_assert_cmpstr (pac_json_string (pac_json_node_object (again), "metadata.resourceVersion"), ==,
                   pac_json_string (pac_json_node_object (created), "metadata.resourceVersion"));
  changed = apply (client, second, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PAC_APPLY_UPDATED);
  items = list (client, PAC_GUEST_CLUSTER_ROLE_BINDINGS, NULL, NULL,
                "metadata.name=pacific-test-binding", &listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (
    pac_json_string (json_array_get_object_element (
                       pac_json_array (json_array_get_object_element (items, 0), "subjects"), 0),
                     "name"),
    ==, "reviewers");
}

static void
test_apply_refused (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = apply (client,
                                     "apiVersion: example.com/v1\nkind: Gadget\n"
                                     "metadata: {name: g}\n",
                                     NULL, &error);

  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  /* The server's own refusal comes through: roleRef cannot change */
  g_clear_pointer (&node, json_node_unref);
  node = apply (client,
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
                "metadata: {name: pacific-ro, namespace: default}\n"
                "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"
                "subjects: [{kind: Group, name: a, apiGroup: rbac.authorization.k8s.io}]\n",
                NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = apply (client,
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
                "metadata: {name: pacific-ro, namespace: default}\n"
                "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\n"
                "subjects: [{kind: Group, name: a, apiGroup: rbac.authorization.k8s.io}]\n",
                NULL, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
}

static void
on_warning (PacConnection *connection, const char *text, GPtrArray *warnings)
{
  g_ptr_array_add (warnings, g_strdup (text));
}

static gboolean
has_event (PacGuestClient *client, JsonObject *object, const char *reason)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) events = NULL;
  JsonArray *items;

  pac_guest_client_events_for_async (client, object, NULL, sim_fixture_on_done, &result);
  events = pac_guest_client_call_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  items = pac_json_array (pac_json_node_object (events), "items");
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    if (g_strcmp0 (pac_json_string (json_array_get_object_element (items, i), "reason"), reason)
        == 0)
      return TRUE;
  return FALSE;
}

static guint
daemon_set_pods (PacGuestClient *client)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) pods = NULL;
  JsonArray *items;

  pac_guest_client_daemon_set_pods_async (client, "agents", "node-agent", NULL, sim_fixture_on_done,
                                          &result);
  pods = pac_guest_client_call_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  items = pac_json_array (pac_json_node_object (pods), "items");
  return items ? json_array_get_length (items) : 0;
}

static void
label (PacGuestClient *client, const char *name, const char *key, const char *value)
{
  g_autoptr (JsonObject) labels = json_object_new ();
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) ns = NULL;

  if (value)
    json_object_set_string_member (labels, key, value);
  else
    json_object_set_null_member (labels, key);
  pac_guest_client_label_namespace_async (client, name, labels, NULL, sim_fixture_on_done, &result);
  ns = pac_guest_client_call_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  /* Label keys have dots: not a path for pac_json_string() */
  g_assert_cmpstr (json_object_get_string_member_with_default (
                     pac_json_object (pac_json_node_object (ns), "metadata.labels"), key, NULL),
                   ==, value);
}

/* 1.26 enforces "restricted" by default: the DaemonSet is admitted with a
 * warning, its pods are refused (FailedCreate) until the namespace says
 * "privileged"; then one pod per worker. */
static void
test_daemon_set_under_psa (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) ns = NULL, ds = NULL;
  gboolean warned = FALSE, refused = FALSE;
  guint pods = 0;

  g_signal_connect (pac_guest_client_get_connection (client), "warning", G_CALLBACK (on_warning),
                    warnings);
  ns = apply (client, "apiVersion: v1\nkind: Namespace\nmetadata: {name: agents}\n", NULL, &error);
  g_assert_no_error (error);
  ds = apply (client,
              "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node-agent, namespace: "
              "agents}\nspec:\n  selector: {matchLabels: {app: node-agent}}\n  template:\n"
              "    metadata: {labels: {app: node-agent}}\n    spec:\n      containers:\n"
              "      - {name: agent, image: registry.example.com/agent:1.0}\n",
              NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    warned |= strstr (g_ptr_array_index (warnings, i), "PodSecurity") != NULL;
  g_assert_true (warned);
  for (gint64 deadline = test_deadline (5); !refused && test_before (deadline); test_pause_ms (100))
    refused = has_event (client, pac_json_node_object (ds), "FailedCreate");
  g_assert_true (refused);
  g_assert_cmpuint (daemon_set_pods (client), ==, 0);
  label (client, "agents", "pod-security.kubernetes.io/enforce", "privileged");
  for (gint64 deadline = test_deadline (5); pods < 2 && test_before (deadline); test_pause_ms (100))
    pods = daemon_set_pods (client);
  g_assert_cmpuint (pods, ==, 2);
  label (client, "agents", "pod-security.kubernetes.io/enforce", NULL);
}

/* An expired guest token is renewed through the Supervisor, unseen */
static void
test_token_renewed (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) nodes = NULL;
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  list (client, PAC_GUEST_NODES, NULL, NULL, NULL, &nodes, &error);
  g_assert_no_error (error);
}

static void
test_viewer_forbidden (void)
{
  g_autoptr (PacGuestClient) client = guest_client_for ("viewer@vsphere.local", "Viewer!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) pods = NULL, created = NULL;

  list (client, PAC_GUEST_PODS, "default", NULL, NULL, &pods, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  created = apply (client, "apiVersion: v1\nkind: Namespace\nmetadata: {name: viewer-ns}\n", NULL,
                   &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
}

static char *
read_admin_kubeconfig (void)
{
  g_autoptr (PacConnection) supervisor = supervisor_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (PacSupervisorClient) client = pac_supervisor_client_new (supervisor);
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  char *kubeconfig;

  pac_supervisor_client_read_kubeconfig_async (client, "dev", "dev-cluster-01", NULL,
                                               sim_fixture_on_done, &result);
  kubeconfig
    = pac_supervisor_client_read_kubeconfig_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return kubeconfig;
}

static void
test_admin_kubeconfig (void)
{
  g_autofree char *kubeconfig = read_admin_kubeconfig ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection
    = pac_connection_new_from_kubeconfig (kubeconfig, -1, NULL, &error);
  g_autoptr (PacGuestClient) client = NULL;
  g_autoptr (JsonNode) nodes = NULL, secrets = NULL;

  g_assert_no_error (error);
  client = pac_guest_client_new (connection);
  list (client, PAC_GUEST_NODES, NULL, NULL, NULL, &nodes, &error);
  g_assert_no_error (error);
  /* system:masters reads what a WCP user might not */
  list (client, PAC_GUEST_SECRETS, "kube-system", NULL, NULL, &secrets, &error);
  g_assert_no_error (error);
}

/* Reads one HTTP/1.1 response from @in: its status line, or NULL where
 * the server closed the connection instead */
static char *
read_response (GDataInputStream *in)
{
  g_autoptr (GError) error = NULL;
  char *status = g_data_input_stream_read_line (in, NULL, NULL, &error);
  gsize length = 0;
  char *line;

  if (status == NULL)
    return NULL;
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) && *g_strstrip (line))
    {
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        length = g_ascii_strtoull (line + 15, NULL, 10);
      g_free (line);
    }
  g_free (line);
  g_assert_no_error (error);
  while (length > 0)
    {
      gssize skipped = g_input_stream_skip (G_INPUT_STREAM (in), length, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (skipped, >, 0);
      length -= (gsize) skipped;
    }
  return g_strstrip (status);
}

static void
trust_sim_ca (GSocketClient *client,
              GSocketClientEvent event,
              GSocketConnectable *connectable,
              GIOStream *connection,
              GTlsDatabase *database)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), database);
}

/* A guest answered one request per connection and then closed it, with
 * no "Connection: close": kubectl sent its next request on it and met
 * "EOF" (a POST is not retried). kube-apiserver keeps it open. */
static void
test_keep_alive (void)
{
  g_autoptr (PacConnection) supervisor = supervisor_for ("devops@vsphere.local", "DevOps!23");
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest = open_guest (supervisor, "dev", "dev-cluster-01", &error);
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *request = NULL;

  g_assert_no_error (error);
  database = g_tls_file_database_new (sim->ca_file, &error);
  g_assert_no_error (error);
  g_socket_client_set_tls (client, TRUE);
  g_signal_connect (client, "event", G_CALLBACK (trust_sim_ca), database);
  connection = g_socket_client_connect_to_host (client, pac_connection_get_host (guest),
                                                pac_connection_get_port (guest), NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  request = g_strdup_printf ("GET /version HTTP/1.1\r\nHost: %s\r\n\r\n",
                             pac_connection_get_host (guest));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *status = NULL;

      g_assert_true (
        g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                   request, strlen (request), NULL, NULL, &error));
      g_assert_no_error (error);
      status = read_response (in);
      g_assert_nonnull (status); /* NULL: closed after the response before */
      g_assert_true (g_str_has_prefix (status, "HTTP/1.1 "));
    }
}

static void
test_kubeconfig_refused (void)
{
  g_autofree char *kubeconfig = read_admin_kubeconfig ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (GString) insecure = g_string_new (kubeconfig);
  g_autoptr (GString) other_context = g_string_new (kubeconfig);

  connection = pac_connection_new_from_kubeconfig ("clusters: [a\n", -1, NULL, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  connection = pac_connection_new_from_kubeconfig (kubeconfig, -1, "nope", &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);
  g_string_replace (insecure, "    server:", "    insecure-skip-tls-verify: true\n    server:", 1);
  connection = pac_connection_new_from_kubeconfig (insecure->str, -1, NULL, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  g_clear_error (&error);
  g_string_replace (other_context, "client-certificate-data", "client-certificate-dat", 1);
  connection = pac_connection_new_from_kubeconfig (other_context->str, -1, NULL, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
}

/* A static token works until it expires; then it is refused, plainly */
static void
test_static_token (void)
{
  g_autofree char *admin = read_admin_kubeconfig ();
  g_autoptr (JsonNode) root = pac_yaml_load (admin, -1, NULL);
  JsonObject *cluster
    = json_array_get_object_element (pac_json_array (pac_json_node_object (root), "clusters"), 0);
  g_autofree char *token = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autofree char *kubeconfig = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: t\nclusters:\n- name: c\n  cluster:\n"
    "    server: %s\n    certificate-authority-data: %s\nusers:\n- name: u\n  user:\n"
    "    token: %s\ncontexts:\n- name: t\n  context: {cluster: c, user: u}\n",
    pac_json_string (cluster, "cluster.server"),
    pac_json_string (cluster, "cluster.certificate-authority-data"), token);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection
    = pac_connection_new_from_kubeconfig (kubeconfig, -1, NULL, &error);
  g_autoptr (PacGuestClient) client = NULL;
  g_autoptr (JsonNode) nodes = NULL;
  g_autoptr (SimReply) reply = NULL;

  g_assert_no_error (error);
  client = pac_guest_client_new (connection);
  list (client, PAC_GUEST_NAMESPACES, NULL, NULL, NULL, &nodes, &error);
  g_assert_no_error (error);
  g_clear_pointer (&nodes, json_node_unref);
  reply = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, NULL);
  list (client, PAC_GUEST_NAMESPACES, NULL, NULL, NULL, &nodes, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sim = sim_fixture_start ((const char *const[]){ "--scenario=demo", "--supervisor-version=8.0",
                                                  "--cluster-seconds=1", NULL });
  g_test_add_func ("/guest/not-found", test_not_found);
  g_test_add_func ("/guest/wrong-password", test_wrong_password);
  g_test_add_func ("/guest/reads", test_reads);
  g_test_add_func ("/guest/apply-idempotent", test_apply_idempotent);
  g_test_add_func ("/guest/apply-refused", test_apply_refused);
  g_test_add_func ("/guest/daemon-set-under-psa", test_daemon_set_under_psa);
  g_test_add_func ("/guest/token-renewed", test_token_renewed);
  g_test_add_func ("/guest/viewer-forbidden", test_viewer_forbidden);
  g_test_add_func ("/guest/admin-kubeconfig", test_admin_kubeconfig);
  g_test_add_func ("/guest/keep-alive", test_keep_alive);
  g_test_add_func ("/guest/kubeconfig-refused", test_kubeconfig_refused);
  g_test_add_func ("/guest/static-token", test_static_token);
  status = g_test_run ();
  sim_fixture_stop (sim);
  return status;
}
