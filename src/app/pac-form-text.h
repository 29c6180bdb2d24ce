/* pac-form-text.h: text fields of the forms, to and from lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char *pac_join_list (const char *const *items);
GStrv pac_split_list (const char *text);
void pac_entry_row_show (AdwEntryRow *row, const char *text);
char *pac_text_view_dup_text (GtkTextView *view);

G_END_DECLS
