/* sim-present-cache.h: the JSON text of stored objects as each version serves them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-kind.h"

G_BEGIN_DECLS

const char *sim_present_text (const SimKind *kind, JsonObject *stored, gsize *length);

G_END_DECLS
