/* pac-ctl-registry.c: `pacific-ctl registry-ca`, the app's Registry CA
 * for pipelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Same core logic as the dialog (PacRegistryCa, PacRegistryTrust). What
 * the user confirms in the dialog, a pipeline states: a CA from a file is
 * the operator's own; one fetched from a registry must match
 * --fingerprint, or nothing happens. One line per cluster: "added",
 * "unchanged" or the error; the exit status is 1 when any failed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-ctl.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-registry-trust.h"

typedef struct
{
  PacCtlTarget t;
  char *name, *from_file, *from_url, *fingerprint, *route, *image, *output;
  char **clusters;
} Options;

static void
options_clear (Options *o)
{
  pac_ctl_target_clear (&o->t);
  g_free (o->name);
  g_free (o->from_file);
  g_free (o->from_url);
  g_free (o->fingerprint);
  g_free (o->route);
  g_free (o->image);
  g_free (o->output);
  g_strfreev (o->clusters);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* `registry-ca add NS/NAME…`: clusters after the verb count as --cluster */
static void
take_positional_clusters (Options *o, int argc, char **argv)
{
  g_autoptr (GStrvBuilder) all = g_strv_builder_new ();

  if (o->clusters)
    g_strv_builder_addv (all, (const char **) o->clusters);
  for (int i = 1; i < argc; i++)
    g_strv_builder_add (all, argv[i]);
  g_strfreev (o->clusters);
  o->clusters = g_strv_builder_end (all);
  if (o->clusters[0] == NULL)
    g_clear_pointer (&o->clusters, g_strfreev);
}

static gboolean
parse (int *argc, char ***argv, Options *o, gboolean adding, GError **error)
{
  const GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->clusters,
      N_ ("A guest cluster as NAMESPACE/NAME (repeatable)"), N_ ("NAMESPACE/NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_ ("The CA’s name in the trust lists"),
      N_ ("NAME") },
    { "route", 0, 0, G_OPTION_ARG_STRING, &o->route,
      N_ ("cluster, global or daemonset (default: cluster where offered, else daemonset)"),
      N_ ("ROUTE") },
    { "from-file", 0, 0, G_OPTION_ARG_FILENAME, &o->from_file, N_ ("The CA as a PEM file"),
      N_ ("FILE") },
    { "from-url", 0, 0, G_OPTION_ARG_STRING, &o->from_url,
      N_ ("The registry to fetch the CA from (needs --fingerprint)"), N_ ("URL") },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &o->fingerprint,
      N_ ("The SHA-256 fingerprint the fetched CA must have"), N_ ("SHA256") },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &o->output,
      N_ ("status: lines (default), json or yaml"), N_ ("FORMAT") },
    { "image", 0, 0, G_OPTION_ARG_STRING, &o->image,
      N_ ("The DaemonSet’s image (default: kube-proxy’s, on every node)"), N_ ("IMAGE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, adding ? _ ("Make guest clusters’ nodes trust a private registry’s root CA.")
                    : _ ("Show or remove the registry CAs guest clusters’ nodes trust."));
  pac_ctl_target_add_connection_entries (context, &o->t, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  take_positional_clusters (o, *argc, *argv);
  if (!pac_ctl_target_check (&o->t, error))
    return FALSE;
  if (adding && (o->from_file != NULL) == (o->from_url != NULL))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("Give the CA with either --from-file or --from-url")),
           FALSE;
  if (adding && o->from_url && !o->fingerprint)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("A CA fetched from a registry needs --fingerprint: compare it with "
                           "the registry’s administrator first")),
           FALSE;
  return TRUE;
}

static char *
fetch_pem (const Options *o, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;

  pac_registry_ca_fetch_async (o->from_url, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  return pac_registry_ca_fetch_finish (result, NULL, error);
}

static PacRegistryCa *
load_ca (const Options *o, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (PacRegistryCa) ca = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *wanted = NULL;

  if (o->from_file ? !g_file_get_contents (o->from_file, &text, NULL, error)
                   : (text = fetch_pem (o, error)) == NULL)
    return NULL;
  ca = pac_registry_ca_new (o->name, text, error);
  if (ca == NULL || o->fingerprint == NULL)
    return g_steal_pointer (&ca);
  shown = pac_registry_ca_get_fingerprint (ca);
  actual = pac_ctl_hex_only (shown);
  wanted = pac_ctl_hex_only (o->fingerprint);
  if (!g_str_equal (actual, wanted))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                   _ ("The CA’s fingerprint is %s, not the one given"), shown);
      return NULL;
    }
  return g_steal_pointer (&ca);
}

static PacRegistryTrust *
open_trust (Options *o, PacCapabilities **capabilities, GError **error)
{
  g_autoptr (PacSupervisorClient) client = pac_ctl_target_open (&o->t, capabilities, error);

  return client ? pac_registry_trust_new (client, *capabilities) : NULL;
}

static gboolean
choose_route (const Options *o,
              const PacCapabilities *capabilities,
              PacRegistryRoute *route,
              GError **error)
{
  const char *why_not = NULL;

  if (o->route == NULL)
    {
      *route = pac_registry_route_offered (PAC_REGISTRY_ROUTE_CLUSTER, capabilities, NULL)
                 ? PAC_REGISTRY_ROUTE_CLUSTER
                 : PAC_REGISTRY_ROUTE_DAEMON_SET;
      return TRUE;
    }
  if (!pac_registry_route_from_string (o->route, route))
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("“%s” is no route: cluster, global or daemonset"), o->route),
           FALSE;
  if (!pac_registry_route_offered (*route, capabilities, &why_not))
    return g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID, why_not), FALSE;
  return TRUE;
}

/* Runs one add or remove; prints its line; returns whether it worked */
static gboolean
change_one (PacRegistryTrust *trust,
            PacRegistryRoute route,
            const PacRegistryCa *ca,
            const char *name,
            const char *target)
{
  g_auto (GStrv) parts = target ? g_strsplit (target, "/", 2) : NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;
  const char *label = target ? target : _ ("the Supervisor");

  if (target && (parts[1] == NULL || *parts[0] == '\0' || *parts[1] == '\0'))
    {
      g_main_loop_unref (wait.loop);
      g_print ("%s: %s\n", target, _ ("give clusters as NAMESPACE/NAME"));
      return FALSE;
    }
  if (ca)
    pac_registry_trust_add_async (trust, route, ca, parts ? parts[0] : NULL,
                                  parts ? parts[1] : NULL, NULL, pac_ctl_on_done, &wait);
  else
    pac_registry_trust_remove_async (trust, route, name, parts ? parts[0] : NULL,
                                     parts ? parts[1] : NULL, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if (!pac_registry_trust_change_finish (trust, result, &changed, &error))
    {
      g_print ("%s: %s\n", label, error->message);
      return FALSE;
    }
  /* Words for scripts to match: not translated */
  g_print ("%s: %s\n", label, !changed ? "unchanged" : ca ? "added" : "removed");
  return TRUE;
}

static int
add_or_remove (int argc, char **argv, gboolean adding)
{
  const char *command = adding ? "registry-ca add" : "registry-ca remove";
  g_auto (Options) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacRegistryCa) ca = NULL;
  g_autoptr (PacCapabilities) capabilities = NULL;
  g_autoptr (PacRegistryTrust) trust = NULL;
  PacRegistryRoute route;
  gboolean ok = TRUE;

  if (!parse (&argc, &argv, &o, adding, &error))
    return pac_ctl_fail (command, error->message, 2);
  if (!o.name || !pac_registry_ca_name_is_valid (o.name, &error))
    return pac_ctl_fail (command, error ? error->message : _ ("--name is needed"), 2);
  if (adding && (ca = load_ca (&o, &error)) == NULL)
    return pac_ctl_fail_with (command, error);
  if ((trust = open_trust (&o, &capabilities, &error)) == NULL
      || !choose_route (&o, capabilities, &route, &error))
    return pac_ctl_fail_with (command, error);
  if (route == PAC_REGISTRY_ROUTE_GLOBAL)
    return change_one (trust, route, ca, o.name, NULL) ? EXIT_SUCCESS : EXIT_FAILURE;
  if (o.clusters == NULL)
    return pac_ctl_fail (command, _ ("name the clusters with --cluster NAMESPACE/NAME"), 2);
  for (guint i = 0; o.clusters[i]; i++)
    ok &= change_one (trust, route, ca, o.name, o.clusters[i]);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* One line per CA and route: how many nodes trust it, which wait; with
 * -o json or yaml, rows {cluster, name, route, trusting[], waiting[]} */
static gboolean
print_status (PacRegistryTrust *trust, const char *target, JsonArray *rows)
{
  g_auto (GStrv) parts = g_strsplit (target, "/", 2);
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  if (parts[1] == NULL)
    {
      g_main_loop_unref (wait.loop);
      g_print ("%s: %s\n", target, _ ("give clusters as NAMESPACE/NAME"));
      return FALSE;
    }
  pac_registry_trust_status_async (trust, parts[0], parts[1], NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  entries = pac_registry_trust_status_finish (trust, result, &error);
  if (entries == NULL)
    {
      g_print ("%s: %s\n", target, error->message);
      return FALSE;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      PacRegistryEntry *entry = g_ptr_array_index (entries, i);
      guint trusting = g_strv_length (entry->trusting);
      g_autofree char *waiting = g_strjoinv (",", entry->waiting);

      if (rows)
        {
          JsonObject *row = json_object_new ();
          json_object_set_string_member (row, "cluster", target);
          json_object_set_string_member (row, "name", entry->name);
          json_object_set_string_member (row, "route", pac_registry_route_to_string (entry->route));
          json_object_set_array_member (row, "trusting",
                                        pac_ctl_strv_array ((const char *const *) entry->trusting));
          json_object_set_array_member (row, "waiting",
                                        pac_ctl_strv_array ((const char *const *) entry->waiting));
          json_array_add_object_element (rows, row);
          continue;
        }
      g_print ("%s %s %s %u/%u%s%s\n", target, entry->name,
               pac_registry_route_to_string (entry->route), trusting,
               trusting + g_strv_length (entry->waiting), *waiting ? " waiting:" : "", waiting);
    }
  return TRUE;
}

static int
status (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacCapabilities) capabilities = NULL;
  g_autoptr (PacRegistryTrust) trust = NULL;
  g_autoptr (JsonArray) structured = NULL;
  gboolean ok = TRUE;

  if (!parse (&argc, &argv, &o, FALSE, &error))
    return pac_ctl_fail ("registry-ca status", error->message, 2);
  if (o.output
      && !g_strv_contains ((const char *const[]){ "lines", "json", "yaml", NULL }, o.output))
    return pac_ctl_fail ("registry-ca status", _ ("-o takes lines, json or yaml"), 2);
  if (o.clusters == NULL)
    return pac_ctl_fail ("registry-ca status",
                         _ ("name the clusters with --cluster NAMESPACE/NAME"), 2);
  if ((trust = open_trust (&o, &capabilities, &error)) == NULL)
    return pac_ctl_fail_with ("registry-ca status", error);
  structured = o.output && g_strcmp0 (o.output, "lines") != 0 ? json_array_new () : NULL;
  for (guint i = 0; o.clusters[i]; i++)
    ok &= print_status (trust, o.clusters[i], structured);
  if (structured)
    {
      PacCtlTarget t = { .output = o.output };
      g_autoptr (JsonNode) data = json_node_init_array (json_node_alloc (), structured);
      pac_ctl_print (&t, data, NULL);
    }
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
pac_ctl_registry (int argc, char **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "add"))
    return add_or_remove (argc - 1, argv + 1, TRUE);
  if (argc > 1 && g_str_equal (argv[1], "remove"))
    return add_or_remove (argc - 1, argv + 1, FALSE);
  if (argc > 1 && g_str_equal (argv[1], "status"))
    return status (argc - 1, argv + 1);
  g_printerr ("%s\n", _ ("Usage: pacific-ctl registry-ca add|remove|status NAMESPACE/NAME… "
                         "--server URL --user NAME [--name CA] [--route ROUTE] "
                         "[--from-file FILE | --from-url URL --fingerprint SHA256] [-o json]"));
  return 2;
}
