/* pac-typed-confirm.h: "type the name to confirm" before deleting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-alert.h"

G_BEGIN_DECLS

/* An alert whose "delete" response is enabled only once @name is
 * typed (the entry shows it as its placeholder) */
PacAlert *pac_typed_confirm_new (const char *heading,
                                 const char *body,
                                 const char *name,
                                 const char *entry_label);

G_END_DECLS
