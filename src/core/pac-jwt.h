/* pac-jwt.h: reading the claims of a WCP session token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Supervisor's tokens live about ten hours when they say nothing. */
#define PAC_JWT_DEFAULT_LIFETIME (10 * 3600)

gboolean
pac_jwt_read_claims (const char *token, gint64 *expires_at, char **subject, GError **error);

G_END_DECLS
