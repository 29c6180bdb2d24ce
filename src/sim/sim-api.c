/* sim-api.c: the Kubernetes REST semantics of the simulated Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paths, verbs, status codes and Status bodies as kube-apiserver has
 * them: list (selectors, limit/continue, Table), get, create, update,
 * merge/JSON/strategic-merge patch, delete, dryRun=All, fieldValidation,
 * resourceVersion preconditions and conflicts, metadata.generation.
 */
#define G_LOG_DOMAIN "sim-api"

#include "sim-server.h"

#include <string.h>

#include "sim-json.h"
#include "sim-patch.h"
#include "sim-protobuf.h"
#include "sim-schema.h"
#include "sim-selector.h"
#include "sim-table.h"

typedef struct
{
  SimServer *server;
  SoupServerMessage *msg;
  GHashTable *query;
  const SimKind *kind;
  char *storage_key;
  char *namespace;
  char *name;
  char *subresource;
  char *user;
} Request;

static void
request_clear (Request *r)
{
  g_free (r->storage_key);
  g_free (r->namespace);
  g_free (r->name);
  g_free (r->subresource);
  g_free (r->user);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

static const char *
query_get (Request *r, const char *key)
{
  return r->query ? g_hash_table_lookup (r->query, key) : NULL;
}

static gboolean
query_true (Request *r, const char *key)
{
  const char *value = query_get (r, key);

  return value && (g_str_equal (value, "true") || g_str_equal (value, "1"));
}

/* "configmaps" or "tanzukubernetesclusters.run.tanzu.vmware.com", as in messages */
static char *
qualified_resource (const SimKind *kind)
{
  if (kind->group[0] == '\0')
    return g_strdup (kind->plural);
  return g_strdup_printf ("%s.%s", kind->plural, kind->group);
}

static JsonObject *
details_for (const SimKind *kind, const char *name)
{
  JsonObject *details = json_object_new ();

  if (name)
    json_object_set_string_member (details, "name", name);
  if (kind->group[0])
    json_object_set_string_member (details, "group", kind->group);
  json_object_set_string_member (details, "kind", kind->plural);
  return details;
}

static void
respond_not_found (Request *r, const SimKind *kind, const char *name)
{
  g_autofree char *resource = qualified_resource (kind);
  g_autofree char *message = g_strdup_printf ("%s \"%s\" not found", resource, name);
  g_autoptr (JsonObject) details = details_for (kind, name);

  sim_respond_status (r->msg, 404, "NotFound", message, details);
}

static void
respond_bad_request (Request *r, const char *message)
{
  sim_respond_status (r->msg, 400, "BadRequest", message, NULL);
}

static void
respond_conflict (Request *r, const char *name)
{
  g_autofree char *resource = qualified_resource (r->kind);
  g_autofree char *message = g_strdup_printf (
    "Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply your "
    "changes to the latest version and try again",
    resource, name);
  g_autoptr (JsonObject) details = details_for (r->kind, name);

  sim_respond_status (r->msg, 409, "Conflict", message, details);
}

static void
respond_invalid (Request *r, const char *name, GPtrArray *causes)
{
  g_autoptr (JsonObject) details = json_object_new ();
  JsonArray *cause_array = json_array_new ();
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *qualified = r->kind->group[0]
                                 ? g_strdup_printf ("%s.%s", r->kind->kind, r->kind->group)
                                 : g_strdup (r->kind->kind);
  g_autofree char *message = NULL;

  for (guint i = 0; i < causes->len; i++)
    {
      SimCause *cause = g_ptr_array_index (causes, i);
      JsonObject *c = json_object_new ();

      json_object_set_string_member (c, "reason", cause->reason);
      json_object_set_string_member (c, "message", cause->message);
      json_object_set_string_member (c, "field", cause->field);
      json_array_add_object_element (cause_array, c);
      g_string_append_printf (list, "%s%s: %s", i ? ", " : "", cause->field, cause->message);
    }
  message
    = causes->len == 1
        ? g_strdup_printf ("%s \"%s\" is invalid: %s", qualified, name ? name : "", list->str)
        : g_strdup_printf ("%s \"%s\" is invalid: [%s]", qualified, name ? name : "", list->str);
  if (name)
    json_object_set_string_member (details, "name", name);
  if (r->kind->group[0])
    json_object_set_string_member (details, "group", r->kind->group);
  json_object_set_string_member (details, "kind", r->kind->kind);
  json_object_set_array_member (details, "causes", cause_array);
  sim_respond_status (r->msg, 422, "Invalid", message, details);
}

char *
sim_api_authenticate (SimServer *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *why_not = "missing bearer token";
  char *user = NULL;

  if (authorization && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    user = sim_auth_verify_token (sim_server_get_auth (self), authorization + 7, &why_not);
  if (user == NULL)
    {
      g_debug ("401: %s", why_not);
      sim_respond_status (msg, 401, "Unauthorized", "Unauthorized", NULL);
    }
  return user;
}

static gboolean
authorize (Request *r, const char *verb, const char *name)
{
  g_autofree char *message = NULL;
  g_autoptr (JsonObject) details = NULL;

  if (sim_auth_authorize (sim_server_get_auth (r->server), r->user, verb, r->kind->plural,
                          r->kind->namespaced ? r->namespace : NULL, name, r->kind->public_read))
    return TRUE;
  message = sim_auth_forbidden_message (r->user, verb, r->kind->group, r->kind->plural,
                                        r->kind->namespaced ? r->namespace : NULL, name);
  details = details_for (r->kind, name);
  sim_respond_status (r->msg, 403, "Forbidden", message, details);
  return FALSE;
}

/* ---- parsing the path ---- */

static gboolean
parse_path (Request *r, const char *path)
{
  g_auto (GStrv) segments = g_strsplit (path + 1, "/", -1);
  const char *group, *version;
  char **rest;
  guint n;

  if (g_str_equal (segments[0], "api"))
    {
      group = "";
      version = segments[1];
      rest = segments + 2;
    }
  else
    {
      group = segments[1];
      version = segments[2];
      if (version == NULL)
        return FALSE;
      rest = segments + 3;
    }
  n = g_strv_length (rest);
  if (n == 0 || version == NULL)
    return FALSE;
  if (n >= 3 && g_str_equal (rest[0], "namespaces")
      && (r->kind = sim_server_find_kind (r->server, group, version, rest[2])) != NULL
      && r->kind->namespaced)
    {
      r->namespace = g_strdup (rest[1]);
      rest += 2;
      n -= 2;
    }
  else
    r->kind = sim_server_find_kind (r->server, group, version, rest[0]);
  if (r->kind == NULL || n > 3)
    return FALSE;
  r->name = g_strdup (rest[1]);
  r->subresource = n == 3 ? g_strdup (rest[2]) : NULL;
  if (r->subresource && !(g_str_equal (r->subresource, "status") && r->kind->has_status))
    return FALSE;
  r->storage_key = sim_kind_storage_key (r->kind);
  return TRUE;
}

/* ---- names ---- */

static gboolean
is_dns_label (const char *name)
{
  size_t length = strlen (name);

  if (length == 0 || length > 63 || !g_ascii_isalnum (name[0])
      || !g_ascii_isalnum (name[length - 1]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_dns_subdomain (const char *name)
{
  g_auto (GStrv) labels = g_strsplit (name, ".", -1);

  if (strlen (name) > 253 || labels[0] == NULL)
    return FALSE;
  for (guint i = 0; labels[i]; i++)
    if (!is_dns_label (labels[i]))
      return FALSE;
  return TRUE;
}

static void
validate_name (const SimKind *kind, const char *name, GPtrArray *causes)
{
  /* Namespaces are DNS-1123 labels; most other objects subdomains. */
  if (g_str_equal (kind->plural, "namespaces"))
    {
      if (!is_dns_label (name))
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
  static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  GString *name = g_string_new (prefix);

  for (int i = 0; i < 5; i++)
    g_string_append_c (name, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (name, FALSE);
}

/* ---- bodies ---- */

JsonObject *
sim_api_request_body (SoupServerMessage *msg, GError **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonNode) node = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  node = sim_json_parse (data ? data : "", length, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the request body is not a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
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
  respond_bad_request (r, message);
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
 * drops them with a Warning header, Ignore drops them silently. */
static gboolean
check_fields (Request *r, JsonObject *object)
{
  JsonObject *schema = kind_schema (r->kind);
  const char *mode = query_get (r, "fieldValidation");
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);

  if (schema == NULL)
    return TRUE;
  if (mode && !g_str_equal (mode, "Strict") && !g_str_equal (mode, "Warn")
      && !g_str_equal (mode, "Ignore"))
    {
      g_autofree char *message = g_strdup_printf (
        "fieldValidation parameter unsupported: %s, should be one of Ignore, Warn or Strict", mode);
      respond_bad_request (r, message);
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
      respond_bad_request (r, message->str);
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
is_dry_run (Request *r)
{
  const char *dry_run = query_get (r, "dryRun");

  return dry_run && g_str_equal (dry_run, "All");
}

static gboolean
check_dry_run_value (Request *r)
{
  const char *dry_run = query_get (r, "dryRun");

  if (dry_run == NULL || g_str_equal (dry_run, "All"))
    return TRUE;
  respond_bad_request (r, "dryRun: Unsupported value: only \"All\" is supported");
  return FALSE;
}

/* ---- namespaces ---- */

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
      g_autofree char *resource = qualified_resource (r->kind);
      message
        = g_strdup_printf ("%s \"%s\" is forbidden: unable to create new content in namespace "
                           "%s because it is being terminated",
                           resource, object_name, r->namespace);
      details = details_for (r->kind, object_name);
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

/* ---- responses with objects ---- */

static void
respond_object (Request *r, guint status, JsonObject *object)
{
  sim_respond_json (r->msg, status, object);
}

static gboolean
wants_table (Request *r)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *accept = soup_message_headers_get_one (headers, "Accept");

  return accept && strstr (accept, "as=Table") && strstr (accept, "g=meta.k8s.io");
}

static SimTableInclude
table_include (Request *r)
{
  const char *include = query_get (r, "includeObject");

  if (include && g_str_equal (include, "Object"))
    return SIM_TABLE_INCLUDE_OBJECT;
  if (include && g_str_equal (include, "None"))
    return SIM_TABLE_INCLUDE_NONE;
  return SIM_TABLE_INCLUDE_METADATA;
}

/* ---- GET ---- */

static void
handle_get (Request *r)
{
  JsonObject *object;

  if (!authorize (r, "get", r->name))
    return;
  object = sim_store_get (sim_server_get_store (r->server), r->storage_key,
                          r->kind->namespaced ? r->namespace : NULL, r->name);
  if (object == NULL)
    {
      respond_not_found (r, r->kind, r->name);
      return;
    }
  if (wants_table (r))
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_autoptr (JsonObject) table = NULL;

      g_ptr_array_add (one, object);
      table = sim_table_new (r->kind, one, table_include (r), TRUE,
                             sim_json_get_path_string (object, "metadata.resourceVersion"), NULL);
      respond_object (r, 200, table);
      return;
    }
  respond_object (r, 200, object);
}

/* Continue tokens carry the list's resource version and the last key. */
static char *
continue_token_new (guint64 rv, JsonObject *last)
{
  g_autofree char *inner = NULL;
  const char *ns = sim_json_get_path_string (last, "metadata.namespace");

  inner = g_strdup_printf ("{\"rv\":%" G_GUINT64_FORMAT ",\"start\":\"%s/%s\"}", rv, ns ? ns : "",
                           sim_json_get_path_string (last, "metadata.name"));
  return g_base64_encode ((const guchar *) inner, strlen (inner));
}

static gboolean
continue_token_parse (const char *token, guint64 *rv, char **start)
{
  gsize length = 0;
  g_autofree guchar *raw = g_base64_decode (token, &length);
  g_autoptr (JsonNode) node = sim_json_parse ((const char *) raw, length, NULL);
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "rv") || sim_json_get_string (object, "start") == NULL)
    return FALSE;
  *rv = (guint64) json_object_get_int_member (object, "rv");
  *start = g_strdup (sim_json_get_string (object, "start"));
  return TRUE;
}

static char *
object_sort_key (JsonObject *object)
{
  const char *ns = sim_json_get_path_string (object, "metadata.namespace");

  return g_strdup_printf ("%s/%s", ns ? ns : "",
                          sim_json_get_path_string (object, "metadata.name"));
}

static GPtrArray *
select_objects (Request *r, SimSelector *labels, SimSelector *fields, const char *after)
{
  g_autoptr (GPtrArray) all = sim_store_list (sim_server_get_store (r->server), r->storage_key,
                                              r->kind->namespaced ? r->namespace : NULL);
  GPtrArray *selected = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      if (after)
        {
          g_autofree char *key = object_sort_key (object);
          if (strcmp (key, after) <= 0)
            continue;
        }
      if ((labels == NULL || sim_selector_matches (labels, object))
          && (fields == NULL || sim_selector_matches (fields, object)))
        g_ptr_array_add (selected, json_object_ref (object));
    }
  return selected;
}

static gboolean
parse_selectors (Request *r, SimSelector **labels, SimSelector **fields)
{
  g_autoptr (GError) error = NULL;

  *labels = sim_selector_parse_labels (query_get (r, "labelSelector"), &error);
  if (*labels)
    *fields = sim_selector_parse_fields (query_get (r, "fieldSelector"), &error);
  if (error == NULL)
    return TRUE;
  g_clear_pointer (labels, sim_selector_free);
  respond_bad_request (r, error->message);
  return FALSE;
}

static void
respond_list (Request *r,
              GPtrArray *items,
              guint64 rv,
              const char *continue_token,
              gint64 remaining)
{
  g_autoptr (JsonObject) list = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *array = json_array_new ();
  g_autofree char *api_version = sim_kind_api_version (r->kind);
  g_autofree char *list_kind = g_strdup_printf ("%sList", r->kind->kind);
  g_autofree char *rv_text = g_strdup_printf ("%" G_GUINT64_FORMAT, rv);

  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (items, i)));
  json_object_set_string_member (list, "kind", list_kind);
  json_object_set_string_member (list, "apiVersion", api_version);
  json_object_set_string_member (metadata, "resourceVersion", rv_text);
  if (continue_token)
    {
      json_object_set_string_member (metadata, "continue", continue_token);
      json_object_set_int_member (metadata, "remainingItemCount", remaining);
    }
  json_object_set_object_member (list, "metadata", metadata);
  json_object_set_array_member (list, "items", array);
  respond_object (r, 200, list);
}

static void
handle_list (Request *r)
{
  SimStore *store = sim_server_get_store (r->server);
  g_autoptr (SimSelector) labels = NULL;
  g_autoptr (SimSelector) fields = NULL;
  g_autoptr (GPtrArray) selected = NULL;
  g_autofree char *after = NULL;
  g_autofree char *next = NULL;
  const char *limit_text = query_get (r, "limit");
  const char *token = query_get (r, "continue");
  guint64 rv = sim_store_get_resource_version (store);
  guint64 limit = limit_text ? g_ascii_strtoull (limit_text, NULL, 10) : 0;
  gint64 remaining = 0;

  if (!authorize (r, query_true (r, "watch") ? "watch" : "list", NULL)
      || !parse_selectors (r, &labels, &fields))
    return;
  if (query_true (r, "watch"))
    {
      sim_watch_start (r->server, r->msg, r->kind, r->kind->namespaced ? r->namespace : NULL,
                       r->query, wants_table (r));
      return;
    }
  if (token && *token)
    {
      if (!continue_token_parse (token, &rv, &after))
        {
          respond_bad_request (
            r, "continue key is not valid: incorrect encoded start resourceVersion");
          return;
        }
      if (rv < sim_store_get_oldest_resource_version (store))
        {
          sim_respond_status (r->msg, 410, "Expired",
                              "The provided continue parameter is too old to display a consistent "
                              "list result. You can start a new list without the continue "
                              "parameter, or use the continue token in this response to retrieve "
                              "the remainder of the results. Continuing with the provided token "
                              "results in an inconsistent list - objects that were created, "
                              "modified, or deleted between the time the first chunk was returned "
                              "and now may show up in the list.",
                              NULL);
          return;
        }
    }
  selected = select_objects (r, labels, fields, after);
  if (limit > 0 && selected->len > limit)
    {
      remaining = selected->len - limit;
      g_ptr_array_set_size (selected, limit);
      next = continue_token_new (rv, g_ptr_array_index (selected, limit - 1));
    }
  if (wants_table (r))
    {
      g_autofree char *rv_text = g_strdup_printf ("%" G_GUINT64_FORMAT, rv);
      g_autoptr (JsonObject) table
        = sim_table_new (r->kind, selected, table_include (r), TRUE, rv_text, next);
      respond_object (r, 200, table);
      return;
    }
  respond_list (r, selected, rv, next, remaining);
}

/* ---- writes ---- */

static void
strip_status_if_subresource (const SimKind *kind, JsonObject *object, JsonObject *old)
{
  if (!kind->has_status)
    return;
  json_object_remove_member (object, "status");
  if (old && json_object_has_member (old, "status"))
    json_object_set_member (object, "status",
                            sim_json_node_copy (json_object_get_member (old, "status")));
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

static gboolean
run_validation (Request *r, JsonObject *object, JsonObject *old, const char *name)
{
  g_autoptr (GPtrArray) causes = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_cause_free);
  JsonObject *schema = kind_schema (r->kind);

  if (old == NULL)
    validate_name (r->kind, name, causes);
  if (schema)
    sim_schema_check_types (schema, object, causes);
  if (causes->len == 0 && r->kind->validate)
    r->kind->validate (r->server, r->kind, object, old, causes);
  if (causes->len == 0)
    return TRUE;
  respond_invalid (r, name, causes);
  return FALSE;
}

static void
handle_virtual_create (Request *r, JsonObject *object)
{
  g_autoptr (JsonObject) answer = NULL;

  if (!check_type_meta (r, object))
    return;
  answer = r->kind->virtual_create (r->server, r->user, object);
  respond_object (r, 201, answer);
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

static void
handle_create (Request *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = read_body (r, &error);
  JsonObject *metadata;
  const char *body_namespace;
  g_autofree char *name = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *now = NULL;

  if (object == NULL)
    {
      g_autofree char *message = g_strdup_printf ("json parse error: %s", error->message);
      respond_bad_request (r, message);
      return;
    }
  if (r->kind->virtual_create)
    {
      handle_virtual_create (r, object);
      return;
    }
  if (!check_type_meta (r, object) || !check_dry_run_value (r))
    return;
  metadata = sim_json_ensure_object (object, "metadata");
  body_namespace = sim_json_get_string (metadata, "namespace");
  if (r->kind->namespaced)
    {
      if (body_namespace && r->namespace && !g_str_equal (body_namespace, r->namespace))
        {
          respond_bad_request (r,
                               "the namespace of the provided object does not match the namespace "
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
      respond_invalid (r, NULL, causes);
      return;
    }
  json_object_set_string_member (metadata, "name", name);
  if (!authorize (r, "create", NULL) || !check_fields (r, object))
    return;
  if (r->kind->namespaced && !namespace_usable (r, name))
    return;
  strip_status_if_subresource (r->kind, object, NULL);
  if (!run_validation (r, object, NULL, name))
    return;
  if (sim_store_get (sim_server_get_store (r->server), r->storage_key,
                     r->kind->namespaced ? r->namespace : NULL, name))
    {
      g_autofree char *resource = qualified_resource (r->kind);
      g_autofree char *message = g_strdup_printf ("%s \"%s\" already exists", resource, name);
      g_autoptr (JsonObject) details = details_for (r->kind, name);
      sim_respond_status (r->msg, 409, "AlreadyExists", message, details);
      return;
    }

  uid = g_uuid_string_random ();
  now = sim_json_now_rfc3339 ();
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  json_object_remove_member (metadata, "resourceVersion");
  json_object_remove_member (metadata, "deletionTimestamp");
  if (r->kind->has_generation)
    json_object_set_int_member (metadata, "generation", 1);
  if (!is_dry_run (r))
    sim_store_put (sim_server_get_store (r->server), r->storage_key, object);
  respond_object (r, 201, object);
}

/* Shared by PUT and PATCH: @sent is the complete new object. */
static void
store_update (Request *r, JsonObject *old, JsonObject *sent, gboolean unconditional_ok)
{
  g_autoptr (JsonObject) object = json_object_ref (sent);
  JsonObject *metadata = sim_json_ensure_object (object, "metadata");
  JsonObject *old_metadata = sim_json_get_object (old, "metadata");
  const char *sent_rv = sim_json_get_string (metadata, "resourceVersion");
  const char *current_rv = sim_json_get_string (old_metadata, "resourceVersion");
  const char *sent_name = sim_json_get_string (metadata, "name");

  if (sent_name && !g_str_equal (sent_name, r->name))
    {
      g_autofree char *message = g_strdup_printf (
        "the name of the object (%s) does not match the name on the URL (%s)", sent_name, r->name);
      respond_bad_request (r, message);
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
          respond_invalid (r, r->name, causes);
          return;
        }
    }
  else if (!g_str_equal (sent_rv, current_rv))
    {
      respond_conflict (r, r->name);
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

  if (r->subresource)
    {
      /* The status subresource writes status only. */
      JsonNode *status = json_object_get_member (object, "status");
      g_autoptr (JsonObject) merged = sim_json_object_copy (old);
      if (status)
        json_object_set_member (merged, "status", sim_json_node_copy (status));
      else
        json_object_remove_member (merged, "status");
      g_clear_pointer (&object, json_object_unref);
      object = json_object_ref (merged);
    }
  else
    strip_status_if_subresource (r->kind, object, old);

  if (!run_validation (r, object, old, r->name))
    return;
  if (objects_equal (object, old))
    {
      /* A no-op write changes nothing, not even the resource version. */
      respond_object (r, 200, old);
      return;
    }
  if (r->kind->has_generation && spec_changed (object, old))
    json_object_set_int_member (
      sim_json_ensure_object (object, "metadata"), "generation",
      json_object_get_int_member_with_default (old_metadata, "generation", 0) + 1);
  if (!is_dry_run (r))
    sim_store_put (sim_server_get_store (r->server), r->storage_key, object);
  respond_object (r, 200, object);
}

static JsonObject *
lookup_existing (Request *r)
{
  JsonObject *old = sim_store_get (sim_server_get_store (r->server), r->storage_key,
                                   r->kind->namespaced ? r->namespace : NULL, r->name);
  if (old == NULL)
    respond_not_found (r, r->kind, r->name);
  return old;
}

static void
handle_update (Request *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = NULL;
  JsonObject *old;

  if (!authorize (r, "update", r->name) || !check_dry_run_value (r))
    return;
  object = read_body (r, &error);
  if (object == NULL)
    {
      respond_bad_request (r, error->message);
      return;
    }
  if (!check_type_meta (r, object) || (old = lookup_existing (r)) == NULL)
    return;
  old = json_object_ref (old);
  store_update (r, old, object, r->kind->unconditional_update);
  json_object_unref (old);
}

static void
handle_patch (Request *r)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SoupMessageBody *body = soup_server_message_get_request_body (r->msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) patch = NULL;
  g_autoptr (JsonNode) current = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) result = NULL;
  JsonObject *old;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!authorize (r, "patch", r->name) || !check_dry_run_value (r))
    return;
  if (content_type == NULL
      || !(g_str_equal (content_type, "application/merge-patch+json")
           || g_str_equal (content_type, "application/json-patch+json")
           || g_str_equal (content_type, "application/strategic-merge-patch+json")))
    {
      g_autofree char *message = g_strdup_printf (
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json-patch+json, application/merge-patch+json, "
        "application/strategic-merge-patch+json");
      sim_respond_status (r->msg, 415, "UnsupportedMediaType", message, NULL);
      return;
    }
  if (g_str_equal (content_type, "application/strategic-merge-patch+json") && r->kind->group[0]
      && !g_str_has_suffix (r->kind->group, ".k8s.io"))
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
      respond_bad_request (r, error->message);
      return;
    }
  if ((old = lookup_existing (r)) == NULL)
    return;
  old = json_object_ref (old);
  json_node_set_object (current, old);
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
  store_update (r, old, json_node_get_object (result), TRUE);
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
      respond_conflict (r, r->name);
      return FALSE;
    }
  return TRUE;
}

static void
handle_delete (Request *r)
{
  SimStore *store = sim_server_get_store (r->server);
  JsonObject *object;
  g_autoptr (JsonObject) details = NULL;

  if (!authorize (r, "delete", r->name) || !check_dry_run_value (r))
    return;
  if ((object = lookup_existing (r)) == NULL || !preconditions_hold (r, object))
    return;
  if (g_str_equal (r->storage_key, "/namespaces"))
    {
      /* Namespaces terminate: their content goes first, then they do. */
      g_autoptr (JsonObject) terminating = sim_json_object_copy (object);
      if (!is_dry_run (r))
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
      respond_object (r, 200, terminating);
      return;
    }
  details = details_for (r->kind, r->name);
  json_object_set_string_member (details, "uid", sim_json_get_path_string (object, "metadata.uid"));
  if (!is_dry_run (r))
    sim_store_remove (store, r->storage_key, r->kind->namespaced ? r->namespace : NULL, r->name);
  sim_respond_status (r->msg, 200, NULL, NULL, details);
}

static void
handle_delete_collection (Request *r)
{
  g_autoptr (SimSelector) labels = NULL;
  g_autoptr (SimSelector) fields = NULL;
  g_autoptr (GPtrArray) selected = NULL;

  if (!authorize (r, "deletecollection", NULL) || !check_dry_run_value (r)
      || !parse_selectors (r, &labels, &fields))
    return;
  selected = select_objects (r, labels, fields, NULL);
  if (!is_dry_run (r))
    for (guint i = 0; i < selected->len; i++)
      {
        JsonObject *object = g_ptr_array_index (selected, i);
        sim_store_remove (sim_server_get_store (r->server), r->storage_key,
                          sim_json_get_path_string (object, "metadata.namespace"),
                          sim_json_get_path_string (object, "metadata.name"));
      }
  sim_respond_status (r->msg, 200, NULL, NULL, NULL);
}

/* Bodies are JSON, or protobuf for the kinds that describe their protobuf
 * fields (kubectl's typed clients send those and do not fall back). */
static gboolean
body_is_json (Request *r)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (content_type == NULL
      || !g_str_has_prefix (content_type, "application/vnd.kubernetes.protobuf")
      || r->kind->protobuf != NULL)
    return TRUE;
  sim_respond_status (r->msg, 415, "UnsupportedMediaType",
                      "the body of the request was in an unknown format - accepted media types "
                      "include: application/json, application/yaml",
                      NULL);
  return FALSE;
}

static void
respond_method_not_allowed (Request *r)
{
  sim_respond_status (r->msg, 405, "MethodNotAllowed",
                      "the server does not allow this method on the requested resource", NULL);
}

void
sim_api_handle (SimServer *self, SoupServerMessage *msg, const char *path, GHashTable *query)
{
  g_auto (Request) r = { self, msg, query };
  const char *method = soup_server_message_get_method (msg);

  if (!parse_path (&r, path))
    {
      sim_respond_status (msg, 404, "NotFound", "the server could not find the requested resource",
                          NULL);
      return;
    }
  if ((r.user = sim_api_authenticate (self, msg)) == NULL || !body_is_json (&r))
    return;
  if (r.kind->virtual_create && !(g_str_equal (method, "POST") && r.name == NULL))
    respond_method_not_allowed (&r);
  else if (g_str_equal (method, "GET"))
    r.name ? handle_get (&r) : handle_list (&r);
  else if (g_str_equal (method, "POST") && r.name == NULL)
    handle_create (&r);
  else if (g_str_equal (method, "PUT") && r.name)
    handle_update (&r);
  else if (g_str_equal (method, "PATCH") && r.name)
    handle_patch (&r);
  else if (g_str_equal (method, "DELETE"))
    r.name ? handle_delete (&r) : handle_delete_collection (&r);
  else
    respond_method_not_allowed (&r);
}
