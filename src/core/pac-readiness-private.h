/* pac-readiness-private.h: what the checks and the fixes share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-readiness.h"

G_BEGIN_DECLS

/* Until vCenter reports a sync, the library's check says "in progress". */
void pac_readiness_mark_syncing (PacReadiness *self, const char *library);

G_END_DECLS
