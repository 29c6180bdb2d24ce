/* pac-watch.h: a Kubernetes list + watch that keeps itself going
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-connection.h"

G_BEGIN_DECLS

#define PAC_TYPE_WATCH (pac_watch_get_type ())

G_DECLARE_FINAL_TYPE (PacWatch, pac_watch, PAC, WATCH, GObject)

PacWatch *pac_watch_new (PacConnection *connection, const char *collection_path);
void pac_watch_start (PacWatch *self);
void pac_watch_stop (PacWatch *self);
const char *pac_watch_get_resource_version (PacWatch *self);
guint pac_watch_get_relists (PacWatch *self);
void pac_watch_set_poll_interval (PacWatch *self, guint seconds);
gboolean pac_watch_is_polling (PacWatch *self);

G_END_DECLS
