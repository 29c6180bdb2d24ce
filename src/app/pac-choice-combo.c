/* pac-choice-combo.c: an AdwComboRow over PacChoices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row keeps its own copy of the choices, so that a value the form did
 * not offer (typed into the YAML, or on a cluster that is older than the
 * namespace's bindings) can still be shown, marked as not offered, instead
 * of being silently replaced. The popover lists each choice with what it
 * is and, greyed, why it cannot be used.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-choice-combo.h"

#define STORE_KEY "pac-choice-store"

static char *
choice_label (PacChoice *choice, const char *none_label)
{
  const char *id = choice ? pac_choice_get_id (choice) : NULL;

  return g_strdup (id ? id : none_label);
}

static void
setup_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 60);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory, GtkListItem *item, const char *none_label)
{
  PacChoice *choice = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *label = choice_label (choice, none_label);
  const char *reason = pac_choice_get_reason (choice);
  g_autofree char *detail = reason && pac_choice_get_subtitle (choice)
                              ? g_strdup_printf ("%s\n%s", pac_choice_get_subtitle (choice), reason)
                              : g_strdup (reason ? reason : pac_choice_get_subtitle (choice));

  gtk_label_set_label (GTK_LABEL (title), label);
  gtk_label_set_label (GTK_LABEL (subtitle), detail);
  gtk_widget_set_visible (subtitle, detail != NULL);
  gtk_widget_set_opacity (title, reason ? 0.55 : 1.0);
}

static void
free_label (gpointer data, GClosure *closure)
{
  g_free (data);
}

/**
 * pac_choice_combo_bind:
 * @none_label: (nullable): offer no choice first, under this label
 */
void
pac_choice_combo_bind (AdwComboRow *row, GListModel *choices, const char *none_label)
{
  GListStore *store = g_list_store_new (PAC_TYPE_CHOICE);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkExpression) expression = NULL;
  char *none = g_strdup (none_label);

  if (none_label)
    {
      g_autoptr (PacChoice) nothing = pac_choice_new (NULL, NULL, NULL);
      g_list_store_append (store, nothing);
    }
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (PacChoice) choice = g_list_model_get_item (choices, i);
      g_list_store_append (store, choice);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_item), none, free_label, 0);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (choice_label),
                                            g_strdup (none_label), free_label);
  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_list_factory (row, factory);
  g_object_set_data_full (G_OBJECT (row), STORE_KEY, store, g_object_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (store));
}

/* The chosen id; NULL for none */
const char *
pac_choice_combo_get (AdwComboRow *row)
{
  PacChoice *choice = adw_combo_row_get_selected_item (row);

  return choice ? pac_choice_get_id (choice) : NULL;
}

/* Selects @id, adding it marked as not offered when the list lacks it */
void
pac_choice_combo_set (AdwComboRow *row, const char *id)
{
  GListStore *store = g_object_get_data (G_OBJECT (row), STORE_KEY);
  guint position;

  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (store)); position++)
    {
      g_autoptr (PacChoice) choice = g_list_model_get_item (G_LIST_MODEL (store), position);
      if (g_strcmp0 (pac_choice_get_id (choice), id) == 0)
        break;
    }
  if (position == g_list_model_get_n_items (G_LIST_MODEL (store)))
    {
      g_autoptr (PacChoice) stranger = NULL;

      if (id == NULL)
        return; /* no "none" to pick: leave the selection */
      stranger = pac_choice_new (id, NULL, _ ("Not offered in this namespace"));
      g_list_store_append (store, stranger);
    }
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}
