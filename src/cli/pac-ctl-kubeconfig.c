/* pac-ctl-kubeconfig.c: `pacific-ctl kubeconfig`, Pacific's entries in a
 * kubeconfig from pipelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a Supervisor's or a guest cluster's context (credential plugin by
 * default; a static token or the admin kubeconfig only when asked, with a
 * warning), shows what changes (--dry-run shows only that), and signs out
 * (--sign-out removes Pacific's entries, no others).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-credential.h"
#include "pac-ctl.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-kubeconfig.h"
#include "pac-yaml.h"

typedef struct
{
  char *server, *user, *namespace, *cluster, *mode, *file, *ca_file, *on_clash;
  gboolean current, dry_run, sign_out;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->server);
  g_free (o->user);
  g_free (o->namespace);
  g_free (o->cluster);
  g_free (o->mode);
  g_free (o->file);
  g_free (o->ca_file);
  g_free (o->on_clash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The admin kubeconfig of a guest cluster: the Supervisor's secret
 * <cluster>-kubeconfig, whose client certificate is cluster-admin */
static PacKubeconfigEntry *
admin_entry (PacConnection *supervisor, const Options *o, GError **error)
{
  g_autofree char *path
    = g_strdup_printf ("/api/v1/namespaces/%s/secrets/%s-kubeconfig", o->namespace, o->cluster);
  g_autoptr (JsonNode) secret = pac_ctl_request (supervisor, path, error);
  const char *value = secret ? pac_json_string (json_node_get_object (secret), "data.value") : NULL;
  g_autofree guchar *text = NULL;
  gsize length = 0;
  g_autoptr (JsonNode) config = NULL;
  JsonObject *cluster, *user;
  g_autofree char *ca = NULL;
  g_autofree char *user_name = g_strdup_printf ("%s-admin", o->cluster);
  g_autoptr (GUri) uri = NULL;
  PacKubeconfigEntry *entry;

  if (secret == NULL)
    return NULL;
  text = value ? g_base64_decode (value, &length) : NULL;
  config = text ? pac_yaml_load ((const char *) text, length, error) : NULL;
  cluster = config ? pac_json_node_object (json_array_get_element (
              pac_json_array (pac_json_node_object (config), "clusters"), 0))
                   : NULL;
  user = config ? pac_json_node_object (
           json_array_get_element (pac_json_array (pac_json_node_object (config), "users"), 0))
                : NULL;
  if (cluster == NULL || user == NULL || !pac_json_string (cluster, "cluster.server")
      || !pac_json_string (user, "user.client-certificate-data"))
    {
      g_clear_error (error);
      g_set_error (error, PAC_ERROR, PAC_ERROR_SERVER,
                   _ ("The secret %s-kubeconfig holds no usable admin kubeconfig"), o->cluster);
      return NULL;
    }
  if (pac_json_string (cluster, "cluster.certificate-authority-data"))
    {
      g_autofree guchar *pem = g_base64_decode (
        pac_json_string (cluster, "cluster.certificate-authority-data"), &length);

      ca = g_strndup ((const char *) pem, length);
    }
  uri = g_uri_parse (pac_json_string (cluster, "cluster.server"), G_URI_FLAGS_NONE, NULL);
  entry = pac_kubeconfig_entry_new (pac_connection_get_host (supervisor), o->cluster,
                                    uri ? g_uri_get_host (uri) : o->cluster, user_name,
                                    pac_json_string (cluster, "cluster.server"), ca, NULL);
  pac_kubeconfig_entry_set_client_certificate (
    entry, pac_json_string (user, "user.client-certificate-data"),
    pac_json_string (user, "user.client-key-data"));
  return entry;
}

static PacKubeconfigEntry *
login_entry (PacConnection *supervisor, const Options *o, const char *ca_pem, GError **error)
{
  g_autoptr (PacConnection) target = pac_ctl_log_in (supervisor, o->namespace, o->cluster, error);
  gboolean guest = o->cluster != NULL;
  g_autofree char *guest_ca = NULL;
  g_autofree char *user = NULL;
  g_autofree char *server = NULL;
  const char *host;
  PacKubeconfigEntry *entry;

  if (target == NULL)
    return NULL;
  host = pac_connection_get_host (target);
  user = g_strdup_printf ("wcp:%s:%s", host, o->user);
  guest_ca = guest ? pac_connection_dup_ca_pem (target) : NULL;
  server = guest ? g_strdup_printf ("https://%s:%u", host, pac_connection_get_port (target))
                 : g_strdup (o->server);
  entry = pac_kubeconfig_entry_new (
    pac_connection_get_host (supervisor), guest ? o->cluster : (o->namespace ? o->namespace : host),
    host, user, server, guest ? guest_ca : ca_pem, guest ? NULL : o->namespace);
  if (g_strcmp0 (o->mode, "token") == 0)
    {
      g_printerr (_ ("Warning: the token is written into the kubeconfig; it cannot be renewed "
                     "and anyone who reads the file can use it until it expires.\n"));
      pac_kubeconfig_entry_set_token (entry, pac_connection_get_token (target));
    }
  else
    {
      g_autoptr (JsonNode) exec
        = pac_credential_stanza (o->server, o->user, o->namespace, o->cluster);

      pac_kubeconfig_entry_set_exec (entry, exec);
    }
  return entry;
}

static gboolean
parse_options (int *argc, char ***argv, Options *o, GError **error)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &o->server, N_ ("The Supervisor’s URL"), N_ ("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &o->user, N_ ("The vCenter user"), N_ ("NAME") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &o->namespace, N_ ("The vSphere namespace"),
      N_ ("NAMESPACE") },
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &o->cluster, N_ ("A guest cluster in the namespace"),
      N_ ("NAME") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &o->mode,
      N_ ("exec (the credential plugin, the default), token or admin"), N_ ("MODE") },
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &o->file,
      N_ ("The file (default: the first of KUBECONFIG, else ~/.kube/config)"), N_ ("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &o->ca_file, N_ ("The Supervisor’s CA certificate"),
      N_ ("FILE") },
    { "on-clash", 0, 0, G_OPTION_ARG_STRING, &o->on_clash,
      N_ ("When a name is taken by an entry Pacific did not write: ask (the default), rename or "
          "replace"),
      N_ ("CHOICE") },
    { "current", 0, 0, G_OPTION_ARG_NONE, &o->current, N_ ("Make the context the current one"),
      NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &o->dry_run, N_ ("Only show what would change"), NULL },
    { "sign-out", 0, 0, G_OPTION_ARG_NONE, &o->sign_out,
      N_ ("Remove Pacific’s entries (of --server only, if given)"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Writes a Supervisor’s or a guest cluster’s context "
                                            "into a kubeconfig, or removes Pacific’s entries."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!o->sign_out && (o->server == NULL || o->user == NULL))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("--server and --user are needed")),
           FALSE;
  if (o->server && !pac_ctl_check_server (o->server, error))
    return FALSE;
  if (o->cluster && o->namespace == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--cluster needs the --namespace it is in")),
           FALSE;
  if (o->mode
      && !g_strv_contains ((const char *const[]){ "exec", "token", "admin", NULL }, o->mode))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("--mode is exec, token or admin")),
           FALSE;
  if (g_strcmp0 (o->mode, "admin") == 0 && o->cluster == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--mode admin is for guest clusters: give --cluster")),
           FALSE;
  return TRUE;
}

static PacKubeconfigClash
clash_choice (const char *text)
{
  if (g_strcmp0 (text, "rename") == 0)
    return PAC_KUBECONFIG_CLASH_RENAME;
  if (g_strcmp0 (text, "replace") == 0)
    return PAC_KUBECONFIG_CLASH_REPLACE;
  return PAC_KUBECONFIG_CLASH_ASK;
}

static PacKubeconfigEntry *
make_entry (const Options *o, GError **error)
{
  g_autoptr (PacTrust) trust = g_object_ref (pac_trust_get_default ());
  g_autoptr (PacConnection) supervisor = pac_connection_new (o->server, o->user, trust);
  g_autofree char *ca_pem = NULL;

  if (o->ca_file)
    {
      g_autoptr (GTlsCertificate) ca = NULL;

      if (!g_file_get_contents (o->ca_file, &ca_pem, NULL, error)
          || !(ca = pac_trust_parse_ca (ca_pem, -1, error)))
        return NULL;
      pac_trust_add_anchor (trust, pac_connection_get_host (supervisor),
                            pac_connection_get_port (supervisor), ca);
    }
  if (g_strcmp0 (o->mode, "admin") == 0)
    {
      g_printerr (_ ("Warning: the admin kubeconfig’s private key is written into the file; "
                     "whoever reads it is cluster-admin of %s.\n"),
                  o->cluster);
      if (!pac_ctl_log_in_supervisor (supervisor, error))
        return NULL;
      return admin_entry (supervisor, o, error);
    }
  return login_entry (supervisor, o, ca_pem, error);
}

int
pac_ctl_kubeconfig (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacKubeconfig) kubeconfig = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autofree char *target = NULL;
  g_autofree char *diff = NULL;

  if (!parse_options (&argc, &argv, &o, &error))
    return pac_ctl_fail ("kubeconfig", error->message, 2);
  kubeconfig = pac_kubeconfig_new (o.file);
  target = pac_kubeconfig_get_target (kubeconfig);
  g_printerr (_ ("kubeconfig: %s\n"), target);
  pac_kubeconfig_set_clash (kubeconfig, clash_choice (o.on_clash));
  pac_kubeconfig_set_current_context (kubeconfig, o.current);
  if (o.sign_out)
    {
      g_autoptr (PacConnection) probe = o.server ? pac_connection_new (o.server, "", NULL) : NULL;

      pac_kubeconfig_remove_owner (kubeconfig, probe ? pac_connection_get_host (probe) : NULL);
    }
  else
    {
      PacKubeconfigEntry *entry = make_entry (&o, &error);

      if (entry == NULL)
        return pac_ctl_fail ("kubeconfig", error->message, 1);
      pac_kubeconfig_add (kubeconfig, entry);
    }
  changes = o.dry_run ? pac_kubeconfig_preview (kubeconfig, &error)
                      : pac_kubeconfig_write (kubeconfig, &error);
  if (changes == NULL)
    return pac_ctl_fail ("kubeconfig", error->message, 1);
  diff = pac_kubeconfig_changes_to_diff (changes);
  g_print ("%s", diff);
  return 0;
}
