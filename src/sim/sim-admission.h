/* sim-admission.h: pod security admission in a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

gboolean sim_admission_pod (SimServer *guest,
                            JsonObject *pod,
                            const char *user,
                            const char *const *groups,
                            char **reason,
                            GPtrArray *warnings);
void sim_admission_template_warnings (SimServer *guest,
                                      const char *namespace,
                                      JsonObject *template,
                                      GPtrArray *warnings);

G_END_DECLS
