/* pac-json.c: reading Kubernetes and vCenter answers without a crash on
 * a missing or mistyped member
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-json.h"

#include <string.h>

/* The node at @path, or %NULL */
static JsonNode *
node_at (JsonObject *object, const char *path)
{
  const char *segment = path;
  const char *dot;
  JsonNode *node = NULL;

  while (object)
    {
      g_autofree char *name = NULL;

      dot = strchr (segment, '.');
      name = dot ? g_strndup (segment, dot - segment) : g_strdup (segment);
      node = json_object_get_member (object, name);
      if (dot == NULL)
        return node;
      object = pac_json_node_object (node);
      segment = dot + 1;
    }
  return NULL;
}

/* @node as JSON text, for a request body */
GBytes *
pac_json_to_bytes (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

JsonObject *
pac_json_node_object (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonObject *
pac_json_object (JsonObject *object, const char *path)
{
  return pac_json_node_object (node_at (object, path));
}

const char *
pac_json_string (JsonObject *object, const char *path)
{
  JsonNode *node = node_at (object, path);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

JsonArray *
pac_json_array (JsonObject *object, const char *path)
{
  JsonNode *node = node_at (object, path);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gint64
pac_json_int (JsonObject *object, const char *path, gint64 fallback)
{
  JsonNode *node = node_at (object, path);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
           ? json_node_get_int (node)
           : fallback;
}

static gboolean
values_equal (JsonNode *a, JsonNode *b)
{
  GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

  /* 1 and 1.0 are one number to Kubernetes */
  if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

/**
 * pac_json_contains:
 *
 * Whether @whole already says everything @part says: objects may have
 * more members than @part names, arrays and values must match.
 */
gboolean
pac_json_contains (JsonNode *whole, JsonNode *part)
{
  if (whole == NULL || part == NULL)
    return whole == part;
  if (JSON_NODE_TYPE (part) != JSON_NODE_TYPE (whole))
    return FALSE;
  switch (JSON_NODE_TYPE (part))
    {
      case JSON_NODE_OBJECT:
        {
          JsonObject *wo = json_node_get_object (whole), *po = json_node_get_object (part);
          g_autoptr (GList) names = json_object_get_members (po);
          for (GList *l = names; l; l = l->next)
            if (!pac_json_contains (json_object_get_member (wo, l->data),
                                    json_object_get_member (po, l->data)))
              return FALSE;
          return TRUE;
        }
      case JSON_NODE_ARRAY:
        {
          JsonArray *wa = json_node_get_array (whole), *pa = json_node_get_array (part);
          if (json_array_get_length (wa) != json_array_get_length (pa))
            return FALSE;
          for (guint i = 0; i < json_array_get_length (pa); i++)
            if (!pac_json_contains (json_array_get_element (wa, i), json_array_get_element (pa, i)))
              return FALSE;
          return TRUE;
        }
      case JSON_NODE_VALUE:
        return values_equal (whole, part);
      case JSON_NODE_NULL:
      default:
        return TRUE;
    }
}

/* Ends @task with @node (taken), or else with @error (taken) */
void
pac_json_task_return (GTask *task, JsonNode *node, GError *error)
{
  if (node)
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, error);
}

/* Deeper than any object a Supervisor serves, and shallow enough that
 * json-glib's recursive parser and our own walks (pac_json_contains,
 * pac_json_deep_copy, the generator) stay far from the end of a thread's
 * stack: a server answering with 100,000 brackets must not crash us */
#define MAX_DEPTH 512

typedef struct
{
  gssize end; /* where the first value ends; -1 when it does not */
  guint max_depth;
} Scan;

/* Where the first JSON value of @data ends and how deep it goes */
static Scan
scan_first_value (const char *data, gsize length)
{
  Scan scan = { -1, 0 };
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && !strchr ("{[\"", data[i]))
    {
      /* A number, true, false or null: up to the next space or bracket */
      while (i < length && !g_ascii_isspace (data[i]) && !strchr ("{[\"", data[i]))
        i++;
      scan.end = i;
      return scan;
    }
  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          if (c == '"' && depth == 0)
            break;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          depth++;
          scan.max_depth = MAX (scan.max_depth, depth);
          if (depth > MAX_DEPTH)
            return scan;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return scan; /* a stray bracket: json-glib says what is wrong */
          if (--depth == 0)
            break;
        }
    }
  if (i < length)
    scan.end = i + 1;
  return scan;
}

/**
 * pac_json_load:
 *
 * json_parser_load_from_data(), but a text with anything after its first
 * value is refused (json-glib 1.6 accepts `{"a":1} {"b":2}` and leaks
 * what follows the first value), and so is one nested deeper than
 * MAX_DEPTH.
 */
gboolean
pac_json_load (JsonParser *parser, const char *data, gssize length, GError **error)
{
  gsize size = length < 0 ? strlen (data) : (gsize) length;
  Scan scan = scan_first_value (data, size);

  if (scan.max_depth > MAX_DEPTH)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   "the JSON value is nested deeper than %d levels", MAX_DEPTH);
      return FALSE;
    }
  for (gsize i = scan.end < 0 ? size : (gsize) scan.end; i < size; i++)
    if (!g_ascii_isspace (data[i]))
      {
        g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                     "unexpected data after the JSON value at offset %" G_GSIZE_FORMAT, i);
        return FALSE;
      }
  return json_parser_load_from_data (parser, data, size, error);
}

/**
 * pac_json_deep_copy:
 *
 * json_node_copy() shares objects and arrays; this copies them too, so
 * that the copy can be changed without touching the original.
 *
 * Returns: (transfer full): the copy
 */
JsonNode *
pac_json_deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);
      g_autoptr (JsonObject) copy = json_object_new ();

      for (GList *l = members; l; l = l->next)
        json_object_set_member (copy, l->data,
                                pac_json_deep_copy (json_object_get_member (object, l->data)));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (JsonArray) copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, pac_json_deep_copy (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }
  return json_node_copy (node);
}

/**
 * pac_json_merge_patch_between:
 * @from: what the server has
 * @to: what it should have
 *
 * Returns: (transfer full) (nullable): the RFC 7386 merge patch that turns
 *   @from into @to (members gone become null; arrays are replaced whole),
 *   or NULL when they are equal
 */
JsonNode *
pac_json_merge_patch_between (JsonNode *from, JsonNode *to)
{
  JsonObject *old, *new, *patch;
  JsonNode *node;
  g_autoptr (GList) old_members = NULL, new_members = NULL;

  if (from && to && json_node_equal (from, to))
    return NULL;
  if (from == NULL || to == NULL || !JSON_NODE_HOLDS_OBJECT (from) || !JSON_NODE_HOLDS_OBJECT (to))
    return to ? pac_json_deep_copy (to) : json_node_init_null (json_node_alloc ());
  old = json_node_get_object (from);
  new = json_node_get_object (to);
  patch = json_object_new ();
  old_members = json_object_get_members (old);
  for (GList *m = old_members; m; m = m->next)
    if (!json_object_has_member (new, m->data))
      json_object_set_null_member (patch, m->data);
  new_members = json_object_get_members (new);
  for (GList *m = new_members; m; m = m->next)
    {
      JsonNode *change = pac_json_merge_patch_between (json_object_get_member (old, m->data),
                                                       json_object_get_member (new, m->data));
      if (change)
        json_object_set_member (patch, m->data, change);
    }
  node = json_node_init_object (json_node_alloc (), patch);
  json_object_unref (patch); /* the node holds its own reference */
  return node;
}
