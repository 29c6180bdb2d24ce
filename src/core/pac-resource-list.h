/* pac-resource-list.h: a GListModel of Kubernetes objects, kept current
 * by a PacWatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-watch.h"

G_BEGIN_DECLS

#define PAC_TYPE_RESOURCE_LIST (pac_resource_list_get_type ())

G_DECLARE_FINAL_TYPE (PacResourceList, pac_resource_list, PAC, RESOURCE_LIST, GObject)

/* @item_type: a GObject type with a writable "json" property (JsonObject),
 * such as PacCluster; items are kept (and updated) across changes. */
PacResourceList *pac_resource_list_new (PacWatch *watch, GType item_type);
void pac_resource_list_add_watch (PacResourceList *self, PacWatch *watch, const char *namespace);
GPtrArray *pac_resource_list_get_watches (PacResourceList *self);
gpointer pac_resource_list_lookup (PacResourceList *self, const char *namespace, const char *name);

G_END_DECLS
