/* pac-tree-row.c: what the sidebar shows of one PacNode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Icon, name, a detail line (endpoint, release and node counts) and a
 * status line, with a spinner while the node loads and a health icon.
 * GTK 4.8 cannot label list items for screen readers, so the row labels
 * itself with everything it shows.
 */
#define G_LOG_DOMAIN "pac-tree-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pac-spinner.h"
#include "pac-widget-text.h"
#include "pac-tree-row.h"

struct _PacTreeRow
{
  GtkWidget parent_instance;

  PacNode *node;

  GtkWidget *box;
  GtkImage *kind_icon;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *status_label;
  PacSpinner *spinner;
  GtkImage *health_icon;
};

G_DEFINE_FINAL_TYPE (PacTreeRow, pac_tree_row, GTK_TYPE_WIDGET)

PacTreeRow *
pac_tree_row_new (void)
{
  return g_object_new (PAC_TYPE_TREE_ROW, NULL);
}

const char *
pac_node_kind_icon_name (PacNodeKind kind)
{
  switch (kind)
    {
      case PAC_NODE_VCENTER:
        return "network-server-symbolic";
      case PAC_NODE_SUPERVISOR:
        return "emblem-system-symbolic";
      case PAC_NODE_NAMESPACE:
        return "folder-symbolic";
      case PAC_NODE_CLUSTER:
      default:
        return "application-x-addon-symbolic";
    }
}

static void
show_health (PacTreeRow *self, PacHealth health, PacNodeState state)
{
  static const char *const icons[] = {
    [PAC_HEALTH_UNKNOWN] = NULL,
    [PAC_HEALTH_OK] = "object-select-symbolic",
    [PAC_HEALTH_BUSY] = "content-loading-symbolic",
    [PAC_HEALTH_WARNING] = "dialog-warning-symbolic",
    [PAC_HEALTH_ERROR] = "dialog-error-symbolic",
  };
  static const char *const classes[] = { "dim-label", "success", "accent", "warning", "error" };
  const char *icon = state == PAC_NODE_FAILED ? icons[PAC_HEALTH_ERROR] : icons[health];

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->health_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->health_icon),
                            classes[state == PAC_NODE_FAILED ? PAC_HEALTH_ERROR : health]);
  gtk_image_set_from_icon_name (self->health_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->health_icon), icon != NULL);
}

static void
set_label (GtkLabel *label, const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
}

/* "Offline since 14:02": what the row shows is what was last seen */
char *
pac_tree_row_offline_text (gint64 since)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (since);
  g_autofree char *time = when ? g_date_time_format (when, "%H:%M") : g_strdup ("?");

  /* Translators: the server stopped answering at this time; the app retries */
  return g_strdup_printf (_ ("Offline since %s, retrying"), time);
}

/* The list's item around the row is what takes the focus, and GTK 4.8
 * names it after nothing: it gets the row's label too */
static void
label_list_item (PacTreeRow *self, const char *label)
{
  for (GtkWidget *item = GTK_WIDGET (self); item; item = gtk_widget_get_parent (item))
    if (GTK_IS_LIST_VIEW (gtk_widget_get_parent (item)))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
        return;
      }
}

static void
update (PacTreeRow *self)
{
  PacNode *node = self->node;
  PacNodeState state = pac_node_get_state (node);
  gint64 offline = pac_node_get_offline_since (node);
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;

  if (offline)
    status = pac_tree_row_offline_text (offline);
  else if (state == PAC_NODE_FAILED)
    status = g_strdup (pac_node_get_error (node));
  else
    status = g_strdup (pac_node_get_status (node));
  gtk_image_set_from_icon_name (self->kind_icon,
                                pac_node_kind_icon_name (pac_node_get_kind (node)));
  set_label (self->title_label, pac_node_get_title (node));
  set_label (self->subtitle_label, pac_node_get_subtitle (node));
  {
    /* one line in the row (a certificate error has five); all of it in
     * the tooltip */
    g_autofree char *first = g_strndup (status ? status : "", strcspn (status ? status : "", "\n"));

    set_label (self->status_label, first);
  }
  if (state == PAC_NODE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  pac_spinner_set_spinning (self->spinner, state == PAC_NODE_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == PAC_NODE_LOADING);
  /* offline: no green tick for what may have changed since */
  show_health (self, offline ? PAC_HEALTH_UNKNOWN : pac_node_get_health (node),
               offline ? PAC_NODE_LOADED : state);
  if (offline)
    {
      gtk_image_set_from_icon_name (self->health_icon, "network-offline-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->health_icon), TRUE);
      gtk_widget_add_css_class (self->box, "dim-label");
    }
  else
    gtk_widget_remove_css_class (self->box, "dim-label");
  pac_widget_set_tooltip (GTK_WIDGET (self), status);
  label = pac_node_dup_accessible_label (node);
  if (offline)
    {
      /* the screen reader hears it too */
      g_autofree char *with = g_strdup_printf ("%s, %s", label, status);
      g_free (label);
      label = g_steal_pointer (&with);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  label_list_item (self, label);
}

void
pac_tree_row_set_node (PacTreeRow *self, PacNode *node)
{
  if (self->node == node)
    return;
  if (self->node)
    g_signal_handlers_disconnect_by_data (self->node, self);
  g_set_object (&self->node, node);
  if (node == NULL)
    return;
  g_signal_connect_swapped (node, "notify", G_CALLBACK (update), self);
  update (self);
}

PacNode *
pac_tree_row_get_node (PacTreeRow *self)
{
  return self->node;
}

static void
pac_tree_row_dispose (GObject *object)
{
  PacTreeRow *self = PAC_TREE_ROW (object);

  pac_tree_row_set_node (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_TREE_ROW);
  G_OBJECT_CLASS (pac_tree_row_parent_class)->dispose (object);
}

static void
pac_tree_row_class_init (PacTreeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pac_tree_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-tree-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, box);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacTreeRow, health_icon);
}

static void
pac_tree_row_init (PacTreeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
