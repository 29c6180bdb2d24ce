/* pac-manifest-shape.c: the type of every TKC field that Pacific knows,
 * and which are required, by API version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the field trees of VMware's published TKC schemas (v1alpha1,
 * v1alpha2) and, for v1alpha3, the documented v1alpha2 shape plus
 * failureDomain (doc/resources.md, "TanzuKubernetesCluster"). A field
 * the table does not know is kept as it is; one it knows must have its
 * type, so that a manifest the Supervisor would refuse is refused here,
 * naming the field, before anything is sent.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-manifest-private.h"

typedef enum
{
  T_OBJECT,
  T_ARRAY,
  T_STRING,
  T_INTEGER,
  T_INT_OR_STRING,
} FieldType;

enum
{
  A1 = 1 << PAC_TKC_V1ALPHA1,
  A2 = 1 << PAC_TKC_V1ALPHA2,
  A3 = 1 << PAC_TKC_V1ALPHA3,
  ALL = A1 | A2 | A3,
  A23 = A2 | A3,
};

typedef struct
{
  const char *path; /* "[]": any item, "{}": any member */
  FieldType type;
  guint versions; /* where the field exists */
  guint required; /* where it must be given */
} Field;

#define TOPOLOGY_SETTINGS(p)                                                                       \
  { p ".replicas", T_INTEGER, A23, 0 }, { p ".vmClass", T_STRING, A23, A23 },                      \
    { p ".storageClass", T_STRING, A23, A23 }, { p ".nodeDrainTimeout", T_STRING, A23, 0 },        \
    { p ".tkr", T_OBJECT, A23, 0 }, { p ".tkr.reference", T_OBJECT, A23, 0 },                      \
    { p ".tkr.reference.apiVersion", T_STRING, A23, 0 },                                           \
    { p ".tkr.reference.fieldPath", T_STRING, A23, 0 },                                            \
    { p ".tkr.reference.kind", T_STRING, A23, 0 }, { p ".tkr.reference.name", T_STRING, A23, 0 },  \
    { p ".tkr.reference.namespace", T_STRING, A23, 0 },                                            \
    { p ".tkr.reference.resourceVersion", T_STRING, A23, 0 },                                      \
    { p ".tkr.reference.uid", T_STRING, A23, 0 }, { p ".volumes", T_ARRAY, A23, 0 },               \
    { p ".volumes[]", T_OBJECT, A23, 0 }, { p ".volumes[].name", T_STRING, A23, A23 },             \
    { p ".volumes[].mountPath", T_STRING, A23, A23 },                                              \
    { p ".volumes[].capacity", T_OBJECT, A23, A23 },                                               \
    { p ".volumes[].capacity{}", T_INT_OR_STRING, A23, 0 },                                        \
  {                                                                                                \
    p ".volumes[].storageClass", T_STRING, A23, 0                                                  \
  }

#define V1ALPHA1_TOPOLOGY(p)                                                                       \
  { p, T_OBJECT, A1, A1 }, { p ".count", T_INTEGER, A1, A1 }, { p ".class", T_STRING, A1, A1 },    \
  {                                                                                                \
    p ".storageClass", T_STRING, A1, A1                                                            \
  }

static const Field fields[] = {
  { "metadata", T_OBJECT, ALL, ALL },
  { "metadata.name", T_STRING, ALL, 0 },
  { "metadata.namespace", T_STRING, ALL, 0 },
  { "metadata.labels", T_OBJECT, ALL, 0 },
  { "metadata.labels{}", T_STRING, ALL, 0 },
  { "metadata.annotations", T_OBJECT, ALL, 0 },
  { "metadata.annotations{}", T_STRING, ALL, 0 },
  { "spec", T_OBJECT, ALL, ALL },
  { "spec.topology", T_OBJECT, ALL, ALL },
  V1ALPHA1_TOPOLOGY ("spec.topology.controlPlane"),
  V1ALPHA1_TOPOLOGY ("spec.topology.workers"),
  { "spec.topology.controlPlane", T_OBJECT, A23, A23 },
  TOPOLOGY_SETTINGS ("spec.topology.controlPlane"),
  { "spec.topology.nodePools", T_ARRAY, A23, A23 },
  { "spec.topology.nodePools[]", T_OBJECT, A23, 0 },
  { "spec.topology.nodePools[].name", T_STRING, A23, A23 },
  { "spec.topology.nodePools[].labels", T_OBJECT, A23, 0 },
  { "spec.topology.nodePools[].labels{}", T_STRING, A23, 0 },
  { "spec.topology.nodePools[].taints", T_ARRAY, A23, 0 },
  { "spec.topology.nodePools[].taints[]", T_OBJECT, A23, 0 },
  { "spec.topology.nodePools[].taints[].key", T_STRING, A23, A23 },
  { "spec.topology.nodePools[].taints[].value", T_STRING, A23, 0 },
  { "spec.topology.nodePools[].taints[].effect", T_STRING, A23, A23 },
  { "spec.topology.nodePools[].taints[].timeAdded", T_STRING, A23, 0 },
  { "spec.topology.nodePools[].failureDomain", T_STRING, A3, 0 },
  TOPOLOGY_SETTINGS ("spec.topology.nodePools[]"),
  { "spec.distribution", T_OBJECT, ALL, A1 },
  { "spec.distribution.version", T_STRING, ALL, 0 },
  { "spec.distribution.fullVersion", T_STRING, ALL, 0 },
  { "spec.settings", T_OBJECT, ALL, 0 },
  { "spec.settings.network", T_OBJECT, ALL, 0 },
  { "spec.settings.network.cni", T_OBJECT, ALL, 0 },
  { "spec.settings.network.cni.name", T_STRING, ALL, ALL },
  { "spec.settings.network.pods", T_OBJECT, ALL, 0 },
  { "spec.settings.network.pods.cidrBlocks", T_ARRAY, ALL, 0 },
  { "spec.settings.network.pods.cidrBlocks[]", T_STRING, ALL, 0 },
  { "spec.settings.network.services", T_OBJECT, ALL, 0 },
  { "spec.settings.network.services.cidrBlocks", T_ARRAY, ALL, 0 },
  { "spec.settings.network.services.cidrBlocks[]", T_STRING, ALL, 0 },
  { "spec.settings.network.serviceDomain", T_STRING, ALL, 0 },
  { "spec.settings.network.proxy", T_OBJECT, A23, 0 },
  { "spec.settings.network.proxy.httpProxy", T_STRING, A23, 0 },
  { "spec.settings.network.proxy.httpsProxy", T_STRING, A23, 0 },
  { "spec.settings.network.proxy.noProxy", T_ARRAY, A23, 0 },
  { "spec.settings.network.proxy.noProxy[]", T_STRING, A23, 0 },
  { "spec.settings.network.trust", T_OBJECT, A23, 0 },
  { "spec.settings.network.trust.additionalTrustedCAs", T_ARRAY, A23, 0 },
  { "spec.settings.network.trust.additionalTrustedCAs[]", T_OBJECT, A23, 0 },
  { "spec.settings.network.trust.additionalTrustedCAs[].name", T_STRING, A23, A23 },
  { "spec.settings.network.trust.additionalTrustedCAs[].data", T_STRING, A23, A23 },
  { "spec.settings.storage", T_OBJECT, ALL, 0 },
  { "spec.settings.storage.classes", T_ARRAY, ALL, 0 },
  { "spec.settings.storage.classes[]", T_STRING, ALL, 0 },
  { "spec.settings.storage.defaultClass", T_STRING, ALL, 0 },
};

typedef struct
{
  guint version;
  GPtrArray *problems;
  GString *path;    /* "spec.topology.nodePools[2].name" */
  GString *pattern; /* "spec.topology.nodePools[].name" */
} Walk;

static const Field *
find_field (guint version, const char *pattern)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if ((fields[i].versions & version) && g_str_equal (fields[i].path, pattern))
      return &fields[i];
  return NULL;
}

static gboolean
has_type (JsonNode *node, FieldType type)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_NONE;

  switch (type)
    {
      case T_OBJECT:
        return JSON_NODE_HOLDS_OBJECT (node);
      case T_ARRAY:
        return JSON_NODE_HOLDS_ARRAY (node);
      case T_STRING:
        return value_type == G_TYPE_STRING;
      case T_INTEGER:
        return value_type == G_TYPE_INT64;
      case T_INT_OR_STRING:
      default:
        return value_type == G_TYPE_STRING || value_type == G_TYPE_INT64;
    }
}

static const char *
type_message (FieldType type)
{
  switch (type)
    {
      case T_OBJECT:
        return _ ("must be a mapping of fields");
      case T_ARRAY:
        return _ ("must be a list");
      case T_STRING:
        return _ ("must be text (quote it if YAML reads it as a number or a yes/no)");
      case T_INTEGER:
        return _ ("must be a whole number");
      case T_INT_OR_STRING:
      default:
        return _ ("must be a number or a size such as 20Gi");
    }
}

static void
report (Walk *walk, const char *message)
{
  g_ptr_array_add (walk->problems, pac_problem_new (walk->path->str, message));
}

/* Fields the table marks required under an object at walk->pattern */
static void
check_required (Walk *walk, JsonObject *object)
{
  gsize prefix = walk->pattern->len;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *path = fields[i].path;

      if (!(fields[i].required & walk->version) || strncmp (path, walk->pattern->str, prefix) != 0
          || (prefix > 0 && path[prefix] != '.'))
        continue;
      path += prefix + (prefix > 0);
      if (strpbrk (path, ".[{") || json_object_has_member (object, path))
        continue;
      {
        gsize length = walk->path->len;

        g_string_append_printf (walk->path, "%s%s", length ? "." : "", path);
        report (walk, _ ("is required"));
        g_string_truncate (walk->path, length);
      }
    }
}

static void walk_node (Walk *walk, JsonNode *node);

static void
walk_child (Walk *walk, JsonNode *child, const char *path_step, const char *pattern_step)
{
  gsize path_length = walk->path->len;
  gsize pattern_length = walk->pattern->len;

  g_string_append (walk->path, path_step);
  g_string_append (walk->pattern, pattern_step);
  walk_node (walk, child);
  g_string_truncate (walk->path, path_length);
  g_string_truncate (walk->pattern, pattern_length);
}

static void
walk_object (Walk *walk, JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);
  g_autofree char *any = g_strconcat (walk->pattern->str, "{}", NULL);
  gboolean is_map = find_field (walk->version, any) != NULL;

  check_required (walk, object);
  for (GList *l = members; l; l = l->next)
    {
      const char *dot = walk->path->len ? "." : "";
      g_autofree char *step = g_strconcat (dot, (const char *) l->data, NULL);
      /* A map's keys are data: "labels.app" is "labels{}" to the table */
      g_autofree char *kind = is_map ? g_strdup ("{}") : g_strdup (step);

      walk_child (walk, json_object_get_member (object, l->data), step, kind);
    }
}

static void
walk_node (Walk *walk, JsonNode *node)
{
  const Field *field = find_field (walk->version, walk->pattern->str);

  if (field == NULL && walk->pattern->len > 0)
    return; /* not ours to judge: kept as it is */
  if (field && !has_type (node, field->type))
    {
      report (walk, type_message (field->type));
      return;
    }
  /* Every whole number of a TKC is an int32 (replicas, count) */
  if (field && field->type == T_INTEGER && json_node_get_int (node) > G_MAXINT32)
    report (walk, _ ("must be at most 2147483647"));
  else if (field && field->type == T_INTEGER && json_node_get_int (node) < G_MININT32)
    report (walk, _ ("must be zero or more"));
  if (JSON_NODE_HOLDS_OBJECT (node))
    walk_object (walk, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *step = g_strdup_printf ("[%u]", i);

          walk_child (walk, json_array_get_element (array, i), step, "[]");
        }
    }
}

/* Adds a PacProblem for each field of a known type that has another, and
 * for each required field missing */
void
pac_manifest_check_shape (JsonObject *root, PacTkcApi api, GPtrArray *problems)
{
  Walk walk = { 1u << api, problems, g_string_new (NULL), g_string_new (NULL) };

  walk_object (&walk, root);
  g_string_free (walk.path, TRUE);
  g_string_free (walk.pattern, TRUE);
}
