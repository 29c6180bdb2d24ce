/* sim-admission.c: pod security admission in a guest cluster, by its
 * Kubernetes version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to 1.24, PodSecurityPolicy: a pod is admitted when the creating user
 * or the pod's service account may `use` a policy the pod satisfies;
 * otherwise "unable to validate against any pod security policy: […]"
 * (the source article's message). From 1.25, Pod Security Admission on
 * the namespace's pod-security.kubernetes.io labels, with the messages
 * of the Pod Security Standards checks; 1.25 warns, 1.26 and later
 * enforce "restricted" unless a label says otherwise
 * (doc/resources.md, "Pod security"). kube-system is exempt.
 */
#define G_LOG_DOMAIN "sim-admission"

#include "sim-admission.h"

#include <string.h>

#include "sim-json.h"
#include "sim-rbac.h"

/* ---- the pod's parts ---- */

static GPtrArray *
containers_of (JsonObject *pod)
{
  JsonObject *spec = sim_json_get_object (pod, "spec");
  GPtrArray *all = g_ptr_array_new ();

  for (const char *const *member
       = (const char *const[]){ "initContainers", "containers", "ephemeralContainers", NULL };
       *member; member++)
    {
      JsonArray *list = sim_json_get_array (spec, *member);
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        g_ptr_array_add (all, json_array_get_object_element (list, i));
    }
  return all;
}

static const char *
volume_type (JsonObject *volume)
{
  g_autoptr (GList) members = json_object_get_members (volume);

  for (GList *l = members; l; l = l->next)
    if (!g_str_equal (l->data, "name"))
      return l->data;
  return "emptyDir";
}

static gboolean
get_bool (JsonObject *object, const char *member, gboolean fallback)
{
  return object ? json_object_get_boolean_member_with_default (object, member, fallback) : fallback;
}

static gboolean
container_bool (JsonObject *container, const char *member, gboolean fallback)
{
  return get_bool (sim_json_get_object (container, "securityContext"), member, fallback);
}

/* ---- PodSecurityPolicy ---- */

static gboolean
psp_allows_volume (JsonObject *psp, const char *type)
{
  JsonArray *volumes = sim_json_get_array (sim_json_get_object (psp, "spec"), "volumes");

  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      const char *allowed = json_array_get_string_element (volumes, i);
      if (g_strcmp0 (allowed, "*") == 0 || g_strcmp0 (allowed, type) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The errors of @pod under @psp, in the policy admission's words */
static void
psp_check (JsonObject *psp, JsonObject *pod, GString *errors)
{
  JsonObject *psp_spec = sim_json_get_object (psp, "spec");
  JsonObject *spec = sim_json_get_object (pod, "spec");
  JsonArray *volumes = sim_json_get_array (spec, "volumes");
  g_autoptr (GPtrArray) containers = containers_of (pod);
  gboolean privileged_ok
    = json_object_get_boolean_member_with_default (psp_spec, "privileged", FALSE);
  const char *run_as = sim_json_get_path_string (psp_spec, "runAsUser.rule");

  for (const char *const *host = (const char *const[]){ "hostNetwork", "hostPID", "hostIPC", NULL };
       *host; host++)
    if (json_object_get_boolean_member_with_default (spec, *host, FALSE)
        && !json_object_get_boolean_member_with_default (psp_spec, *host, FALSE))
      g_string_append_printf (errors,
                              "%sspec.securityContext.%s: Invalid value: true: %s is not "
                              "allowed to be used",
                              errors->len ? " " : "", *host,
                              g_str_equal (*host, "hostNetwork") ? "Host network"
                              : g_str_equal (*host, "hostPID")   ? "Host PID"
                                                                 : "Host IPC");
  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      const char *type = volume_type (json_array_get_object_element (volumes, i));
      if (!psp_allows_volume (psp, type))
        g_string_append_printf (errors,
                                "%sspec.volumes[%u]: Invalid value: \"%s\": %s volumes are not "
                                "allowed to be used",
                                errors->len ? " " : "", i, type, type);
    }
  for (guint i = 0; i < containers->len; i++)
    {
      JsonObject *container = g_ptr_array_index (containers, i);
      JsonObject *context = sim_json_get_object (container, "securityContext");
      gint64 uid = sim_json_get_int (
        context, "runAsUser",
        sim_json_get_int (sim_json_get_object (spec, "securityContext"), "runAsUser", -1));

      if (container_bool (container, "privileged", FALSE) && !privileged_ok)
        g_string_append_printf (errors,
                                "%sspec.containers[%u].securityContext.privileged: Invalid value: "
                                "true: Privileged containers are not allowed",
                                errors->len ? " " : "", i);
      if (g_strcmp0 (run_as, "MustRunAsNonRoot") == 0 && uid == 0)
        g_string_append_printf (errors,
                                "%sspec.containers[%u].securityContext.runAsUser: Invalid value: "
                                "0: running with the root UID is forbidden",
                                errors->len ? " " : "", i);
    }
}

/* PSP admission asks about `use` in the pod's namespace, so a RoleBinding
 * there counts (the article's fix). */
static gboolean
may_use (SimStore *store,
         const char *user,
         const char *const *groups,
         const char *namespace,
         const char *psp)
{
  return sim_rbac_authorize (store, user, groups, "use", "policy", "podsecuritypolicies", namespace,
                             psp);
}

static gboolean
admit_psp (SimServer *guest,
           JsonObject *pod,
           const char *user,
           const char *const *groups,
           char **reason)
{
  SimStore *store = sim_server_get_store (guest);
  g_autoptr (GPtrArray) policies = sim_store_list (store, "policy/podsecuritypolicies", NULL);
  const char *ns = sim_json_get_path_string (pod, "metadata.namespace");
  const char *account = sim_json_get_path_string (pod, "spec.serviceAccountName");
  g_autofree char *account_user
    = g_strdup_printf ("system:serviceaccount:%s:%s", ns, account ? account : "default");
  g_auto (GStrv) account_groups = sim_rbac_service_account_groups (ns);
  g_autoptr (GString) errors = g_string_new (NULL);

  for (guint i = 0; i < policies->len; i++)
    {
      JsonObject *psp = g_ptr_array_index (policies, i);
      const char *name = sim_json_get_path_string (psp, "metadata.name");
      g_autoptr (GString) found = g_string_new (NULL);

      if (!(user && may_use (store, user, groups, ns, name))
          && !may_use (store, account_user, (const char *const *) account_groups, ns, name))
        continue;
      psp_check (psp, pod, found);
      if (found->len == 0)
        {
          JsonObject *annotations
            = sim_json_ensure_object (sim_json_ensure_object (pod, "metadata"), "annotations");
          json_object_set_string_member (annotations, "kubernetes.io/psp", name);
          return TRUE;
        }
      g_string_append_printf (errors, "%s%s", errors->len ? " " : "", found->str);
    }
  *reason
    = g_strdup_printf ("unable to validate against any pod security policy: [%s]", errors->str);
  return FALSE;
}

/* ---- Pod Security Admission ---- */

typedef enum
{
  LEVEL_PRIVILEGED,
  LEVEL_BASELINE,
  LEVEL_RESTRICTED,
} Level;

static const char *const level_names[] = { "privileged", "baseline", "restricted" };

static gboolean
level_from (const char *text, Level *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (text, level_names[i]) == 0)
      {
        *level = (Level) i;
        return TRUE;
      }
  return FALSE;
}

static void add_violation (GPtrArray *violations, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_violation (GPtrArray *violations, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (violations, g_strdup_vprintf (format, args));
  va_end (args);
}

/* "container \"a\"" or "containers \"a\", \"b\"" */
static char *
containers_phrase (GPtrArray *names)
{
  g_autoptr (GString) phrase = g_string_new (names->len == 1 ? "container " : "containers ");

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (phrase, "%s\"%s\"", i ? ", " : "",
                            (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&phrase), FALSE);
}

static void
check_baseline (JsonObject *pod, GPtrArray *violations)
{
  JsonObject *spec = sim_json_get_object (pod, "spec");
  JsonArray *volumes = sim_json_get_array (spec, "volumes");
  g_autoptr (GPtrArray) containers = containers_of (pod);
  g_autoptr (GPtrArray) privileged = g_ptr_array_new ();

  for (const char *const *host = (const char *const[]){ "hostNetwork", "hostPID", "hostIPC", NULL };
       *host; host++)
    if (json_object_get_boolean_member_with_default (spec, *host, FALSE))
      add_violation (violations, "host namespaces (%s=true)", *host);
  for (guint i = 0; i < containers->len; i++)
    if (container_bool (g_ptr_array_index (containers, i), "privileged", FALSE))
      g_ptr_array_add (privileged,
                       (gpointer) sim_json_get_string (g_ptr_array_index (containers, i), "name"));
  if (privileged->len)
    {
      g_autofree char *who = containers_phrase (privileged);
      add_violation (violations, "privileged (%s must not set securityContext.privileged=true)",
                     who);
    }
  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      JsonObject *volume = json_array_get_object_element (volumes, i);
      if (json_object_has_member (volume, "hostPath"))
        add_violation (violations, "hostPath volumes (volume \"%s\")",
                       sim_json_get_string (volume, "name"));
    }
}

static void
check_restricted (JsonObject *pod, GPtrArray *violations)
{
  JsonObject *spec = sim_json_get_object (pod, "spec");
  JsonObject *pod_context = sim_json_get_object (spec, "securityContext");
  JsonArray *volumes = sim_json_get_array (spec, "volumes");
  g_autoptr (GPtrArray) containers = containers_of (pod);
  g_autoptr (GPtrArray) escalation = g_ptr_array_new ();
  g_autoptr (GPtrArray) capabilities = g_ptr_array_new ();
  g_autoptr (GPtrArray) non_root = g_ptr_array_new ();
  g_autoptr (GPtrArray) seccomp = g_ptr_array_new ();
  static const char *const allowed_volumes[]
    = { "configMap", "csi",    "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
        "projected", "secret", NULL };
  gboolean pod_non_root = get_bool (pod_context, "runAsNonRoot", FALSE);
  const char *pod_seccomp = sim_json_get_path_string (pod_context, "seccompProfile.type");

  for (guint i = 0; volumes && i < json_array_get_length (volumes); i++)
    {
      JsonObject *volume = json_array_get_object_element (volumes, i);
      const char *type = volume_type (volume);
      if (!g_strv_contains (allowed_volumes, type))
        add_violation (violations,
                       "restricted volume types (volume \"%s\" uses restricted volume "
                       "type \"%s\")",
                       sim_json_get_string (volume, "name"), type);
    }
  for (guint i = 0; i < containers->len; i++)
    {
      JsonObject *container = g_ptr_array_index (containers, i);
      JsonObject *context = sim_json_get_object (container, "securityContext");
      const char *name = sim_json_get_string (container, "name");
      JsonArray *drop = sim_json_get_array (sim_json_get_object (context, "capabilities"), "drop");
      const char *own_seccomp = sim_json_get_path_string (context, "seccompProfile.type");
      const char *profile = own_seccomp ? own_seccomp : pod_seccomp;
      gboolean drops_all = FALSE;

      if (context == NULL || !json_object_has_member (context, "allowPrivilegeEscalation")
          || json_object_get_boolean_member (context, "allowPrivilegeEscalation"))
        g_ptr_array_add (escalation, (gpointer) name);
      for (guint d = 0; drop && d < json_array_get_length (drop); d++)
        drops_all |= g_strcmp0 (json_array_get_string_element (drop, d), "ALL") == 0;
      if (!drops_all)
        g_ptr_array_add (capabilities, (gpointer) name);
      if (!get_bool (context, "runAsNonRoot", pod_non_root))
        g_ptr_array_add (non_root, (gpointer) name);
      if (g_strcmp0 (profile, "RuntimeDefault") != 0 && g_strcmp0 (profile, "Localhost") != 0)
        g_ptr_array_add (seccomp, (gpointer) name);
    }
  if (escalation->len)
    {
      g_autofree char *who = containers_phrase (escalation);
      add_violation (violations,
                     "allowPrivilegeEscalation != false (%s must set "
                     "securityContext.allowPrivilegeEscalation=false)",
                     who);
    }
  if (capabilities->len)
    {
      g_autofree char *who = containers_phrase (capabilities);
      add_violation (violations,
                     "unrestricted capabilities (%s must set "
                     "securityContext.capabilities.drop=[\"ALL\"])",
                     who);
    }
  if (non_root->len)
    {
      g_autofree char *who = containers_phrase (non_root);
      add_violation (violations,
                     "runAsNonRoot != true (pod or %s must set "
                     "securityContext.runAsNonRoot=true)",
                     who);
    }
  if (seccomp->len)
    {
      g_autofree char *who = containers_phrase (seccomp);
      add_violation (violations,
                     "seccompProfile (pod or %s must set "
                     "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
                     who);
    }
}

static char *
violations_at (JsonObject *pod, Level level)
{
  g_autoptr (GPtrArray) violations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);

  if (level >= LEVEL_BASELINE)
    check_baseline (pod, violations);
  if (level >= LEVEL_RESTRICTED)
    check_restricted (pod, violations);
  if (violations->len == 0)
    return NULL;
  for (guint i = 0; i < violations->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "",
                            (char *) g_ptr_array_index (violations, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
admit_psa (SimServer *guest, JsonObject *pod, char **reason, GPtrArray *warnings)
{
  const char *ns = sim_json_get_path_string (pod, "metadata.namespace");
  JsonObject *namespace = sim_store_get (sim_server_get_store (guest), "/namespaces", NULL, ns);
  JsonObject *labels = sim_json_get_path_object (namespace, "metadata.labels");
  guint minor = sim_server_kubernetes_minor (guest);
  Level enforce = minor >= 26 ? LEVEL_RESTRICTED : LEVEL_PRIVILEGED;
  Level warn = LEVEL_RESTRICTED;
  g_autofree char *enforced = NULL;
  g_autofree char *warned = NULL;

  if (g_strcmp0 (ns, "kube-system") == 0)
    return TRUE;
  level_from (sim_json_get_string (labels, "pod-security.kubernetes.io/enforce"), &enforce);
  if (!level_from (sim_json_get_string (labels, "pod-security.kubernetes.io/warn"), &warn))
    warn = enforce > LEVEL_PRIVILEGED ? enforce : LEVEL_RESTRICTED;
  enforced = violations_at (pod, enforce);
  if (enforced)
    {
      *reason = g_strdup_printf ("violates PodSecurity \"%s:latest\": %s", level_names[enforce],
                                 enforced);
      return FALSE;
    }
  warned = warnings ? violations_at (pod, warn) : NULL;
  if (warned)
    g_ptr_array_add (warnings, g_strdup_printf ("would violate PodSecurity \"%s:latest\": %s",
                                                level_names[warn], warned));
  return TRUE;
}

gboolean
sim_admission_pod (SimServer *guest,
                   JsonObject *pod,
                   const char *user,
                   const char *const *groups,
                   char **reason,
                   GPtrArray *warnings)
{
  *reason = NULL;
  if (sim_server_kubernetes_minor (guest) <= 24)
    return admit_psp (guest, pod, user, groups, reason);
  return admit_psa (guest, pod, reason, warnings);
}

/* PSA's warnings for a workload's pod template (Deployment, DaemonSet) */
void
sim_admission_template_warnings (SimServer *guest,
                                 const char *namespace,
                                 JsonObject *template,
                                 GPtrArray *warnings)
{
  g_autoptr (JsonObject) pod = sim_json_object_copy (template);
  g_autofree char *reason = NULL;

  if (sim_server_kubernetes_minor (guest) <= 24)
    return;
  json_object_set_string_member (sim_json_ensure_object (pod, "metadata"), "namespace", namespace);
  /* kube-apiserver's words for a template: "would violate PodSecurity …" */
  if (!admit_psa (guest, pod, &reason, warnings))
    g_ptr_array_add (warnings, g_strdup_printf ("would violate%s", reason + strlen ("violates")));
}
