/* pac-creator-panes.c: the creator's form beside its YAML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-creator-panes.h"

struct _PacCreatorPanes
{
  GtkWidget parent_instance;

  GtkWidget *frame; /* AdwNavigationSplitView, or AdwLeaflet */
  AdwBin *start;
  AdwBin *end;
};

static void pac_creator_panes_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PacCreatorPanes,
                               pac_creator_panes,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      pac_creator_panes_buildable_init))

enum
{
  PROP_0,
  PROP_FOLDED,
  PROP_SHOWING_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable;

gboolean
pac_creator_panes_get_folded (PacCreatorPanes *self)
{
  g_return_val_if_fail (PAC_IS_CREATOR_PANES (self), FALSE);

#if PAC_SPLIT_VIEW
  return adw_navigation_split_view_get_collapsed (ADW_NAVIGATION_SPLIT_VIEW (self->frame));
#else
  return adw_leaflet_get_folded (ADW_LEAFLET (self->frame));
#endif
}

/* Which page shows while folded: the end (the YAML) or the start */
void
pac_creator_panes_show_end (PacCreatorPanes *self, gboolean show_end)
{
  g_return_if_fail (PAC_IS_CREATOR_PANES (self));

#if PAC_SPLIT_VIEW
  adw_navigation_split_view_set_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->frame), show_end);
#else
  adw_leaflet_set_visible_child_name (ADW_LEAFLET (self->frame), show_end ? "end" : "start");
#endif
}

gboolean
pac_creator_panes_get_showing_end (PacCreatorPanes *self)
{
  g_return_val_if_fail (PAC_IS_CREATOR_PANES (self), FALSE);

#if PAC_SPLIT_VIEW
  return adw_navigation_split_view_get_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->frame));
#else
  return g_strcmp0 (adw_leaflet_get_visible_child_name (ADW_LEAFLET (self->frame)), "end") == 0;
#endif
}

/* <child type="start"> and <child type="end"> in the creator's template */
static void
pac_creator_panes_add_child (GtkBuildable *buildable,
                             GtkBuilder *builder,
                             GObject *child,
                             const char *type)
{
  PacCreatorPanes *self = PAC_CREATOR_PANES (buildable);

  if (g_strcmp0 (type, "start") == 0)
    adw_bin_set_child (self->start, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "end") == 0)
    adw_bin_set_child (self->end, GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
pac_creator_panes_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = pac_creator_panes_add_child;
}

static void
pac_creator_panes_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PacCreatorPanes *self = PAC_CREATOR_PANES (object);

  switch (prop_id)
    {
      case PROP_FOLDED:
        g_value_set_boolean (value, pac_creator_panes_get_folded (self));
        break;
      case PROP_SHOWING_END:
        g_value_set_boolean (value, pac_creator_panes_get_showing_end (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_folded (PacCreatorPanes *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
on_showing_end (PacCreatorPanes *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_END]);
}

static void
pac_creator_panes_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PAC_TYPE_CREATOR_PANES);
  /* the split view's breakpoint bin, which no field holds */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pac_creator_panes_parent_class)->dispose (object);
}

static void
pac_creator_panes_class_init (PacCreatorPanesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pac_creator_panes_get_property;
  object_class->dispose = pac_creator_panes_dispose;
  properties[PROP_FOLDED]
    = g_param_spec_boolean ("folded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWING_END] = g_param_spec_boolean ("showing-end", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
#if PAC_SPLIT_VIEW
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-creator-panes-split.ui");
#else
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-creator-panes-leaflet.ui");
#endif
  gtk_widget_class_bind_template_child (widget_class, PacCreatorPanes, frame);
  gtk_widget_class_bind_template_child (widget_class, PacCreatorPanes, start);
  gtk_widget_class_bind_template_child (widget_class, PacCreatorPanes, end);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pac_creator_panes_init (PacCreatorPanes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if PAC_SPLIT_VIEW
  g_signal_connect_swapped (self->frame, "notify::collapsed", G_CALLBACK (on_folded), self);
  g_signal_connect_swapped (self->frame, "notify::show-content", G_CALLBACK (on_showing_end), self);
#else
  g_signal_connect_swapped (self->frame, "notify::folded", G_CALLBACK (on_folded), self);
  g_signal_connect_swapped (self->frame, "notify::visible-child-name", G_CALLBACK (on_showing_end),
                            self);
#endif
}
