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

/* "New Cluster (Ctrl+N)" → "New Cluster"; "Delete (Shift+Delete): why" → "Delete" */
static char *
name_from_tooltip (const char *tooltip)
{
  size_t length = tooltip ? strcspn (tooltip, "(:\n") : 0;
  char *name = g_strndup (tooltip ? tooltip : "", length);

  return g_strstrip (name);
}

static const char *
ancestor_title (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up; up = gtk_widget_get_parent (up))
    {
      const char *title = NULL;

      if (ADW_IS_PREFERENCES_GROUP (up))
        title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (up));
      else if (ADW_IS_STATUS_PAGE (up))
        title = adw_status_page_get_title (ADW_STATUS_PAGE (up));
      else if (ADW_IS_PREFERENCES_ROW (up))
        title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up));
      else if (GTK_IS_WINDOW (up))
        title = gtk_window_get_title (GTK_WINDOW (up));
      if (title && *title)
        return title;
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
  else if (GTK_IS_LIST_BOX (widget) || GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_TEXT_VIEW (widget)
           || GTK_IS_LIST_VIEW (widget) || GTK_IS_SPIN_BUTTON (widget))
    set_name (widget, ancestor_title (widget));
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
}
