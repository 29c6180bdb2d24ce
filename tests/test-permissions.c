/* test-permissions.c: PacPodSecurity and PacAccess against the
 * simulator's guest clusters: the article's PodSecurityPolicy symptom and
 * its fix on a 1.17 cluster, Pod Security Admission labels on a 1.26 one,
 * and SSO users' and groups' access granted, listed and revoked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-access.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-pod-security.h"
#include "pac-yaml.h"
#include "sim-connection.h"
#include "test-deadline.h"

static SimFixture *sim_701; /* Kubernetes 1.17: PodSecurityPolicy */
static SimFixture *sim_8;   /* Kubernetes 1.26: Pod Security Admission */

static PacGuestClient *
guest_client (SimFixture *sim)
{
  g_autoptr (PacConnection) supervisor
    = sim_connection_new (sim, "devops@vsphere.local", "DevOps!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest = NULL;

  pac_connection_open_guest_async (supervisor, "dev", "dev-cluster-01", NULL, sim_fixture_on_done,
                                   &result);
  guest = pac_connection_open_guest_finish (supervisor, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return pac_guest_client_new (guest);
}

static JsonNode *
apply_yaml (PacGuestClient *client, const char *yaml, GError **error)
{
  g_autoptr (JsonNode) manifest = pac_yaml_load (yaml, -1, NULL);
  GAsyncResult *result = NULL;
  JsonNode *node;

  g_assert_nonnull (manifest);
  pac_guest_client_apply_async (client, json_node_get_object (manifest), NULL, sim_fixture_on_done,
                                &result);
  node = pac_guest_client_apply_finish (client, sim_fixture_wait (&result), NULL, error);
  g_object_unref (result);
  return node;
}

static JsonObject *
read_object (PacGuestClient *client,
             const char *api_version,
             const char *kind,
             const char *ns,
             const char *name,
             GError **error)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonObject) metadata = json_object_new ();
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) node = NULL;

  json_object_set_string_member (object, "apiVersion", api_version);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (metadata, "name", name);
  if (ns)
    json_object_set_string_member (metadata, "namespace", ns);
  json_object_set_object_member (object, "metadata", g_steal_pointer (&metadata));
  pac_guest_client_send_async (client, "GET", object, NULL, sim_fixture_on_done, &result);
  node = pac_guest_client_call_finish (client, sim_fixture_wait (&result), error);
  g_object_unref (result);
  return node ? json_object_ref (json_node_get_object (node)) : NULL;
}

static PacPodSecurity *
load_pod_security (PacGuestClient *client)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacPodSecurity *security;

  pac_pod_security_load_async (client, NULL, sim_fixture_on_done, &result);
  security = pac_pod_security_load_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return security;
}

static PacAccess *
load_access (PacGuestClient *client)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacAccess *access;

  pac_access_load_async (client, NULL, sim_fixture_on_done, &result);
  access = pac_access_load_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return access;
}

static guint
run (PacGuestClient *client, GPtrArray *changes)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  guint changed = G_MAXUINT;

  g_assert_nonnull (changes);
  pac_guest_changes_apply_async (client, changes, NULL, sim_fixture_on_done, &result);
  g_assert_true (
    pac_guest_changes_apply_finish (client, sim_fixture_wait (&result), &changed, &error));
  g_object_unref (result);
  g_assert_no_error (error);
  return changed;
}

/* The ReplicaFailure message of the Deployment's ReplicaSet, waited for */
static char *
replica_failure (PacGuestClient *client, const char *ns)
{
  for (gint64 deadline = test_deadline (10); test_before (deadline); test_pause_ms (100))
    {
      GAsyncResult *result = NULL;
      g_autoptr (JsonNode) list = NULL;
      JsonArray *items;

      pac_guest_client_list_async (client, PAC_GUEST_REPLICA_SETS, ns, NULL, NULL, NULL,
                                   sim_fixture_on_done, &result);
      list = pac_guest_client_call_finish (client, sim_fixture_wait (&result), NULL);
      g_object_unref (result);
      items = pac_json_array (pac_json_node_object (list), "items");
      for (guint i = 0; items && i < json_array_get_length (items); i++)
        {
          JsonArray *conditions
            = pac_json_array (json_array_get_object_element (items, i), "status.conditions");

          for (guint c = 0; conditions && c < json_array_get_length (conditions); c++)
            {
              JsonObject *condition = json_array_get_object_element (conditions, c);

              if (g_strcmp0 (pac_json_string (condition, "type"), "ReplicaFailure") == 0)
                return g_strdup (pac_json_string (condition, "message"));
            }
        }
    }
  return NULL;
}

static gint64
ready_replicas (PacGuestClient *client, const char *ns, const char *name, gint64 wanted)
{
  gint64 ready = -1;

  for (gint64 deadline = test_deadline (10); ready != wanted && test_before (deadline);
       test_pause_ms (100))
    {
      g_autoptr (JsonObject) deployment
        = read_object (client, "apps/v1", "Deployment", ns, name, NULL);

      ready = pac_json_int (deployment, "status.readyReplicas", 0);
    }
  return ready;
}

static const char deployment[]
  = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: hello, namespace: %s}\n"
    "spec:\n  replicas: 2\n  selector: {matchLabels: {app: hello}}\n  template:\n"
    "    metadata: {labels: {app: hello}}\n"
    "    spec: {containers: [{name: hello, image: paulbouwer/hello-kubernetes:1.8}]}\n";

static void
test_psp_article (void)
{
  g_autoptr (PacGuestClient) client = guest_client (sim_701);
  g_autoptr (PacPodSecurity) security = NULL;
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *yaml = g_strdup_printf (deployment, "default");
  g_autoptr (JsonNode) created = apply_yaml (client, yaml, &error);
  g_autofree char *failure = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *preview = NULL;
  g_autoptr (JsonObject) binding = NULL;
  g_autoptr (JsonObject) binding_again = NULL;
  const char *namespaces[] = { "default", NULL };
  PacPodSecurityRequest request = { .level = PAC_POD_SECURITY_PRIVILEGED,
                                    .scope = PAC_POD_SECURITY_NAMESPACES,
                                    .namespaces = namespaces };
  PacGuestChange *change;

  g_assert_no_error (error);
  g_assert_nonnull (created);
  failure = replica_failure (client, "default");
  g_assert_nonnull (strstr (failure ?: "", "unable to validate against any pod security policy"));
  g_assert_true (pac_pod_security_is_refusal (failure));

  security = load_pod_security (client);
  g_assert_true (pac_pod_security_uses_psp (security));
  g_assert_true (g_str_has_prefix (pac_pod_security_get_version (security), "v1.17."));
  before = pac_pod_security_describe_namespace (security, "default");
  g_assert_nonnull (strstr (before, "No policy bound"));

  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  change = g_ptr_array_index (plan, 0);
  g_assert_cmpint (change->kind, ==, PAC_GUEST_CHANGE_APPLY);
  g_assert_cmpstr (pac_json_string (change->object, "kind"), ==, "RoleBinding");
  g_assert_cmpstr (pac_json_string (change->object, "roleRef.name"), ==,
                   "psp:vmware-system-privileged");
  g_assert_true (pac_guest_binding_has_subject (change->object, "Group", "system:serviceaccounts"));
  preview = pac_guest_changes_to_yaml (plan);
  g_assert_nonnull (strstr (preview, "namespace: default"));
  g_assert_cmpuint (run (client, plan), ==, 1);
  g_assert_cmpint (ready_replicas (client, "default", "hello", 2), ==, 2);

  /* Re-applying changes nothing: the plan is empty, and the old one is a no-op */
  g_clear_object (&security);
  security = load_pod_security (client);
  after = pac_pod_security_describe_namespace (security, "default");
  g_assert_nonnull (strstr (after, "Privileged pods allowed"));
  again = pac_pod_security_plan (security, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  binding = read_object (client, "rbac.authorization.k8s.io/v1", "RoleBinding", "default",
                         "pacific:psp:privileged:serviceaccounts", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run (client, plan), ==, 0);
  binding_again = read_object (client, "rbac.authorization.k8s.io/v1", "RoleBinding", "default",
                               "pacific:psp:privileged:serviceaccounts", &error);
  g_assert_cmpstr (pac_json_string (binding, "metadata.resourceVersion"), ==,
                   pac_json_string (binding_again, "metadata.resourceVersion"));
}

static void
test_psp_levels_and_scope (void)
{
  g_autoptr (PacGuestClient) client = guest_client (sim_701);
  g_autoptr (PacPodSecurity) security = NULL;
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GPtrArray) bindings = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) theirs = NULL;
  g_autoptr (JsonNode) ns = NULL;
  g_autoptr (JsonObject) kept = NULL;
  g_auto (GStrv) names = NULL;
  const char *namespaces[] = { "apps", "kube-public", NULL };
  PacPodSecurityRequest request = { .level = PAC_POD_SECURITY_BASELINE,
                                    .scope = PAC_POD_SECURITY_NAMESPACES,
                                    .namespaces = namespaces };

  ns = apply_yaml (client, "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n", &error);
  g_assert_no_error (error);
  /* kube-public already has the article's binding, made with kubectl */
  theirs = apply_yaml (client,
                       "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
                       "metadata: {name: rolebinding-default-privileged-sa-ns_default, "
                       "namespace: kube-public}\n"
                       "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
                       "name: psp:vmware-system-privileged}\n"
                       "subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, "
                       "name: system:serviceaccounts}]\n",
                       &error);
  g_assert_no_error (error);
  security = load_pod_security (client);
  bindings = pac_pod_security_list_bindings (security);
  g_assert_cmpuint (bindings->len, >=, 1);
  /* sorted by name, whatever order the cluster lists them in */
  names = pac_pod_security_dup_namespaces (security);
  g_assert_cmpstrv (names, ((const char *const[]){ "apps", "default", "kube-node-lease",
                                                   "kube-public", "kube-system", NULL }));

  /* 1.17 knows no baseline policy */
  g_assert_null (pac_pod_security_plan (security, &request, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  request.namespaces = (const char *[]){ NULL };
  request.level = PAC_POD_SECURITY_PRIVILEGED;
  g_assert_null (pac_pod_security_plan (security, &request, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  request.namespaces = (const char *[]){ "nowhere", NULL };
  g_assert_null (pac_pod_security_plan (security, &request, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Someone else's equal binding counts: only "apps" gets one */
  request.namespaces = namespaces;
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpstr (
    pac_json_string (((PacGuestChange *) plan->pdata[0])->object, "metadata.namespace"), ==,
    "apps");
  g_assert_cmpuint (run (client, plan), ==, 1);

  /* Another level replaces Pacific's binding; theirs stays */
  g_clear_pointer (&plan, g_ptr_array_unref);
  g_clear_object (&security);
  security = load_pod_security (client);
  request.level = PAC_POD_SECURITY_RESTRICTED;
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_cmpuint (plan->len, ==, 3); /* restricted in both; privileged of ours in apps goes */
  g_assert_cmpint (((PacGuestChange *) plan->pdata[2])->kind, ==, PAC_GUEST_CHANGE_DELETE);
  g_assert_cmpstr (pac_json_string (((PacGuestChange *) plan->pdata[2])->object, "metadata.name"),
                   ==, "pacific:psp:privileged:serviceaccounts");
  g_assert_cmpuint (run (client, plan), ==, 3);

  /* None removes Pacific's only */
  g_clear_pointer (&plan, g_ptr_array_unref);
  g_clear_object (&security);
  security = load_pod_security (client);
  request.level = PAC_POD_SECURITY_NONE;
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_cmpuint (run (client, plan), ==, 2);
  g_clear_object (&security);
  security = load_pod_security (client);
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_cmpuint (plan->len, ==, 0);
  kept = read_object (client, "rbac.authorization.k8s.io/v1", "RoleBinding", "kube-public",
                      "rolebinding-default-privileged-sa-ns_default", &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);

  /* Cluster-wide: one ClusterRoleBinding for every authenticated user */
  g_clear_pointer (&plan, g_ptr_array_unref);
  request.level = PAC_POD_SECURITY_PRIVILEGED;
  request.scope = PAC_POD_SECURITY_CLUSTER;
  request.namespaces = NULL;
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpstr (pac_json_string (((PacGuestChange *) plan->pdata[0])->object, "kind"), ==,
                   "ClusterRoleBinding");
  g_assert_true (pac_guest_binding_has_subject (((PacGuestChange *) plan->pdata[0])->object,
                                                "Group", "system:authenticated"));
}

static const char privileged_pod[]
  = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: default}\n"
    "spec: {containers: [{name: tool, image: busybox, securityContext: {privileged: true}}]}\n";

static void
test_psa_labels (void)
{
  g_autoptr (PacGuestClient) client = guest_client (sim_8);
  g_autoptr (PacPodSecurity) security = load_pod_security (client);
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GPtrArray) bindings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pod = g_strdup_printf (privileged_pod, "tool");
  g_autofree char *pod2 = g_strdup_printf (privileged_pod, "tool2");
  g_autoptr (JsonNode) refused = apply_yaml (client, pod, &error);
  g_autoptr (JsonNode) admitted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *preview = NULL;
  const char *namespaces[] = { "default", NULL };
  PacPodSecurityRequest request = { .level = PAC_POD_SECURITY_PRIVILEGED,
                                    .warn = PAC_POD_SECURITY_RESTRICTED,
                                    .namespaces = namespaces };

  g_assert_null (refused);
  g_assert_true (pac_pod_security_is_refusal (error->message));
  g_clear_error (&error);
  g_assert_false (pac_pod_security_uses_psp (security));
  g_assert_true (g_str_has_prefix (pac_pod_security_get_version (security), "v1.26."));
  before = pac_pod_security_describe_namespace (security, "default");
  g_assert_nonnull (strstr (before, "enforces “restricted”"));
  bindings = pac_pod_security_list_bindings (security);
  g_assert_cmpuint (bindings->len, ==, 0);

  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpint (((PacGuestChange *) plan->pdata[0])->kind, ==, PAC_GUEST_CHANGE_LABEL);
  preview = pac_guest_changes_to_yaml (plan);
  g_assert_nonnull (strstr (preview, "pod-security.kubernetes.io/enforce: privileged"));
  g_assert_nonnull (strstr (preview, "pod-security.kubernetes.io/warn: restricted"));
  g_assert_cmpuint (run (client, plan), ==, 1);
  admitted = apply_yaml (client, pod, &error);
  g_assert_no_error (error);
  g_assert_nonnull (admitted);

  g_clear_object (&security);
  g_clear_pointer (&plan, g_ptr_array_unref);
  security = load_pod_security (client);
  after = pac_pod_security_describe_namespace (security, "default");
  g_assert_cmpstr (after, ==, "enforce: privileged · warn: restricted");
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_cmpuint (plan->len, ==, 0);

  /* Removing the labels refuses the pod again */
  g_clear_pointer (&plan, g_ptr_array_unref);
  request.level = request.warn = PAC_POD_SECURITY_NONE;
  plan = pac_pod_security_plan (security, &request, &error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpuint (run (client, plan), ==, 1);
  g_clear_pointer (&refused, json_node_unref);
  refused = apply_yaml (client, pod2, &error);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "violates PodSecurity \"restricted:latest\""));
}

/* May @user do @verb on @resource in @ns? A SubjectAccessReview asks. */
static gboolean
can (PacGuestClient *client,
     const char *user,
     const char *verb,
     const char *resource,
     const char *ns)
{
  g_autofree char *yaml
    = g_strdup_printf ("apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\n"
                       "spec: {user: \"%s\", groups: [system:authenticated], resourceAttributes: "
                       "{verb: %s, resource: %s, namespace: \"%s\"}}\n",
                       user, verb, resource, ns ? ns : "");
  g_autoptr (JsonNode) review = pac_yaml_load (yaml, -1, NULL);
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GError) error = NULL;

  pac_connection_request_async (pac_guest_client_get_connection (client), "POST",
                                "/apis/authorization.k8s.io/v1/subjectaccessreviews", review, NULL,
                                sim_fixture_on_done, &result);
  answer = pac_connection_request_finish (pac_guest_client_get_connection (client),
                                          sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return json_object_get_boolean_member_with_default (
    pac_json_object (pac_json_node_object (answer), "status"), "allowed", FALSE);
}

static const PacGrant *
find_grant (PacAccess *access, const char *subject, const char *role, const char *ns)
{
  GPtrArray *grants = pac_access_get_grants (access);

  for (guint i = 0; i < grants->len; i++)
    {
      const PacGrant *grant = g_ptr_array_index (grants, i);

      if (g_str_equal (grant->subject, subject) && g_strcmp0 (grant->role, role) == 0
          && g_strcmp0 (grant->namespace, ns) == 0)
        return grant;
    }
  return NULL;
}

static void
test_access (void)
{
  g_autoptr (PacGuestClient) client = guest_client (sim_8);
  g_autoptr (PacAccess) access = load_access (client);
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *subject = NULL;
  const PacGrant *grant;

  /* vSphere's role sync: the Owner is cluster-admin, and stays so */
  grant = find_grant (access, "sso:devops@vsphere.local", "cluster-admin", NULL);
  g_assert_nonnull (grant);
  g_assert_true (grant->from_vsphere);
  g_assert_null (pac_access_plan_revoke (access, grant, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);

  /* Bad names and roles are refused */
  g_assert_null (pac_access_plan_grant (access, PAC_ACCESS_USER, "alice", "edit", NULL, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pac_access_plan_grant (access, PAC_ACCESS_USER, "a/b@c", "edit", NULL, &error));
  g_clear_error (&error);
  g_assert_null (
    pac_access_plan_grant (access, PAC_ACCESS_USER, "alice@vsphere.local", "god", NULL, &error));
  g_clear_error (&error);
  subject = pac_access_subject_from_text (" sso:alice@vsphere.local ", &error);
  g_assert_cmpstr (subject, ==, "sso:alice@vsphere.local");

  g_assert_false (can (client, "sso:alice@vsphere.local", "create", "deployments", "default"));
  plan = pac_access_plan_grant (access, PAC_ACCESS_USER, "alice@vsphere.local", "edit", "default",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpuint (run (client, plan), ==, 1);
  g_assert_true (can (client, "sso:alice@vsphere.local", "create", "deployments", "default"));
  g_assert_false (can (client, "sso:alice@vsphere.local", "create", "deployments", "kube-public"));

  /* Listed, and granting again changes nothing */
  g_clear_object (&access);
  g_clear_pointer (&plan, g_ptr_array_unref);
  access = load_access (client);
  grant = find_grant (access, "sso:alice@vsphere.local", "edit", "default");
  g_assert_nonnull (grant);
  g_assert_true (grant->ours);
  g_assert_cmpint (grant->kind, ==, PAC_ACCESS_USER);
  plan = pac_access_plan_grant (access, PAC_ACCESS_USER, "sso:alice@vsphere.local", "edit",
                                "default", &error);
  g_assert_cmpuint (plan->len, ==, 0);

  /* Revoked: the binding goes */
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = pac_access_plan_revoke (access, grant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpint (((PacGuestChange *) plan->pdata[0])->kind, ==, PAC_GUEST_CHANGE_DELETE);
  g_assert_cmpuint (run (client, plan), ==, 1);
  g_assert_false (can (client, "sso:alice@vsphere.local", "create", "deployments", "default"));
}

static void
test_access_shared_binding (void)
{
  g_autoptr (PacGuestClient) client = guest_client (sim_8);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) shared = apply_yaml (
    client,
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
    "metadata: {name: team-view}\n"
    "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"
    "subjects:\n"
    "- {kind: User, apiGroup: rbac.authorization.k8s.io, name: sso:bob@corp.local}\n"
    "- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: sso:ops@corp.local}\n",
    &error);
  g_autoptr (PacAccess) access = load_access (client);
  g_autoptr (GPtrArray) plan = NULL;
  const PacGrant *bob = find_grant (access, "sso:bob@corp.local", "view", NULL);
  const PacGrant *ops = find_grant (access, "sso:ops@corp.local", "view", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (shared);
  g_assert_nonnull (bob);
  g_assert_nonnull (ops);
  g_assert_cmpint (ops->kind, ==, PAC_ACCESS_GROUP);
  g_assert_false (bob->ours);
  g_assert_true (can (client, "sso:bob@corp.local", "list", "pods", "default"));
  /* Revoking one subject of a shared binding keeps the other */
  plan = pac_access_plan_revoke (access, bob, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpint (((PacGuestChange *) plan->pdata[0])->kind, ==, PAC_GUEST_CHANGE_REPLACE);
  g_assert_cmpuint (run (client, plan), ==, 1);
  g_assert_false (can (client, "sso:bob@corp.local", "list", "pods", "default"));
  g_clear_object (&access);
  access = load_access (client);
  g_assert_null (find_grant (access, "sso:bob@corp.local", "view", NULL));
  g_assert_nonnull (find_grant (access, "sso:ops@corp.local", "view", NULL));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sim_701 = sim_fixture_start ((const char *const[]){
    "--scenario=demo", "--supervisor-version=7.0.1", "--cluster-seconds=1", NULL });
  sim_8 = sim_fixture_start ((const char *const[]){ "--scenario=demo", "--supervisor-version=8.0",
                                                    "--cluster-seconds=1", NULL });
  g_test_add_func ("/pod-security/psp-article", test_psp_article);
  g_test_add_func ("/pod-security/psp-levels-and-scope", test_psp_levels_and_scope);
  g_test_add_func ("/pod-security/psa-labels", test_psa_labels);
  g_test_add_func ("/access/grant-list-revoke", test_access);
  g_test_add_func ("/access/shared-binding", test_access_shared_binding);
  status = g_test_run ();
  sim_fixture_stop (sim_8);
  sim_fixture_stop (sim_701);
  return status;
}
