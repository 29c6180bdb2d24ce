/* pac-window-pages.h: the pages the main window shows beside its tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The welcome, "select", loading and failed pages in one stack; the
 * Supervisor, namespace and cluster pages join it when first needed (a
 * start that shows none builds none before its first frame). A widget of its own so that both
 * window frames (the leaflet of libadwaita 1.2 and the navigation split view of 1.4 on, see
 * doc/architecture.md, "Two platforms") hold the same pages; the window
 * drives them through the fields below.
 */
#pragma once

#include <adwaita.h>

#include "pac-spinner.h"

G_BEGIN_DECLS

#define PAC_TYPE_WINDOW_PAGES (pac_window_pages_get_type ())
G_DECLARE_FINAL_TYPE (PacWindowPages, pac_window_pages, PAC, WINDOW_PAGES, GtkWidget)

struct _PacWindowPages
{
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwStatusPage *select_page;
  AdwStatusPage *failed_page;
  GtkButton *edit_failed_button;
  GtkButton *review_failed_button;
  PacSpinner *loading_spinner;
};

GtkWidget *pac_window_pages_ensure (PacWindowPages *self, const char *name, GType type);

G_END_DECLS
