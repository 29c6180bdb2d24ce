/* pac-release.c: a TanzuKubernetesRelease
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/resources.md, "Releases and images": spec.version in every version;
 * kubernetesVersion (v1alpha1/2) or kubernetes.version (v1alpha3);
 * Compatible and (v1alpha3) Ready conditions; the "incompatible" and
 * "deactivated" labels; UpdatesAvailable "[v… v…]" (v1alpha2+) or the
 * deprecated UpgradeAvailable "…: v…,v…" (v1alpha1).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-json.h"
#include "pac-release.h"

struct _PacRelease
{
  PacResource parent_instance;
};

enum
{
  PROP_0,
  PROP_VERSION,
  PROP_KUBERNETES_VERSION,
  PROP_COMPATIBLE,
  PROP_READY,
  PROP_OS_NAME,
  PROP_UPDATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacRelease, pac_release, PAC_TYPE_RESOURCE)

static JsonObject *
json_of (PacRelease *self)
{
  return pac_resource_get_json (PAC_RESOURCE (self));
}

/* "v1.26.5+vmware.2-fips.1-tkg.1"; from the name ("---" for "+") when
 * spec.version is missing */
char *
pac_release_dup_version (PacRelease *self)
{
  const char *version = pac_json_string (json_of (self), "spec.version");
  const char *name = pac_resource_get_name (PAC_RESOURCE (self));
  GString *text;

  if (version || name == NULL)
    return g_strdup (version);
  text = g_string_new (name);
  g_string_replace (text, "---", "+", 1);
  return g_string_free (text, FALSE);
}

const char *
pac_release_get_kubernetes_version (PacRelease *self)
{
  const char *version = pac_json_string (json_of (self), "spec.kubernetesVersion");

  return version ? version : pac_json_string (json_of (self), "spec.kubernetes.version");
}

gboolean
pac_release_is_compatible (PacRelease *self)
{
  PacResource *resource = PAC_RESOURCE (self);

  return pac_resource_condition_is_true (resource, "Compatible")
         && pac_resource_get_label (resource, "incompatible") == NULL
         && pac_resource_get_label (resource, "deactivated") == NULL;
}

/* v1alpha3 has Ready; older versions only say Compatible */
gboolean
pac_release_is_ready (PacRelease *self)
{
  if (pac_resource_get_condition (PAC_RESOURCE (self), "Ready"))
    return pac_resource_condition_is_true (PAC_RESOURCE (self), "Ready");
  return pac_release_is_compatible (self);
}

const char *
pac_release_get_os_name (PacRelease *self)
{
  return pac_resource_get_label (PAC_RESOURCE (self), "os-name");
}

/* The VM image the nodes boot from: nodeImageRef (v1alpha1) or the first
 * of osImages (v1alpha3) */
const char *
pac_release_get_image_name (PacRelease *self)
{
  JsonArray *images = pac_json_array (json_of (self), "spec.osImages");
  JsonNode *first
    = images && json_array_get_length (images) > 0 ? json_array_get_element (images, 0) : NULL;

  if (first && JSON_NODE_HOLDS_OBJECT (first))
    return pac_json_string (json_node_get_object (first), "name");
  return pac_json_string (json_of (self), "spec.nodeImageRef.name");
}

/* Why a cluster cannot use this release, in the Supervisor's words where it
 * has any; NULL when it can */
char *
pac_release_dup_incompatibility (PacRelease *self)
{
  PacResource *resource = PAC_RESOURCE (self);
  JsonObject *compatible = pac_resource_get_condition (resource, "Compatible");
  const char *message = pac_json_string (compatible, "message");

  if (pac_release_is_compatible (self))
    return NULL;
  if (pac_resource_get_label (resource, "deactivated"))
    return g_strdup (_ ("Deactivated on this Supervisor"));
  if (message && *message)
    return g_strdup (message);
  return g_strdup (_ ("Not compatible with this Supervisor"));
}

/**
 * pac_release_parse_updates:
 * @message: (nullable): "[v1.26.5+vmware.2-fips.1-tkg.1 v1.27…]", or
 *   "TKR(s) with later version is available: v1…,v2…"
 *
 * Returns: (transfer full): the versions named, maybe none
 */
GStrv
pac_release_parse_updates (const char *message)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *inner = NULL;
  g_auto (GStrv) words = NULL;
  const char *colon;

  if (message && message[0] == '[' && strchr (message, ']'))
    inner = g_strndup (message + 1, strchr (message, ']') - message - 1);
  else if (message && (colon = strrchr (message, ':')))
    inner = g_strdup (colon + 1);
  words = g_strsplit_set (inner ? inner : "", " ,", -1);
  for (guint i = 0; words[i]; i++)
    if (words[i][0] == 'v')
      g_strv_builder_add (builder, words[i]);
  return g_strv_builder_end (builder);
}

GStrv
pac_release_dup_updates (PacRelease *self)
{
  JsonObject *updates = pac_resource_get_condition (PAC_RESOURCE (self), "UpdatesAvailable");

  if (updates == NULL)
    updates = pac_resource_get_condition (PAC_RESOURCE (self), "UpgradeAvailable");
  if (g_strcmp0 (pac_json_string (updates, "status"), "True") != 0)
    return g_new0 (char *, 1);
  return pac_release_parse_updates (pac_json_string (updates, "message"));
}

static void
pac_release_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacRelease *self = PAC_RELEASE (object);

  switch (id)
    {
      case PROP_VERSION:
        g_value_take_string (value, pac_release_dup_version (self));
        break;
      case PROP_KUBERNETES_VERSION:
        g_value_set_string (value, pac_release_get_kubernetes_version (self));
        break;
      case PROP_COMPATIBLE:
        g_value_set_boolean (value, pac_release_is_compatible (self));
        break;
      case PROP_READY:
        g_value_set_boolean (value, pac_release_is_ready (self));
        break;
      case PROP_OS_NAME:
        g_value_set_string (value, pac_release_get_os_name (self));
        break;
      case PROP_UPDATES:
        g_value_take_boxed (value, pac_release_dup_updates (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_release_class_init (PacReleaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pac_release_get_property;
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, read);
  properties[PROP_KUBERNETES_VERSION]
    = g_param_spec_string ("kubernetes-version", NULL, NULL, NULL, read);
  properties[PROP_COMPATIBLE] = g_param_spec_boolean ("compatible", NULL, NULL, FALSE, read);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, read);
  properties[PROP_OS_NAME] = g_param_spec_string ("os-name", NULL, NULL, NULL, read);
  properties[PROP_UPDATES] = g_param_spec_boxed ("updates", NULL, NULL, G_TYPE_STRV, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_release_init (PacRelease *self)
{
}
