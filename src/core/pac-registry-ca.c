/* pac-registry-ca.c: a private registry's root CA, from a file, pasted
 * text, or the registry itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching trusts nothing: the certificate is only read, never used to
 * send anything, and the user confirms it by its fingerprint.
 */
#define G_LOG_DOMAIN "pac-registry-ca"

#include "config.h"

#include "pac-registry-ca.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pac-error.h"
#include "pac-http.h"
#include "pac-trust.h"

#define HARBOR_GETCERT "/api/v2.0/systeminfo/getcert"
#define MAX_NAME 63

void
pac_registry_ca_free (PacRegistryCa *ca)
{
  if (ca == NULL)
    return;
  g_free (ca->name);
  g_free (ca->pem);
  g_clear_object (&ca->certificate);
  g_free (ca);
}

/* The name goes into trust lists, a Secret's key and a file name on
 * every node: a DNS-1123 label keeps it valid in all of them. */
gboolean
pac_registry_ca_name_is_valid (const char *name, GError **error)
{
  return pac_check_dns_label (name, error);
}

/* "https://harbor.example.com:8443" → "harbor-example-com-ca" */
char *
pac_registry_ca_suggest_name (const char *url_or_subject)
{
  g_autoptr (GUri) uri = g_uri_parse (url_or_subject ? url_or_subject : "", G_URI_FLAGS_NONE, NULL);
  const char *source = uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url_or_subject;
  GString *name = g_string_new (NULL);

  for (const char *p = source ? source : ""; *p && name->len < MAX_NAME - 3; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  g_string_append (name, name->len ? "-ca" : "registry-ca");
  return g_string_free (name, FALSE);
}

/**
 * pac_registry_ca_new:
 * @text: PEM, or base64 of PEM; only the first certificate counts
 *
 * Returns: (transfer full) (nullable): the CA, or %NULL with
 *   %PAC_ERROR_INVALID for a bad name or text that holds no certificate
 */
PacRegistryCa *
pac_registry_ca_new (const char *name, const char *text, GError **error)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  PacRegistryCa *ca;

  if (!pac_registry_ca_name_is_valid (name, error))
    return NULL;
  certificate = pac_trust_parse_ca (text, -1, error);
  if (certificate == NULL)
    return NULL;
  ca = g_new0 (PacRegistryCa, 1);
  ca->name = g_strdup (name);
  ca->certificate = g_steal_pointer (&certificate);
  /* Re-exported, so that the same certificate always gives the same data
   * (pasted text differs in line ends and surrounding prose). */
  g_object_get (ca->certificate, "certificate-pem", &ca->pem, NULL);
  if (!g_str_has_suffix (ca->pem, "\n"))
    {
      char *ended = g_strconcat (ca->pem, "\n", NULL);
      g_free (ca->pem);
      ca->pem = ended;
    }
  return ca;
}

PacRegistryCa *
pac_registry_ca_copy (const PacRegistryCa *ca)
{
  PacRegistryCa *copy = g_new0 (PacRegistryCa, 1);

  copy->name = g_strdup (ca->name);
  copy->pem = g_strdup (ca->pem);
  copy->certificate = g_object_ref (ca->certificate);
  return copy;
}

/* A root signs itself: same subject and issuer, and its own signature verifies */
gboolean
pac_registry_ca_is_self_signed (const PacRegistryCa *ca)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;

  g_object_get (ca->certificate, "subject-name", &subject, "issuer-name", &issuer, NULL);
  if (g_strcmp0 (subject, issuer) != 0)
    return FALSE;
  return (g_tls_certificate_verify (ca->certificate, NULL, ca->certificate)
          & ~(G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
         == 0;
}

gboolean
pac_registry_ca_is_expired (const PacRegistryCa *ca)
{
  g_autoptr (GDateTime) not_after = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_object_get (ca->certificate, "not-valid-after", &not_after, NULL);
  return not_after && g_date_time_compare (not_after, now) < 0;
}

/* base64 of the PEM, as additionalTrustedCAs[].data and a Secret's data take it */
char *
pac_registry_ca_get_data (const PacRegistryCa *ca)
{
  return g_base64_encode ((const guchar *) ca->pem, strlen (ca->pem));
}

char *
pac_registry_ca_get_fingerprint (const PacRegistryCa *ca)
{
  return pac_trust_fingerprint (ca->certificate);
}

char *
pac_registry_ca_describe (const PacRegistryCa *ca)
{
  return pac_trust_describe (ca->certificate);
}

/* ---- fetching ---- */

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->session);
  g_free (fetch);
}

/* Only read, never trusted for anything sent: accept whatever comes. */
static gboolean
on_accept_certificate (SoupMessage *msg,
                       GTlsCertificate *certificate,
                       GTlsCertificateFlags errors,
                       gpointer user_data)
{
  return TRUE;
}

static GTlsCertificate *
last_of_chain (GTlsCertificate *leaf)
{
  GTlsCertificate *last = leaf;
  GTlsCertificate *issuer;

  while (last && (issuer = g_tls_certificate_get_issuer (last)) != NULL)
    last = issuer;
  return last;
}

static char *
certificate_pem (GTlsCertificate *certificate)
{
  char *pem = NULL;

  g_object_get (certificate, "certificate-pem", &pem, NULL);
  return pem;
}

static void
on_getcert (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  GTlsCertificate *peer = soup_message_get_tls_peer_certificate (fetch->msg);
  g_autoptr (GTlsCertificate) served = NULL;
  PacRegistryCaOrigin origin = PAC_REGISTRY_CA_FROM_HARBOR;
  char *pem = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_CANCELLED, "%s", error->message);
      return;
    }
  if (body == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_NETWORK,
                               _ ("The registry could not be reached: %s"), error->message);
      return;
    }
  if (soup_message_get_status (fetch->msg) == SOUP_STATUS_OK)
    served
      = pac_trust_parse_ca (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL);
  if (served)
    pem = certificate_pem (served);
  else if (peer)
    {
      origin = PAC_REGISTRY_CA_FROM_HANDSHAKE;
      pem = certificate_pem (last_of_chain (peer));
    }
  if (pem == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID,
                               _ ("The registry sent no certificate"));
      return;
    }
  /* The message (and the peer certificate with it) goes here. */
  g_task_set_task_data (task, GINT_TO_POINTER (origin), NULL);
  g_task_return_pointer (task, pem, g_free);
}

/**
 * pac_registry_ca_fetch_async:
 * @url: the registry, https://host[:port]
 *
 * Asks Harbor for its root CA (/api/v2.0/systeminfo/getcert); any other
 * registry gives the last certificate of its TLS handshake.
 */
void
pac_registry_ca_fetch_async (const char *url,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GUri) base = g_uri_parse (url ? url : "", G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) getcert = NULL;
  Fetch *fetch;

  g_task_set_source_tag (task, pac_registry_ca_fetch_async);
  if (base == NULL || g_strcmp0 (g_uri_get_scheme (base), "https") != 0
      || g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0')
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID,
                               _ ("“%s” is not an https:// address"), url ? url : "");
      return;
    }
  getcert = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (base),
                         g_uri_get_port (base), HARBOR_GETCERT, NULL, NULL);
  fetch = g_new0 (Fetch, 1);
  fetch->session = pac_http_session_new (NULL, 20, 0, PAC_HTTP_LOG_HEADERS);
  fetch->msg = soup_message_new_from_uri ("GET", getcert);
  g_signal_connect (fetch->msg, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
  /* The fetch's own data until it finishes; then the origin */
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  soup_session_send_and_read_async (fetch->session, fetch->msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_getcert, g_object_ref (task));
}

/* Returns: (transfer full) (nullable): the certificate as PEM */
char *
pac_registry_ca_fetch_finish (GAsyncResult *result, PacRegistryCaOrigin *origin, GError **error)
{
  char *pem;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  pem = g_task_propagate_pointer (G_TASK (result), error);
  if (pem && origin)
    *origin = (PacRegistryCaOrigin) GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return pem;
}
