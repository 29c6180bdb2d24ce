/* pac-accessible.c: names for controls that have no text of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a control for assistive technologies from its label; one
 * without (an icon button, a list inside a group, a scrolled page, the
 * tree) is announced by its widget class ("GtkImage", "GtkListBox"). Each
 * such control gets the name a sighted user reads next to it: an icon
 * button its tooltip (without the shortcut hint), a list its group's
 * title, a scrolled area the page it scrolls. tests/a11y-scan.py walks
 * the window through AT-SPI and fails on any focusable control without.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pac-accessible.h"
#include "pac-platform.h"

/* "New Cluster (Ctrl+N)" → "New Cluster"; "Delete (Shift+Delete): why" → "Delete" */
static char *
name_from_tooltip (const char *tooltip)
{
  size_t length = tooltip ? strcspn (tooltip, "(:\n") : 0;
  char *name = g_strndup (tooltip ? tooltip : "", length);

  return g_strstrip (name);
}

/* Set on an AdwDialog's content while it is outside the dialog's tree */
#define DIALOG_TITLE_KEY "pac-accessible-dialog-title"

/* "_Sign-in" → "Sign-in", "A__B" → "A_B" */
static char *
without_mnemonic (const char *title)
{
  GString *plain = g_string_new (NULL);

  for (const char *c = title; *c; c++)
    {
      if (*c == '_')
        c++;
      if (*c == '\0')
        break;
      g_string_append_c (plain, *c);
    }
  return g_string_free (plain, FALSE);
}

static char *
ancestor_title (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up; up = gtk_widget_get_parent (up))
    {
      const char *title = g_object_get_data (G_OBJECT (up), DIALOG_TITLE_KEY);

      if (ADW_IS_PREFERENCES_GROUP (up))
        title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (up));
      else if (ADW_IS_STATUS_PAGE (up))
        title = adw_status_page_get_title (ADW_STATUS_PAGE (up));
      else if (ADW_IS_PREFERENCES_ROW (up)
               && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (up)))
        return without_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)));
      else if (ADW_IS_PREFERENCES_ROW (up))
        title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up));
      else if (GTK_IS_WINDOW (up))
        title = gtk_window_get_title (GTK_WINDOW (up));
#if PAC_ADW_DIALOG
      else if (ADW_IS_DIALOG (up))
        title = adw_dialog_get_title (ADW_DIALOG (up));
#endif
      if (title && *title)
        return g_strdup (title);
    }
  return NULL;
}

static void
set_name (GtkWidget *widget, const char *name)
{
  if (name && *name)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

/* GTK 4.8 names a button with a mnemonic twice: by its raw label (as its
 * LABEL property, underscore and all) and by the label that points back at
 * it, so a screen reader says "underscore Add Account Add Account". Without
 * the property, the label alone names it, as it reads. */
static void
drop_raw_label (GtkWidget *button)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (button));

  if (label && strchr (label, '_') && gtk_button_get_use_underline (GTK_BUTTON (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
name_by_mnemonic_label (GtkWidget *button)
{
  drop_raw_label (button);
  if (g_signal_handler_find (button, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, drop_raw_label, NULL) == 0)
    g_signal_connect_after (button, "notify::label", G_CALLBACK (drop_raw_label), NULL);
}

/* A label given as a button's child (not as its label) does not name the
 * button in GTK 4.8: the About window's version button was "GtkButton" */
static void
name_from_label (GtkLabel *label, GParamSpec *pspec, GtkWidget *button)
{
  set_name (button, gtk_label_get_text (label));
}

static void
name_by_child_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  name_from_label (GTK_LABEL (label), NULL, button);
  if (g_signal_handler_find (label, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, name_from_label, NULL) == 0)
    g_signal_connect_object (label, "notify::label", G_CALLBACK (name_from_label), button, 0);
}

#if GTK_CHECK_VERSION(4, 12, 0)
/* GTK 4.12+ names a list item only by its accessible label, not by the
 * text in it, and libadwaita's own factory for a combo row sets none (for
 * the choice shown in the row, itself an item of a list, or for those in
 * its popover): a row of plain strings gets factories that do, which look
 * the same (the popover's with a check mark on the chosen one). */
static void
mark_chosen (AdwComboRow *row, GParamSpec *pspec, GtkListItem *item)
{
  GtkWidget *mark = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (mark,
                          adw_combo_row_get_selected (row) == gtk_list_item_get_position (item));
}

static void
setup_choice (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer with_mark)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (with_mark)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
bind_choice (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  gtk_list_item_set_accessible_label (item, text);
  if (gtk_widget_get_first_child (box) == gtk_widget_get_last_child (box))
    return;
  mark_chosen (row, NULL, item);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (mark_chosen), item, 0);
}

static void
unbind_choice (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  g_signal_handlers_disconnect_by_func (row, mark_chosen, item);
}

static GtkListItemFactory *
choice_factory (AdwComboRow *row, gboolean with_mark)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (with_mark));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_choice), row);
  return factory;
}

static void
name_combo_items (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) shown = NULL;
  g_autoptr (GtkListItemFactory) offered = NULL;

  /* only plain lists of strings, which the default factory shows */
  if (adw_combo_row_get_list_factory (row) || adw_combo_row_get_expression (row)
      || !GTK_IS_STRING_LIST (adw_combo_row_get_model (row)))
    return;
  shown = choice_factory (row, FALSE);
  offered = choice_factory (row, TRUE);
  adw_combo_row_set_factory (row, shown);
  adw_combo_row_set_list_factory (row, offered);
}
#else
/* GTK 4.8 names a list item by the text in it */
static void
name_combo_items (AdwComboRow *row)
{
}
#endif

static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) != NULL
           || GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL;
  return FALSE;
}

static void
name_from_tooltip_now (GtkWidget *widget)
{
  g_autofree char *name = name_from_tooltip (gtk_widget_get_tooltip_text (widget));

  set_name (widget, name);
}

static const char *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = first_label (child);

      if (found)
        return found;
    }
  return NULL;
}

static void
name_one (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    name_by_mnemonic_label (widget);
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL
      && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    name_by_child_label (widget);
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && !has_text (widget))
    {
      /* the window sets some tooltips later, by what the user may do */
      name_from_tooltip_now (widget);
      if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, name_from_tooltip_now,
                                 NULL)
          == 0)
        g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (name_from_tooltip_now), NULL);
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      /* GTK 4.2x makes a scrolled window a Tab stop of its own before
       * its content, and will not say a name for it (a "generic" role
       * may not have one): Tab goes straight to the content, which
       * scrolls into view when focused. GTK 4.8 reads the name. */
      g_autofree char *title = ancestor_title (widget);

      gtk_widget_set_focusable (widget, FALSE);
      set_name (widget, title);
    }
  else if (GTK_IS_LIST_BOX (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_LIST_VIEW (widget)
           || GTK_IS_SPIN_BUTTON (widget))
    {
      g_autofree char *title = ancestor_title (widget);

      set_name (widget, title);
    }
  else if (ADW_IS_COMBO_ROW (widget))
    name_combo_items (ADW_COMBO_ROW (widget));
  else if (ADW_IS_EXPANDER_ROW (widget))
    set_name (widget, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget))
    set_name (widget, first_label (widget)); /* a row of our own: what it says first */
  else if (parent && GTK_IS_LIST_VIEW (parent))
    set_name (widget, first_label (widget)); /* a combo row's choice, as it reads */
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      set_name (widget, placeholder && *placeholder ? placeholder : _ ("Search"));
    }
}

/* Names every such control under @root (and @root) that is there now;
 * call it again where a form fills in later (choices, pools). */
void
pac_accessible_name_controls (GtkWidget *root)
{
  name_one (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    pac_accessible_name_controls (child);
#if PAC_ADW_DIALOG
  /* an AdwDialog holds its content outside its widget tree until shown */
  if (ADW_IS_DIALOG (root) && adw_dialog_get_child (ADW_DIALOG (root))
      && gtk_widget_get_first_child (root) == NULL)
    {
      GtkWidget *content = adw_dialog_get_child (ADW_DIALOG (root));

      g_object_set_data_full (G_OBJECT (content), DIALOG_TITLE_KEY,
                              g_strdup (adw_dialog_get_title (ADW_DIALOG (root))), g_free);
      pac_accessible_name_controls (content);
    }
#endif
}
