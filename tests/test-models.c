/* test-models.c: PacCluster over every cluster shape, and PacResourceList
 * following the simulator's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-cluster.h"
#include "pac-connection.h"
#include "pac-image.h"
#include "pac-release.h"
#include "pac-resource-list.h"
#include "pac-watch.h"
#include "sim-fixture.h"

#define TKC_PATH "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesclusters"

static JsonObject *
parse (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
test_cluster_shapes (void)
{
  g_autoptr (JsonObject) old = parse (
    "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha1\",\"kind\":\"TanzuKubernetesCluster\","
    "\"metadata\":{\"name\":\"guest-cluster-01\",\"namespace\":\"namespace001\"},"
    "\"spec\":{\"topology\":{\"controlPlane\":{\"count\":1,\"class\":\"x\",\"storageClass\":\"y\"},"
    "\"workers\":{\"count\":2,\"class\":\"x\",\"storageClass\":\"y\"}},\"distribution\":{"
    "\"fullVersion\":\"v1.17.8+vmware.1-tkg.1.5417466\"}},\"status\":{\"phase\":\"running\","
    "\"clusterApiStatus\":{\"apiEndpoints\":[{\"host\":\"10.0.0.5\",\"port\":6443}]}}}");
  g_autoptr (JsonObject) newer = parse (
    "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesCluster\","
    "\"metadata\":{\"name\":\"qa\",\"namespace\":\"test\"},\"spec\":{\"topology\":{"
    "\"controlPlane\":{\"replicas\":3,\"tkr\":{\"reference\":{\"name\":"
    "\"v1.25.7---vmware.3-fips.1-tkg.1\"}}},\"nodePools\":[{\"name\":\"a\",\"replicas\":2},"
    "{\"name\":\"b\",\"replicas\":4}]}},\"status\":{\"conditions\":[{\"type\":\"Ready\","
    "\"status\":\"False\",\"message\":\"rolling\"},{\"type\":\"UpdatesAvailable\",\"status\":"
    "\"True\",\"message\":\"[v1.26.5+vmware.2-fips.1-tkg.1 v1.26.13+vmware.1-fips.1-tkg.3]\"}]}}");
  g_autoptr (JsonObject) capi = parse (
    "{\"apiVersion\":\"cluster.x-k8s.io/v1beta1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":"
    "\"classy\",\"namespace\":\"dev\"},\"spec\":{\"topology\":{\"class\":"
    "\"tanzukubernetescluster\","
    "\"version\":\"v1.26.5+vmware.2-fips.1-tkg.1\",\"controlPlane\":{\"replicas\":1},"
    "\"workers\":{\"machineDeployments\":[{\"name\":\"np\",\"replicas\":3}]}}},"
    "\"status\":{\"phase\":\"Provisioned\"}}");
  g_autoptr (PacCluster) a = pac_cluster_new (old);
  g_autoptr (PacCluster) b = pac_cluster_new (newer);
  g_autoptr (PacCluster) c = pac_cluster_new (capi);
  g_autofree char *version_a = pac_cluster_dup_version (a);
  g_autofree char *version_b = pac_cluster_dup_version (b);
  g_autofree char *version_c = pac_cluster_dup_version (c);
  g_autofree char *endpoint = pac_cluster_dup_endpoint (a);
  g_auto (GStrv) updates = pac_cluster_dup_updates (b);
  g_auto (GStrv) none = pac_cluster_dup_updates (a);

  g_assert_cmpstr (pac_cluster_get_phase (a), ==, "running");
  g_assert_true (pac_cluster_get_ready (a));
  g_assert_cmpstr (version_a, ==, "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_cmpint (pac_cluster_get_control_plane_replicas (a), ==, 1);
  g_assert_cmpint (pac_cluster_get_worker_replicas (a), ==, 2);
  g_assert_cmpstr (endpoint, ==, "10.0.0.5:6443");
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_assert_cmpstr (pac_cluster_get_phase (b), ==, "not ready");
  g_assert_false (pac_cluster_get_ready (b));
  g_assert_cmpstr (version_b, ==, "v1.25.7+vmware.3-fips.1-tkg.1");
  g_assert_cmpint (pac_cluster_get_worker_replicas (b), ==, 6);
  g_assert_cmpuint (g_strv_length (updates), ==, 2);
  g_assert_cmpstr (updates[1], ==, "v1.26.13+vmware.1-fips.1-tkg.3");
  g_assert_cmpstr (pac_cluster_get_condition_message (b, "Ready"), ==, "rolling");

  g_assert_true (pac_cluster_is_class_based (c));
  g_assert_false (pac_cluster_is_class_based (a));
  g_assert_cmpstr (version_c, ==, "v1.26.5+vmware.2-fips.1-tkg.1");
  g_assert_cmpint (pac_cluster_get_worker_replicas (c), ==, 3);
}

typedef struct
{
  guint changes;
  guint notifies;
} Counts;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Counts *counts)
{
  counts->changes++;
}

static void
on_notify (GObject *object, GParamSpec *pspec, Counts *counts)
{
  counts->notifies++;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Check) (PacResourceList *list, gpointer data);

static void
wait_until (PacResourceList *list, Check check, gpointer data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (15, on_timeout, &timed_out);

  while (!check (list, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_true (check (list, data));
}

static gboolean
has_items (PacResourceList *list, gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list)) == GPOINTER_TO_UINT (data);
}

static gboolean
workers_are (PacResourceList *list, gpointer data)
{
  PacCluster *cluster = pac_resource_list_lookup (list, "dev", "dev-cluster-01");

  return cluster && pac_cluster_get_worker_replicas (cluster) == GPOINTER_TO_INT (data);
}

static gboolean
new_one_running (PacResourceList *list, gpointer data)
{
  PacCluster *cluster = pac_resource_list_lookup (list, "dev", "aaa-new");

  return cluster && pac_cluster_get_ready (cluster);
}

static void
test_list_follows_changes (void)
{
  SimFixture *sim = sim_fixture_start (
    (const char *const[]){ "--supervisor-version=8.0", "--cluster-seconds=1", NULL });
  g_autofree char *token = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autofree char *dir = g_dir_make_tmp ("pacific-pins-XXXXXX", NULL);
  g_autoptr (PacTrust) trust = pac_trust_new (dir);
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  g_autoptr (PacConnection) connection
    = pac_connection_new (sim->url, "administrator@vsphere.local", trust);
  g_autoptr (PacWatch) watch = NULL;
  g_autoptr (PacResourceList) list = NULL;
  g_autoptr (PacCluster) first = NULL;
  Counts counts = { 0 };

  pac_trust_add_anchor (trust, pac_connection_get_host (connection),
                        pac_connection_get_port (connection), ca);
  pac_connection_set_password (connection, "Admin!23");
  watch = pac_watch_new (connection, TKC_PATH);
  list = pac_resource_list_new (watch, PAC_TYPE_CLUSTER);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &counts);
  pac_watch_start (watch);
  wait_until (list, has_items, GUINT_TO_POINTER (3));
  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (list)), ==, PAC_TYPE_CLUSTER);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (pac_cluster_get_name (first), ==, "dev-cluster-01"); /* dev < prod < test */
  g_signal_connect (first, "notify::worker-replicas", G_CALLBACK (on_notify), &counts);

  /* A change made elsewhere (as kubectl would) updates the same item. */
  {
    g_autoptr (SimReply) reply = sim_fixture_request (
      sim, "PATCH",
      "/apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/tanzukubernetesclusters/dev-cluster-01",
      token, "application/merge-patch+json",
      "{\"spec\":{\"topology\":{\"nodePools\":[{\"name\":\"workers\",\"replicas\":4,"
      "\"vmClass\":\"best-effort-small\",\"storageClass\":\"vsan-default-storage-policy\"}]}}}");
    g_assert_cmpuint (reply->status, ==, 200);
  }
  wait_until (list, workers_are, GINT_TO_POINTER (4));
  g_assert_true (pac_resource_list_lookup (list, "dev", "dev-cluster-01") == first);
  g_assert_cmpuint (counts.notifies, >=, 1);

  /* A new one goes where it sorts, and becomes ready. */
  {
    g_autoptr (SimReply) reply = sim_fixture_request (
      sim, "POST", "/apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/tanzukubernetesclusters",
      token, "application/json",
      "{\"apiVersion\":\"run.tanzu.vmware.com/v1alpha3\",\"kind\":\"TanzuKubernetesCluster\","
      "\"metadata\":{\"name\":\"aaa-new\"},\"spec\":{\"topology\":{\"controlPlane\":{"
      "\"replicas\":1,\"vmClass\":\"best-effort-small\",\"storageClass\":"
      "\"vsan-default-storage-policy\",\"tkr\":{\"reference\":{\"name\":"
      "\"v1.26.5---vmware.2-fips.1-tkg.1\"}}},\"nodePools\":[]}}}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  wait_until (list, has_items, GUINT_TO_POINTER (4));
  {
    g_autoptr (PacCluster) top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (pac_cluster_get_name (top), ==, "aaa-new");
  }
  wait_until (list, new_one_running, NULL);

  /* Deleted: deleting first, then gone. */
  {
    g_autoptr (SimReply) reply = sim_fixture_request (
      sim, "DELETE",
      "/apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/tanzukubernetesclusters/aaa-new", token,
      NULL, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  wait_until (list, has_items, GUINT_TO_POINTER (3));
  pac_watch_stop (watch);
  sim_fixture_stop (sim);
}

static gpointer
resource_new (GType type, const char *json)
{
  g_autoptr (JsonObject) object = parse (json);

  return g_object_new (type, "json", object, NULL);
}

static void
test_release_shapes (void)
{
  g_autoptr (PacRelease) old = resource_new (
    PAC_TYPE_RELEASE,
    "{\"metadata\":{\"name\":\"v1.18.5---vmware.1-tkg.1.c40d30d\"},\"spec\":{\"version\":"
    "\"v1.18.5+vmware.1-tkg.1.c40d30d\",\"kubernetesVersion\":\"v1.18.5+vmware.1\"},"
    "\"status\":{\"conditions\":[{\"type\":\"Compatible\",\"status\":\"True\"},{\"type\":"
    "\"UpgradeAvailable\",\"status\":\"True\",\"message\":\"TKR(s) with later version is "
    "available: v1.19.7+vmware.1-tkg.1.fc82c41,v1.20.2+vmware.1-tkg.1.1d4f79a\"}]}}");
  g_autoptr (PacRelease) newer = resource_new (
    PAC_TYPE_RELEASE,
    "{\"metadata\":{\"name\":\"v1.24.9---vmware.1-tkg.4\",\"labels\":{\"os-name\":"
    "\"photon\",\"incompatible\":\"\"}},\"spec\":{\"kubernetes\":{\"version\":"
    "\"v1.24.9+vmware.1\"}},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":"
    "\"True\"},{\"type\":\"Compatible\",\"status\":\"True\"}]}}");
  g_autofree char *old_version = pac_release_dup_version (old);
  g_autofree char *new_version = pac_release_dup_version (newer);
  g_auto (GStrv) updates = pac_release_dup_updates (old);
  g_auto (GStrv) none = pac_release_dup_updates (newer);

  g_assert_cmpstr (old_version, ==, "v1.18.5+vmware.1-tkg.1.c40d30d");
  g_assert_cmpstr (pac_release_get_kubernetes_version (old), ==, "v1.18.5+vmware.1");
  g_assert_true (pac_release_is_compatible (old));
  g_assert_true (pac_release_is_ready (old));
  g_assert_cmpuint (g_strv_length (updates), ==, 2);
  g_assert_cmpstr (updates[1], ==, "v1.20.2+vmware.1-tkg.1.1d4f79a");
  /* No spec.version: the name says it */
  g_assert_cmpstr (new_version, ==, "v1.24.9+vmware.1-tkg.4");
  g_assert_cmpstr (pac_release_get_kubernetes_version (newer), ==, "v1.24.9+vmware.1");
  g_assert_false (pac_release_is_compatible (newer));
  g_assert_true (pac_release_is_ready (newer));
  g_assert_cmpstr (pac_release_get_os_name (newer), ==, "photon");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_image_shapes (void)
{
  g_autoptr (PacImage) seven = resource_new (
    PAC_TYPE_IMAGE,
    "{\"metadata\":{\"name\":\"ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466\","
    "\"annotations\":{\"vmware-system.guest.kubernetes.distribution.image.version\":"
    "\"{\\\"distribution\\\":{\\\"version\\\":\\\"v1.17.8+vmware.1-tkg.1.5417466\\\"}}\"}},"
    "\"spec\":{\"productInfo\":{\"version\":\"1.17.8\"},\"osInfo\":{\"type\":"
    "\"vmwarePhoton64Guest\"}}}");
  g_autoptr (PacImage) eight = resource_new (
    PAC_TYPE_IMAGE,
    "{\"metadata\":{\"name\":\"vmi-0068fddbde9be1a0b\",\"namespace\":\"dev\"},\"status\":{"
    "\"name\":\"ob-22187091-ubuntu-2004-amd64-vmi-k8s-v1.26.5---vmware.2-fips.1-tkg.1\","
    "\"productInfo\":{\"version\":\"v1.26.5+vmware.2-fips.1\"},\"osInfo\":{\"type\":"
    "\"ubuntu64Guest\"}}}");
  g_autofree char *seven_version = pac_image_dup_version (seven);
  g_autofree char *eight_version = pac_image_dup_version (eight);

  g_assert_cmpstr (seven_version, ==, "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_cmpstr (pac_image_get_display_name (seven), ==,
                   "ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466");
  g_assert_cmpstr (pac_image_get_os_type (seven), ==, "vmwarePhoton64Guest");
  /* Without the distribution document only productInfo is left */
  g_assert_cmpstr (eight_version, ==, "v1.26.5+vmware.2-fips.1");
  g_assert_cmpstr (pac_image_get_display_name (eight), ==,
                   "ob-22187091-ubuntu-2004-amd64-vmi-k8s-v1.26.5---vmware.2-fips.1-tkg.1");
  g_assert_cmpstr (pac_image_get_os_type (eight), ==, "ubuntu64Guest");
}

static void
on_property_notify (GObject *object, GParamSpec *pspec, GHashTable *seen)
{
  g_hash_table_add (seen, (gpointer) pspec->name);
}

/* A watch replacing the JSON notifies every derived property */
static void
test_resource_notifies (void)
{
  g_autoptr (PacRelease) release = resource_new (PAC_TYPE_RELEASE, "{}");
  g_autoptr (JsonObject) json = parse ("{\"metadata\":{\"name\":\"v1.2.3---x\"}}");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *version = NULL;

  g_signal_connect (release, "notify", G_CALLBACK (on_property_notify), seen);
  g_object_set (release, "json", json, NULL);
  for (const char *const *p
       = (const char *const[]){ "name", "version", "compatible", "updates", NULL };
       *p; p++)
    g_assert_true (g_hash_table_contains (seen, *p));
  g_object_get (release, "version", &version, NULL);
  g_assert_cmpstr (version, ==, "v1.2.3+x");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/cluster-shapes", test_cluster_shapes);
  g_test_add_func ("/models/release-shapes", test_release_shapes);
  g_test_add_func ("/models/image-shapes", test_image_shapes);
  g_test_add_func ("/models/resource-notifies", test_resource_notifies);
  g_test_add_func ("/models/list-follows-changes", test_list_follows_changes);
  return g_test_run ();
}
