/* sim-selector.c: label and field selectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Label selectors: "a=b", "a==b", "a!=b", "a", "!a", "a in (x,y)",
 * "a notin (x)", joined by commas. Field selectors: "=", "==" and "!="
 * on metadata.name and metadata.namespace, which is what kube-apiserver
 * supports for most kinds.
 */
#include "sim-selector.h"

#include <string.h>

#include "sim-json.h"

typedef enum
{
  OP_EQUALS,
  OP_NOT_EQUALS,
  OP_EXISTS,
  OP_NOT_EXISTS,
  OP_IN,
  OP_NOT_IN,
} Op;

typedef struct
{
  char *key;
  Op op;
  GStrv values;
} Requirement;

struct _SimSelector
{
  gboolean fields;
  GArray *requirements;
};

static void
requirement_clear (Requirement *r)
{
  g_free (r->key);
  g_strfreev (r->values);
}

void
sim_selector_free (SimSelector *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->requirements);
  g_free (self);
}

static SimSelector *
selector_new (gboolean fields)
{
  SimSelector *self = g_new0 (SimSelector, 1);

  self->fields = fields;
  self->requirements = g_array_new (FALSE, TRUE, sizeof (Requirement));
  g_array_set_clear_func (self->requirements, (GDestroyNotify) requirement_clear);
  return self;
}

/* Splits on commas outside parentheses. */
static GStrv
split_terms (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int depth = 0;
  const char *start = text;

  for (const char *p = text;; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      if (*p == '\0' || (*p == ',' && depth == 0))
        {
          g_autofree char *term = g_strstrip (g_strndup (start, p - start));
          if (*term != '\0')
            g_strv_builder_add (builder, term);
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_set_term (const char *term, const char *word, Op op, Requirement *r)
{
  const char *at = strstr (term, word);
  const char *open, *close;
  g_auto (GStrv) values = NULL;

  if (at == NULL)
    return FALSE;
  open = strchr (at, '(');
  close = strrchr (term, ')');
  if (open == NULL || close == NULL || close < open)
    return FALSE;
  r->key = g_strstrip (g_strndup (term, at - term));
  r->op = op;
  {
    g_autofree char *inner = g_strndup (open + 1, close - open - 1);
    values = g_strsplit (inner, ",", -1);
  }
  for (guint i = 0; values[i]; i++)
    g_strstrip (values[i]);
  r->values = g_steal_pointer (&values);
  return *r->key != '\0';
}

static gboolean
parse_term (const char *term, gboolean fields, Requirement *r)
{
  const char *op;

  if (!fields
      && (parse_set_term (term, " notin ", OP_NOT_IN, r)
          || parse_set_term (term, " in ", OP_IN, r)))
    return TRUE;
  if ((op = strstr (term, "!=")) != NULL)
    r->op = OP_NOT_EQUALS;
  else if ((op = strstr (term, "==")) != NULL || (op = strchr (term, '=')) != NULL)
    r->op = OP_EQUALS;
  else if (!fields && term[0] == '!')
    {
      r->op = OP_NOT_EXISTS;
      r->key = g_strstrip (g_strdup (term + 1));
      return *r->key != '\0';
    }
  else if (!fields)
    {
      r->op = OP_EXISTS;
      r->key = g_strstrip (g_strdup (term));
      return *r->key != '\0' && strpbrk (r->key, " ()") == NULL;
    }
  else
    return FALSE;

  r->key = g_strstrip (g_strndup (term, op - term));
  op += (r->op == OP_NOT_EQUALS || op[1] == '=') ? 2 : 1;
  r->values = g_new0 (char *, 2);
  r->values[0] = g_strstrip (g_strdup (op));
  return *r->key != '\0';
}

/* Every kind supports metadata.name and metadata.namespace; some more */
static gboolean
is_field_label (const char *key, const char *const *field_labels)
{
  return g_str_equal (key, "metadata.name") || g_str_equal (key, "metadata.namespace")
         || (field_labels && g_strv_contains (field_labels, key));
}

static SimSelector *
parse (const char *text, gboolean fields, const char *const *field_labels, GError **error)
{
  g_autoptr (SimSelector) self = selector_new (fields);
  g_auto (GStrv) terms = split_terms (text ? text : "");

  for (guint i = 0; terms[i]; i++)
    {
      Requirement r = { NULL, 0, NULL };

      if (!parse_term (terms[i], fields, &r))
        {
          requirement_clear (&r);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "unable to parse requirement: %s", terms[i]);
          return NULL;
        }
      if (fields && !is_field_label (r.key, field_labels))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "field label not supported: %s", r.key);
          requirement_clear (&r);
          return NULL;
        }
      g_array_append_val (self->requirements, r);
    }
  return g_steal_pointer (&self);
}

SimSelector *
sim_selector_parse_labels (const char *text, GError **error)
{
  return parse (text, FALSE, NULL, error);
}

SimSelector *
sim_selector_parse_fields (const char *text, const char *const *field_labels, GError **error)
{
  return parse (text, TRUE, field_labels, error);
}

static const char *
lookup (SimSelector *self, JsonObject *object, const char *key)
{
  if (self->fields)
    {
      const char *value = sim_json_get_path_string (object, key);
      /* Cluster-scoped objects match metadata.namespace="" */
      return value ? value : (g_str_equal (key, "metadata.namespace") ? "" : NULL);
    }
  return sim_json_get_string (
    sim_json_get_object (sim_json_get_object (object, "metadata"), "labels"), key);
}

gboolean
sim_selector_matches (SimSelector *self, JsonObject *object)
{
  for (guint i = 0; i < self->requirements->len; i++)
    {
      Requirement *r = &g_array_index (self->requirements, Requirement, i);
      const char *value = lookup (self, object, r->key);
      gboolean ok;

      switch (r->op)
        {
          case OP_EQUALS:
            ok = g_strcmp0 (value, r->values[0]) == 0;
            break;
          case OP_NOT_EQUALS:
            ok = g_strcmp0 (value, r->values[0]) != 0;
            break;
          case OP_EXISTS:
            ok = value != NULL;
            break;
          case OP_NOT_EXISTS:
            ok = value == NULL;
            break;
          case OP_IN:
            ok = value != NULL && g_strv_contains ((const char *const *) r->values, value);
            break;
          case OP_NOT_IN:
          default:
            ok = value == NULL || !g_strv_contains ((const char *const *) r->values, value);
            break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
