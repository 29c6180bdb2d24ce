/* pac-spinner.h: "something is under way", with the widget each platform has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.6 brings AdwSpinner (GNOME's spinner since; it turns while
 * shown), GTK before has GtkSpinner (turns while "spinning"). PacSpinner
 * holds whichever the build has and has the one property the app needs:
 * "spinning". Stopped, it shows nothing, as GtkSpinner does.
 */
#pragma once

#include "pac-platform.h"

G_BEGIN_DECLS

#define PAC_TYPE_SPINNER (pac_spinner_get_type ())
G_DECLARE_FINAL_TYPE (PacSpinner, pac_spinner, PAC, SPINNER, GtkWidget)

GtkWidget *pac_spinner_new (void);
void pac_spinner_set_spinning (PacSpinner *self, gboolean spinning);
gboolean pac_spinner_get_spinning (PacSpinner *self);

G_END_DECLS
