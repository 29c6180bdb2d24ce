/* pac-trust.h: certificate trust with pinning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PAC_TYPE_TRUST (pac_trust_get_type ())

G_DECLARE_FINAL_TYPE (PacTrust, pac_trust, PAC, TRUST, GTlsDatabase)

PacTrust *pac_trust_new (const char *pin_directory);
PacTrust *pac_trust_get_default (void);
gboolean pac_trust_pin (PacTrust *self,
                        const char *host,
                        guint16 port,
                        GTlsCertificate *certificate,
                        GError **error);
gboolean pac_trust_forget (PacTrust *self, const char *host, guint16 port, GError **error);
GTlsCertificate *pac_trust_get_pin (PacTrust *self, const char *host, guint16 port);
void pac_trust_add_alias (PacTrust *self, const char *host, guint16 port, guint16 trusted_port);
void pac_trust_add_anchor (PacTrust *self, const char *host, guint16 port, GTlsCertificate *anchor);
GTlsCertificate *pac_trust_get_anchor (PacTrust *self, const char *host, guint16 port);
gboolean pac_trust_keep_anchor (PacTrust *self, const char *host, guint16 port, GError **error);
GTlsCertificate *
pac_trust_get_rejected (PacTrust *self, const char *host, guint16 port, gboolean *changed);
char *pac_trust_describe (GTlsCertificate *certificate);
GTlsCertificate *pac_trust_parse_ca (const char *text, gssize length, GError **error);
char *pac_trust_fingerprint (GTlsCertificate *certificate);
gboolean pac_trust_handshake_sync (PacTrust *self,
                                   const char *host,
                                   guint16 port,
                                   GCancellable *cancellable,
                                   GError **error);

GError *
pac_trust_explain_error (PacTrust *self, const char *host, guint16 port, const GError *error);

G_END_DECLS
