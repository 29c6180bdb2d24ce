/* pac-pod-security.c: which pods a guest cluster admits, and how to change
 * it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to Kubernetes 1.24 a TKGS cluster runs PodSecurityPolicy with
 * VMware's two policies, vmware-system-privileged and -restricted; a pod
 * is admitted when its creator may `use` one it satisfies. Deployments
 * create pods through service accounts, which have no policy until bound
 * (the source article's "unable to validate against any pod security
 * policy"). VMware documents two bindings: a RoleBinding of
 * psp:vmware-system-<level> to the group system:serviceaccounts in a
 * namespace, or a ClusterRoleBinding to system:authenticated.
 *
 * From 1.25 Pod Security Admission reads the namespace labels
 * pod-security.kubernetes.io/{enforce,audit,warn}; TKR 1.25 only warns,
 * 1.26 and later enforce "restricted" where no label says otherwise
 * (doc/resources.md, "Pod security").
 *
 * Plans hold only what changes; a binding someone else made that grants
 * the same already counts, and Pacific deletes only bindings it made.
 */
#define G_LOG_DOMAIN "pac-pod-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-pod-security.h"

#define PSA_PREFIX "pod-security.kubernetes.io/"

struct _PacPodSecurity
{
  GObject parent_instance;

  PacGuestClient *client;
  PacGuestState *state;
};

G_DEFINE_FINAL_TYPE (PacPodSecurity, pac_pod_security, G_TYPE_OBJECT)

static const char *const level_names[] = { [PAC_POD_SECURITY_NONE] = "none",
                                           [PAC_POD_SECURITY_PRIVILEGED] = "privileged",
                                           [PAC_POD_SECURITY_BASELINE] = "baseline",
                                           [PAC_POD_SECURITY_RESTRICTED] = "restricted" };

const char *
pac_pod_security_level_to_string (PacPodSecurityLevel level)
{
  return level_names[level];
}

gboolean
pac_pod_security_level_from_string (const char *text, PacPodSecurityLevel *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (text, level_names[i]) == 0)
      {
        *level = i;
        return TRUE;
      }
  return FALSE;
}

/* Whether an admission refusal (a ReplicaSet's or an event's message) is
 * about pod security, under either regime */
gboolean
pac_pod_security_is_refusal (const char *message)
{
  return message
         && (strstr (message, "unable to validate against any pod security policy")
             || strstr (message, "violates PodSecurity"));
}

/* ---- loading ---- */

static void
on_state (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  PacGuestState *state = pac_guest_state_load_finish (PAC_GUEST_CLIENT (source), result, &error);
  PacPodSecurity *self;

  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self = g_object_new (PAC_TYPE_POD_SECURITY, NULL);
  self->client = g_object_ref (PAC_GUEST_CLIENT (source));
  self->state = state;
  g_task_return_pointer (task, self, g_object_unref);
}

/* Reads what decides pod security in the cluster of @client, now */
void
pac_pod_security_load_async (PacGuestClient *client,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_pod_security_load_async);
  pac_guest_state_load_async (client, cancellable, on_state, task);
}

PacPodSecurity *
pac_pod_security_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PacGuestClient *
pac_pod_security_get_client (PacPodSecurity *self)
{
  return self->client;
}

/* PodSecurityPolicy (≤ 1.24) rather than Pod Security Admission */
gboolean
pac_pod_security_uses_psp (PacPodSecurity *self)
{
  return self->state->minor <= 24;
}

const char *
pac_pod_security_get_version (PacPodSecurity *self)
{
  return self->state->version;
}

GStrv
pac_pod_security_dup_namespaces (PacPodSecurity *self)
{
  return pac_guest_state_dup_namespaces (self->state);
}

/* ---- PodSecurityPolicy ---- */

static char *
psp_role (PacPodSecurityLevel level)
{
  return g_strdup_printf ("psp:vmware-system-%s", level_names[level]);
}

static char *
our_binding_name (PacPodSecurityLevel level, gboolean cluster_wide)
{
  return g_strdup_printf ("pacific:psp:%s:%s", level_names[level],
                          cluster_wide ? "authenticated" : "serviceaccounts");
}

/* Does @binding let pods made by service accounts of @namespace (or, with
 * @everyone, every authenticated user) use the policy of @level? */
static gboolean
binding_grants (JsonObject *binding,
                PacPodSecurityLevel level,
                const char *namespace,
                gboolean everyone)
{
  g_autofree char *role = psp_role (level);
  g_autofree char *namespace_group
    = namespace ? g_strdup_printf ("system:serviceaccounts:%s", namespace) : NULL;

  if (g_strcmp0 (pac_json_string (binding, "roleRef.kind"), "ClusterRole") != 0
      || g_strcmp0 (pac_json_string (binding, "roleRef.name"), role) != 0)
    return FALSE;
  if (pac_guest_binding_has_subject (binding, "Group", "system:authenticated"))
    return TRUE;
  return !everyone
         && (pac_guest_binding_has_subject (binding, "Group", "system:serviceaccounts")
             || (namespace_group
                 && pac_guest_binding_has_subject (binding, "Group", namespace_group)));
}

/* The binding that grants @level in @namespace, or cluster-wide with
 * @namespace %NULL; %NULL when none does */
static JsonObject *
find_grant (PacPodSecurity *self, PacPodSecurityLevel level, const char *namespace)
{
  JsonArray *cluster = pac_guest_state_bindings (self->state, TRUE);
  JsonArray *local = pac_guest_state_bindings (self->state, FALSE);

  for (guint i = 0; namespace && local && i < json_array_get_length (local); i++)
    {
      JsonObject *binding = json_array_get_object_element (local, i);

      if (g_strcmp0 (pac_json_string (binding, "metadata.namespace"), namespace) == 0
          && binding_grants (binding, level, namespace, FALSE))
        return binding;
    }
  for (guint i = 0; cluster && i < json_array_get_length (cluster); i++)
    {
      JsonObject *binding = json_array_get_object_element (cluster, i);

      if (binding_grants (binding, level, namespace, namespace == NULL))
        return binding;
    }
  return NULL;
}

/* Pacific's own binding of @level, if the cluster has it */
static JsonObject *
find_ours (PacPodSecurity *self, PacPodSecurityLevel level, const char *namespace)
{
  g_autofree char *name = our_binding_name (level, namespace == NULL);
  JsonArray *bindings = pac_guest_state_bindings (self->state, namespace == NULL);

  for (guint i = 0; bindings && i < json_array_get_length (bindings); i++)
    {
      JsonObject *binding = json_array_get_object_element (bindings, i);

      if (g_strcmp0 (pac_json_string (binding, "metadata.name"), name) == 0
          && g_strcmp0 (pac_json_string (binding, "metadata.namespace"), namespace) == 0)
        return binding;
    }
  return NULL;
}

static char *
describe_psp (PacPodSecurity *self, const char *namespace)
{
  JsonObject *binding;

  if (g_strcmp0 (namespace, "kube-system") == 0)
    return g_strdup (_ ("System namespace: its service accounts may run pods"));
  if ((binding = find_grant (self, PAC_POD_SECURITY_PRIVILEGED, namespace)))
    /* Translators: a RoleBinding's or ClusterRoleBinding's name */
    return g_strdup_printf (_ ("Privileged pods allowed (binding “%s”)"),
                            pac_json_string (binding, "metadata.name"));
  if ((binding = find_grant (self, PAC_POD_SECURITY_RESTRICTED, namespace)))
    /* Translators: a RoleBinding's or ClusterRoleBinding's name */
    return g_strdup_printf (_ ("Restricted pods allowed (binding “%s”)"),
                            pac_json_string (binding, "metadata.name"));
  return g_strdup (_ ("No policy bound: pods of Deployments and other controllers are refused"));
}

/* Every binding to a PodSecurityPolicy role, cluster-wide first */
static void
add_psp_bindings (GPtrArray *found, JsonArray *bindings)
{
  for (guint i = 0; bindings && i < json_array_get_length (bindings); i++)
    {
      JsonObject *binding = json_array_get_object_element (bindings, i);

      if (g_str_has_prefix (pac_json_string (binding, "roleRef.name") ?: "", "psp:"))
        g_ptr_array_add (found, json_object_ref (binding));
    }
}

/**
 * pac_pod_security_list_bindings:
 *
 * Returns: (transfer container) (element-type JsonObject): the bindings to
 *   PodSecurityPolicy roles, whoever made them; empty from 1.25
 */
GPtrArray *
pac_pod_security_list_bindings (PacPodSecurity *self)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (!pac_pod_security_uses_psp (self))
    return found;
  add_psp_bindings (found, pac_guest_state_bindings (self->state, TRUE));
  add_psp_bindings (found, pac_guest_state_bindings (self->state, FALSE));
  return found;
}

/* @namespace %NULL: the cluster-wide binding */
static void
plan_psp_in (PacPodSecurity *self,
             PacPodSecurityLevel level,
             const char *namespace,
             GPtrArray *applies,
             GPtrArray *deletes)
{
  static const PacPodSecurityLevel levels[]
    = { PAC_POD_SECURITY_PRIVILEGED, PAC_POD_SECURITY_RESTRICTED };

  if (level != PAC_POD_SECURITY_NONE && find_grant (self, level, namespace) == NULL)
    {
      g_autofree char *name = our_binding_name (level, namespace == NULL);
      g_autofree char *role = psp_role (level);

      g_ptr_array_add (
        applies, pac_guest_change_new (PAC_GUEST_CHANGE_APPLY,
                                       pac_guest_binding_new (namespace, name, role, "Group",
                                                              namespace ? "system:serviceaccounts"
                                                                        : "system:authenticated")));
    }
  /* Pacific's binding of another level goes: the level is the one asked */
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      JsonObject *ours = levels[i] != level ? find_ours (self, levels[i], namespace) : NULL;

      if (ours)
        g_ptr_array_add (deletes,
                         pac_guest_change_new (PAC_GUEST_CHANGE_DELETE, json_object_ref (ours)));
    }
}

/* ---- Pod Security Admission ---- */

PacPodSecurityLevel
pac_pod_security_get_label (PacPodSecurity *self, const char *namespace, const char *mode)
{
  JsonObject *object = pac_guest_state_find_namespace (self->state, namespace);
  JsonObject *labels = object ? pac_json_object (object, "metadata.labels") : NULL;
  g_autofree char *key = g_strconcat (PSA_PREFIX, mode, NULL);
  PacPodSecurityLevel level = PAC_POD_SECURITY_NONE;

  if (labels && json_object_has_member (labels, key))
    pac_pod_security_level_from_string (json_object_get_string_member (labels, key), &level);
  return level;
}

static char *
describe_psa (PacPodSecurity *self, const char *namespace)
{
  static const char *const modes[] = { "enforce", "audit", "warn" };
  g_autoptr (GString) text = g_string_new (NULL);

  if (g_strcmp0 (namespace, "kube-system") == 0)
    return g_strdup (_ ("System namespace: exempt"));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      PacPodSecurityLevel level = pac_pod_security_get_label (self, namespace, modes[i]);

      if (level != PAC_POD_SECURITY_NONE)
        g_string_append_printf (text, "%s%s: %s", text->len ? " · " : "", modes[i],
                                level_names[level]);
    }
  if (text->len)
    return g_string_free (g_steal_pointer (&text), FALSE);
  return g_strdup (self->state->minor >= 26
                     ? _ ("No labels: the cluster enforces “restricted”")
                     : _ ("No labels: the cluster warns about pods that are not “restricted”"));
}

/* A label change for @namespace, or %NULL when its labels are as asked */
static PacGuestChange *
plan_psa_in (PacPodSecurity *self, const PacPodSecurityRequest *request, const char *namespace)
{
  const struct
  {
    const char *mode;
    PacPodSecurityLevel level;
  } wanted[]
    = { { "enforce", request->level }, { "audit", request->audit }, { "warn", request->warn } };
  g_autoptr (JsonObject) labels = json_object_new ();
  JsonObject *object, *metadata;

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autofree char *key = g_strconcat (PSA_PREFIX, wanted[i].mode, NULL);

      if (pac_pod_security_get_label (self, namespace, wanted[i].mode) == wanted[i].level)
        continue;
      if (wanted[i].level == PAC_POD_SECURITY_NONE)
        json_object_set_null_member (labels, key);
      else
        json_object_set_string_member (labels, key, level_names[wanted[i].level]);
    }
  if (json_object_get_size (labels) == 0)
    return NULL;
  object = json_object_new ();
  metadata = json_object_new ();
  json_object_set_string_member (object, "apiVersion", "v1");
  json_object_set_string_member (object, "kind", "Namespace");
  json_object_set_string_member (metadata, "name", namespace);
  json_object_set_object_member (metadata, "labels", g_steal_pointer (&labels));
  json_object_set_object_member (object, "metadata", metadata);
  return pac_guest_change_new (PAC_GUEST_CHANGE_LABEL, object);
}

/* ---- both ---- */

/* Returns: (transfer full): what applies in @namespace now, in words */
char *
pac_pod_security_describe_namespace (PacPodSecurity *self, const char *namespace)
{
  return pac_pod_security_uses_psp (self) ? describe_psp (self, namespace)
                                          : describe_psa (self, namespace);
}

static gboolean
check_request (PacPodSecurity *self, const PacPodSecurityRequest *request, GError **error)
{
  gboolean per_namespace
    = !pac_pod_security_uses_psp (self) || request->scope == PAC_POD_SECURITY_NAMESPACES;

  if (pac_pod_security_uses_psp (self) && request->level == PAC_POD_SECURITY_BASELINE)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("Up to Kubernetes 1.24 the levels are privileged and restricted")),
           FALSE;
  if (per_namespace && (request->namespaces == NULL || request->namespaces[0] == NULL))
    return g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                                _ ("Choose at least one namespace")),
           FALSE;
  for (guint i = 0; per_namespace && request->namespaces[i]; i++)
    if (pac_guest_state_find_namespace (self->state, request->namespaces[i]) == NULL)
      return g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND,
                          _ ("The cluster has no namespace “%s”"), request->namespaces[i]),
             FALSE;
  return TRUE;
}

/**
 * pac_pod_security_plan:
 *
 * Returns: (transfer container) (element-type PacGuestChange): what
 *   brings the cluster to @request, creations before deletions so that
 *   no pod is refused in between; empty when it is there already
 */
GPtrArray *
pac_pod_security_plan (PacPodSecurity *self, const PacPodSecurityRequest *request, GError **error)
{
  g_autoptr (GPtrArray) plan
    = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);
  g_autoptr (GPtrArray) deletes
    = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_guest_change_free);

  if (!check_request (self, request, error))
    return NULL;
  if (!pac_pod_security_uses_psp (self))
    for (guint i = 0; request->namespaces[i]; i++)
      {
        PacGuestChange *change = plan_psa_in (self, request, request->namespaces[i]);

        if (change)
          g_ptr_array_add (plan, change);
      }
  else if (request->scope == PAC_POD_SECURITY_CLUSTER)
    plan_psp_in (self, request->level, NULL, plan, deletes);
  else
    for (guint i = 0; request->namespaces[i]; i++)
      plan_psp_in (self, request->level, request->namespaces[i], plan, deletes);
  g_ptr_array_extend_and_steal (plan, g_steal_pointer (&deletes));
  return g_steal_pointer (&plan);
}

static void
pac_pod_security_finalize (GObject *object)
{
  PacPodSecurity *self = PAC_POD_SECURITY (object);

  g_clear_object (&self->client);
  pac_guest_state_free (self->state);
  G_OBJECT_CLASS (pac_pod_security_parent_class)->finalize (object);
}

static void
pac_pod_security_class_init (PacPodSecurityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_pod_security_finalize;
}

static void
pac_pod_security_init (PacPodSecurity *self)
{
}
