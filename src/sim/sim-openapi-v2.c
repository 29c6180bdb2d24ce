/* sim-openapi-v2.c: /openapi/v2, which every Kubernetes version serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Supervisor before Kubernetes 1.24 has no /openapi/v3, and before 1.25
 * no server-side field validation; kubectl then validates on its side,
 * with the OpenAPI v2 document, which it asks for in protobuf
 * (application/com.github.proto-openapi.spec.v2@v1.0+protobuf, the
 * message openapi.v2.Document of the gnostic project). JSON is served to
 * everyone else. The kinds' v3 schemas become v2 the way kube-apiserver
 * publishes custom resources to v2: what v2 cannot say (nullable,
 * anyOf/oneOf/not, int-or-string, preserved unknown fields) loses its
 * type, so kubectl accepts any value there rather than refusing a valid
 * one. See doc/simulator.md.
 */
#define G_LOG_DOMAIN "sim-openapi"

#include "sim-openapi.h"

#include <string.h>

#include "sim-json.h"
#include "sim-schema.h"

#define V3_REF_PREFIX "#/components/schemas/"
/* Asked for with an "@" (client-go), or a "."; answered with the "." that
 * Go's media type parser accepts, as kube-openapi's handler does */
#define PROTOBUF_ASKED "application/com.github.proto-openapi.spec.v2"
#define PROTOBUF_TYPE "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
#define OBJECT_META "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

/* ---- the v2 document, as JSON ---- */

static JsonNode *to_v2 (JsonNode *node);

static JsonObject *
schema_to_v2 (JsonObject *schema)
{
  JsonObject *v2 = json_object_new ();
  gboolean untyped
    = json_object_get_boolean_member_with_default (schema, "x-kubernetes-preserve-unknown-fields",
                                                   FALSE)
      || json_object_get_boolean_member_with_default (schema, "x-kubernetes-int-or-string", FALSE)
      || json_object_get_boolean_member_with_default (schema, "nullable", FALSE);
  g_autoptr (GList) members = json_object_get_members (schema);

  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (schema, name);

      if (g_str_equal (name, "nullable") || g_str_equal (name, "anyOf")
          || g_str_equal (name, "oneOf") || g_str_equal (name, "not"))
        continue;
      if (untyped
          && (g_str_equal (name, "type") || g_str_equal (name, "properties")
              || g_str_equal (name, "items") || g_str_equal (name, "additionalProperties")
              || g_str_equal (name, "required")))
        continue;
      if (g_str_equal (name, "$ref") && JSON_NODE_HOLDS_VALUE (value)
          && g_str_has_prefix (json_node_get_string (value), V3_REF_PREFIX))
        {
          g_autofree char *ref = g_strconcat (
            "#/definitions/", json_node_get_string (value) + strlen (V3_REF_PREFIX), NULL);
          json_object_set_string_member (v2, name, ref);
          continue;
        }
      if (g_str_equal (name, "properties") && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *properties = json_node_get_object (value);
          JsonObject *converted = json_object_new ();
          g_autoptr (GList) keys = json_object_get_members (properties);

          for (GList *k = keys; k; k = k->next)
            json_object_set_member (converted, k->data,
                                    to_v2 (json_object_get_member (properties, k->data)));
          json_object_set_object_member (v2, name, converted);
          continue;
        }
      if (g_str_equal (name, "items") || g_str_equal (name, "additionalProperties")
          || g_str_equal (name, "allOf"))
        json_object_set_member (v2, name, to_v2 (value));
      else
        json_object_set_member (v2, name, json_node_copy (value));
    }
  return v2;
}

/* A schema, or a list of them (allOf), or a boolean (additionalProperties) */
static JsonNode *
to_v2 (JsonNode *node)
{
  JsonNode *converted;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      converted = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (converted, schema_to_v2 (json_node_get_object (node)));
      return converted;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *items = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (items, to_v2 (json_array_get_element (array, i)));
      converted = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (converted, items);
      return converted;
    }
  return json_node_copy (node);
}

static JsonObject *
definition (const SimKind *kind)
{
  g_autoptr (JsonObject) schema = sim_openapi_schema_with_gvk (kind);

  return schema_to_v2 (schema);
}

static JsonObject *
parameter (const char *name, const char *in)
{
  JsonObject *p = json_object_new ();

  json_object_set_string_member (p, "name", name);
  json_object_set_string_member (p, "in", in);
  if (g_str_equal (in, "path"))
    json_object_set_boolean_member (p, "required", TRUE);
  json_object_set_string_member (p, "type", "string");
  return p;
}

static JsonObject *
body_parameter (const SimKind *kind)
{
  JsonObject *p = json_object_new ();
  JsonObject *schema = json_object_new ();
  g_autofree char *ref = g_strdup_printf ("#/definitions/%s", kind->schema_name);

  json_object_set_string_member (p, "name", "body");
  json_object_set_string_member (p, "in", "body");
  json_object_set_boolean_member (p, "required", TRUE);
  json_object_set_string_member (schema, "$ref", ref);
  json_object_set_object_member (p, "schema", schema);
  return p;
}

static JsonObject *
operation (SimServer *self, const SimKind *kind, const char *action, gboolean item)
{
  JsonObject *op = json_object_new ();
  JsonArray *params = json_array_new ();
  JsonObject *responses = json_object_new ();
  JsonObject *ok = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%s%s%s", action, kind->kind, item ? "" : "List");
  gboolean write
    = g_str_equal (action, "post") || g_str_equal (action, "put") || g_str_equal (action, "patch");

  json_object_set_string_member (op, "operationId", id);
  if (item)
    json_array_add_object_element (params, parameter ("name", "path"));
  if (kind->namespaced)
    json_array_add_object_element (params, parameter ("namespace", "path"));
  if (write)
    {
      json_array_add_object_element (params, body_parameter (kind));
      json_array_add_object_element (params, parameter ("dryRun", "query"));
      json_array_add_object_element (params, parameter ("fieldManager", "query"));
      if (sim_openapi_has_field_validation (self))
        json_array_add_object_element (params, parameter ("fieldValidation", "query"));
    }
  json_object_set_array_member (op, "parameters", params);
  json_object_set_string_member (ok, "description", "OK");
  json_object_set_object_member (responses, "200", ok);
  json_object_set_object_member (op, "responses", responses);
  json_object_set_string_member (op, "x-kubernetes-action", action);
  json_object_set_object_member (op, "x-kubernetes-group-version-kind", sim_openapi_gvk (kind));
  return op;
}

static void
add_paths (SimServer *self, JsonObject *paths, const SimKind *kind)
{
  g_autofree char *collection = sim_openapi_collection_path (kind);
  g_autofree char *item_path = g_strdup_printf ("%s/{name}", collection);
  JsonObject *c = json_object_new ();

  json_object_set_object_member (c, "post", operation (self, kind, "post", FALSE));
  if (kind->virtual_create == NULL)
    {
      JsonObject *item = json_object_new ();

      json_object_set_object_member (c, "get", operation (self, kind, "list", FALSE));
      json_object_set_object_member (item, "get", operation (self, kind, "get", TRUE));
      json_object_set_object_member (item, "put", operation (self, kind, "put", TRUE));
      json_object_set_object_member (item, "patch", operation (self, kind, "patch", TRUE));
      json_object_set_object_member (item, "delete", operation (self, kind, "delete", TRUE));
      json_object_set_object_member (paths, item_path, item);
    }
  json_object_set_object_member (paths, collection, c);
}

JsonObject *
sim_openapi_v2_document (SimServer *self)
{
  JsonObject *doc = json_object_new ();
  JsonObject *paths = json_object_new ();
  JsonObject *definitions = json_object_new ();
  GPtrArray *kinds = sim_server_get_kinds (self);

  json_object_set_string_member (doc, "swagger", "2.0");
  json_object_set_object_member (doc, "info", sim_openapi_info (self));
  for (guint i = 0; i < kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (kinds, i);

      if (kind->schema_json == NULL)
        continue;
      add_paths (self, paths, kind);
      json_object_set_object_member (definitions, kind->schema_name, definition (kind));
    }
  json_object_set_object_member (definitions, OBJECT_META,
                                 schema_to_v2 (sim_schema_object_meta ()));
  json_object_set_object_member (doc, "paths", paths);
  json_object_set_object_member (doc, "definitions", definitions);
  return doc;
}

/* ---- the same, as an openapi.v2.Document message ---- */

enum
{
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LENGTH = 2,
};

static void
put_varint (GByteArray *out, guint64 value)
{
  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (value);
}

static void
put_tag (GByteArray *out, guint field, guint wire)
{
  put_varint (out, ((guint64) field << 3) | wire);
}

static void
put_bytes (GByteArray *out, guint field, const guint8 *data, gsize length)
{
  put_tag (out, field, WIRE_LENGTH);
  put_varint (out, length);
  g_byte_array_append (out, data, length);
}

static void
put_string (GByteArray *out, guint field, const char *text)
{
  if (text && *text)
    put_bytes (out, field, (const guint8 *) text, strlen (text));
}

/* A nested message: @inner is consumed */
static void
put_message (GByteArray *out, guint field, GByteArray *inner)
{
  put_bytes (out, field, inner->data, inner->len);
  g_byte_array_unref (inner);
}

static void
put_bool (GByteArray *out, guint field, gboolean value)
{
  if (!value)
    return;
  put_tag (out, field, WIRE_VARINT);
  put_varint (out, 1);
}

static void
put_double (GByteArray *out, guint field, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  put_tag (out, field, WIRE_FIXED64);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

/* Any { string yaml = 2 }: JSON is YAML, and kubectl reads it as YAML */
static GByteArray *
any_message (JsonNode *value)
{
  GByteArray *any = g_byte_array_new ();
  g_autofree char *text = sim_json_to_string (value, NULL);

  put_string (any, 2, text);
  return any;
}

/* NamedAny { name = 1; Any value = 2 } */
static GByteArray *
named_any (const char *name, JsonNode *value)
{
  GByteArray *named = g_byte_array_new ();

  put_string (named, 1, name);
  put_message (named, 2, any_message (value));
  return named;
}

static GByteArray *schema_message (JsonObject *schema);

/* NamedSchema { name = 1; Schema value = 2 } */
static GByteArray *
named_schema (const char *name, JsonObject *schema)
{
  GByteArray *named = g_byte_array_new ();

  put_string (named, 1, name);
  put_message (named, 2, schema_message (schema));
  return named;
}

/* Properties and Definitions { repeated NamedSchema additional_properties = 1 } */
static GByteArray *
named_schemas (JsonObject *map)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr (GList) names = json_object_get_members (map);

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (map, l->data);
      if (JSON_NODE_HOLDS_OBJECT (value))
        put_message (out, 1, named_schema (l->data, json_node_get_object (value)));
    }
  return out;
}

static void
put_schema_number (GByteArray *out, JsonObject *schema, const char *member, guint field)
{
  JsonNode *value = json_object_get_member (schema, member);

  if (value && JSON_NODE_HOLDS_VALUE (value))
    {
      put_tag (out, field, WIRE_VARINT);
      put_varint (out, (guint64) json_node_get_int (value));
    }
}

static void
put_schema_double (GByteArray *out, JsonObject *schema, const char *member, guint field)
{
  JsonNode *value = json_object_get_member (schema, member);

  if (value && JSON_NODE_HOLDS_VALUE (value))
    put_double (out, field, json_node_get_double (value));
}

static void
put_schema_strings (GByteArray *out, JsonObject *schema, const char *member, guint field)
{
  JsonNode *value = json_object_get_member (schema, member);
  JsonArray *array = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    put_string (out, field, json_array_get_string_element (array, i));
}

/* type: a TypeItem { repeated string value = 1 } */
static void
put_schema_type (GByteArray *out, JsonObject *schema)
{
  const char *type = sim_json_get_string (schema, "type");
  GByteArray *item;

  if (type == NULL)
    return;
  item = g_byte_array_new ();
  put_string (item, 1, type);
  put_message (out, 22, item);
}

/* items (ItemsItem, 23), allOf (24), additionalProperties (21) */
static void
put_schema_children (GByteArray *out, JsonObject *schema)
{
  JsonNode *items = json_object_get_member (schema, "items");
  JsonNode *all_of = json_object_get_member (schema, "allOf");
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");

  if (items && JSON_NODE_HOLDS_OBJECT (items))
    {
      GByteArray *item = g_byte_array_new ();
      put_message (item, 1, schema_message (json_node_get_object (items)));
      put_message (out, 23, item);
    }
  for (guint i = 0; all_of && JSON_NODE_HOLDS_ARRAY (all_of)
                    && i < json_array_get_length (json_node_get_array (all_of));
       i++)
    {
      JsonObject *part = json_array_get_object_element (json_node_get_array (all_of), i);
      if (part)
        put_message (out, 24, schema_message (part));
    }
  if (additional)
    {
      GByteArray *item = g_byte_array_new ();
      if (JSON_NODE_HOLDS_OBJECT (additional))
        put_message (item, 1, schema_message (json_node_get_object (additional)));
      else
        {
          put_tag (item, 2, WIRE_VARINT);
          put_varint (item, json_node_get_boolean (additional) ? 1 : 0);
        }
      put_message (out, 21, item);
    }
}

/* Schema: the fields kubectl's validation reads, and x- extensions */
static GByteArray *
schema_message (JsonObject *schema)
{
  GByteArray *out = g_byte_array_new ();
  JsonNode *properties = json_object_get_member (schema, "properties");
  JsonNode *enumeration = json_object_get_member (schema, "enum");
  JsonNode *fallback = json_object_get_member (schema, "default");
  g_autoptr (GList) members = json_object_get_members (schema);

  put_string (out, 1, sim_json_get_string (schema, "$ref"));
  put_string (out, 2, sim_json_get_string (schema, "format"));
  put_string (out, 3, sim_json_get_string (schema, "title"));
  put_string (out, 4, sim_json_get_string (schema, "description"));
  if (fallback)
    put_message (out, 5, any_message (fallback));
  put_schema_double (out, schema, "maximum", 7);
  put_schema_double (out, schema, "minimum", 9);
  put_schema_number (out, schema, "maxLength", 11);
  put_schema_number (out, schema, "minLength", 12);
  put_string (out, 13, sim_json_get_string (schema, "pattern"));
  put_schema_number (out, schema, "maxItems", 14);
  put_schema_number (out, schema, "minItems", 15);
  put_schema_strings (out, schema, "required", 19);
  for (guint i = 0; enumeration && JSON_NODE_HOLDS_ARRAY (enumeration)
                    && i < json_array_get_length (json_node_get_array (enumeration));
       i++)
    put_message (out, 20,
                 any_message (json_array_get_element (json_node_get_array (enumeration), i)));
  put_schema_type (out, schema);
  put_schema_children (out, schema);
  if (properties && JSON_NODE_HOLDS_OBJECT (properties))
    put_message (out, 25, named_schemas (json_node_get_object (properties)));
  for (GList *l = members; l; l = l->next)
    if (g_str_has_prefix (l->data, "x-"))
      put_message (out, 31, named_any (l->data, json_object_get_member (schema, l->data)));
  return out;
}

/* Parameter: BodyParameter (1), or NonBodyParameter (2) with a query (3)
 * or path (4) sub-schema, inside a ParametersItem */
static GByteArray *
parameters_item (JsonObject *p)
{
  GByteArray *item = g_byte_array_new ();
  GByteArray *parameter = g_byte_array_new ();
  const char *in = sim_json_get_string (p, "in");
  gboolean required = json_object_get_boolean_member_with_default (p, "required", FALSE);

  if (g_strcmp0 (in, "body") == 0)
    {
      GByteArray *body = g_byte_array_new ();
      put_string (body, 2, sim_json_get_string (p, "name"));
      put_string (body, 3, in);
      put_bool (body, 4, required);
      put_message (body, 5, schema_message (json_object_get_object_member (p, "schema")));
      put_message (parameter, 1, body);
    }
  else
    {
      GByteArray *non_body = g_byte_array_new ();
      GByteArray *sub = g_byte_array_new ();
      gboolean path = g_strcmp0 (in, "path") == 0;

      put_bool (sub, 1, required);
      put_string (sub, 2, in);
      put_string (sub, 4, sim_json_get_string (p, "name"));
      put_string (sub, path ? 5 : 6, sim_json_get_string (p, "type"));
      put_message (non_body, path ? 4 : 3, sub);
      put_message (parameter, 2, non_body);
    }
  put_message (item, 1, parameter);
  return item;
}

/* Responses { repeated NamedResponseValue response_code = 1 } */
static GByteArray *
responses_message (JsonObject *responses)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr (GList) codes = json_object_get_members (responses);

  for (GList *l = codes; l; l = l->next)
    {
      GByteArray *named = g_byte_array_new ();
      GByteArray *value = g_byte_array_new ();
      GByteArray *response = g_byte_array_new ();
      JsonObject *r = json_object_get_object_member (responses, l->data);

      put_string (response, 1, sim_json_get_string (r, "description"));
      put_message (value, 1, response);
      put_string (named, 1, l->data);
      put_message (named, 2, value);
      put_message (out, 1, named);
    }
  return out;
}

static GByteArray *
operation_message (JsonObject *op)
{
  GByteArray *out = g_byte_array_new ();
  JsonArray *params = json_object_get_array_member (op, "parameters");
  g_autoptr (GList) members = json_object_get_members (op);

  put_string (out, 5, sim_json_get_string (op, "operationId"));
  for (guint i = 0; params && i < json_array_get_length (params); i++)
    put_message (out, 8, parameters_item (json_array_get_object_element (params, i)));
  put_message (out, 9, responses_message (json_object_get_object_member (op, "responses")));
  for (GList *l = members; l; l = l->next)
    if (g_str_has_prefix (l->data, "x-"))
      put_message (out, 13, named_any (l->data, json_object_get_member (op, l->data)));
  return out;
}

/* PathItem: get 2, put 3, post 4, delete 5, patch 8 */
static GByteArray *
path_item_message (JsonObject *item)
{
  static const struct
  {
    const char *method;
    guint field;
  } methods[] = { { "get", 2 }, { "put", 3 }, { "post", 4 }, { "delete", 5 }, { "patch", 8 } };
  GByteArray *out = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (json_object_has_member (item, methods[i].method))
      put_message (out, methods[i].field,
                   operation_message (json_object_get_object_member (item, methods[i].method)));
  return out;
}

/* Document: swagger 1, info 2, paths 8 (NamedPathItem, field 2), definitions 9 */
GBytes *
sim_openapi_v2_to_protobuf (JsonObject *doc)
{
  GByteArray *out = g_byte_array_new ();
  GByteArray *info = g_byte_array_new ();
  GByteArray *paths = g_byte_array_new ();
  JsonObject *path_map = json_object_get_object_member (doc, "paths");
  g_autoptr (GList) names = json_object_get_members (path_map);

  put_string (out, 1, sim_json_get_string (doc, "swagger"));
  put_string (info, 1, sim_json_get_path_string (doc, "info.title"));
  put_string (info, 2, sim_json_get_path_string (doc, "info.version"));
  put_message (out, 2, info);
  for (GList *l = names; l; l = l->next)
    {
      GByteArray *named = g_byte_array_new ();
      put_string (named, 1, l->data);
      put_message (named, 2, path_item_message (json_object_get_object_member (path_map, l->data)));
      put_message (paths, 2, named);
    }
  put_message (out, 8, paths);
  put_message (out, 9, named_schemas (json_object_get_object_member (doc, "definitions")));
  return g_byte_array_free_to_bytes (out);
}

void
sim_openapi_v2_respond (SimServer *self, SoupServerMessage *msg)
{
  const char *accept
    = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept");
  g_autoptr (JsonObject) doc = sim_openapi_v2_document (self);

  if (accept && strstr (accept, PROTOBUF_ASKED))
    {
      g_autoptr (GBytes) body = sim_openapi_v2_to_protobuf (doc);
      gsize length = 0;
      gconstpointer data = g_bytes_get_data (body, &length);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, PROTOBUF_TYPE, SOUP_MEMORY_COPY, data, length);
      return;
    }
  sim_respond_json (msg, 200, doc);
}
