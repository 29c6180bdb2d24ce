/* pac-typed-confirm.h: "type the name to confirm" before deleting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog whose "delete" response is enabled only once @name is
 * typed (the entry shows it as its placeholder) */
AdwMessageDialog *pac_typed_confirm_new (GtkWindow *parent,
                                         const char *heading,
                                         const char *body,
                                         const char *name,
                                         const char *entry_label);
GtkWidget *pac_message_dialog_find_button (GtkWidget *root, const char *label);

G_END_DECLS
