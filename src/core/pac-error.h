/* pac-error.h: the one error domain of Pacific
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pac-problem.h"

G_BEGIN_DECLS

#define PAC_ERROR (pac_error_quark ())

/* Every code names something a user can act on; the message keeps the
 * server's own words where there are any. */
typedef enum
{
  PAC_ERROR_NETWORK,        /* host unreachable, connection dropped */
  PAC_ERROR_TLS_UNTRUSTED,  /* certificate not trusted yet: show it, offer to pin */
  PAC_ERROR_TLS_CHANGED,    /* a pinned host presented another certificate */
  PAC_ERROR_AUTHENTICATION, /* wrong password, expired or unknown token */
  PAC_ERROR_FORBIDDEN,      /* authenticated, but not allowed */
  PAC_ERROR_NOT_FOUND,
  PAC_ERROR_CONFLICT, /* already exists, changed since read, or a too old version */
  PAC_ERROR_INVALID,  /* rejected input: bad name, CIDR, YAML, version */
  PAC_ERROR_SERVER,   /* the server failed */
  PAC_ERROR_TIMEOUT,
  PAC_ERROR_CANCELLED,
  PAC_ERROR_UNAVAILABLE, /* a local service is missing: keyring, portal */
} PacErrorCode;

GQuark pac_error_quark (void);
GPtrArray *pac_error_get_problems (const GError *error);
GError *pac_error_from_kubernetes_status (guint http_status, JsonNode *body);
GError *pac_error_from_vcenter (guint http_status, JsonNode *body);
GError *pac_error_from_http_status (guint http_status, const char *server_text);
GError *pac_error_from_transport (const GError *error);

gboolean pac_check_dns_label (const char *name, GError **error);

G_END_DECLS
