/* bench-creator.h: keystrokes in the real cluster creator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pac-node.h"

G_BEGIN_DECLS

gboolean bench_creator_start (GApplication *app, PacNode *root);

G_END_DECLS
