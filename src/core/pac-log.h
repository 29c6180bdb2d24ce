/* pac-log.h: debug logging that never shows secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pac_log_redact (const char *text);
gboolean pac_log_http_enabled (void);
void pac_log_set_debug_domains (const char *domains);

G_END_DECLS
