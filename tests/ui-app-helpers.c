/* ui-app-helpers.c: the window signed in to a simulator, for the ui tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-application.h"
#include "pac-sidebar.h"
#include "pac-trust.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

/* The node @key below @node (the root itself excluded), or NULL */
PacNode *
ui_find_node (PacNode *node, const char *key)
{
  GListModel *children = pac_node_get_children (node);

  if (g_strcmp0 (pac_node_get_key (node), key) == 0 && pac_node_get_parent (node))
    return node;
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      PacNode *found = ui_find_node (child, key);
      if (found)
        return found;
    }
  return NULL;
}

PacNode *
ui_wait_for_node (PacSession *session, const char *key)
{
  PacNode *node = NULL;

  UI_WAIT_FOR_SECONDS ((node = ui_find_node (pac_session_get_root (session), key)) != NULL, 20);
  return node;
}

void
ui_select_node (PacWindow *window, PacNode *node)
{
  pac_sidebar_select (pac_window_get_sidebar (window), node);
  WAIT_FOR (pac_sidebar_get_selected (pac_window_get_sidebar (window)) == node);
}

/* Waits up to @seconds (scaled) until the window's button for @action is
 * there and enabled (the Supervisor said the user may), then activates it */
void
ui_activate_when_enabled (PacWindow *window, const char *action, guint seconds)
{
  GtkWidget *button = NULL;

  UI_WAIT_FOR_SECONDS (
    (button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, ui_has_action, action)) != NULL
      && gtk_widget_is_sensitive (button),
    seconds);
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
}

static gboolean
has_title (GtkWidget *widget, gconstpointer title)
{
  g_autoptr (GString) text
    = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  g_string_replace (text, "_", "", 0);
  return g_str_equal (text->str, title);
}

/* The row of @type titled @title (mnemonics ignored); fails without one */
GtkWidget *
ui_find_row (GtkWidget *root, GType type, const char *title)
{
  GtkWidget *found = ui_find_widget (root, type, has_title, title);

  if (found == NULL)
    g_error ("no row “%s”", title);
  return found;
}

/* Answers @alert as a click on the response's button would (the close
 * response, which may have no button, as Escape would) */
void
ui_alert_respond (PacAlert *alert, const char *response)
{
#if PAC_ALERT_DIALOG
  GtkWidget *button = NULL;

  if (adw_alert_dialog_has_response (alert, response))
    button = pac_alert_find_button (alert, adw_alert_dialog_get_response_label (alert, response));
  /* "clicked" itself: activating a button clicks it only after a
   * timeout, and not at all while the dialog is still being shown */
  if (button && gtk_widget_is_sensitive (button))
    g_signal_emit_by_name (button, "clicked");
  else if (g_strcmp0 (response, adw_alert_dialog_get_close_response (alert)) == 0)
    adw_dialog_close (ADW_DIALOG (alert));
  else
    g_warning ("the alert has no enabled response “%s”", response);
#else
  adw_message_dialog_response (alert, response);
#endif
}

static PacAlert *
find_shown_under (GtkWidget *root, const char *heading)
{
  if (PAC_IS_ALERT (root) && gtk_widget_get_mapped (root)
      && g_str_has_prefix (pac_alert_get_heading (PAC_ALERT (root)), heading))
    return PAC_ALERT (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      PacAlert *found = find_shown_under (child, heading);
      if (found)
        return found;
    }
  return NULL;
}

/* The alert on screen whose heading starts with @heading (the empty
 * string: any), or NULL */
PacAlert *
ui_find_alert (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      PacAlert *found = find_shown_under (toplevel, heading);
      if (found)
        return found; /* its window keeps it */
    }
  return NULL;
}

PacAlert *
ui_wait_for_message_dialog (const char *heading)
{
  PacAlert *dialog = NULL;

  WAIT_FOR ((dialog = ui_find_alert (heading)) != NULL);
  return dialog;
}

/**
 * ui_connect:
 * @kind: the simulator as a vCenter or as a Supervisor
 * @window: (out): a new window showing the session
 *
 * Signs in to the simulator (its CA an anchor of the default
 * trust, the password kept in memory only) and shows it in a window.
 *
 * Returns: (transfer full): the session
 */
PacSession *
ui_connect (SimFixture *sim,
            PacAccountKind kind,
            const char *user,
            const char *password,
            PacWindow **window)
{
  g_autofree char *ca_pem = NULL;
  g_autoptr (GTlsCertificate) ca = NULL;
  const char *url = kind == PAC_ACCOUNT_VCENTER ? sim->vcenter_url : sim->url;
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  guint16 port = g_uri_get_port (uri) > 0 ? (guint16) g_uri_get_port (uri) : 443;
  g_autofree char *address = g_strdup (url + strlen ("https://"));
  g_autoptr (PacAccount) account = NULL;
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacSession *session;

  g_assert_true (g_file_get_contents (sim->ca_file, &ca_pem, NULL, NULL));
  ca = pac_trust_parse_ca (ca_pem, -1, &error);
  g_assert_no_error (error);
  pac_trust_add_anchor (pac_trust_get_default (), g_uri_get_host (uri), port, ca);
  account = pac_account_new (kind, address, user, "Simulator");
  session = pac_session_new (account, pac_trust_get_default ());
  pac_session_set_password (session, password);
  pac_session_connect_async (session, NULL, sim_fixture_on_done, &result);
  pac_session_connect_finish (session, sim_fixture_wait (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  *window = pac_window_new (PAC_APPLICATION (g_application_get_default ()));
  gtk_window_set_default_size (GTK_WINDOW (*window), 1100, 720);
  gtk_window_present (GTK_WINDOW (*window));
  pac_window_add_session (*window, session);
  return session;
}

/* Whether kubectl is installed; under PACIFIC_CI=1 it must be */
gboolean
ui_have_kubectl (void)
{
  g_autofree char *path = g_find_program_in_path ("kubectl");

  if (path)
    return TRUE;
  if (g_strcmp0 (g_getenv ("PACIFIC_CI"), "1") == 0)
    g_error ("kubectl is needed under PACIFIC_CI=1");
  return FALSE;
}
