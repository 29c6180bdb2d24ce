/* sim-selector.h: label and field selectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _SimSelector SimSelector;

SimSelector *sim_selector_parse_labels (const char *text, GError **error);
SimSelector *
sim_selector_parse_fields (const char *text, const char *const *field_labels, GError **error);
gboolean sim_selector_matches (SimSelector *self, JsonObject *object);
void sim_selector_free (SimSelector *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimSelector, sim_selector_free)

G_END_DECLS
