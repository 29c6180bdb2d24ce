/* sim-core-kinds.c: the Kubernetes kinds that prove the engine:
 * namespaces, configmaps, secrets, storage classes and
 * SelfSubjectAccessReview, with kube-apiserver's validation messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sim-core-kinds"

#include "sim-server.h"
#include "sim-schema-json.h"

#include <string.h>

#include "sim-json.h"
#include "sim-rbac.h"
#include "sim-protobuf.h"

/* ---- namespaces ---- */

static void
validate_namespace (SimServer *server,
                    const SimKind *kind,
                    JsonObject *object,
                    JsonObject *old,
                    GPtrArray *causes)
{
  JsonObject *status = sim_json_ensure_object (object, "status");
  JsonObject *spec = sim_json_ensure_object (object, "spec");

  if (old == NULL)
    {
      JsonArray *finalizers = json_array_new ();
      json_array_add_string_element (finalizers, "kubernetes");
      json_object_set_array_member (spec, "finalizers", finalizers);
      json_object_set_string_member (status, "phase", "Active");
    }
}

static const SimColumn namespace_columns[] = {
  { "Status", "string", ".status.phase", "The status of the namespace", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

/* k8s.io/api core/v1 generated.proto: what kubectl create namespace sends */
static const SimProtoField namespace_spec_fields[] = {
  { 1, "finalizers", SIM_PROTO_REPEATED_STRING, NULL },
  { 0 },
};
static const SimProtoMessage namespace_spec = { namespace_spec_fields };
static const SimProtoField namespace_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "spec", SIM_PROTO_MESSAGE, &namespace_spec },
  { 0 },
};
static const SimProtoMessage namespace_protobuf = { namespace_fields };

static const SimKind namespaces = {
  .group = "",
  .version = "v1",
  .plural = "namespaces",
  .singular = "namespace",
  .kind = "Namespace",
  .short_names = (const char *const[]){ "ns", NULL },
  .namespaced = FALSE,
  .unconditional_update = TRUE,
  .columns = namespace_columns,
  .schema_name = "io.k8s.api.core.v1.Namespace",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ","
                 "\"spec\":{\"type\":\"object\",\"properties\":{\"finalizers\":{\"type\":\"array\","
                 "\"items\":{\"type\":\"string\"}}}},"
                 "\"status\":{\"type\":\"object\",\"properties\":{\"phase\":{\"type\":\"string\"},"
                 "\"conditions\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                 "\"x-kubernetes-preserve-unknown-fields\":true}}}}}}",
  .validate = validate_namespace,
  .protobuf = &namespace_protobuf,
};

/* ---- configmaps and secrets ---- */

static gboolean
is_config_key (const char *key)
{
  if (*key == '\0' || strlen (key) > 253 || g_str_equal (key, ".") || g_str_equal (key, ".."))
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

static void
check_keys (JsonObject *object, const char *member, GPtrArray *causes)
{
  JsonObject *map = sim_json_get_object (object, member);
  g_autoptr (GList) keys = map ? json_object_get_members (map) : NULL;

  for (GList *l = keys; l; l = l->next)
    if (!is_config_key (l->data))
      {
        g_autofree char *field = g_strdup_printf ("%s[%s]", member, (char *) l->data);
        sim_add_cause (causes, "FieldValueInvalid", field,
                       "Invalid value: \"%s\": a valid config key must consist of alphanumeric "
                       "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                       "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                       (char *) l->data);
      }
}

static void
check_immutable (JsonObject *object, JsonObject *old, GPtrArray *causes)
{
  if (old && json_object_get_boolean_member_with_default (old, "immutable", FALSE))
    {
      g_autoptr (JsonNode) a = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (JsonNode) b = json_node_new (JSON_NODE_OBJECT);
      JsonObject *da = sim_json_get_object (object, "data");
      JsonObject *db = sim_json_get_object (old, "data");

      json_node_set_object (a, da ? da : json_object_new ());
      json_node_set_object (b, db ? db : json_object_new ());
      if (!json_node_equal (a, b))
        sim_add_cause (causes, "FieldValueForbidden", "data",
                       "Forbidden: field is immutable when `immutable` is set");
    }
}

static void
validate_configmap (SimServer *server,
                    const SimKind *kind,
                    JsonObject *object,
                    JsonObject *old,
                    GPtrArray *causes)
{
  check_keys (object, "data", causes);
  check_keys (object, "binaryData", causes);
  check_immutable (object, old, causes);
}

static void
validate_secret (SimServer *server,
                 const SimKind *kind,
                 JsonObject *object,
                 JsonObject *old,
                 GPtrArray *causes)
{
  JsonObject *string_data = sim_json_get_object (object, "stringData");
  JsonObject *data = sim_json_get_object (object, "data");
  g_autoptr (GList) keys = NULL;

  /* stringData is write-only: it is folded into data. */
  if (string_data)
    {
      g_autoptr (GList) members = json_object_get_members (string_data);
      data = sim_json_ensure_object (object, "data");
      for (GList *l = members; l; l = l->next)
        {
          const char *value = sim_json_get_string (string_data, l->data);
          g_autofree char *encoded
            = g_base64_encode ((const guchar *) (value ? value : ""), value ? strlen (value) : 0);
          json_object_set_string_member (data, l->data, encoded);
        }
      json_object_remove_member (object, "stringData");
    }
  if (sim_json_get_string (object, "type") == NULL)
    json_object_set_string_member (object, "type",
                                   old ? sim_json_get_string (old, "type") : "Opaque");
  else if (old
           && g_strcmp0 (sim_json_get_string (object, "type"), sim_json_get_string (old, "type"))
                != 0)
    sim_add_cause (causes, "FieldValueInvalid", "type", "Invalid value: \"%s\": field is immutable",
                   sim_json_get_string (object, "type"));
  check_keys (object, "data", causes);
  keys = data ? json_object_get_members (data) : NULL;
  for (GList *l = keys; l; l = l->next)
    {
      const char *value = sim_json_get_string (data, l->data);
      gsize length = 0;
      g_autofree guchar *raw = value ? g_base64_decode (value, &length) : NULL;
      g_autofree char *again = raw ? g_base64_encode (raw, length) : NULL;

      /* GLib decodes leniently; a value that does not encode back was not base64. */
      if (value == NULL || g_strcmp0 (again, value) != 0)
        {
          g_autofree char *field = g_strdup_printf ("data[%s]", (char *) l->data);
          sim_add_cause (causes, "FieldValueInvalid", field,
                         "Invalid value: \"<secret contents redacted>\": illegal base64 data");
        }
    }
  check_immutable (object, old, causes);
}

static const SimProtoField configmap_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "data", SIM_PROTO_STRING_MAP, NULL },
  { 3, "binaryData", SIM_PROTO_BYTES_MAP, NULL },
  { 4, "immutable", SIM_PROTO_BOOL, NULL },
  { 0 },
};
static const SimProtoMessage configmap_protobuf = { configmap_fields };

static const SimColumn configmap_columns[] = {
  { "Data", "integer", "len(.data)+len(.binaryData)", "Number of data entries", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind configmaps = {
  .group = "",
  .version = "v1",
  .plural = "configmaps",
  .singular = "configmap",
  .kind = "ConfigMap",
  .short_names = (const char *const[]){ "cm", NULL },
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = configmap_columns,
  .protobuf = &configmap_protobuf,
  .schema_name = "io.k8s.api.core.v1.ConfigMap",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"data\":" STRING_MAP
                 ",\"binaryData\":" STRING_MAP ",\"immutable\":{\"type\":\"boolean\"}}}",
  .validate = validate_configmap,
};

/* What kubectl create secret / configmap send (k8s.io/api/core/v1) */
static const SimProtoField secret_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "data", SIM_PROTO_BYTES_MAP, NULL },
  { 3, "type", SIM_PROTO_STRING, NULL },
  { 4, "stringData", SIM_PROTO_STRING_MAP, NULL },
  { 5, "immutable", SIM_PROTO_BOOL, NULL },
  { 0 },
};
static const SimProtoMessage secret_protobuf = { secret_fields };
static const SimColumn secret_columns[] = {
  { "Type", "string", ".type", "The type of the secret", 0 },
  { "Data", "integer", "len(.data)", "Number of data entries", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind secrets = {
  .group = "",
  .version = "v1",
  .plural = "secrets",
  .singular = "secret",
  .kind = "Secret",
  .namespaced = TRUE,
  .unconditional_update = TRUE,
  .columns = secret_columns,
  .schema_name = "io.k8s.api.core.v1.Secret",
  .protobuf = &secret_protobuf,
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"data\":" STRING_MAP
                 ",\"stringData\":" STRING_MAP ",\"type\":{\"type\":\"string\"},"
                 "\"immutable\":{\"type\":\"boolean\"}}}",
  .validate = validate_secret,
};

/* ---- storage classes ---- */

static void
validate_storage_class (SimServer *server,
                        const SimKind *kind,
                        JsonObject *object,
                        JsonObject *old,
                        GPtrArray *causes)
{
  const char *provisioner = sim_json_get_string (object, "provisioner");
  const char *reclaim = sim_json_get_string (object, "reclaimPolicy");
  const char *binding = sim_json_get_string (object, "volumeBindingMode");

  if (provisioner == NULL || *provisioner == '\0')
    sim_add_cause (causes, "FieldValueRequired", "provisioner", "Required value");
  else if (old && g_strcmp0 (provisioner, sim_json_get_string (old, "provisioner")) != 0)
    sim_add_cause (causes, "FieldValueForbidden", "provisioner",
                   "Forbidden: updates to provisioner are forbidden.");
  if (reclaim == NULL)
    json_object_set_string_member (object, "reclaimPolicy", "Delete");
  else if (!g_str_equal (reclaim, "Delete") && !g_str_equal (reclaim, "Retain"))
    sim_add_cause (causes, "FieldValueNotSupported", "reclaimPolicy",
                   "Unsupported value: \"%s\": supported values: \"Delete\", \"Retain\"", reclaim);
  if (binding == NULL)
    json_object_set_string_member (object, "volumeBindingMode", "Immediate");
  else if (!g_str_equal (binding, "Immediate") && !g_str_equal (binding, "WaitForFirstConsumer"))
    sim_add_cause (causes, "FieldValueNotSupported", "volumeBindingMode",
                   "Unsupported value: \"%s\": supported values: \"Immediate\", "
                   "\"WaitForFirstConsumer\"",
                   binding);
}

/* ---- resource quotas: how vSphere gives a namespace its storage classes ---- */

static const SimColumn resource_quota_columns[] = {
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind resource_quotas = {
  .group = "",
  .version = "v1",
  .plural = "resourcequotas",
  .singular = "resourcequota",
  .kind = "ResourceQuota",
  .short_names = (const char *const[]){ "quota", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .unconditional_update = TRUE,
  .columns = resource_quota_columns,
  .schema_name = "io.k8s.api.core.v1.ResourceQuota",
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
    "\"object\",\"properties\":{\"hard\":" STRING_MAP ",\"scopes\":{\"type\":"
    "\"array\",\"items\":" STRING "},\"scopeSelector\":" OPEN "}},\"status\":{"
    "\"type\":\"object\",\"properties\":{\"hard\":" STRING_MAP ",\"used\":" STRING_MAP "}}}}",
};

static const SimColumn storage_class_columns[] = {
  { "Provisioner", "string", ".provisioner", "", 0 },
  { "ReclaimPolicy", "string", ".reclaimPolicy", "", 0 },
  { "VolumeBindingMode", "string", ".volumeBindingMode", "", 0 },
  { "AllowVolumeExpansion", "boolean", ".allowVolumeExpansion", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind storage_classes = {
  .group = "storage.k8s.io",
  .version = "v1",
  .plural = "storageclasses",
  .singular = "storageclass",
  .kind = "StorageClass",
  .short_names = (const char *const[]){ "sc", NULL },
  .namespaced = FALSE,
  .public_read = TRUE,
  .unconditional_update = TRUE,
  .columns = storage_class_columns,
  .schema_name = "io.k8s.api.storage.v1.StorageClass",
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META
    ",\"provisioner\":{\"type\":\"string\"},\"parameters\":" STRING_MAP
    ",\"reclaimPolicy\":{\"type\":\"string\"},\"volumeBindingMode\":{\"type\":\"string\"},"
    "\"allowVolumeExpansion\":{\"type\":\"boolean\"},\"mountOptions\":{\"type\":\"array\","
    "\"items\":{\"type\":\"string\"}},\"allowedTopologies\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}}",
  .validate = validate_storage_class,
};

/* ---- SelfSubjectAccessReview ---- */

static JsonObject *
answer_access_review (SimServer *server,
                      const char *user,
                      const char *const *groups,
                      JsonObject *review)
{
  JsonObject *answer = sim_json_object_copy (review);
  JsonObject *attributes
    = sim_json_get_object (sim_json_get_object (review, "spec"), "resourceAttributes");
  JsonObject *status = json_object_new ();
  const char *resource = sim_json_get_string (attributes, "resource");
  const char *group = sim_json_get_string (attributes, "group");
  gboolean allowed = FALSE;

  if (attributes && resource)
    {
      const SimKind *kind = sim_server_find_resource (server, group, resource);
      const char *namespace
        = kind && !kind->namespaced ? NULL : sim_json_get_string (attributes, "namespace");
      const char *verb = sim_json_get_string (attributes, "verb") ?: "get";
      const char *name = sim_json_get_string (attributes, "name");

      allowed = sim_server_authorize (server, user, groups, verb, group ? group : "", resource,
                                      namespace, name);
    }
  json_object_set_boolean_member (status, "allowed", allowed);
  if (allowed)
    json_object_set_string_member (status, "reason", "allowed by the vSphere namespace role");
  json_object_set_object_member (answer, "status", status);
  json_object_set_object_member (answer, "metadata", json_object_new ());
  return answer;
}

/* k8s.io/api/authorization/v1 generated.proto */
static const SimProtoField resource_attributes_fields[] = {
  { 1, "namespace", SIM_PROTO_STRING, NULL }, { 2, "verb", SIM_PROTO_STRING, NULL },
  { 3, "group", SIM_PROTO_STRING, NULL },     { 4, "version", SIM_PROTO_STRING, NULL },
  { 5, "resource", SIM_PROTO_STRING, NULL },  { 6, "subresource", SIM_PROTO_STRING, NULL },
  { 7, "name", SIM_PROTO_STRING, NULL },      { 0 },
};
static const SimProtoMessage resource_attributes = { resource_attributes_fields };
static const SimProtoField non_resource_attributes_fields[] = {
  { 1, "path", SIM_PROTO_STRING, NULL },
  { 2, "verb", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage non_resource_attributes = { non_resource_attributes_fields };
static const SimProtoField access_review_spec_fields[] = {
  { 1, "resourceAttributes", SIM_PROTO_MESSAGE, &resource_attributes },
  { 2, "nonResourceAttributes", SIM_PROTO_MESSAGE, &non_resource_attributes },
  { 0 },
};
static const SimProtoMessage access_review_spec = { access_review_spec_fields };
static const SimProtoField access_review_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "spec", SIM_PROTO_MESSAGE, &access_review_spec },
  { 0 },
};
static const SimProtoMessage access_review_protobuf = { access_review_fields };

static const SimKind access_reviews = {
  .group = "authorization.k8s.io",
  .version = "v1",
  .plural = "selfsubjectaccessreviews",
  .singular = "selfsubjectaccessreview",
  .kind = "SelfSubjectAccessReview",
  .namespaced = FALSE,
  .schema_name = "io.k8s.api.authorization.v1.SelfSubjectAccessReview",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ","
                 "\"spec\":{\"type\":\"object\",\"properties\":{\"resourceAttributes\":"
                 "{\"type\":\"object\",\"properties\":{\"namespace\":{\"type\":\"string\"},"
                 "\"verb\":{\"type\":\"string\"},\"group\":{\"type\":\"string\"},"
                 "\"version\":{\"type\":\"string\"},\"resource\":{\"type\":\"string\"},"
                 "\"subresource\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"}}},"
                 "\"nonResourceAttributes\":{\"type\":\"object\",\"properties\":"
                 "{\"path\":{\"type\":\"string\"},\"verb\":{\"type\":\"string\"}}}}},"
                 "\"status\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}",
  .virtual_create = answer_access_review,
  .protobuf = &access_review_protobuf,
};

/* ---- SelfSubjectRulesReview (kubectl auth can-i --list) ---- */

static JsonObject *
rule (const char *const *verbs, const char *group, const char *resource)
{
  JsonObject *object = json_object_new ();
  JsonArray *verb_list = json_array_new ();
  JsonArray *groups = json_array_new ();
  JsonArray *resources = json_array_new ();

  for (guint i = 0; verbs[i]; i++)
    json_array_add_string_element (verb_list, verbs[i]);
  json_array_add_string_element (groups, group);
  json_array_add_string_element (resources, resource);
  json_object_set_array_member (object, "verbs", verb_list);
  json_object_set_array_member (object, "apiGroups", groups);
  json_object_set_array_member (object, "resources", resources);
  return object;
}

/* The Supervisor's model (sim-auth.c): an administrator may do anything;
 * Owner and Edit anything in their namespace; View read it, Secrets aside;
 * anyone signed in may read the catalogues and ask reviews */
static void
supervisor_rules (SimServer *server, const char *user, const char *namespace, JsonArray *rules)
{
  static const char *const all[] = { "*", NULL };
  static const char *const read[] = { "get", "list", "watch", NULL };
  static const char *const create[] = { "create", NULL };
  SimAuth *auth = sim_server_get_auth (server);
  const char *role = namespace ? sim_auth_role (auth, user, namespace) : NULL;
  GPtrArray *kinds = sim_server_get_kinds (server);

  if (sim_auth_is_admin (auth, user) || g_strcmp0 (role, "OWNER") == 0
      || g_strcmp0 (role, "EDIT") == 0)
    json_array_add_object_element (rules, rule (all, "*", "*"));
  json_array_add_object_element (rules,
                                 rule (create, "authorization.k8s.io", "selfsubjectaccessreviews"));
  json_array_add_object_element (rules,
                                 rule (create, "authorization.k8s.io", "selfsubjectrulesreviews"));
  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      gboolean viewable = g_strcmp0 (role, "VIEW") == 0 && kind->namespaced
                          && !g_str_equal (kind->plural, "secrets") && !kind->virtual_create;

      if (kind->public_read || viewable)
        json_array_add_object_element (rules, rule (read, kind->group, kind->plural));
    }
}

/* system:discovery's and system:public-info-viewer's paths, for everyone */
static JsonArray *
discovery_rules (void)
{
  g_autoptr (JsonNode) node = sim_json_parse (
    "[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/api\",\"/api/*\",\"/apis\",\"/apis/*\","
    "\"/healthz\",\"/livez\",\"/openapi\",\"/openapi/*\",\"/readyz\",\"/version\",\"/version/\"]}]",
    -1, NULL);

  return json_array_ref (json_node_get_array (node));
}

static JsonObject *
answer_rules_review (SimServer *server,
                     const char *user,
                     const char *const *groups,
                     JsonObject *review)
{
  JsonObject *answer = sim_json_object_copy (review);
  JsonObject *status = json_object_new ();
  JsonArray *resource_rules = json_array_new ();
  JsonArray *non_resource_rules = discovery_rules ();
  const char *namespace = sim_json_get_path_string (review, "spec.namespace");

  if (sim_server_is_guest (server))
    sim_rbac_rules (sim_server_get_store (server), user, groups, namespace, resource_rules,
                    non_resource_rules);
  else
    supervisor_rules (server, user, namespace, resource_rules);
  json_object_set_array_member (status, "resourceRules", resource_rules);
  json_object_set_array_member (status, "nonResourceRules", non_resource_rules);
  json_object_set_boolean_member (status, "incomplete", FALSE);
  json_object_set_object_member (answer, "status", status);
  json_object_set_object_member (answer, "metadata", json_object_new ());
  return answer;
}

/* k8s.io/api/authorization/v1 generated.proto: SelfSubjectRulesReviewSpec */
static const SimProtoField rules_review_spec_fields[] = {
  { 1, "namespace", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage rules_review_spec = { rules_review_spec_fields };
static const SimProtoField rules_review_fields[] = {
  { 1, "metadata", SIM_PROTO_MESSAGE, &sim_proto_object_meta },
  { 2, "spec", SIM_PROTO_MESSAGE, &rules_review_spec },
  { 0 },
};
static const SimProtoMessage rules_review_protobuf = { rules_review_fields };

static const SimKind rules_reviews = {
  .group = "authorization.k8s.io",
  .version = "v1",
  .plural = "selfsubjectrulesreviews",
  .singular = "selfsubjectrulesreview",
  .kind = "SelfSubjectRulesReview",
  .namespaced = FALSE,
  .schema_name = "io.k8s.api.authorization.v1.SelfSubjectRulesReview",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ","
                 "\"spec\":{\"type\":\"object\",\"properties\":{\"namespace\":{\"type\":"
                 "\"string\"}}},"
                 "\"status\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}",
  .virtual_create = answer_rules_review,
  .protobuf = &rules_review_protobuf,
};

void
sim_register_core_kinds (SimServer *self)
{
  sim_server_register_kind (self, &namespaces);
  sim_server_register_kind (self, &configmaps);
  sim_server_register_kind (self, &secrets);
  sim_server_register_kind (self, &storage_classes);
  sim_server_register_kind (self, &resource_quotas);
  sim_server_register_kind (self, &access_reviews);
  sim_server_register_kind (self, &rules_reviews);
}
