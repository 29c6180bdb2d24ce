/* pac-preferences-window.h: the app's preferences
 *
 * An AdwPreferencesDialog (adaptive, inside the main window) on libadwaita
 * 1.5 and later, an AdwPreferencesWindow before: the template is
 * ui/pac-preferences-dialog.ui or ui/pac-preferences-window.ui
 * (doc/architecture.md, "Two platforms").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-window.h"

G_BEGIN_DECLS

#if ADW_CHECK_VERSION(1, 5, 0)
#define PAC_PREFERENCES_DIALOG 1
typedef AdwPreferencesDialog PacPreferencesBase;
typedef AdwPreferencesDialogClass PacPreferencesBaseClass;
#define PAC_TYPE_PREFERENCES_BASE ADW_TYPE_PREFERENCES_DIALOG
#else
#define PAC_PREFERENCES_DIALOG 0
typedef AdwPreferencesWindow PacPreferencesBase;
typedef AdwPreferencesWindowClass PacPreferencesBaseClass;
#define PAC_TYPE_PREFERENCES_BASE ADW_TYPE_PREFERENCES_WINDOW
#endif
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacPreferencesBase, g_object_unref)

#define PAC_TYPE_PREFERENCES_WINDOW (pac_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PacPreferencesWindow,
                      pac_preferences_window,
                      PAC,
                      PREFERENCES_WINDOW,
                      PacPreferencesBase)

PacPreferencesWindow *pac_preferences_window_new (GSettings *settings, PacWindow *window);
void pac_preferences_window_present (PacPreferencesWindow *self, GtkWindow *parent);

G_END_DECLS
