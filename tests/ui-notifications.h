/* ui-notifications.h: what the test session's notification server got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ui_notifications_available (void);
gboolean ui_notifications_seen (const char *title);

G_END_DECLS
