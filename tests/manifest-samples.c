/* manifest-samples.c: cluster specs used by the manifest tests and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "manifest-samples.h"

/* What the creator form fills in by default */
PacClusterSpec *
manifest_sample_minimal (PacTkcApi api)
{
  PacClusterSpec *spec = pac_cluster_spec_new ("tkc-1", "dev", api);
  g_autoptr (PacNodePool) pool = pac_node_pool_new ("workers");

  pac_cluster_spec_set_control_plane_vm_class (spec, "best-effort-small");
  pac_cluster_spec_set_control_plane_storage_class (spec, "vsan-default-storage-policy");
  pac_node_pool_set_replicas (pool, 3);
  pac_node_pool_set_vm_class (pool, "best-effort-small");
  pac_node_pool_set_storage_class (pool, "vsan-default-storage-policy");
  g_list_store_append (pac_cluster_spec_get_node_pools (spec), pool);
  pac_cluster_spec_set_tkr (spec, api == PAC_TKC_V1ALPHA1 ? "v1.21.6+vmware.1-tkg.1.b3d708a"
                                                          : "v1.26.5---vmware.2-tkg.1");
  return spec;
}

/* Every field the spec models, set */
PacClusterSpec *
manifest_sample_full (PacTkcApi api, const char *ca_pem)
{
  PacClusterSpec *spec = manifest_sample_minimal (api);
  gboolean v1 = api == PAC_TKC_V1ALPHA1;

  pac_cluster_spec_set_control_plane_replicas (spec, 3);
  pac_cluster_spec_set_cni (spec, "antrea");
  pac_cluster_spec_set_pod_cidrs (spec, (const char *const[]){ "192.168.0.0/16", NULL });
  pac_cluster_spec_set_service_cidrs (spec, (const char *const[]){ "10.96.0.0/12", NULL });
  pac_cluster_spec_set_service_domain (spec, "cluster.local");
  pac_cluster_spec_set_default_storage_class (spec, "vsan-default-storage-policy");
  if (!v1)
    {
      g_autoptr (PacNodePool) gpu = pac_node_pool_new ("gpu");

      pac_node_pool_set_replicas (gpu, 1);
      pac_node_pool_set_vm_class (gpu, "guaranteed-large");
      pac_node_pool_set_storage_class (gpu, "vsan-default-storage-policy");
      pac_node_pool_set_labels (gpu, (const char *const[]){ "gpu=yes", "tier=0755", NULL });
      pac_node_pool_set_taints (gpu, (const char *const[]){ "nvidia.com/gpu=true:NoSchedule",
                                                            "dedicated:NoExecute", NULL });
      g_ptr_array_add (pac_node_pool_get_volumes (gpu),
                       pac_volume_new ("containerd", "/var/lib/containerd", "50Gi", NULL));
      g_list_store_append (pac_cluster_spec_get_node_pools (spec), gpu);
      pac_cluster_spec_set_proxy (spec, "http://proxy.example.com:3128",
                                  "http://proxy.example.com:3128",
                                  (const char *const[]){ "10.0.0.0/8", ".local", NULL });
      g_ptr_array_add (pac_cluster_spec_get_trusted_cas (spec),
                       pac_trusted_ca_new ("harbor-ca", ca_pem));
      pac_cluster_spec_set_os_image (spec, "ubuntu");
    }
  return spec;
}

/* The source article's first cluster: guest-cluster-01 in namespace001, one
 * control plane node, two workers, v1.17.8, as the creator makes it */
PacClusterSpec *
manifest_sample_article (PacTkcApi api, const char *cni)
{
  PacClusterSpec *spec = pac_cluster_spec_new ("guest-cluster-01", "namespace001", api);
  g_autoptr (PacNodePool) pool = pac_node_pool_new ("workers");

  pac_cluster_spec_set_tkr (spec, "v1.17.8+vmware.1-tkg.1.5417466");
  pac_cluster_spec_set_control_plane_replicas (spec, 1);
  pac_cluster_spec_set_control_plane_vm_class (spec, "best-effort-small");
  pac_cluster_spec_set_control_plane_storage_class (spec, "vsan-default-storage-policy");
  pac_node_pool_set_replicas (pool, 2);
  pac_node_pool_set_vm_class (pool, "best-effort-small");
  pac_node_pool_set_storage_class (pool, "vsan-default-storage-policy");
  g_list_store_append (pac_cluster_spec_get_node_pools (spec), pool);
  pac_cluster_spec_set_cni (spec, cni);
  return spec;
}
