/* pac-connection-kubeconfig.c: a connection from one kubeconfig context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a guest cluster's admin kubeconfig (the <cluster>-kubeconfig
 * secret: a client certificate) or a kubeconfig with a static token.
 * Verification stays on: a context without CA data, or one that asks to
 * skip verification, is refused rather than half-trusted.
 */
#define G_LOG_DOMAIN "pac-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-connection-private.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-kubeconfig-private.h"
#include "pac-yaml.h"

/* The "cluster"/"user"/"context" entry of that name in a kubeconfig list */
static JsonObject *
named_entry (JsonObject *config, const char *list, const char *member, const char *name)
{
  JsonArray *entries = pac_json_array (config, list);

  for (guint i = 0; entries && name && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (entries, i));
      if (g_strcmp0 (pac_json_string (entry, "name"), name) == 0)
        return pac_json_object (entry, member);
    }
  return NULL;
}

static GTlsCertificate *
client_certificate (JsonObject *user, GError **error)
{
  g_autofree char *cert = kube_decode_text (pac_json_string (user, "client-certificate-data"));
  g_autofree char *key = kube_decode_text (pac_json_string (user, "client-key-data"));
  g_autofree char *pem = NULL;
  GTlsCertificate *certificate;

  if (cert == NULL || key == NULL)
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                           _ ("The kubeconfig's client certificate or key is not valid base64"));
      return NULL;
    }
  pem = g_strconcat (cert, "\n", key, NULL);
  certificate = g_tls_certificate_new_from_pem (pem, -1, NULL);
  memset (key, 0, strlen (key));
  memset (pem, 0, strlen (pem));
  if (certificate == NULL)
    g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                         _ ("The kubeconfig's client certificate or key cannot be read"));
  return certificate;
}

/* The credential of a kubeconfig user: a client certificate or a token */
static gboolean
take_user (PacConnection *self, JsonObject *user, GError **error)
{
  if (pac_json_string (user, "client-certificate-data"))
    {
      self->client_certificate = client_certificate (user, error);
      self->credential = PAC_CREDENTIAL_CERTIFICATE;
      return self->client_certificate != NULL;
    }
  if (pac_json_string (user, "token"))
    {
      self->token = g_strdup (pac_json_string (user, "token"));
      self->credential = PAC_CREDENTIAL_STATIC;
      return TRUE;
    }
  g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                       _ ("The kubeconfig's user has neither a client certificate nor a token"));
  return FALSE;
}

static GUri *
server_uri (JsonObject *cluster, GError **error)
{
  const char *server = pac_json_string (cluster, "server");
  GUri *uri = server ? g_uri_parse (server, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 || !g_uri_get_host (uri))
    {
      g_clear_pointer (&uri, g_uri_unref);
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("The kubeconfig's server “%s” is not an https address"),
                   server ? server : "");
    }
  return uri;
}

static GTlsCertificate *
cluster_ca (JsonObject *cluster, GError **error)
{
  JsonNode *skip = cluster ? json_object_get_member (cluster, "insecure-skip-tls-verify") : NULL;

  if (skip && JSON_NODE_HOLDS_VALUE (skip) && json_node_get_value_type (skip) == G_TYPE_BOOLEAN
      && json_node_get_boolean (skip))
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                           _ ("The kubeconfig skips certificate verification; Pacific does not"));
      return NULL;
    }
  return pac_trust_parse_ca (pac_json_string (cluster, "certificate-authority-data"), -1, error);
}

/**
 * pac_connection_new_from_kubeconfig:
 * @context: (nullable): the context to use; %NULL for the current one
 *
 * Returns: (transfer full) (nullable): a connection verified against the
 *   context's CA only (pinned in memory for its host and port)
 */
PacConnection *
pac_connection_new_from_kubeconfig (const char *kubeconfig,
                                    gssize length,
                                    const char *context,
                                    GError **error)
{
  g_autoptr (JsonNode) root = pac_yaml_load (kubeconfig, length, error);
  JsonObject *config = pac_json_node_object (root);
  const char *name = context ? context : pac_json_string (config, "current-context");
  JsonObject *entry = named_entry (config, "contexts", "context", name);
  JsonObject *cluster
    = named_entry (config, "clusters", "cluster", pac_json_string (entry, "cluster"));
  JsonObject *user = named_entry (config, "users", "user", pac_json_string (entry, "user"));
  g_autoptr (GUri) base = NULL;
  g_autoptr (GTlsCertificate) ca = NULL;
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) self = NULL;

  if (root == NULL)
    return NULL;
  if (entry == NULL || cluster == NULL || user == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("The kubeconfig has no complete context “%s”"), name ? name : "");
      return NULL;
    }
  if ((base = server_uri (cluster, error)) == NULL || (ca = cluster_ca (cluster, error)) == NULL)
    return NULL;
  /* A database of its own: this CA vouches for this server only */
  trust = pac_trust_new (NULL);
  pac_trust_add_anchor (trust, g_uri_get_host (base),
                        g_uri_get_port (base) > 0 ? g_uri_get_port (base) : 443, ca);
  self = pac_connection_new_for_uri (base, pac_json_string (entry, "user"), trust);
  if (!take_user (self, user, error))
    return NULL;
  return g_steal_pointer (&self);
}
