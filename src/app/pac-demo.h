/* pac-demo.h: pacific --demo: a simulated vCenter for this run only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-session.h"

G_BEGIN_DECLS

#define PAC_TYPE_DEMO (pac_demo_get_type ())
G_DECLARE_FINAL_TYPE (PacDemo, pac_demo, PAC, DEMO, GObject)

PacDemo *pac_demo_new (void);
char *pac_demo_find_simulator (void);
void pac_demo_start_async (PacDemo *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
PacSession *pac_demo_start_finish (PacDemo *self, GAsyncResult *result, GError **error);
void pac_demo_stop (PacDemo *self);

G_END_DECLS
