/* pac-kubeconfig-export.c: the kubeconfig entry for a Supervisor, a
 * vSphere namespace or a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the app's export dialog and `pacific-ctl kubeconfig`. Names
 * follow `kubectl vsphere login` (doc/design.md, "kubeconfig"): the cluster is the
 * server's host, the user wcp:<host>:<user>, the context the namespace or
 * the guest cluster's name. The plugin mode writes no secret; it keeps
 * the Supervisor's CA beside the pins so that the plugin, another
 * process, trusts what the app learnt from vCenter. The token and admin
 * modes write a secret into the file: the callers warn first.
 */
#define G_LOG_DOMAIN "pac-kubeconfig"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-credential.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-kubeconfig-export.h"
#include "pac-secrets.h"
#include "pac-kubeconfig-private.h"
#include "pac-yaml.h"

static const char *const mode_names[] = { "plugin", "token", "admin" };

const char *
pac_export_mode_to_string (PacExportMode mode)
{
  return mode < G_N_ELEMENTS (mode_names) ? mode_names[mode] : NULL;
}

/* "exec" is accepted for "plugin", as pacific-ctl spelled it first */
gboolean
pac_export_mode_from_string (const char *text, PacExportMode *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (text, mode_names[i]) == 0)
      {
        *mode = i;
        return TRUE;
      }
  if (g_strcmp0 (text, "exec") == 0)
    {
      *mode = PAC_EXPORT_PLUGIN;
      return TRUE;
    }
  return FALSE;
}

/* ---- the admin kubeconfig ---- */

/**
 * pac_kubeconfig_entry_new_admin:
 * @kubeconfig: the <cluster>-kubeconfig secret's value: a kubeconfig whose
 *   first user holds a client certificate that is cluster-admin
 * @expiry: (out) (optional): when the certificate expires (0: unknown)
 *
 * Returns: (transfer full) (nullable): the entry, named <cluster> /
 *   <cluster>-admin / the server's host
 */
PacKubeconfigEntry *
pac_kubeconfig_entry_new_admin (const char *owner,
                                const char *cluster,
                                const char *kubeconfig,
                                gsize length,
                                gint64 *expiry,
                                GError **error)
{
  g_autoptr (JsonNode) config = pac_yaml_load (kubeconfig, length, NULL);
  JsonObject *root = pac_json_node_object (config);
  JsonObject *server = pac_json_node_object (
    root ? json_array_get_element (pac_json_array (root, "clusters"), 0) : NULL);
  JsonObject *user = pac_json_node_object (
    root ? json_array_get_element (pac_json_array (root, "users"), 0) : NULL);
  const char *url = pac_json_string (server, "cluster.server");
  const char *certificate = pac_json_string (user, "user.client-certificate-data");
  g_autofree char *ca
    = kube_decode_text (pac_json_string (server, "cluster.certificate-authority-data"));
  g_autofree char *user_name = g_strdup_printf ("%s-admin", cluster);
  g_autoptr (GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  PacKubeconfigEntry *entry;

  if (uri == NULL || g_uri_get_host (uri) == NULL || certificate == NULL
      || pac_json_string (user, "user.client-key-data") == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_SERVER,
                   _ ("The secret %s-kubeconfig holds no usable admin kubeconfig"), cluster);
      return NULL;
    }
  entry = pac_kubeconfig_entry_new (owner, cluster, g_uri_get_host (uri), user_name, url, ca, NULL);
  pac_kubeconfig_entry_set_client_certificate (entry, certificate,
                                               pac_json_string (user, "user.client-key-data"));
  if (expiry)
    *expiry = kube_certificate_expiry (certificate);
  return entry;
}

/* ---- the task ---- */

typedef struct
{
  char *account;
  guint16 account_port;
  char *namespace;
  char *cluster;
  PacExportMode mode;
  gint64 expiry;
  char *master_host; /* a namespace's own Kubernetes API host, from /wcp/workloads */
} Export;

static void
export_free (Export *export)
{
  g_free (export->account);
  g_free (export->namespace);
  g_free (export->cluster);
  g_free (export->master_host);
  g_free (export);
}

static PacConnection *
connection_of (GTask *task)
{
  return pac_supervisor_client_get_connection (g_task_get_source_object (task));
}

static void
return_entry (GTask *task, PacKubeconfigEntry *entry)
{
  Export *export = g_task_get_task_data (task);
  PacConnection *supervisor = connection_of (task);

  pac_kubeconfig_entry_set_account (entry, export->account,
                                    pac_connection_get_username (supervisor), export->namespace,
                                    export->cluster);
  g_task_return_pointer (task, entry, (GDestroyNotify) pac_kubeconfig_entry_free);
}

static void
on_admin_kubeconfig (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *text
    = pac_supervisor_client_read_kubeconfig_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  PacKubeconfigEntry *entry;

  if (text == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  entry = pac_kubeconfig_entry_new_admin (pac_connection_get_host (connection_of (task)),
                                          export->cluster, text, strlen (text), &export->expiry,
                                          &error);
  memset (text, 0, strlen (text)); /* it holds a private key */
  if (entry == NULL)
    g_task_return_error (task, error);
  else
    return_entry (task, entry);
}

/* @certificate and the issuers it came with, as one PEM text */
static char *
chain_pem (GTlsCertificate *certificate)
{
  GString *pem = g_string_new (NULL);

  for (guint i = 0; certificate && i < 8;
       i++, certificate = g_tls_certificate_get_issuer (certificate))
    {
      g_autofree char *one = NULL;

      g_object_get (certificate, "certificate-pem", &one, NULL);
      g_string_append (pem, one);
    }
  return g_string_free (pem, FALSE);
}

/* The CA kubectl checks @target's certificate with: the anchor the app
 * was given, else what the user pinned for the port kubectl talks to (a
 * Supervisor's Kubernetes API on 6443 may present a certificate of its
 * own; else the sign-in's is the one), with the issuers pinned beside it
 * (kubectl takes each as a root), else none (the system's CAs) */
static char *
dup_ca (PacConnection *target)
{
  char *pem = pac_connection_dup_ca_pem (target);
  PacTrust *trust = pac_connection_get_trust (target);
  const char *host = pac_connection_get_host (target);
  g_autofree char *api_url = pac_connection_dup_api_url (target);
  g_autoptr (GUri) api = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GTlsCertificate) pin = NULL;

  if (pem)
    return pem;
  if (api && g_uri_get_port (api) > 0)
    pin = pac_trust_get_pin (trust, host, (guint16) g_uri_get_port (api));
  if (pin == NULL)
    pin = pac_trust_get_pin (trust, host, pac_connection_get_port (target));
  return pin ? chain_pem (pin) : NULL;
}

/* @target's Kubernetes API, on @host (a namespace's own master_host, or
 * the target's address) */
static char *
server_url (PacConnection *target, const char *host)
{
  g_autofree char *api_url = pac_connection_dup_api_url (target);
  g_autoptr (GUri) api = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);

  if (api == NULL || g_strcmp0 (host, g_uri_get_host (api)) == 0)
    return g_steal_pointer (&api_url);
  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, host, g_uri_get_port (api), "", NULL, NULL);
}

/* A context that logs in as the user: @target is the Supervisor or the
 * guest cluster's connection */
static PacKubeconfigEntry *
login_entry (GTask *task, PacConnection *target, GError **error)
{
  Export *export = g_task_get_task_data (task);
  PacConnection *supervisor = connection_of (task);
  const char *host = export->master_host && target == supervisor ? export->master_host
                                                                 : pac_connection_get_host (target);
  const char *owner = pac_connection_get_host (supervisor);
  g_autofree char *user = g_strdup_printf ("wcp:%s:%s", host, pac_connection_get_username (target));
  g_autofree char *server = server_url (target, host);
  g_autofree char *supervisor_url = pac_connection_dup_url (supervisor);
  g_autofree char *ca = dup_ca (target);
  const char *context
    = export->cluster ? export->cluster : (export->namespace ? export->namespace : host);
  PacKubeconfigEntry *entry = pac_kubeconfig_entry_new (owner, context, host, user, server, ca,
                                                        export->cluster ? NULL : export->namespace);

  if (export->mode == PAC_EXPORT_TOKEN)
    {
      pac_kubeconfig_entry_set_token (entry, pac_connection_get_token (target));
      export->expiry = pac_connection_get_token_expiry (target);
    }
  else
    {
      /* The plugin finds the password by the account's keyring key */
      g_autofree char *account_key = pac_secrets_server_key (export->account, export->account_port);
      g_autofree char *owner_key
        = pac_secrets_server_key (owner, pac_connection_get_port (supervisor));
      g_autoptr (JsonNode) exec
        = pac_credential_stanza (supervisor_url, pac_connection_get_username (supervisor),
                                 g_strcmp0 (account_key, owner_key) != 0 ? account_key : NULL,
                                 export->namespace, export->cluster);

      pac_kubeconfig_entry_set_exec (entry, exec);
      /* The plugin runs in another process: it needs the CA too */
      if (!pac_trust_keep_anchor (pac_connection_get_trust (supervisor), owner,
                                  pac_connection_get_port (supervisor), error))
        {
          pac_kubeconfig_entry_free (entry);
          return NULL;
        }
    }
  return entry;
}

static void
on_guest (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (PacConnection) guest
    = pac_connection_open_guest_finish (PAC_CONNECTION (source), result, &error);
  PacKubeconfigEntry *entry = guest ? login_entry (task, guest, &error) : NULL;

  if (entry == NULL)
    g_task_return_error (task, error);
  else
    return_entry (task, entry);
}

static void
build_entry (GTask *task)
{
  Export *export = g_task_get_task_data (task);
  PacConnection *supervisor = connection_of (task);
  GError *error = NULL;
  PacKubeconfigEntry *entry;

  if (export->mode == PAC_EXPORT_ADMIN)
    pac_supervisor_client_read_kubeconfig_async (g_task_get_source_object (task), export->namespace,
                                                 export->cluster, g_task_get_cancellable (task),
                                                 on_admin_kubeconfig, g_object_ref (task));
  else if (export->cluster)
    pac_connection_open_guest_async (supervisor, export->namespace, export->cluster,
                                     g_task_get_cancellable (task), on_guest, g_object_ref (task));
  else if ((entry = login_entry (task, supervisor, &error)) == NULL)
    g_task_return_error (task, error);
  else
    return_entry (task, entry);
}

static void
on_login (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!pac_connection_login_finish (PAC_CONNECTION (source), result, &error))
    g_task_return_error (task, error);
  else
    build_entry (task);
}

/* Takes @task */
static void
sign_in (GTask *task)
{
  PacConnection *connection = connection_of (task);

  if (pac_connection_has_fresh_token (connection))
    {
      build_entry (task);
      g_object_unref (task);
    }
  else
    pac_connection_login_async (connection, g_task_get_cancellable (task), on_login, task);
}

/* The namespace's master_host in /wcp/workloads, where it names one */
static char *
dup_master_host (JsonNode *workloads, const char *namespace)
{
  JsonArray *items
    = workloads && JSON_NODE_HOLDS_ARRAY (workloads) ? json_node_get_array (workloads) : NULL;

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *host = entry ? pac_json_string (entry, "master_host") : NULL;

      if (entry && g_strcmp0 (pac_json_string (entry, "namespace"), namespace) == 0 && host
          && *host)
        return g_strdup (host);
    }
  return NULL;
}

/* kubectl vsphere login writes a namespace's context for the master_host
 * /wcp/workloads names for it (doc/protocols.md, "Addresses and ports"); usually the
 * Supervisor's own address. Without the list (an old Supervisor, a
 * refusal) the address the user gave serves. */
static void
on_workloads (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) workloads
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  g_autofree char *host = dup_master_host (workloads, export->namespace);
  PacConnection *supervisor = connection_of (task);

  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (error)
    g_debug ("/wcp/workloads: %s; the namespace's context names the Supervisor's address",
             error->message);
  if (host && g_ascii_strcasecmp (host, pac_connection_get_host (supervisor)) != 0)
    export->master_host = g_steal_pointer (&host);
  sign_in (task);
}

/**
 * pac_kubeconfig_export_async:
 * @supervisor: the Supervisor's client, signed in or able to sign in
 *
 * Builds the entry that pac_kubeconfig_add() writes: it signs in where a
 * token is needed (the Supervisor's, a guest cluster's) and reads the
 * admin kubeconfig in %PAC_EXPORT_ADMIN mode (which needs a cluster).
 */
void
pac_kubeconfig_export_async (PacSupervisorClient *supervisor,
                             const PacExportTarget *target,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (supervisor, cancellable, callback, user_data);
  PacConnection *connection = pac_supervisor_client_get_connection (supervisor);
  Export *export = g_new0 (Export, 1);

  g_task_set_source_tag (task, pac_kubeconfig_export_async);
  export->account
    = g_strdup (target->account ? target->account : pac_connection_get_host (connection));
  export->account_port
    = target->account ? target->account_port : pac_connection_get_port (connection);
  export->namespace = g_strdup (target->namespace);
  export->cluster = g_strdup (target->cluster);
  export->mode = target->mode;
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  if (target->cluster && target->namespace == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, "%s",
                               _ ("A guest cluster is named with its vSphere namespace"));
      return;
    }
  if (target->mode == PAC_EXPORT_ADMIN && target->cluster == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, "%s",
                               _ ("Only a guest cluster has an admin kubeconfig"));
      return;
    }
  if (target->namespace && target->cluster == NULL)
    pac_supervisor_client_workloads_async (supervisor, cancellable, on_workloads,
                                           g_steal_pointer (&task));
  else
    sign_in (g_steal_pointer (&task));
}

/**
 * pac_kubeconfig_export_finish:
 * @expiry: (out) (optional): when the written credential expires: the
 *   token's or the certificate's end, 0 for the plugin (renewed) or unknown
 *
 * Returns: (transfer full) (nullable): the entry
 */
PacKubeconfigEntry *
pac_kubeconfig_export_finish (PacSupervisorClient *supervisor,
                              GAsyncResult *result,
                              gint64 *expiry,
                              GError **error)
{
  Export *export;

  g_return_val_if_fail (g_task_is_valid (result, supervisor), NULL);

  export = g_task_get_task_data (G_TASK (result));
  if (expiry)
    *expiry = export->expiry;
  return g_task_propagate_pointer (G_TASK (result), error);
}
