/* pac-bench.h: the figures bench/run asks the app for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pac-session.h"

G_BEGIN_DECLS

void pac_bench_watch_first_frame (GtkWindow *window);
void pac_bench_watch_tree (GtkWindow *window, PacSession *session);

G_END_DECLS
