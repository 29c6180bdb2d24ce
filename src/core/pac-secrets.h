/* pac-secrets.h: passwords and tokens in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* What an item holds; stored as the "kind" attribute. */
typedef enum
{
  PAC_SECRET_PASSWORD,
  PAC_SECRET_TOKEN,
} PacSecretKind;

const SecretSchema *pac_secrets_get_schema (void);
char *pac_secrets_server_key (const char *host, guint16 port);
gboolean pac_secrets_parse_server_key (const char *key, char **host, guint16 *port);

gboolean pac_secrets_store_sync (PacSecretKind kind,
                                 const char *host,
                                 guint16 port,
                                 const char *username,
                                 const char *secret,
                                 GCancellable *cancellable,
                                 GError **error);
char *pac_secrets_lookup_sync (PacSecretKind kind,
                               const char *host,
                               guint16 port,
                               const char *username,
                               GCancellable *cancellable,
                               GError **error);
gboolean pac_secrets_clear_sync (PacSecretKind kind,
                                 const char *host,
                                 guint16 port,
                                 const char *username,
                                 GCancellable *cancellable,
                                 GError **error);

gboolean pac_secrets_store_guest_token_sync (const char *host,
                                             guint16 port,
                                             const char *username,
                                             const char *guest_cluster,
                                             const char *token,
                                             GCancellable *cancellable,
                                             GError **error);
char *pac_secrets_lookup_guest_token_sync (const char *host,
                                           guint16 port,
                                           const char *username,
                                           const char *guest_cluster,
                                           GCancellable *cancellable,
                                           GError **error);
gboolean pac_secrets_clear_guest_token_sync (const char *host,
                                             guint16 port,
                                             const char *username,
                                             const char *guest_cluster,
                                             GCancellable *cancellable,
                                             GError **error);

char *pac_secrets_find_password_sync (const char *host,
                                      guint16 port,
                                      const char *username,
                                      GCancellable *cancellable,
                                      GError **error);

gboolean pac_secrets_clear_tokens_sync (const char *host,
                                        guint16 port,
                                        const char *username,
                                        GCancellable *cancellable,
                                        GError **error);

G_END_DECLS
