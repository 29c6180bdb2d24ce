/* pac-trust.c: certificate trust with pinning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup only asks "accept-certificate" when validation fails, so the
 * pinning lives in a GTlsDatabase set on every session (doc/design.md, "TLS"):
 *
 *  - a pinned host:port must present exactly its pinned certificate,
 *    even one the system would trust ("TLS changed" otherwise);
 *  - else the system's CAs, or an anchor added for that host (the
 *    Supervisor's tls_endpoint_certificate, a guest's guest_cluster_ca);
 *  - else the chain is refused and kept, so that the caller can show it
 *    (subject, issuer, validity, SHA-256) and pin it if the user agrees.
 *
 * A Supervisor's Kubernetes API (port 6443) is trusted as its WCP port
 * is (pac_trust_add_alias): one pin, anchor and prompt for both.
 *
 * There is no insecure mode. Pins live in <pin_directory>/<host>_<port>.pem.
 * verify_chain may run on a TLS thread, so the state is behind a mutex.
 */
#define G_LOG_DOMAIN "pac-trust"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pac-error.h"
#include "pac-trust.h"

typedef struct
{
  GTlsCertificate *certificate;
  gboolean changed;
  GTlsCertificateFlags flags; /* why it was refused */
} Rejection;

struct _PacTrust
{
  GTlsDatabase parent_instance;

  char *pin_directory;
  GMutex lock;
  GHashTable *anchors;    /* "host:port" -> GTlsCertificate */
  GHashTable *rejections; /* "host:port" -> Rejection */
  GHashTable *aliases;    /* "host:port" -> the port whose trust it shares */
};

G_DEFINE_FINAL_TYPE (PacTrust, pac_trust, G_TYPE_TLS_DATABASE)

static void
rejection_free (Rejection *r)
{
  g_clear_object (&r->certificate);
  g_free (r);
}

PacTrust *
pac_trust_new (const char *pin_directory)
{
  PacTrust *self = g_object_new (PAC_TYPE_TRUST, NULL);

  self->pin_directory = g_strdup (pin_directory);
  return self;
}

/* The process's trust, with pins under $XDG_CONFIG_HOME/pacific/trust. */
PacTrust *
pac_trust_get_default (void)
{
  static PacTrust *trust;

  if (g_once_init_enter (&trust))
    {
      g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "pacific", "trust", NULL);
      g_once_init_leave (&trust, pac_trust_new (dir));
    }
  return trust;
}

static char *
host_key (const char *host, guint16 port)
{
  return g_strdup_printf ("%s:%u", host, port);
}

/* Host names and addresses as file names: nothing but [a-z0-9.-_].
 * <host>_<port>.pem is a pin; <host>_<port>.ca.pem an anchor kept. */
static char *
trust_file (PacTrust *self, const char *host, guint16 port, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  g_autofree char *name = NULL;

  for (char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      *p = '_';
  name = g_strdup_printf ("%s_%u%s", lower, port, suffix);
  return g_build_filename (self->pin_directory, name, NULL);
}

static char *
pin_path (PacTrust *self, const char *host, guint16 port)
{
  return trust_file (self, host, port, ".pem");
}

GTlsCertificate *
pac_trust_get_pin (PacTrust *self, const char *host, guint16 port)
{
  g_autofree char *path = pin_path (self, host, port);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_tls_certificate_new_from_file (path, NULL);
}

gboolean
pac_trust_pin (PacTrust *self,
               const char *host,
               guint16 port,
               GTlsCertificate *certificate,
               GError **error)
{
  g_autofree char *path = pin_path (self, host, port);
  g_autoptr (GString) pem = g_string_new (NULL);
  GTlsCertificate *link = certificate;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), FALSE);

  /* The server's own certificate is what must match; its issuers are kept
   * after it so that a later change can be compared CA by CA */
  for (guint i = 0; link && i < 8; i++, link = g_tls_certificate_get_issuer (link))
    {
      g_autofree char *one = NULL;

      g_object_get (link, "certificate-pem", &one, NULL);
      g_string_append (pem, one);
    }
  if (g_mkdir_with_parents (self->pin_directory, 0700) != 0
      || !g_file_set_contents_full (path, pem->str, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                    error))
    {
      if (error && *error == NULL)
        g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Could not create %s"),
                     self->pin_directory);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->rejections, host_key (host, port));
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
remove_file (const char *path, GError **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Could not remove %s: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Forgets the pin of @host:@port and the anchor kept for it */
gboolean
pac_trust_forget (PacTrust *self, const char *host, guint16 port, GError **error)
{
  g_autofree char *path = pin_path (self, host, port);
  g_autofree char *kept = trust_file (self, host, port, ".ca.pem");
  g_autofree char *key = host_key (host, port);

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->anchors, key);
  g_mutex_unlock (&self->lock);
  return remove_file (path, error) && remove_file (kept, error);
}

/**
 * pac_trust_keep_anchor:
 *
 * Writes the anchor added for @host:@port beside the pins, so that other
 * processes of the user trust it too: the kubectl credential plugin logs
 * in to a Supervisor whose CA the app only learnt from vCenter. A CA is
 * public; nothing secret is written. Without an anchor, nothing is done.
 */
gboolean
pac_trust_keep_anchor (PacTrust *self, const char *host, guint16 port, GError **error)
{
  GTlsCertificate *anchor = pac_trust_get_anchor (self, host, port);
  g_autofree char *path = trust_file (self, host, port, ".ca.pem");
  g_autofree char *pem = NULL;

  if (anchor == NULL)
    return TRUE;
  g_object_get (anchor, "certificate-pem", &pem, NULL);
  if (g_mkdir_with_parents (self->pin_directory, 0700) != 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Could not create %s"),
                   self->pin_directory);
      return FALSE;
    }
  return g_file_set_contents_full (path, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
pac_trust_add_anchor (PacTrust *self, const char *host, guint16 port, GTlsCertificate *anchor)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->anchors, host_key (host, port), g_object_ref (anchor));
  g_mutex_unlock (&self->lock);
}

/* The anchor of @host:@port, from memory or kept on disk; a reference
 * taken under the lock, as verify_chain runs on TLS threads */
static GTlsCertificate *
dup_anchor (PacTrust *self, const char *host, guint16 port)
{
  g_autofree char *key = host_key (host, port);
  g_autofree char *kept = NULL;
  g_autoptr (GTlsCertificate) read = NULL;
  GTlsCertificate *anchor;

  g_mutex_lock (&self->lock);
  anchor = g_hash_table_lookup (self->anchors, key);
  if (anchor)
    g_object_ref (anchor);
  g_mutex_unlock (&self->lock);
  if (anchor)
    return anchor;
  kept = trust_file (self, host, port, ".ca.pem");
  if (!g_file_test (kept, G_FILE_TEST_EXISTS)
      || (read = g_tls_certificate_new_from_file (kept, NULL)) == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->anchors, g_steal_pointer (&key), g_object_ref (read));
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&read);
}

/* Returns: (transfer none) (nullable): the anchor added for @host:@port,
 *   or kept for it by pac_trust_keep_anchor() */
GTlsCertificate *
pac_trust_get_anchor (PacTrust *self, const char *host, guint16 port)
{
  g_autoptr (GTlsCertificate) anchor = dup_anchor (self, host, port);

  return anchor; /* the table holds another reference */
}

static guint16 trusted_port (PacTrust *self, const char *host, guint16 port);

/**
 * pac_trust_get_rejected:
 * @changed: (out) (optional): whether the host had a pin it did not match
 *
 * Returns: (transfer full) (nullable): the chain the last handshake with
 *   host:port presented and this database refused (or, for a port that
 *   shares another's trust, that port's)
 */
static GTlsCertificate *
lookup_rejection (PacTrust *self,
                  const char *host,
                  guint16 port,
                  gboolean *changed,
                  GTlsCertificateFlags *flags)
{
  g_autofree char *key = host_key (host, port);
  g_autofree char *trusted_key = host_key (host, trusted_port (self, host, port));
  GTlsCertificate *found = NULL;
  Rejection *r;

  g_mutex_lock (&self->lock);
  r = g_hash_table_lookup (self->rejections, key);
  if (r == NULL)
    r = g_hash_table_lookup (self->rejections, trusted_key);
  if (r)
    {
      found = g_object_ref (r->certificate);
      if (changed)
        *changed = r->changed;
      if (flags)
        *flags = r->flags;
    }
  g_mutex_unlock (&self->lock);
  return found;
}

GTlsCertificate *
pac_trust_get_rejected (PacTrust *self, const char *host, guint16 port, gboolean *changed)
{
  return lookup_rejection (self, host, port, changed, NULL);
}

/**
 * pac_trust_add_alias:
 *
 * Makes @host:@port share the trust of @host:@trusted_port: its pin, its
 * anchor and the chain it refused. A Supervisor serves WCP on its
 * address's port 443 and the Kubernetes API on 6443 of the same address;
 * the user trusts the Supervisor once.
 */
void
pac_trust_add_alias (PacTrust *self, const char *host, guint16 port, guint16 trusted_port)
{
  if (port == trusted_port)
    return;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->aliases, host_key (host, port), GUINT_TO_POINTER (trusted_port));
  g_mutex_unlock (&self->lock);
}

/* The port whose trust @host:@port uses: its own, or the one it is an alias of */
static guint16
trusted_port (PacTrust *self, const char *host, guint16 port)
{
  g_autofree char *key = host_key (host, port);
  gpointer found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_lookup (self->aliases, key);
  g_mutex_unlock (&self->lock);
  return found ? (guint16) GPOINTER_TO_UINT (found) : port;
}

static gboolean
same_certificate (GTlsCertificate *a, GTlsCertificate *b)
{
  return g_tls_certificate_is_same (a, b);
}

static void
remember_rejection (PacTrust *self,
                    const char *key,
                    GTlsCertificate *chain,
                    gboolean changed,
                    GTlsCertificateFlags flags)
{
  Rejection *r = g_new0 (Rejection, 1);

  r->certificate = g_object_ref (chain);
  r->changed = changed;
  r->flags = flags;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->rejections, g_strdup (key), r);
  g_mutex_unlock (&self->lock);
}

static gboolean
identity_host_port (GSocketConnectable *identity, char **host, guint16 *port)
{
  if (G_IS_NETWORK_ADDRESS (identity))
    {
      *host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (identity)));
      *port = g_network_address_get_port (G_NETWORK_ADDRESS (identity));
      return TRUE;
    }
  if (G_IS_INET_SOCKET_ADDRESS (identity))
    {
      *host = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (identity)));
      *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (identity));
      return TRUE;
    }
  return FALSE;
}

/* The system's verdict. A system without a trust store (a minimal
 * container, no ca-certificates) has no default database: nothing is
 * publicly trusted then, but the validity and the name still count, and
 * pins and anchors work as anywhere. */
static GTlsCertificateFlags
verify_by_system (GTlsCertificate *chain,
                  const char *purpose,
                  GSocketConnectable *identity,
                  GTlsInteraction *interaction,
                  GTlsDatabaseVerifyFlags flags,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autoptr (GTlsDatabase) system
    = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  if (system == NULL)
    return g_tls_certificate_verify (chain, identity, NULL) | G_TLS_CERTIFICATE_UNKNOWN_CA;
  return g_tls_database_verify_chain (system, chain, purpose, identity, interaction, flags,
                                      cancellable, error);
}

static GTlsCertificateFlags
pac_trust_verify_chain (GTlsDatabase *database,
                        GTlsCertificate *chain,
                        const char *purpose,
                        GSocketConnectable *identity,
                        GTlsInteraction *interaction,
                        GTlsDatabaseVerifyFlags flags,
                        GCancellable *cancellable,
                        GError **error)
{
  PacTrust *self = PAC_TRUST (database);
  g_autoptr (GTlsCertificate) pin = NULL;
  g_autoptr (GTlsCertificate) anchor = NULL;
  g_autofree char *host = NULL;
  g_autofree char *key = NULL;
  GTlsCertificateFlags result;
  guint16 port = 0;
  guint16 trusted;
  gboolean aliased = FALSE;

  if (identity == NULL || !identity_host_port (identity, &host, &port))
    {
      /* Without a host there is nothing to pin against: the system decides. */
      return verify_by_system (chain, purpose, identity, interaction, flags, cancellable, error);
    }
  /* A port's own pin first; else, for the Supervisor's API port, its WCP
   * port's; with neither, the WCP port's anchors and prompt */
  trusted = trusted_port (self, host, port);
  pin = pac_trust_get_pin (self, host, port);
  if (pin == NULL && trusted != port)
    {
      pin = pac_trust_get_pin (self, host, trusted);
      aliased = pin != NULL;
      if (!aliased)
        port = trusted;
    }
  key = host_key (host, port);
  if (pin != NULL)
    {
      if (same_certificate (pin, chain))
        return 0;
      g_debug ("%s presented another certificate than the pinned one", key);
      /* Another certificate on the API port than on WCP is not a change of
       * the Supervisor's certificate but one more to trust, on its own port */
      remember_rejection (self, key, chain, !aliased, G_TLS_CERTIFICATE_UNKNOWN_CA);
      return G_TLS_CERTIFICATE_UNKNOWN_CA;
    }

  result = verify_by_system (chain, purpose, identity, interaction, flags, cancellable, error);
  if (result == 0)
    return 0;

  anchor = dup_anchor (self, host, port);
  if (anchor)
    {
      /* Validity and the host name still count against an extra anchor. */
      GTlsCertificateFlags anchored = g_tls_certificate_verify (chain, identity, anchor);

      if (anchored == 0)
        return 0;
      result = anchored;
    }
  remember_rejection (self, key, chain, FALSE, result);
  return result;
}

static void
pac_trust_finalize (GObject *object)
{
  PacTrust *self = PAC_TRUST (object);

  g_hash_table_unref (self->anchors);
  g_hash_table_unref (self->rejections);
  g_hash_table_unref (self->aliases);
  g_mutex_clear (&self->lock);
  g_free (self->pin_directory);
  G_OBJECT_CLASS (pac_trust_parent_class)->finalize (object);
}

static void
pac_trust_class_init (PacTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_trust_finalize;
  G_TLS_DATABASE_CLASS (klass)->verify_chain = pac_trust_verify_chain;
}

static void
pac_trust_init (PacTrust *self)
{
  g_mutex_init (&self->lock);
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->rejections
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) rejection_free);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- showing a certificate ---- */

/* "AB:CD:…" over the DER encoding, as browsers and openssl print it */
char *
pac_trust_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr (GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  for (guint i = 0; hex[i] && hex[i + 1]; i += 2)
    g_string_append_printf (text, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]),
                            g_ascii_toupper (hex[i + 1]));
  return g_string_free (text, FALSE);
}

/* Subject, issuer, validity and fingerprint, one per line, for prompts and errors. */
char *
pac_trust_describe (GTlsCertificate *certificate)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr (GDateTime) not_before = NULL;
  g_autoptr (GDateTime) not_after = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *fingerprint = pac_trust_fingerprint (certificate);

  g_object_get (certificate, "subject-name", &subject, "issuer-name", &issuer, "not-valid-before",
                &not_before, "not-valid-after", &not_after, NULL);
  from = not_before ? g_date_time_format_iso8601 (not_before) : g_strdup ("?");
  until = not_after ? g_date_time_format_iso8601 (not_after) : g_strdup ("?");
  return g_strdup_printf (_ ("Subject: %s\nIssuer: %s\nValid from %s until %s\nSHA-256: %s"),
                          subject ? subject : "?", issuer ? issuer : "?", from, until, fingerprint);
}

/**
 * pac_trust_parse_ca:
 * @text: PEM, or base64 of PEM: /wcp/login's guest_cluster_ca is
 *   documented nowhere and seen both ways (doc/protocols.md, "Tokens and the guest's CA")
 *
 * Returns: (transfer full) (nullable): the first certificate, or %NULL with
 *   %PAC_ERROR_INVALID
 */
GTlsCertificate *
pac_trust_parse_ca (const char *text, gssize length, GError **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *pem = NULL;
  GTlsCertificate *certificate;
  const char *begin;

  if (text == NULL)
    goto invalid;
  copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  g_strstrip (copy);
  if ((begin = strstr (copy, "-----BEGIN CERTIFICATE-----")) != NULL)
    pem = g_strdup (begin);
  else
    {
      gsize decoded_length = 0;
      g_autofree guchar *decoded = NULL;

      /* g_base64_decode() accepts anything; demand base64 characters only. */
      for (const char *p = copy; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=' && !g_ascii_isspace (*p))
          goto invalid;
      decoded = g_base64_decode (copy, &decoded_length);
      if (decoded == NULL || decoded_length == 0 || memchr (decoded, '\0', decoded_length))
        goto invalid;
      pem = g_strndup ((const char *) decoded, decoded_length);
      if (strstr (pem, "-----BEGIN CERTIFICATE-----") == NULL)
        goto invalid;
    }
  certificate = g_tls_certificate_new_from_pem (pem, -1, NULL);
  if (certificate)
    return certificate;
invalid:
  g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                       _ ("The certificate is neither PEM nor base64-encoded PEM"));
  return NULL;
}

/* The DNS names and addresses a certificate is issued for, "a, b" */
static char *
certificate_names (GTlsCertificate *certificate)
{
  g_autoptr (GPtrArray) dns = NULL;
  g_autoptr (GPtrArray) ips = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  g_object_get (certificate, "dns-names", &dns, "ip-addresses", &ips, NULL);
  for (guint i = 0; dns && i < dns->len; i++)
    {
      gsize size = 0;
      const char *name = g_bytes_get_data (dns->pdata[i], &size);

      g_string_append_printf (text, "%s%.*s", text->len ? ", " : "", (int) size, name);
    }
  for (guint i = 0; ips && i < ips->len; i++)
    {
      g_autofree char *ip = g_inet_address_to_string (ips->pdata[i]);

      g_string_append_printf (text, "%s%s", text->len ? ", " : "", ip);
    }
  if (text->len == 0)
    g_string_append (text, _ ("no name"));
  return g_strdup (text->str);
}

/**
 * pac_trust_explain_error:
 * @error: a transport failure talking to @host:@port
 *
 * A TLS failure becomes "untrusted" or "changed", with the certificate
 * shown; anything else is mapped by pac_error_from_transport().
 *
 * Returns: (transfer full): a PAC_ERROR
 */
GError *
pac_trust_explain_error (PacTrust *self, const char *host, guint16 port, const GError *error)
{
  gboolean changed = FALSE;
  GTlsCertificateFlags flags = 0;
  g_autoptr (GTlsCertificate) rejected = NULL;
  g_autofree char *shown = NULL;

  if (error->domain != G_TLS_ERROR)
    return pac_error_from_transport (error);
  rejected = lookup_rejection (self, host, port, &changed, &flags);
  if (rejected == NULL)
    return pac_error_from_transport (error);
  shown = pac_trust_describe (rejected);
  if (changed)
    return g_error_new (PAC_ERROR, PAC_ERROR_TLS_CHANGED,
                        _ ("%s presented a different certificate than the one you trusted. "
                           "Someone may be intercepting the connection.\n%s"),
                        host, shown);
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      g_autofree char *names = certificate_names (rejected);

      return g_error_new (PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                          _ ("The certificate of %s is not issued for that name: it names %s. "
                             "Connect with a name the certificate names.\n%s"),
                          host, names, shown);
    }
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_error_new (PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                        _ ("The certificate of %s has expired.\n%s"), host, shown);
  return g_error_new (PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                      _ ("The certificate of %s is not trusted.\n%s"), host, shown);
}

static void
use_database (GSocketClient *client,
              GSocketClientEvent event,
              GSocketConnectable *connectable,
              GIOStream *connection,
              gpointer database)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING && G_IS_TLS_CONNECTION (connection))
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), database);
}

/**
 * pac_trust_handshake_sync:
 *
 * A TLS handshake with @host:@port and nothing else, no request and no
 * credentials: whether this database trusts what the server presents.
 * Refused, the chain is kept for pac_trust_get_rejected(), as after any
 * request. For `pacific-ctl trust`, which has no password to sign in with
 * and must still learn the certificate of a Supervisor's Kubernetes API.
 *
 * Returns: TRUE when trusted; else FALSE with a PAC_ERROR (TLS_UNTRUSTED,
 *   TLS_CHANGED, NETWORK …)
 */
gboolean
pac_trust_handshake_sync (PacTrust *self,
                          const char *host,
                          guint16 port,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) failure = NULL;

  g_return_val_if_fail (PAC_IS_TRUST (self), FALSE);
  g_socket_client_set_tls (client, TRUE);
  g_socket_client_set_timeout (client, 30);
  g_signal_connect (client, "event", G_CALLBACK (use_database), self);
  connection = g_socket_client_connect_to_host (client, host, port, cancellable, &failure);
  if (connection == NULL)
    {
      g_propagate_error (error, pac_trust_explain_error (self, host, port, failure));
      return FALSE;
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}
