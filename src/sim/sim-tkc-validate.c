/* sim-tkc-validate.c: what the Supervisor's TanzuKubernetesCluster
 * admission webhooks do: defaults first, then the rules of
 * doc/resources.md, "Validation rules"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Field errors use kube-apiserver's words ("Invalid value: …",
 * "Unsupported value: …", "field is immutable"); where only VMware's
 * webhook knows the reason, the explanation after the value is ours.
 * Rules run on the stored shape; for a v1alpha1 request the field paths
 * are given back in v1alpha1 terms.
 */
#define G_LOG_DOMAIN "sim-tkc"

#include "sim-tkc.h"

#include "sim-json.h"

#include <gnutls/x509.h>
#include <string.h>

typedef struct
{
  SimServer *server;
  SimStore *store;
  const SimKind *kind;
  JsonObject *object;
  JsonObject *old;
  const char *namespace;
  GPtrArray *causes;
} Check;

static const char *const v1alpha1_paths[][2] = {
  { "spec.topology.controlPlane.replicas", "spec.topology.controlPlane.count" },
  { "spec.topology.controlPlane.vmClass", "spec.topology.controlPlane.class" },
  { "spec.topology.nodePools[0].replicas", "spec.topology.workers.count" },
  { "spec.topology.nodePools[0].vmClass", "spec.topology.workers.class" },
  { "spec.topology.nodePools[0].storageClass", "spec.topology.workers.storageClass" },
  { "spec.topology.controlPlane.tkr.reference.name", "spec.distribution.fullVersion" },
  { "spec.topology.nodePools[0].tkr.reference.name", "spec.distribution.fullVersion" },
};

static void G_GNUC_PRINTF (4, 5)
  add (Check *c, const char *reason, const char *field, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (sim_tkc_is_v1alpha1 (c->kind))
    for (guint i = 0; i < G_N_ELEMENTS (v1alpha1_paths); i++)
      if (g_str_equal (field, v1alpha1_paths[i][0]))
        field = v1alpha1_paths[i][1];
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  sim_add_cause (c->causes, reason, field, "%s", message);
}

/* ---- versions ---- */

/* "v1.17.8---vmware.1-tkg.1.5417466" → "v1.17.8+vmware.1-tkg.1.5417466" */
char *
sim_tkc_release_version (const char *release_name)
{
  g_auto (GStrv) parts = g_strsplit (release_name, "---", -1);

  return g_strjoinv ("+", parts);
}

typedef struct
{
  guint64 major, minor, patch;
} Semver;

static gboolean
semver_parse (const char *version, Semver *out)
{
  const char *p = version;
  char *end;

  if (p == NULL || *p != 'v')
    return FALSE;
  out->major = g_ascii_strtoull (p + 1, &end, 10);
  if (*end != '.')
    return FALSE;
  out->minor = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '.')
    return FALSE;
  out->patch = g_ascii_strtoull (end + 1, &end, 10);
  return *end == '\0' || *end == '+' || *end == '-';
}

static int
semver_compare (const Semver *a, const Semver *b)
{
  if (a->major != b->major)
    return a->major < b->major ? -1 : 1;
  if (a->minor != b->minor)
    return a->minor < b->minor ? -1 : 1;
  if (a->patch != b->patch)
    return a->patch < b->patch ? -1 : 1;
  return 0;
}

static gboolean
release_compatible (JsonObject *release)
{
  JsonArray *conditions
    = sim_json_get_array (sim_json_get_object (release, "status"), "conditions");

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = json_array_get_object_element (conditions, i);
      if (g_strcmp0 (sim_json_get_string (condition, "type"), "Compatible") == 0)
        return g_strcmp0 (sim_json_get_string (condition, "status"), "True") == 0;
    }
  return FALSE;
}

static JsonObject *
find_release (Check *c, const char *name)
{
  return sim_store_get (c->store, "run.tanzu.vmware.com/tanzukubernetesreleases", NULL, name);
}

/* A hint matches whole version components: "v1.17" matches v1.17.8+…,
 * not v1.170.0; the leading "v" may be left out ("1.17.8"), as the
 * Supervisor's TKR resolution takes it. */
static gboolean
hint_matches (const char *hint, const char *version)
{
  size_t length;
  char next;

  if (version && hint[0] != 'v' && version[0] == 'v')
    version++;
  length = strlen (hint);
  if (version == NULL || strncmp (hint, version, length) != 0)
    return FALSE;
  next = version[length];
  return next == '\0' || next == '.' || next == '+' || next == '-';
}

/* The newest release matching @hint, Compatible ones first */
static const char *
resolve_hint (Check *c, const char *hint)
{
  g_autoptr (GPtrArray) releases
    = sim_store_list (c->store, "run.tanzu.vmware.com/tanzukubernetesreleases", NULL);
  JsonObject *best = NULL;
  Semver best_version = { 0 };
  gboolean best_compatible = FALSE;

  for (guint i = 0; i < releases->len; i++)
    {
      JsonObject *release = g_ptr_array_index (releases, i);
      const char *version = sim_json_get_path_string (release, "spec.version");
      gboolean compatible = release_compatible (release);
      Semver parsed;

      if (!hint_matches (hint, version) || !semver_parse (version, &parsed))
        continue;
      if (best == NULL || (compatible && !best_compatible)
          || (compatible == best_compatible && semver_compare (&parsed, &best_version) > 0))
        {
          best = release;
          best_version = parsed;
          best_compatible = compatible;
        }
    }
  return best ? sim_json_get_path_string (best, "metadata.name") : NULL;
}

typedef struct
{
  Semver version;
  char *text;
} Update;

static int
compare_updates (gconstpointer a, gconstpointer b)
{
  return semver_compare (&((const Update *) a)->version, &((const Update *) b)->version);
}

/* "[v1.22.9+vmware.1-tkg.1 v1.23.8+vmware.2-tkg.2]": the Compatible
 * releases a cluster on @release_name may move to (newer, at most one
 * minor up), in the format TKC's UpdatesAvailable condition uses. */
char *
sim_tkc_updates_available (SimStore *store, const char *release_name)
{
  g_autoptr (GPtrArray) releases
    = sim_store_list (store, "run.tanzu.vmware.com/tanzukubernetesreleases", NULL);
  g_autofree char *current_text = release_name ? sim_tkc_release_version (release_name) : NULL;
  g_autoptr (GArray) updates = g_array_new (FALSE, FALSE, sizeof (Update));
  GString *message = g_string_new ("[");
  Semver current;

  if (current_text && semver_parse (current_text, &current))
    for (guint i = 0; i < releases->len; i++)
      {
        JsonObject *release = g_ptr_array_index (releases, i);
        const char *version = sim_json_get_path_string (release, "spec.version");
        Update update = { { 0 }, NULL };

        if (!release_compatible (release) || !semver_parse (version, &update.version)
            || semver_compare (&update.version, &current) <= 0
            || update.version.major != current.major || update.version.minor > current.minor + 1)
          continue;
        update.text = (char *) version;
        g_array_append_val (updates, update);
      }
  g_array_sort (updates, compare_updates);
  for (guint i = 0; i < updates->len; i++)
    g_string_append_printf (message, "%s%s", i ? " " : "", g_array_index (updates, Update, i).text);
  g_string_append_c (message, ']');
  return g_string_free (message, FALSE);
}

/* ---- defaults (the mutating webhook) ---- */

static void
set_reference (JsonObject *topology, const char *release)
{
  JsonObject *reference
    = sim_json_ensure_object (sim_json_ensure_object (topology, "tkr"), "reference");

  json_object_set_string_member (reference, "name", release);
}

static gboolean
resolve_release (Check *c, JsonObject *spec)
{
  JsonObject *control_plane = sim_json_get_path_object (spec, "topology.controlPlane");
  JsonObject *distribution = sim_json_get_object (spec, "distribution");
  const char *release = sim_json_get_path_string (control_plane, "tkr.reference.name");
  const char *hint = sim_json_get_string (distribution, "version");

  if ((release == NULL || *release == '\0') && hint && *hint)
    {
      release = resolve_hint (c, hint);
      if (release == NULL)
        {
          add (c, "FieldValueInvalid", "spec.distribution.version",
               "Invalid value: \"%s\": no TanzuKubernetesRelease matches this version", hint);
          return FALSE;
        }
      set_reference (control_plane, release);
    }
  if (release == NULL || *release == '\0')
    {
      add (c, "FieldValueRequired", "spec.topology.controlPlane.tkr.reference.name",
           "Required value: a TanzuKubernetesRelease name or a distribution version is required");
      return FALSE;
    }
  return TRUE;
}

static void
default_cidrs (JsonObject *network, const char *member, const char *cidr)
{
  JsonObject *blocks = sim_json_ensure_object (network, member);
  JsonArray *list;

  if (sim_json_get_array (blocks, "cidrBlocks"))
    return;
  list = json_array_new ();
  if (cidr)
    json_array_add_string_element (list, cidr);
  json_object_set_array_member (blocks, "cidrBlocks", list);
}

static void
apply_defaults (Check *c, JsonObject *spec)
{
  JsonObject *topology = sim_json_get_object (spec, "topology");
  JsonObject *control_plane = sim_json_get_object (topology, "controlPlane");
  const char *release = sim_json_get_path_string (control_plane, "tkr.reference.name");
  JsonObject *network
    = sim_json_ensure_object (sim_json_ensure_object (spec, "settings"), "network");
  JsonObject *global = sim_store_get (c->store, "run.tanzu.vmware.com/tkgserviceconfigurations",
                                      NULL, "tkg-service-configuration");
  const char *default_cni = sim_json_get_path_string (global, "spec.defaultCNI");
  g_autofree char *full_version = sim_tkc_release_version (release);

  if (!json_object_has_member (control_plane, "replicas"))
    json_object_set_int_member (control_plane, "replicas", 1);
  json_object_set_string_member (sim_json_ensure_object (spec, "distribution"), "fullVersion",
                                 full_version);
  if (!sim_json_get_path_string (network, "cni.name"))
    json_object_set_string_member (sim_json_ensure_object (network, "cni"), "name",
                                   default_cni ? default_cni : "antrea");
  default_cidrs (network, "services", "10.96.0.0/12");
  default_cidrs (network, "pods",
                 g_strcmp0 (sim_json_get_path_string (network, "cni.name"), "antrea-nsx-routed")
                     == 0
                   ? NULL
                   : "192.168.0.0/16");
  if (!sim_json_get_string (network, "serviceDomain"))
    json_object_set_string_member (network, "serviceDomain", "cluster.local");
}

static void
add_finalizer (JsonObject *object)
{
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  JsonArray *finalizers = sim_json_get_array (metadata, "finalizers");

  if (finalizers == NULL)
    {
      finalizers = json_array_new ();
      json_object_set_array_member (metadata, "finalizers", finalizers);
    }
  for (guint i = 0; i < json_array_get_length (finalizers); i++)
    if (g_strcmp0 (json_array_get_string_element (finalizers, i), SIM_TKC_FINALIZER) == 0)
      return;
  json_array_add_string_element (finalizers, SIM_TKC_FINALIZER);
}

/* ---- rules ---- */

static void
check_name (Check *c)
{
  const char *name = sim_json_get_path_string (c->object, "metadata.name");

  /* Cluster names become host names: a label, no dots. */
  if (c->old == NULL && name && strchr (name, '.'))
    add (c, "FieldValueInvalid", "metadata.name",
         "Invalid value: \"%s\": a lowercase RFC 1123 label must consist of lower case "
         "alphanumeric characters or '-', and must start and end with an alphanumeric character "
         "(e.g. 'my-name',  or '123-abc', regex used for validation is "
         "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
         name);
}

static void
check_replicas (Check *c, JsonObject *topology)
{
  JsonArray *pools = sim_json_get_array (topology, "nodePools");
  gint64 control_plane
    = sim_json_get_int (sim_json_get_object (topology, "controlPlane"), "replicas", 1);

  /* The webhook decodes replicas into Go's int32: a larger count never
   * reaches the controller (which would make that many nodes) */
  if (control_plane > G_MAXINT32)
    add (c, "FieldValueInvalid", "spec.topology.controlPlane.replicas",
         "Invalid value: %" G_GINT64_FORMAT ": must be less than or equal to 2147483647",
         control_plane);
  else if (control_plane < 1 || control_plane % 2 == 0)
    add (c, "FieldValueInvalid", "spec.topology.controlPlane.replicas",
         "Invalid value: %" G_GINT64_FORMAT ": the control plane must have an odd number of nodes",
         control_plane);
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      gint64 replicas = sim_json_get_int (json_array_get_object_element (pools, i), "replicas", 0);
      g_autofree char *field = g_strdup_printf ("spec.topology.nodePools[%u].replicas", i);
      if (replicas < 0)
        add (c, "FieldValueInvalid", field,
             "Invalid value: %" G_GINT64_FORMAT ": must be greater than or equal to 0", replicas);
      else if (replicas > G_MAXINT32)
        add (c, "FieldValueInvalid", field,
             "Invalid value: %" G_GINT64_FORMAT ": must be less than or equal to 2147483647",
             replicas);
    }
}

static gboolean
vm_class_usable (Check *c, const char *vm_class)
{
  g_autoptr (GPtrArray) bindings = NULL;

  /* Bindings came with the VM service (7.0.2); before, every class was
   * available to every namespace. */
  if (!sim_server_has_vm_service (c->server))
    return sim_store_get (c->store, "vmoperator.vmware.com/virtualmachineclasses", NULL, vm_class)
           != NULL;
  bindings
    = sim_store_list (c->store, "vmoperator.vmware.com/virtualmachineclassbindings", c->namespace);
  for (guint i = 0; i < bindings->len; i++)
    if (g_strcmp0 (sim_json_get_path_string (g_ptr_array_index (bindings, i), "classRef.name"),
                   vm_class)
        == 0)
      return TRUE;
  return FALSE;
}

static void
check_vm_class (Check *c, JsonObject *topology_settings, const char *field)
{
  const char *vm_class = sim_json_get_string (topology_settings, "vmClass");

  if (vm_class && !vm_class_usable (c, vm_class))
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": VirtualMachineClass is not bound to namespace \"%s\"", vm_class,
         c->namespace);
}

/* The storage classes a vSphere namespace may use are its quota's keys. */
static gboolean
storage_class_usable (Check *c, const char *storage_class)
{
  g_autoptr (GPtrArray) quotas = sim_store_list (c->store, "/resourcequotas", c->namespace);
  g_autofree char *key
    = g_strdup_printf ("%s.storageclass.storage.k8s.io/requests.storage", storage_class);

  for (guint i = 0; i < quotas->len; i++)
    {
      JsonObject *hard = sim_json_get_path_object (g_ptr_array_index (quotas, i), "spec.hard");
      if (hard && json_object_has_member (hard, key))
        return TRUE;
    }
  return FALSE;
}

static void
check_storage_class (Check *c, const char *storage_class, const char *field)
{
  if (storage_class && !storage_class_usable (c, storage_class))
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": StorageClass is not assigned to namespace \"%s\"", storage_class,
         c->namespace);
}

static void
check_volumes (Check *c, JsonObject *topology_settings, const char *prefix)
{
  JsonArray *volumes = sim_json_get_array (topology_settings, "volumes");

  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      g_autofree char *field = g_strdup_printf ("%s.volumes[%u].storageClass", prefix, i);
      check_storage_class (
        c, sim_json_get_string (json_array_get_object_element (volumes, i), "storageClass"), field);
    }
}

static void
check_placement (Check *c, JsonObject *spec)
{
  JsonObject *topology = sim_json_get_object (spec, "topology");
  JsonObject *control_plane = sim_json_get_object (topology, "controlPlane");
  JsonArray *pools = sim_json_get_array (topology, "nodePools");
  JsonObject *storage = sim_json_get_path_object (spec, "settings.storage");
  JsonArray *classes = sim_json_get_array (storage, "classes");

  check_vm_class (c, control_plane, "spec.topology.controlPlane.vmClass");
  check_storage_class (c, sim_json_get_string (control_plane, "storageClass"),
                       "spec.topology.controlPlane.storageClass");
  check_volumes (c, control_plane, "spec.topology.controlPlane");
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);
      g_autofree char *prefix = g_strdup_printf ("spec.topology.nodePools[%u]", i);
      g_autofree char *vm_class = g_strdup_printf ("%s.vmClass", prefix);
      g_autofree char *storage_class = g_strdup_printf ("%s.storageClass", prefix);

      check_vm_class (c, pool, vm_class);
      check_storage_class (c, sim_json_get_string (pool, "storageClass"), storage_class);
      check_volumes (c, pool, prefix);
    }
  for (guint i = 0; classes && i < json_array_get_length (classes); i++)
    {
      g_autofree char *field = g_strdup_printf ("spec.settings.storage.classes[%u]", i);
      check_storage_class (c, json_array_get_string_element (classes, i), field);
    }
  check_storage_class (c, sim_json_get_string (storage, "defaultClass"),
                       "spec.settings.storage.defaultClass");
}

static void
check_release (Check *c, JsonObject *topology_settings, const char *field)
{
  const char *name = sim_json_get_path_string (topology_settings, "tkr.reference.name");
  JsonObject *release = name ? find_release (c, name) : NULL;

  if (name == NULL)
    return;
  if (release == NULL)
    add (c, "FieldValueNotFound", field, "Not found: \"%s\"", name);
  else if (!release_compatible (release))
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": the TanzuKubernetesRelease is not compatible with this "
         "Supervisor",
         name);
}

/* No downgrade, no major change, one minor at a time. */
static void
check_upgrade (Check *c, JsonObject *spec)
{
  const char *field = "spec.topology.controlPlane.tkr.reference.name";
  const char *name = sim_json_get_path_string (spec, "topology.controlPlane.tkr.reference.name");
  const char *old_name
    = sim_json_get_path_string (c->old, "spec.topology.controlPlane.tkr.reference.name");
  g_autofree char *version = name ? sim_tkc_release_version (name) : NULL;
  g_autofree char *old_version = old_name ? sim_tkc_release_version (old_name) : NULL;
  Semver now, before;

  if (c->old == NULL || !semver_parse (version, &now) || !semver_parse (old_version, &before))
    return;
  if (semver_compare (&now, &before) < 0)
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": the version may not be decreased (from %s)", name, old_version);
  else if (now.major != before.major)
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": the major version may not be changed (from %s)", name,
         old_version);
  else if (now.minor > before.minor + 1)
    add (c, "FieldValueInvalid", field,
         "Invalid value: \"%s\": skipping minor versions is not supported (from %s)", name,
         old_version);
}

static void
check_releases (Check *c, JsonObject *spec)
{
  JsonObject *topology = sim_json_get_object (spec, "topology");
  JsonArray *pools = sim_json_get_array (topology, "nodePools");

  check_release (c, sim_json_get_object (topology, "controlPlane"),
                 "spec.topology.controlPlane.tkr.reference.name");
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      g_autofree char *field
        = g_strdup_printf ("spec.topology.nodePools[%u].tkr.reference.name", i);
      check_release (c, json_array_get_object_element (pools, i), field);
    }
  check_upgrade (c, spec);
}

static void
check_cni (Check *c, JsonObject *network)
{
  const char *cni = sim_json_get_path_string (network, "cni.name");

  if (cni && !g_str_equal (cni, "antrea") && !g_str_equal (cni, "calico")
      && !g_str_equal (cni, "antrea-nsx-routed"))
    add (c, "FieldValueNotSupported", "spec.settings.network.cni.name",
         "Unsupported value: \"%s\": supported values: \"antrea\", \"antrea-nsx-routed\", "
         "\"calico\"",
         cni);
}

static gboolean
parse_cidr (const char *text, guint32 *network, guint *prefix)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", 2);
  g_autoptr (GInetAddress) address = NULL;
  char *end;
  guint64 bits;

  if (parts[0] == NULL || parts[1] == NULL || *parts[1] == '\0')
    return FALSE;
  address = g_inet_address_new_from_string (parts[0]);
  bits = g_ascii_strtoull (parts[1], &end, 10);
  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4 || *end != '\0'
      || bits > 32)
    return FALSE;
  memcpy (network, g_inet_address_to_bytes (address), 4);
  *network = GUINT32_FROM_BE (*network);
  *prefix = (guint) bits;
  return TRUE;
}

static gboolean
cidrs_overlap (guint32 a, guint a_prefix, guint32 b, guint b_prefix)
{
  guint shortest = MIN (a_prefix, b_prefix);
  guint32 mask = shortest == 0 ? 0 : 0xffffffffu << (32 - shortest);

  return (a & mask) == (b & mask);
}

static void
check_cidrs (Check *c, JsonObject *network)
{
  static const char *const members[] = { "services", "pods" };
  JsonArray *lists[2];
  guint32 networks[2][8];
  guint prefixes[2][8];
  guint counts[2] = { 0, 0 };

  for (guint m = 0; m < 2; m++)
    {
      lists[m] = sim_json_get_array (sim_json_get_object (network, members[m]), "cidrBlocks");
      for (guint i = 0; lists[m] && i < json_array_get_length (lists[m]); i++)
        {
          const char *text = json_array_get_string_element (lists[m], i);
          g_autofree char *field
            = g_strdup_printf ("spec.settings.network.%s.cidrBlocks[%u]", members[m], i);
          guint32 net;
          guint prefix;

          if (text == NULL || !parse_cidr (text, &net, &prefix))
            add (c, "FieldValueInvalid", field,
                 "Invalid value: \"%s\": must be a valid IPv4 CIDR (e.g. 192.168.0.0/16)",
                 text ? text : "");
          else if (counts[m] < G_N_ELEMENTS (networks[m]))
            {
              networks[m][counts[m]] = net;
              prefixes[m][counts[m]++] = prefix;
            }
        }
    }
  for (guint s = 0; s < counts[0]; s++)
    for (guint p = 0; p < counts[1]; p++)
      if (cidrs_overlap (networks[0][s], prefixes[0][s], networks[1][p], prefixes[1][p]))
        {
          g_autofree char *field = g_strdup_printf ("spec.settings.network.pods.cidrBlocks[%u]", p);
          add (c, "FieldValueInvalid", field,
               "Invalid value: \"%s\": overlaps with spec.settings.network.services.cidrBlocks[%u] "
               "\"%s\"",
               json_array_get_string_element (lists[1], p), s,
               json_array_get_string_element (lists[0], s));
        }
}

static void
check_proxy (Check *c, JsonObject *network)
{
  static const char *const members[] = { "httpProxy", "httpsProxy" };
  JsonObject *proxy = sim_json_get_object (network, "proxy");

  if (proxy == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *url = sim_json_get_string (proxy, members[i]);
      g_autofree char *field = g_strdup_printf ("spec.settings.network.proxy.%s", members[i]);

      if (url == NULL || *url == '\0')
        add (c, "FieldValueRequired", field, "Required value");
      else if (!g_str_has_prefix (url, "http://"))
        add (c, "FieldValueInvalid", field,
             "Invalid value: \"%s\": the proxy URL must use the http scheme", url);
    }
  if (!sim_json_get_array (proxy, "noProxy"))
    add (c, "FieldValueRequired", "spec.settings.network.proxy.noProxy", "Required value");
}

static gboolean
is_trust_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

static gboolean
is_base64 (const char *text)
{
  size_t length = strlen (text);

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '='))
      return FALSE;
  return TRUE;
}

/* Single base64 of a PEM certificate, as the v1alpha2 CRD describes it */
static gboolean
is_base64_pem_certificate (const char *data)
{
  g_autofree guchar *pem = NULL;
  gsize length = 0;
  gnutls_x509_crt_t crt;
  gnutls_datum_t datum;
  int result;

  if (data == NULL || !is_base64 (data))
    return FALSE;
  pem = g_base64_decode (data, &length);
  if (length == 0 || !g_strstr_len ((char *) pem, length, "-----BEGIN CERTIFICATE-----"))
    return FALSE;
  if (gnutls_x509_crt_init (&crt) < 0)
    return FALSE;
  datum.data = pem;
  datum.size = length;
  result = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM);
  gnutls_x509_crt_deinit (crt);
  return result >= 0;
}

static void
check_trust (Check *c, JsonObject *network)
{
  JsonArray *cas
    = sim_json_get_array (sim_json_get_object (network, "trust"), "additionalTrustedCAs");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; cas && i < json_array_get_length (cas); i++)
    {
      JsonObject *ca = json_array_get_object_element (cas, i);
      const char *name = sim_json_get_string (ca, "name");
      const char *data = sim_json_get_string (ca, "data");
      g_autofree char *name_field
        = g_strdup_printf ("spec.settings.network.trust.additionalTrustedCAs[%u].name", i);
      g_autofree char *data_field
        = g_strdup_printf ("spec.settings.network.trust.additionalTrustedCAs[%u].data", i);

      if (name && !is_trust_name (name))
        add (c, "FieldValueInvalid", name_field,
             "Invalid value: \"%s\": a valid name must consist only of alphanumeric characters, "
             "'-', '_' or '.'",
             name);
      else if (name && !g_hash_table_add (seen, (gpointer) name))
        add (c, "FieldValueDuplicate", name_field, "Duplicate value: \"%s\"", name);
      if (data && !is_base64_pem_certificate (data))
        add (c, "FieldValueInvalid", data_field,
             "Invalid value: \"%.12s…\": must be a PEM certificate encoded as one base64 string",
             data);
    }
}

/* Network settings are fixed at creation. */
static void
check_immutable (Check *c, JsonObject *network)
{
  static const char *const members[] = { "cni", "services", "pods", "serviceDomain" };
  JsonObject *old_network = sim_json_get_path_object (c->old, "spec.settings.network");

  if (c->old == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *now = json_object_get_member (network, members[i]);
      JsonNode *before = old_network ? json_object_get_member (old_network, members[i]) : NULL;
      g_autofree char *field = g_strdup_printf ("spec.settings.network.%s", members[i]);
      g_autofree char *shown = now ? sim_json_to_string (now, NULL) : g_strdup ("null");

      if (before && !sim_json_equal (now, before))
        add (c, "FieldValueInvalid", field, "Invalid value: %s: field is immutable", shown);
    }
}

void
sim_tkc_validate (SimServer *server,
                  const SimKind *kind,
                  JsonObject *object,
                  JsonObject *old,
                  GPtrArray *causes)
{
  JsonObject *spec = sim_json_ensure_object (object, "spec");
  JsonObject *network;
  Check c = {
    .server = server,
    .store = sim_server_get_store (server),
    .kind = kind,
    .object = object,
    .old = old,
    .namespace = sim_json_get_path_string (object, "metadata.namespace"),
    .causes = causes,
  };

  /* Deleting: only finalizers may still change. */
  if (old && sim_json_get_path_string (old, "metadata.deletionTimestamp"))
    return;
  check_name (&c);
  if (!resolve_release (&c, spec))
    return;
  apply_defaults (&c, spec);
  if (old == NULL)
    add_finalizer (object);
  network = sim_json_get_path_object (spec, "settings.network");
  check_replicas (&c, sim_json_get_object (spec, "topology"));
  check_placement (&c, spec);
  check_releases (&c, spec);
  check_cni (&c, network);
  check_cidrs (&c, network);
  check_proxy (&c, network);
  check_trust (&c, network);
  check_immutable (&c, network);
}
