/* test-readiness.c: PacReadiness against the simulator's vCenter and
 * Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the empty scenario every prerequisite is missing; the fixes
 * (library create/attach/sync, a namespace, its VM classes) make each
 * one ok in turn; a Supervisor-only account sees what it can; vCenter's
 * refusals name the privilege.
 */
#include <string.h>

#include "pac-error.h"
#include "pac-namespace-options.h"
#include "pac-json.h"
#include "pac-readiness.h"
#include "sim-connection.h"
#include "test-deadline.h"

#define VSAN "aa6d5a82-1c88-45da-85d3-3d74b91a5bad"
#define ADMIN "administrator@vsphere.local", "Admin!23"
#define DEVOPS "devops@vsphere.local", "DevOps!23"

typedef struct
{
  SimFixture *sim;
  PacVcenterClient *vcenter;
  PacSupervisorClient *client;
  PacCapabilities *capabilities;
  PacReadiness *readiness;
} Setup;

static Setup *
setup_new_on (const char *release,
              const char *scenario,
              gboolean with_vcenter,
              const char *user,
              const char *password)
{
  Setup *setup = g_new0 (Setup, 1);
  g_autofree char *scenario_arg = g_strdup_printf ("--scenario=%s", scenario);
  g_autofree char *release_arg = g_strdup_printf ("--supervisor-version=%s", release);

  setup->sim = sim_fixture_start (
    (const char *const[]){ release_arg, scenario_arg, "--cluster-seconds=1", NULL });
  setup->client = sim_supervisor_client_new (setup->sim, user, password);
  setup->capabilities = sim_supervisor_discover (setup->client);
  if (with_vcenter)
    setup->vcenter = sim_vcenter_client_new (setup->sim, user, password);
  setup->readiness = pac_readiness_new (setup->vcenter, with_vcenter ? "domain-c8" : NULL,
                                        setup->client, setup->capabilities);
  return setup;
}

static Setup *
setup_new (const char *scenario, gboolean with_vcenter, const char *user, const char *password)
{
  return setup_new_on ("8.0", scenario, with_vcenter, user, password);
}

static void
setup_free (Setup *setup)
{
  g_object_unref (setup->readiness);
  g_clear_object (&setup->vcenter);
  g_object_unref (setup->client);
  pac_capabilities_free (setup->capabilities);
  sim_fixture_stop (setup->sim);
  g_free (setup);
}

static void
check (Setup *setup)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;

  pac_readiness_check_async (setup->readiness, NULL, sim_fixture_on_done, &result);
  g_assert_true (pac_readiness_check_finish (setup->readiness, sim_fixture_wait (&result), &error));
  g_assert_no_error (error);
  g_object_unref (result);
  g_assert_cmpuint (g_list_model_get_n_items (pac_readiness_get_items (setup->readiness)), ==,
                    PAC_N_CHECKS);
}

static PacReadinessItem *
item_of (Setup *setup, PacCheck check)
{
  PacReadinessItem *item = pac_readiness_get_item (setup->readiness, check);

  if (item == NULL)
    g_error ("no item for %s", pac_check_to_string (check));
  return item;
}

static void
assert_state (Setup *setup, PacCheck check, PacReadinessState state)
{
  PacReadinessItem *item = item_of (setup, check);

  if (pac_readiness_item_get_state (item) != state)
    g_error ("%s is %s (%s), expected %s", pac_check_to_string (check),
             pac_readiness_state_to_string (pac_readiness_item_get_state (item)),
             pac_readiness_item_get_detail (item), pac_readiness_state_to_string (state));
}

/* Checks again until @check is ok (the simulator syncs in a quarter second) */
static void
wait_until_ok (Setup *setup, PacCheck which)
{
  gint64 deadline = test_deadline (30);

  for (;;)
    {
      check (setup);
      if (pac_readiness_item_get_state (item_of (setup, which)) == PAC_READINESS_OK)
        return;
      g_assert_true (pac_readiness_is_settling (setup->readiness));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (200 * 1000);
    }
}

static gboolean
fix_done (Setup *setup, GAsyncResult **slot, GError **error)
{
  gboolean done = pac_readiness_fix_finish (setup->readiness, sim_fixture_wait (slot), error);

  g_clear_object (slot);
  return done;
}

static JsonNode *
vcenter_call (Setup *setup, const char *method, const char *path, const char *body, GError **error)
{
  g_autoptr (JsonNode) node = body ? json_from_string (body, NULL) : NULL;
  GAsyncResult *result = NULL;
  JsonNode *answer;

  pac_vcenter_client_call_async (setup->vcenter, method, path, node, NULL, sim_fixture_on_done,
                                 &result);
  answer = pac_vcenter_client_call_finish (setup->vcenter, sim_fixture_wait (&result), error);
  g_object_unref (result);
  return answer;
}

static char *
probe (Setup *setup, const char *url, GError **error)
{
  GAsyncResult *result = NULL;
  char *thumbprint;

  pac_readiness_probe_async (setup->readiness, url, NULL, sim_fixture_on_done, &result);
  thumbprint = pac_readiness_probe_finish (setup->readiness, sim_fixture_wait (&result), error);
  g_object_unref (result);
  return thumbprint;
}

static void
create_namespace (Setup *setup, const char *name, const char *const *classes, GError **error)
{
  const PacNamespaceStorage storage[] = { { VSAN, 10240 }, { NULL } };
  const PacNamespaceAccess access[] = { { "devops@vsphere.local", FALSE, "EDIT" },
                                        { "admins@vsphere.local", TRUE, "OWNER" },
                                        { NULL } };
  PacNamespaceSpec spec = { .cluster = "domain-c8",
                            .name = name,
                            .storage = storage,
                            .access = access,
                            .vm_classes = classes };
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) answer = NULL;

  pac_vcenter_client_create_namespace_async (setup->vcenter, &spec, NULL, sim_fixture_on_done,
                                             &result);
  answer = pac_vcenter_client_call_finish (setup->vcenter, sim_fixture_wait (&result), error);
  g_object_unref (result);
}

/* The article's prerequisites, from nothing to a ready Supervisor */
static void
test_empty_to_ready (void)
{
  Setup *setup = setup_new ("empty", TRUE, ADMIN);
  PacLibrarySpec library = { .name = "Kubernetes",
                             .datastore = "datastore-1001",
                             .url = "https://wp-content.vmware.com/v2/latest/lib.json",
                             .on_demand = TRUE };
  g_autoptr (GError) error = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *nothing = NULL;
  g_autoptr (JsonNode) info = NULL;
  GAsyncResult *result = NULL;

  g_assert_true (pac_readiness_can_fix (setup->readiness));
  check (setup);
  assert_state (setup, PAC_CHECK_SUPERVISOR, PAC_READINESS_OK);
  for (PacCheck c = PAC_CHECK_LIBRARY; c < PAC_N_CHECKS; c++)
    assert_state (setup, c, PAC_READINESS_MISSING);
  g_assert_cmpint (pac_readiness_item_get_fix (item_of (setup, PAC_CHECK_LIBRARY)), ==,
                   PAC_FIX_CREATE_LIBRARY);
  g_assert_cmpint (pac_readiness_item_get_fix (item_of (setup, PAC_CHECK_NAMESPACE)), ==,
                   PAC_FIX_NEW_NAMESPACE);
  g_assert_nonnull (pac_readiness_item_get_fix_label (item_of (setup, PAC_CHECK_LIBRARY)));
  g_assert_false (pac_readiness_is_ready (setup->readiness));
  g_assert_false (pac_readiness_is_settling (setup->readiness));

  /* The probe: refused locally, unreachable for vCenter, then VMware's */
  nothing = probe (setup, "ftp://wp-content.vmware.com/lib.json", &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (probe (setup, "https://registry.example.invalid/lib.json", &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "HOST_NOT_FOUND"));
  g_clear_error (&error);
  thumbprint = probe (setup, library.url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (thumbprint), ==, 59); /* 20 bytes as XX:XX:… */

  /* A wrong thumbprint is vCenter's refusal, in its words */
  library.thumbprint = "00:11";
  pac_readiness_create_library_async (setup->readiness, &library, NULL, sim_fixture_on_done,
                                      &result);
  g_assert_false (fix_done (setup, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "INVALID_ARGUMENT"));
  g_clear_error (&error);
  library.thumbprint = thumbprint;
  pac_readiness_create_library_async (setup->readiness, &library, NULL, sim_fixture_on_done,
                                      &result);
  g_assert_true (fix_done (setup, &result, &error));
  g_assert_no_error (error);
  check (setup);
  assert_state (setup, PAC_CHECK_LIBRARY, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_SUBSCRIPTION, PAC_READINESS_OK);
  wait_until_ok (setup, PAC_CHECK_RELEASES);
  assert_state (setup, PAC_CHECK_SYNC, PAC_READINESS_OK);
  info = vcenter_call (setup, "GET", "/api/vcenter/namespace-management/clusters/domain-c8", NULL,
                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (info),
                                                  "default_kubernetes_service_content_library"),
                   !=, "");

  /* A namespace without VM classes: there, but not set up */
  create_namespace (setup, "dev", NULL, &error);
  g_assert_no_error (error);
  check (setup);
  assert_state (setup, PAC_CHECK_NAMESPACE, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_MISSING);
  g_assert_cmpint (pac_readiness_item_get_fix (item_of (setup, PAC_CHECK_NAMESPACE_SETUP)), ==,
                   PAC_FIX_EDIT_NAMESPACE);
  g_assert_cmpstr (pac_readiness_item_get_target (item_of (setup, PAC_CHECK_NAMESPACE_SETUP)), ==,
                   "dev");
  g_assert_nonnull (strstr (
    pac_readiness_item_get_detail (item_of (setup, PAC_CHECK_NAMESPACE_SETUP)), "no VM class"));
  g_clear_pointer (&info, json_node_unref);
  info = vcenter_call (setup, "PATCH", "/api/vcenter/namespaces/instances/dev",
                       "{\"vm_service_spec\":{\"vm_classes\":[\"best-effort-small\"]}}", &error);
  g_assert_no_error (error);
  check (setup);
  for (PacCheck c = 0; c < PAC_N_CHECKS; c++)
    assert_state (setup, c, PAC_READINESS_OK);
  g_assert_true (pac_readiness_is_ready (setup->readiness));
  g_assert_cmpuint (pac_readiness_get_namespaces (setup->readiness)->len, ==, 1);
  setup_free (setup);
}

/* A library that exists but is not attached, and one never synced */
static void
test_attach_and_sync (void)
{
  Setup *setup = setup_new ("empty", TRUE, ADMIN);
  g_autoptr (GError) error = NULL;
  g_autofree char *thumbprint
    = probe (setup, "https://wp-content.vmware.com/v2/latest/lib.json", &error);
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"tkr\",\"type\":\"SUBSCRIBED\",\"storage_backings\":[{\"type\":\"DATASTORE\","
    "\"datastore_id\":\"datastore-1002\"}],\"subscription_info\":{\"subscription_url\":"
    "\"https://wp-content.vmware.com/v2/latest/lib.json\",\"authentication_method\":\"NONE\","
    "\"automatic_sync_enabled\":false,\"on_demand\":true,\"ssl_thumbprint\":\"%s\"}}",
    thumbprint);
  g_autoptr (JsonNode) id
    = vcenter_call (setup, "POST", "/api/content/subscribed-library", body, &error);
  PacReadinessItem *library;
  PacReadinessItem *sync;
  GAsyncResult *result = NULL;

  g_assert_no_error (error);
  check (setup);
  library = item_of (setup, PAC_CHECK_LIBRARY);
  g_assert_cmpint (pac_readiness_item_get_fix (library), ==, PAC_FIX_ATTACH_LIBRARY);
  g_assert_cmpstr (pac_readiness_item_get_target (library), ==, json_node_get_string (id));
  g_assert_nonnull (strstr (pac_readiness_item_get_detail (library), "tkr"));
  pac_readiness_attach_library_async (setup->readiness, pac_readiness_item_get_target (library),
                                      NULL, sim_fixture_on_done, &result);
  g_assert_true (fix_done (setup, &result, &error));
  g_assert_no_error (error);

  /* Attached, never synced, no automatic sync: the sync is the fix */
  pac_readiness_sync_library_async (setup->readiness, "no-such-library", NULL, sim_fixture_on_done,
                                    &result);
  g_assert_false (fix_done (setup, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&setup->readiness);
  setup->readiness
    = pac_readiness_new (setup->vcenter, "domain-c8", setup->client, setup->capabilities);
  check (setup);
  assert_state (setup, PAC_CHECK_LIBRARY, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_SYNC, PAC_READINESS_MISSING);
  assert_state (setup, PAC_CHECK_RELEASES, PAC_READINESS_MISSING);
  sync = item_of (setup, PAC_CHECK_SYNC);
  g_assert_cmpint (pac_readiness_item_get_fix (sync), ==, PAC_FIX_SYNC_LIBRARY);
  pac_readiness_sync_library_async (setup->readiness, pac_readiness_item_get_target (sync), NULL,
                                    sim_fixture_on_done, &result);
  g_assert_true (fix_done (setup, &result, &error));
  check (setup);
  /* Syncing (a quarter of --cluster-seconds); on a busy machine it may
   * be done before the check looks, never missing */
  if (!pac_readiness_is_settling (setup->readiness))
    assert_state (setup, PAC_CHECK_SYNC, PAC_READINESS_OK);
  wait_until_ok (setup, PAC_CHECK_RELEASES);
  assert_state (setup, PAC_CHECK_SYNC, PAC_READINESS_OK);
  setup_free (setup);
}

/* Without vCenter: the Supervisor's own view, no fixes */
static void
test_supervisor_only (void)
{
  Setup *setup = setup_new ("demo", FALSE, DEVOPS);

  g_assert_false (pac_readiness_can_fix (setup->readiness));
  check (setup);
  assert_state (setup, PAC_CHECK_SUPERVISOR, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_LIBRARY, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_SUBSCRIPTION, PAC_READINESS_UNKNOWN);
  assert_state (setup, PAC_CHECK_RELEASES, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_NAMESPACE, PAC_READINESS_OK);
  assert_state (setup, PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_OK);
  g_assert_true (pac_readiness_is_ready (setup->readiness));
  for (PacCheck c = 0; c < PAC_N_CHECKS; c++)
    g_assert_cmpint (pac_readiness_item_get_fix (item_of (setup, c)), ==, PAC_FIX_NONE);
  setup_free (setup);

  setup = setup_new ("empty", FALSE, DEVOPS);
  check (setup);
  assert_state (setup, PAC_CHECK_LIBRARY, PAC_READINESS_UNKNOWN);
  assert_state (setup, PAC_CHECK_RELEASES, PAC_READINESS_MISSING);
  assert_state (setup, PAC_CHECK_NAMESPACE, PAC_READINESS_MISSING);
  g_assert_cmpint (pac_readiness_item_get_fix (item_of (setup, PAC_CHECK_NAMESPACE)), ==,
                   PAC_FIX_NONE);
  g_assert_false (pac_readiness_is_ready (setup->readiness));
  setup_free (setup);
}

/* A vCenter user without the privileges: vCenter's words and the
 * privilege's documented name */
static void
test_forbidden (void)
{
  Setup *setup = setup_new ("empty", TRUE, DEVOPS);
  g_autoptr (GError) error = NULL;
  PacReadinessItem *supervisor;

  check (setup);
  supervisor = item_of (setup, PAC_CHECK_SUPERVISOR);
  g_assert_cmpint (pac_readiness_item_get_state (supervisor), ==, PAC_READINESS_ERROR);
  g_assert_nonnull (strstr (pac_readiness_item_get_detail (supervisor), "(UNAUTHORIZED)"));
  create_namespace (setup, "dev", NULL, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Unable to authorize user (UNAUTHORIZED)"));
  g_assert_nonnull (strstr (error->message, "Namespaces.Configure"));
  setup_free (setup);
}

static PacNamespaceOptions *
load_options (Setup *setup, const char *name, GError **error)
{
  GAsyncResult *result = NULL;
  PacNamespaceOptions *options;

  pac_namespace_options_load_async (setup->vcenter, name, NULL, sim_fixture_on_done, &result);
  options = pac_namespace_options_load_finish (sim_fixture_wait (&result), error);
  g_object_unref (result);
  return options;
}

static gboolean
delete_namespace (Setup *setup, const char *name, GError **error)
{
  GAsyncResult *result = NULL;
  gboolean deleted;

  pac_vsphere_namespace_delete_async (setup->vcenter, setup->client, setup->capabilities, name,
                                      NULL, sim_fixture_on_done, &result);
  deleted = pac_vsphere_namespace_delete_finish (sim_fixture_wait (&result), error);
  g_object_unref (result);
  return deleted;
}

/* What the namespace dialog offers and reads back; deleting one */
static void
test_namespace_options (void)
{
  Setup *setup = setup_new ("demo", TRUE, ADMIN);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacNamespaceOptions) fresh = load_options (setup, NULL, &error);
  g_autoptr (PacNamespaceOptions) edited = NULL;
  g_autoptr (PacChoice) small = NULL;
  const PacNamespaceAccess *access;
  guint found = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pac_choice_find (pac_namespace_options_get_policies (fresh), VSAN), !=,
                    G_MAXUINT);
  g_assert_cmpint (pac_namespace_options_get_limit (fresh, VSAN), ==, -1);
  small = g_list_model_get_item (
    pac_namespace_options_get_vm_classes (fresh),
    pac_choice_find (pac_namespace_options_get_vm_classes (fresh), "best-effort-small"));
  g_assert_cmpstr (pac_choice_get_subtitle (small), ==, "2 CPUs, 4 GiB");
  g_assert_true (pac_namespace_options_has_vm_service (fresh));
  g_assert_null (pac_namespace_options_get_access (fresh)->subject);

  create_namespace (setup, "staging", (const char *const[]){ "best-effort-small", NULL }, &error);
  g_assert_no_error (error);
  edited = load_options (setup, "staging", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pac_namespace_options_get_limit (edited, VSAN), ==, 10240);
  g_assert_true (pac_namespace_options_has_vm_class (edited, "best-effort-small"));
  g_assert_false (pac_namespace_options_has_vm_class (edited, "guaranteed-small"));
  for (access = pac_namespace_options_get_access (edited); access->subject; access++)
    found += (g_str_equal (access->subject, "admins@vsphere.local") && access->group
              && g_str_equal (access->role, "OWNER"))
             + (g_str_equal (access->subject, "devops@vsphere.local") && !access->group
                && g_str_equal (access->role, "EDIT"));
  g_assert_cmpuint (found, ==, 2);
  g_clear_object (&edited);
  g_assert_null (load_options (setup, "nothing-here", &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* dev holds the demo's clusters: refused, naming them */
  g_assert_false (delete_namespace (setup, "dev", &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "dev"));
  g_assert_nonnull (strstr (error->message, "dev-cluster-01"));
  g_assert_nonnull (strstr (error->message, "dev-classy-01"));
  g_clear_error (&error);
  g_assert_true (delete_namespace (setup, "staging", &error));
  g_assert_no_error (error);
  edited = load_options (setup, "staging", &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  setup_free (setup);
}

/* 7.0.1 has no VM Service: no VM classes API in vCenter, no classes per
 * namespace (every class serves every namespace), and that is not missing */
static void
test_without_vm_service (void)
{
  Setup *setup = setup_new_on ("7.0.1", "demo", TRUE, ADMIN);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacNamespaceOptions) options = load_options (setup, NULL, &error);
  g_autoptr (JsonNode) info = NULL;
  const PacNamespaceSpec spec = { .cluster = "domain-c8",
                                  .name = "legacy",
                                  .storage_policies = (const char *const[]){ VSAN, NULL },
                                  .no_vm_service = TRUE };
  GAsyncResult *result = NULL;

  g_assert_no_error (error);
  g_assert_false (pac_namespace_options_has_vm_service (options));
  g_assert_cmpuint (g_list_model_get_n_items (pac_namespace_options_get_vm_classes (options)), ==,
                    0);
  g_assert_false (setup->capabilities->vm_service);
  check (setup);
  assert_state (setup, PAC_CHECK_NAMESPACE_SETUP, PAC_READINESS_OK);
  g_assert_nonnull (
    strstr (pac_readiness_item_get_detail (item_of (setup, PAC_CHECK_NAMESPACE_SETUP)),
            "every VM class serves every namespace"));

  /* A namespace made without a vm_service_spec has none */
  pac_vcenter_client_create_namespace_async (setup->vcenter, &spec, NULL, sim_fixture_on_done,
                                             &result);
  g_clear_pointer (&info, json_node_unref);
  info = pac_vcenter_client_call_finish (setup->vcenter, sim_fixture_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&info, json_node_unref);
  info = vcenter_call (setup, "GET", "/api/vcenter/namespaces/instances/legacy", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pac_json_object (pac_json_node_object (info), "vm_service_spec"));
  g_assert_nonnull (pac_json_array (pac_json_node_object (info), "storage_specs"));
  setup_free (setup);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/readiness/empty-to-ready", test_empty_to_ready);
  g_test_add_func ("/readiness/attach-and-sync", test_attach_and_sync);
  g_test_add_func ("/readiness/supervisor-only", test_supervisor_only);
  g_test_add_func ("/readiness/forbidden", test_forbidden);
  g_test_add_func ("/readiness/without-vm-service", test_without_vm_service);
  g_test_add_func ("/readiness/namespace-options", test_namespace_options);
  return g_test_run ();
}
