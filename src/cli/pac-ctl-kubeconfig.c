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

#include "pac-ctl.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-kubeconfig-export.h"
#include "pac-secrets.h"

typedef struct
{
  PacCtlTarget t;
  char *cluster, *mode, *file, *on_clash;
  gboolean current, dry_run, sign_out;
} Options;

static void
options_clear (Options *o)
{
  pac_ctl_target_clear (&o->t);
  g_free (o->cluster);
  g_free (o->mode);
  g_free (o->file);
  g_free (o->on_clash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

typedef struct
{
  GMainLoop *loop;
  PacKubeconfigEntry *entry;
  GError *error;
} Wait;

static void
on_entry (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->entry
    = pac_kubeconfig_export_finish (PAC_SUPERVISOR_CLIENT (source), result, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The entry, from the same logic as the app's export; a namespace the
 * user does not have is refused before anything is written */
static PacKubeconfigEntry *
export_entry (PacConnection *supervisor, const Options *o, PacExportMode mode, GError **error)
{
  g_autoptr (PacSupervisorClient) client = pac_supervisor_client_new (supervisor);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };
  g_autofree char *account = NULL;
  guint16 account_port = 443;
  gboolean has_account
    = o->t.password_from
      && pac_secrets_parse_server_key (o->t.password_from, &account, &account_port);
  const PacExportTarget target = {
    .account = has_account ? account : NULL,
    .account_port = account_port,
    .namespace = o->t.namespace,
    .cluster = o->cluster,
    .mode = mode,
  };

  if (o->t.namespace && !pac_ctl_require_namespace (client, o->t.namespace, error))
    return NULL;
  pac_kubeconfig_export_async (client, &target, NULL, on_entry, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.entry;
}

static gboolean
parse_options (int *argc, char ***argv, Options *o, GError **error)
{
  const GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &o->cluster, N_ ("A guest cluster in the namespace"),
      N_ ("NAME") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &o->mode,
      N_ ("plugin (the credential plugin, the default), token or admin"), N_ ("MODE") },
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &o->file,
      N_ ("The file (default: the first of KUBECONFIG, else ~/.kube/config)"), N_ ("FILE") },
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
  pac_ctl_target_add_connection_entries (context, &o->t, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  /* --sign-out alone removes every account's entries: no server needed */
  if (!(o->sign_out && o->t.account == NULL && (o->t.server == NULL || o->t.user == NULL))
      && !pac_ctl_target_check (&o->t, error))
    return FALSE;
  if (o->t.server && !pac_ctl_check_server (o->t.server, error))
    return FALSE;
  if (o->cluster && o->t.namespace == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--cluster needs the --namespace it is in")),
           FALSE;
  if (o->mode && !pac_export_mode_from_string (o->mode, &(PacExportMode){ 0 }))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--mode is plugin, token or admin")),
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

/* The entry first: a cluster or namespace that is not there fails
 * before any file is named or any warning given */
static PacKubeconfigEntry *
make_entry (Options *o, GError **error)
{
  g_autoptr (PacConnection) supervisor = pac_ctl_target_prepare (&o->t, error);
  PacExportMode mode = PAC_EXPORT_PLUGIN;
  PacKubeconfigEntry *entry;

  if (supervisor == NULL)
    return NULL;
  if (o->mode)
    pac_export_mode_from_string (o->mode, &mode);
  if ((entry = export_entry (supervisor, o, mode, error)) == NULL)
    return NULL;
  if (mode == PAC_EXPORT_ADMIN)
    g_printerr (_ ("Warning: the admin kubeconfig’s private key is written into the file; "
                   "whoever reads it is cluster-admin of %s.\n"),
                o->cluster);
  else if (mode == PAC_EXPORT_TOKEN)
    g_printerr (_ ("Warning: the token is written into the kubeconfig; it cannot be renewed "
                   "and anyone who reads the file can use it until it expires.\n"));
  return entry;
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

  PacKubeconfigEntry *entry = NULL;

  if (!parse_options (&argc, &argv, &o, &error))
    return pac_ctl_fail ("kubeconfig", error->message, 2);
  if (!o.sign_out && (entry = make_entry (&o, &error)) == NULL)
    return pac_ctl_fail_with ("kubeconfig", error);
  kubeconfig = pac_kubeconfig_new (o.file);
  target = pac_kubeconfig_get_target (kubeconfig);
  g_printerr (_ ("kubeconfig: %s\n"), target);
  pac_kubeconfig_set_clash (kubeconfig, clash_choice (o.on_clash));
  pac_kubeconfig_set_current_context (kubeconfig, o.current);
  if (o.sign_out)
    {
      g_autoptr (PacConnection) probe
        = o.t.server ? pac_connection_new (o.t.server, "", NULL) : NULL;

      pac_kubeconfig_remove_owner (kubeconfig, probe ? pac_connection_get_host (probe) : NULL);
    }
  else
    pac_kubeconfig_add (kubeconfig, entry);
  changes = o.dry_run ? pac_kubeconfig_preview (kubeconfig, &error)
                      : pac_kubeconfig_write (kubeconfig, &error);
  if (changes == NULL)
    return pac_ctl_fail_with ("kubeconfig", error);
  diff = pac_kubeconfig_changes_to_diff (changes);
  g_print ("%s", diff);
  return 0;
}
