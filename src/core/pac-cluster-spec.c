/* pac-cluster-spec.c: what a TanzuKubernetesCluster should be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The single source of truth of the cluster creator: the form writes it,
 * PacManifest renders it as YAML and reads YAML back into it. It keeps
 * the object it was read from, so that fields it does not model survive.
 * Validation lives in pac-cluster-spec-validate.c.
 */
#include "pac-cluster-spec.h"

G_DEFINE_BOXED_TYPE (PacTrustedCa, pac_trusted_ca, pac_trusted_ca_copy, pac_trusted_ca_free)

PacTrustedCa *
pac_trusted_ca_new (const char *name, const char *pem)
{
  PacTrustedCa *ca = g_new0 (PacTrustedCa, 1);

  ca->name = g_strdup (name);
  ca->pem = g_strdup (pem);
  return ca;
}

PacTrustedCa *
pac_trusted_ca_copy (const PacTrustedCa *ca)
{
  return pac_trusted_ca_new (ca->name, ca->pem);
}

void
pac_trusted_ca_free (PacTrustedCa *ca)
{
  if (ca == NULL)
    return;
  g_free (ca->name);
  g_free (ca->pem);
  g_free (ca);
}

static const char *const api_versions[] = {
  [PAC_TKC_V1ALPHA1] = "run.tanzu.vmware.com/v1alpha1",
  [PAC_TKC_V1ALPHA2] = "run.tanzu.vmware.com/v1alpha2",
  [PAC_TKC_V1ALPHA3] = "run.tanzu.vmware.com/v1alpha3",
};

/* "run.tanzu.vmware.com/v1alpha2" */
const char *
pac_tkc_api_to_string (PacTkcApi api)
{
  g_return_val_if_fail (api <= PAC_TKC_V1ALPHA3, NULL);
  return api_versions[api];
}

gboolean
pac_tkc_api_from_string (const char *api_version, PacTkcApi *api)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_versions); i++)
    if (g_strcmp0 (api_version, api_versions[i]) == 0)
      {
        *api = i;
        return TRUE;
      }
  return FALSE;
}

struct _PacClusterSpec
{
  GObject parent_instance;
  char *name;
  char *namespace;
  PacTkcApi api;
  guint control_plane_replicas;
  char *control_plane_vm_class;
  char *control_plane_storage_class;
  GListStore *node_pools;
  char *tkr;
  char *cni;
  GStrv pod_cidrs;
  GStrv service_cidrs;
  char *service_domain;
  char *http_proxy;
  char *https_proxy;
  GStrv no_proxy;
  GPtrArray *trusted_cas;
  char *default_storage_class;
  char *os_image;
  JsonObject *source;
};

G_DEFINE_FINAL_TYPE (PacClusterSpec, pac_cluster_spec, G_TYPE_OBJECT)

static void
pac_cluster_spec_finalize (GObject *object)
{
  PacClusterSpec *self = PAC_CLUSTER_SPEC (object);

  g_free (self->name);
  g_free (self->namespace);
  g_free (self->control_plane_vm_class);
  g_free (self->control_plane_storage_class);
  g_object_unref (self->node_pools);
  g_free (self->tkr);
  g_free (self->cni);
  g_strfreev (self->pod_cidrs);
  g_strfreev (self->service_cidrs);
  g_free (self->service_domain);
  g_free (self->http_proxy);
  g_free (self->https_proxy);
  g_strfreev (self->no_proxy);
  g_ptr_array_unref (self->trusted_cas);
  g_free (self->default_storage_class);
  g_free (self->os_image);
  g_clear_pointer (&self->source, json_object_unref);
  G_OBJECT_CLASS (pac_cluster_spec_parent_class)->finalize (object);
}

static void
pac_cluster_spec_class_init (PacClusterSpecClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_cluster_spec_finalize;
}

static void
pac_cluster_spec_init (PacClusterSpec *self)
{
  self->control_plane_replicas = 1;
  self->node_pools = g_list_store_new (PAC_TYPE_NODE_POOL);
  self->pod_cidrs = g_new0 (char *, 1);
  self->service_cidrs = g_new0 (char *, 1);
  self->no_proxy = g_new0 (char *, 1);
  self->trusted_cas = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_trusted_ca_free);
}

PacClusterSpec *
pac_cluster_spec_new (const char *name, const char *namespace, PacTkcApi api)
{
  PacClusterSpec *self = g_object_new (PAC_TYPE_CLUSTER_SPEC, NULL);

  self->name = g_strdup (name);
  self->namespace = g_strdup (namespace);
  self->api = api;
  return self;
}

static void
replace_string (char **field, const char *value)
{
  g_free (*field);
  *field = value && *value ? g_strdup (value) : NULL;
}

static void
replace_strv (GStrv *field, const char *const *value)
{
  g_strfreev (*field);
  *field = value ? g_strdupv ((char **) value) : g_new0 (char *, 1);
}

const char *
pac_cluster_spec_get_name (PacClusterSpec *self)
{
  return self->name;
}

void
pac_cluster_spec_set_name (PacClusterSpec *self, const char *name)
{
  replace_string (&self->name, name);
}

const char *
pac_cluster_spec_get_namespace (PacClusterSpec *self)
{
  return self->namespace;
}

void
pac_cluster_spec_set_namespace (PacClusterSpec *self, const char *namespace)
{
  replace_string (&self->namespace, namespace);
}

PacTkcApi
pac_cluster_spec_get_api (PacClusterSpec *self)
{
  return self->api;
}

void
pac_cluster_spec_set_api (PacClusterSpec *self, PacTkcApi api)
{
  self->api = api;
}

guint
pac_cluster_spec_get_control_plane_replicas (PacClusterSpec *self)
{
  return self->control_plane_replicas;
}

void
pac_cluster_spec_set_control_plane_replicas (PacClusterSpec *self, guint replicas)
{
  self->control_plane_replicas = replicas;
}

const char *
pac_cluster_spec_get_control_plane_vm_class (PacClusterSpec *self)
{
  return self->control_plane_vm_class;
}

void
pac_cluster_spec_set_control_plane_vm_class (PacClusterSpec *self, const char *vm_class)
{
  replace_string (&self->control_plane_vm_class, vm_class);
}

const char *
pac_cluster_spec_get_control_plane_storage_class (PacClusterSpec *self)
{
  return self->control_plane_storage_class;
}

void
pac_cluster_spec_set_control_plane_storage_class (PacClusterSpec *self, const char *storage_class)
{
  replace_string (&self->control_plane_storage_class, storage_class);
}

/* Returns: (transfer none): the PacNodePools, editable in place */
GListStore *
pac_cluster_spec_get_node_pools (PacClusterSpec *self)
{
  return self->node_pools;
}

/* A TKR name (v1.26.5---vmware.2-tkg.1) or version (v1.26.5+vmware.2-tkg.1),
 * or for v1alpha1 a version hint (v1.21) */
const char *
pac_cluster_spec_get_tkr (PacClusterSpec *self)
{
  return self->tkr;
}

void
pac_cluster_spec_set_tkr (PacClusterSpec *self, const char *tkr)
{
  replace_string (&self->tkr, tkr);
}

/* NULL: the Supervisor's default */
const char *
pac_cluster_spec_get_cni (PacClusterSpec *self)
{
  return self->cni;
}

void
pac_cluster_spec_set_cni (PacClusterSpec *self, const char *cni)
{
  replace_string (&self->cni, cni);
}

const char *const *
pac_cluster_spec_get_pod_cidrs (PacClusterSpec *self)
{
  return (const char *const *) self->pod_cidrs;
}

void
pac_cluster_spec_set_pod_cidrs (PacClusterSpec *self, const char *const *cidrs)
{
  replace_strv (&self->pod_cidrs, cidrs);
}

const char *const *
pac_cluster_spec_get_service_cidrs (PacClusterSpec *self)
{
  return (const char *const *) self->service_cidrs;
}

void
pac_cluster_spec_set_service_cidrs (PacClusterSpec *self, const char *const *cidrs)
{
  replace_strv (&self->service_cidrs, cidrs);
}

const char *
pac_cluster_spec_get_service_domain (PacClusterSpec *self)
{
  return self->service_domain;
}

void
pac_cluster_spec_set_service_domain (PacClusterSpec *self, const char *domain)
{
  replace_string (&self->service_domain, domain);
}

const char *
pac_cluster_spec_get_http_proxy (PacClusterSpec *self)
{
  return self->http_proxy;
}

const char *
pac_cluster_spec_get_https_proxy (PacClusterSpec *self)
{
  return self->https_proxy;
}

const char *const *
pac_cluster_spec_get_no_proxy (PacClusterSpec *self)
{
  return (const char *const *) self->no_proxy;
}

/* All NULL: no proxy */
void
pac_cluster_spec_set_proxy (PacClusterSpec *self,
                            const char *http_proxy,
                            const char *https_proxy,
                            const char *const *no_proxy)
{
  replace_string (&self->http_proxy, http_proxy);
  replace_string (&self->https_proxy, https_proxy);
  replace_strv (&self->no_proxy, no_proxy);
}

/* Returns: (transfer none) (element-type PacTrustedCa): editable in place */
GPtrArray *
pac_cluster_spec_get_trusted_cas (PacClusterSpec *self)
{
  return self->trusted_cas;
}

const char *
pac_cluster_spec_get_default_storage_class (PacClusterSpec *self)
{
  return self->default_storage_class;
}

void
pac_cluster_spec_set_default_storage_class (PacClusterSpec *self, const char *storage_class)
{
  replace_string (&self->default_storage_class, storage_class);
}

/* The node OS ("ubuntu", "photon"), or NULL for the Supervisor's default */
const char *
pac_cluster_spec_get_os_image (PacClusterSpec *self)
{
  return self->os_image;
}

void
pac_cluster_spec_set_os_image (PacClusterSpec *self, const char *os_name)
{
  replace_string (&self->os_image, os_name);
}

/* Returns: (transfer none) (nullable): the whole object the spec was read from */
JsonObject *
pac_cluster_spec_get_source (PacClusterSpec *self)
{
  return self->source;
}

void
pac_cluster_spec_set_source (PacClusterSpec *self, JsonObject *source)
{
  g_clear_pointer (&self->source, json_object_unref);
  self->source = source ? json_object_ref (source) : NULL;
}
