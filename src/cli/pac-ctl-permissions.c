/* pac-ctl-permissions.c: `pacific-ctl pod-security` and `pacific-ctl
 * access`, the app's Pod Security and Access for pipelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Same core logic as the dialogs (PacPodSecurity, PacAccess): what is
 * there is shown, the plan is printed as YAML (only that with --dry-run),
 * and applying what is there already changes nothing and says so.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-access.h"
#include "pac-ctl.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-pod-security.h"

typedef struct
{
  PacCtlTarget t; /* the Supervisor, and in t.namespace the cluster's namespace */
  char *cluster;
  char *level, *scope, *audit, *warn, *role, *output;
  char **in;
  gboolean group, dry_run, show;
} Options;

static void
options_clear (Options *o)
{
  pac_ctl_target_clear (&o->t);
  g_free (o->cluster);
  g_free (o->level);
  g_free (o->scope);
  g_free (o->audit);
  g_free (o->warn);
  g_free (o->role);
  g_free (o->output);
  g_strfreev (o->in);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static const GOptionEntry *
target_entries (Options *o)
{
  const GOptionEntry entries[] = {
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &o->cluster, N_ ("The guest cluster"), N_ ("NAME") },
    { "in", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->in,
      N_ ("A namespace of the guest cluster (repeatable)"), N_ ("NAMESPACE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &o->dry_run, N_ ("Only show what would change"), NULL },
    { NULL },
  };
  return g_memdup2 (entries, sizeof entries);
}

static gboolean
parse (const char *summary,
       const GOptionEntry *extra,
       int *argc,
       char ***argv,
       Options *o,
       GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autofree GOptionEntry *target = (GOptionEntry *) target_entries (o);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  pac_ctl_target_add_connection_entries (context, &o->t, TRUE);
  g_option_context_add_main_entries (context, target, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!o->t.namespace || !o->cluster)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--namespace and --cluster are needed")),
           FALSE;
  return pac_ctl_target_check (&o->t, error);
}

/* The guest cluster's API, signed in as the Supervisor's user */
static PacGuestClient *
open_guest (Options *o, GError **error)
{
  g_autoptr (PacConnection) supervisor = pac_ctl_target_prepare (&o->t, error);
  g_autoptr (PacConnection) guest = NULL;

  if (supervisor == NULL)
    return NULL;
  guest = pac_ctl_log_in (supervisor, o->t.namespace, o->cluster, error);
  return guest ? pac_guest_client_new (guest) : NULL;
}

/* Prints the plan; applies it unless @dry_run. Returns the exit status. */
static int
carry_out (const char *command, PacGuestClient *client, GPtrArray *plan, gboolean dry_run)
{
  g_autofree char *yaml = pac_guest_changes_to_yaml (plan);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  guint changed = 0;

  if (plan->len == 0)
    {
      g_main_loop_unref (wait.loop);
      g_print (_ ("unchanged\n"));
      return 0;
    }
  g_print ("%s", yaml);
  if (dry_run)
    {
      g_main_loop_unref (wait.loop);
      return 0;
    }
  pac_guest_changes_apply_async (client, plan, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if (!pac_guest_changes_apply_finish (client, result, &changed, &error))
    return pac_ctl_fail_with (command, error);
  g_printerr (ngettext ("%u change applied\n", "%u changes applied\n", changed), changed);
  return 0;
}

/* ---- pod-security ---- */

static gboolean
level_option (const char *text, PacPodSecurityLevel fallback, PacPodSecurityLevel *level)
{
  *level = fallback;
  return text == NULL || pac_pod_security_level_from_string (text, level);
}

static void
show_pod_security (PacPodSecurity *security)
{
  g_auto (GStrv) names = pac_pod_security_dup_namespaces (security);

  g_print (_ ("Kubernetes %s: %s\n"), pac_pod_security_get_version (security),
           pac_pod_security_uses_psp (security) ? "PodSecurityPolicy" : "Pod Security Admission");
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *now = pac_pod_security_describe_namespace (security, names[i]);

      g_print ("%-24s %s\n", names[i], now);
    }
}

int
pac_ctl_pod_security (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry extra[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &o.level,
      N_ ("privileged (the default), restricted, baseline (1.25 and later) or none"),
      N_ ("LEVEL") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &o.scope,
      N_ ("Up to 1.24: namespaces (the default; service accounts of --in) or cluster (every "
          "authenticated user)"),
      N_ ("SCOPE") },
    { "audit", 0, 0, G_OPTION_ARG_STRING, &o.audit, N_ ("From 1.25: the audit level"),
      N_ ("LEVEL") },
    { "warn", 0, 0, G_OPTION_ARG_STRING, &o.warn, N_ ("From 1.25: the warn level"), N_ ("LEVEL") },
    { "show", 0, 0, G_OPTION_ARG_NONE, &o.show, N_ ("Only show what applies in each namespace"),
      NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacGuestClient) client = NULL;
  g_autoptr (PacPodSecurity) security = NULL;
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = { NULL, NULL };
  PacPodSecurityRequest request = { 0 };

  if (!parse (_ ("Lets a guest cluster admit pods: PodSecurityPolicy bindings up to Kubernetes "
                 "1.24, Pod Security Admission labels from 1.25."),
              extra, &argc, &argv, &o, &error))
    return pac_ctl_fail ("pod-security", error->message, 2);
  if (!level_option (o.level, PAC_POD_SECURITY_PRIVILEGED, &request.level)
      || !level_option (o.audit, PAC_POD_SECURITY_NONE, &request.audit)
      || !level_option (o.warn, PAC_POD_SECURITY_NONE, &request.warn))
    return pac_ctl_fail ("pod-security", _ ("levels are privileged, baseline, restricted or none"),
                         2);
  if (o.scope && !g_str_equal (o.scope, "namespaces") && !g_str_equal (o.scope, "cluster"))
    return pac_ctl_fail ("pod-security", _ ("--scope is namespaces or cluster"), 2);
  request.scope
    = g_strcmp0 (o.scope, "cluster") == 0 ? PAC_POD_SECURITY_CLUSTER : PAC_POD_SECURITY_NAMESPACES;
  request.namespaces = (const char *const *) o.in;
  if (!(client = open_guest (&o, &error)))
    return pac_ctl_fail_with ("pod-security", error);
  wait.loop = g_main_loop_new (NULL, FALSE);
  pac_pod_security_load_async (client, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if (!(security = pac_pod_security_load_finish (client, result, &error)))
    return pac_ctl_fail_with ("pod-security", error);
  if (o.show)
    return show_pod_security (security), 0;
  if (!(plan = pac_pod_security_plan (security, &request, &error)))
    return pac_ctl_fail ("pod-security", error->message, 2);
  return carry_out ("pod-security", client, plan, o.dry_run);
}

/* ---- access ---- */

static PacAccess *
load_access (PacGuestClient *client, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  pac_access_load_async (client, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  return pac_access_load_finish (client, result, error);
}

/* With -o json or yaml: rows {subject, kind, role, namespace (null:
 * cluster-wide), binding, fromVsphere} */
static void
print_grants (PacAccess *access, const char *output)
{
  GPtrArray *grants = pac_access_get_grants (access);
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_ARRAY);
  PacCtlTarget t = { .output = (char *) output };

  for (guint i = 0; i < grants->len; i++)
    {
      PacGrant *grant = g_ptr_array_index (grants, i);
      JsonObject *row = json_object_new ();
      json_object_set_string_member (row, "subject", grant->subject);
      json_object_set_string_member (row, "kind", pac_access_kind_to_string (grant->kind));
      json_object_set_string_member (row, "role", grant->role);
      json_object_set_string_member (row, "namespace", grant->namespace);
      json_object_set_string_member (row, "binding", grant->binding);
      json_object_set_boolean_member (row, "fromVsphere", grant->from_vsphere);
      json_array_add_object_element (rows, row);
    }
  json_node_set_array (data, rows);
  pac_ctl_print (&t, data, NULL);
}

static void
list_grants (PacAccess *access, const char *output)
{
  GPtrArray *grants = pac_access_get_grants (access);

  if (output && g_strcmp0 (output, "table") != 0)
    {
      print_grants (access, output);
      return;
    }

  g_print ("%-36s %-6s %-14s %-16s %s\n", _ ("SUBJECT"), _ ("KIND"), _ ("ROLE"), _ ("WHERE"),
           _ ("BINDING"));
  for (guint i = 0; i < grants->len; i++)
    {
      PacGrant *grant = g_ptr_array_index (grants, i);

      g_print ("%-36s %-6s %-14s %-16s %s%s\n", grant->subject,
               pac_access_kind_to_string (grant->kind), grant->role,
               grant->namespace ? grant->namespace : "*", grant->binding,
               grant->from_vsphere ? _ (" (vSphere)") : "");
    }
}

/* The grant @subject has as @role in @namespace, if any */
static const PacGrant *
find_grant (PacAccess *access,
            PacAccessKind kind,
            const char *subject,
            const char *role,
            const char *namespace)
{
  GPtrArray *grants = pac_access_get_grants (access);

  for (guint i = 0; i < grants->len; i++)
    {
      const PacGrant *grant = g_ptr_array_index (grants, i);

      if (grant->kind == kind && g_str_equal (grant->subject, subject)
          && g_strcmp0 (grant->role, role) == 0 && g_strcmp0 (grant->namespace, namespace) == 0)
        return grant;
    }
  return NULL;
}

static GPtrArray *
plan_access (PacAccess *access,
             const char *verb,
             const Options *o,
             const char *text,
             GError **error)
{
  PacAccessKind kind = o->group ? PAC_ACCESS_GROUP : PAC_ACCESS_USER;
  const char *namespace = o->in ? o->in[0] : NULL;
  g_autofree char *subject = NULL;
  const PacGrant *grant;

  if (g_str_equal (verb, "grant"))
    return pac_access_plan_grant (access, kind, text, o->role, namespace, error);
  if (!(subject = pac_access_subject_from_text (text, error)))
    return NULL;
  if (!(grant = find_grant (access, kind, subject, o->role, namespace)))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);
  return pac_access_plan_revoke (access, grant, error);
}

int
pac_ctl_access (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry extra[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &o.role,
      N_ ("cluster-admin, admin, edit or view (for grant and revoke)"), N_ ("ROLE") },
    { "group", 0, 0, G_OPTION_ARG_NONE, &o.group, N_ ("The subject is an SSO group"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &o.output, N_ ("table (default), json or yaml"),
      N_ ("FORMAT") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacGuestClient) client = NULL;
  g_autoptr (PacAccess) access = NULL;
  g_autoptr (GPtrArray) plan = NULL;
  const char *verb = argc > 1 ? argv[1] : "";

  if (!parse (_ ("list | grant SUBJECT | revoke SUBJECT: roles of vSphere SSO users and groups "
                 "in a guest cluster, cluster-wide or --in one namespace."),
              extra, &argc, &argv, &o, &error))
    return pac_ctl_fail ("access", error->message, 2);
  verb = argc > 1 ? argv[1] : "";
  if (!g_str_equal (verb, "list") && !g_str_equal (verb, "grant") && !g_str_equal (verb, "revoke"))
    return pac_ctl_fail ("access", _ ("say list, grant SUBJECT or revoke SUBJECT"), 2);
  if (o.output
      && !g_strv_contains ((const char *const[]){ "table", "json", "yaml", NULL }, o.output))
    return pac_ctl_fail ("access", _ ("-o takes table, json or yaml"), 2);
  if (!g_str_equal (verb, "list") && (argc != 3 || o.role == NULL))
    return pac_ctl_fail ("access", _ ("grant and revoke take one SUBJECT and --role"), 2);
  if (!(client = open_guest (&o, &error)) || !(access = load_access (client, &error)))
    return pac_ctl_fail_with ("access", error);
  if (g_str_equal (verb, "list"))
    return list_grants (access, o.output), 0;
  if (!(plan = plan_access (access, verb, &o, argv[2], &error)))
    return pac_ctl_fail ("access", error->message, 2);
  return carry_out ("access", client, plan, o.dry_run);
}
