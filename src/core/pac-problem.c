/* pac-problem.c: one thing wrong with an input, and where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-problem.h"

G_DEFINE_BOXED_TYPE (PacProblem, pac_problem, pac_problem_copy, pac_problem_free)

PacProblem *
pac_problem_new (const char *path, const char *message)
{
  PacProblem *problem = g_new0 (PacProblem, 1);

  problem->path = g_strdup (path);
  problem->message = g_strdup (message);
  return problem;
}

PacProblem *
pac_problem_copy (const PacProblem *problem)
{
  PacProblem *copy = pac_problem_new (problem->path, problem->message);

  copy->line = problem->line;
  copy->column = problem->column;
  return copy;
}

void
pac_problem_free (PacProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/* "line 4, column 15: spec.topology.controlPlane.replicas: must be 1 or 3" */
char *
pac_problem_to_string (const PacProblem *problem)
{
  if (problem->line > 0)
    return g_strdup_printf (_ ("line %u, column %u: %s: %s"), problem->line, problem->column,
                            problem->path, problem->message);
  return g_strdup_printf ("%s: %s", problem->path, problem->message);
}

/* One problem a line */
char *
pac_problems_to_string (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = pac_problem_to_string (problems->pdata[i]);

      g_string_append_printf (text, "%s%s", i ? "\n" : "", line);
    }
  return g_string_free (text, FALSE);
}
