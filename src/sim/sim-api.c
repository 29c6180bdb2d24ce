/* sim-api.c: the Kubernetes REST semantics of the simulated Supervisor:
 * routing, authentication, status bodies and the reads (get, list, watch)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paths, verbs, status codes and Status bodies as kube-apiserver has
 * them; the writes are in sim-api-write.c.
 */
#define G_LOG_DOMAIN "sim-api"

#include "sim-api-private.h"

#include <string.h>

#include "sim-json.h"
#include "sim-present-cache.h"
#include "sim-rbac.h"
#include "sim-table.h"

void
sim_request_clear (Request *r)
{
  g_free (r->storage_key);
  g_free (r->namespace);
  g_free (r->name);
  g_free (r->subresource);
  g_free (r->user);
  g_strfreev (r->groups);
}

const char *
sim_request_query (Request *r, const char *key)
{
  return r->query ? g_hash_table_lookup (r->query, key) : NULL;
}

gboolean
sim_request_query_true (Request *r, const char *key)
{
  const char *value = sim_request_query (r, key);

  return value && (g_str_equal (value, "true") || g_str_equal (value, "1"));
}

/* "configmaps" or "tanzukubernetesclusters.run.tanzu.vmware.com", as in messages */
char *
sim_request_qualified_resource (const SimKind *kind)
{
  if (kind->group[0] == '\0')
    return g_strdup (kind->plural);
  return g_strdup_printf ("%s.%s", kind->plural, kind->group);
}

JsonObject *
sim_request_details (const SimKind *kind, const char *name)
{
  JsonObject *details = json_object_new ();

  if (name)
    json_object_set_string_member (details, "name", name);
  if (kind->group[0])
    json_object_set_string_member (details, "group", kind->group);
  json_object_set_string_member (details, "kind", kind->plural);
  return details;
}

void
sim_request_not_found (Request *r, const SimKind *kind, const char *name)
{
  g_autofree char *resource = sim_request_qualified_resource (kind);
  g_autofree char *message = g_strdup_printf ("%s \"%s\" not found", resource, name);
  g_autoptr (JsonObject) details = sim_request_details (kind, name);

  sim_respond_status (r->msg, 404, "NotFound", message, details);
}

void
sim_request_bad_request (Request *r, const char *message)
{
  sim_respond_status (r->msg, 400, "BadRequest", message, NULL);
}

void
sim_request_conflict (Request *r, const char *name)
{
  g_autofree char *resource = sim_request_qualified_resource (r->kind);
  g_autofree char *message = g_strdup_printf (
    "Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply your "
    "changes to the latest version and try again",
    resource, name);
  g_autoptr (JsonObject) details = sim_request_details (r->kind, name);

  sim_respond_status (r->msg, 409, "Conflict", message, details);
}

void
sim_request_invalid (Request *r, const char *name, GPtrArray *causes)
{
  sim_request_invalid_from (r, name, causes, NULL);
}

/* A 422 Invalid; kube-apiserver prefixes what an admission webhook
 * denied with the webhook's name. */
void
sim_request_invalid_from (Request *r, const char *name, GPtrArray *causes, const char *webhook)
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
  if (webhook)
    {
      char *prefixed
        = g_strdup_printf ("admission webhook \"%s\" denied the request: %s", webhook, message);
      g_free (message);
      message = prefixed;
    }
  if (name)
    json_object_set_string_member (details, "name", name);
  if (r->kind->group[0])
    json_object_set_string_member (details, "group", r->kind->group);
  json_object_set_string_member (details, "kind", r->kind->kind);
  json_object_set_array_member (details, "causes", cause_array);
  sim_respond_status (r->msg, 422, "Invalid", message, details);
}

/* A client certificate signed by the simulator's CA: the user is its
 * CN, the groups its O (kubernetes-admin in system:masters). */
static char *
certificate_user (SimServer *self, SoupServerMessage *msg, GStrvBuilder *groups)
{
  GTlsCertificate *peer = sim_server_peer_certificate (self, msg);
  g_autofree char *subject = NULL;
  g_auto (GStrv) parts = NULL;
  char *user = NULL;

  if (peer == NULL
      || g_tls_certificate_verify (peer, NULL,
                                   sim_tls_get_ca_certificate (sim_server_get_tls (self)))
           != 0)
    return NULL;
  subject = g_tls_certificate_get_subject_name (peer);
  parts = g_strsplit (subject ? subject : "", ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *part = g_strstrip (parts[i]);
      if (g_str_has_prefix (part, "CN=") && user == NULL)
        user = g_strdup (part + 3);
      else if (g_str_has_prefix (part, "O="))
        g_strv_builder_add (groups, part + 2);
    }
  return user;
}

#define SERVICE_ACCOUNT_PREFIX "system:serviceaccount:"

/* kube-apiserver: a service account impersonated without groups gets its
 * own, system:serviceaccounts and system:serviceaccounts:<namespace> */
static void
add_service_account_groups (GStrvBuilder *builder, const char *user)
{
  g_autofree char *namespace = NULL;
  g_auto (GStrv) own = NULL;
  char *colon;

  if (!g_str_has_prefix (user, SERVICE_ACCOUNT_PREFIX))
    return;
  namespace = g_strdup (user + strlen (SERVICE_ACCOUNT_PREFIX));
  if ((colon = strchr (namespace, ':')) == NULL)
    return;
  *colon = '\0';
  own = sim_rbac_service_account_groups (namespace);
  for (guint i = 0; own[i]; i++)
    if (!g_str_equal (own[i], "system:authenticated"))
      g_strv_builder_add (builder, own[i]);
}

/* Impersonate-User / Impersonate-Group, for those allowed to impersonate */
static gboolean
impersonate (SimServer *self, SoupServerMessage *msg, char **user, GStrv *groups)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *as_user = soup_message_headers_get_one (headers, "Impersonate-User");
  const char *as_groups = soup_message_headers_get_list (headers, "Impersonate-Group");
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) listed = NULL;

  if (as_user == NULL && as_groups == NULL)
    return TRUE;
  if (!sim_server_authorize (self, *user, (const char *const *) *groups, "impersonate", "",
                             as_user ? "users" : "groups", NULL, as_user))
    {
      g_autofree char *message = g_strdup_printf (
        "%s \"%s\" is forbidden: User \"%s\" cannot impersonate resource \"%s\" in API group "
        "\"\" at the cluster scope",
        as_user ? "users" : "groups", as_user ? as_user : as_groups, *user,
        as_user ? "users" : "groups");
      sim_respond_status (msg, 403, "Forbidden", message, NULL);
      return FALSE;
    }
  builder = g_strv_builder_new ();
  listed = as_groups ? g_strsplit (as_groups, ",", -1) : NULL;
  for (guint i = 0; listed && listed[i]; i++)
    g_strv_builder_add (builder, g_strstrip (listed[i]));
  if (as_groups == NULL && as_user)
    add_service_account_groups (builder, as_user);
  g_strv_builder_add (builder, "system:authenticated");
  g_free (*user);
  *user = g_strdup (as_user ? as_user : "system:anonymous");
  g_strfreev (*groups);
  *groups = g_strv_builder_end (builder);
  return TRUE;
}

char *
sim_api_authenticate (SimServer *self, SoupServerMessage *msg, GStrv *groups)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *why_not = "missing bearer token";
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  char *user = NULL;
  g_auto (GStrv) found = NULL;

  if (authorization && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    user = sim_auth_verify_token (sim_server_get_auth (self), authorization + 7, &why_not);
  if (user && sim_server_is_guest (self))
    {
      /* In a guest, SSO users are sso:<user>, as vSphere's sync names them. */
      char *prefixed = g_strdup_printf ("sso:%s", user);
      g_free (user);
      user = prefixed;
    }
  else if (user == NULL && sim_server_is_guest (self))
    user = certificate_user (self, msg, builder);
  if (user == NULL)
    {
      g_debug ("401: %s", why_not);
      sim_respond_status (msg, 401, "Unauthorized", "Unauthorized", NULL);
      return NULL;
    }
  g_strv_builder_add (builder, "system:authenticated");
  found = g_strv_builder_end (builder);
  if (!impersonate (self, msg, &user, &found))
    {
      g_free (user);
      return NULL;
    }
  if (groups)
    *groups = g_steal_pointer (&found);
  return user;
}

gboolean
sim_request_authorize (Request *r, const char *verb, const char *name)
{
  g_autofree char *message = NULL;
  g_autoptr (JsonObject) details = NULL;
  const char *namespace = r->kind->namespaced ? r->namespace : NULL;

  if (sim_server_authorize (r->server, r->user, (const char *const *) r->groups, verb,
                            r->kind->group, r->kind->plural, namespace, name))
    return TRUE;
  message
    = sim_auth_forbidden_message (r->user, verb, r->kind->group, r->kind->plural, namespace, name);
  details = sim_request_details (r->kind, name);
  sim_respond_status (r->msg, 403, "Forbidden", message, details);
  return FALSE;
}

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
  if (r->subresource && !(g_str_equal (r->subresource, "status") && r->kind->has_status)
      && !(g_str_equal (r->subresource, "scale") && r->kind->has_scale))
    return FALSE;
  r->storage_key = sim_kind_storage_key (r->kind);
  return TRUE;
}

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

gboolean
sim_request_is_dry_run (Request *r)
{
  const char *dry_run = sim_request_query (r, "dryRun");

  return dry_run && g_str_equal (dry_run, "All");
}

gboolean
sim_request_check_dry_run (Request *r)
{
  const char *dry_run = sim_request_query (r, "dryRun");

  if (dry_run == NULL || g_str_equal (dry_run, "All"))
    return TRUE;
  sim_request_bad_request (r, "dryRun: Unsupported value: only \"All\" is supported");
  return FALSE;
}

void
sim_request_respond (Request *r, guint status, JsonObject *object)
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
  const char *include = sim_request_query (r, "includeObject");

  if (include && g_str_equal (include, "Object"))
    return SIM_TABLE_INCLUDE_OBJECT;
  if (include && g_str_equal (include, "None"))
    return SIM_TABLE_INCLUDE_NONE;
  return SIM_TABLE_INCLUDE_METADATA;
}

static void
handle_get (Request *r)
{
  JsonObject *object;

  if (!sim_request_authorize (r, "get", r->name))
    return;
  object = sim_store_get (sim_server_get_store (r->server), r->storage_key,
                          r->kind->namespaced ? r->namespace : NULL, r->name);
  if (object == NULL)
    {
      sim_request_not_found (r, r->kind, r->name);
      return;
    }
  object = sim_kind_present (r->kind, object);
  if (wants_table (r))
    {
      g_autoptr (GPtrArray) one
        = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr (JsonObject) table = NULL;

      g_ptr_array_add (one, object);
      table = sim_table_new (r->kind, one, table_include (r), TRUE,
                             sim_json_get_path_string (object, "metadata.resourceVersion"), NULL);
      sim_request_respond (r, 200, table);
      return;
    }
  sim_request_respond (r, 200, object);
  json_object_unref (object);
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

typedef struct
{
  SimSelector *labels;
  SimSelector *fields;
  gboolean filtered; /* the request has a label or field selector */
  guint limit;       /* 0: no limit */
  GPtrArray *selected;
  gint64 remaining; /* after the limit: counted without selectors only */
} Selection;

static gboolean
select_one (JsonObject *object, gpointer user_data)
{
  Selection *s = user_data;

  if (s->limit > 0 && s->selected->len >= s->limit)
    {
      /* kube-apiserver counts what is left only for a list without
       * selectors (remainingItemCount is unset otherwise) */
      if (s->filtered)
        {
          s->remaining = -1;
          return FALSE;
        }
      s->remaining++;
      return TRUE;
    }
  if ((s->labels == NULL || sim_selector_matches (s->labels, object))
      && (s->fields == NULL || sim_selector_matches (s->fields, object)))
    g_ptr_array_add (s->selected, json_object_ref (object));
  return TRUE;
}

/**
 * sim_request_select:
 * @after: (nullable): the continue key: "namespace/name" of the last
 *   object of the previous page
 * @limit: at most this many (0: all)
 * @remaining: (out) (optional): how many more a page of @limit leaves: 0
 *   when none, -1 when there are more but selectors leave their number unknown
 *
 * The objects the request's scope holds from @after on, in key order,
 * read from the store's ordered index (no scan of what came before).
 */
GPtrArray *
sim_request_select (Request *r,
                    SimSelector *labels,
                    SimSelector *fields,
                    const char *after,
                    guint limit,
                    gint64 *remaining)
{
  Selection s = { labels, fields, FALSE, limit, NULL, 0 };
  g_autofree char *after_namespace = NULL;
  const char *after_name = NULL;
  const char *slash = after ? strchr (after, '/') : NULL;

  s.selected = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  s.filtered
    = (sim_request_query (r, "labelSelector") && *sim_request_query (r, "labelSelector"))
      || (sim_request_query (r, "fieldSelector") && *sim_request_query (r, "fieldSelector"));
  if (slash)
    {
      after_namespace = g_strndup (after, slash - after);
      after_name = slash + 1;
    }
  sim_store_foreach (sim_server_get_store (r->server), r->storage_key,
                     r->kind->namespaced ? r->namespace : NULL, after_namespace, after_name,
                     select_one, &s);
  if (remaining)
    *remaining = s.remaining;
  return s.selected;
}

gboolean
sim_request_parse_selectors (Request *r, SimSelector **labels, SimSelector **fields)
{
  g_autoptr (GError) error = NULL;

  *labels = sim_selector_parse_labels (sim_request_query (r, "labelSelector"), &error);
  if (*labels)
    *fields = sim_selector_parse_fields (sim_request_query (r, "fieldSelector"),
                                         r->kind ? r->kind->field_labels : NULL, &error);
  if (error == NULL)
    return TRUE;
  g_clear_pointer (labels, sim_selector_free);
  sim_request_bad_request (r, error->message);
  return FALSE;
}

/* The list's envelope, written as json-glib writes it ("items" last), with
 * each item's text from the cache: no copy, no tree, no writing out of
 * objects a list only reads */
static void
respond_list (Request *r,
              GPtrArray *stored,
              guint64 rv,
              const char *continue_token,
              gint64 remaining)
{
  g_autoptr (JsonObject) head = json_object_new ();
  JsonObject *metadata = json_object_new ();
  g_autofree char *api_version = sim_kind_api_version (r->kind);
  g_autofree char *list_kind = g_strdup_printf ("%sList", r->kind->kind);
  g_autofree char *rv_text = g_strdup_printf ("%" G_GUINT64_FORMAT, rv);
  g_autofree char *head_text = NULL;
  GString *body;
  gsize length = 0;

  json_object_set_string_member (head, "kind", list_kind);
  json_object_set_string_member (head, "apiVersion", api_version);
  json_object_set_string_member (metadata, "resourceVersion", rv_text);
  if (continue_token)
    json_object_set_string_member (metadata, "continue", continue_token);
  if (continue_token && remaining > 0)
    json_object_set_int_member (metadata, "remainingItemCount", remaining);
  json_object_set_object_member (head, "metadata", metadata);
  head_text = sim_json_object_to_string (head, &length);
  body = g_string_sized_new (length + 16 + stored->len * 2048);
  g_string_append_len (body, head_text, (gssize) length - 1); /* without its "}" */
  g_string_append (body, ",\"items\":[");
  for (guint i = 0; i < stored->len; i++)
    {
      const char *text = sim_present_text (r->kind, g_ptr_array_index (stored, i), &length);

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append_len (body, text, (gssize) length);
    }
  g_string_append (body, "]}");
  soup_server_message_set_status (r->msg, 200, NULL);
  length = body->len;
  soup_server_message_set_response (r->msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

static void
handle_list (Request *r)
{
  SimStore *store = sim_server_get_store (r->server);
  g_autoptr (SimSelector) labels = NULL;
  g_autoptr (SimSelector) fields = NULL;
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *after = NULL;
  g_autofree char *next = NULL;
  const char *limit_text = sim_request_query (r, "limit");
  const char *token = sim_request_query (r, "continue");
  guint64 rv = sim_store_get_resource_version (store);
  guint64 limit = limit_text ? g_ascii_strtoull (limit_text, NULL, 10) : 0;
  gint64 remaining = 0;

  if (!sim_request_authorize (r, sim_request_query_true (r, "watch") ? "watch" : "list", NULL)
      || !sim_request_parse_selectors (r, &labels, &fields))
    return;
  if (sim_request_query_true (r, "watch"))
    {
      sim_watch_start (r->server, r->msg, r->kind, r->kind->namespaced ? r->namespace : NULL,
                       r->query, wants_table (r));
      return;
    }
  if (token && *token)
    {
      if (!continue_token_parse (token, &rv, &after))
        {
          sim_request_bad_request (
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
  selected
    = sim_request_select (r, labels, fields, after, (guint) MIN (limit, G_MAXUINT), &remaining);
  if (remaining != 0)
    next = continue_token_new (rv, g_ptr_array_index (selected, selected->len - 1));
  if (wants_table (r))
    {
      g_autofree char *rv_text = g_strdup_printf ("%" G_GUINT64_FORMAT, rv);
      g_autoptr (JsonObject) table = NULL;

      shown = sim_kind_present_all (r->kind, selected);
      table = sim_table_new (r->kind, shown, table_include (r), TRUE, rv_text, next);
      sim_request_respond (r, 200, table);
      return;
    }
  respond_list (r, selected, rv, next, remaining);
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

/* kube-apiserver's MaxRequestBodyBytes: a write's body larger than 3 MiB
 * is refused before it is decoded */
#define MAX_REQUEST_BODY_BYTES (3 * 1024 * 1024)

static gboolean
body_fits (Request *r)
{
  SoupMessageBody *body = soup_server_message_get_request_body (r->msg);
  g_autofree char *message = NULL;

  if (body->length <= MAX_REQUEST_BODY_BYTES)
    return TRUE;
  message = g_strdup_printf ("Request entity too large: limit is %d", MAX_REQUEST_BODY_BYTES);
  sim_respond_status (r->msg, 413, "RequestEntityTooLarge", message, NULL);
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
  if ((r.user = sim_api_authenticate (self, msg, &r.groups)) == NULL || !body_fits (&r)
      || !body_is_json (&r))
    return;
  if (r.kind->virtual_create && !(g_str_equal (method, "POST") && r.name == NULL))
    respond_method_not_allowed (&r);
  else if (g_strcmp0 (r.subresource, "scale") == 0)
    sim_api_scale (&r);
  else if (g_str_equal (method, "GET"))
    r.name ? handle_get (&r) : handle_list (&r);
  else if (g_str_equal (method, "POST") && r.name == NULL)
    sim_api_create (&r);
  else if (g_str_equal (method, "PUT") && r.name)
    sim_api_update (&r);
  else if (g_str_equal (method, "PATCH") && r.name)
    sim_api_patch (&r);
  else if (g_str_equal (method, "DELETE"))
    r.name ? sim_api_delete (&r) : sim_api_delete_collection (&r);
  else
    respond_method_not_allowed (&r);
}
