/* pac-manifest-private.h: shared by pac-manifest.c and its shape check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-cluster-spec.h"

G_BEGIN_DECLS

void pac_manifest_check_shape (JsonObject *root, PacTkcApi api, GPtrArray *problems);

G_END_DECLS
