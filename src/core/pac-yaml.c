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
  GHashTable *marks;   /* nullable; field path → PacYamlMark */
  GString *path;
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

/* What an untagged plain scalar means in YAML 1.1 */
static JsonNode *
resolve_plain (const char *value)
{
  JsonNode *node = json_node_alloc ();
  gint64 integer;
  double real;

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

static JsonNode *
scalar_node (const yaml_event_t *event)
{
  const char *value = (const char *) event->data.scalar.value;
  const char *tag = (const char *) event->data.scalar.tag;

  if ((tag && g_str_equal (tag, YAML_STR_TAG))
      || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return json_node_init_string (json_node_alloc (), value);
  return resolve_plain (value);
}

/**
 * pac_yaml_plain_is_string:
 *
 * Whether @value, written as a plain (unquoted, untagged) scalar, reads
 * back as that string. "yes", "0755", "1.26", "~" and "" do not.
 */
gboolean
pac_yaml_plain_is_string (const char *value)
{
  g_autoptr (JsonNode) node = resolve_plain (value);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
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
  gsize path_length = loader->path->len;
  yaml_event_t event;

  while (next_event (loader, &event))
    {
      JsonNode *item;

      if (event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          return json_node_init_array (json_node_alloc (), array);
        }
      g_string_append_printf (loader->path, "[%u]", json_array_get_length (array));
      item = load_node (loader, &event);
      g_string_truncate (loader->path, path_length);
      yaml_event_delete (&event);
      if (item == NULL)
        return NULL;
      json_array_add_element (array, item);
    }
  return NULL;
}

static char *
key_name (JsonNode *key)
{
  if (JSON_NODE_HOLDS_NULL (key))
    return g_strdup ("null");
  if (json_node_get_value_type (key) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (key));
  return json_to_string (key, FALSE);
}

/* A plain `<<` key (or one tagged !!merge): YAML's merge key, which
 * kubectl's YAML reader honours */
static gboolean
is_merge_key (const yaml_event_t *event)
{
  const char *tag = (const char *) event->data.scalar.tag;

  if (event->type != YAML_SCALAR_EVENT
      || strcmp ((const char *) event->data.scalar.value, "<<") != 0)
    return FALSE;
  return tag ? g_str_equal (tag, "tag:yaml.org,2002:merge")
             : event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* The mappings a merge key's value names: one mapping, or a list of them */
static gboolean
add_merge_sources (Loader *loader, JsonNode *value, const yaml_mark_t *mark, GPtrArray *sources)
{
  JsonArray *list = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      g_ptr_array_add (sources, json_node_ref (value));
      return TRUE;
    }
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
      list = NULL;
  if (list == NULL)
    return fail_at (loader, mark, _ ("a merge key (<<) takes a mapping or a list of mappings"));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_ptr_array_add (sources, json_node_ref (json_array_get_element (list, i)));
  return TRUE;
}

/* As YAML says: keys of the mapping itself win, then earlier sources */
static void
merge_into (JsonObject *object, GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    {
      JsonObject *source = json_node_get_object (sources->pdata[i]);
      g_autoptr (GList) names = json_object_get_members (source);

      for (GList *l = names; l; l = l->next)
        if (!json_object_has_member (object, l->data))
          json_object_set_member (object, l->data,
                                  json_node_copy (json_object_get_member (source, l->data)));
    }
}

static JsonNode *
load_mapping (Loader *loader, yaml_event_t *start)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  yaml_event_t event;

  while (next_event (loader, &event))
    {
      g_autoptr (JsonNode) key = NULL;
      JsonNode *value;
      yaml_mark_t mark = event.start_mark;
      gboolean merge = is_merge_key (&event);

      if (event.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&event);
          merge_into (object, merges);
          return json_node_init_object (json_node_alloc (), object);
        }
      {
        /* A key's own position is not a field's */
        GHashTable *marks = g_steal_pointer (&loader->marks);

        key = load_node (loader, &event);
        loader->marks = marks;
      }
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
      {
        g_autofree char *name = key_name (key);
        gsize path_length = loader->path->len;

        if (loader->marks && !merge)
          g_string_append_printf (loader->path, "%s%s", path_length ? "." : "", name);
        value = load_node (loader, &event);
        g_string_truncate (loader->path, path_length);
        yaml_event_delete (&event);
        if (value == NULL)
          return NULL;
        if (merge)
          {
            gboolean merged = add_merge_sources (loader, value, &mark, merges);

            json_node_unref (value);
            if (!merged)
              return NULL;
            continue;
          }
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
  if (loader->marks)
    {
      PacYamlMark *mark = g_new (PacYamlMark, 1);

      mark->line = event->start_mark.line + 1;
      mark->column = event->start_mark.column + 1;
      g_hash_table_replace (loader->marks, g_strdup (loader->path->str), mark);
    }
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

/* True when @event is an empty document's body (`---` and nothing) */
static gboolean
is_empty_scalar (const yaml_event_t *event)
{
  return event->type == YAML_SCALAR_EVENT && event->data.scalar.length == 0
         && event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* The rest of the text after the first document: empty documents at
 * most. A second value (`{"a":1} {"b":2}`) is libyaml's error; a second
 * document is ours, never dropped in silence. */
static gboolean
expect_one_document (Loader *loader)
{
  yaml_event_t event;

  while (TRUE)
    {
      yaml_event_type_t type;
      yaml_mark_t mark;
      gboolean second = FALSE;

      if (!next_event (loader, &event))
        {
          /* libyaml's "did not find expected <document start>" */
          g_clear_error (&loader->error);
          return fail_at (loader, &loader->parser.problem_mark,
                          _ ("unexpected text after the end of the document"));
        }
      type = event.type;
      mark = event.start_mark;

      yaml_event_delete (&event);
      /* after the stream's end libyaml gives empty events */
      if (type == YAML_STREAM_END_EVENT || type == YAML_NO_EVENT)
        return TRUE;
      if (type != YAML_DOCUMENT_START_EVENT)
        continue;
      if (!next_event (loader, &event))
        return FALSE;
      second = !is_empty_scalar (&event);
      yaml_event_delete (&event);
      if (second)
        return fail_at (loader, &mark,
                        _ ("a second document begins here: give one document per file"));
    }
}

/**
 * pac_yaml_load:
 *
 * Reads the one document of @text (an empty text is %NULL JSON); YAML
 * merge keys are merged, a second document or value is an error.
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with
 *   %PAC_ERROR_INVALID naming line and column
 */
JsonNode *
pac_yaml_load (const char *text, gssize length, GError **error)
{
  return pac_yaml_load_with_marks (text, length, NULL, error);
}

/**
 * pac_yaml_load_with_marks:
 * @marks: (out) (optional): where each field starts, by path
 *   ("spec.topology.nodePools[0].name"; the root is "")
 *
 * As pac_yaml_load(), also telling where each value starts in @text, so
 * that problems found in the tree can name a line and a column.
 */
JsonNode *
pac_yaml_load_with_marks (const char *text, gssize length, GHashTable **marks, GError **error)
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
  loader.path = g_string_new (NULL);
  if (marks)
    loader.marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (skip_to_root (&loader, &event))
    {
      if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT)
        root = json_node_init_null (json_node_alloc ());
      else
        root = load_node (&loader, &event);
      yaml_event_delete (&event);
    }
  if (root && !expect_one_document (&loader))
    g_clear_pointer (&root, json_node_unref);
  yaml_parser_delete (&loader.parser);
  g_hash_table_unref (loader.anchors);
  g_string_free (loader.path, TRUE);
  if (root == NULL)
    {
      g_propagate_error (error, loader.error);
      g_clear_pointer (&loader.marks, g_hash_table_unref);
    }
  else
    g_clear_error (&loader.error);
  if (marks)
    *marks = loader.marks;
  return root;
}

/* Writing */

static int
append_output (void *data, unsigned char *buffer, size_t size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

static gboolean
emit_scalar (yaml_emitter_t *emitter, const char *value, yaml_scalar_style_t style)
{
  yaml_event_t event;

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) value, strlen (value), 1, 1,
                                style);
  return yaml_emitter_emit (emitter, &event);
}

/* Plain where that reads back as the same string; a literal block for
 * text with line breaks (PEM); double quotes otherwise */
static gboolean
emit_string (yaml_emitter_t *emitter, const char *value)
{
  if (strchr (value, '\n') && !g_str_has_prefix (value, " ") && !strchr (value, '\r'))
    return emit_scalar (emitter, value, YAML_LITERAL_SCALAR_STYLE);
  if (pac_yaml_plain_is_string (value))
    return emit_scalar (emitter, value, YAML_ANY_SCALAR_STYLE);
  return emit_scalar (emitter, value, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static gboolean
emit_value (yaml_emitter_t *emitter, JsonNode *node)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (JSON_NODE_HOLDS_NULL (node))
    return emit_scalar (emitter, "null", YAML_PLAIN_SCALAR_STYLE);
  switch (json_node_get_value_type (node))
    {
      case G_TYPE_STRING:
        return emit_string (emitter, json_node_get_string (node));
      case G_TYPE_BOOLEAN:
        return emit_scalar (emitter, json_node_get_boolean (node) ? "true" : "false",
                            YAML_PLAIN_SCALAR_STYLE);
      case G_TYPE_INT64:
        g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (node));
        return emit_scalar (emitter, number, YAML_PLAIN_SCALAR_STYLE);
      default:
        g_ascii_dtostr (number, sizeof number, json_node_get_double (node));
        /* 2.0 must not come back as the integer 2 */
        if (!strpbrk (number, ".eEn"))
          g_strlcat (number, ".0", sizeof number);
        return emit_scalar (emitter, number, YAML_PLAIN_SCALAR_STYLE);
    }
}

static gboolean emit_node (yaml_emitter_t *emitter, JsonNode *node);

static gboolean
emit_object (yaml_emitter_t *emitter, JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);
  yaml_event_t event;

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  if (!yaml_emitter_emit (emitter, &event))
    return FALSE;
  for (GList *l = members; l; l = l->next)
    if (!emit_string (emitter, l->data)
        || !emit_node (emitter, json_object_get_member (object, l->data)))
      return FALSE;
  yaml_mapping_end_event_initialize (&event);
  return yaml_emitter_emit (emitter, &event);
}

static gboolean
emit_array (yaml_emitter_t *emitter, JsonArray *array)
{
  yaml_event_t event;

  yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
  if (!yaml_emitter_emit (emitter, &event))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!emit_node (emitter, json_array_get_element (array, i)))
      return FALSE;
  yaml_sequence_end_event_initialize (&event);
  return yaml_emitter_emit (emitter, &event);
}

static gboolean
emit_node (yaml_emitter_t *emitter, JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return emit_object (emitter, json_node_get_object (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return emit_array (emitter, json_node_get_array (node));
  return emit_value (emitter, node);
}

/**
 * pac_yaml_emit_document:
 * @emit_root: emits the document's root node
 *
 * One block-style YAML document in UTF-8, lines never folded.
 *
 * Returns: (transfer full): the text
 */
char *
pac_yaml_emit_document (PacYamlEmitFunc emit_root, gpointer data)
{
  GString *out = g_string_new (NULL);
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, append_output, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_indent (&emitter, 2);
  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  ok = yaml_emitter_emit (&emitter, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1);
  ok = ok && yaml_emitter_emit (&emitter, &event);
  ok = ok && emit_root (&emitter, data);
  yaml_document_end_event_initialize (&event, 1);
  ok = ok && yaml_emitter_emit (&emitter, &event);
  yaml_stream_end_event_initialize (&event);
  ok = ok && yaml_emitter_emit (&emitter, &event);
  /* Only a writer failing could stop the emitter, and ours cannot */
  g_warn_if_fail (ok);
  yaml_emitter_delete (&emitter);
  return g_string_free (out, FALSE);
}

static gboolean
emit_json_root (yaml_emitter_t *emitter, gpointer node)
{
  return emit_node (emitter, node);
}

/**
 * pac_yaml_dump:
 *
 * Writes @node as one block-style YAML document, in its members' order.
 * Strings that a YAML 1.1 reader would take for another type are quoted.
 *
 * Returns: (transfer full): the text
 */
char *
pac_yaml_dump (JsonNode *node)
{
  return pac_yaml_emit_document (emit_json_root, node);
}
