/* sim-table.c: meta.k8s.io/v1 Table responses from printer columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl get asks for Tables and prints them as they come, so the
 * columns, their types and the row cells follow kube-apiserver's table
 * convertor: a "Name" column first, date columns as human durations.
 */
#include "sim-table.h"

#include <string.h>

#include "sim-json.h"

/* Steps "[?(@.key==\"value\")]" over an array; returns the first match. */
static JsonNode *
filter_array (JsonArray *array, const char *filter, const char **end)
{
  const char *close = strstr (filter, ")]");
  g_autofree char *inner = NULL;
  g_auto (GStrv) parts = NULL;

  if (close == NULL)
    return NULL;
  *end = close + 2;
  inner = g_strndup (filter, close - filter);
  parts = g_strsplit (inner, "==", 2);
  if (g_strv_length (parts) != 2 || !g_str_has_prefix (g_strstrip (parts[0]), "@."))
    return NULL;
  {
    const char *key = parts[0] + 2;
    char *value = g_strstrip (parts[1]);
    size_t len = strlen (value);

    if (len >= 2 && (value[0] == '"' || value[0] == '\''))
      {
        value[len - 1] = '\0';
        value++;
      }
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *element = json_array_get_element (array, i);
        if (JSON_NODE_HOLDS_OBJECT (element)
            && g_strcmp0 (sim_json_get_string (json_node_get_object (element), key), value) == 0)
          return element;
      }
  }
  return NULL;
}

/**
 * sim_jsonpath_first:
 * @path: ".spec.a.b", ".items[0].x" or ".status.conditions[?(@.type==\"Ready\")].status"
 *
 * Returns: (nullable) (transfer none): the node, or %NULL when absent
 */
JsonNode *
sim_jsonpath_first (JsonObject *object, const char *path)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonNode *node;
  const char *p = path;

  json_node_set_object (root, object);
  node = root;
  while (*p != '\0' && node != NULL)
    {
      if (*p == '.')
        {
          const char *start = ++p;
          g_autofree char *member = NULL;

          while (*p != '\0' && *p != '.' && *p != '[')
            p++;
          member = g_strndup (start, p - start);
          node = JSON_NODE_HOLDS_OBJECT (node)
                   ? json_object_get_member (json_node_get_object (node), member)
                   : NULL;
        }
      else if (g_str_has_prefix (p, "[?("))
        node = JSON_NODE_HOLDS_ARRAY (node) ? filter_array (json_node_get_array (node), p + 3, &p)
                                            : NULL;
      else if (*p == '[')
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (end == NULL || *end != ']' || !JSON_NODE_HOLDS_ARRAY (node)
              || index >= json_array_get_length (json_node_get_array (node)))
            return NULL;
          node = json_array_get_element (json_node_get_array (node), index);
          p = end + 1;
        }
      else
        return NULL;
    }
  /* The root itself is not a column value. */
  return node == root ? NULL : node;
}

/* k8s.io/apimachinery/pkg/util/duration.HumanDuration's shape: "42s",
 * "3m12s", "15m", "5h2m", "30h", "3d4h", "40d", "2y5d", "9y". */
char *
sim_human_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60, hours = seconds / 3600, days = hours / 24, years = days / 365;

  if (seconds < 0)
    return g_strdup ("0s");
  if (seconds < 120)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", seconds);
  if (minutes < 10)
    return seconds % 60
             ? g_strdup_printf ("%" G_GINT64_FORMAT "m%" G_GINT64_FORMAT "s", minutes, seconds % 60)
             : g_strdup_printf ("%" G_GINT64_FORMAT "m", minutes);
  if (minutes < 180)
    return g_strdup_printf ("%" G_GINT64_FORMAT "m", minutes);
  if (hours < 8)
    return minutes % 60
             ? g_strdup_printf ("%" G_GINT64_FORMAT "h%" G_GINT64_FORMAT "m", hours, minutes % 60)
             : g_strdup_printf ("%" G_GINT64_FORMAT "h", hours);
  if (hours < 48)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h", hours);
  if (hours < 24 * 8)
    return hours % 24
             ? g_strdup_printf ("%" G_GINT64_FORMAT "d%" G_GINT64_FORMAT "h", days, hours % 24)
             : g_strdup_printf ("%" G_GINT64_FORMAT "d", days);
  if (days < 365 * 2)
    return g_strdup_printf ("%" G_GINT64_FORMAT "d", days);
  if (years < 8)
    return g_strdup_printf ("%" G_GINT64_FORMAT "y%" G_GINT64_FORMAT "d", years, days % 365);
  return g_strdup_printf ("%" G_GINT64_FORMAT "y", years);
}

static gint64
count_members (JsonObject *object, const char *path)
{
  JsonNode *node = sim_jsonpath_first (object, path);

  if (node == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  return 0;
}

/* A cell: the column's value, "len(.a)+len(.b)" counts, dates as ages. */
static JsonNode *
cell_for (JsonObject *object, const SimColumn *column)
{
  JsonNode *cell = json_node_new (JSON_NODE_VALUE);
  JsonNode *value;

  if (column->compute)
    {
      g_autofree char *text = column->compute (object);
      json_node_set_string (cell, text ? text : "");
      return cell;
    }
  if (g_str_has_prefix (column->json_path, "len("))
    {
      g_auto (GStrv) terms = g_strsplit (column->json_path, "+", -1);
      gint64 total = 0;

      for (guint i = 0; terms[i]; i++)
        {
          g_autofree char *inner = g_strndup (terms[i] + 4, strlen (terms[i]) - 5);
          total += count_members (object, inner);
        }
      json_node_set_int (cell, total);
      return cell;
    }
  value = sim_jsonpath_first (object, column->json_path);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      /* kube-apiserver leaves missing values as "<none>"-printing nulls. */
      json_node_init_null (cell);
      return cell;
    }
  if (g_str_equal (column->type, "date") && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_autoptr (GDateTime) then
        = g_date_time_new_from_iso8601 (json_node_get_string (value), NULL);
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *age
        = then ? sim_human_duration (g_date_time_difference (now, then) / G_TIME_SPAN_SECOND)
               : g_strdup ("<invalid>");
      json_node_set_string (cell, age);
      return cell;
    }
  json_node_unref (cell);
  if (JSON_NODE_HOLDS_VALUE (value))
    return sim_json_node_copy (value);
  /* Objects and arrays print as their JSON text. */
  {
    g_autofree char *text = sim_json_to_string (value, NULL);
    cell = json_node_new (JSON_NODE_VALUE);
    json_node_set_string (cell, text);
    return cell;
  }
}

static JsonObject *
partial_metadata (const SimKind *kind, JsonObject *object)
{
  JsonObject *partial = json_object_new ();
  JsonObject *metadata = sim_json_get_object (object, "metadata");

  json_object_set_string_member (partial, "kind", "PartialObjectMetadata");
  json_object_set_string_member (partial, "apiVersion", "meta.k8s.io/v1");
  if (metadata)
    json_object_set_object_member (partial, "metadata", sim_json_object_copy (metadata));
  return partial;
}

static JsonObject *
column_definition (const char *name,
                   const char *type,
                   const char *format,
                   const char *description,
                   int priority)
{
  JsonObject *column = json_object_new ();

  json_object_set_string_member (column, "name", name);
  json_object_set_string_member (column, "type", type);
  json_object_set_string_member (column, "format", format);
  json_object_set_string_member (column, "description", description ? description : "");
  json_object_set_int_member (column, "priority", priority);
  return column;
}

static JsonArray *
column_definitions (const SimKind *kind)
{
  JsonArray *columns = json_array_new ();

  json_array_add_object_element (
    columns,
    column_definition ("Name", "string", "name", "Name must be unique within a namespace.", 0));
  for (const SimColumn *c = kind->columns; c && c->name; c++)
    {
      /* Dates become ages, which are strings on the wire. */
      gboolean date = g_str_equal (c->type, "date");
      json_array_add_object_element (columns, column_definition (c->name, date ? "string" : c->type,
                                                                 "", c->description, c->priority));
    }
  return columns;
}

JsonObject *
sim_table_new (const SimKind *kind,
               GPtrArray *objects,
               SimTableInclude include,
               gboolean with_columns,
               const char *resource_version,
               const char *continue_token)
{
  JsonObject *table = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *rows = json_array_new ();

  json_object_set_string_member (table, "kind", "Table");
  json_object_set_string_member (table, "apiVersion", "meta.k8s.io/v1");
  if (resource_version)
    json_object_set_string_member (metadata, "resourceVersion", resource_version);
  if (continue_token)
    json_object_set_string_member (metadata, "continue", continue_token);
  json_object_set_object_member (table, "metadata", metadata);
  json_object_set_array_member (table, "columnDefinitions",
                                with_columns ? column_definitions (kind) : json_array_new ());
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      JsonObject *row = json_object_new ();
      JsonArray *cells = json_array_new ();

      json_array_add_string_element (cells, sim_json_get_path_string (object, "metadata.name"));
      for (const SimColumn *c = kind->columns; c && c->name; c++)
        json_array_add_element (cells, cell_for (object, c));
      json_object_set_array_member (row, "cells", cells);
      if (include == SIM_TABLE_INCLUDE_METADATA)
        json_object_set_object_member (row, "object", partial_metadata (kind, object));
      else if (include == SIM_TABLE_INCLUDE_OBJECT)
        json_object_set_object_member (row, "object", sim_json_object_copy (object));
      json_array_add_object_element (rows, row);
    }
  json_object_set_array_member (table, "rows", rows);
  return table;
}
