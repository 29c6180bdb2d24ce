/* pac-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-application.h"

G_BEGIN_DECLS

#define PAC_TYPE_WINDOW (pac_window_get_type ())

G_DECLARE_FINAL_TYPE (PacWindow, pac_window, PAC, WINDOW, AdwApplicationWindow)

PacWindow *pac_window_new (PacApplication *application);

G_END_DECLS
