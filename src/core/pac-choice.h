/* pac-choice.h: one thing a form offers to pick, with why not where it cannot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PAC_TYPE_CHOICE (pac_choice_get_type ())

G_DECLARE_FINAL_TYPE (PacChoice, pac_choice, PAC, CHOICE, GObject)

PacChoice *pac_choice_new (const char *id, const char *subtitle, const char *reason);
const char *pac_choice_get_id (PacChoice *self);
const char *pac_choice_get_subtitle (PacChoice *self);
const char *pac_choice_get_reason (PacChoice *self);
gboolean pac_choice_is_available (PacChoice *self);
guint pac_choice_find (GListModel *choices, const char *id);

G_END_DECLS
