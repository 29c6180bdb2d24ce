/* pac-yaml.c: YAML documents read into JSON trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl reads YAML through go-yaml v2, so plain scalars resolve as in
 * YAML 1.1 there: yes/no/on/off are booleans, "~" is null. We resolve
 * them the same way, so a file means to Pacific what it means to kubectl.
 * Quoted scalars and those tagged !!str stay strings. Aliases are copied,
 * with a bound on the nodes made (no "billion laughs").
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "pac-error.h"
#include "pac-yaml.h"

#define MAX_NODES 1000000
#define MAX_DEPTH 256

typedef struct
{
  yaml_parser_t parser;
  GHashTable *anchors; /* name → JsonNode */
  guint nodes;
  guint depth;
  GError *error;
} Loader;

static gboolean
fail_at (Loader *loader, const yaml_mark_t *mark, const char *problem)
{
  if (loader->error == NULL)
    loader->error = g_error_new (PAC_ERROR, PAC_ERROR_INVALID, _ ("YAML line %zu, column %zu: %s"),
                                 mark->line + 1, mark->column + 1, problem);
  return FALSE;
}

static gboolean
next_event (Loader *loader, yaml_event_t *event)
{
  if (yaml_parser_parse (&loader->parser, event))
    return TRUE;
  fail_at (loader, &loader->parser.problem_mark,
           loader->parser.problem ? loader->parser.problem : _ ("not valid YAML"));
  return FALSE;
}

static gboolean
is_one_of (const char *value, const char *const *words)
{
  return g_strv_contains (words, value);
}

static gboolean
parse_integer (const char *value, gint64 *out)
{
  g_autofree char *digits = NULL;
  char *end = NULL;
  const char *p = value;
  int base = 10;
  gboolean negative = FALSE;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && p[1] == 'o')
    base = 8, p += 2;
  else if (p[0] == '0' && p[1] != '\0')
    base = 8, p += 1; /* YAML 1.1 octal, as go-yaml v2 reads it */
  digits = g_strdup (p);
  /* 1_000: underscores are separators in YAML 1.1 */
  for (char *r = digits, *w = digits;; r++)
    if (*r != '_' && !(*w++ = *r))
      break;
  if (*digits == '\0' || !g_ascii_isxdigit (*digits))
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoll (digits, &end, base);
  if (errno != 0 || *end != '\0')
    return FALSE;
  if (negative)
    *out = -*out;
  return TRUE;
}

/* Skips [0-9_]*; whether a digit was among them */
static gboolean
skip_digits (const char **p)
{
  gboolean any = FALSE;

  for (; g_ascii_isdigit (**p) || **p == '_'; (*p)++)
    any |= g_ascii_isdigit (**p);
  return any;
}

static gboolean
parse_float (const char *value, double *out)
{
  const char *p = value;
  gboolean digits = FALSE;
  char *end = NULL;

  /* Only the decimal forms: ".inf" and ".nan" have no JSON spelling. */
  if (*p == '-' || *p == '+')
    p++;
  if (g_ascii_isdigit (*p))
    digits |= skip_digits (&p);
  if (*p == '.')
    p++;
  digits |= skip_digits (&p);
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (!digits || *p != '\0')
    return FALSE;
  *out = g_ascii_strtod (value, &end);
  return end && *end == '\0';
}

static JsonNode *
scalar_node (const yaml_event_t *event)
{
  const char *value = (const char *) event->data.scalar.value;
  const char *tag = (const char *) event->data.scalar.tag;
  JsonNode *node = json_node_alloc ();
  gint64 integer;
  double real;

  if ((tag && g_str_equal (tag, YAML_STR_TAG))
      || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return json_node_init_string (node, value);
  if (is_one_of (value, (const char *const[]){ "", "~", "null", "Null", "NULL", NULL }))
    return json_node_init_null (node);
  if (is_one_of (value, (const char *const[]){ "true", "True", "TRUE", "yes", "Yes", "YES", "on",
                                               "On", "ON", "y", "Y", NULL }))
    return json_node_init_boolean (node, TRUE);
  if (is_one_of (value, (const char *const[]){ "false", "False", "FALSE", "no", "No", "NO", "off",
                                               "Off", "OFF", "n", "N", NULL }))
    return json_node_init_boolean (node, FALSE);
  if (parse_integer (value, &integer))
    return json_node_init_int (node, integer);
  if (parse_float (value, &real))
    return json_node_init_double (node, real);
  return json_node_init_string (node, value);
}

static JsonNode *load_node (Loader *loader, yaml_event_t *event);

static void
remember (Loader *loader, const yaml_char_t *anchor, JsonNode *node)
{
  if (anchor)
    g_hash_table_replace (loader->anchors, g_strdup ((const char *) anchor), json_node_copy (node));
}

/* Copies count toward the bound too, so an alias of an alias of … stops */
static guint
count_nodes (JsonNode *node)
{
  guint n = 1;

  if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      n += count_nodes (json_array_get_element (json_node_get_array (node), i));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) members = json_object_get_values (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        n += count_nodes (l->data);
    }
  return n;
}

static JsonNode *
load_alias (Loader *loader, yaml_event_t *event)
{
  JsonNode *target = g_hash_table_lookup (loader->anchors, (const char *) event->data.alias.anchor);

  if (target == NULL)
    {
      fail_at (loader, &event->start_mark, _ ("an alias to an unknown anchor"));
      return NULL;
    }
  loader->nodes += count_nodes (target);
  if (loader->nodes > MAX_NODES)
    {
      fail_at (loader, &event->start_mark, _ ("aliases expand to too many nodes"));
      return NULL;
    }
  return json_node_copy (target);
}

static JsonNode *
load_sequence (Loader *loader, yaml_event_t *start)
{
  g_autoptr (JsonArray) array = json_array_new ();
  yaml_event_t event;

  while (next_event (loader, &event))
    {
      JsonNode *item;

      if (event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          return json_node_init_array (json_node_alloc (), array);
        }
      item = load_node (loader, &event);
      yaml_event_delete (&event);
      if (item == NULL)
        return NULL;
      json_array_add_element (array, item);
    }
  return NULL;
}

static JsonNode *
load_mapping (Loader *loader, yaml_event_t *start)
{
  g_autoptr (JsonObject) object = json_object_new ();
  yaml_event_t event;

  while (next_event (loader, &event))
    {
      g_autoptr (JsonNode) key = NULL;
      JsonNode *value;
      yaml_mark_t mark = event.start_mark;

      if (event.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&event);
          return json_node_init_object (json_node_alloc (), object);
        }
      key = load_node (loader, &event);
      yaml_event_delete (&event);
      if (key == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_VALUE (key) && !JSON_NODE_HOLDS_NULL (key))
        {
          fail_at (loader, &mark, _ ("a mapping key must be a scalar"));
          return NULL;
        }
      if (!next_event (loader, &event))
        return NULL;
      value = load_node (loader, &event);
      yaml_event_delete (&event);
      if (value == NULL)
        return NULL;
      {
        g_autofree char *name = JSON_NODE_HOLDS_NULL (key) ? g_strdup ("null")
                                : json_node_get_value_type (key) == G_TYPE_STRING
                                  ? g_strdup (json_node_get_string (key))
                                  : json_to_string (key, FALSE);
        if (json_object_has_member (object, name))
          {
            json_node_unref (value);
            fail_at (loader, &mark, _ ("a mapping key appears twice"));
            return NULL;
          }
        json_object_set_member (object, name, value);
      }
    }
  return NULL;
}

static JsonNode *
load_node (Loader *loader, yaml_event_t *event)
{
  JsonNode *node = NULL;

  if (++loader->nodes > MAX_NODES || loader->depth >= MAX_DEPTH)
    {
      fail_at (loader, &event->start_mark, _ ("the document is too large or too deep"));
      return NULL;
    }
  loader->depth++;
  switch (event->type)
    {
      case YAML_SCALAR_EVENT:
        node = scalar_node (event);
        remember (loader, event->data.scalar.anchor, node);
        break;
      case YAML_ALIAS_EVENT:
        node = load_alias (loader, event);
        break;
      case YAML_SEQUENCE_START_EVENT:
        node = load_sequence (loader, event);
        if (node)
          remember (loader, event->data.sequence_start.anchor, node);
        break;
      case YAML_MAPPING_START_EVENT:
        node = load_mapping (loader, event);
        if (node)
          remember (loader, event->data.mapping_start.anchor, node);
        break;
      default:
        fail_at (loader, &event->start_mark, _ ("unexpected YAML structure"));
        break;
    }
  loader->depth--;
  return node;
}

/* Skips to the first event of the document's root, or reports an empty file */
static gboolean
skip_to_root (Loader *loader, yaml_event_t *event)
{
  while (next_event (loader, event))
    {
      if (event->type != YAML_STREAM_START_EVENT && event->type != YAML_DOCUMENT_START_EVENT)
        return TRUE;
      yaml_event_delete (event);
    }
  return FALSE;
}

/**
 * pac_yaml_load:
 *
 * Reads the first document of @text (an empty text is %NULL JSON).
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with
 *   %PAC_ERROR_INVALID naming line and column
 */
JsonNode *
pac_yaml_load (const char *text, gssize length, GError **error)
{
  Loader loader = { 0 };
  yaml_event_t event;
  JsonNode *root = NULL;

  if (length < 0)
    length = strlen (text);
  yaml_parser_initialize (&loader.parser);
  yaml_parser_set_input_string (&loader.parser, (const unsigned char *) text, length);
  loader.anchors
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  if (skip_to_root (&loader, &event))
    {
      if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT)
        root = json_node_init_null (json_node_alloc ());
      else
        root = load_node (&loader, &event);
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&loader.parser);
  g_hash_table_unref (loader.anchors);
  if (root == NULL)
    g_propagate_error (error, loader.error);
  else
    g_clear_error (&loader.error);
  return root;
}
