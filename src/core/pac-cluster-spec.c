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
  guint assigning; /* inside pac_cluster_spec_assign: one "changed" at its end */
};

G_DEFINE_FINAL_TYPE (PacClusterSpec, pac_cluster_spec, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_NAMESPACE,
  PROP_API,
  PROP_CONTROL_PLANE_REPLICAS,
  PROP_CONTROL_PLANE_VM_CLASS,
  PROP_CONTROL_PLANE_STORAGE_CLASS,
  PROP_TKR,
  PROP_CNI,
  PROP_POD_CIDRS,
  PROP_SERVICE_CIDRS,
  PROP_SERVICE_DOMAIN,
  PROP_HTTP_PROXY,
  PROP_HTTPS_PROXY,
  PROP_NO_PROXY,
  PROP_DEFAULT_STORAGE_CLASS,
  PROP_OS_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
pac_cluster_spec_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacClusterSpec *self = PAC_CLUSTER_SPEC (object);

  switch (id)
    {
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_NAMESPACE:
        g_value_set_string (value, self->namespace);
        break;
      case PROP_API:
        g_value_set_uint (value, self->api);
        break;
      case PROP_CONTROL_PLANE_REPLICAS:
        g_value_set_uint (value, self->control_plane_replicas);
        break;
      case PROP_CONTROL_PLANE_VM_CLASS:
        g_value_set_string (value, self->control_plane_vm_class);
        break;
      case PROP_CONTROL_PLANE_STORAGE_CLASS:
        g_value_set_string (value, self->control_plane_storage_class);
        break;
      case PROP_TKR:
        g_value_set_string (value, self->tkr);
        break;
      case PROP_CNI:
        g_value_set_string (value, self->cni);
        break;
      case PROP_POD_CIDRS:
        g_value_set_boxed (value, self->pod_cidrs);
        break;
      case PROP_SERVICE_CIDRS:
        g_value_set_boxed (value, self->service_cidrs);
        break;
      case PROP_SERVICE_DOMAIN:
        g_value_set_string (value, self->service_domain);
        break;
      case PROP_HTTP_PROXY:
        g_value_set_string (value, self->http_proxy);
        break;
      case PROP_HTTPS_PROXY:
        g_value_set_string (value, self->https_proxy);
        break;
      case PROP_NO_PROXY:
        g_value_set_boxed (value, self->no_proxy);
        break;
      case PROP_DEFAULT_STORAGE_CLASS:
        g_value_set_string (value, self->default_storage_class);
        break;
      case PROP_OS_IMAGE:
        g_value_set_string (value, self->os_image);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_cluster_spec_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  PacClusterSpec *self = PAC_CLUSTER_SPEC (object);
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  const char *const *list = G_VALUE_HOLDS (value, G_TYPE_STRV) ? g_value_get_boxed (value) : NULL;

  switch (id)
    {
      case PROP_NAME:
        pac_cluster_spec_set_name (self, text);
        break;
      case PROP_NAMESPACE:
        pac_cluster_spec_set_namespace (self, text);
        break;
      case PROP_API:
        pac_cluster_spec_set_api (self, g_value_get_uint (value));
        break;
      case PROP_CONTROL_PLANE_REPLICAS:
        pac_cluster_spec_set_control_plane_replicas (self, g_value_get_uint (value));
        break;
      case PROP_CONTROL_PLANE_VM_CLASS:
        pac_cluster_spec_set_control_plane_vm_class (self, text);
        break;
      case PROP_CONTROL_PLANE_STORAGE_CLASS:
        pac_cluster_spec_set_control_plane_storage_class (self, text);
        break;
      case PROP_TKR:
        pac_cluster_spec_set_tkr (self, text);
        break;
      case PROP_CNI:
        pac_cluster_spec_set_cni (self, text);
        break;
      case PROP_POD_CIDRS:
        pac_cluster_spec_set_pod_cidrs (self, list);
        break;
      case PROP_SERVICE_CIDRS:
        pac_cluster_spec_set_service_cidrs (self, list);
        break;
      case PROP_SERVICE_DOMAIN:
        pac_cluster_spec_set_service_domain (self, text);
        break;
      case PROP_HTTP_PROXY:
        pac_cluster_spec_set_proxy (self, text, self->https_proxy,
                                    (const char *const *) self->no_proxy);
        break;
      case PROP_HTTPS_PROXY:
        pac_cluster_spec_set_proxy (self, self->http_proxy, text,
                                    (const char *const *) self->no_proxy);
        break;
      case PROP_NO_PROXY:
        pac_cluster_spec_set_proxy (self, self->http_proxy, self->https_proxy, list);
        break;
      case PROP_DEFAULT_STORAGE_CLASS:
        pac_cluster_spec_set_default_storage_class (self, text);
        break;
      case PROP_OS_IMAGE:
        pac_cluster_spec_set_os_image (self, text);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

/* One "changed" per batch of notifications (a freeze, an assign) */
static void
pac_cluster_spec_dispatch_properties_changed (GObject *object, guint n, GParamSpec **pspecs)
{
  PacClusterSpec *self = PAC_CLUSTER_SPEC (object);

  G_OBJECT_CLASS (pac_cluster_spec_parent_class)->dispatch_properties_changed (object, n, pspecs);
  if (self->assigning == 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
list_property (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
pac_cluster_spec_class_init (PacClusterSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pac_cluster_spec_finalize;
  object_class->get_property = pac_cluster_spec_get_property;
  object_class->set_property = pac_cluster_spec_set_property;
  object_class->dispatch_properties_changed = pac_cluster_spec_dispatch_properties_changed;

  properties[PROP_NAME] = string_property ("name");
  properties[PROP_NAMESPACE] = string_property ("namespace");
  properties[PROP_API] = g_param_spec_uint ("api", NULL, NULL, PAC_TKC_V1ALPHA1, PAC_TKC_V1ALPHA3,
                                            PAC_TKC_V1ALPHA1, flags);
  properties[PROP_CONTROL_PLANE_REPLICAS]
    = g_param_spec_uint ("control-plane-replicas", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_CONTROL_PLANE_VM_CLASS] = string_property ("control-plane-vm-class");
  properties[PROP_CONTROL_PLANE_STORAGE_CLASS] = string_property ("control-plane-storage-class");
  properties[PROP_TKR] = string_property ("tkr");
  properties[PROP_CNI] = string_property ("cni");
  properties[PROP_POD_CIDRS] = list_property ("pod-cidrs");
  properties[PROP_SERVICE_CIDRS] = list_property ("service-cidrs");
  properties[PROP_SERVICE_DOMAIN] = string_property ("service-domain");
  properties[PROP_HTTP_PROXY] = string_property ("http-proxy");
  properties[PROP_HTTPS_PROXY] = string_property ("https-proxy");
  properties[PROP_NO_PROXY] = list_property ("no-proxy");
  properties[PROP_DEFAULT_STORAGE_CLASS] = string_property ("default-storage-class");
  properties[PROP_OS_IMAGE] = string_property ("os-image");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PacClusterSpec::changed:
   *
   * Anything changed: a property (once per batch of notifications), a
   * node pool or trusted CA edited in place (pac_cluster_spec_emit_changed)
   * or the whole spec (pac_cluster_spec_assign).
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/* Each setter notifies only when the value changes: a form bound both
 * ways then settles after one round instead of echoing forever */
static void
replace_string (PacClusterSpec *self, char **field, const char *value, guint property)
{
  const char *wanted = value && *value ? value : NULL;

  if (g_strcmp0 (*field, wanted) == 0)
    return;
  g_free (*field);
  *field = g_strdup (wanted);
  g_object_notify_by_pspec (G_OBJECT (self), properties[property]);
}

static void
replace_strv (PacClusterSpec *self, GStrv *field, const char *const *value, guint property)
{
  const char *const *empty = (const char *const[]){ NULL };

  if (g_strv_equal ((const char *const *) *field, value ? value : empty))
    return;
  g_strfreev (*field);
  *field = value ? g_strdupv ((char **) value) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[property]);
}

const char *
pac_cluster_spec_get_name (PacClusterSpec *self)
{
  return self->name;
}

void
pac_cluster_spec_set_name (PacClusterSpec *self, const char *name)
{
  replace_string (self, &self->name, name, PROP_NAME);
}

const char *
pac_cluster_spec_get_namespace (PacClusterSpec *self)
{
  return self->namespace;
}

void
pac_cluster_spec_set_namespace (PacClusterSpec *self, const char *namespace)
{
  replace_string (self, &self->namespace, namespace, PROP_NAMESPACE);
}

PacTkcApi
pac_cluster_spec_get_api (PacClusterSpec *self)
{
  return self->api;
}

void
pac_cluster_spec_set_api (PacClusterSpec *self, PacTkcApi api)
{
  if (self->api == api)
    return;
  self->api = api;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API]);
}

guint
pac_cluster_spec_get_control_plane_replicas (PacClusterSpec *self)
{
  return self->control_plane_replicas;
}

void
pac_cluster_spec_set_control_plane_replicas (PacClusterSpec *self, guint replicas)
{
  if (self->control_plane_replicas == replicas)
    return;
  self->control_plane_replicas = replicas;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROL_PLANE_REPLICAS]);
}

const char *
pac_cluster_spec_get_control_plane_vm_class (PacClusterSpec *self)
{
  return self->control_plane_vm_class;
}

void
pac_cluster_spec_set_control_plane_vm_class (PacClusterSpec *self, const char *vm_class)
{
  replace_string (self, &self->control_plane_vm_class, vm_class, PROP_CONTROL_PLANE_VM_CLASS);
}

const char *
pac_cluster_spec_get_control_plane_storage_class (PacClusterSpec *self)
{
  return self->control_plane_storage_class;
}

void
pac_cluster_spec_set_control_plane_storage_class (PacClusterSpec *self, const char *storage_class)
{
  replace_string (self, &self->control_plane_storage_class, storage_class,
                  PROP_CONTROL_PLANE_STORAGE_CLASS);
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
  replace_string (self, &self->tkr, tkr, PROP_TKR);
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
  replace_string (self, &self->cni, cni, PROP_CNI);
}

const char *const *
pac_cluster_spec_get_pod_cidrs (PacClusterSpec *self)
{
  return (const char *const *) self->pod_cidrs;
}

void
pac_cluster_spec_set_pod_cidrs (PacClusterSpec *self, const char *const *cidrs)
{
  replace_strv (self, &self->pod_cidrs, cidrs, PROP_POD_CIDRS);
}

const char *const *
pac_cluster_spec_get_service_cidrs (PacClusterSpec *self)
{
  return (const char *const *) self->service_cidrs;
}

void
pac_cluster_spec_set_service_cidrs (PacClusterSpec *self, const char *const *cidrs)
{
  replace_strv (self, &self->service_cidrs, cidrs, PROP_SERVICE_CIDRS);
}

const char *
pac_cluster_spec_get_service_domain (PacClusterSpec *self)
{
  return self->service_domain;
}

void
pac_cluster_spec_set_service_domain (PacClusterSpec *self, const char *domain)
{
  replace_string (self, &self->service_domain, domain, PROP_SERVICE_DOMAIN);
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
  g_object_freeze_notify (G_OBJECT (self));
  replace_string (self, &self->http_proxy, http_proxy, PROP_HTTP_PROXY);
  replace_string (self, &self->https_proxy, https_proxy, PROP_HTTPS_PROXY);
  replace_strv (self, &self->no_proxy, no_proxy, PROP_NO_PROXY);
  g_object_thaw_notify (G_OBJECT (self));
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
  replace_string (self, &self->default_storage_class, storage_class, PROP_DEFAULT_STORAGE_CLASS);
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
  replace_string (self, &self->os_image, os_name, PROP_OS_IMAGE);
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

/* Node pools and trusted CAs are edited in place: say so once done */
void
pac_cluster_spec_emit_changed (PacClusterSpec *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Makes @self what @from is (its pools are shared, not copied: @from is
 * meant to be dropped), with a notification for each property that
 * changed and one "changed" at the end. A view bound to @self follows a
 * spec read from YAML without being bound anew. */
void
pac_cluster_spec_assign (PacClusterSpec *self, PacClusterSpec *from)
{
  guint n_pools = g_list_model_get_n_items (G_LIST_MODEL (self->node_pools));
  g_autoptr (GPtrArray) pools = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from->node_pools)); i++)
    g_ptr_array_add (pools, g_list_model_get_item (G_LIST_MODEL (from->node_pools), i));
  self->assigning++;
  g_object_freeze_notify (G_OBJECT (self));
  pac_cluster_spec_set_name (self, from->name);
  pac_cluster_spec_set_namespace (self, from->namespace);
  pac_cluster_spec_set_api (self, from->api);
  pac_cluster_spec_set_control_plane_replicas (self, from->control_plane_replicas);
  pac_cluster_spec_set_control_plane_vm_class (self, from->control_plane_vm_class);
  pac_cluster_spec_set_control_plane_storage_class (self, from->control_plane_storage_class);
  g_list_store_splice (self->node_pools, 0, n_pools, pools->pdata, pools->len);
  pac_cluster_spec_set_tkr (self, from->tkr);
  pac_cluster_spec_set_cni (self, from->cni);
  pac_cluster_spec_set_pod_cidrs (self, (const char *const *) from->pod_cidrs);
  pac_cluster_spec_set_service_cidrs (self, (const char *const *) from->service_cidrs);
  pac_cluster_spec_set_service_domain (self, from->service_domain);
  pac_cluster_spec_set_proxy (self, from->http_proxy, from->https_proxy,
                              (const char *const *) from->no_proxy);
  g_ptr_array_set_size (self->trusted_cas, 0); /* the array itself stays: callers hold it */
  for (guint i = 0; i < from->trusted_cas->len; i++)
    g_ptr_array_add (self->trusted_cas,
                     pac_trusted_ca_copy (g_ptr_array_index (from->trusted_cas, i)));
  pac_cluster_spec_set_default_storage_class (self, from->default_storage_class);
  pac_cluster_spec_set_os_image (self, from->os_image);
  pac_cluster_spec_set_source (self, from->source);
  g_object_thaw_notify (G_OBJECT (self));
  self->assigning--;
  pac_cluster_spec_emit_changed (self);
}
