/* pac-namespace.c: a namespace on the Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every vSphere namespace is a Kubernetes namespace, but not every
 * Kubernetes namespace on a Supervisor is a vSphere namespace: those
 * carry the vSphereClusterID label (the system ones do not).
 */
#include "pac-json.h"
#include "pac-namespace.h"

struct _PacNamespace
{
  PacResource parent_instance;
};

enum
{
  PROP_0,
  PROP_PHASE,
  PROP_VSPHERE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacNamespace, pac_namespace, PAC_TYPE_RESOURCE)

static JsonObject *
json_of (PacNamespace *self)
{
  return pac_resource_get_json (PAC_RESOURCE (self));
}

/* "Active" or "Terminating" */
const char *
pac_namespace_get_phase (PacNamespace *self)
{
  const char *phase = pac_json_string (json_of (self), "status.phase");

  return phase ? phase : "Active";
}

gboolean
pac_namespace_is_vsphere (PacNamespace *self)
{
  return pac_resource_get_label (PAC_RESOURCE (self), "vSphereClusterID") != NULL;
}

static void
pac_namespace_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacNamespace *self = PAC_NAMESPACE (object);

  switch (id)
    {
      case PROP_PHASE:
        g_value_set_string (value, pac_namespace_get_phase (self));
        break;
      case PROP_VSPHERE:
        g_value_set_boolean (value, pac_namespace_is_vsphere (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_namespace_class_init (PacNamespaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pac_namespace_get_property;
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, read);
  properties[PROP_VSPHERE] = g_param_spec_boolean ("vsphere", NULL, NULL, FALSE, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_namespace_init (PacNamespace *self)
{
}
