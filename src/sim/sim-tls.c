/* sim-tls.c: the simulator's own certificate authority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GIO cannot create certificates, so GnuTLS makes a CA at start and signs
 * server certificates with IP subject alternative names, as kubectl checks
 * them for https://127.x.y.z:port. Nothing is written but the CA itself,
 * unless --state asks for the CA and the server's key to be kept (a real
 * Supervisor keeps its certificate across restarts).
 */
#define G_LOG_DOMAIN "sim-tls"

#include "sim-tls.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#define VALIDITY_SECONDS (3 * 365 * 24 * 3600)

struct _SimTls
{
  GObject parent_instance;

  gnutls_x509_privkey_t ca_key;
  gnutls_x509_crt_t ca_cert;
  char *ca_pem;
  guint64 next_serial;
  GTlsCertificate *ca_certificate;
  GTlsDatabase *ca_database;
  char *ca_database_path;
  char *seeded_cert_pem; /* one client identity for every seeded cluster */
  char *seeded_key_pem;
};

G_DEFINE_FINAL_TYPE (SimTls, sim_tls, G_TYPE_OBJECT)

static gboolean
check (int rc, const char *what, GError **error)
{
  if (rc >= 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, gnutls_strerror (rc));
  return FALSE;
}

static char *
export_pem (int (*export_fn) (void *, gnutls_x509_crt_fmt_t, gnutls_datum_t *), void *what)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;

  if (export_fn (what, GNUTLS_X509_FMT_PEM, &out) < 0)
    return NULL;
  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

static int
export_cert (void *crt, gnutls_x509_crt_fmt_t fmt, gnutls_datum_t *out)
{
  return gnutls_x509_crt_export2 (crt, fmt, out);
}

/* PKCS#8 without a password: the form GTlsCertificate reads. */
static int
export_key (void *key, gnutls_x509_crt_fmt_t fmt, gnutls_datum_t *out)
{
  return gnutls_x509_privkey_export2_pkcs8 (key, fmt, NULL, GNUTLS_PKCS_PLAIN, out);
}

static gboolean
new_key (gnutls_x509_privkey_t *key, GError **error)
{
  return check (gnutls_x509_privkey_init (key), "key init", error)
         && check (gnutls_x509_privkey_generate (
                     *key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   "key generation", error);
}

static gboolean
set_common (SimTls *self,
            gnutls_x509_crt_t crt,
            gnutls_x509_privkey_t key,
            const char *dn,
            GError **error)
{
  guint64 serial = GUINT64_TO_BE (self->next_serial++);
  time_t now = time (NULL);
  const char *err_pos = NULL;

  return check (gnutls_x509_crt_set_version (crt, 3), "version", error)
         && check (gnutls_x509_crt_set_serial (crt, &serial, sizeof serial), "serial", error)
         && check (gnutls_x509_crt_set_activation_time (crt, now - 3600), "activation", error)
         && check (gnutls_x509_crt_set_expiration_time (crt, now + VALIDITY_SECONDS), "expiry",
                   error)
         && check (gnutls_x509_crt_set_dn (crt, dn, &err_pos), "subject", error)
         && check (gnutls_x509_crt_set_key (crt, key), "key", error);
}

/* Subject and authority key identifiers, as every real CA sets them:
 * strict verifiers (Python 3.13 and later, by default) refuse a leaf
 * without its issuer's key identifier */
static gboolean
set_key_ids (gnutls_x509_crt_t crt, gnutls_x509_crt_t issuer, GError **error)
{
  unsigned char own[64], authority[64];
  size_t own_size = sizeof own, authority_size = sizeof authority;

  return check (gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, own, &own_size), "key id",
                error)
         && check (gnutls_x509_crt_set_subject_key_id (crt, own, own_size), "subject key id", error)
         && check (
           gnutls_x509_crt_get_key_id (issuer, GNUTLS_KEYID_USE_SHA1, authority, &authority_size),
           "issuer key id", error)
         && check (gnutls_x509_crt_set_authority_key_id (crt, authority, authority_size),
                   "authority key id", error);
}

static gboolean
create_ca (SimTls *self, GError **error)
{
  if (!new_key (&self->ca_key, error)
      || !check (gnutls_x509_crt_init (&self->ca_cert), "init", error)
      || !set_common (self, self->ca_cert, self->ca_key, "CN=pacific-sim CA,O=Pacific simulator",
                      error)
      || !check (gnutls_x509_crt_set_basic_constraints (self->ca_cert, 1, 0), "constraints", error)
      || !check (gnutls_x509_crt_set_key_usage (self->ca_cert, GNUTLS_KEY_KEY_CERT_SIGN
                                                                 | GNUTLS_KEY_CRL_SIGN
                                                                 | GNUTLS_KEY_DIGITAL_SIGNATURE),
                 "key usage", error)
      || !set_key_ids (self->ca_cert, self->ca_cert, error)
      || !check (
        gnutls_x509_crt_sign2 (self->ca_cert, self->ca_cert, self->ca_key, GNUTLS_DIG_SHA256, 0),
        "sign", error))
    return FALSE;
  self->ca_pem = export_pem (export_cert, self->ca_cert);
  return self->ca_pem != NULL;
}

SimTls *
sim_tls_new (GError **error)
{
  g_autoptr (SimTls) self = g_object_new (SIM_TYPE_TLS, NULL);

  if (!create_ca (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The CA a previous run kept (sim_tls_dup_ca_key_pem) */
SimTls *
sim_tls_new_from_pem (const char *ca_pem, const char *ca_key_pem, GError **error)
{
  g_autoptr (SimTls) self = g_object_new (SIM_TYPE_TLS, NULL);
  gnutls_datum_t cert = { (unsigned char *) ca_pem, (unsigned int) strlen (ca_pem) };
  gnutls_datum_t key = { (unsigned char *) ca_key_pem, (unsigned int) strlen (ca_key_pem) };

  if (!check (gnutls_x509_crt_init (&self->ca_cert), "init", error)
      || !check (gnutls_x509_crt_import (self->ca_cert, &cert, GNUTLS_X509_FMT_PEM), "kept CA",
                 error)
      || !check (gnutls_x509_privkey_init (&self->ca_key), "key init", error)
      || !check (gnutls_x509_privkey_import_pkcs8 (self->ca_key, &key, GNUTLS_X509_FMT_PEM, NULL,
                                                   GNUTLS_PKCS_PLAIN),
                 "kept CA key", error))
    return NULL;
  self->ca_pem = export_pem (export_cert, self->ca_cert);
  return self->ca_pem ? g_steal_pointer (&self) : NULL;
}

/* The CA's private key as PKCS#8 PEM, for --state only */
char *
sim_tls_dup_ca_key_pem (SimTls *self)
{
  return export_pem (export_key, self->ca_key);
}

const char *
sim_tls_get_ca_pem (SimTls *self)
{
  return self->ca_pem;
}

/* "AB:CD:…", as openssl x509 -fingerprint -sha256 prints it */
char *
sim_tls_get_ca_sha256 (SimTls *self)
{
  guchar digest[32];
  size_t size = sizeof digest;
  GString *s = g_string_new (NULL);

  gnutls_x509_crt_get_fingerprint (self->ca_cert, GNUTLS_DIG_SHA256, digest, &size);
  for (size_t i = 0; i < size; i++)
    g_string_append_printf (s, "%s%02X", i ? ":" : "", digest[i]);
  return g_string_free (s, FALSE);
}

static gboolean
add_ip_san (gnutls_x509_crt_t crt, const char *ip, GError **error)
{
  guchar raw[16];
  int family = strchr (ip, ':') ? AF_INET6 : AF_INET;

  if (inet_pton (family, ip, raw) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an IP address: %s", ip);
      return FALSE;
    }
  return check (gnutls_x509_crt_set_subject_alt_name (
                  crt, GNUTLS_SAN_IPADDRESS, raw, family == AF_INET ? 4 : 16, GNUTLS_FSAN_APPEND),
                "IP SAN", error);
}

static gboolean
sign_leaf (SimTls *self, gnutls_x509_crt_t crt, GError **error)
{
  return check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "constraints", error)
         && check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE
                                                         | GNUTLS_KEY_KEY_ENCIPHERMENT),
                   "key usage", error)
         && set_key_ids (crt, self->ca_cert, error)
         && check (gnutls_x509_crt_sign2 (crt, self->ca_cert, self->ca_key, GNUTLS_DIG_SHA256, 0),
                   "sign", error);
}

GTlsCertificate *
sim_tls_issue_server (SimTls *self,
                      const char *const *ip_addresses,
                      const char *const *dns_names,
                      GError **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t crt = NULL;
  g_autofree char *dn = NULL;
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *both = NULL;
  gboolean ok;

  dn = g_strdup_printf ("CN=%s,O=Pacific simulator",
                        ip_addresses && ip_addresses[0] ? ip_addresses[0] : "localhost");
  ok = new_key (&key, error) && check (gnutls_x509_crt_init (&crt), "init", error)
       && set_common (self, crt, key, dn, error)
       && check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0), "purpose",
                 error);
  for (guint i = 0; ok && ip_addresses && ip_addresses[i]; i++)
    ok = add_ip_san (crt, ip_addresses[i], error);
  for (guint i = 0; ok && dns_names && dns_names[i]; i++)
    ok = check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, dns_names[i],
                                                      strlen (dns_names[i]), GNUTLS_FSAN_APPEND),
                "DNS SAN", error);
  ok = ok && sign_leaf (self, crt, error);
  if (ok)
    {
      cert_pem = export_pem (export_cert, crt);
      key_pem = export_pem (export_key, key);
    }
  if (crt)
    gnutls_x509_crt_deinit (crt);
  if (key)
    gnutls_x509_privkey_deinit (key);
  if (!ok)
    return NULL;
  /* The chain includes the CA, as a real Supervisor's VIP certificate does. */
  both = g_strconcat (cert_pem, self->ca_pem, key_pem, NULL);
  return g_tls_certificate_new_from_pem (both, -1, error);
}

/* A client certificate, as in a guest cluster's admin kubeconfig. */
gboolean
sim_tls_issue_client (SimTls *self,
                      const char *common_name,
                      const char *organization,
                      char **cert_pem,
                      char **key_pem,
                      GError **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t crt = NULL;
  g_autofree char *dn = g_strdup_printf ("CN=%s,O=%s", common_name, organization);
  gboolean ok;

  ok = new_key (&key, error) && check (gnutls_x509_crt_init (&crt), "init", error)
       && set_common (self, crt, key, dn, error)
       && check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_CLIENT, 0), "purpose",
                 error)
       && sign_leaf (self, crt, error);
  if (ok)
    {
      *cert_pem = export_pem (export_cert, crt);
      *key_pem = export_pem (export_key, key);
    }
  if (crt)
    gnutls_x509_crt_deinit (crt);
  if (key)
    gnutls_x509_privkey_deinit (key);
  return ok;
}

/* The CA as GIO sees it, to verify client certificates */
GTlsCertificate *
sim_tls_get_ca_certificate (SimTls *self)
{
  if (self->ca_certificate == NULL)
    self->ca_certificate = g_tls_certificate_new_from_pem (self->ca_pem, -1, NULL);
  return self->ca_certificate;
}

/* A database trusting only the CA: servers that ask for client
 * certificates check them against it. GIO reads anchors from a file, and
 * reads it again later, so the file stays until the CA goes. */
GTlsDatabase *
sim_tls_get_ca_database (SimTls *self, GError **error)
{
  int fd;

  if (self->ca_database)
    return self->ca_database;
  fd = g_file_open_tmp ("pacific-sim-ca-XXXXXX.pem", &self->ca_database_path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (g_file_set_contents (self->ca_database_path, self->ca_pem, -1, error))
    self->ca_database = g_tls_file_database_new (self->ca_database_path, error);
  return self->ca_database;
}

/* The cluster-admin identity of seeded clusters: issued once, because
 * key generation for thousands of clusters would slow the large
 * scenario down; clusters created through the API get their own. */
gboolean
sim_tls_seeded_client (SimTls *self, const char **cert_pem, const char **key_pem, GError **error)
{
  if (self->seeded_cert_pem == NULL
      && !sim_tls_issue_client (self, "kubernetes-admin", "system:masters", &self->seeded_cert_pem,
                                &self->seeded_key_pem, error))
    return FALSE;
  *cert_pem = self->seeded_cert_pem;
  *key_pem = self->seeded_key_pem;
  return TRUE;
}

static void
sim_tls_finalize (GObject *object)
{
  SimTls *self = SIM_TLS (object);

  g_clear_object (&self->ca_certificate);
  g_clear_object (&self->ca_database);
  if (self->ca_database_path)
    g_unlink (self->ca_database_path);
  g_free (self->ca_database_path);
  g_free (self->seeded_cert_pem);
  g_free (self->seeded_key_pem);
  if (self->ca_cert)
    gnutls_x509_crt_deinit (self->ca_cert);
  if (self->ca_key)
    gnutls_x509_privkey_deinit (self->ca_key);
  g_free (self->ca_pem);
  G_OBJECT_CLASS (sim_tls_parent_class)->finalize (object);
}

static void
sim_tls_class_init (SimTlsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sim_tls_finalize;
}

static void
sim_tls_init (SimTls *self)
{
  self->next_serial = (guint64) g_get_real_time ();
}
