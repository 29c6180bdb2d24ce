/* pac-problem.h: one thing wrong with an input, and where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PAC_TYPE_PROBLEM (pac_problem_get_type ())

typedef struct
{
  char *path;    /* field path: "spec.topology.nodePools[0].vmClass" */
  char *message; /* translated, without the path */
  guint line;    /* 0 where unknown (a form, not a text) */
  guint column;
} PacProblem;

GType pac_problem_get_type (void) G_GNUC_CONST;
PacProblem *pac_problem_new (const char *path, const char *message);
PacProblem *pac_problem_copy (const PacProblem *problem);
void pac_problem_free (PacProblem *problem);
char *pac_problem_to_string (const PacProblem *problem);
char *pac_problems_to_string (GPtrArray *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacProblem, pac_problem_free)

G_END_DECLS
