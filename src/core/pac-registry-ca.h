/* pac-registry-ca.h: a private registry's root CA, from a file, pasted
 * text, or the registry itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *name; /* the entry's name in every trust list, e.g. "harbor-ca" */
  char *pem;  /* exactly one certificate, PEM, ending in a newline */
  GTlsCertificate *certificate;
} PacRegistryCa;

PacRegistryCa *pac_registry_ca_new (const char *name, const char *text, GError **error);
PacRegistryCa *pac_registry_ca_copy (const PacRegistryCa *ca);
void pac_registry_ca_free (PacRegistryCa *ca);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacRegistryCa, pac_registry_ca_free)

gboolean pac_registry_ca_name_is_valid (const char *name, GError **error);
char *pac_registry_ca_suggest_name (const char *url_or_subject);
gboolean pac_registry_ca_is_self_signed (const PacRegistryCa *ca);
gboolean pac_registry_ca_is_expired (const PacRegistryCa *ca);
char *pac_registry_ca_get_data (const PacRegistryCa *ca);
char *pac_registry_ca_get_fingerprint (const PacRegistryCa *ca);
char *pac_registry_ca_describe (const PacRegistryCa *ca);

/* Where a fetched certificate came from */
typedef enum
{
  PAC_REGISTRY_CA_FROM_HARBOR,    /* /api/v2.0/systeminfo/getcert */
  PAC_REGISTRY_CA_FROM_HANDSHAKE, /* the last certificate the server sent */
} PacRegistryCaOrigin;

void pac_registry_ca_fetch_async (const char *url,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
char *
pac_registry_ca_fetch_finish (GAsyncResult *result, PacRegistryCaOrigin *origin, GError **error);

G_END_DECLS
