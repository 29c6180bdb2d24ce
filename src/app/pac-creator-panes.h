/* pac-creator-panes.h: the creator's form beside its YAML, one at a time
 * when the window is narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On libadwaita 1.4 and later an AdwNavigationSplitView below a
 * breakpoint (ui/pac-creator-panes-split.ui), before that an AdwLeaflet
 * (ui/pac-creator-panes-leaflet.ui); the creator sees only this: the two
 * children ("start" and "end" in its template), whether the panes are
 * folded to one page and which one shows then.
 */
#pragma once

#include "pac-platform.h"

G_BEGIN_DECLS

#define PAC_TYPE_CREATOR_PANES (pac_creator_panes_get_type ())
G_DECLARE_FINAL_TYPE (PacCreatorPanes, pac_creator_panes, PAC, CREATOR_PANES, GtkWidget)

gboolean pac_creator_panes_get_folded (PacCreatorPanes *self);
void pac_creator_panes_show_end (PacCreatorPanes *self, gboolean show_end);
gboolean pac_creator_panes_get_showing_end (PacCreatorPanes *self);

G_END_DECLS
