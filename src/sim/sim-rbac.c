/* sim-rbac.c: Kubernetes RBAC over a guest cluster's Roles,
 * ClusterRoles and their bindings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the RBAC authorizer documents it: a request is allowed when a
 * ClusterRoleBinding, or a RoleBinding of the request's namespace, binds
 * a subject matching the user, one of its groups or its service account
 * to a role with a rule covering the verb, API group, resource and name.
 * Members of system:masters are always allowed.
 */
#define G_LOG_DOMAIN "sim-rbac"

#include "sim-rbac.h"

#include <string.h>

#include "sim-json.h"

#define RBAC "rbac.authorization.k8s.io/"

static gboolean
list_matches (JsonArray *list, const char *value)
{
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      const char *item = json_array_get_string_element (list, i);
      if (g_strcmp0 (item, "*") == 0 || g_strcmp0 (item, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
rule_allows (JsonObject *rule,
             const char *verb,
             const char *group,
             const char *resource,
             const char *name)
{
  JsonArray *names = sim_json_get_array (rule, "resourceNames");

  if (!list_matches (sim_json_get_array (rule, "verbs"), verb)
      || !list_matches (sim_json_get_array (rule, "apiGroups"), group)
      || !list_matches (sim_json_get_array (rule, "resources"), resource))
    return FALSE;
  return names == NULL || json_array_get_length (names) == 0
         || (name && list_matches (names, name));
}

static gboolean
subject_matches (JsonObject *subject,
                 const char *binding_namespace,
                 const char *user,
                 const char *const *groups)
{
  const char *kind = sim_json_get_string (subject, "kind");
  const char *name = sim_json_get_string (subject, "name");

  if (g_strcmp0 (kind, "User") == 0)
    return g_strcmp0 (name, user) == 0;
  if (g_strcmp0 (kind, "Group") == 0)
    return name && groups && g_strv_contains (groups, name);
  if (g_strcmp0 (kind, "ServiceAccount") == 0)
    {
      const char *ns = sim_json_get_string (subject, "namespace");
      g_autofree char *full = g_strdup_printf ("system:serviceaccount:%s:%s",
                                               ns ? ns : binding_namespace, name ? name : "");
      return g_strcmp0 (user, full) == 0;
    }
  return FALSE;
}

static gboolean
binding_applies (JsonObject *binding, const char *user, const char *const *groups)
{
  JsonArray *subjects = sim_json_get_array (binding, "subjects");
  const char *ns = sim_json_get_path_string (binding, "metadata.namespace");

  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    if (subject_matches (json_array_get_object_element (subjects, i), ns, user, groups))
      return TRUE;
  return FALSE;
}

static JsonObject *
role_of (SimStore *store, JsonObject *binding)
{
  const char *kind = sim_json_get_path_string (binding, "roleRef.kind");
  const char *name = sim_json_get_path_string (binding, "roleRef.name");

  if (g_strcmp0 (kind, "ClusterRole") == 0)
    return sim_store_get (store, RBAC "clusterroles", NULL, name);
  return sim_store_get (store, RBAC "roles",
                        sim_json_get_path_string (binding, "metadata.namespace"), name);
}

static gboolean
role_allows (JsonObject *role,
             const char *verb,
             const char *group,
             const char *resource,
             const char *name)
{
  JsonArray *rules = sim_json_get_array (role, "rules");

  for (guint i = 0; rules && i < json_array_get_length (rules); i++)
    if (rule_allows (json_array_get_object_element (rules, i), verb, group, resource, name))
      return TRUE;
  return FALSE;
}

static gboolean
bindings_allow (SimStore *store,
                const char *key,
                const char *namespace,
                const char *user,
                const char *const *groups,
                const char *verb,
                const char *group,
                const char *resource,
                const char *name)
{
  g_autoptr (GPtrArray) bindings = sim_store_list (store, key, namespace);

  for (guint i = 0; i < bindings->len; i++)
    {
      JsonObject *binding = g_ptr_array_index (bindings, i);
      JsonObject *role;

      if (!binding_applies (binding, user, groups))
        continue;
      role = role_of (store, binding);
      if (role && role_allows (role, verb, group, resource, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
sim_rbac_authorize (SimStore *store,
                    const char *user,
                    const char *const *groups,
                    const char *verb,
                    const char *group,
                    const char *resource,
                    const char *namespace,
                    const char *name)
{
  if (groups && g_strv_contains (groups, "system:masters"))
    return TRUE;
  if (bindings_allow (store, RBAC "clusterrolebindings", NULL, user, groups, verb, group, resource,
                      name))
    return TRUE;
  return namespace
         && bindings_allow (store, RBAC "rolebindings", namespace, user, groups, verb, group,
                            resource, name);
}

static void
add_rules_of (SimStore *store,
              const char *key,
              const char *namespace,
              const char *user,
              const char *const *groups,
              JsonArray *resource_rules,
              JsonArray *non_resource_rules)
{
  g_autoptr (GPtrArray) bindings = sim_store_list (store, key, namespace);

  for (guint i = 0; i < bindings->len; i++)
    {
      JsonObject *binding = g_ptr_array_index (bindings, i);
      JsonObject *role = binding_applies (binding, user, groups) ? role_of (store, binding) : NULL;
      JsonArray *rules = role ? sim_json_get_array (role, "rules") : NULL;

      for (guint r = 0; rules && r < json_array_get_length (rules); r++)
        {
          JsonObject *rule = json_array_get_object_element (rules, r);
          json_array_add_object_element (
            sim_json_get_array (rule, "nonResourceURLs") ? non_resource_rules : resource_rules,
            sim_json_object_copy (rule));
        }
    }
}

/* What a SelfSubjectRulesReview answers: the rules of every role bound to
 * the user cluster-wide or in @namespace, as the RBAC authorizer lists them */
void
sim_rbac_rules (SimStore *store,
                const char *user,
                const char *const *groups,
                const char *namespace,
                JsonArray *resource_rules,
                JsonArray *non_resource_rules)
{
  if (groups && g_strv_contains (groups, "system:masters"))
    {
      g_autoptr (JsonNode) all = sim_json_parse (
        "{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}", -1, NULL);
      json_array_add_object_element (resource_rules, json_object_ref (json_node_get_object (all)));
    }
  add_rules_of (store, RBAC "clusterrolebindings", NULL, user, groups, resource_rules,
                non_resource_rules);
  if (namespace)
    add_rules_of (store, RBAC "rolebindings", namespace, user, groups, resource_rules,
                  non_resource_rules);
}

/* The groups of a service account user, as the token authenticator adds them */
GStrv
sim_rbac_service_account_groups (const char *namespace)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *own = g_strdup_printf ("system:serviceaccounts:%s", namespace);

  g_strv_builder_add (builder, "system:serviceaccounts");
  g_strv_builder_add (builder, own);
  g_strv_builder_add (builder, "system:authenticated");
  return g_strv_builder_end (builder);
}
