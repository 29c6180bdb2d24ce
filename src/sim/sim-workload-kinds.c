/* sim-workload-kinds.c: a guest cluster's workload kinds: pods,
 * deployments, replica sets, daemon sets, events, and the
 * SubjectAccessReview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns as kube-apiserver's table convertor prints them; pods pass
 * pod security admission (sim-admission.c) on create; workloads' pod
 * templates get Pod Security Admission's warnings.
 */
#define G_LOG_DOMAIN "sim-workloads"

#include "sim-server.h"

#include "sim-admission.h"
#include "sim-events.h"
#include "sim-protobuf.h"
#include "sim-json.h"
#include "sim-rbac.h"
#include "sim-schema-json.h"

void sim_register_workload_kinds (SimServer *self);

/* ---- pods ---- */

static char *
pod_ready (JsonObject *pod)
{
  JsonArray *containers = sim_json_get_array (sim_json_get_object (pod, "spec"), "containers");
  JsonArray *statuses
    = sim_json_get_array (sim_json_get_object (pod, "status"), "containerStatuses");
  guint ready = 0;

  for (guint i = 0; statuses && i < json_array_get_length (statuses); i++)
    ready += json_object_get_boolean_member_with_default (
      json_array_get_object_element (statuses, i), "ready", FALSE);
  return g_strdup_printf ("%u/%u", ready, containers ? json_array_get_length (containers) : 0);
}

static char *
pod_status (JsonObject *pod)
{
  const char *phase = sim_json_get_path_string (pod, "status.phase");

  if (sim_json_get_path_string (pod, "metadata.deletionTimestamp"))
    return g_strdup ("Terminating");
  return g_strdup (phase ? phase : "Pending");
}

static char *
pod_restarts (JsonObject *pod)
{
  return g_strdup ("0");
}

static const SimColumn pod_columns[] = {
  { "Ready", "string", "", "", 0, pod_ready },
  { "Status", "string", "", "", 0, pod_status },
  { "Restarts", "string", "", "", 0, pod_restarts },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "IP", "string", ".status.podIP", "", 1 },
  { "Node", "string", ".spec.nodeName", "", 1 },
  { NULL },
};

static void
report_warnings (SimServer *server, GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    sim_server_warn (server, g_ptr_array_index (warnings, i));
}

static void
validate_pod (SimServer *server,
              const SimKind *kind,
              JsonObject *object,
              JsonObject *old,
              GPtrArray *causes)
{
  JsonObject *spec = sim_json_ensure_object (object, "spec");
  const char *const *groups = NULL;
  const char *user = sim_server_get_requester (server, &groups);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = NULL;
  JsonArray *containers = sim_json_get_array (spec, "containers");

  if (old)
    return;
  if (containers == NULL || json_array_get_length (containers) == 0)
    {
      sim_add_cause (causes, "FieldValueRequired", "spec.containers", "Required value");
      return;
    }
  if (!sim_json_get_string (spec, "serviceAccountName"))
    json_object_set_string_member (spec, "serviceAccountName", "default");
  if (!sim_admission_pod (server, object, user, groups, &reason, warnings))
    sim_add_cause (causes, "Forbidden", "", "%s", reason);
  report_warnings (server, warnings);
  json_object_set_string_member (sim_json_ensure_object (object, "status"), "phase", "Pending");
}

static const SimKind pods = {
  .group = "",
  .version = "v1",
  .plural = "pods",
  .singular = "pod",
  .kind = "Pod",
  /* pkg/registry/core/pod: the field labels pods support */
  .field_labels
  = (const char *const[]){ "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                           "spec.serviceAccountName", "status.phase", "status.podIP",
                           "status.nominatedNodeName", NULL },
  .short_names = (const char *const[]){ "po", NULL },
  .categories = (const char *const[]){ "all", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .unconditional_update = TRUE,
  .columns = pod_columns,
  .schema_name = "io.k8s.api.core.v1.Pod",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":" OPEN
                 ",\"status\":" OPEN "}}",
  .validate = validate_pod,
};

/* ---- deployments, replica sets, daemon sets ---- */

static char *
deployment_ready (JsonObject *deployment)
{
  return g_strdup_printf (
    "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
    sim_json_get_int (sim_json_get_object (deployment, "status"), "readyReplicas", 0),
    sim_json_get_int (sim_json_get_object (deployment, "spec"), "replicas", 1));
}

static char *
node_selector (JsonObject *workload)
{
  JsonObject *selector = sim_json_get_path_object (workload, "spec.template.spec.nodeSelector");
  g_autoptr (GList) keys = selector ? json_object_get_members (selector) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (text, "%s%s=%s", text->len ? "," : "", (char *) l->data,
                            sim_json_get_string (selector, l->data));
  return g_strdup (text->len ? text->str : "<none>");
}

static const SimColumn deployment_columns[] = {
  { "Ready", "string", "", "", 0, deployment_ready },
  { "Up-to-date", "integer", ".status.updatedReplicas", "", 0 },
  { "Available", "integer", ".status.availableReplicas", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimColumn replica_set_columns[] = {
  { "Desired", "integer", ".spec.replicas", "", 0 },
  { "Current", "integer", ".status.replicas", "", 0 },
  { "Ready", "integer", ".status.readyReplicas", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimColumn daemon_set_columns[] = {
  { "Desired", "integer", ".status.desiredNumberScheduled", "", 0 },
  { "Current", "integer", ".status.currentNumberScheduled", "", 0 },
  { "Ready", "integer", ".status.numberReady", "", 0 },
  { "Up-to-date", "integer", ".status.updatedNumberScheduled", "", 0 },
  { "Available", "integer", ".status.numberAvailable", "", 0 },
  { "Node Selector", "string", "", "", 0, node_selector },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

/* selector.matchLabels must select the template's labels; PSA warns. */
static void
validate_workload (SimServer *server,
                   const SimKind *kind,
                   JsonObject *object,
                   JsonObject *old,
                   GPtrArray *causes)
{
  JsonObject *match = sim_json_get_path_object (object, "spec.selector.matchLabels");
  JsonObject *labels = sim_json_get_path_object (object, "spec.template.metadata.labels");
  JsonObject *template = sim_json_get_path_object (object, "spec.template");
  g_autoptr (GList) keys = match ? json_object_get_members (match) : NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  if (match == NULL)
    {
      sim_add_cause (causes, "FieldValueRequired", "spec.selector", "Required value");
      return;
    }
  for (GList *l = keys; l; l = l->next)
    if (g_strcmp0 (sim_json_get_string (labels, l->data), sim_json_get_string (match, l->data))
        != 0)
      {
        sim_add_cause (causes, "FieldValueInvalid", "spec.template.metadata.labels",
                       "Invalid value: %s: `selector` does not match template `labels`",
                       "map[string]string{...}");
        return;
      }
  if (template)
    sim_admission_template_warnings (
      server, sim_json_get_path_string (object, "metadata.namespace"), template, warnings);
  report_warnings (server, warnings);
}

#define WORKLOAD_SCHEMA                                                                            \
  "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":" OPEN ",\"status\":" OPEN \
  "}}"

/* The protobuf kubectl create deployment sends (k8s.io/api apps/v1 and
 * core/v1 generated.proto): the fields it fills; others are skipped */
static const SimProtoField env_var_fields[] = {
  { 1, "name", SIM_PROTO_STRING, NULL },
  { 2, "value", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage env_var = { env_var_fields };
static const SimProtoField container_port_fields[] = {
  { 1, "name", SIM_PROTO_STRING, NULL },
  { 2, "hostPort", SIM_PROTO_INT64, NULL },
  { 3, "containerPort", SIM_PROTO_INT64, NULL },
  { 4, "protocol", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage container_port = { container_port_fields };
static const SimProtoField no_fields[] = { { 0 } };
static const SimProtoMessage resource_requirements = { no_fields };
static const SimProtoField container_fields[] = {
  { 1, "name", SIM_PROTO_STRING, NULL },
  { 2, "image", SIM_PROTO_STRING, NULL },
  { 3, "command", SIM_PROTO_REPEATED_STRING, NULL },
  { 4, "args", SIM_PROTO_REPEATED_STRING, NULL },
  { 5, "workingDir", SIM_PROTO_STRING, NULL },
  { 6, "ports", SIM_PROTO_REPEATED_MESSAGE, &container_port },
  { 7, "env", SIM_PROTO_REPEATED_MESSAGE, &env_var },
  { 8, "resources", SIM_PROTO_MESSAGE, &resource_requirements },
  { 14, "imagePullPolicy", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage container = { container_fields };
static const SimProtoField pod_spec_fields[] = {
  { 2, "containers", SIM_PROTO_REPEATED_MESSAGE, &container },
  { 3, "restartPolicy", SIM_PROTO_STRING, NULL },
  { 8, "serviceAccountName", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage pod_spec = { pod_spec_fields };
static const SimProtoField pod_template_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "spec", SIM_PROTO_MESSAGE, &pod_spec },
  { 0 },
};
static const SimProtoMessage pod_template = { pod_template_fields };
static const SimProtoField label_selector_fields[] = {
  { 1, "matchLabels", SIM_PROTO_STRING_MAP, NULL },
  { 0 },
};
static const SimProtoMessage label_selector = { label_selector_fields };
static const SimProtoField deployment_spec_fields[] = {
  { 1, "replicas", SIM_PROTO_INT64, NULL },
  { 2, "selector", SIM_PROTO_MESSAGE, &label_selector },
  { 3, "template", SIM_PROTO_MESSAGE, &pod_template },
  { 0 },
};
static const SimProtoMessage deployment_spec = { deployment_spec_fields };
static const SimProtoField deployment_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "spec", SIM_PROTO_MESSAGE, &deployment_spec },
  { 0 },
};
static const SimProtoMessage deployment_protobuf = { deployment_fields };

static const SimKind deployments = {
  .group = "apps",
  .version = "v1",
  .plural = "deployments",
  .singular = "deployment",
  .kind = "Deployment",
  .short_names = (const char *const[]){ "deploy", NULL },
  .categories = (const char *const[]){ "all", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_scale = TRUE,
  .has_generation = TRUE,
  .unconditional_update = TRUE,
  .columns = deployment_columns,
  .schema_name = "io.k8s.api.apps.v1.Deployment",
  .schema_json = WORKLOAD_SCHEMA,
  .validate = validate_workload,
  .protobuf = &deployment_protobuf,
};

static const SimKind replica_sets = {
  .group = "apps",
  .version = "v1",
  .plural = "replicasets",
  .singular = "replicaset",
  .kind = "ReplicaSet",
  .short_names = (const char *const[]){ "rs", NULL },
  .categories = (const char *const[]){ "all", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .unconditional_update = TRUE,
  .columns = replica_set_columns,
  .schema_name = "io.k8s.api.apps.v1.ReplicaSet",
  .schema_json = WORKLOAD_SCHEMA,
  .validate = validate_workload,
};

static const SimKind daemon_sets = {
  .group = "apps",
  .version = "v1",
  .plural = "daemonsets",
  .singular = "daemonset",
  .kind = "DaemonSet",
  .short_names = (const char *const[]){ "ds", NULL },
  .categories = (const char *const[]){ "all", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .unconditional_update = TRUE,
  .columns = daemon_set_columns,
  .schema_name = "io.k8s.api.apps.v1.DaemonSet",
  .schema_json = WORKLOAD_SCHEMA,
  .validate = validate_workload,
};

/* ---- SubjectAccessReview: may someone else do it? ---- */

static JsonObject *
answer_subject_review (SimServer *server,
                       const char *user,
                       const char *const *groups,
                       JsonObject *review)
{
  JsonObject *answer = sim_json_object_copy (review);
  JsonObject *spec = sim_json_get_object (review, "spec");
  JsonObject *attributes = sim_json_get_object (spec, "resourceAttributes");
  JsonArray *asked_groups = sim_json_get_array (spec, "groups");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) subject_groups = NULL;
  JsonObject *status = json_object_new ();
  gboolean allowed;

  for (guint i = 0; asked_groups && i < json_array_get_length (asked_groups); i++)
    g_strv_builder_add (builder, json_array_get_string_element (asked_groups, i));
  subject_groups = g_strv_builder_end (builder);
  allowed = attributes
            && sim_server_authorize (server, sim_json_get_string (spec, "user"),
                                     (const char *const *) subject_groups,
                                     sim_json_get_string (attributes, "verb") ?: "get",
                                     sim_json_get_string (attributes, "group") ?: "",
                                     sim_json_get_string (attributes, "resource") ?: "",
                                     sim_json_get_string (attributes, "namespace"),
                                     sim_json_get_string (attributes, "name"));
  json_object_set_boolean_member (status, "allowed", allowed);
  json_object_set_object_member (answer, "status", status);
  json_object_set_object_member (answer, "metadata", json_object_new ());
  return answer;
}

static const SimKind subject_reviews = {
  .group = "authorization.k8s.io",
  .version = "v1",
  .plural = "subjectaccessreviews",
  .singular = "subjectaccessreview",
  .kind = "SubjectAccessReview",
  .namespaced = FALSE,
  .schema_name = "io.k8s.api.authorization.v1.SubjectAccessReview",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":" OPEN
                 ",\"status\":" OPEN "}}",
  .virtual_create = answer_subject_review,
};

void
sim_register_workload_kinds (SimServer *self)
{
  sim_server_register_kind (self, &pods);
  sim_register_event_kinds (self);
  sim_server_register_kind (self, &deployments);
  sim_server_register_kind (self, &replica_sets);
  sim_server_register_kind (self, &daemon_sets);
  sim_server_register_kind (self, &subject_reviews);
}
