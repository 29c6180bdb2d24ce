/* pac-window-pages.c: the pages the main window shows beside its tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-window-pages.h"

G_DEFINE_FINAL_TYPE (PacWindowPages, pac_window_pages, GTK_TYPE_WIDGET)

static void
pac_window_pages_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PAC_TYPE_WINDOW_PAGES);
  G_OBJECT_CLASS (pac_window_pages_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PacWindowPages, name)

static void
pac_window_pages_class_init (PacWindowPagesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_window_pages_dispose;
  g_type_ensure (PAC_TYPE_SPINNER);
  g_type_ensure (PAC_TYPE_SUPERVISOR_PAGE);
  g_type_ensure (PAC_TYPE_NAMESPACE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-window-pages.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  BIND (stack), BIND (select_page), BIND (failed_page), BIND (edit_failed_button);
  BIND (review_failed_button), BIND (loading_spinner), BIND (supervisor_page);
  BIND (namespace_page);
}

static void
pac_window_pages_init (PacWindowPages *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
