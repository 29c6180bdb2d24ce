/* pac-detail-list.h: the boxed lists of the details pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void pac_detail_list_clear (GtkListBox *list);
AdwActionRow *pac_detail_list_add (GtkListBox *list, const char *title, const char *subtitle);
void pac_detail_list_add_icon (AdwActionRow *row, const char *icon_name, const char *css_class);
void pac_detail_list_placeholder (GtkListBox *list, const char *text);
void pac_detail_row_set (AdwActionRow *row, const char *value);
char *pac_format_age (const char *timestamp);
gboolean pac_error_is_cancelled (const GError *error);

G_END_DECLS
