/* pac-window-kubeconfig.c: Export Kubeconfig and Sign Out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the dialogs and reports: a toast after an export with
 * "Copy kubectl command", the cluster page's context status refreshed,
 * and the file remembered (when it is not kubectl's) so that a later
 * sign-out cleans it too. After a sign-out the account's session starts
 * afresh: it signs in again only when the user opens it.
 */
#define G_LOG_DOMAIN "pac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-kubeconfig-dialog.h"
#include "pac-kubeconfig.h"
#include "pac-sign-out-dialog.h"
#include "pac-window-private.h"

/* Files other than kubectl's that an export wrote */
static void
remember_file (PacWindow *self, const char *file)
{
  g_auto (GStrv) searched = pac_kubeconfig_search_paths ();
  g_auto (GStrv) known = g_settings_get_strv (self->settings, "kubeconfig-files");
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) updated = NULL;

  if (g_strv_contains ((const char *const *) searched, file)
      || g_strv_contains ((const char *const *) known, file))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) known);
  g_strv_builder_add (builder, file);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "kubeconfig-files", (const char *const *) updated);
}

static void
on_exported (PacKubeconfigDialog *dialog,
             const char *context,
             const char *file,
             const char *command,
             PacWindow *self)
{
  /* Translators: a kubeconfig context and the file it was written to */
  g_autofree char *title = g_strdup_printf (_ ("Context “%s” written to %s"), context, file);
  AdwToast *toast = adw_toast_new (title);

  remember_file (self, file);
  adw_toast_set_button_label (toast, _ ("Copy kubectl Command"));
  adw_toast_set_action_name (toast, "win.copy-text");
  adw_toast_set_action_target_value (toast, g_variant_new_string (command));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (self->cluster_page)
    pac_cluster_page_refresh_kubeconfig (self->cluster_page);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacKubeconfigDialog *dialog;

  if (self->shown == NULL || pac_node_get_kind (self->shown) == PAC_NODE_VCENTER)
    return;
  dialog = pac_kubeconfig_dialog_new (self->shown);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  pac_dialog_present (PAC_DIALOG (dialog), GTK_WIDGET (self));
}

static void
copy_text_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  pac_window_toast (PAC_WINDOW (widget), _ ("Copied"));
}

/* ---- sign out ---- */

static void
on_signed_out (PacSignOutDialog *dialog, PacSession *session, const char *message, PacWindow *self)
{
  PacAccount *account = pac_session_get_account (session);

  pac_window_toast (self, message);
  if (self->cluster_page)
    pac_cluster_page_refresh_kubeconfig (self->cluster_page);
  /* the session's tokens are gone: it signs in afresh when opened */
  if (pac_window_find_session (self, pac_account_get_id (account), NULL) == session
      && account != self->demo_account)
    {
      g_autoptr (PacSession) fresh = pac_session_new (account, pac_session_get_trust (session));

      pac_window_remove_session (self, session);
      pac_window_add_session (self, fresh);
    }
}

static void
sign_out (PacWindow *self, PacSession *session)
{
  g_auto (GStrv) files = g_settings_get_strv (self->settings, "kubeconfig-files");
  GtkWindow *parent
    = gtk_application_get_active_window (gtk_window_get_application (GTK_WINDOW (self)));
  PacSignOutDialog *dialog = pac_sign_out_dialog_new (session, (const char *const *) files);

  g_signal_connect_object (dialog, "signed-out", G_CALLBACK (on_signed_out), self, 0);
  pac_alert_present (PAC_ALERT (dialog), GTK_WIDGET (parent ? parent : GTK_WINDOW (self)));
}

static void
sign_out_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSession *session
    = pac_window_find_session (self, g_variant_get_string (parameter, NULL), NULL);

  if (session)
    sign_out (self, session);
}

static void
sign_out_selected_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacWindow *self = PAC_WINDOW (widget);
  PacSession *session = self->shown ? pac_session_of (self->shown) : NULL;

  if (session)
    sign_out (self, session);
  else
    pac_window_toast (self, _ ("Select an account, or something in it, to sign out of it"));
}

void
pac_window_class_init_kubeconfig (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-kubeconfig", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.copy-text", "s", copy_text_activated);
  gtk_widget_class_install_action (widget_class, "win.sign-out", "s", sign_out_activated);
  gtk_widget_class_install_action (widget_class, "win.sign-out-selected", NULL,
                                   sign_out_selected_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-kubeconfig", NULL);
}
