/* test-vcenter-client.c: PacVcenterClient against the simulator's vCenter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article's prerequisites end to end: a subscribed library of
 * VMware's releases (probe, create, attach, sync) and a vSphere namespace
 * with a storage policy; errors in vCenter's words; session expiry.
 */
#include <string.h>

#include "pac-error.h"
#include "pac-supervisor.h"
#include "pac-trust.h"
#include "pac-vcenter-client.h"
#include "log-capture.h"
#include "sim-fixture.h"

#define VSAN "aa6d5a82-1c88-45da-85d3-3d74b91a5bad"

static char *pin_dir;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonNode *
finish (PacVcenterClient *client, GAsyncResult **slot, GError **error)
{
  JsonNode *node;

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = pac_vcenter_client_call_finish (client, *slot, error);
  g_clear_object (slot);
  return node;
}

static PacVcenterClient *
client_for (SimFixture *sim, const char *user, const char *password)
{
  g_autofree char *dir = g_build_filename (pin_dir, "pins-XXXXXX", NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  PacVcenterClient *client;
  g_autoptr (GUri) uri = g_uri_parse (sim->vcenter_url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  trust = pac_trust_new (dir);
  pac_trust_add_anchor (trust, g_uri_get_host (uri), (guint16) g_uri_get_port (uri), ca);
  client = pac_vcenter_client_new (sim->vcenter_url, user, trust);
  pac_vcenter_client_set_password (client, password);
  return client;
}

static JsonArray *
array_of (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* PacSupervisor from vCenter's summary and info; a refresh keeps the
 * object, a vanished Supervisor leaves the store */
static void
check_supervisor_model (JsonArray *summaries, JsonObject *info, const char *endpoint)
{
  g_autoptr (GListStore) store = g_list_store_new (PAC_TYPE_SUPERVISOR);
  g_autoptr (PacSupervisor) first = NULL;
  g_autoptr (PacSupervisor) again = NULL;
  g_autoptr (JsonArray) changed = json_array_new ();
  g_autoptr (JsonArray) none = json_array_new ();
  g_autoptr (JsonNode) copy_node = NULL;
  JsonObject *copy;
  guint notified = 0;

  pac_supervisor_store_update (store, summaries);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (pac_supervisor_get_id (first), ==, "domain-c8");
  g_assert_cmpstr (pac_supervisor_get_name (first), ==, "Cluster-01");
  g_assert_true (pac_supervisor_is_running (first));
  g_assert_null (pac_supervisor_get_endpoint (first));
  pac_supervisor_update (first, info);
  g_assert_cmpstr (pac_supervisor_get_endpoint (first), ==, endpoint);
  g_signal_connect (first, "notify::config-status", G_CALLBACK (count_notify), &notified);
  pac_supervisor_store_update (store, summaries);
  g_assert_cmpuint (notified, ==, 0);
  copy_node = json_node_copy (json_array_get_element (summaries, 0));
  copy = json_node_get_object (copy_node);
  json_object_set_string_member (copy, "config_status", "ERROR");
  json_array_add_object_element (changed, json_object_ref (copy));
  pac_supervisor_store_update (store, changed);
  again = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (pac_supervisor_is_running (first));
  pac_supervisor_store_update (store, none);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_prerequisites (void)
{
  SimFixture *sim = sim_fixture_start ((const char *const[]){
    "--supervisor-version=7.0.1", "--scenario=empty", "--cluster-seconds=1", NULL });
  g_autoptr (PacVcenterClient) client = client_for (sim, "administrator@vsphere.local", "Admin!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) supervisors = NULL;
  g_autoptr (JsonNode) info = NULL;
  g_autoptr (JsonNode) probe = NULL;
  g_autoptr (JsonNode) library = NULL;
  g_autoptr (JsonNode) nothing = NULL;
  g_autoptr (JsonNode) namespaces = NULL;
  g_autoptr (JsonNode) policies = NULL;
  g_autoptr (JsonNode) datastores = NULL;
  const char *cluster;
  const char *thumbprint;
  PacNamespaceSpec spec = {
    .cluster = "domain-c8",
    .name = "namespace001",
    .description = "the article",
    .storage_policies = (const char *const[]){ VSAN, NULL },
    .vm_classes = (const char *const[]){ "best-effort-small", NULL },
    .editors = (const char *const[]){ "devops@vsphere.local", NULL },
  };

  pac_vcenter_client_list_supervisors_async (client, NULL, on_done, &result);
  supervisors = finish (client, &result, &error);
  g_assert_no_error (error);
  cluster = json_object_get_string_member (
    json_array_get_object_element (array_of (supervisors), 0), "cluster");
  g_assert_cmpstr (cluster, ==, "domain-c8");
  pac_vcenter_client_get_supervisor_async (client, cluster, NULL, on_done, &result);
  info = finish (client, &result, &error);
  g_assert_no_error (error);
  /* The Supervisor's own address, not vCenter's: WCP on 443, the API on 6443 */
  g_assert_cmpstr (
    json_object_get_string_member (json_node_get_object (info), "api_server_cluster_endpoint"), ==,
    sim->url + strlen ("https://"));
  check_supervisor_model (array_of (supervisors), json_node_get_object (info),
                          sim->url + strlen ("https://"));

  pac_vcenter_client_list_storage_policies_async (client, NULL, on_done, &result);
  policies = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (array_of (policies)), >=, 1);
  pac_vcenter_client_list_datastores_async (client, NULL, on_done, &result);
  datastores = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (array_of (datastores), 0), "datastore"),
                   ==, "datastore-1001");

  /* The article's library: probe for the thumbprint, create, attach, sync. */
  pac_vcenter_client_probe_library_async (client, PAC_WP_CONTENT_URL, NULL, on_done, &result);
  probe = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (probe), "status"), ==,
                   "SUCCESS");
  thumbprint = json_object_get_string_member (json_node_get_object (probe), "ssl_thumbprint");
  pac_vcenter_client_create_library_async (client, "Kubernetes", "datastore-1001",
                                           PAC_WP_CONTENT_URL, "00:11", TRUE, NULL, on_done,
                                           &result);
  g_assert_null (finish (client, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "thumbprint"));
  g_clear_error (&error);
  pac_vcenter_client_create_library_async (client, "Kubernetes", "datastore-1001",
                                           PAC_WP_CONTENT_URL, thumbprint, TRUE, NULL, on_done,
                                           &result);
  library = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (library), ==, G_TYPE_STRING);
  pac_vcenter_client_attach_library_async (client, cluster, json_node_get_string (library), NULL,
                                           on_done, &result);
  nothing = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (nothing));
  g_clear_pointer (&nothing, json_node_unref);
  pac_vcenter_client_sync_library_async (client, json_node_get_string (library), NULL, on_done,
                                         &result);
  nothing = finish (client, &result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&nothing, json_node_unref);

  /* A namespace with a storage policy, a VM class and an editor. */
  pac_vcenter_client_create_namespace_async (client, &spec, NULL, on_done, &result);
  nothing = finish (client, &result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&nothing, json_node_unref);
  pac_vcenter_client_create_namespace_async (client, &spec, NULL, on_done, &result);
  g_assert_null (finish (client, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "namespace001"));
  g_clear_error (&error);
  pac_vcenter_client_get_namespace_async (client, "namespace001", NULL, on_done, &result);
  g_clear_pointer (&info, json_node_unref);
  info = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (info), "access_list"), 0),
      "role"),
    ==, "EDIT");
  spec.description = "changed";
  spec.editors = NULL;
  spec.viewers = (const char *const[]){ "devops@vsphere.local", NULL };
  pac_vcenter_client_update_namespace_async (client, &spec, NULL, on_done, &result);
  nothing = finish (client, &result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&nothing, json_node_unref);
  pac_vcenter_client_list_namespaces_async (client, NULL, on_done, &result);
  namespaces = finish (client, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (array_of (namespaces), 0), "description"),
                   ==, "changed");
  pac_vcenter_client_delete_namespace_async (client, "namespace001", NULL, on_done, &result);
  nothing = finish (client, &result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&nothing, json_node_unref);
  pac_vcenter_client_get_namespace_async (client, "namespace001", NULL, on_done, &result);
  g_assert_null (finish (client, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  sim_fixture_stop (sim);
}

static void
test_errors (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacVcenterClient) wrong = client_for (sim, "administrator@vsphere.local", "nope");
  g_autoptr (PacVcenterClient) devops = client_for (sim, "devops@vsphere.local", "DevOps!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacNamespaceSpec bad = { .cluster = "domain-c8", .name = "Bad_Name" };

  pac_vcenter_client_list_namespaces_async (wrong, NULL, on_done, &result);
  g_assert_null (finish (wrong, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
  g_clear_error (&error);
  /* Not a vCenter administrator */
  pac_vcenter_client_list_namespaces_async (devops, NULL, on_done, &result);
  g_assert_null (finish (devops, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  {
    g_autoptr (PacVcenterClient) admin
      = client_for (sim, "administrator@vsphere.local", "Admin!23");
    pac_vcenter_client_create_namespace_async (admin, &bad, NULL, on_done, &result);
    g_assert_null (finish (admin, &result, &error));
    g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Bad_Name"));
  }
  sim_fixture_stop (sim);
}

/* vCenter's answers go through the Supervisor's request path: a read
 * that meets 503 is tried again twice (200 ms, then 400 ms) before the
 * error is reported, as every read of Pacific's is; writes never are */
static void
test_reads_retried (void)
{
  const char *args[] = { "--error-rate=/api/vcenter/namespaces/instances=1:503", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacVcenterClient) client = client_for (sim, "administrator@vsphere.local", "Admin!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) listed = NULL;
  gint64 started;

  /* signed in first, so that only the list's own tries are timed */
  pac_vcenter_client_list_supervisors_async (client, NULL, on_done, &result);
  first = finish (client, &result, &error);
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  pac_vcenter_client_list_namespaces_async (client, NULL, on_done, &result);
  listed = finish (client, &result, &error);
  g_assert_null (listed);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_SERVER);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);
  sim_fixture_stop (sim);
}

/* The password from PACIFIC_PASSWORD where none was given and the keyring
 * has none, as for a Supervisor; the HTTP log shows vCenter's traffic
 * (it showed none) without the password or the session */
static void
test_password_and_log (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacVcenterClient) client = client_for (sim, "administrator@vsphere.local", NULL);
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) none = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autofree char *log = NULL;

  g_unsetenv ("PACIFIC_PASSWORD");
  pac_vcenter_client_list_supervisors_async (client, NULL, on_done, &result);
  none = finish (client, &result, &error);
  g_assert_null (none);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "administrator@vsphere.local"));
  g_clear_error (&error);

  g_setenv ("PACIFIC_PASSWORD", "Admin!23", TRUE);
  log_capture_start ("pac-http"); /* before the session: it adds its logger when made */
  g_clear_object (&client);
  client = client_for (sim, "administrator@vsphere.local", NULL);
  pac_vcenter_client_list_supervisors_async (client, NULL, on_done, &result);
  listed = finish (client, &result, &error);
  log = log_capture_stop ();
  g_unsetenv ("PACIFIC_PASSWORD");
  g_assert_no_error (error);
  g_assert_nonnull (listed);
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "POST /api/session"));
  g_assert_nonnull (strstr (log, "vmware-api-session-id: [redacted]"));
  g_assert_null (strstr (log, "Admin!23"));
  /* Base64 of "administrator@vsphere.local:Admin!23" */
  g_assert_null (strstr (log, "YWRtaW5pc3RyYXRvckB2c3BoZXJlLmxvY2FsOkFkbWluITIz"));
  /* nor the session: /api/session answers it as a bare string, which no
   * redaction can tell from another (32 hex digits, as vCenter's) */
  g_assert_nonnull (strstr (log, "201"));
  g_assert_false (g_regex_match_simple ("[0-9a-f]{32}", log, 0, 0));
  sim_fixture_stop (sim);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  log_capture_install ();
  pin_dir = g_dir_make_tmp ("pacific-pins-XXXXXX", NULL);
  g_test_add_func ("/vcenter-client/prerequisites", test_prerequisites);
  g_test_add_func ("/vcenter-client/errors", test_errors);
  g_test_add_func ("/vcenter-client/password-and-log", test_password_and_log);
  g_test_add_func ("/vcenter-client/reads-retried", test_reads_retried);
  status = g_test_run ();
  g_free (pin_dir);
  return status;
}
