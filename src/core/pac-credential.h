/* pac-credential.h: the kubectl exec stanza of Pacific's credential plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PAC_CREDENTIAL_API_VERSION "client.authentication.k8s.io/v1"

char *pac_credential_command (void);
JsonNode *pac_credential_stanza (const char *supervisor_url,
                                 const char *username,
                                 const char *password_host,
                                 const char *namespace,
                                 const char *cluster);

G_END_DECLS
