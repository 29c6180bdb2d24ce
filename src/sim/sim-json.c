/* sim-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sim-json.h"

#include <string.h>

/* json_node_copy() shares the objects and arrays inside a node; the
 * simulator edits copies of stored objects, so it needs real copies. */
JsonNode *
sim_json_node_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      JsonObject *target = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, source);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        json_object_set_member (target, member, sim_json_node_copy (value));
      copy = json_node_alloc ();
      json_node_init_object (copy, target);
      json_object_unref (target);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *target = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (target, sim_json_node_copy (json_array_get_element (source, i)));
      copy = json_node_alloc ();
      json_node_init_array (copy, target);
      json_array_unref (target);
      return copy;
    }
  return json_node_copy (node);
}

/* Go's encoding/json (and so kube-apiserver) refuses text nested deeper
 * than this; json-glib has no limit and recurses until the stack ends */
#define GO_JSON_MAX_DEPTH 10000

/* The bracket that opens level GO_JSON_MAX_DEPTH + 1, or 0 */
static char
too_deep_at (const char *data, gsize length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > GO_JSON_MAX_DEPTH)
        return c;
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return 0;
}

JsonNode *
sim_json_parse (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = length < 0 ? strlen (data) : (gsize) length;
  char bracket = too_deep_at (data, size);

  if (bracket)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   "invalid character '%c' exceeded max depth", bracket);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  return json_parser_steal_root (parser);
}

char *
sim_json_to_string (JsonNode *node, gsize *length)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

char *
sim_json_object_to_string (JsonObject *object, gsize *length)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return sim_json_to_string (node, length);
}

JsonObject *
sim_json_object_copy (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = sim_json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* Returns: (nullable) (transfer none): the member if it is an object */
JsonObject *
sim_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/* The member as an object, created (or replaced, if it is not one). */
JsonObject *
sim_json_ensure_object (JsonObject *object, const char *member)
{
  JsonObject *found = sim_json_get_object (object, member);

  if (found == NULL)
    {
      found = json_object_new ();
      json_object_set_object_member (object, member, found);
    }
  return found;
}

/* Returns: (nullable): the member if it is a string */
const char *
sim_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "metadata.name" and the like */
const char *
sim_json_get_path_string (JsonObject *object, const char *dotted_path)
{
  const char *segment = dotted_path;
  const char *dot;

  /* Walked in place: this runs for every object of every list. */
  while (object != NULL && (dot = strchr (segment, '.')) != NULL)
    {
      char name[128];
      size_t length = (size_t) (dot - segment);

      if (length >= sizeof name)
        return NULL;
      memcpy (name, segment, length);
      name[length] = '\0';
      object = sim_json_get_object (object, name);
      segment = dot + 1;
    }
  return sim_json_get_string (object, segment);
}

JsonArray *
sim_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* The object at a dotted path ("spec.topology"), or %NULL */
JsonObject *
sim_json_get_path_object (JsonObject *object, const char *dotted_path)
{
  g_auto (GStrv) parts = g_strsplit (dotted_path, ".", -1);

  for (guint i = 0; object != NULL && parts[i]; i++)
    object = sim_json_get_object (object, parts[i]);
  return object;
}

/* An integer member, or @fallback when absent or not an integer */
gint64
sim_json_get_int (JsonObject *object, const char *member, gint64 fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

/* Moves member @from of @source to @to of @target (if present) */
void
sim_json_move (JsonObject *source, const char *from, JsonObject *target, const char *to)
{
  JsonNode *node = source ? json_object_get_member (source, from) : NULL;

  if (node == NULL)
    return;
  json_object_set_member (target, to, sim_json_node_copy (node));
  json_object_remove_member (source, from);
}

gboolean
sim_json_equal (JsonNode *a, JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

char *
sim_json_now_rfc3339 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* DNS-1123 label: lower case alphanumerics and '-', alphanumeric at both
 * ends, at most 63 characters */
gboolean
sim_is_dns_label (const char *name)
{
  size_t length = name ? strlen (name) : 0;

  if (length == 0 || length > 63 || !g_ascii_isalnum (name[0])
      || !g_ascii_isalnum (name[length - 1]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

/* Random characters of the alphabet Kubernetes uses in generated names */
char *
sim_random_suffix (guint length)
{
  static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  GString *suffix = g_string_new (NULL);

  for (guint i = 0; i < length; i++)
    g_string_append_c (suffix, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (suffix, FALSE);
}
