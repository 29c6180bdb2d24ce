/* log-capture.h: a test reads the HTTP log as --debug would print it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void log_capture_install (void);
void log_capture_start (const char *domains);
char *log_capture_stop (void);

G_END_DECLS
