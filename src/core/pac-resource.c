/* pac-resource.c: a Kubernetes object as a GObject, kept by a watch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the models a PacResourceList holds (PacNamespace,
 * PacRelease, PacImage): it keeps the object's JSON, and when a watch
 * replaces it, notifies every property, since all of them derive from
 * it. Subclasses only add read-only properties and their getters.
 */
#include "pac-json.h"
#include "pac-resource.h"

typedef struct
{
  JsonObject *json;
} PacResourcePrivate;

enum
{
  PROP_0,
  PROP_JSON,
  PROP_NAME,
  PROP_NAMESPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (PacResource, pac_resource, G_TYPE_OBJECT)

JsonObject *
pac_resource_get_json (PacResource *self)
{
  PacResourcePrivate *priv = pac_resource_get_instance_private (self);

  return priv->json;
}

const char *
pac_resource_get_name (PacResource *self)
{
  return pac_json_string (pac_resource_get_json (self), "metadata.name");
}

/* Returns: (nullable): %NULL for cluster-scoped objects */
const char *
pac_resource_get_namespace (PacResource *self)
{
  return pac_json_string (pac_resource_get_json (self), "metadata.namespace");
}

/* Label and annotation keys have dots: looked up as one member. */
static const char *
member_string (JsonObject *object, const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

const char *
pac_resource_get_label (PacResource *self, const char *key)
{
  return member_string (pac_json_object (pac_resource_get_json (self), "metadata.labels"), key);
}

const char *
pac_resource_get_annotation (PacResource *self, const char *key)
{
  return member_string (pac_json_object (pac_resource_get_json (self), "metadata.annotations"),
                        key);
}

/* Returns: (nullable): the status condition of that type */
JsonObject *
pac_resource_get_condition (PacResource *self, const char *type)
{
  JsonArray *conditions = pac_json_array (pac_resource_get_json (self), "status.conditions");

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = pac_json_node_object (json_array_get_element (conditions, i));
      if (g_strcmp0 (pac_json_string (condition, "type"), type) == 0)
        return condition;
    }
  return NULL;
}

gboolean
pac_resource_condition_is_true (PacResource *self, const char *type)
{
  return g_strcmp0 (pac_json_string (pac_resource_get_condition (self, type), "status"), "True")
         == 0;
}

static void
notify_all (GObject *object)
{
  guint n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);

  g_object_freeze_notify (object);
  for (guint i = 0; i < n; i++)
    if (specs[i] != properties[PROP_JSON])
      g_object_notify_by_pspec (object, specs[i]);
  g_object_thaw_notify (object);
}

static void
pac_resource_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  PacResourcePrivate *priv = pac_resource_get_instance_private (PAC_RESOURCE (object));

  switch (id)
    {
      case PROP_JSON:
        g_clear_pointer (&priv->json, json_object_unref);
        priv->json = g_value_dup_boxed (value);
        if (priv->json == NULL)
          priv->json = json_object_new ();
        notify_all (object);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_resource_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacResource *self = PAC_RESOURCE (object);

  switch (id)
    {
      case PROP_JSON:
        g_value_set_boxed (value, pac_resource_get_json (self));
        break;
      case PROP_NAME:
        g_value_set_string (value, pac_resource_get_name (self));
        break;
      case PROP_NAMESPACE:
        g_value_set_string (value, pac_resource_get_namespace (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_resource_finalize (GObject *object)
{
  PacResourcePrivate *priv = pac_resource_get_instance_private (PAC_RESOURCE (object));

  g_clear_pointer (&priv->json, json_object_unref);
  G_OBJECT_CLASS (pac_resource_parent_class)->finalize (object);
}

static void
pac_resource_class_init (PacResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->set_property = pac_resource_set_property;
  object_class->get_property = pac_resource_get_property;
  object_class->finalize = pac_resource_finalize;
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT,
                                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, read);
  properties[PROP_NAMESPACE] = g_param_spec_string ("namespace", NULL, NULL, NULL, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_resource_init (PacResource *self)
{
  PacResourcePrivate *priv = pac_resource_get_instance_private (self);

  priv->json = json_object_new ();
}
