/* bench-render.c: what one form change costs the cluster creator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each change in the creator's form writes the spec, renders the YAML and
 * validates the spec. This does the same for a typical v1alpha3 cluster
 * (three node pools, proxy, a trusted CA) and for the source article's
 * v1alpha1 cluster, changing one field per round, and prints the median
 * and the 99th percentile per update (the target is 1 ms at p99).
 */
#include <stdio.h>

#include "pac-manifest.h"

#define ROUNDS 5000

static const char ca_pem[] = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n"
                             "-----END CERTIFICATE-----\n";

static PacClusterSpec *
typical_spec (PacTkcApi api)
{
  PacClusterSpec *spec = pac_cluster_spec_new ("guest-cluster-01", "namespace001", api);
  guint n_pools = api == PAC_TKC_V1ALPHA1 ? 1 : 3;

  pac_cluster_spec_set_tkr (spec, "v1.26.5+vmware.2-fips.1-tkg.1");
  pac_cluster_spec_set_control_plane_replicas (spec, 3);
  pac_cluster_spec_set_control_plane_vm_class (spec, "best-effort-small");
  pac_cluster_spec_set_control_plane_storage_class (spec, "vsan-default-storage-policy");
  for (guint i = 0; i < n_pools; i++)
    {
      g_autofree char *name = g_strdup_printf ("pool-%u", i + 1);
      g_autoptr (PacNodePool) pool = pac_node_pool_new (name);

      pac_node_pool_set_replicas (pool, 2);
      pac_node_pool_set_vm_class (pool, "best-effort-medium");
      pac_node_pool_set_storage_class (pool, "vsan-default-storage-policy");
      if (api != PAC_TKC_V1ALPHA1)
        pac_node_pool_set_labels (pool, (const char *const[]){ "tier=web", NULL });
      g_list_store_append (pac_cluster_spec_get_node_pools (spec), pool);
    }
  pac_cluster_spec_set_cni (spec, "antrea");
  if (api != PAC_TKC_V1ALPHA1)
    {
      pac_cluster_spec_set_proxy (spec, "http://proxy.example.com:3128",
                                  "http://proxy.example.com:3128",
                                  (const char *const[]){ "10.0.0.0/8", ".local", NULL });
      g_ptr_array_add (pac_cluster_spec_get_trusted_cas (spec),
                       pac_trusted_ca_new ("harbor-ca", ca_pem));
    }
  return spec;
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
measure (PacTkcApi api, const char *label)
{
  g_autoptr (PacClusterSpec) spec = typical_spec (api);
  gint64 *times = g_new (gint64, ROUNDS);
  gsize bytes = 0;

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *name = g_strdup_printf ("guest-cluster-%02u", r % 100);
      g_autofree char *yaml = NULL;
      g_autoptr (GPtrArray) problems = NULL;

      /* One field per change, as typing does */
      pac_cluster_spec_set_name (spec, name);
      pac_cluster_spec_set_control_plane_replicas (spec, r % 2 ? 1 : 3);
      yaml = pac_manifest_render (spec);
      problems = pac_cluster_spec_validate (spec);
      times[r] = g_get_monotonic_time () - start;
      bytes = strlen (yaml);
    }
  qsort (times, ROUNDS, sizeof *times, compare_times);
  printf ("creator update (%s, %zu bytes of YAML): p50 %.3f ms, p99 %.3f ms (target p99 1 ms)\n",
          label, bytes, times[ROUNDS / 2] / 1000.0, times[ROUNDS * 99 / 100] / 1000.0);
  g_free (times);
}

int
main (void)
{
  measure (PAC_TKC_V1ALPHA3, "v1alpha3, 3 pools, proxy, CA");
  measure (PAC_TKC_V1ALPHA1, "the article's v1alpha1");
  return 0;
}
