/* pac-node-pool-row.c: one node pool in the cluster creator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander row whose title is the pool's name and whose subtitle sums
 * it up ("2 × best-effort-small"). Labels, taints and volumes are typed
 * as comma separated lists and checked by PacClusterSpec with the rest,
 * so a typo is shown on its row like any other problem. v1alpha1 has no
 * labels, taints or volumes: those rows hide there.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-choice-combo.h"
#include "pac-form-text.h"
#include "pac-node-pool-row.h"

struct _PacNodePoolRow
{
  AdwExpanderRow parent_instance;

  gboolean showing; /* filling the widgets: no "changed" */

  GtkButton *remove_button;
  AdwEntryRow *name_row;
  GtkSpinButton *replicas_spin;
  AdwComboRow *vm_class_row;
  AdwComboRow *storage_class_row;
  AdwEntryRow *labels_row;
  AdwEntryRow *taints_row;
  AdwEntryRow *volumes_row;
};

enum
{
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PacNodePoolRow, pac_node_pool_row, ADW_TYPE_EXPANDER_ROW)

static char *
volumes_text (GPtrArray *volumes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < volumes->len; i++)
    {
      PacVolume *volume = g_ptr_array_index (volumes, i);
      g_string_append_printf (text, "%s%s:%s:%s", i ? ", " : "", volume->name,
                              volume->mount_path ? volume->mount_path : "",
                              volume->capacity ? volume->capacity : "");
      if (volume->storage_class)
        g_string_append_printf (text, ":%s", volume->storage_class);
    }
  return g_string_free (text, FALSE);
}

static void
update_summary (PacNodePoolRow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *vm_class = pac_choice_combo_get (self->vm_class_row);
  /* Translators: a node pool's size: "2 × best-effort-small" */
  g_autofree char *summary
    = g_strdup_printf (_ ("%d × %s"), gtk_spin_button_get_value_as_int (self->replicas_spin),
                       vm_class ? vm_class : "?");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), *name ? name : _ ("Unnamed pool"));
  /* libadwaita 1.2's expander row does not name itself after its title */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *name ? name : _ ("Unnamed pool"), -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);
}

void
pac_node_pool_row_show (PacNodePoolRow *self, PacNodePool *pool, PacTkcApi api)
{
  g_autofree char *labels = pac_join_list (pac_node_pool_get_labels (pool));
  g_autofree char *taints = pac_join_list (pac_node_pool_get_taints (pool));
  g_autofree char *volumes = volumes_text (pac_node_pool_get_volumes (pool));
  gboolean pools_have_more = api != PAC_TKC_V1ALPHA1;

  self->showing = TRUE;
  pac_entry_row_show (self->name_row, pac_node_pool_get_name (pool));
  gtk_spin_button_set_value (self->replicas_spin, MAX (pac_node_pool_get_replicas (pool), 0));
  pac_choice_combo_set (self->vm_class_row, pac_node_pool_get_vm_class (pool));
  pac_choice_combo_set (self->storage_class_row, pac_node_pool_get_storage_class (pool));
  pac_entry_row_show (self->labels_row, labels);
  pac_entry_row_show (self->taints_row, taints);
  pac_entry_row_show (self->volumes_row, volumes);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), pools_have_more);
  gtk_widget_set_visible (GTK_WIDGET (self->labels_row), pools_have_more);
  gtk_widget_set_visible (GTK_WIDGET (self->taints_row), pools_have_more);
  gtk_widget_set_visible (GTK_WIDGET (self->volumes_row), pools_have_more);
  update_summary (self);
  self->showing = FALSE;
}

static GPtrArray *
parse_volumes (const char *text)
{
  g_auto (GStrv) items = pac_split_list (text);
  GPtrArray *volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_volume_free);

  for (char **item = items; item && *item; item++)
    {
      g_auto (GStrv) parts = g_strsplit (*item, ":", 4);
      guint n = g_strv_length (parts);

      g_ptr_array_add (volumes, pac_volume_new (parts[0], n > 1 ? parts[1] : NULL,
                                                n > 2 ? parts[2] : NULL, n > 3 ? parts[3] : NULL));
    }
  return volumes;
}

void
pac_node_pool_row_read (PacNodePoolRow *self, PacNodePool *pool)
{
  g_auto (GStrv) labels = pac_split_list (gtk_editable_get_text (GTK_EDITABLE (self->labels_row)));
  g_auto (GStrv) taints = pac_split_list (gtk_editable_get_text (GTK_EDITABLE (self->taints_row)));
  g_autoptr (GPtrArray) volumes
    = parse_volumes (gtk_editable_get_text (GTK_EDITABLE (self->volumes_row)));
  GPtrArray *kept = pac_node_pool_get_volumes (pool);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  pac_node_pool_set_name (pool, *name ? name : NULL);
  pac_node_pool_set_replicas (pool, gtk_spin_button_get_value_as_int (self->replicas_spin));
  pac_node_pool_set_vm_class (pool, pac_choice_combo_get (self->vm_class_row));
  pac_node_pool_set_storage_class (pool, pac_choice_combo_get (self->storage_class_row));
  pac_node_pool_set_labels (pool, (const char *const *) labels);
  pac_node_pool_set_taints (pool, (const char *const *) taints);
  g_ptr_array_set_size (kept, 0);
  for (guint i = 0; i < volumes->len; i++)
    g_ptr_array_add (kept, pac_volume_copy (g_ptr_array_index (volumes, i)));
}

/* The widget of @field ("name", "replicas", "vmClass", …), for marking problems */
GtkWidget *
pac_node_pool_row_get_field (PacNodePoolRow *self, const char *field)
{
  if (g_str_equal (field, "name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (field, "replicas") || g_str_equal (field, "count"))
    return GTK_WIDGET (self->replicas_spin);
  if (g_str_equal (field, "vmClass") || g_str_equal (field, "class"))
    return GTK_WIDGET (self->vm_class_row);
  if (g_str_equal (field, "storageClass"))
    return GTK_WIDGET (self->storage_class_row);
  if (g_str_equal (field, "labels"))
    return GTK_WIDGET (self->labels_row);
  if (g_str_equal (field, "taints"))
    return GTK_WIDGET (self->taints_row);
  if (g_str_equal (field, "volumes"))
    return GTK_WIDGET (self->volumes_row);
  return GTK_WIDGET (self);
}

void
pac_node_pool_row_set_removable (PacNodePoolRow *self, gboolean removable)
{
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), removable);
}

static void
on_changed (PacNodePoolRow *self)
{
  if (self->showing)
    return;
  update_summary (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_remove (PacNodePoolRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

PacNodePoolRow *
pac_node_pool_row_new (GListModel *vm_classes, GListModel *storage_classes)
{
  PacNodePoolRow *self = g_object_new (PAC_TYPE_NODE_POOL_ROW, NULL);

  pac_choice_combo_bind (self->vm_class_row, vm_classes, NULL);
  pac_choice_combo_bind (self->storage_class_row, storage_classes, NULL);
  g_signal_connect_swapped (self->vm_class_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->storage_class_row, "notify::selected", G_CALLBACK (on_changed),
                            self);
  return self;
}

static void
pac_node_pool_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PAC_TYPE_NODE_POOL_ROW);
  G_OBJECT_CLASS (pac_node_pool_row_parent_class)->dispose (object);
}

static void
pac_node_pool_row_class_init (PacNodePoolRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_node_pool_row_dispose;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-node-pool-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, replicas_spin);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, vm_class_row);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, storage_class_row);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, labels_row);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, taints_row);
  gtk_widget_class_bind_template_child (widget_class, PacNodePoolRow, volumes_row);
}

static void
pac_node_pool_row_init (PacNodePoolRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->labels_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->taints_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->volumes_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->replicas_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove), self);
}
