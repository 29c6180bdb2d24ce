/* test-supervisor-client.c: capabilities per Supervisor release, and
 * permissions per role, against the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-cluster-choices.h"
#include "pac-error.h"
#include "pac-permissions.h"
#include "pac-supervisor-client.h"
#include "sim-connection.h"

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static PacSupervisorClient *
client_for (SimFixture *sim, const char *user, const char *password)
{
  g_autoptr (PacConnection) connection = sim_connection_new (sim, user, password);

  return pac_supervisor_client_new (connection);
}

/* What the client finds on @release; @fault: a pacific-sim fault flag, or NULL */
static PacCapabilities *
discover_with (const char *release, const char *fault)
{
  g_autofree char *flag = g_strdup_printf ("--supervisor-version=%s", release);
  SimFixture *sim = sim_fixture_start ((const char *const[]){ flag, fault, NULL });
  g_autoptr (PacSupervisorClient) client
    = client_for (sim, "administrator@vsphere.local", "Admin!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacCapabilities *found;

  pac_supervisor_client_discover_async (client, NULL, on_done, &result);
  found = pac_supervisor_client_discover_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  sim_fixture_stop (sim);
  return found;
}

static PacCapabilities *
discover (const char *release)
{
  return discover_with (release, NULL);
}

static void
test_capabilities (void)
{
  g_autoptr (PacCapabilities) v701 = discover ("7.0.1");
  g_autoptr (PacCapabilities) v702 = discover ("7.0.2");
  g_autoptr (PacCapabilities) v703 = discover ("7.0.3");
  g_autoptr (PacCapabilities) v8 = discover ("8.0");

  g_assert_cmpstr (v701->tkc_version, ==, "v1alpha1");
  g_assert_cmpuint (g_strv_length (v701->tkc_versions), ==, 1);
  g_assert_false (v701->class_based_clusters);
  g_assert_false (v701->images_namespaced);
  g_assert_cmpstr (v701->image_version, ==, "v1alpha1");
  g_assert_cmpstr (v701->release_version, ==, "v1alpha1");
  g_assert_false (v701->global_trust);

  /* 7.0.2: the same TkgServiceConfiguration version, now with trust */
  g_assert_cmpstr (v702->service_configuration_version, ==, v701->service_configuration_version);
  g_assert_true (v702->global_trust);

  g_assert_cmpstr (v703->tkc_version, ==, "v1alpha2");
  g_assert_true (g_strv_contains ((const char *const *) v703->tkc_versions, "v1alpha1"));

  g_assert_cmpstr (v8->tkc_version, ==, "v1alpha3");
  g_assert_false (g_strv_contains ((const char *const *) v8->tkc_versions, "v1alpha1"));
  g_assert_true (v8->class_based_clusters);
  g_assert_true (v8->images_namespaced);
  g_assert_cmpstr (v8->release_version, ==, "v1alpha3");
  g_assert_true (v8->global_trust);
}

/* 7.0.x serves no /openapi/v3 (Kubernetes before 1.24): the trust field
 * is read from v2; and a Supervisor that answers no OpenAPI at all is
 * still discovered, without global trust */
static void
test_capabilities_without_openapi (void)
{
  g_autoptr (PacCapabilities) v703 = discover ("7.0.3");
  g_autoptr (PacCapabilities) none = discover_with ("7.0.3", "--error-rate=/openapi=1:404");

  g_assert_true (v703->global_trust);
  g_assert_cmpstr (none->tkc_version, ==, "v1alpha2");
  g_assert_cmpstr (none->release_version, ==, "v1alpha1");
  g_assert_false (none->global_trust);
}

static gboolean
can (PacSupervisorClient *client,
     const char *verb,
     const char *group,
     const char *resource,
     const char *namespace,
     char **reason)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean allowed;

  pac_supervisor_client_can_async (client, verb, group, resource, namespace, NULL, on_done,
                                   &result);
  allowed = pac_supervisor_client_can_finish (client, wait_for (&result), reason, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return allowed;
}

static void
test_permissions (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacSupervisorClient) devops = client_for (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacSupervisorClient) viewer = client_for (sim, "viewer@vsphere.local", "Viewer!23");
  g_autoptr (PacSupervisorClient) admin
    = client_for (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *reason = NULL;

  g_assert_true (
    can (devops, "create", "run.tanzu.vmware.com", "tanzukubernetesclusters", "dev", NULL));
  g_assert_false (
    can (devops, "create", "run.tanzu.vmware.com", "tanzukubernetesclusters", "prod", &reason));
  g_assert_nonnull (reason);
  g_assert_true (
    can (viewer, "list", "run.tanzu.vmware.com", "tanzukubernetesclusters", "dev", NULL));
  g_assert_false (can (viewer, "get", "", "secrets", "dev", NULL));
  g_assert_false (
    can (devops, "patch", "run.tanzu.vmware.com", "tkgserviceconfigurations", NULL, NULL));
  g_assert_true (
    can (admin, "patch", "run.tanzu.vmware.com", "tkgserviceconfigurations", NULL, NULL));
  /* A cluster-wide watch needs this; otherwise one watch per namespace. */
  g_assert_false (
    can (devops, "watch", "run.tanzu.vmware.com", "tanzukubernetesclusters", NULL, NULL));
  sim_fixture_stop (sim);
}

static PacPermissions *
permissions (PacSupervisorClient *client, const char *namespace)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacPermissions *found;

  pac_permissions_query_async (client, namespace, NULL, on_done, &result);
  found = pac_permissions_query_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return found;
}

/* The whole set the UI asks for a namespace, with reasons for the "no"s */
static void
test_permission_set (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacSupervisorClient) devops = client_for (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacSupervisorClient) viewer = client_for (sim, "viewer@vsphere.local", "Viewer!23");
  g_autoptr (PacSupervisorClient) admin
    = client_for (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (PacPermissions) owner = permissions (devops, "dev");
  g_autoptr (PacPermissions) editor = permissions (devops, "test");
  g_autoptr (PacPermissions) view = permissions (viewer, "dev");
  g_autoptr (PacPermissions) all = permissions (admin, "dev");

  g_assert_cmpstr (pac_permissions_get_namespace (owner), ==, "dev");
  g_assert_true (pac_permissions_allows (owner, PAC_PERMISSION_CREATE_CLUSTERS));
  g_assert_true (pac_permissions_allows (owner, PAC_PERMISSION_READ_SECRETS));
  g_assert_null (pac_permissions_get_reason (owner, PAC_PERMISSION_CREATE_CLUSTERS));
  g_assert_false (pac_permissions_allows (owner, PAC_PERMISSION_PATCH_SERVICE_CONFIGURATION));
  g_assert_false (pac_permissions_allows (owner, PAC_PERMISSION_WATCH_ALL_CLUSTERS));
  g_assert_nonnull (pac_permissions_get_reason (owner, PAC_PERMISSION_WATCH_ALL_CLUSTERS));
  g_assert_true (pac_permissions_allows (editor, PAC_PERMISSION_CREATE_CLUSTERS));
  g_assert_false (pac_permissions_allows (view, PAC_PERMISSION_CREATE_CLUSTERS));
  g_assert_false (pac_permissions_allows (view, PAC_PERMISSION_DELETE_CLUSTERS));
  g_assert_false (pac_permissions_allows (view, PAC_PERMISSION_READ_SECRETS));
  g_assert_nonnull (pac_permissions_get_reason (view, PAC_PERMISSION_CREATE_CLUSTERS));
  for (guint i = 0; i < PAC_PERMISSION_N; i++)
    g_assert_true (pac_permissions_allows (all, i));
  sim_fixture_stop (sim);
}

static JsonNode *
finish_call (PacSupervisorClient *client, GAsyncResult **slot, GError **error)
{
  JsonNode *node = pac_supervisor_client_call_finish (client, wait_for (slot), error);

  g_clear_object (slot);
  return node;
}

static JsonObject *
manifest (const char *name, int control_plane)
{
  g_autofree char *json = g_strdup_printf (
    "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesCluster\","
    "\"metadata\":{\"name\":\"%s\",\"namespace\":\"dev\"},\"spec\":{\"topology\":{"
    "\"controlPlane\":{\"replicas\":%d,\"vmClass\":\"best-effort-small\",\"storageClass\":"
    "\"vsan-default-storage-policy\",\"tkr\":{\"reference\":{\"name\":"
    "\"v1.26.5---vmware.2-fips.1-tkg.1\"}}},\"nodePools\":[{\"name\":\"workers\","
    "\"replicas\":1,\"vmClass\":\"best-effort-small\",\"storageClass\":"
    "\"vsan-default-storage-policy\"}]}}}",
    name, control_plane);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  return json_object_ref (json_node_get_object (node));
}

static const char *
member (JsonNode *node, const char *first, const char *second)
{
  JsonObject *object = json_node_get_object (node);

  object = json_object_get_object_member (object, first);
  return json_object_get_string_member (object, second);
}

static void
test_clusters (void)
{
  SimFixture *sim = sim_fixture_start ((const char *const[]){ "--cluster-seconds=1", NULL });
  g_autoptr (PacSupervisorClient) devops = client_for (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacSupervisorClient) viewer = client_for (sim, "viewer@vsphere.local", "Viewer!23");
  g_autoptr (JsonObject) good = manifest ("made-by-pacific", 1);
  g_autoptr (JsonObject) even = manifest ("even", 2);
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) workloads = NULL;
  g_autoptr (JsonNode) dry = NULL;
  g_autoptr (JsonNode) made = NULL;
  g_autoptr (JsonNode) patched = NULL;
  g_autoptr (JsonNode) patch = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *patch_json = NULL;
  g_autofree char *kubeconfig = NULL;

  pac_supervisor_client_workloads_async (devops, NULL, on_done, &result);
  workloads = finish_call (devops, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (workloads)), ==, 2); /* dev, test */

  /* Dry run: checked and defaulted, nothing kept */
  pac_supervisor_client_create_cluster_async (devops, good, TRUE, NULL, on_done, &result);
  dry = finish_call (devops, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (
        json_object_get_object_member (
          json_object_get_object_member (json_node_get_object (dry), "spec"), "settings"),
        "network"),
      "serviceDomain"),
    ==, "cluster.local");
  pac_supervisor_client_get_cluster_async (devops, "v1alpha3", "dev", "made-by-pacific", NULL,
                                           on_done, &result);
  g_assert_null (finish_call (devops, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pac_supervisor_client_create_cluster_async (devops, even, FALSE, NULL, on_done, &result);
  g_assert_null (finish_call (devops, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "odd number"));
  /* The cause travels with the error, for a form to mark the field */
  g_assert_nonnull (pac_error_get_problems (error));
  g_assert_cmpstr (((PacProblem *) g_ptr_array_index (pac_error_get_problems (error), 0))->path, ==,
                   "spec.topology.controlPlane.replicas");
  g_clear_error (&error);

  pac_supervisor_client_create_cluster_async (devops, good, FALSE, NULL, on_done, &result);
  made = finish_call (devops, &result, &error);
  g_assert_no_error (error);
  stale = g_strdup (member (made, "metadata", "resourceVersion"));

  /* A patch with the version read: refused once the cluster changed. */
  patch_json = g_strdup_printf ("{\"metadata\":{\"resourceVersion\":\"%s\"},\"spec\":{"
                                "\"topology\":{\"controlPlane\":{\"replicas\":3}}}}",
                                stale);
  patch = json_from_string (patch_json, NULL);
  while (TRUE)
    {
      /* The life cycle writes status, so the version moves on by itself. */
      g_autoptr (JsonNode) now = NULL;
      pac_supervisor_client_get_cluster_async (devops, "v1alpha3", "dev", "made-by-pacific", NULL,
                                               on_done, &result);
      now = finish_call (devops, &result, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (member (now, "metadata", "resourceVersion"), stale) != 0)
        break;
      g_usleep (100000);
    }
  pac_supervisor_client_patch_cluster_async (devops, "v1alpha3", "dev", "made-by-pacific", patch,
                                             FALSE, NULL, on_done, &result);
  g_assert_null (finish_call (devops, &result, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CONFLICT);
  g_clear_error (&error);
  json_object_remove_member (json_node_get_object (patch), "metadata");
  pac_supervisor_client_patch_cluster_async (devops, "v1alpha3", "dev", "made-by-pacific", patch,
                                             FALSE, NULL, on_done, &result);
  patched = finish_call (devops, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (
    json_object_get_int_member (
      json_object_get_object_member (
        json_object_get_object_member (
          json_object_get_object_member (json_node_get_object (patched), "spec"), "topology"),
        "controlPlane"),
      "replicas"),
    ==, 3);

  pac_supervisor_client_read_kubeconfig_async (devops, "dev", "dev-cluster-01", NULL, on_done,
                                               &result);
  kubeconfig = pac_supervisor_client_read_kubeconfig_finish (devops, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (kubeconfig, "current-context: dev-cluster-01-admin@dev-cluster-01"));
  pac_supervisor_client_read_kubeconfig_async (viewer, "dev", "dev-cluster-01", NULL, on_done,
                                               &result);
  g_assert_null (pac_supervisor_client_read_kubeconfig_finish (viewer, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_clear_error (&error);

  pac_supervisor_client_delete_cluster_async (devops, "v1alpha3", "dev", "made-by-pacific", NULL,
                                              on_done, &result);
  g_clear_pointer (&made, json_node_unref);
  made = finish_call (devops, &result, &error);
  g_assert_no_error (error);
  sim_fixture_stop (sim);
}

static PacClusterChoices *
load_choices (SimFixture *sim, const char *user, const char *password, const char *namespace)
{
  g_autoptr (PacSupervisorClient) client = client_for (sim, user, password);
  g_autoptr (PacCapabilities) capabilities = NULL;
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacClusterChoices *choices;

  pac_supervisor_client_discover_async (client, NULL, on_done, &result);
  capabilities = pac_supervisor_client_discover_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  pac_cluster_choices_load_async (client, capabilities, namespace, NULL, on_done, &result);
  choices = pac_cluster_choices_load_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return choices;
}

static char *
problem_paths (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      PacProblem *problem = g_ptr_array_index (problems, i);
      g_string_append_printf (text, "%s%s", i ? " " : "", problem->path);
    }
  return g_string_free (text, FALSE);
}

/* The source article's Supervisor (7.0.1): what dev offers, the default
 * spec, and a spec against the offer */
static void
test_cluster_choices (void)
{
  SimFixture *sim = sim_fixture_start ((const char *const[]){ "--supervisor-version=7.0.1", NULL });
  g_autoptr (PacClusterChoices) choices
    = load_choices (sim, "devops@vsphere.local", "DevOps!23", "dev");
  g_autoptr (PacClusterChoices) viewing
    = load_choices (sim, "viewer@vsphere.local", "Viewer!23", "dev");
  GListModel *releases = pac_cluster_choices_get_releases (choices);
  g_autoptr (PacChoice) newest = g_list_model_get_item (releases, 0);
  g_autoptr (PacChoice) last
    = g_list_model_get_item (releases, g_list_model_get_n_items (releases) - 1);
  g_autoptr (PacChoice) small = NULL;
  g_autoptr (PacClusterSpec) spec = pac_cluster_choices_new_spec (choices);
  g_autoptr (GPtrArray) problems = pac_cluster_choices_check (choices, spec, FALSE);
  g_autofree char *paths = NULL;
  const char *reason = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  /* A release named as v1alpha2 on spell it (a YAML edit) is the same release */
  pac_cluster_spec_set_tkr (spec, "v1.17.8---vmware.1-tkg.1.5417466");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pac_cluster_choices_check (choices, spec, FALSE);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (pac_cluster_choices_may_create (choices, NULL));
  g_assert_false (pac_cluster_choices_may_create (viewing, &reason));
  g_assert_nonnull (reason);
  g_assert_cmpint (pac_cluster_choices_get_preferred_api (choices), ==, PAC_TKC_V1ALPHA1);

  /* Releases: compatible and newest first, both spellings, the reason where not */
  g_assert_true (pac_choice_is_available (newest));
  g_assert_cmpstr (pac_cluster_choices_get_default_release (choices), ==,
                   pac_choice_get_id (newest));
  g_assert_nonnull (strstr (pac_choice_get_subtitle (newest), "photon"));
  g_assert_nonnull (strstr (pac_choice_get_subtitle (newest), "---"));
  g_assert_false (pac_choice_is_available (last));
  g_assert_nonnull (pac_choice_get_reason (last));
  g_assert_cmpuint (pac_choice_find (releases, "v1.17.8+vmware.1-tkg.1.5417466"), !=, G_MAXUINT);

  /* v1alpha1 version hints, as the Supervisor resolves them: the newest
   * compatible release they name, with or without the "v" */
  g_assert_cmpstr (pac_choice_get_id (pac_cluster_choices_resolve_release (choices, "v1.17")), ==,
                   "v1.17.11+vmware.1-tkg.2.ad3d374");
  g_assert_cmpstr (pac_choice_get_id (pac_cluster_choices_resolve_release (choices, "1.17.8")), ==,
                   "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_null (pac_cluster_choices_resolve_release (choices, "v1.1"));
  g_assert_null (pac_cluster_choices_resolve_release (choices, "v1.99"));
  for (const char *const *hint = (const char *const[]){ "v1.17", "v1.18.5", "1.17.8", NULL }; *hint;
       hint++)
    {
      pac_cluster_spec_set_tkr (spec, *hint);
      g_clear_pointer (&problems, g_ptr_array_unref);
      problems = pac_cluster_choices_check (choices, spec, FALSE);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  pac_cluster_spec_set_tkr (spec, "v1.99");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pac_cluster_choices_check (choices, spec, FALSE);
  g_assert_cmpuint (problems->len, ==, 1);

  /* VM classes of the bindings, with their size; storage from the quota */
  small = g_list_model_get_item (
    pac_cluster_choices_get_vm_classes (choices),
    pac_choice_find (pac_cluster_choices_get_vm_classes (choices), "best-effort-small"));
  g_assert_nonnull (strstr (pac_choice_get_subtitle (small), "CPUs"));
  g_assert_cmpuint (g_list_model_get_n_items (pac_cluster_choices_get_storage_classes (choices)),
                    ==, 2);
  g_assert_true (pac_cluster_choices_has_cluster (choices, "dev-cluster-01"));

  /* Against the offer: a taken name, an unbound class, a foreign storage
   * class, an incompatible release */
  pac_cluster_spec_set_name (spec, "dev-cluster-01");
  pac_cluster_spec_set_control_plane_vm_class (spec, "guaranteed-xlarge");
  pac_cluster_spec_set_control_plane_storage_class (spec, "somebody-elses");
  pac_cluster_spec_set_tkr (spec, pac_choice_get_id (last));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pac_cluster_choices_check (choices, spec, FALSE);
  paths = problem_paths (problems);
  g_assert_cmpstr (paths, ==,
                   "metadata.name spec.distribution.version spec.topology.controlPlane.class "
                   "spec.topology.controlPlane.storageClass");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pac_cluster_choices_check (choices, spec, TRUE); /* editing: the name is its own */
  g_assert_cmpuint (problems->len, ==, 3);
  sim_fixture_stop (sim);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/supervisor-client/capabilities", test_capabilities);
  g_test_add_func ("/supervisor-client/capabilities-without-openapi",
                   test_capabilities_without_openapi);
  g_test_add_func ("/supervisor-client/permissions", test_permissions);
  g_test_add_func ("/supervisor-client/permission-set", test_permission_set);
  g_test_add_func ("/supervisor-client/clusters", test_clusters);
  g_test_add_func ("/supervisor-client/cluster-choices", test_cluster_choices);
  return g_test_run ();
}
