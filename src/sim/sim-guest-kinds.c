/* sim-guest-kinds.c: what a guest cluster's API serves beyond the core
 * kinds: nodes, service accounts, RBAC and (up to 1.24) PodSecurityPolicy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Groups, versions, scopes, short names and the columns kube-apiserver's
 * table convertor prints for them. Workloads are in sim-workload-kinds.c.
 */
#define G_LOG_DOMAIN "sim-guest"

#include "sim-server.h"

#include "sim-json.h"
#include "sim-protobuf.h"
#include "sim-schema-json.h"

#define STRINGS "{\"type\":\"array\",\"items\":" STRING "}"

/* ---- nodes ---- */

static char *
node_status (JsonObject *node)
{
  JsonArray *conditions = sim_json_get_array (sim_json_get_object (node, "status"), "conditions");
  gboolean ready = FALSE;

  for (guint i = 0; conditions && i < json_array_get_length (conditions); i++)
    {
      JsonObject *condition = json_array_get_object_element (conditions, i);
      if (g_strcmp0 (sim_json_get_string (condition, "type"), "Ready") == 0)
        ready = g_strcmp0 (sim_json_get_string (condition, "status"), "True") == 0;
    }
  if (json_object_get_boolean_member_with_default (sim_json_get_object (node, "spec"),
                                                   "unschedulable", FALSE))
    return g_strdup (ready ? "Ready,SchedulingDisabled" : "NotReady,SchedulingDisabled");
  return g_strdup (ready ? "Ready" : "NotReady");
}

static char *
node_roles (JsonObject *node)
{
  JsonObject *labels = sim_json_get_path_object (node, "metadata.labels");
  g_autoptr (GList) keys = labels ? json_object_get_members (labels) : NULL;
  g_autoptr (GString) roles = g_string_new (NULL);

  for (GList *l = keys; l; l = l->next)
    if (g_str_has_prefix (l->data, "node-role.kubernetes.io/"))
      g_string_append_printf (roles, "%s%s", roles->len ? "," : "",
                              (char *) l->data + strlen ("node-role.kubernetes.io/"));
  return g_strdup (roles->len ? roles->str : "<none>");
}

static char *
node_internal_ip (JsonObject *node)
{
  JsonArray *addresses = sim_json_get_array (sim_json_get_object (node, "status"), "addresses");

  for (guint i = 0; addresses && i < json_array_get_length (addresses); i++)
    {
      JsonObject *address = json_array_get_object_element (addresses, i);
      if (g_strcmp0 (sim_json_get_string (address, "type"), "InternalIP") == 0)
        return g_strdup (sim_json_get_string (address, "address"));
    }
  return g_strdup ("<none>");
}

static const SimColumn node_columns[] = {
  { "Status", "string", "", "", 0, node_status },
  { "Roles", "string", "", "", 0, node_roles },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "Version", "string", ".status.nodeInfo.kubeletVersion", "", 0 },
  { "Internal-IP", "string", "", "", 1, node_internal_ip },
  { "OS-Image", "string", ".status.nodeInfo.osImage", "", 1 },
  { "Kernel-Version", "string", ".status.nodeInfo.kernelVersion", "", 1 },
  { "Container-Runtime", "string", ".status.nodeInfo.containerRuntimeVersion", "", 1 },
  { NULL },
};

static const SimKind nodes = {
  .group = "",
  .version = "v1",
  .plural = "nodes",
  .singular = "node",
  .kind = "Node",
  .short_names = (const char *const[]){ "no", NULL },
  .namespaced = FALSE,
  .has_status = TRUE,
  .unconditional_update = TRUE,
  .columns = node_columns,
  .schema_name = "io.k8s.api.core.v1.Node",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":" OPEN
                 ",\"status\":" OPEN "}}",
};

/* ---- service accounts ---- */

static const SimProtoField service_account_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 0 },
};
static const SimProtoMessage service_account_protobuf = { service_account_fields };

static const SimColumn service_account_columns[] = {
  { "Secrets", "integer", "len(.secrets)", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind service_accounts = {
  .group = "",
  .version = "v1",
  .plural = "serviceaccounts",
  .singular = "serviceaccount",
  .kind = "ServiceAccount",
  .short_names = (const char *const[]){ "sa", NULL },
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = service_account_columns,
  .schema_name = "io.k8s.api.core.v1.ServiceAccount",
  .protobuf = &service_account_protobuf,
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"secrets\":{\"type\":"
    "\"array\",\"items\":" OPEN "},\"imagePullSecrets\":{\"type\":\"array\","
    "\"items\":" OPEN "},\"automountServiceAccountToken\":{\"type\":\"boolean\"}}}",
};

/* ---- RBAC ---- */

#define RULES                                                                                      \
  "\"rules\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"verbs\"],"         \
  "\"properties\":{\"apiGroups\":" STRINGS ",\"resources\":" STRINGS ",\"verbs\":" STRINGS         \
  ",\"resourceNames\":" STRINGS ",\"nonResourceURLs\":" STRINGS "}}}"
#define BINDING                                                                                    \
  "\"roleRef\":{\"type\":\"object\",\"required\":[\"apiGroup\",\"kind\",\"name\"],\"properties\":" \
  "{\"apiGroup\":" STRING ",\"kind\":" STRING ",\"name\":" STRING "}},\"subjects\":{\"type\":"     \
  "\"array\",\"items\":{\"type\":\"object\",\"required\":[\"kind\",\"name\"],\"properties\":{"     \
  "\"kind\":" STRING ",\"apiGroup\":" STRING ",\"name\":" STRING ",\"namespace\":" STRING "}}}"

static char *
binding_role (JsonObject *binding)
{
  return g_strdup_printf ("%s/%s", sim_json_get_path_string (binding, "roleRef.kind"),
                          sim_json_get_path_string (binding, "roleRef.name"));
}

static char *
subjects_of_kind (JsonObject *binding, const char *kind)
{
  JsonArray *subjects = sim_json_get_array (binding, "subjects");
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    {
      JsonObject *subject = json_array_get_object_element (subjects, i);
      if (g_strcmp0 (sim_json_get_string (subject, "kind"), kind) != 0)
        continue;
      if (g_str_equal (kind, "ServiceAccount"))
        g_string_append_printf (names, "%s%s/%s", names->len ? ", " : "",
                                sim_json_get_string (subject, "namespace") ?: "",
                                sim_json_get_string (subject, "name"));
      else
        g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                                sim_json_get_string (subject, "name"));
    }
  return g_strdup (names->str);
}

static char *
binding_users (JsonObject *binding)
{
  return subjects_of_kind (binding, "User");
}

static char *
binding_groups (JsonObject *binding)
{
  return subjects_of_kind (binding, "Group");
}

static char *
binding_service_accounts (JsonObject *binding)
{
  return subjects_of_kind (binding, "ServiceAccount");
}

static void
validate_binding (SimServer *server,
                  const SimKind *kind,
                  JsonObject *object,
                  JsonObject *old,
                  GPtrArray *causes)
{
  const char *role_kind = sim_json_get_path_string (object, "roleRef.kind");
  JsonArray *subjects = sim_json_get_array (object, "subjects");

  if (role_kind && !g_str_equal (role_kind, "ClusterRole")
      && !(g_str_equal (kind->kind, "RoleBinding") && g_str_equal (role_kind, "Role")))
    sim_add_cause (causes, "FieldValueNotSupported", "roleRef.kind",
                   "Unsupported value: \"%s\": supported values: %s", role_kind,
                   g_str_equal (kind->kind, "RoleBinding") ? "\"Role\", \"ClusterRole\""
                                                           : "\"ClusterRole\"");
  if (old
      && g_strcmp0 (sim_json_get_path_string (old, "roleRef.name"),
                    sim_json_get_path_string (object, "roleRef.name"))
           != 0)
    sim_add_cause (causes, "FieldValueInvalid", "roleRef",
                   "Invalid value: \"%s\": cannot change roleRef",
                   sim_json_get_path_string (object, "roleRef.name"));
  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    {
      const char *subject_kind
        = sim_json_get_string (json_array_get_object_element (subjects, i), "kind");
      g_autofree char *field = g_strdup_printf ("subjects[%u].kind", i);
      if (subject_kind && !g_str_equal (subject_kind, "User")
          && !g_str_equal (subject_kind, "Group") && !g_str_equal (subject_kind, "ServiceAccount"))
        sim_add_cause (causes, "FieldValueNotSupported", field,
                       "Unsupported value: \"%s\": supported values: \"ServiceAccount\", "
                       "\"User\", \"Group\"",
                       subject_kind);
    }
}

/* The protobuf form kubectl create rolebinding sends (k8s.io/api/rbac/v1) */
static const SimProtoField subject_fields[] = {
  { 1, "kind", SIM_PROTO_STRING, NULL },
  { 2, "apiGroup", SIM_PROTO_STRING, NULL },
  { 3, "name", SIM_PROTO_STRING, NULL },
  { 4, "namespace", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage subject_message = { subject_fields };
static const SimProtoField role_ref_fields[] = {
  { 1, "apiGroup", SIM_PROTO_STRING, NULL },
  { 2, "kind", SIM_PROTO_STRING, NULL },
  { 3, "name", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage role_ref_message = { role_ref_fields };
static const SimProtoField binding_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "subjects", SIM_PROTO_REPEATED_MESSAGE, &subject_message },
  { 3, "roleRef", SIM_PROTO_MESSAGE, &role_ref_message },
  { 0 },
};
static const SimProtoMessage binding_protobuf = { binding_fields };
static const SimProtoField policy_rule_fields[] = {
  { 1, "verbs", SIM_PROTO_REPEATED_STRING, NULL },
  { 2, "apiGroups", SIM_PROTO_REPEATED_STRING, NULL },
  { 3, "resources", SIM_PROTO_REPEATED_STRING, NULL },
  { 4, "resourceNames", SIM_PROTO_REPEATED_STRING, NULL },
  { 5, "nonResourceURLs", SIM_PROTO_REPEATED_STRING, NULL },
  { 0 },
};
static const SimProtoMessage policy_rule_message = { policy_rule_fields };
static const SimProtoField role_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "rules", SIM_PROTO_REPEATED_MESSAGE, &policy_rule_message },
  { 0 },
};
static const SimProtoMessage role_protobuf = { role_fields };
static const SimColumn role_columns[] = {
  { "Created At", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimColumn binding_columns[] = {
  { "Role", "string", "", "", 0, binding_role },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "Users", "string", "", "", 1, binding_users },
  { "Groups", "string", "", "", 1, binding_groups },
  { "ServiceAccounts", "string", "", "", 1, binding_service_accounts },
  { NULL },
};

static const SimKind roles = {
  .group = "rbac.authorization.k8s.io",
  .version = "v1",
  .plural = "roles",
  .singular = "role",
  .kind = "Role",
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = role_columns,
  .schema_name = "io.k8s.api.rbac.v1.Role",
  .protobuf = &role_protobuf,
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META "," RULES "}}",
};

static const SimKind cluster_roles = {
  .group = "rbac.authorization.k8s.io",
  .version = "v1",
  .plural = "clusterroles",
  .singular = "clusterrole",
  .kind = "ClusterRole",
  .namespaced = FALSE,
  .unconditional_update = TRUE,
  .columns = role_columns,
  .schema_name = "io.k8s.api.rbac.v1.ClusterRole",
  .protobuf = &role_protobuf,
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META "," RULES
                 ",\"aggregationRule\":" OPEN "}}",
};

static const SimKind role_bindings = {
  .group = "rbac.authorization.k8s.io",
  .version = "v1",
  .plural = "rolebindings",
  .singular = "rolebinding",
  .kind = "RoleBinding",
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = binding_columns,
  .schema_name = "io.k8s.api.rbac.v1.RoleBinding",
  .protobuf = &binding_protobuf,
  .schema_json = "{\"type\":\"object\",\"required\":[\"roleRef\"],\"properties\":{" TYPE_META
                 "," META "," BINDING "}}",
  .validate = validate_binding,
};

static const SimKind cluster_role_bindings = {
  .group = "rbac.authorization.k8s.io",
  .version = "v1",
  .plural = "clusterrolebindings",
  .singular = "clusterrolebinding",
  .kind = "ClusterRoleBinding",
  .namespaced = FALSE,
  .unconditional_update = TRUE,
  .columns = binding_columns,
  .schema_name = "io.k8s.api.rbac.v1.ClusterRoleBinding",
  .protobuf = &binding_protobuf,
  .schema_json = "{\"type\":\"object\",\"required\":[\"roleRef\"],\"properties\":{" TYPE_META
                 "," META "," BINDING "}}",
  .validate = validate_binding,
};

/* ---- PodSecurityPolicy (policy/v1beta1, up to Kubernetes 1.24) ---- */

/* Built-in printers join lists with commas. */
static char *
join_strings (JsonObject *object, const char *member)
{
  JsonArray *list = sim_json_get_array (sim_json_get_object (object, "spec"), member);
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    g_string_append_printf (joined, "%s%s", i ? "," : "", json_array_get_string_element (list, i));
  return g_strdup (joined->str);
}

static char *
psp_capabilities (JsonObject *psp)
{
  return join_strings (psp, "allowedCapabilities");
}

static char *
psp_volumes (JsonObject *psp)
{
  return join_strings (psp, "volumes");
}

static const SimColumn psp_columns[] = {
  { "Priv", "boolean", ".spec.privileged", "", 0 },
  { "Caps", "string", "", "", 0, psp_capabilities },
  { "SELinux", "string", ".spec.seLinux.rule", "", 0 },
  { "RunAsUser", "string", ".spec.runAsUser.rule", "", 0 },
  { "FSGroup", "string", ".spec.fsGroup.rule", "", 0 },
  { "SupGroup", "string", ".spec.supplementalGroups.rule", "", 0 },
  { "ReadOnlyRootFS", "boolean", ".spec.readOnlyRootFilesystem", "", 0 },
  { "Volumes", "string", "", "", 0, psp_volumes },
  { NULL },
};

static const SimKind pod_security_policies = {
  .group = "policy",
  .version = "v1beta1",
  .plural = "podsecuritypolicies",
  .singular = "podsecuritypolicy",
  .kind = "PodSecurityPolicy",
  .short_names = (const char *const[]){ "psp", NULL },
  .namespaced = FALSE,
  .has_generation = TRUE,
  .unconditional_update = TRUE,
  .columns = psp_columns,
  .schema_name = "io.k8s.api.policy.v1beta1.PodSecurityPolicy",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":" OPEN "}}",
};

void sim_register_workload_kinds (SimServer *self);

/* What a vSphere namespace's editors create on the Supervisor as in any
 * Kubernetes namespace: service accounts and namespaced RBAC */
void
sim_register_namespace_access_kinds (SimServer *self)
{
  sim_server_register_kind (self, &service_accounts);
  sim_server_register_kind (self, &roles);
  sim_server_register_kind (self, &role_bindings);
}

void
sim_register_guest_kinds (SimServer *self)
{
  sim_server_register_kind (self, &nodes);
  sim_register_namespace_access_kinds (self);
  sim_server_register_kind (self, &cluster_roles);
  sim_server_register_kind (self, &cluster_role_bindings);
  if (sim_server_kubernetes_minor (self) <= 24)
    sim_server_register_kind (self, &pod_security_policies);
  sim_register_workload_kinds (self);
}
