/* pac-spinner.c: "something is under way", with the widget each platform has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-spinner.h"

struct _PacSpinner
{
  GtkWidget parent_instance;

  GtkWidget *child; /* AdwSpinner or GtkSpinner */
  gboolean spinning;
};

G_DEFINE_FINAL_TYPE (PacSpinner, pac_spinner, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pac_spinner_new (void)
{
  return g_object_new (PAC_TYPE_SPINNER, NULL);
}

void
pac_spinner_set_spinning (PacSpinner *self, gboolean spinning)
{
  g_return_if_fail (PAC_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;
  self->spinning = spinning;
#if PAC_ADW_SPINNER
  /* an AdwSpinner turns whenever it is mapped */
  gtk_widget_set_visible (self->child, spinning);
#else
  gtk_spinner_set_spinning (GTK_SPINNER (self->child), spinning);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

gboolean
pac_spinner_get_spinning (PacSpinner *self)
{
  g_return_val_if_fail (PAC_IS_SPINNER (self), FALSE);

  return self->spinning;
}

static void
pac_spinner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PacSpinner *self = PAC_SPINNER (object);

  switch (prop_id)
    {
      case PROP_SPINNING:
        g_value_set_boolean (value, self->spinning);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_spinner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  PacSpinner *self = PAC_SPINNER (object);

  switch (prop_id)
    {
      case PROP_SPINNING:
        pac_spinner_set_spinning (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_spinner_dispose (GObject *object)
{
  PacSpinner *self = PAC_SPINNER (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (pac_spinner_parent_class)->dispose (object);
}

static void
pac_spinner_class_init (PacSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pac_spinner_get_property;
  object_class->set_property = pac_spinner_set_property;
  object_class->dispose = pac_spinner_dispose;
  properties[PROP_SPINNING]
    = g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pac-spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
pac_spinner_init (PacSpinner *self)
{
#if PAC_ADW_SPINNER
  self->child = adw_spinner_new ();
  gtk_widget_set_visible (self->child, FALSE);
#else
  self->child = gtk_spinner_new ();
#endif
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}
