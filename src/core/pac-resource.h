/* pac-resource.h: a Kubernetes object as a GObject, kept by a watch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PAC_TYPE_RESOURCE (pac_resource_get_type ())

G_DECLARE_DERIVABLE_TYPE (PacResource, pac_resource, PAC, RESOURCE, GObject)

struct _PacResourceClass
{
  GObjectClass parent_class;

  gpointer padding[4];
};

JsonObject *pac_resource_get_json (PacResource *self);
const char *pac_resource_get_name (PacResource *self);
const char *pac_resource_get_namespace (PacResource *self);
const char *pac_resource_get_label (PacResource *self, const char *key);
const char *pac_resource_get_annotation (PacResource *self, const char *key);
JsonObject *pac_resource_get_condition (PacResource *self, const char *type);
gboolean pac_resource_condition_is_true (PacResource *self, const char *type);

G_END_DECLS
