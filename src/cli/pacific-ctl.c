/* pacific-ctl: Pacific for pipelines and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pac-ctl.h"
#include "pac-paths.h"

static gboolean opt_version;

static const GOptionEntry entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_ ("Show the version and exit"), NULL },
  { NULL },
};

/* One line on stderr: "pacific-ctl COMMAND: MESSAGE" */
int
pac_ctl_fail (const char *command, const char *message, int status)
{
  g_autofree char *line = g_strdelimit (g_strdup (message), "\n", ' ');

  g_printerr ("pacific-ctl %s: %s\n", command, line);
  return status;
}

/* `kubeconfig export [NAME] -n NS --file F --set-current` in the words of
 * `kubeconfig --cluster NAME --namespace NS --kubeconfig F --current` */
static char **
export_arguments (int argc, char **argv, int *out_argc)
{
  GPtrArray *args = g_ptr_array_new ();

  g_ptr_array_add (args, g_strdup ("kubeconfig"));
  for (int i = 3; i < argc; i++)
    {
      const char *arg = argv[i];
      if ((g_str_equal (arg, "-n") || g_str_equal (arg, "--file")) && i + 1 < argc)
        {
          g_ptr_array_add (args,
                           g_strdup (g_str_equal (arg, "-n") ? "--namespace" : "--kubeconfig"));
          g_ptr_array_add (args, g_strdup (argv[++i]));
        }
      else if (g_str_has_prefix (arg, "--file="))
        g_ptr_array_add (args, g_strconcat ("--kubeconfig=", arg + 7, NULL));
      else if (g_str_equal (arg, "--set-current"))
        g_ptr_array_add (args, g_strdup ("--current"));
      /* NAME comes right after export */
      else if (i == 3 && arg[0] != '-')
        {
          g_ptr_array_add (args, g_strdup ("--cluster"));
          g_ptr_array_add (args, g_strdup (arg));
        }
      else
        g_ptr_array_add (args, g_strdup (arg));
    }
  *out_argc = (int) args->len;
  g_ptr_array_add (args, NULL);
  return (char **) g_ptr_array_free (args, FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *help = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pac_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* stdout is for results: kubectl reads the ExecCredential from it and
   * pipelines parse -o json, so debug and info lines go to stderr */
  g_log_writer_default_set_use_stderr (TRUE);
  /* The main context is this thread's from start to end, as under
   * g_application_run(): a TLS handshake asked for a client certificate
   * (kube-apiserver always asks) would otherwise take it while free and run
   * our callbacks on glib-networking's thread (doc/architecture.md, "The
   * main context and TLS client certificates") */
  g_main_context_acquire (NULL);

  if (argc > 1 && g_str_equal (argv[1], "credential"))
    return pac_ctl_credential (argc - 1, argv + 1);
  if (argc > 2 && g_str_equal (argv[1], "kubeconfig") && g_str_equal (argv[2], "export"))
    {
      int export_argc = 0;
      g_auto (GStrv) export_argv = export_arguments (argc, argv, &export_argc);
      return pac_ctl_kubeconfig (export_argc, export_argv);
    }
  if (argc > 1 && g_str_equal (argv[1], "kubeconfig"))
    return pac_ctl_kubeconfig (argc - 1, argv + 1);
  if (argc > 2 && g_str_equal (argv[1], "pod-security") && g_str_equal (argv[2], "apply"))
    return pac_ctl_pod_security (argc - 2, argv + 2);
  if (argc > 1 && g_str_equal (argv[1], "pod-security"))
    return pac_ctl_pod_security (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "access"))
    return pac_ctl_access (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "registry-ca"))
    return pac_ctl_registry (argc - 1, argv + 1);
  if (argc > 2 && g_str_equal (argv[1], "prereqs") && g_str_equal (argv[2], "check"))
    return pac_ctl_prereqs (argc - 2, argv + 2);
  if (argc > 1 && g_str_equal (argv[1], "prereqs"))
    return pac_ctl_prereqs (argc - 1, argv + 1);
  if (argc > 2 && g_str_equal (argv[2], "list")
      && g_strv_contains (
        (const char *const[]){ "namespaces", "releases", "images", "clusters", NULL }, argv[1]))
    return pac_ctl_list (argv[1], argc - 2, argv + 2);
  if (argc > 2 && g_str_equal (argv[1], "account"))
    return pac_ctl_account (argc - 2, argv + 2);
  if (argc > 1 && g_str_equal (argv[1], "trust"))
    return pac_ctl_trust (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "signout"))
    return pac_ctl_signout (argc - 1, argv + 1);
  if (argc > 2 && g_str_equal (argv[1], "cluster"))
    return pac_ctl_cluster (argc - 2, argv + 2);
  context = g_option_context_new (_ ("COMMAND"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, _ ("Manage vSphere with Tanzu clusters from scripts and pipelines."));
  g_option_context_set_description (
    context, _ ("Commands (each has --help; see also man pacific-ctl):\n"
                "  account add|list|remove     the app's accounts\n"
                "  trust SERVER                show a certificate; pin it with --fingerprint\n"
                "  namespaces|releases list    what the Supervisor offers\n"
                "  images|clusters list        per namespace (-n) or all (-A)\n"
                "  cluster get|create|wait|scale|upgrade|delete\n"
                "  kubeconfig export [NAME]    a context for a namespace or a cluster\n"
                "  signout                     remove Pacific's entries and tokens\n"
                "  pod-security, access, registry-ca   guest-cluster permissions and trust\n"
                "  prereqs [check] [--fix]     the Supervisor's readiness\n"
                "  credential                  the kubectl credential plugin\n\n"
                "Exit statuses: 0 done, 1 error, 2 usage, 3 not found, 4 authentication,\n"
                "5 certificate not trusted, 6 timeout."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pacific-ctl: %s\n", error->message);
      return 2;
    }
  if (opt_version)
    {
      g_print ("pacific-ctl %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc > 1)
    {
      g_printerr (_ ("pacific-ctl: unknown command “%s”; see --help\n"), argv[1]);
      return 2;
    }
  help = g_option_context_get_help (context, TRUE, NULL);
  g_print ("%s", help);
  return EXIT_SUCCESS;
}
