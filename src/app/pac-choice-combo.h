/* pac-choice-combo.h: an AdwComboRow over PacChoices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-choice.h"

G_BEGIN_DECLS

void pac_choice_combo_bind (AdwComboRow *row, GListModel *choices, const char *none_label);
const char *pac_choice_combo_get (AdwComboRow *row);
void pac_choice_combo_set (AdwComboRow *row, const char *id);

G_END_DECLS
