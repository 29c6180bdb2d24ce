/* pac-cluster-spec-validate.c: every problem of a cluster spec, each with
 * its field path as the chosen API version spells it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules from the TKC schemas and VMware's documentation (doc/resources.md,
 * "Validation rules"): an odd control plane of
 * 1 or 3, DNS names, CIDRs that are networks and do not overlap, proxies
 * that are all given and http://, CA names usable as file names.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "pac-cluster-spec.h"

typedef struct
{
  PacClusterSpec *spec;
  PacTkcApi api;
  GPtrArray *problems;
} Check;

static void
report (Check *check, const char *path, const char *message)
{
  g_ptr_array_add (check->problems, pac_problem_new (path, message));
}

static gboolean
is_alnum_lower (char c)
{
  return g_ascii_islower (c) || g_ascii_isdigit (c);
}

/* RFC 1123 label, as Kubernetes checks names */
static gboolean
is_dns_label (const char *value)
{
  gsize length = value ? strlen (value) : 0;

  if (length == 0 || length > 63 || !is_alnum_lower (value[0])
      || !is_alnum_lower (value[length - 1]))
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!is_alnum_lower (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_dns_subdomain (const char *value)
{
  g_auto (GStrv) labels = NULL;

  if (value == NULL || strlen (value) > 253)
    return FALSE;
  labels = g_strsplit (value, ".", -1);
  for (char **l = labels; *l; l++)
    if (!is_dns_label (*l))
      return FALSE;
  return TRUE;
}

/* A label name or value: [A-Za-z0-9._-], alphanumeric at both ends */
static gboolean
is_label_word (const char *value, gsize length, gboolean may_be_empty)
{
  if (length == 0)
    return may_be_empty;
  if (length > 63 || !g_ascii_isalnum (value[0]) || !g_ascii_isalnum (value[length - 1]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (value[i]) && !strchr ("._-", value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_label_key (const char *key)
{
  const char *slash = strrchr (key, '/');

  if (slash)
    {
      g_autofree char *prefix = g_strndup (key, slash - key);

      if (!is_dns_subdomain (prefix))
        return FALSE;
      key = slash + 1;
    }
  return is_label_word (key, strlen (key), FALSE);
}

/* "20Gi", "1.5T", "500M" */
static gboolean
is_quantity (const char *value)
{
  static GRegex *quantity;

  if (g_once_init_enter (&quantity))
    g_once_init_leave (&quantity,
                       g_regex_new ("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$",
                                    G_REGEX_OPTIMIZE, 0, NULL));
  return value && g_regex_match (quantity, value, 0, NULL);
}

/**
 * pac_cluster_spec_field_path:
 * @pool: a node pool's index, or -1 for the control plane
 * @field: "replicas", "vmClass", "storageClass", "name", …
 *
 * Returns: (transfer full): the field's path as @api spells it: v1alpha1
 *   counts "count" of a "class" and has a single "workers" pool
 */
char *
pac_cluster_spec_field_path (PacTkcApi api, int pool, const char *field)
{
  g_autofree char *where = pool < 0                  ? g_strdup ("controlPlane")
                           : api == PAC_TKC_V1ALPHA1 ? g_strdup ("workers")
                                                     : g_strdup_printf ("nodePools[%d]", pool);

  if (api == PAC_TKC_V1ALPHA1 && g_str_equal (field, "replicas"))
    field = "count";
  else if (api == PAC_TKC_V1ALPHA1 && g_str_equal (field, "vmClass"))
    field = "class";
  return g_strdup_printf ("spec.topology.%s.%s", where, field);
}

/* The path of the release field */
const char *
pac_cluster_spec_release_path (PacTkcApi api)
{
  return api == PAC_TKC_V1ALPHA1 ? "spec.distribution.version"
                                 : "spec.topology.controlPlane.tkr.reference.name";
}

static char *
topology_path (Check *check, int pool, const char *field)
{
  return pac_cluster_spec_field_path (check->api, pool, field);
}

static void
check_required_name (Check *check, int pool, const char *field, const char *value)
{
  g_autofree char *path = topology_path (check, pool, field);

  if (value == NULL)
    report (check, path, _ ("is required"));
  else if (!is_dns_subdomain (value))
    report (check, path, _ ("must be a DNS name: lowercase letters, digits, “-” and “.”"));
}

static void
check_metadata (Check *check)
{
  const char *name = pac_cluster_spec_get_name (check->spec);
  const char *namespace = pac_cluster_spec_get_namespace (check->spec);

  if (name == NULL)
    report (check, "metadata.name", _ ("is required"));
  else if (!is_dns_label (name))
    report (check, "metadata.name",
            _ ("must be at most 63 lowercase letters, digits and “-”, starting and ending "
               "with a letter or digit"));
  if (namespace == NULL)
    report (check, "metadata.namespace", _ ("is required"));
  else if (!is_dns_label (namespace))
    report (check, "metadata.namespace", _ ("is not a valid namespace name"));
}

static void
check_control_plane (Check *check)
{
  guint replicas = pac_cluster_spec_get_control_plane_replicas (check->spec);
  g_autofree char *path = topology_path (check, -1, "replicas");

  if (replicas != 1 && replicas != 3)
    report (check, path, _ ("must be 1 or 3: a control plane needs an odd number of nodes"));
  check_required_name (check, -1, "vmClass",
                       pac_cluster_spec_get_control_plane_vm_class (check->spec));
  check_required_name (check, -1, "storageClass",
                       pac_cluster_spec_get_control_plane_storage_class (check->spec));
}

static void
check_labels (Check *check, int index, PacNodePool *pool)
{
  const char *const *labels = pac_node_pool_get_labels (pool);

  for (guint i = 0; labels[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("spec.topology.nodePools[%d].labels", index);
      const char *equals = strchr (labels[i], '=');
      g_autofree char *key = equals ? g_strndup (labels[i], equals - labels[i]) : NULL;

      if (check->api == PAC_TKC_V1ALPHA1)
        report (check, path, _ ("needs API version v1alpha2 or later"));
      else if (key == NULL || !is_label_key (key))
        report (check, path, _ ("has a label key that Kubernetes does not allow"));
      else if (!is_label_word (equals + 1, strlen (equals + 1), TRUE))
        report (check, path,
                _ ("has a label value that is not at most 63 letters, digits, “-”, “_” or “.”"));
    }
}

static gboolean
is_taint (const char *taint)
{
  const char *colon = strrchr (taint, ':');
  const char *equals = strchr (taint, '=');
  g_autofree char *key = NULL;

  if (colon == NULL
      || !g_strv_contains (
        (const char *const[]){ "NoSchedule", "PreferNoSchedule", "NoExecute", NULL }, colon + 1))
    return FALSE;
  if (equals && equals > colon)
    equals = NULL;
  key = g_strndup (taint, (equals ? equals : colon) - taint);
  return is_label_key (key) && (!equals || is_label_word (equals + 1, colon - equals - 1, TRUE));
}

static void
check_taints (Check *check, int index, PacNodePool *pool)
{
  const char *const *taints = pac_node_pool_get_taints (pool);

  for (guint i = 0; taints[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("spec.topology.nodePools[%d].taints[%u]", index, i);

      if (check->api == PAC_TKC_V1ALPHA1)
        report (check, path, _ ("needs API version v1alpha2 or later"));
      else if (!is_taint (taints[i]))
        report (check, path,
                _ ("must read key=value:Effect, the effect NoSchedule, PreferNoSchedule or "
                   "NoExecute"));
    }
}

static void
check_volumes (Check *check, int index, PacNodePool *pool)
{
  GPtrArray *volumes = pac_node_pool_get_volumes (pool);

  for (guint i = 0; i < volumes->len; i++)
    {
      PacVolume *volume = volumes->pdata[i];
      g_autofree char *path = g_strdup_printf ("spec.topology.nodePools[%d].volumes[%u]", index, i);
      g_autofree char *name = g_strconcat (path, ".name", NULL);
      g_autofree char *mount = g_strconcat (path, ".mountPath", NULL);
      g_autofree char *capacity = g_strconcat (path, ".capacity.storage", NULL);

      if (check->api == PAC_TKC_V1ALPHA1)
        {
          report (check, path, _ ("needs API version v1alpha2 or later"));
          continue;
        }
      if (!is_dns_label (volume->name))
        report (check, name, _ ("must be a DNS label: lowercase letters, digits and “-”"));
      if (volume->mount_path == NULL || volume->mount_path[0] != '/')
        report (check, mount, _ ("must be an absolute path"));
      if (!is_quantity (volume->capacity))
        report (check, capacity, _ ("must be a size such as 20Gi"));
    }
}

static void
check_node_pools (Check *check)
{
  GListModel *pools = G_LIST_MODEL (pac_cluster_spec_get_node_pools (check->spec));
  guint n = g_list_model_get_n_items (pools);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  if (n == 0)
    report (check,
            check->api == PAC_TKC_V1ALPHA1 ? "spec.topology.workers" : "spec.topology.nodePools",
            _ ("needs at least one node pool"));
  if (n > 1 && check->api == PAC_TKC_V1ALPHA1)
    report (check, "spec.topology.workers", _ ("v1alpha1 has a single worker pool"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PacNodePool) pool = g_list_model_get_item (pools, i);
      const char *name = pac_node_pool_get_name (pool);
      g_autofree char *name_path = topology_path (check, i, "name");
      g_autofree char *replicas_path = topology_path (check, i, "replicas");

      if (check->api != PAC_TKC_V1ALPHA1 && !is_dns_label (name))
        report (check, name_path, _ ("must be a DNS label: lowercase letters, digits and “-”"));
      else if (name && !g_hash_table_add (names, (gpointer) name))
        report (check, name_path, _ ("is the name of another node pool"));
      if (pac_node_pool_get_replicas (pool) == PAC_NODE_POOL_REPLICAS_UNSET
            ? check->api == PAC_TKC_V1ALPHA1
            : pac_node_pool_get_replicas (pool) < 0)
        report (check, replicas_path, _ ("must be zero or more"));
      check_required_name (check, i, "vmClass", pac_node_pool_get_vm_class (pool));
      check_required_name (check, i, "storageClass", pac_node_pool_get_storage_class (pool));
      check_labels (check, i, pool);
      check_taints (check, i, pool);
      check_volumes (check, i, pool);
    }
}

/* v1alpha1's distribution.version is a hint the Supervisor resolves to
 * its newest matching release: "v1.17", "v1.17.8", "1.17.8" or a whole
 * version; later APIs name a release (v1.26.5---vmware.2-tkg.1) */
static void
check_release (Check *check)
{
  const char *tkr = pac_cluster_spec_get_tkr (check->spec);
  const char *path = pac_cluster_spec_release_path (check->api);
  gboolean hint = check->api == PAC_TKC_V1ALPHA1;
  const char *digits = tkr && tkr[0] == 'v' ? tkr + 1 : (hint ? tkr : NULL);

  if (tkr == NULL)
    report (check, path, _ ("is required: pick a Tanzu Kubernetes release"));
  else if (digits == NULL || !g_ascii_isdigit (digits[0]) || strpbrk (tkr, " /\t\n"))
    report (check, path,
            hint ? _ ("is not a Kubernetes version such as v1.17, v1.17.8 or "
                      "v1.17.8+vmware.1-tkg.1.5417466")
                 : _ ("is not a Tanzu Kubernetes release such as v1.26.5---vmware.2-tkg.1"));
}

/* Each CIDR parsed, or NULL where it is not one (reported) */
static GPtrArray *
check_cidrs (Check *check, const char *path, const char *const *cidrs)
{
  GPtrArray *masks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; cidrs[i]; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr (GError) error = NULL;
      GInetAddressMask *mask
        = strchr (cidrs[i], '/') ? g_inet_address_mask_new_from_string (cidrs[i], &error) : NULL;

      if (mask)
        g_ptr_array_add (masks, mask);
      else if (error && g_strrstr (error->message, "beyond"))
        report (check, item, _ ("has host bits set: give the network address of the range"));
      else
        report (check, item, _ ("is not a CIDR range such as 192.168.0.0/16"));
    }
  return masks;
}

static gboolean
overlap (GInetAddressMask *a, GInetAddressMask *b)
{
  return g_inet_address_mask_get_family (a) == g_inet_address_mask_get_family (b)
         && (g_inet_address_mask_matches (a, g_inet_address_mask_get_address (b))
             || g_inet_address_mask_matches (b, g_inet_address_mask_get_address (a)));
}

#define DEFAULT_PODS "192.168.0.0/16"
#define DEFAULT_SERVICES "10.96.0.0/12"

static void
check_network (Check *check)
{
  const char *cni = pac_cluster_spec_get_cni (check->spec);
  const char *domain = pac_cluster_spec_get_service_domain (check->spec);
  g_autoptr (GPtrArray) pods = check_cidrs (check, "spec.settings.network.pods.cidrBlocks",
                                            pac_cluster_spec_get_pod_cidrs (check->spec));
  g_autoptr (GPtrArray) services = check_cidrs (check, "spec.settings.network.services.cidrBlocks",
                                                pac_cluster_spec_get_service_cidrs (check->spec));

  if (cni
      && !g_strv_contains ((const char *const[]){ "antrea", "calico", "antrea-nsx-routed", NULL },
                           cni))
    report (check, "spec.settings.network.cni.name",
            _ ("must be antrea, calico or antrea-nsx-routed"));
  /* An empty list means VMware's default range, which overlaps just the same */
  if (pac_cluster_spec_get_pod_cidrs (check->spec)[0] == NULL)
    g_ptr_array_add (pods, g_inet_address_mask_new_from_string (DEFAULT_PODS, NULL));
  if (pac_cluster_spec_get_service_cidrs (check->spec)[0] == NULL)
    {
      g_autoptr (GInetAddressMask) fallback
        = g_inet_address_mask_new_from_string (DEFAULT_SERVICES, NULL);
      for (guint i = 0; i < pods->len; i++)
        if (overlap (pods->pdata[i], fallback))
          {
            g_autofree char *path
              = g_strdup_printf ("spec.settings.network.pods.cidrBlocks[%u]", i);
            report (check, path, _ ("overlaps the default service range 10.96.0.0/12"));
          }
    }
  for (guint i = 0; i < pods->len; i++)
    for (guint j = 0; j < services->len; j++)
      if (overlap (pods->pdata[i], services->pdata[j]))
        {
          g_autofree char *path
            = g_strdup_printf ("spec.settings.network.services.cidrBlocks[%u]", j);

          report (check, path, _ ("overlaps the pod range"));
        }
  if (domain && !is_dns_subdomain (domain))
    report (check, "spec.settings.network.serviceDomain", _ ("is not a DNS domain"));
}

static void
check_proxy (Check *check)
{
  const char *http = pac_cluster_spec_get_http_proxy (check->spec);
  const char *https = pac_cluster_spec_get_https_proxy (check->spec);
  gboolean any = http || https || pac_cluster_spec_get_no_proxy (check->spec)[0];

  if (!any)
    return;
  if (check->api == PAC_TKC_V1ALPHA1)
    {
      report (check, "spec.settings.network.proxy", _ ("needs API version v1alpha2 or later"));
      return;
    }
  if (http == NULL || !g_str_has_prefix (http, "http://"))
    report (check, "spec.settings.network.proxy.httpProxy",
            _ ("is required with a proxy, and must start with http://"));
  if (https == NULL || !g_str_has_prefix (https, "http://"))
    report (check, "spec.settings.network.proxy.httpsProxy",
            _ ("is required with a proxy, and must start with http:// (the proxy’s own "
               "address)"));
}

static gboolean
is_ca_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("._-", *p))
      return FALSE;
  return TRUE;
}

static void
check_trust (Check *check)
{
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (check->spec);

  for (guint i = 0; i < cas->len; i++)
    {
      PacTrustedCa *ca = cas->pdata[i];
      g_autofree char *path
        = g_strdup_printf ("spec.settings.network.trust.additionalTrustedCAs[%u]", i);
      g_autofree char *name = g_strconcat (path, ".name", NULL);
      g_autofree char *data = g_strconcat (path, ".data", NULL);
      g_autoptr (GTlsCertificate) certificate
        = ca->pem ? g_tls_certificate_new_from_pem (ca->pem, -1, NULL) : NULL;

      if (check->api == PAC_TKC_V1ALPHA1)
        {
          report (check, path, _ ("needs API version v1alpha2 or later"));
          continue;
        }
      if (!is_ca_name (ca->name))
        report (check, name, _ ("may hold only letters, digits, “-”, “_” and “.”"));
      if (certificate == NULL)
        report (check, data, _ ("is not a PEM certificate"));
    }
}

static void
check_storage (Check *check)
{
  const char *storage_class = pac_cluster_spec_get_default_storage_class (check->spec);
  const char *os = pac_cluster_spec_get_os_image (check->spec);

  if (storage_class && !is_dns_subdomain (storage_class))
    report (check, "spec.settings.storage.defaultClass", _ ("is not a storage class name"));
  if (os && check->api == PAC_TKC_V1ALPHA1)
    report (check, "metadata.annotations", _ ("choosing the node OS needs v1alpha2 or later"));
  else if (os && !g_strv_contains ((const char *const[]){ "photon", "ubuntu", NULL }, os))
    report (check, "metadata.annotations", _ ("the node OS must be photon or ubuntu"));
}

/**
 * pac_cluster_spec_validate:
 *
 * Returns: (transfer full) (element-type PacProblem): every problem, none
 *   when the spec can be sent
 */
GPtrArray *
pac_cluster_spec_validate (PacClusterSpec *self)
{
  Check check = { self, pac_cluster_spec_get_api (self),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) pac_problem_free) };

  check_metadata (&check);
  check_control_plane (&check);
  check_node_pools (&check);
  check_release (&check);
  check_network (&check);
  check_proxy (&check);
  check_trust (&check);
  check_storage (&check);
  return check.problems;
}
