/* pac-http.h: what every HTTP client of Pacific's shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  PAC_HTTP_LOG_HEADERS, /* where a body may carry an unlabelled secret (vCenter's session) */
  PAC_HTTP_LOG_BODIES,
} PacHttpLog;

SoupSession *pac_http_session_new (GTlsDatabase *database,
                                   guint timeout_seconds,
                                   guint max_conns_per_host,
                                   PacHttpLog log);
char *pac_http_basic_authorization (const char *username, const char *password);
JsonNode *pac_http_parse_json (GBytes *bytes);

G_END_DECLS
