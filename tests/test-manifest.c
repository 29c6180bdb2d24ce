/* test-manifest.c: PacClusterSpec validation and PacManifest's YAML,
 * read and written for TKC v1alpha1, v1alpha2 and v1alpha3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "manifest-samples.h"
#include "pac-diff.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-manifest.h"
#include "pac-yaml.h"

static char *ca_pem;

static PacNodePool *
first_pool (PacClusterSpec *spec)
{
  g_autoptr (PacNodePool) pool
    = g_list_model_get_item (G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec)), 0);

  return pool; /* the spec keeps it alive */
}

static PacNodePool *
add_pool (PacClusterSpec *spec, const char *name)
{
  g_autoptr (PacNodePool) pool = pac_node_pool_new (name);

  pac_node_pool_set_vm_class (pool, "best-effort-small");
  pac_node_pool_set_storage_class (pool, "gold");
  g_list_store_append (pac_cluster_spec_get_node_pools (spec), pool);
  return pool;
}

/* Each API version: the full sample is valid, renders, and reads back
 * into the same YAML */
static void
test_round_trip (void)
{
  for (PacTkcApi api = PAC_TKC_V1ALPHA1; api <= PAC_TKC_V1ALPHA3; api++)
    {
      g_autoptr (PacClusterSpec) spec = manifest_sample_full (api, ca_pem);
      g_autoptr (GPtrArray) problems = pac_cluster_spec_validate (spec);
      g_autofree char *problem_text = pac_problems_to_string (problems);
      g_autofree char *yaml = pac_manifest_render (spec);
      g_autoptr (GError) error = NULL;
      g_autoptr (PacClusterSpec) back = pac_manifest_read (yaml, -1, &error);
      g_autofree char *again = NULL;

      g_assert_cmpstr (problem_text, ==, "");
      g_assert_no_error (error);
      g_assert_cmpint (pac_cluster_spec_get_api (back), ==, api);
      g_assert_cmpstr (pac_cluster_spec_get_tkr (back), ==, pac_cluster_spec_get_tkr (spec));
      g_assert_cmpuint (pac_cluster_spec_get_control_plane_replicas (back), ==, 3);
      again = pac_manifest_render (back);
      g_assert_cmpstr (again, ==, yaml);
      if (api != PAC_TKC_V1ALPHA1)
        {
          PacTrustedCa *ca = g_ptr_array_index (pac_cluster_spec_get_trusted_cas (back), 0);

          g_assert_cmpstr (ca->pem, ==, ca_pem);
          g_assert_cmpstr (pac_cluster_spec_get_os_image (back), ==, "ubuntu");
          /* label values YAML would read as a bool and a number stay strings */
          g_assert_nonnull (strstr (yaml, "gpu: \"yes\""));
          g_assert_nonnull (strstr (yaml, "tier: \"0755\""));
        }
    }
}

/* Fields the model does not know survive parse and render unchanged */
static void
test_unknown_fields (void)
{
  static const char yaml[]
    = "apiVersion: run.tanzu.vmware.com/v1alpha3\n"
      "kind: TanzuKubernetesCluster\n"
      "metadata:\n"
      "  name: tkc-2\n"
      "  namespace: dev\n"
      "  labels: {team: 'on'}\n"
      "  annotations:\n"
      "    note: keep me\n"
      "spec:\n"
      "  topology:\n"
      "    controlPlane:\n"
      "      replicas: 1\n"
      "      vmClass: best-effort-small\n"
      "      storageClass: gold\n"
      "      nodeDrainTimeout: 5m\n"
      "      tkr: {reference: {name: v1.26.5---vmware.2-tkg.1}}\n"
      "      volumes:\n"
      "      - {name: etcd, mountPath: /var/lib/etcd, capacity: {storage: 4Gi}}\n"
      "    nodePools:\n"
      "    - name: np\n"
      "      replicas: 2\n"
      "      vmClass: best-effort-small\n"
      "      storageClass: gold\n"
      "      failureDomain: zone-a\n"
      "      taints:\n"
      "      - {key: k, value: v, effect: NoSchedule, timeAdded: "
      "'2026-01-01T00:00:00Z'}\n"
      "  settings:\n"
      "    storage: {classes: [gold, silver]}\n"
      "  futureField: {x: 1}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (PacClusterSpec) spec = pac_manifest_read (yaml, -1, &error);
  g_autoptr (JsonNode) before = pac_yaml_load (yaml, -1, NULL);
  g_autoptr (JsonNode) after = NULL;

  g_assert_no_error (error);
  after = pac_manifest_to_json (spec);
  if (!json_node_equal (before, after))
    {
      g_autofree char *text = json_to_string (after, TRUE);

      g_error ("changed:\n%s", text);
    }
  /* a change the form makes replaces only what it models */
  pac_node_pool_set_replicas (first_pool (spec), 5);
  g_clear_pointer (&after, json_node_unref);
  after = pac_manifest_to_json (spec);
  {
    JsonObject *object = json_node_get_object (after);
    JsonObject *pool
      = json_array_get_object_element (pac_json_array (object, "spec.topology.nodePools"), 0);
    JsonObject *taint = json_array_get_object_element (pac_json_array (pool, "taints"), 0);

    g_assert_cmpint (pac_json_int (pool, "replicas", 0), ==, 5);
    g_assert_cmpstr (pac_json_string (pool, "failureDomain"), ==, "zone-a");
    g_assert_cmpstr (pac_json_string (taint, "timeAdded"), ==, "2026-01-01T00:00:00Z");
    g_assert_cmpuint (
      json_array_get_length (pac_json_array (object, "spec.topology.controlPlane.volumes")), ==, 1);
    g_assert_cmpint (pac_json_int (object, "spec.futureField.x", 0), ==, 1);
    g_assert_cmpstr (pac_json_string (object, "metadata.labels.team"), ==, "on");
  }
}

static void
test_convert_versions (void)
{
  g_autoptr (PacClusterSpec) spec = manifest_sample_minimal (PAC_TKC_V1ALPHA2);
  g_autoptr (JsonNode) v1 = NULL;
  g_autoptr (JsonNode) v2 = NULL;
  JsonObject *object;

  pac_cluster_spec_set_api (spec, PAC_TKC_V1ALPHA1);
  v1 = pac_manifest_to_json (spec);
  object = json_node_get_object (v1);
  g_assert_cmpstr (pac_json_string (object, "spec.distribution.version"), ==,
                   "v1.26.5+vmware.2-tkg.1");
  g_assert_cmpint (pac_json_int (object, "spec.topology.workers.count", 0), ==, 3);
  g_assert_null (pac_json_array (object, "spec.topology.nodePools"));
  pac_cluster_spec_set_api (spec, PAC_TKC_V1ALPHA2);
  v2 = pac_manifest_to_json (spec);
  object = json_node_get_object (v2);
  g_assert_cmpstr (pac_json_string (object, "spec.topology.controlPlane.tkr.reference.name"), ==,
                   "v1.26.5---vmware.2-tkg.1");
  g_assert_null (pac_json_object (object, "spec.distribution"));
}

/* A problem found in text names the field, its line and its column */
static void
test_problem_marks (void)
{
  static const char yaml[] = "apiVersion: run.tanzu.vmware.com/v1alpha2\n"
                             "kind: TanzuKubernetesCluster\n"
                             "metadata: {name: tkc-3, namespace: dev}\n"
                             "spec:\n"
                             "  topology:\n"
                             "    controlPlane:\n"
                             "      replicas: three\n"
                             "      vmClass: best-effort-small\n"
                             "      storageClass: gold\n"
                             "      tkr: {reference: {name: v1.26.5---vmware.2-tkg.1}}\n"
                             "    nodePools:\n"
                             "    - {name: np, vmClass: 12, storageClass: gold}\n"
                             "  settings:\n"
                             "    network:\n"
                             "      pods: {cidrBlocks: [10.96.0.0/16]}\n"
                             "      services: {cidrBlocks: [10.96.0.0/12]}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (PacManifest) manifest = pac_manifest_parse (yaml, -1, &error);
  g_autoptr (GError) check = NULL;

  g_assert_no_error (error);
  g_assert_false (pac_manifest_check (manifest, &check));
  g_assert_error (check, PAC_ERROR, PAC_ERROR_INVALID);
  g_test_message ("%s", check->message);
  g_assert_nonnull (
    strstr (check->message, "line 7, column 17: spec.topology.controlPlane.replicas: "));
  g_assert_nonnull (
    strstr (check->message, "line 12, column 27: spec.topology.nodePools[0].vmClass: "));
  g_assert_nonnull (
    strstr (check->message, "line 16, column 31: spec.settings.network.services.cidrBlocks[0]: "));
  g_assert_cmpuint (pac_manifest_get_problems (manifest)->len, ==, 3);
}

/* A v1alpha1 cluster whose release is given only by the resolved
 * distribution.fullVersion (version: "", as a 7.0.1 Supervisor keeps it):
 * an edit read "no release" (required, Apply greyed), and picking the one
 * offered would have upgraded the cluster. The resolved version is the
 * release; written back, it stays the same. */
static void
test_v1alpha1_full_version_only (void)
{
  static const char yaml[] = "apiVersion: run.tanzu.vmware.com/v1alpha1\n"
                             "kind: TanzuKubernetesCluster\n"
                             "metadata: {name: dev-cluster-01, namespace: dev}\n"
                             "spec:\n"
                             "  distribution:\n"
                             "    version: ''\n"
                             "    fullVersion: v1.17.8+vmware.1-tkg.1.5417466\n"
                             "  topology:\n"
                             "    controlPlane: {count: 1, class: best-effort-small, "
                             "storageClass: gold}\n"
                             "    workers: {count: 2, class: best-effort-small, "
                             "storageClass: gold}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (PacManifest) manifest = pac_manifest_parse (yaml, -1, &error);
  g_autoptr (JsonNode) written = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pac_cluster_spec_get_tkr (pac_manifest_get_spec (manifest)), ==,
                   "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_true (pac_manifest_check (manifest, &error));
  g_assert_no_error (error);
  written = pac_manifest_to_json (pac_manifest_get_spec (manifest));
  g_assert_cmpstr (
    pac_json_string (pac_json_node_object (written), "spec.distribution.fullVersion"), ==,
    "v1.17.8+vmware.1-tkg.1.5417466");
  /* an unchanged release leaves the object as the Supervisor keeps it */
  g_assert_cmpstr (pac_json_string (pac_json_node_object (written), "spec.distribution.version"),
                   ==, "");
}

/* -1 was the "not given" marker: a pool with `replicas: -1` read as
 * autoscaled and was written without replicas (0 workers); counts
 * beyond int32 were clamped. Each is refused on its field. */
static void
test_replica_bounds (void)
{
  static const struct
  {
    const char *control_plane, *workers, *field, *message;
  } cases[] = {
    { "1", "-1", "spec.topology.nodePools[0].replicas", "must be zero or more" },
    { "1", "99999999999", "spec.topology.nodePools[0].replicas", "must be at most 2147483647" },
    { "99999999999", "2", "spec.topology.controlPlane.replicas", "must be at most 2147483647" },
    { "-1", "2", "spec.topology.controlPlane.replicas", "must be 1 or 3" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *yaml
        = g_strdup_printf ("apiVersion: run.tanzu.vmware.com/v1alpha3\n"
                           "kind: TanzuKubernetesCluster\n"
                           "metadata: {name: tkc-3, namespace: dev}\n"
                           "spec:\n"
                           "  topology:\n"
                           "    controlPlane:\n"
                           "      replicas: %s\n"
                           "      vmClass: best-effort-small\n"
                           "      storageClass: gold\n"
                           "      tkr: {reference: {name: v1.26.5---vmware.2-tkg.1}}\n"
                           "    nodePools:\n"
                           "    - {name: np, replicas: %s, vmClass: a, storageClass: gold}\n",
                           cases[i].control_plane, cases[i].workers);
      g_autoptr (GError) error = NULL;
      g_autoptr (PacManifest) manifest = pac_manifest_parse (yaml, -1, &error);
      g_autoptr (GError) check = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: %s", cases[i].field, cases[i].message);

      g_assert_no_error (error);
      g_assert_false (pac_manifest_check (manifest, &check));
      if (!strstr (check->message, expected))
        g_error ("%s / %s: %s", cases[i].control_plane, cases[i].workers, check->message);
    }
}

static void
test_not_a_cluster (void)
{
  static const struct
  {
    const char *yaml;
    const char *message;
  } cases[] = {
    { "a: [", "YAML line" },
    { "- a", "not a mapping" },
    { "apiVersion: v1\nkind: ConfigMap\n", "line 2, column 7: kind" },
    { "apiVersion: run.tanzu.vmware.com/v1beta9\nkind: TanzuKubernetesCluster\n",
      "line 1, column 13: apiVersion" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PacManifest) manifest = pac_manifest_parse (cases[i].yaml, -1, &error);

      g_assert_null (manifest);
      g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
      if (!strstr (error->message, cases[i].message))
        g_error ("%s: %s", cases[i].yaml, error->message);
    }
}

typedef void (*Breaker) (PacClusterSpec *spec);

static void
break_name (PacClusterSpec *s)
{
  pac_cluster_spec_set_name (s, "Bad_Name");
}
static void
drop_name (PacClusterSpec *s)
{
  pac_cluster_spec_set_name (s, NULL);
}
static void
drop_namespace (PacClusterSpec *s)
{
  pac_cluster_spec_set_namespace (s, NULL);
}
static void
even_control_plane (PacClusterSpec *s)
{
  pac_cluster_spec_set_control_plane_replicas (s, 2);
}
static void
drop_vm_class (PacClusterSpec *s)
{
  pac_cluster_spec_set_control_plane_vm_class (s, NULL);
}
static void
bad_storage_class (PacClusterSpec *s)
{
  pac_cluster_spec_set_control_plane_storage_class (s, "Gold Tier");
}
static void
no_pools (PacClusterSpec *s)
{
  g_list_store_remove_all (pac_cluster_spec_get_node_pools (s));
}
static void
twin_pools (PacClusterSpec *s)
{
  add_pool (s, "workers");
}
static void
bad_pool_name (PacClusterSpec *s)
{
  add_pool (s, "GPU pool");
}
static void
pool_without_class (PacClusterSpec *s)
{
  pac_node_pool_set_vm_class (add_pool (s, "np"), NULL);
}
static void
negative_replicas (PacClusterSpec *s)
{
  pac_node_pool_set_replicas (first_pool (s), -5);
}
static void
bad_label (PacClusterSpec *s)
{
  pac_node_pool_set_labels (first_pool (s), (const char *const[]){ "-x=1", NULL });
}
static void
long_label_value (PacClusterSpec *s)
{
  pac_node_pool_set_labels (
    first_pool (s), (const char *const[]){
                      "x=0123456789012345678901234567890123456789012345678901234567890123", NULL });
}
static void
bad_taint (PacClusterSpec *s)
{
  pac_node_pool_set_taints (first_pool (s), (const char *const[]){ "k=v:Sometimes", NULL });
}
static void
relative_mount (PacClusterSpec *s)
{
  g_ptr_array_add (pac_node_pool_get_volumes (first_pool (s)),
                   pac_volume_new ("data", "var/lib", "10Gi", NULL));
}
static void
bad_capacity (PacClusterSpec *s)
{
  g_ptr_array_add (pac_node_pool_get_volumes (first_pool (s)),
                   pac_volume_new ("data", "/data", "lots", NULL));
}
static void
no_tkr (PacClusterSpec *s)
{
  pac_cluster_spec_set_tkr (s, NULL);
}
static void
bad_tkr (PacClusterSpec *s)
{
  pac_cluster_spec_set_tkr (s, "latest");
}
static void
bad_cni (PacClusterSpec *s)
{
  pac_cluster_spec_set_cni (s, "flannel");
}
static void
not_a_cidr (PacClusterSpec *s)
{
  pac_cluster_spec_set_pod_cidrs (s, (const char *const[]){ "192.168.0.0", NULL });
}
static void
host_bits (PacClusterSpec *s)
{
  pac_cluster_spec_set_service_cidrs (s, (const char *const[]){ "10.96.0.1/12", NULL });
}
static void
overlapping (PacClusterSpec *s)
{
  pac_cluster_spec_set_pod_cidrs (s, (const char *const[]){ "10.0.0.0/8", NULL });
  pac_cluster_spec_set_service_cidrs (
    s, (const char *const[]){ "192.168.0.0/16", "10.96.0.0/12", NULL });
}
/* No service ranges given: VMware's default 10.96.0.0/12 counts */
static void
overlapping_default (PacClusterSpec *s)
{
  pac_cluster_spec_set_pod_cidrs (s, (const char *const[]){ "10.96.0.0/16", NULL });
}
static void
bad_domain (PacClusterSpec *s)
{
  pac_cluster_spec_set_service_domain (s, "cluster..local");
}
static void
https_proxy (PacClusterSpec *s)
{
  pac_cluster_spec_set_proxy (s, "http://p:3128", "https://p:3128", NULL);
}
static void
half_proxy (PacClusterSpec *s)
{
  pac_cluster_spec_set_proxy (s, NULL, NULL, (const char *const[]){ "x", NULL });
}
static void
ca_name (PacClusterSpec *s)
{
  g_ptr_array_add (pac_cluster_spec_get_trusted_cas (s), pac_trusted_ca_new ("my ca", ca_pem));
}
static void
ca_data (PacClusterSpec *s)
{
  g_ptr_array_add (pac_cluster_spec_get_trusted_cas (s),
                   pac_trusted_ca_new ("ca", "not a certificate"));
}
static void
bad_os (PacClusterSpec *s)
{
  pac_cluster_spec_set_os_image (s, "windows");
}
static void
v1_two_pools (PacClusterSpec *s)
{
  pac_cluster_spec_set_api (s, PAC_TKC_V1ALPHA1);
  add_pool (s, "more");
}
static void
v1_proxy (PacClusterSpec *s)
{
  pac_cluster_spec_set_api (s, PAC_TKC_V1ALPHA1);
  pac_cluster_spec_set_proxy (s, "http://p:1", "http://p:1", NULL);
}
static void
v1_count (PacClusterSpec *s)
{
  pac_cluster_spec_set_api (s, PAC_TKC_V1ALPHA1);
  pac_node_pool_set_replicas (first_pool (s), -1);
}

/* Each bad spec is refused with a problem at the field that is wrong */
static void
test_bad_specs (void)
{
  static const struct
  {
    Breaker breaker;
    const char *path;
  } cases[] = {
    { break_name, "metadata.name" },
    { drop_name, "metadata.name" },
    { drop_namespace, "metadata.namespace" },
    { even_control_plane, "spec.topology.controlPlane.replicas" },
    { drop_vm_class, "spec.topology.controlPlane.vmClass" },
    { bad_storage_class, "spec.topology.controlPlane.storageClass" },
    { no_pools, "spec.topology.nodePools" },
    { twin_pools, "spec.topology.nodePools[1].name" },
    { bad_pool_name, "spec.topology.nodePools[1].name" },
    { pool_without_class, "spec.topology.nodePools[1].vmClass" },
    { negative_replicas, "spec.topology.nodePools[0].replicas" },
    { bad_label, "spec.topology.nodePools[0].labels" },
    { long_label_value, "spec.topology.nodePools[0].labels" },
    { bad_taint, "spec.topology.nodePools[0].taints[0]" },
    { relative_mount, "spec.topology.nodePools[0].volumes[0].mountPath" },
    { bad_capacity, "spec.topology.nodePools[0].volumes[0].capacity.storage" },
    { no_tkr, "spec.topology.controlPlane.tkr.reference.name" },
    { bad_tkr, "spec.topology.controlPlane.tkr.reference.name" },
    { bad_cni, "spec.settings.network.cni.name" },
    { not_a_cidr, "spec.settings.network.pods.cidrBlocks[0]" },
    { host_bits, "spec.settings.network.services.cidrBlocks[0]" },
    { overlapping, "spec.settings.network.services.cidrBlocks[1]" },
    { overlapping_default, "spec.settings.network.pods.cidrBlocks[0]" },
    { bad_domain, "spec.settings.network.serviceDomain" },
    { https_proxy, "spec.settings.network.proxy.httpsProxy" },
    { half_proxy, "spec.settings.network.proxy.httpProxy" },
    { ca_name, "spec.settings.network.trust.additionalTrustedCAs[0].name" },
    { ca_data, "spec.settings.network.trust.additionalTrustedCAs[0].data" },
    { bad_os, "metadata.annotations" },
    { v1_two_pools, "spec.topology.workers" },
    { v1_proxy, "spec.settings.network.proxy" },
    { v1_count, "spec.topology.workers.count" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PacClusterSpec) spec = manifest_sample_minimal (PAC_TKC_V1ALPHA2);
      g_autoptr (GPtrArray) problems = NULL;
      g_autofree char *text = NULL;
      gboolean found = FALSE;

      cases[i].breaker (spec);
      problems = pac_cluster_spec_validate (spec);
      text = pac_problems_to_string (problems);
      for (guint j = 0; j < problems->len; j++)
        {
          PacProblem *problem = problems->pdata[j];

          found |= g_str_equal (problem->path, cases[i].path) && strlen (problem->message) > 5;
        }
      if (!found)
        g_error ("case %zu: no problem at %s, but:\n%s", i, cases[i].path, text);
    }
}

/* An edit becomes the smallest merge patch: changed members, nulls for
 * removed ones, arrays whole; nothing for no change */
static void
test_merge_patch (void)
{
  g_autoptr (JsonNode) from = json_from_string (
    "{\"metadata\":{\"name\":\"c\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}},"
    "\"spec\":{\"topology\":{\"controlPlane\":{\"replicas\":1}},\"cidrs\":[\"x\"]}}",
    NULL);
  g_autoptr (JsonNode) to = json_from_string (
    "{\"metadata\":{\"name\":\"c\",\"labels\":{\"a\":\"1\"}},"
    "\"spec\":{\"topology\":{\"controlPlane\":{\"replicas\":3}},\"cidrs\":[\"x\",\"y\"]}}",
    NULL);
  g_autoptr (JsonNode) patch = pac_json_merge_patch_between (from, to);
  g_autofree char *text = json_to_string (patch, FALSE);

  g_assert_cmpstr (text, ==,
                   "{\"metadata\":{\"labels\":{\"b\":null}},\"spec\":{\"topology\":{"
                   "\"controlPlane\":{\"replicas\":3}},\"cidrs\":[\"x\",\"y\"]}}");
  g_assert_null (pac_json_merge_patch_between (from, from));
}

static void
test_diff (void)
{
  g_autofree char *same = pac_diff_lines ("a\nb\n", "a\nb\n", 1);
  g_autofree char *changed
    = pac_diff_lines ("1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nfour\n5\n6\n7\nnew\n", 1);

  g_assert_cmpstr (same, ==, "");
  g_assert_cmpstr (changed, ==, "  3\n- 4\n+ four\n  5\n…\n  7\n+ new\n  \n");
}

static void
count_notify (GObject *object, GParamSpec *pspec, GPtrArray *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
count_changed (PacClusterSpec *spec, guint *changes)
{
  (*changes)++;
}

/* The spec as a model a view binds to: a notification only for a value
 * that changes (a two-way binding settles), one "changed" per batch */
static void
test_spec_notifies (void)
{
  g_autoptr (PacClusterSpec) spec = manifest_sample_full (PAC_TKC_V1ALPHA3, ca_pem);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *const pods[] = { "10.1.0.0/16", NULL };
  guint changes = 0;

  g_signal_connect (spec, "notify", G_CALLBACK (count_notify), names);
  g_signal_connect (spec, "changed", G_CALLBACK (count_changed), &changes);
  pac_cluster_spec_set_name (spec, pac_cluster_spec_get_name (spec));
  pac_cluster_spec_set_pod_cidrs (spec, pac_cluster_spec_get_pod_cidrs (spec));
  pac_cluster_spec_set_api (spec, PAC_TKC_V1ALPHA3);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpuint (changes, ==, 0);

  g_object_set (spec, "name", "other", "pod-cidrs", pods, NULL);
  g_assert_cmpstr (pac_cluster_spec_get_name (spec), ==, "other");
  g_assert_cmpstr (pac_cluster_spec_get_pod_cidrs (spec)[0], ==, "10.1.0.0/16");
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpuint (changes, ==, 1); /* g_object_set freezes: one batch */

  pac_cluster_spec_set_proxy (spec, "http://proxy:3128", NULL, NULL);
  g_assert_cmpuint (changes, ==, 2);
  g_object_set (spec, "cni", "", NULL); /* empty is none */
  g_assert_null (pac_cluster_spec_get_cni (spec));
}

/* assign: the spec becomes what was read, notifying what differs, with
 * one "changed", and keeps the CA array callers hold */
static void
test_spec_assign (void)
{
  g_autoptr (PacClusterSpec) spec = manifest_sample_minimal (PAC_TKC_V1ALPHA2);
  g_autoptr (PacClusterSpec) read = manifest_sample_full (PAC_TKC_V1ALPHA3, ca_pem);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wanted = pac_manifest_render (read);
  g_autofree char *got = NULL;
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (spec);
  guint changes = 0;

  g_signal_connect (spec, "notify", G_CALLBACK (count_notify), names);
  g_signal_connect (spec, "changed", G_CALLBACK (count_changed), &changes);
  pac_cluster_spec_assign (spec, read);
  got = pac_manifest_render (spec);
  g_assert_cmpstr (got, ==, wanted);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "api", g_str_equal, NULL));
  /* both are in "dev": what did not change is not notified */
  g_assert_false (g_ptr_array_find_with_equal_func (names, "namespace", g_str_equal, NULL));
  g_assert_true (pac_cluster_spec_get_trusted_cas (spec) == cas);
  g_assert_cmpuint (cas->len, ==, pac_cluster_spec_get_trusted_cas (read)->len);
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  path = g_test_build_filename (G_TEST_DIST, "data", "test-ca.pem", NULL);
  g_assert_true (g_file_get_contents (path, &ca_pem, NULL, NULL));
  g_test_add_func ("/manifest/round-trip", test_round_trip);
  g_test_add_func ("/manifest/unknown-fields", test_unknown_fields);
  g_test_add_func ("/manifest/convert-versions", test_convert_versions);
  g_test_add_func ("/manifest/problem-marks", test_problem_marks);
  g_test_add_func ("/manifest/not-a-cluster", test_not_a_cluster);
  g_test_add_func ("/manifest/replica-bounds", test_replica_bounds);
  g_test_add_func ("/manifest/v1alpha1-full-version-only", test_v1alpha1_full_version_only);
  g_test_add_func ("/cluster-spec/bad-specs", test_bad_specs);
  g_test_add_func ("/manifest/merge-patch", test_merge_patch);
  g_test_add_func ("/manifest/diff", test_diff);
  g_test_add_func ("/cluster-spec/notifies", test_spec_notifies);
  g_test_add_func ("/cluster-spec/assign", test_spec_assign);
  status = g_test_run ();
  g_free (ca_pem);
  return status;
}
