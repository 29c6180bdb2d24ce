/* sim-schema.c: OpenAPI v3 schema checks: unknown fields and types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kube-apiserver drops fields a schema does not know (and with
 * fieldValidation=Strict refuses them), and for custom resources reports
 * values of the wrong type as 422 field errors. This walks an object
 * against a schema the way that is visible from outside.
 */
#include "sim-schema.h"

#include "sim-json.h"
#include "sim-kind.h"

#define OBJECT_META_REF "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

static const char object_meta_json[]
  = "{\"type\":\"object\",\"properties\":{"
    "\"name\":{\"type\":\"string\"},\"generateName\":{\"type\":\"string\"},"
    "\"namespace\":{\"type\":\"string\"},\"selfLink\":{\"type\":\"string\"},"
    "\"uid\":{\"type\":\"string\"},\"resourceVersion\":{\"type\":\"string\"},"
    "\"generation\":{\"type\":\"integer\",\"format\":\"int64\"},"
    "\"creationTimestamp\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"deletionTimestamp\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"deletionGracePeriodSeconds\":{\"type\":\"integer\",\"format\":\"int64\"},"
    "\"labels\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
    "\"annotations\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
    "\"ownerReferences\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
    "\"x-kubernetes-preserve-unknown-fields\":true}},"
    "\"finalizers\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"managedFields\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
    "\"x-kubernetes-preserve-unknown-fields\":true}}}}";

JsonObject *
sim_schema_object_meta (void)
{
  static JsonObject *meta;

  if (g_once_init_enter (&meta))
    {
      g_autoptr (JsonNode) node = sim_json_parse (object_meta_json, -1, NULL);
      g_once_init_leave (&meta, json_object_ref (json_node_get_object (node)));
    }
  return meta;
}

/* The only reference the simulator's schemas use is ObjectMeta. */
JsonObject *
sim_schema_resolve (JsonObject *schema)
{
  const char *ref = sim_json_get_string (schema, "$ref");

  if (ref != NULL && g_str_equal (ref, OBJECT_META_REF))
    return sim_schema_object_meta ();
  return schema;
}

static JsonObject *
child_schema (JsonObject *schema, const char *member, gboolean *known)
{
  JsonObject *properties = sim_json_get_object (schema, "properties");
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  JsonObject *child = sim_json_get_object (properties, member);

  *known = TRUE;
  if (child)
    return sim_schema_resolve (child);
  if (additional && JSON_NODE_HOLDS_OBJECT (additional))
    return sim_schema_resolve (json_node_get_object (additional));
  if (additional && json_node_get_value_type (additional) == G_TYPE_BOOLEAN
      && json_node_get_boolean (additional))
    return NULL;
  if (json_object_has_member (schema, "x-kubernetes-preserve-unknown-fields"))
    return NULL;
  *known = FALSE;
  return NULL;
}

static void prune_node (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *unknown);

static void
prune_object (JsonObject *schema, JsonObject *object, const char *path, GPtrArray *unknown)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      const char *member = l->data;
      gboolean known;
      JsonObject *child = child_schema (schema, member, &known);
      g_autofree char *child_path
        = *path ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);

      if (!known)
        {
          g_ptr_array_add (unknown, g_steal_pointer (&child_path));
          json_object_remove_member (object, member);
        }
      else if (child)
        prune_node (child, json_object_get_member (object, member), child_path, unknown);
    }
}

static void
prune_node (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *unknown)
{
  if (JSON_NODE_HOLDS_OBJECT (node)
      && (json_object_has_member (schema, "properties")
          || json_object_has_member (schema, "additionalProperties")))
    prune_object (schema, json_node_get_object (node), path, unknown);
  else if (JSON_NODE_HOLDS_ARRAY (node) && sim_json_get_object (schema, "items"))
    {
      JsonObject *items = sim_schema_resolve (sim_json_get_object (schema, "items"));
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          prune_node (items, json_array_get_element (array, i), item_path, unknown);
        }
    }
}

/* Removes what @schema does not know from @object; the dotted paths of
 * what was removed are added to @unknown_paths ("spec.foo"). */
void
sim_schema_prune (JsonObject *schema, JsonObject *object, GPtrArray *unknown_paths)
{
  prune_object (schema, object, "", unknown_paths);
}

static const char *
json_type_of (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  switch (json_node_get_value_type (node))
    {
      case G_TYPE_STRING:
        return "string";
      case G_TYPE_BOOLEAN:
        return "boolean";
      case G_TYPE_INT64:
        return "integer";
      default:
        return "number";
    }
}

static gboolean
type_fits (const char *wanted, const char *actual)
{
  return g_str_equal (wanted, actual)
         || (g_str_equal (wanted, "number") && g_str_equal (actual, "integer"));
}

static void check_node (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *causes);

/* "required" in the schema: a FieldValueRequired cause per missing member */
static void
check_required (JsonObject *schema, JsonObject *object, const char *path, GPtrArray *causes)
{
  JsonArray *required = sim_json_get_array (schema, "required");

  for (guint i = 0; required && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);
      JsonNode *value = json_object_get_member (object, name);
      g_autofree char *child_path = *path ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);

      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        sim_add_cause (causes, "FieldValueRequired", child_path, "Required value");
    }
}

/* "enum": kube-apiserver's Unsupported value message */
static gboolean
check_enum (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *causes)
{
  JsonArray *choices = sim_json_get_array (schema, "enum");
  g_autoptr (GString) listed = NULL;
  g_autofree char *shown = NULL;

  if (choices == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return TRUE;
  for (guint i = 0; i < json_array_get_length (choices); i++)
    if (sim_json_equal (json_array_get_element (choices, i), node))
      return TRUE;
  listed = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (choices); i++)
    {
      g_autofree char *choice = sim_json_to_string (json_array_get_element (choices, i), NULL);
      g_string_append_printf (listed, "%s%s", i ? ", " : "", choice);
    }
  shown = sim_json_to_string (node, NULL);
  sim_add_cause (causes, "FieldValueNotSupported", path,
                 "Unsupported value: %s: supported values: %s", shown, listed->str);
  return FALSE;
}

static void
check_children (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *causes)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      check_required (schema, object, path, causes);

      for (GList *l = members; l; l = l->next)
        {
          gboolean known;
          JsonObject *child = child_schema (schema, l->data, &known);
          g_autofree char *child_path
            = *path ? g_strdup_printf ("%s.%s", path, (char *) l->data) : g_strdup (l->data);
          if (child)
            check_node (child, json_object_get_member (object, l->data), child_path, causes);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node) && sim_json_get_object (schema, "items"))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          check_node (sim_schema_resolve (sim_json_get_object (schema, "items")),
                      json_array_get_element (array, i), item_path, causes);
        }
    }
}

static void
check_node (JsonObject *schema, JsonNode *node, const char *path, GPtrArray *causes)
{
  const char *wanted = sim_json_get_string (schema, "type");
  const char *actual = json_type_of (node);

  if (wanted && !JSON_NODE_HOLDS_NULL (node) && !type_fits (wanted, actual))
    {
      g_autofree char *shown = JSON_NODE_HOLDS_VALUE (node) ? sim_json_to_string (node, NULL)
                                                            : g_strdup_printf ("\"%s\"", actual);
      sim_add_cause (causes, "FieldValueInvalid", path,
                     "Invalid value: %s: %s in body must be of type %s: \"%s\"", shown, path,
                     wanted, actual);
      return;
    }
  if (check_enum (schema, node, path, causes))
    check_children (schema, node, path, causes);
}

/* Adds a FieldValueInvalid cause for each value of the wrong type, in
 * the words of kube-apiserver's schema validation. */
void
sim_schema_check_types (JsonObject *schema, JsonObject *object, GPtrArray *causes)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  check_children (schema, node, "", causes);
}
