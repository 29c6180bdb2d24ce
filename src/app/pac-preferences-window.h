/* pac-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-window.h"

G_BEGIN_DECLS

#define PAC_TYPE_PREFERENCES_WINDOW (pac_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PacPreferencesWindow,
                      pac_preferences_window,
                      PAC,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

PacPreferencesWindow *pac_preferences_window_new (GSettings *settings, PacWindow *window);

G_END_DECLS
