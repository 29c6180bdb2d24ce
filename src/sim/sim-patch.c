/* sim-patch.c: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
 * Kubernetes' strategic merge patch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sim-patch.h"

#include <string.h>

#include "sim-json.h"

static JsonNode *
new_object_node (void)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/* RFC 7386: objects merge member by member, null deletes, anything else replaces. */
JsonNode *
sim_patch_merge (JsonNode *target, JsonNode *patch)
{
  JsonObject *result;
  JsonObject *changes;
  g_autoptr (GList) members = NULL;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return sim_json_node_copy (patch);
  node = (target && JSON_NODE_HOLDS_OBJECT (target)) ? sim_json_node_copy (target)
                                                     : new_object_node ();
  result = json_node_get_object (node);
  changes = json_node_get_object (patch);
  members = json_object_get_members (changes);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (changes, l->data);
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (result, l->data);
      else
        json_object_set_member (result, l->data,
                                sim_patch_merge (json_object_get_member (result, l->data), value));
    }
  return node;
}

/* Lists of objects merge by a key when their elements carry one, as the
 * patchMergeKey of most Kubernetes lists ("name", or "type" for conditions). */
static const char *
merge_key_of (JsonArray *a, JsonArray *b)
{
  static const char *keys[] = { "name", "type", "containerPort", "mountPath", NULL };
  JsonArray *sample = json_array_get_length (b) ? b : a;
  JsonNode *first;

  if (sample == NULL || json_array_get_length (sample) == 0)
    return NULL;
  first = json_array_get_element (sample, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;
  for (guint i = 0; keys[i]; i++)
    if (json_object_has_member (json_node_get_object (first), keys[i]))
      return keys[i];
  return NULL;
}

static int
find_by_key (JsonArray *array, const char *key, JsonNode *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_OBJECT (element)
          && sim_json_equal (json_object_get_member (json_node_get_object (element), key), value))
        return (int) i;
    }
  return -1;
}

static JsonNode *strategic (JsonNode *target, JsonNode *patch, GError **error);

static JsonNode *
strategic_list (JsonNode *target, JsonNode *patch, GError **error)
{
  JsonArray *base
    = (target && JSON_NODE_HOLDS_ARRAY (target)) ? json_node_get_array (target) : NULL;
  JsonArray *changes = json_node_get_array (patch);
  const char *key = merge_key_of (base, changes);
  JsonNode *node;
  JsonArray *result;

  if (key == NULL || base == NULL)
    return sim_json_node_copy (patch);
  node = sim_json_node_copy (target);
  result = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *change = json_array_get_element (changes, i);
      JsonObject *change_object
        = JSON_NODE_HOLDS_OBJECT (change) ? json_node_get_object (change) : NULL;
      JsonNode *key_value = change_object ? json_object_get_member (change_object, key) : NULL;
      int at;

      if (key_value == NULL)
        {
          json_node_unref (node);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "map: %s does not contain declared merge key: %s", "patch element", key);
          return NULL;
        }
      at = find_by_key (result, key, key_value);
      if (g_strcmp0 (sim_json_get_string (change_object, "$patch"), "delete") == 0)
        {
          if (at >= 0)
            json_array_remove_element (result, at);
          continue;
        }
      if (at < 0)
        json_array_add_element (result, strategic (NULL, change, error));
      else
        {
          JsonNode *merged = strategic (json_array_get_element (result, at), change, error);
          if (merged == NULL)
            {
              json_node_unref (node);
              return NULL;
            }
          json_array_remove_element (result, at);
          /* json-glib has no insert: rebuild in order. */
          {
            JsonArray *rebuilt = json_array_new ();
            for (guint j = 0; j <= json_array_get_length (result); j++)
              {
                if ((int) j == at)
                  json_array_add_element (rebuilt, merged);
                if (j < json_array_get_length (result))
                  json_array_add_element (rebuilt,
                                          sim_json_node_copy (json_array_get_element (result, j)));
              }
            json_node_take_array (node, rebuilt);
            result = rebuilt;
          }
        }
    }
  return node;
}

static JsonNode *
strategic (JsonNode *target, JsonNode *patch, GError **error)
{
  JsonObject *result;
  JsonObject *changes;
  g_autoptr (GList) members = NULL;
  JsonNode *node;

  if (JSON_NODE_HOLDS_ARRAY (patch))
    return strategic_list (target, patch, error);
  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return sim_json_node_copy (patch);
  changes = json_node_get_object (patch);
  if (g_strcmp0 (sim_json_get_string (changes, "$patch"), "replace") == 0)
    {
      node = sim_json_node_copy (patch);
      json_object_remove_member (json_node_get_object (node), "$patch");
      return node;
    }
  node = (target && JSON_NODE_HOLDS_OBJECT (target)) ? sim_json_node_copy (target)
                                                     : new_object_node ();
  result = json_node_get_object (node);
  members = json_object_get_members (changes);
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (changes, name);
      JsonNode *merged;

      /* Directives ($setElementOrder/…, $retainKeys, $deleteFromPrimitiveList/…)
       * steer ordering and pruning; the merged content does not depend on them. */
      if (name[0] == '$')
        continue;
      if (JSON_NODE_HOLDS_NULL (value))
        {
          json_object_remove_member (result, name);
          continue;
        }
      merged = strategic (json_object_get_member (result, name), value, error);
      if (merged == NULL)
        {
          json_node_unref (node);
          return NULL;
        }
      json_object_set_member (result, name, merged);
    }
  return node;
}

JsonNode *
sim_patch_strategic (JsonNode *target, JsonNode *patch, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (patch))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unable to unmarshal patch: not an object");
      return NULL;
    }
  return strategic (target, patch, error);
}

/* RFC 6901 pointer: the parent container and the last token. */
static gboolean
resolve_pointer (JsonNode *root, const char *pointer, JsonNode **parent, char **last)
{
  g_auto (GStrv) tokens = NULL;
  JsonNode *node = root;
  guint n;

  if (pointer == NULL || pointer[0] != '/')
    return FALSE;
  tokens = g_strsplit (pointer + 1, "/", -1);
  n = g_strv_length (tokens);
  for (guint i = 0; i < n; i++)
    {
      GString *t = g_string_new (tokens[i]);
      g_string_replace (t, "~1", "/", 0);
      g_string_replace (t, "~0", "~", 0);
      g_free (tokens[i]);
      tokens[i] = g_string_free (t, FALSE);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), tokens[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (tokens[i], &end, 10);
          JsonArray *array = json_node_get_array (node);
          node = (*end == '\0' && index < json_array_get_length (array))
                   ? json_array_get_element (array, index)
                   : NULL;
        }
      else
        node = NULL;
      if (node == NULL)
        return FALSE;
    }
  *parent = node;
  *last = g_strdup (tokens[n - 1]);
  return TRUE;
}

static JsonNode *
get_at (JsonNode *parent, const char *last)
{
  if (JSON_NODE_HOLDS_OBJECT (parent))
    return json_object_get_member (json_node_get_object (parent), last);
  if (JSON_NODE_HOLDS_ARRAY (parent))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (last, &end, 10);
      JsonArray *array = json_node_get_array (parent);
      if (*end == '\0' && *last != '\0' && index < json_array_get_length (array))
        return json_array_get_element (array, index);
    }
  return NULL;
}

static gboolean
remove_at (JsonNode *parent, const char *last)
{
  if (JSON_NODE_HOLDS_OBJECT (parent))
    {
      if (!json_object_has_member (json_node_get_object (parent), last))
        return FALSE;
      json_object_remove_member (json_node_get_object (parent), last);
      return TRUE;
    }
  if (get_at (parent, last) == NULL)
    return FALSE;
  json_array_remove_element (json_node_get_array (parent), g_ascii_strtoull (last, NULL, 10));
  return TRUE;
}

static gboolean
add_at (JsonNode *parent, const char *last, JsonNode *value, gboolean replace)
{
  if (JSON_NODE_HOLDS_OBJECT (parent))
    {
      if (replace && !json_object_has_member (json_node_get_object (parent), last))
        return FALSE;
      json_object_set_member (json_node_get_object (parent), last, sim_json_node_copy (value));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (parent))
    {
      JsonArray *array = json_node_get_array (parent);
      guint length = json_array_get_length (array);
      guint64 index = g_str_equal (last, "-") ? length : g_ascii_strtoull (last, NULL, 10);
      JsonArray *rebuilt;

      if (index > length || (replace && index >= length))
        return FALSE;
      rebuilt = json_array_new ();
      for (guint i = 0; i <= length; i++)
        {
          if (i == index)
            json_array_add_element (rebuilt, sim_json_node_copy (value));
          if (i < length && !(replace && i == index))
            json_array_add_element (rebuilt,
                                    sim_json_node_copy (json_array_get_element (array, i)));
        }
      json_node_take_array (parent, rebuilt);
      return TRUE;
    }
  return FALSE;
}

static gboolean
apply_operation (JsonNode *root, JsonObject *operation, GError **error)
{
  const char *op = sim_json_get_string (operation, "op");
  const char *path = sim_json_get_string (operation, "path");
  JsonNode *value = json_object_get_member (operation, "value");
  JsonNode *parent = NULL;
  g_autofree char *last = NULL;
  g_autoptr (JsonNode) moved = NULL;

  if (op == NULL || !resolve_pointer (root, path, &parent, &last))
    goto fail;
  if (g_str_equal (op, "add") && value)
    return add_at (parent, last, value, FALSE)
           || (g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                            "add operation does not apply: doc is missing path: \"%s\"", path),
               FALSE);
  if (g_str_equal (op, "replace") && value)
    return add_at (parent, last, value, TRUE)
           || (g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                            "replace operation does not apply: doc is missing key: %s", path),
               FALSE);
  if (g_str_equal (op, "remove"))
    return remove_at (parent, last)
           || (g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                            "remove operation does not apply: doc is missing path: \"%s\"", path),
               FALSE);
  if (g_str_equal (op, "test") && value)
    {
      JsonNode *current = get_at (parent, last);
      if (current && sim_json_equal (current, value))
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "testing value %s failed: test failed", path);
      return FALSE;
    }
  if (g_str_equal (op, "move") || g_str_equal (op, "copy"))
    {
      const char *from = sim_json_get_string (operation, "from");
      JsonNode *from_parent = NULL;
      g_autofree char *from_last = NULL;
      JsonNode *source;

      if (!resolve_pointer (root, from, &from_parent, &from_last)
          || (source = get_at (from_parent, from_last)) == NULL)
        goto fail;
      moved = sim_json_node_copy (source);
      if (g_str_equal (op, "move"))
        remove_at (from_parent, from_last);
      /* The target's parent may have moved: resolve it again. */
      g_clear_pointer (&last, g_free);
      if (!resolve_pointer (root, path, &parent, &last))
        goto fail;
      return add_at (parent, last, moved, FALSE);
    }
fail:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "unable to apply JSON patch operation %s on %s", op ? op : "(none)",
               path ? path : "(none)");
  return FALSE;
}

JsonNode *
sim_patch_json (JsonNode *target, JsonNode *operations, GError **error)
{
  g_autoptr (JsonNode) result = sim_json_node_copy (target);
  JsonArray *ops;

  if (!JSON_NODE_HOLDS_ARRAY (operations))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
      return NULL;
    }
  ops = json_node_get_array (operations);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonNode *op = json_array_get_element (ops, i);
      if (!JSON_NODE_HOLDS_OBJECT (op)
          || !apply_operation (result, json_node_get_object (op), error))
        {
          if (error && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 "invalid JSON patch operation");
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}
