/* pacific-ctl: Pacific for pipelines and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pac-ctl-target.h"
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

/* ---- the commands ---- */

/* Each runner gets the words from the command on (argv[0] is the command)
 * and hands its handler what that handler reads */
/* Each runner gets the words from the command on (argv[0] is the command)
 * and hands its handler what that handler reads */
static int
run_kubeconfig (int argc, char **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "export"))
    {
      int export_argc;
      g_auto (GStrv) export_argv = export_arguments (argc + 1, argv - 1, &export_argc);

      return pac_ctl_kubeconfig (export_argc, export_argv);
    }
  return pac_ctl_kubeconfig (argc, argv);
}

static int
run_pod_security (int argc, char **argv)
{
  return argc > 1 && g_str_equal (argv[1], "apply") ? pac_ctl_pod_security (argc - 1, argv + 1)
                                                    : pac_ctl_pod_security (argc, argv);
}

static int
run_prereqs (int argc, char **argv)
{
  return argc > 1 && g_str_equal (argv[1], "check") ? pac_ctl_prereqs (argc - 1, argv + 1)
                                                    : pac_ctl_prereqs (argc, argv);
}

static int
run_list (int argc, char **argv)
{
  return pac_ctl_list (argv[0], argc - 1, argv + 1);
}

/* these read their verb as argv[0] */
static int
run_account (int argc, char **argv)
{
  return pac_ctl_account (argc - 1, argv + 1);
}

static int
run_cluster (int argc, char **argv)
{
  return pac_ctl_cluster (argc - 1, argv + 1);
}

typedef struct
{
  const char *name;
  const char *verbs; /* "add|list|remove": one must follow; a single one may be optional */
  gboolean verb_optional;
  int (*run) (int argc, char **argv); /* argv[0] is the command */
} Command;

static const Command commands[] = {
  { "account", "add|list|remove", FALSE, run_account },
  { "trust", NULL, FALSE, pac_ctl_trust },
  { "namespaces", "list", FALSE, run_list },
  { "releases", "list", FALSE, run_list },
  { "images", "list", FALSE, run_list },
  { "clusters", "list", FALSE, run_list },
  { "cluster", "get|create|wait|scale|upgrade|delete", FALSE, run_cluster },
  { "kubeconfig", "export", TRUE, run_kubeconfig },
  { "signout", NULL, FALSE, pac_ctl_signout },
  { "pod-security", "apply", TRUE, run_pod_security },
  { "access", NULL, FALSE, pac_ctl_access },
  { "registry-ca", "add|remove|status", FALSE, pac_ctl_registry },
  { "prereqs", "check", TRUE, run_prereqs },
  { "credential", NULL, FALSE, pac_ctl_credential },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

static gboolean
knows_verb (const Command *command, const char *verb)
{
  g_auto (GStrv) verbs = command->verbs ? g_strsplit (command->verbs, "|", -1) : NULL;

  return verbs && g_strv_contains ((const char *const *) verbs, verb);
}

/* A command whose verb is missing or asked about: which verbs there are */
static int
command_usage (const Command *command, gboolean asked)
{
  g_autofree char *text = g_strdup_printf (
    _ ("Usage: pacific-ctl %s %s [OPTION…]\nEach has its own --help, e.g. pacific-ctl %s %.*s "
       "--help\n"),
    command->name, command->verbs, command->name, (int) strcspn (command->verbs, "|"),
    command->verbs);

  if (asked)
    g_print ("%s", text);
  else
    g_printerr ("%s", text);
  return asked ? EXIT_SUCCESS : PAC_CTL_USAGE;
}

/* Runs @command with argv[0] = the command; its usage lines say
 * "pacific-ctl COMMAND [VERB]", as the user typed it */
static int
run_command (const Command *command, int argc, char **argv)
{
  gboolean with_verb = argc > 1 && knows_verb (command, argv[1]);
  g_autofree char *prgname = with_verb
                               ? g_strdup_printf ("pacific-ctl %s %s", command->name, argv[1])
                               : g_strdup_printf ("pacific-ctl %s", command->name);

  if (command->verbs && !command->verb_optional && (argc < 2 || is_help (argv[1])))
    return command_usage (command, argc >= 2);
  if (command->verbs && !command->verb_optional && !with_verb)
    {
      g_printerr (_ ("pacific-ctl %s: unknown command “%s”; it takes %s\n"), command->name, argv[1],
                  command->verbs);
      return PAC_CTL_USAGE;
    }
  g_set_prgname (prgname);
  return command->run (argc, argv);
}

static GOptionContext *
main_context (void)
{
  GOptionContext *context = g_option_context_new (_ ("COMMAND"));

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
  return context;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *help = NULL;
  const Command *command;

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

  if (argc > 1 && (command = find_command (argv[1])) != NULL)
    return run_command (command, argc - 1, argv + 1);
  g_set_prgname ("pacific-ctl");
  context = main_context ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pacific-ctl: %s\n", error->message);
      return PAC_CTL_USAGE;
    }
  if (opt_version)
    {
      g_print ("pacific-ctl %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc > 1)
    {
      g_printerr (_ ("pacific-ctl: unknown command “%s”; see --help\n"), argv[1]);
      return PAC_CTL_USAGE;
    }
  /* no command at all: a usage error, the help on stderr */
  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return PAC_CTL_USAGE;
}
