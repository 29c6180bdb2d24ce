/* pac-image.c: a VirtualMachineImage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/resources.md, "Releases and images": on vSphere 7 cluster-scoped, named
 * after the library item, the TKR version in the annotation
 * vmware-system.guest.kubernetes.distribution.image.version (a JSON
 * document); on vSphere 8 namespaced, named vmi-…, the item name in
 * status.name and the same document in status.vmwareSystemProperties.
 * productInfo.version is only a fallback: on newer images it lacks the
 * -tkg part.
 */
#include "pac-json.h"
#include "pac-image.h"

struct _PacImage
{
  PacResource parent_instance;
};

enum
{
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_VERSION,
  PROP_OS_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacImage, pac_image, PAC_TYPE_RESOURCE)

static JsonObject *
json_of (PacImage *self)
{
  return pac_resource_get_json (PAC_RESOURCE (self));
}

#define DISTRIBUTION_KEY "vmware-system.guest.kubernetes.distribution.image.version"

/* The library item's name */
const char *
pac_image_get_display_name (PacImage *self)
{
  const char *name = pac_json_string (json_of (self), "status.name");

  return name ? name : pac_resource_get_name (PAC_RESOURCE (self));
}

static const char *
distribution_document (PacImage *self)
{
  const char *annotation = pac_resource_get_annotation (PAC_RESOURCE (self), DISTRIBUTION_KEY);
  JsonArray *system = pac_json_array (json_of (self), "status.vmwareSystemProperties");

  for (guint i = 0; annotation == NULL && system && i < json_array_get_length (system); i++)
    {
      JsonObject *property = pac_json_node_object (json_array_get_element (system, i));
      if (g_strcmp0 (pac_json_string (property, "key"), DISTRIBUTION_KEY) == 0)
        annotation = pac_json_string (property, "value");
    }
  return annotation;
}

/* The TKR version the image is built for */
char *
pac_image_dup_version (PacImage *self)
{
  const char *document = distribution_document (self);
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *version = NULL;

  if (document && pac_json_load (parser, document, -1, NULL))
    version = pac_json_string (pac_json_node_object (json_parser_get_root (parser)),
                               "distribution.version");
  if (version == NULL)
    version = pac_json_string (json_of (self), "status.productInfo.version");
  if (version == NULL)
    version = pac_json_string (json_of (self), "spec.productInfo.version");
  return g_strdup (version);
}

const char *
pac_image_get_os_type (PacImage *self)
{
  const char *type = pac_json_string (json_of (self), "status.osInfo.type");

  return type ? type : pac_json_string (json_of (self), "spec.osInfo.type");
}

static void
pac_image_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacImage *self = PAC_IMAGE (object);

  switch (id)
    {
      case PROP_DISPLAY_NAME:
        g_value_set_string (value, pac_image_get_display_name (self));
        break;
      case PROP_VERSION:
        g_value_take_string (value, pac_image_dup_version (self));
        break;
      case PROP_OS_TYPE:
        g_value_set_string (value, pac_image_get_os_type (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_image_class_init (PacImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pac_image_get_property;
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, read);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, read);
  properties[PROP_OS_TYPE] = g_param_spec_string ("os-type", NULL, NULL, NULL, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_image_init (PacImage *self)
{
}
