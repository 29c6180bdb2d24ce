/* pac-kubeconfig-tree.c: a kubeconfig as a tree of YAML events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kubeconfig is the user's file. Reading it into JSON and writing that
 * back would turn `namespace: "0755"` into `0755` or lose a `!!str` tag.
 * So entries that are not ours are kept as the parser's own events, with
 * their tags, anchors and styles, and emitted as they came. Comments are
 * lost, as when kubectl itself writes the file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-kubeconfig-private.h"
#include "pac-yaml.h"

#define MAX_DEPTH 128
#define MAX_NODES 2000000

void
kube_node_free (KubeNode *node)
{
  if (node == NULL)
    return;
  yaml_event_delete (&node->event);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static KubeNode *
node_new (void)
{
  return g_new0 (KubeNode, 1);
}

static GPtrArray *
new_children (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kube_node_free);
}

typedef struct
{
  yaml_parser_t parser;
  GError *error;
  guint nodes;
} Reader;

static gboolean
next (Reader *reader, yaml_event_t *event)
{
  if (yaml_parser_parse (&reader->parser, event))
    return TRUE;
  if (reader->error == NULL)
    reader->error
      = g_error_new (PAC_ERROR, PAC_ERROR_INVALID, _ ("YAML line %zu, column %zu: %s"),
                     reader->parser.problem_mark.line + 1, reader->parser.problem_mark.column + 1,
                     reader->parser.problem ? reader->parser.problem : _ ("not valid YAML"));
  return FALSE;
}

static KubeNode *
read_node (Reader *reader, yaml_event_t *event, guint depth)
{
  g_autoptr (KubeNode) node = node_new ();
  yaml_event_type_t end;

  node->event = *event; /* taken over */
  memset (event, 0, sizeof *event);
  if (++reader->nodes > MAX_NODES || depth > MAX_DEPTH)
    {
      reader->error = g_error_new (PAC_ERROR, PAC_ERROR_INVALID,
                                   _ ("The kubeconfig is too large or too deep to read"));
      return NULL;
    }
  if (node->event.type == YAML_SCALAR_EVENT || node->event.type == YAML_ALIAS_EVENT)
    return g_steal_pointer (&node);
  end = node->event.type == YAML_SEQUENCE_START_EVENT ? YAML_SEQUENCE_END_EVENT
                                                      : YAML_MAPPING_END_EVENT;
  node->children = new_children ();
  while (TRUE)
    {
      yaml_event_t child;
      KubeNode *item;

      if (!next (reader, &child))
        return NULL;
      if (child.type == end)
        {
          yaml_event_delete (&child);
          return g_steal_pointer (&node);
        }
      item = read_node (reader, &child, depth + 1);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (node->children, item);
    }
}

/**
 * kube_node_parse:
 *
 * Reads the single document of @text. An empty text is an empty mapping;
 * a second document is refused (writing would lose it).
 *
 * Returns: (transfer full) (nullable): the root
 */
KubeNode *
kube_node_parse (const char *text, gsize length, GError **error)
{
  Reader reader = { 0 };
  yaml_event_t event;
  g_autoptr (KubeNode) root = NULL;
  gboolean done = FALSE;

  yaml_parser_initialize (&reader.parser);
  yaml_parser_set_input_string (&reader.parser, (const unsigned char *) text, length);
  while (!done && next (&reader, &event))
    {
      switch (event.type)
        {
          case YAML_STREAM_END_EVENT:
            done = TRUE;
            break;
          case YAML_SCALAR_EVENT:
          case YAML_ALIAS_EVENT:
          case YAML_SEQUENCE_START_EVENT:
          case YAML_MAPPING_START_EVENT:
            if (root)
              {
                reader.error = g_error_new (PAC_ERROR, PAC_ERROR_INVALID,
                                            _ ("The kubeconfig holds more than one YAML document"));
                done = TRUE;
                break;
              }
            root = read_node (&reader, &event, 0);
            done = root == NULL;
            break;
          default:
            break;
        }
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&reader.parser);
  if (reader.error)
    {
      g_propagate_error (error, reader.error);
      return NULL;
    }
  /* An empty file, or one holding only "~" */
  if (root == NULL || (root->event.type == YAML_SCALAR_EVENT && kube_node_scalar (root)[0] == '\0'))
    {
      g_clear_pointer (&root, kube_node_free);
      return kube_node_new_mapping ();
    }
  if (!kube_node_is_mapping (root))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("This is not a kubeconfig: the document is not a mapping"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* Writing */

/* A fresh copy of the event that starts @node: the emitter consumes it */
static void
copy_event (KubeNode *node, yaml_event_t *out)
{
  yaml_event_t *in = &node->event;

  switch (in->type)
    {
      case YAML_SCALAR_EVENT:
        yaml_scalar_event_initialize (out, in->data.scalar.anchor, in->data.scalar.tag,
                                      in->data.scalar.value, in->data.scalar.length,
                                      in->data.scalar.plain_implicit,
                                      in->data.scalar.quoted_implicit, in->data.scalar.style);
        break;
      case YAML_ALIAS_EVENT:
        yaml_alias_event_initialize (out, in->data.alias.anchor);
        break;
      case YAML_SEQUENCE_START_EVENT:
        yaml_sequence_start_event_initialize (
          out, in->data.sequence_start.anchor, in->data.sequence_start.tag,
          in->data.sequence_start.implicit, in->data.sequence_start.style);
        break;
      default:
        yaml_mapping_start_event_initialize (
          out, in->data.mapping_start.anchor, in->data.mapping_start.tag,
          in->data.mapping_start.implicit, in->data.mapping_start.style);
        break;
    }
}

/* The kubeconfig keys whose values are credentials: a diff shown to a
 * person or written to a pipeline's log never carries them (README, "kubeconfig") */
static gboolean
is_secret_key (KubeNode *key)
{
  static const char *const secret_keys[]
    = { "token",         "client-key-data", "password",      "id-token",
        "refresh-token", "access-token",    "client-secret", NULL };
  const char *name = kube_node_scalar (key);

  return name && g_strv_contains (secret_keys, name);
}

static gboolean
emit_redacted (yaml_emitter_t *emitter, KubeNode *value)
{
  g_autofree char *shown
    = g_strdup_printf ("<redacted, %zu bytes>", value->event.data.scalar.length);
  yaml_event_t event;

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) shown, -1, 1, 1,
                                YAML_ANY_SCALAR_STYLE);
  return yaml_emitter_emit (emitter, &event);
}

static gboolean
emit_node (yaml_emitter_t *emitter, KubeNode *node, gboolean redact)
{
  yaml_event_t event;
  gboolean mapping;

  copy_event (node, &event);
  if (!yaml_emitter_emit (emitter, &event))
    return FALSE;
  if (node->children == NULL)
    return TRUE;
  mapping = kube_node_is_mapping (node);
  for (guint i = 0; i < node->children->len; i++)
    {
      KubeNode *child = node->children->pdata[i];
      gboolean ok;

      if (redact && mapping && i % 2 == 1 && child->event.type == YAML_SCALAR_EVENT
          && is_secret_key (node->children->pdata[i - 1]))
        ok = emit_redacted (emitter, child);
      else
        ok = emit_node (emitter, child, redact);
      if (!ok)
        return FALSE;
    }
  if (mapping)
    yaml_mapping_end_event_initialize (&event);
  else
    yaml_sequence_end_event_initialize (&event);
  return yaml_emitter_emit (emitter, &event);
}

static gboolean
emit_root (yaml_emitter_t *emitter, gpointer node)
{
  return emit_node (emitter, node, FALSE);
}

static gboolean
emit_root_redacted (yaml_emitter_t *emitter, gpointer node)
{
  return emit_node (emitter, node, TRUE);
}

/* Returns: (transfer full): @node as a YAML document */
char *
kube_node_emit (KubeNode *node)
{
  return pac_yaml_emit_document (emit_root, node);
}

/* Returns: (transfer full): @node as a YAML document, every credential's
 * value replaced by its length */
char *
kube_node_emit_redacted (KubeNode *node)
{
  return pac_yaml_emit_document (emit_root_redacted, node);
}

/* Building */

KubeNode *
kube_node_new_mapping (void)
{
  KubeNode *node = node_new ();

  yaml_mapping_start_event_initialize (&node->event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  node->children = new_children ();
  return node;
}

KubeNode *
kube_node_new_sequence (void)
{
  KubeNode *node = node_new ();

  yaml_sequence_start_event_initialize (&node->event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
  node->children = new_children ();
  return node;
}

static KubeNode *
new_scalar (const char *value, yaml_scalar_style_t style)
{
  KubeNode *node = node_new ();

  yaml_scalar_event_initialize (&node->event, NULL, NULL, (yaml_char_t *) value, strlen (value), 1,
                                1, style);
  return node;
}

/* Quoted where a plain scalar would read as something else */
KubeNode *
kube_node_new_string (const char *value)
{
  return new_scalar (value, pac_yaml_plain_is_string (value) ? YAML_PLAIN_SCALAR_STYLE
                                                             : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

KubeNode *
kube_node_from_json (JsonNode *json)
{
  KubeNode *node;

  if (JSON_NODE_HOLDS_OBJECT (json))
    {
      JsonObject *object = json_node_get_object (json);
      g_autoptr (GList) members = json_object_get_members (object);

      node = kube_node_new_mapping ();
      for (GList *l = members; l; l = l->next)
        kube_node_set (node, l->data,
                       kube_node_from_json (json_object_get_member (object, l->data)));
      return node;
    }
  if (JSON_NODE_HOLDS_ARRAY (json))
    {
      JsonArray *array = json_node_get_array (json);

      node = kube_node_new_sequence ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (node->children, kube_node_from_json (json_array_get_element (array, i)));
      return node;
    }
  if (JSON_NODE_HOLDS_NULL (json))
    return new_scalar ("null", YAML_PLAIN_SCALAR_STYLE);
  if (json_node_get_value_type (json) == G_TYPE_STRING)
    return kube_node_new_string (json_node_get_string (json));
  if (json_node_get_value_type (json) == G_TYPE_BOOLEAN)
    return new_scalar (json_node_get_boolean (json) ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
  {
    g_autofree char *text = json_to_string (json, FALSE);

    return new_scalar (text, YAML_PLAIN_SCALAR_STYLE);
  }
}

/* Reading values */

gboolean
kube_node_is_mapping (KubeNode *node)
{
  return node && node->event.type == YAML_MAPPING_START_EVENT;
}

gboolean
kube_node_is_sequence (KubeNode *node)
{
  return node && node->event.type == YAML_SEQUENCE_START_EVENT;
}

/* The text of a scalar, "" for anything else */
const char *
kube_node_scalar (KubeNode *node)
{
  if (node == NULL || node->event.type != YAML_SCALAR_EVENT)
    return "";
  return (const char *) node->event.data.scalar.value;
}

/* Returns: (transfer none) (nullable): the value of @key */
KubeNode *
kube_node_lookup (KubeNode *mapping, const char *key)
{
  if (!kube_node_is_mapping (mapping))
    return NULL;
  for (guint i = 0; i + 1 < mapping->children->len; i += 2)
    if (g_str_equal (kube_node_scalar (mapping->children->pdata[i]), key))
      return mapping->children->pdata[i + 1];
  return NULL;
}

/* Sets @key to @value (taken), in place where the key is already */
void
kube_node_set (KubeNode *mapping, const char *key, KubeNode *value)
{
  for (guint i = 0; i + 1 < mapping->children->len; i += 2)
    if (g_str_equal (kube_node_scalar (mapping->children->pdata[i]), key))
      {
        kube_node_free (mapping->children->pdata[i + 1]);
        mapping->children->pdata[i + 1] = value;
        return;
      }
  g_ptr_array_add (mapping->children, kube_node_new_string (key));
  g_ptr_array_add (mapping->children, value);
}

/* Removes @key and its value; whether it was there */
gboolean
kube_node_unset (KubeNode *mapping, const char *key)
{
  for (guint i = 0; kube_node_is_mapping (mapping) && i + 1 < mapping->children->len; i += 2)
    if (g_str_equal (kube_node_scalar (mapping->children->pdata[i]), key))
      {
        g_ptr_array_remove_range (mapping->children, i, 2);
        return TRUE;
      }
  return FALSE;
}
