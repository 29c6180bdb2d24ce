/* pac-window-pages.c: the pages the main window shows beside its tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-window-pages.h"

#include "pac-accessible.h"

G_DEFINE_FINAL_TYPE (PacWindowPages, pac_window_pages, GTK_TYPE_WIDGET)

/* The page named @name (a widget of @type), made and added the first time
 * it is asked for */
GtkWidget *
pac_window_pages_ensure (PacWindowPages *self, const char *name, GType type)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page == NULL)
    {
      page = g_object_new (type, NULL);
      gtk_stack_add_named (self->stack, page, name);
      /* as the window's own controls were when it was made */
      pac_accessible_name_controls (page);
    }
  return page;
}

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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-window-pages.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  BIND (stack), BIND (select_page), BIND (failed_page), BIND (edit_failed_button);
  BIND (review_failed_button), BIND (loading_spinner);
}

static void
pac_window_pages_init (PacWindowPages *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
