/* pac-version.c: Kubernetes / Tanzu Kubernetes release versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Versions look like "v1.17.8+vmware.1-tkg.1.5417466". Kubernetes object
 * names cannot contain '+', so TanzuKubernetesRelease names spell the same
 * version "v1.17.8---vmware.1-tkg.1.5417466"; content-library image names
 * embed that spelling behind a prefix ("ob-16551547-photon-3-k8s-...").
 */
#define G_LOG_DOMAIN "pac-version"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pac-json.h"
#include "pac-error.h"
#include "pac-version.h"

/* Kubernetes minors never get near this; it keeps sums and products of
 * components far from overflow. */
#define MAX_COMPONENT 999999999u
/* The last Kubernetes minor that still ships PodSecurityPolicy. */
#define LAST_PSP_MINOR 24

struct _PacVersion
{
  guint major;
  guint minor;
  guint patch;
  char *prerelease; /* NULL when absent */
  char *build;      /* NULL when absent */
};

G_DEFINE_BOXED_TYPE (PacVersion, pac_version, pac_version_copy, pac_version_free)

static gboolean
parse_component (const char **cursor, guint *out)
{
  const char *p = *cursor;
  guint64 value = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  /* Semantic versioning forbids leading zeros ("1.07.0"). */
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (guint64) (*p - '0');
      if (value > MAX_COMPONENT)
        return FALSE;
    }
  *out = (guint) value;
  *cursor = p;
  return TRUE;
}

/* Dot-separated identifiers of letters and digits joined by single hyphens,
 * up to '+' (when @stop_at_plus) or the end. Semantic versioning also
 * allows leading, trailing and doubled hyphens; no Kubernetes or Tanzu
 * release uses them, and refusing them keeps the release-name spelling
 * ("---" for '+') unambiguous. */
static char *
parse_identifiers (const char **cursor, gboolean stop_at_plus)
{
  const char *start = *cursor;
  const char *p = start;

  for (;;)
    {
      if (!g_ascii_isalnum (*p))
        return NULL;
      while (g_ascii_isalnum (*p) || (*p == '-' && g_ascii_isalnum (p[1])))
        p++;
      if (*p != '.')
        break;
      p++;
    }
  if (*p != '\0' && !(stop_at_plus && *p == '+'))
    return NULL;
  *cursor = p;
  return g_strndup (start, p - start);
}

static PacVersion *
fail_parse (GError **error, const char *text)
{
  g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
               _ ("“%s” is not a version like v1.25.7+vmware.3-fips.1-tkg.1"), text);
  return NULL;
}

/* Release names write '+' as "---"; the first "---" of a text without
 * '+' is read as '+' (identifiers never hold "--", see above). */
static char *
normalize_release_name (const char *text)
{
  const char *dashes = strstr (text, "---");

  if (dashes == NULL || strchr (text, '+') != NULL)
    return g_strdup (text);
  return g_strdup_printf ("%.*s+%s", (int) (dashes - text), text, dashes + 3);
}

/**
 * pac_version_parse:
 * @text: "v1.17.8+vmware.1-tkg.1.5417466", "1.24.9" or the release-name
 *   spelling "v1.17.8---vmware.1-tkg.1.5417466"
 *
 * Returns: (transfer full) (nullable): the version, or %NULL with
 *   %PAC_ERROR_INVALID
 */
PacVersion *
pac_version_parse (const char *text, GError **error)
{
  g_autoptr (PacVersion) self = g_new0 (PacVersion, 1);
  g_autofree char *normalized = NULL;
  const char *p;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("The version is empty"));
      return NULL;
    }
  normalized = normalize_release_name (text);
  p = normalized;
  if (*p == 'v')
    p++;
  if (!parse_component (&p, &self->major) || *p++ != '.' || !parse_component (&p, &self->minor)
      || *p++ != '.' || !parse_component (&p, &self->patch))
    return fail_parse (error, text);

  if (*p == '-')
    {
      p++;
      if ((self->prerelease = parse_identifiers (&p, TRUE)) == NULL)
        return fail_parse (error, text);
    }
  if (*p == '+')
    {
      p++;
      if ((self->build = parse_identifiers (&p, FALSE)) == NULL)
        return fail_parse (error, text);
    }
  if (*p != '\0')
    return fail_parse (error, text);

  return g_steal_pointer (&self);
}

PacVersion *
pac_version_copy (const PacVersion *self)
{
  PacVersion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PacVersion, 1);
  *copy = *self;
  copy->prerelease = g_strdup (self->prerelease);
  copy->build = g_strdup (self->build);
  return copy;
}

void
pac_version_free (PacVersion *self)
{
  if (self == NULL)
    return;
  g_free (self->prerelease);
  g_free (self->build);
  g_free (self);
}

guint
pac_version_get_major (const PacVersion *self)
{
  return self->major;
}

guint
pac_version_get_minor (const PacVersion *self)
{
  return self->minor;
}

guint
pac_version_get_patch (const PacVersion *self)
{
  return self->patch;
}

const char *
pac_version_get_prerelease (const PacVersion *self)
{
  return self->prerelease;
}

const char *
pac_version_get_build (const PacVersion *self)
{
  return self->build;
}

char *
pac_version_to_string (const PacVersion *self)
{
  GString *s = g_string_new (NULL);

  g_string_printf (s, "v%u.%u.%u", self->major, self->minor, self->patch);
  if (self->prerelease != NULL)
    g_string_append_printf (s, "-%s", self->prerelease);
  if (self->build != NULL)
    g_string_append_printf (s, "+%s", self->build);
  return g_string_free (s, FALSE);
}

/* The TanzuKubernetesRelease object name: '+' written as "---". */
char *
pac_version_to_tkr_name (const PacVersion *self)
{
  g_autofree char *text = pac_version_to_string (self);
  g_auto (GStrv) parts = g_strsplit (text, "+", 2);

  return g_strjoinv ("---", parts);
}

/* Identifiers are split on '.' and '-' so that "tkg.10" sorts after
 * "tkg.9"; numbers sort before words, as in semantic versioning. */
static int
compare_identifier_lists (const char *a, const char *b)
{
  g_auto (GStrv) pa = g_strsplit_set (a, ".-", -1);
  g_auto (GStrv) pb = g_strsplit_set (b, ".-", -1);
  guint i;

  for (i = 0; pa[i] != NULL && pb[i] != NULL; i++)
    {
      gboolean num_a = pa[i][0] != '\0' && strspn (pa[i], "0123456789") == strlen (pa[i]);
      gboolean num_b = pb[i][0] != '\0' && strspn (pb[i], "0123456789") == strlen (pb[i]);
      int cmp;

      if (num_a && num_b)
        {
          guint64 va = g_ascii_strtoull (pa[i], NULL, 10);
          guint64 vb = g_ascii_strtoull (pb[i], NULL, 10);
          cmp = va < vb ? -1 : va > vb;
        }
      else if (num_a != num_b)
        cmp = num_a ? -1 : 1;
      else
        cmp = strcmp (pa[i], pb[i]);
      if (cmp != 0)
        return cmp < 0 ? -1 : 1;
    }
  return (pb[i] == NULL) - (pa[i] == NULL);
}

static int
compare_uint (guint a, guint b)
{
  return a < b ? -1 : a > b;
}

/**
 * pac_version_compare:
 *
 * Orders by major.minor.patch, then pre-release (a release sorts after its
 * pre-releases), then the VMware build ("vmware.1-tkg.2" after
 * "vmware.1-tkg.1"), which semantic versioning would ignore but which
 * tells two releases of the same Kubernetes patch apart.
 */
int
pac_version_compare (const PacVersion *a, const PacVersion *b)
{
  int cmp;

  if ((cmp = compare_uint (a->major, b->major)) != 0
      || (cmp = compare_uint (a->minor, b->minor)) != 0
      || (cmp = compare_uint (a->patch, b->patch)) != 0)
    return cmp;

  if ((a->prerelease == NULL) != (b->prerelease == NULL))
    return a->prerelease == NULL ? 1 : -1;
  if (a->prerelease != NULL && (cmp = compare_identifier_lists (a->prerelease, b->prerelease)) != 0)
    return cmp;

  if ((a->build == NULL) != (b->build == NULL))
    return a->build == NULL ? -1 : 1;
  if (a->build != NULL)
    return compare_identifier_lists (a->build, b->build);
  return 0;
}

/**
 * pac_version_check_upgrade:
 *
 * Tanzu Kubernetes clusters move forward only, and at most one Kubernetes
 * minor at a time; patch releases of the same minor are always allowed.
 *
 * Returns: %TRUE when @from may be upgraded to @to, else %FALSE with
 *   %PAC_ERROR_INVALID saying why
 */
gboolean
pac_version_check_upgrade (const PacVersion *from, const PacVersion *to, GError **error)
{
  g_autofree char *from_s = pac_version_to_string (from);
  g_autofree char *to_s = pac_version_to_string (to);
  int cmp = pac_version_compare (to, from);

  if (cmp == 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("The cluster already runs %s"), to_s);
      return FALSE;
    }
  if (cmp < 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("%s is older than %s: clusters cannot be downgraded"), to_s, from_s);
      return FALSE;
    }
  if (to->major != from->major || to->minor > from->minor + 1)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("%s skips a Kubernetes minor version: upgrade to %u.%u first"), to_s,
                   from->major, from->minor + 1);
      return FALSE;
    }
  return TRUE;
}

/* PodSecurityPolicy exists up to Kubernetes 1.24; 1.25 replaced it with
 * Pod Security Admission. */
gboolean
pac_version_uses_pod_security_policy (const PacVersion *self)
{
  return self->major < 1 || (self->major == 1 && self->minor <= LAST_PSP_MINOR);
}

/* Returns: (nullable): "v1.17.8+vmware.1-tkg.1.5417466" for the release
 * name "v1.17.8---vmware.1-tkg.1.5417466", %NULL when it names no version */
char *
pac_version_string_from_tkr_name (const char *tkr_name)
{
  g_autoptr (PacVersion) version = pac_version_parse (tkr_name, NULL);

  return version != NULL ? pac_version_to_string (version) : NULL;
}

char *
pac_version_string_to_tkr_name (const char *version_text)
{
  g_autoptr (PacVersion) version = pac_version_parse (version_text, NULL);

  return version != NULL ? pac_version_to_tkr_name (version) : NULL;
}

static char *
version_string_at (const char *start)
{
  g_autoptr (PacVersion) version = NULL;

  if (start[0] != 'v' || !g_ascii_isdigit (start[1]))
    return NULL;
  version = pac_version_parse (start, NULL);
  return version != NULL ? pac_version_to_string (version) : NULL;
}

/**
 * pac_version_string_from_image_name:
 * @image_name: a content-library item name such as
 *   "ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466"
 *
 * A heuristic (doc/resources.md, "Image names to versions"): the version follows the
 * "-k8s-" token, or else the first "-v<digit>" that starts a whole version.
 * Prefer the image's distribution annotation where the server has one.
 *
 * Returns: (nullable): the version, %NULL for images that carry none
 *   ("ubuntu-20-1633387172196", "centos-stream-8-vmservice-v1alpha1-…")
 */
char *
pac_version_string_from_image_name (const char *image_name)
{
  const char *k8s;
  const char *p;

  g_return_val_if_fail (image_name != NULL, NULL);

  k8s = strstr (image_name, "-k8s-");
  if (k8s != NULL)
    {
      char *found = version_string_at (k8s + strlen ("-k8s-"));
      if (found != NULL)
        return found;
    }
  for (p = strstr (image_name, "-v"); p != NULL; p = strstr (p + 1, "-v"))
    {
      char *found = version_string_at (p + 1);
      if (found != NULL)
        return found;
    }
  return NULL;
}

#define DISTRIBUTION_KEY "vmware-system.guest.kubernetes.distribution.image.version"

/* {"distribution": {"version": "v1.x+vmware…"}, "kubernetes": …} */
static char *
version_from_distribution_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root, *distribution, *version;

  if (text == NULL || !pac_json_load (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (distribution = json_object_get_member (json_node_get_object (root), "distribution"))
           == NULL
      || !JSON_NODE_HOLDS_OBJECT (distribution)
      || (version = json_object_get_member (json_node_get_object (distribution), "version")) == NULL
      || json_node_get_value_type (version) != G_TYPE_STRING)
    return NULL;
  return version_string_at (json_node_get_string (version));
}

static JsonObject *
object_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                                  : NULL;
}

/* status.vmwareSystemProperties: [{"key": …, "value": …}] (v1alpha2 and later) */
static const char *
system_property (JsonObject *status, const char *key)
{
  JsonNode *node = status ? json_object_get_member (status, "vmwareSystemProperties") : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *property
        = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      if (g_strcmp0 (string_member (property, "key"), key) == 0)
        return string_member (property, "value");
    }
  return NULL;
}

/**
 * pac_version_string_from_image:
 * @virtual_machine_image: a VirtualMachineImage as the Supervisor serves it
 *
 * The authoritative version first: the distribution JSON in the
 * annotation (v1alpha1, vSphere 7) or in status.vmwareSystemProperties
 * (v1alpha2+, vSphere 8); only then the name heuristic, on status.name
 * (the content-library item name on vSphere 8) or metadata.name.
 *
 * Returns: (nullable): the version, or %NULL for images without one
 */
char *
pac_version_string_from_image (JsonObject *virtual_machine_image)
{
  JsonObject *metadata = object_member (virtual_machine_image, "metadata");
  JsonObject *status = object_member (virtual_machine_image, "status");
  char *found;
  const char *name;

  found = version_from_distribution_json (
    string_member (object_member (metadata, "annotations"), DISTRIBUTION_KEY));
  if (found == NULL)
    found = version_from_distribution_json (system_property (status, DISTRIBUTION_KEY));
  if (found != NULL)
    return found;
  name = string_member (status, "name");
  if (name == NULL)
    name = string_member (metadata, "name");
  return name ? pac_version_string_from_image_name (name) : NULL;
}
