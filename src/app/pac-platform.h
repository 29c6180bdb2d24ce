/* pac-platform.h: which widgets this build uses, by libadwaita's version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pacific builds on Debian 12's libadwaita 1.2 and on today's GNOME
 * runtime; where the newer library has GNOME's current widget, the build
 * takes it and the older one keeps its own (doc/architecture.md, "Two
 * platforms"). Each choice can be forced with -D for a test build.
 * (Alerts choose in pac-alert.h.)
 */
#pragma once

#include <adwaita.h>

/* AdwNavigationSplitView, AdwToolbarView, AdwBreakpoint and AdwBanner
 * for the main window and the creator's panes; AdwLeaflet before */
#ifndef PAC_SPLIT_VIEW
#define PAC_SPLIT_VIEW ADW_CHECK_VERSION (1, 4, 0)
#endif

/* AdwSpinner (turns while shown); GtkSpinner before */
#ifndef PAC_ADW_SPINNER
#define PAC_ADW_SPINNER ADW_CHECK_VERSION (1, 6, 0)
#endif

/* AdwShortcutsDialog (drawn inside the window); GtkShortcutsWindow,
 * which GTK 4.18 deprecates, before */
#ifndef PAC_ADW_SHORTCUTS
#define PAC_ADW_SHORTCUTS ADW_CHECK_VERSION (1, 8, 0)
#endif

/* AdwDialog for Pacific's own dialogs (pac-dialog.h): adaptive, drawn
 * inside the window, a bottom sheet on a narrow one; AdwWindow before */
#ifndef PAC_ADW_DIALOG
#define PAC_ADW_DIALOG ADW_CHECK_VERSION (1, 5, 0)
#endif
