/* pac-diff.c: what changed between two texts, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For showing an edit before it is applied: manifests are a few hundred
 * lines, so the longest common subsequence table is small.
 */
#include "config.h"

#include "pac-diff.h"

typedef struct
{
  char **a, **b;
  guint n, m;
  guint *table; /* (n + 1) × (m + 1): LCS length of the suffixes */
} Diff;

static guint
lcs_at (Diff *d, guint i, guint j)
{
  return d->table[i * (d->m + 1) + j];
}

static void
fill_table (Diff *d)
{
  d->table = g_new0 (guint, (gsize) (d->n + 1) * (d->m + 1));
  for (guint i = d->n; i-- > 0;)
    for (guint j = d->m; j-- > 0;)
      d->table[i * (d->m + 1) + j] = g_str_equal (d->a[i], d->b[j])
                                       ? lcs_at (d, i + 1, j + 1) + 1
                                       : MAX (lcs_at (d, i + 1, j), lcs_at (d, i, j + 1));
}

/* One line per line of either text: ' ' kept, '-' gone, '+' new */
static GString *
edit_script (Diff *d)
{
  GString *script = g_string_new (NULL);
  guint i = 0, j = 0;

  while (i < d->n || j < d->m)
    if (i < d->n && j < d->m && g_str_equal (d->a[i], d->b[j]))
      g_string_append_c (script, ' '), i++, j++;
    else if (i < d->n && (j == d->m || lcs_at (d, i + 1, j) >= lcs_at (d, i, j + 1)))
      g_string_append_c (script, '-'), i++; /* what goes before what comes */
    else
      g_string_append_c (script, '+'), j++;
  return script;
}

static gboolean
near_change (const GString *script, gsize at, guint context)
{
  gsize from = at > context ? at - context : 0;

  for (gsize k = from; k < script->len && k <= at + context; k++)
    if (script->str[k] != ' ')
      return TRUE;
  return FALSE;
}

/**
 * pac_diff_lines:
 * @context: unchanged lines kept around each change
 *
 * Returns: (transfer full): the changed lines prefixed "- " or "+ ", with
 *   @context unchanged lines ("  ") around them and "…" where lines are
 *   left out; empty when the texts are equal
 */
char *
pac_diff_lines (const char *before, const char *after, guint context)
{
  Diff d
    = { g_strsplit (before ? before : "", "\n", -1), g_strsplit (after ? after : "", "\n", -1) };
  g_autoptr (GString) script = NULL;
  GString *out = g_string_new (NULL);
  guint i = 0, j = 0;
  gboolean skipped = FALSE;

  d.n = g_strv_length (d.a);
  d.m = g_strv_length (d.b);
  fill_table (&d);
  script = edit_script (&d);
  for (gsize k = 0; k < script->len; k++)
    {
      char op = script->str[k];
      const char *line = op == '+' ? d.b[j] : d.a[i];

      if (op != ' ' || near_change (script, k, context))
        {
          if (skipped && out->len > 0)
            g_string_append (out, "…\n");
          g_string_append_printf (out, "%c %s\n", op, line);
          skipped = FALSE;
        }
      else
        skipped = TRUE;
      i += op != '+';
      j += op != '-';
    }
  g_strfreev (d.a);
  g_strfreev (d.b);
  g_free (d.table);
  return g_string_free (out, FALSE);
}
