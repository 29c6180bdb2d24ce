/* sim-api-write.c: the Kubernetes writes of the simulated Supervisor:
 * create, update, merge/JSON/strategic-merge patch, delete, with
 * dryRun=All, fieldValidation, resourceVersion preconditions and
 * conflicts, metadata.generation and namespace termination
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sim-api"

#include "sim-api-private.h"

#include <string.h>

#include "sim-json.h"
#include "sim-openapi.h"
#include "sim-patch.h"
#include "sim-protobuf.h"
#include "sim-schema.h"

static gboolean
is_dns_subdomain (const char *name)
{
  g_auto (GStrv) labels = g_strsplit (name, ".", -1);

  if (strlen (name) > 253 || labels[0] == NULL)
    return FALSE;
  for (guint i = 0; labels[i]; i++)
    if (!sim_is_dns_label (labels[i]))
      return FALSE;
  return TRUE;
}

static void
validate_name (const SimKind *kind, const char *name, GPtrArray *causes)
{
  /* RBAC objects only need to be valid path segments. */
  if (g_str_equal (kind->group, "rbac.authorization.k8s.io"))
    {
      if (g_str_equal (name, ".") || g_str_equal (name, ".."))
        sim_add_cause (causes, "FieldValueInvalid", "metadata.name",
                       "Invalid value: \"%s\": may not be '%s'", name, name);
      else if (strchr (name, '/') || strchr (name, '%'))
        sim_add_cause (causes, "FieldValueInvalid", "metadata.name",
                       "Invalid value: \"%s\": may not contain '%c'", name,
                       strchr (name, '/') ? '/' : '%');
      return;
    }
  /* Namespaces are DNS-1123 labels; most other objects subdomains. */
  if (g_str_equal (kind->plural, "namespaces"))
    {
      if (!sim_is_dns_label (name))
        sim_add_cause (causes, "FieldValueInvalid", "metadata.name",
                       "Invalid value: \"%s\": a lowercase RFC 1123 label must consist of lower "
                       "case alphanumeric characters or '-', and must start and end with an "
                       "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                       "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                       name);
    }
  else if (!is_dns_subdomain (name))
    sim_add_cause (causes, "FieldValueInvalid", "metadata.name",
                   "Invalid value: \"%s\": a lowercase RFC 1123 subdomain must consist of lower "
                   "case alphanumeric characters, '-' or '.', and must start and end with an "
                   "alphanumeric character (e.g. 'example.com', regex used for validation is "
                   "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                   name);
}

static char *
generate_name (const char *prefix)
{
  g_autofree char *suffix = sim_random_suffix (5);

  return g_strconcat (prefix, suffix, NULL);
}

static gboolean
check_type_meta (Request *r, JsonObject *object)
{
  g_autofree char *api_version = sim_kind_api_version (r->kind);
  const char *sent_version = sim_json_get_string (object, "apiVersion");
  const char *sent_kind = sim_json_get_string (object, "kind");
  g_autofree char *message = NULL;

  if (sent_kind == NULL)
    message = g_strdup ("Object 'Kind' is missing in the request body");
  else if (sent_version == NULL)
    message = g_strdup ("Object 'apiVersion' is missing in the request body");
  else if (!g_str_equal (sent_version, api_version))
    message = g_strdup_printf ("the API version in the data (%s) does not match the expected API "
                               "version (%s)",
                               sent_version, api_version);
  else if (!g_str_equal (sent_kind, r->kind->kind))
    message = g_strdup_printf ("the kind in the data (%s) does not match the expected kind (%s)",
                               sent_kind, r->kind->kind);
  if (message == NULL)
    return TRUE;
  sim_request_bad_request (r, message);
  return FALSE;
}

static JsonObject *
kind_schema (const SimKind *kind)
{
  static GHashTable *cache;
  JsonObject *schema;

  if (kind->schema_json == NULL)
    return NULL;
  if (cache == NULL)
    cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                   (GDestroyNotify) json_object_unref);
  schema = g_hash_table_lookup (cache, kind);
  if (schema == NULL)
    {
      g_autoptr (JsonNode) node = sim_json_parse (kind->schema_json, -1, NULL);
      g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
      schema = json_object_ref (json_node_get_object (node));
      g_hash_table_insert (cache, (gpointer) kind, schema);
    }
  return schema;
}

/* fieldValidation: Strict refuses unknown fields, Warn (the default)
 * drops them with a Warning header, Ignore drops them silently. Before
 * Kubernetes 1.25 the parameter is unknown to the server: ignored, and
 * unknown fields are dropped without a word. */
static gboolean
check_fields (Request *r, JsonObject *object)
{
  JsonObject *schema = kind_schema (r->kind);
  const char *mode = sim_openapi_has_field_validation (r->server)
                       ? sim_request_query (r, "fieldValidation")
                       : "Ignore";
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);

  if (schema == NULL)
    return TRUE;
  if (mode && !g_str_equal (mode, "Strict") && !g_str_equal (mode, "Warn")
      && !g_str_equal (mode, "Ignore"))
    {
      g_autofree char *message = g_strdup_printf (
        "fieldValidation parameter unsupported: %s, should be one of Ignore, Warn or Strict", mode);
      sim_request_bad_request (r, message);
      return FALSE;
    }
  sim_schema_prune (schema, object, unknown);
  if (unknown->len == 0)
    return TRUE;
  if (mode && g_str_equal (mode, "Strict"))
    {
      g_autoptr (GString) message = g_string_new ("strict decoding error: ");
      for (guint i = 0; i < unknown->len; i++)
        g_string_append_printf (message, "%sunknown field \"%s\"", i ? ", " : "",
                                (char *) g_ptr_array_index (unknown, i));
      sim_request_bad_request (r, message->str);
      return FALSE;
    }
  if (mode == NULL || g_str_equal (mode, "Warn"))
    for (guint i = 0; i < unknown->len; i++)
      {
        g_autofree char *warning = g_strdup_printf ("299 - \"unknown field \\\"%s\\\"\"",
                                                    (char *) g_ptr_array_index (unknown, i));
        soup_message_headers_append (headers, "Warning", warning);
      }
  return TRUE;
}

static gboolean
namespace_usable (Request *r, const char *object_name)
{
  JsonObject *ns
    = sim_store_get (sim_server_get_store (r->server), "/namespaces", NULL, r->namespace);
  g_autoptr (JsonObject) details = NULL;
  g_autofree char *message = NULL;

  if (ns == NULL)
    {
      message = g_strdup_printf ("namespaces \"%s\" not found", r->namespace);
      details = json_object_new ();
      json_object_set_string_member (details, "name", r->namespace);
      json_object_set_string_member (details, "kind", "namespaces");
      sim_respond_status (r->msg, 404, "NotFound", message, details);
      return FALSE;
    }
  if (g_strcmp0 (sim_json_get_path_string (ns, "status.phase"), "Terminating") == 0)
    {
      g_autofree char *resource = sim_request_qualified_resource (r->kind);
      message
        = g_strdup_printf ("%s \"%s\" is forbidden: unable to create new content in namespace "
                           "%s because it is being terminated",
                           resource, object_name, r->namespace);
      details = sim_request_details (r->kind, object_name);
      sim_respond_status (r->msg, 403, "Forbidden", message, details);
      return FALSE;
    }
  return TRUE;
}

void
sim_api_delete_namespace_contents (SimServer *self, const char *namespace)
{
  SimStore *store = sim_server_get_store (self);
  GPtrArray *kinds = sim_server_get_kinds (self);
  g_autoptr (GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);
      char *key = sim_kind_storage_key (kind);
      g_autoptr (GPtrArray) objects = NULL;

      if (!kind->namespaced || g_hash_table_contains (done, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (done, key);
      objects = sim_store_list (store, key, namespace);
      for (guint j = 0; j < objects->len; j++)
        sim_store_remove (
          store, key, namespace,
          sim_json_get_path_string (g_ptr_array_index (objects, j), "metadata.name"));
    }
}

typedef struct
{
  SimServer *server;
  char *namespace;
} Finalize;

static gboolean
finalize_namespace (gpointer user_data)
{
  Finalize *f = user_data;

  sim_api_delete_namespace_contents (f->server, f->namespace);
  sim_store_remove (sim_server_get_store (f->server), "/namespaces", NULL, f->namespace);
  g_object_unref (f->server);
  g_free (f->namespace);
  g_free (f);
  return G_SOURCE_REMOVE;
}

/* On create, status is the server's to write. */
static void
strip_status_if_subresource (const SimKind *kind, JsonObject *object)
{
  if (kind->has_status)
    json_object_remove_member (object, "status");
}

/* Everything but metadata and status: what metadata.generation counts. */
static gboolean
spec_changed (JsonObject *a, JsonObject *b)
{
  g_autoptr (JsonObject) ca = sim_json_object_copy (a);
  g_autoptr (JsonObject) cb = sim_json_object_copy (b);
  g_autoptr (JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

  json_object_remove_member (ca, "metadata");
  json_object_remove_member (cb, "metadata");
  json_object_remove_member (ca, "status");
  json_object_remove_member (cb, "status");
  json_node_set_object (na, ca);
  json_node_set_object (nb, cb);
  return !sim_json_equal (na, nb);
}

static gboolean
objects_equal (JsonObject *a, JsonObject *b)
{
  g_autoptr (JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (na, a);
  json_node_set_object (nb, b);
  return sim_json_equal (na, nb);
}

/* Checks @object, sent in the request's version, and returns it in
 * stored form (with @old's status when @keep_status), or %NULL after
 * answering 422. */
/* A status written through a version that cannot show all of it (a TKC's
 * v1alpha1 has no conditions, v1alpha2 no vmStatus) keeps the rest: the
 * Supervisor's conversion carries what a version lacks across writes */
static void
keep_unwritten_status (JsonObject *stored, JsonObject *old)
{
  JsonObject *old_status = sim_json_get_object (old, "status");
  JsonObject *status = sim_json_ensure_object (stored, "status");
  g_autoptr (GList) members = old_status ? json_object_get_members (old_status) : NULL;

  for (GList *l = members; l; l = l->next)
    if (!json_object_has_member (status, l->data))
      json_object_set_member (status, l->data,
                              sim_json_node_copy (json_object_get_member (old_status, l->data)));
}

static JsonObject *
validate_to_storage (Request *r,
                     JsonObject *object,
                     JsonObject *old,
                     const char *name,
                     gboolean keep_status)
{
  g_autoptr (GPtrArray) causes = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_cause_free);
  JsonObject *schema = kind_schema (r->kind);
  g_autoptr (JsonObject) stored = NULL;

  if (old == NULL)
    validate_name (r->kind, name, causes);
  if (schema)
    sim_schema_check_types (schema, object, causes);
  if (causes->len > 0)
    {
      sim_request_invalid (r, name, causes);
      return NULL;
    }
  stored = sim_kind_to_storage (r->kind, object);
  if (keep_status)
    {
      json_object_remove_member (stored, "status");
      if (old && json_object_has_member (old, "status"))
        json_object_set_member (stored, "status",
                                sim_json_node_copy (json_object_get_member (old, "status")));
    }
  else if (old && r->kind->convert)
    keep_unwritten_status (stored, old);
  if (r->kind->validate)
    {
      sim_server_set_requester (r->server, r->user, (const char *const *) r->groups, r->msg);
      r->kind->validate (r->server, r->kind, stored, old, causes);
      sim_server_set_requester (r->server, NULL, NULL, NULL);
    }
  if (causes->len == 1 && g_str_equal (((SimCause *) causes->pdata[0])->reason, "Forbidden"))
    {
      /* Admission refusals (pod security) are 403s, not field errors. */
      g_autofree char *resource = sim_request_qualified_resource (r->kind);
      g_autofree char *message = g_strdup_printf ("%s \"%s\" is forbidden: %s", resource, name,
                                                  ((SimCause *) causes->pdata[0])->message);
      g_autoptr (JsonObject) details = sim_request_details (r->kind, name);
      sim_respond_status (r->msg, 403, "Forbidden", message, details);
      return NULL;
    }
  if (causes->len > 0)
    {
      sim_request_invalid_from (r, name, causes, r->kind->admission_webhook);
      return NULL;
    }
  return g_steal_pointer (&stored);
}

/* Answers a write with the stored object as the request's version shows it */
static void
respond_stored (Request *r, guint status, JsonObject *stored)
{
  g_autoptr (JsonObject) shown = sim_kind_present (r->kind, stored);

  sim_request_respond (r, status, shown);
}

static void
handle_virtual_create (Request *r, JsonObject *object)
{
  g_autoptr (JsonObject) answer = NULL;

  if (!check_type_meta (r, object))
    return;
  answer = r->kind->virtual_create (r->server, r->user, (const char *const *) r->groups, object);
  sim_request_respond (r, 201, answer);
}

static JsonObject *
read_body (Request *r, GError **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (content_type && g_str_has_prefix (content_type, "application/vnd.kubernetes.protobuf")
      && r->kind->protobuf)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (r->msg);
      g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *api_version = sim_kind_api_version (r->kind);
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      return sim_protobuf_decode (data, length, api_version, r->kind->kind, r->kind->protobuf,
                                  error);
    }
  return sim_api_request_body (r->msg, error);
}

void
sim_api_create (Request *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = read_body (r, &error);

  if (object == NULL)
    {
      g_autofree char *message = g_strdup_printf ("json parse error: %s", error->message);
      sim_request_bad_request (r, message);
      return;
    }
  if (r->kind->virtual_create)
    {
      handle_virtual_create (r, object);
      return;
    }
  sim_api_create_object (r, object);
}

/* Creates @object (a create's body, or a server-side apply's first) */
void
sim_api_create_object (Request *r, JsonObject *object)
{
  g_autoptr (JsonObject) stored = NULL;
  JsonObject *metadata;
  const char *body_namespace;
  g_autofree char *name = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *now = NULL;

  if (!check_type_meta (r, object) || !sim_request_check_dry_run (r))
    return;
  metadata = sim_json_ensure_object (object, "metadata");
  body_namespace = sim_json_get_string (metadata, "namespace");
  if (r->kind->namespaced)
    {
      /* An empty namespace (as protobuf bodies carry an unset one) takes the request's */
      if (body_namespace && *body_namespace && r->namespace
          && !g_str_equal (body_namespace, r->namespace))
        {
          sim_request_bad_request (
            r, "the namespace of the provided object does not match the namespace "
               "sent on the request");
          return;
        }
      json_object_set_string_member (metadata, "namespace", r->namespace);
    }
  else
    json_object_remove_member (metadata, "namespace");

  name = g_strdup (sim_json_get_string (metadata, "name"));
  if ((name == NULL || *name == '\0') && sim_json_get_string (metadata, "generateName"))
    {
      g_free (name);
      name = generate_name (sim_json_get_string (metadata, "generateName"));
    }
  if (name == NULL || *name == '\0')
    {
      g_autoptr (GPtrArray) causes
        = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_cause_free);
      sim_add_cause (causes, "FieldValueRequired", "metadata.name",
                     "Required value: name or generateName is required");
      sim_request_invalid (r, NULL, causes);
      return;
    }
  json_object_set_string_member (metadata, "name", name);
  if (!sim_request_authorize (r, "create", NULL) || !check_fields (r, object))
    return;
  if (r->kind->namespaced && !namespace_usable (r, name))
    return;
  strip_status_if_subresource (r->kind, object);
  stored = validate_to_storage (r, object, NULL, name, FALSE);
  if (stored == NULL)
    return;
  if (sim_store_get (sim_server_get_store (r->server), r->storage_key,
                     r->kind->namespaced ? r->namespace : NULL, name))
    {
      g_autofree char *resource = sim_request_qualified_resource (r->kind);
      g_autofree char *message = g_strdup_printf ("%s \"%s\" already exists", resource, name);
      g_autoptr (JsonObject) details = sim_request_details (r->kind, name);
      sim_respond_status (r->msg, 409, "AlreadyExists", message, details);
      return;
    }

  uid = g_uuid_string_random ();
  now = sim_json_now_rfc3339 ();
  metadata = sim_json_ensure_object (stored, "metadata");
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  json_object_remove_member (metadata, "resourceVersion");
  json_object_remove_member (metadata, "deletionTimestamp");
  if (r->kind->has_generation)
    json_object_set_int_member (metadata, "generation", 1);
  if (!sim_api_is_apply (r))
    sim_api_track_update (r, NULL, stored);
  if (!sim_request_is_dry_run (r))
    sim_store_put (sim_server_get_store (r->server), r->storage_key, stored);
  respond_stored (r, 201, stored);
}

static gboolean
has_finalizers (JsonObject *object)
{
  JsonArray *finalizers
    = sim_json_get_array (sim_json_get_object (object, "metadata"), "finalizers");

  return finalizers && json_array_get_length (finalizers) > 0;
}

/* An object being deleted goes once its last finalizer is removed. */
static void
finish_update (Request *r, JsonObject *stored)
{
  SimStore *store = sim_server_get_store (r->server);

  if (sim_json_get_path_string (stored, "metadata.deletionTimestamp") && !has_finalizers (stored))
    sim_store_remove (store, r->storage_key, r->kind->namespaced ? r->namespace : NULL, r->name);
  else
    sim_store_put (store, r->storage_key, stored);
}

/* Shared by PUT and PATCH: @sent is the complete new object. */
void
sim_api_store_update (Request *r, JsonObject *old, JsonObject *sent, gboolean unconditional_ok)
{
  g_autoptr (JsonObject) object = json_object_ref (sent);
  g_autoptr (JsonObject) stored = NULL;
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  JsonObject *old_metadata = sim_json_get_object (old, "metadata");
  const char *sent_rv = sim_json_get_string (metadata, "resourceVersion");
  const char *current_rv = sim_json_get_string (old_metadata, "resourceVersion");
  const char *sent_name = sim_json_get_string (metadata, "name");

  if (sent_name && !g_str_equal (sent_name, r->name))
    {
      g_autofree char *message = g_strdup_printf (
        "the name of the object (%s) does not match the name on the URL (%s)", sent_name, r->name);
      sim_request_bad_request (r, message);
      return;
    }
  if (sent_rv == NULL || *sent_rv == '\0')
    {
      if (!unconditional_ok)
        {
          g_autoptr (GPtrArray) causes
            = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_cause_free);
          sim_add_cause (causes, "FieldValueInvalid", "metadata.resourceVersion",
                         "Invalid value: 0x0: must be specified for an update");
          sim_request_invalid (r, r->name, causes);
          return;
        }
    }
  else if (!g_str_equal (sent_rv, current_rv))
    {
      sim_request_conflict (r, r->name);
      return;
    }
  if (!check_fields (r, object))
    return;

  /* What the server owns stays as it was. */
  json_object_set_string_member (metadata, "name", r->name);
  if (r->kind->namespaced)
    json_object_set_string_member (metadata, "namespace", r->namespace);
  else
    json_object_remove_member (metadata, "namespace");
  for (const char *const *field = (const char *const[]){ "uid", "creationTimestamp", "generation",
                                                         "deletionTimestamp", NULL };
       *field; field++)
    {
      JsonNode *value = json_object_get_member (old_metadata, *field);
      if (value)
        json_object_set_member (metadata, *field, sim_json_node_copy (value));
      else
        json_object_remove_member (metadata, *field);
    }
  json_object_set_string_member (metadata, "resourceVersion", current_rv);
  /* a write that leaves managedFields out keeps them, as kube-apiserver
   * does; so a client's unchanged object is still a no-op */
  if (!json_object_has_member (metadata, "managedFields")
      && json_object_has_member (old_metadata, "managedFields"))
    json_object_set_member (
      metadata, "managedFields",
      sim_json_node_copy (json_object_get_member (old_metadata, "managedFields")));

  if (r->subresource)
    {
      /* The status subresource writes status only. */
      JsonNode *status = json_object_get_member (object, "status");
      g_autoptr (JsonObject) shown_old = sim_kind_present (r->kind, old);
      g_autoptr (JsonObject) merged = sim_json_object_copy (shown_old);
      if (status)
        json_object_set_member (merged, "status", sim_json_node_copy (status));
      else
        json_object_remove_member (merged, "status");
      g_clear_pointer (&object, json_object_unref);
      object = json_object_ref (merged);
    }

  stored
    = validate_to_storage (r, object, old, r->name, r->kind->has_status && r->subresource == NULL);
  if (stored == NULL)
    return;
  if (objects_equal (stored, old))
    {
      /* A no-op write changes nothing, not even the resource version. */
      respond_stored (r, 200, old);
      return;
    }
  if (!sim_api_is_apply (r))
    sim_api_track_update (r, old, stored);
  if (r->kind->has_generation && spec_changed (stored, old))
    json_object_set_int_member (
      sim_json_ensure_object (stored, "metadata"), "generation",
      json_object_get_int_member_with_default (old_metadata, "generation", 0) + 1);
  if (!sim_request_is_dry_run (r))
    finish_update (r, stored);
  respond_stored (r, 200, stored);
}

static JsonObject *
lookup_existing (Request *r)
{
  JsonObject *old = sim_store_get (sim_server_get_store (r->server), r->storage_key,
                                   r->kind->namespaced ? r->namespace : NULL, r->name);
  if (old == NULL)
    sim_request_not_found (r, r->kind, r->name);
  return old;
}

void
sim_api_update (Request *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = NULL;
  JsonObject *old;

  if (!sim_request_authorize (r, "update", r->name) || !sim_request_check_dry_run (r))
    return;
  object = read_body (r, &error);
  if (object == NULL)
    {
      sim_request_bad_request (r, error->message);
      return;
    }
  if (!check_type_meta (r, object) || (old = lookup_existing (r)) == NULL)
    return;
  old = json_object_ref (old);
  sim_api_store_update (r, old, object, r->kind->unconditional_update);
  json_object_unref (old);
}

void
sim_api_patch (Request *r)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SoupMessageBody *body = soup_server_message_get_request_body (r->msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) patch = NULL;
  g_autoptr (JsonNode) current = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (JsonObject) shown_old = NULL;
  JsonObject *old;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!sim_request_authorize (r, "patch", r->name) || !sim_request_check_dry_run (r))
    return;
  if (g_strcmp0 (content_type, "application/apply-patch+yaml") == 0)
    {
      sim_api_apply (r, data, length);
      return;
    }
  if (content_type == NULL
      || !(g_str_equal (content_type, "application/merge-patch+json")
           || g_str_equal (content_type, "application/json-patch+json")
           || g_str_equal (content_type, "application/strategic-merge-patch+json")))
    {
      g_autofree char *message = g_strdup_printf (
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json-patch+json, application/merge-patch+json, "
        "application/apply-patch+yaml, application/strategic-merge-patch+json");
      sim_respond_status (r->msg, 415, "UnsupportedMediaType", message, NULL);
      return;
    }
  /* Built-in groups are "", "apps", "policy" or end in .k8s.io; the rest are custom. */
  if (g_str_equal (content_type, "application/strategic-merge-patch+json")
      && strchr (r->kind->group, '.') && !g_str_has_suffix (r->kind->group, ".k8s.io"))
    {
      /* Custom resources have no patch strategy. */
      sim_respond_status (r->msg, 415, "UnsupportedMediaType",
                          "strategic merge patch is not supported for custom resources; use merge "
                          "or JSON patch",
                          NULL);
      return;
    }
  patch = sim_json_parse (data ? data : "", length, &error);
  if (patch == NULL)
    {
      sim_request_bad_request (r, error->message);
      return;
    }
  if ((old = lookup_existing (r)) == NULL)
    return;
  old = json_object_ref (old);
  shown_old = sim_kind_present (r->kind, old);
  json_node_set_object (current, shown_old);
  if (g_str_equal (content_type, "application/merge-patch+json"))
    result = sim_patch_merge (current, patch);
  else if (g_str_equal (content_type, "application/json-patch+json"))
    result = sim_patch_json (current, patch, &error);
  else
    result = sim_patch_strategic (current, patch, &error);
  if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
    {
      sim_respond_status (r->msg, 422, "Invalid",
                          error ? error->message : "the patch does not produce an object", NULL);
      json_object_unref (old);
      return;
    }
  sim_api_store_update (r, old, json_node_get_object (result), TRUE);
  json_object_unref (old);
}

static gboolean
preconditions_hold (Request *r, JsonObject *object)
{
  g_autoptr (JsonObject) options = NULL;
  JsonObject *preconditions;
  const char *uid, *rv;
  SoupMessageBody *body = soup_server_message_get_request_body (r->msg);

  if (body->length == 0)
    return TRUE;
  options = sim_api_request_body (r->msg, NULL);
  preconditions = sim_json_get_object (options, "preconditions");
  uid = sim_json_get_string (preconditions, "uid");
  rv = sim_json_get_string (preconditions, "resourceVersion");
  if (uid && g_strcmp0 (uid, sim_json_get_path_string (object, "metadata.uid")) != 0)
    {
      g_autofree char *message
        = g_strdup_printf ("Precondition failed: UID in precondition: %s, UID in object meta: %s",
                           uid, sim_json_get_path_string (object, "metadata.uid"));
      sim_respond_status (r->msg, 409, "Conflict", message, NULL);
      return FALSE;
    }
  if (rv && g_strcmp0 (rv, sim_json_get_path_string (object, "metadata.resourceVersion")) != 0)
    {
      sim_request_conflict (r, r->name);
      return FALSE;
    }
  return TRUE;
}

void
sim_api_delete (Request *r)
{
  SimStore *store = sim_server_get_store (r->server);
  JsonObject *object;
  g_autoptr (JsonObject) details = NULL;

  if (!sim_request_authorize (r, "delete", r->name) || !sim_request_check_dry_run (r))
    return;
  if ((object = lookup_existing (r)) == NULL || !preconditions_hold (r, object))
    return;
  if (g_str_equal (r->storage_key, "/namespaces"))
    {
      /* Namespaces terminate: their content goes first, then they do. */
      g_autoptr (JsonObject) terminating = sim_json_object_copy (object);
      if (!sim_request_is_dry_run (r))
        {
          g_autofree char *now = sim_json_now_rfc3339 ();
          Finalize *f = g_new0 (Finalize, 1);

          json_object_set_string_member (sim_json_ensure_object (terminating, "metadata"),
                                         "deletionTimestamp", now);
          json_object_set_string_member (sim_json_ensure_object (terminating, "status"), "phase",
                                         "Terminating");
          sim_store_put (store, r->storage_key, terminating);
          f->server = g_object_ref (r->server);
          f->namespace = g_strdup (r->name);
          g_timeout_add (sim_server_get_options (r->server)->namespace_finalize_ms,
                         finalize_namespace, f);
        }
      sim_request_respond (r, 200, terminating);
      return;
    }
  if (has_finalizers (object))
    {
      /* Finalizers hold the object, marked for deletion, until their
       * controllers have cleaned up and removed them. */
      g_autoptr (JsonObject) marked = sim_json_object_copy (object);
      if (!sim_json_get_path_string (marked, "metadata.deletionTimestamp"))
        {
          g_autofree char *now = sim_json_now_rfc3339 ();
          json_object_set_string_member (sim_json_ensure_object (marked, "metadata"),
                                         "deletionTimestamp", now);
          if (!sim_request_is_dry_run (r))
            sim_store_put (store, r->storage_key, marked);
        }
      respond_stored (r, 200, marked);
      return;
    }
  details = sim_request_details (r->kind, r->name);
  json_object_set_string_member (details, "uid", sim_json_get_path_string (object, "metadata.uid"));
  if (!sim_request_is_dry_run (r))
    sim_store_remove (store, r->storage_key, r->kind->namespaced ? r->namespace : NULL, r->name);
  sim_respond_status (r->msg, 200, NULL, NULL, details);
}

void
sim_api_delete_collection (Request *r)
{
  g_autoptr (SimSelector) labels = NULL;
  g_autoptr (SimSelector) fields = NULL;
  g_autoptr (GPtrArray) selected = NULL;

  if (!sim_request_authorize (r, "deletecollection", NULL) || !sim_request_check_dry_run (r)
      || !sim_request_parse_selectors (r, &labels, &fields))
    return;
  selected = sim_request_select (r, labels, fields, NULL, 0, NULL);
  if (!sim_request_is_dry_run (r))
    for (guint i = 0; i < selected->len; i++)
      {
        JsonObject *object = g_ptr_array_index (selected, i);
        sim_store_remove (sim_server_get_store (r->server), r->storage_key,
                          sim_json_get_path_string (object, "metadata.namespace"),
                          sim_json_get_path_string (object, "metadata.name"));
      }
  sim_respond_status (r->msg, 200, NULL, NULL, NULL);
}
