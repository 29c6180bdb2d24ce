/* pac-sign-out-dialog.c: signing an account out, with a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The equivalent of `kubectl vsphere logout` for one account: the dialog
 * lists, per kubeconfig, the entries that go (only those marked as
 * written for this account and user), says that the cached tokens go,
 * and offers to forget the password and the trusted certificate too. The
 * work is src/core's PacSignOut; "signed-out" tells the window how it
 * went.
 */
#define G_LOG_DOMAIN "pac-sign-out"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-error.h"
#include "pac-kubeconfig.h"
#include "pac-sign-out-dialog.h"
#include "pac-sign-out.h"

struct _PacSignOutDialog
{
  PacAlert parent_instance;

  PacSession *session;
  PacSignOut *sign_out;
  GtkLabel *preview_label;
  GtkCheckButton *password_check;
  GtkCheckButton *certificate_check;
  GCancellable *cancellable;
  gboolean previewing;
};

G_DEFINE_FINAL_TYPE (PacSignOutDialog, pac_sign_out_dialog, PAC_TYPE_ALERT)

enum
{
  SIGNAL_SIGNED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "file:\n  contexts: name\n…" for each file with entries of ours */
static char *
describe_files (GPtrArray *files)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      PacSignOutFile *file = files->pdata[i];

      g_string_append_printf (text, "%s%s\n", i ? "\n" : "", file->file);
      if (file->problem)
        g_string_append_printf (text, "  %s\n", file->problem);
      for (guint c = 0; file->changes && c < file->changes->len; c++)
        {
          PacKubeconfigChange *change = file->changes->pdata[c];

          /* Translators: a kubeconfig section (clusters, users, contexts) and a name */
          g_string_append_printf (text, _ ("  %s: %s\n"), change->section, change->name);
        }
    }
  if (files->len == 0)
    g_string_append (text, _ ("No kubeconfig has entries that Pacific wrote for this account."));
  return g_string_free (text, FALSE);
}

static PacSignOutFlags
flags_of (PacSignOutDialog *self)
{
  return (gtk_check_button_get_active (self->password_check) ? PAC_SIGN_OUT_FORGET_PASSWORD : 0)
         | (gtk_check_button_get_active (self->certificate_check) ? PAC_SIGN_OUT_FORGET_CERTIFICATE
                                                                  : 0);
}

static void
on_signed_out (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacSignOutDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = pac_sign_out_run_finish (PAC_SIGN_OUT (source), result, &error);
  g_autofree char *message = NULL;
  guint removed = 0;

  for (guint i = 0; files && i < files->len; i++)
    {
      PacSignOutFile *file = files->pdata[i];

      if (file->problem && error == NULL)
        error = g_error_new_literal (PAC_ERROR, PAC_ERROR_UNAVAILABLE, file->problem);
      removed += file->changes ? file->changes->len : 0;
    }
  if (error)
    message = g_strdup_printf (
      _ ("Signing out of %s was not complete: %s"),
      pac_account_get_display_name (pac_session_get_account (self->session)), error->message);
  else
    message = g_strdup_printf (
      ngettext ("Signed out of %s: %u kubeconfig entry and the cached tokens removed",
                "Signed out of %s: %u kubeconfig entries and the cached tokens removed", removed),
      pac_account_get_display_name (pac_session_get_account (self->session)), removed);
  g_signal_emit (self, signals[SIGNAL_SIGNED_OUT], 0, self->session, message);
}

static void
on_previewed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacSignOutDialog) self = user_data;
  g_autoptr (GPtrArray) preview = pac_sign_out_preview_finish (PAC_SIGN_OUT (source), result, NULL);
  g_autofree char *text = NULL;

  if (preview == NULL || self->preview_label == NULL)
    return; /* cancelled: the dialog went */
  self->previewing = FALSE;
  text = describe_files (preview);
  gtk_label_set_text (self->preview_label, text);
  pac_alert_set_response_enabled (PAC_ALERT (self), "sign-out", TRUE);
}

static void
on_response (PacSignOutDialog *self, const char *response)
{
  if (!g_str_equal (response, "sign-out"))
    return;
#if !PAC_ALERT_DIALOG
  /* The dialog closes now and lives on until the work is done; by then
   * its parent may be gone */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
#endif
  pac_sign_out_run_async (self->sign_out, flags_of (self), NULL, on_signed_out,
                          g_object_ref (self));
}

/* Each Supervisor the session reached: its tokens and kept CA go too */
static void
add_supervisors (PacSignOut *sign_out, PacSession *session, PacNode *node)
{
  GListModel *children = pac_node_get_children (node);
  PacSupervisorClient *client = pac_node_get_kind (node) == PAC_NODE_SUPERVISOR
                                  ? pac_session_get_client (session, node)
                                  : NULL;

  if (client)
    {
      PacConnection *connection = pac_supervisor_client_get_connection (client);

      pac_sign_out_add_supervisor (sign_out, pac_connection_get_host (connection),
                                   pac_connection_get_port (connection));
    }
  if (pac_node_get_kind (node) != PAC_NODE_VCENTER)
    return;
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);

      add_supervisors (sign_out, session, child);
    }
}

static GtkWidget *
build_extra (PacSignOutDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->preview_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->preview_label, 0);
  gtk_label_set_selectable (self->preview_label, TRUE);
  gtk_label_set_wrap (self->preview_label, TRUE);
  gtk_label_set_wrap_mode (self->preview_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "monospace");
  gtk_widget_set_margin_start (GTK_WIDGET (self->preview_label), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->preview_label), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->preview_label), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Entries removed"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->preview_label));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);
  self->password_check
    = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_ ("Also forget the _password")));
  self->certificate_check = GTK_CHECK_BUTTON (
    gtk_check_button_new_with_mnemonic (_ ("Also forget the trusted _certificate")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->password_check));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->certificate_check));
  return box;
}

/**
 * pac_sign_out_dialog_new:
 * @files: (nullable): kubeconfigs beside kubectl's that Pacific wrote into
 */
PacSignOutDialog *
pac_sign_out_dialog_new (PacSession *session, const char *const *files)
{
  PacAccount *account = pac_session_get_account (session);
  PacSignOutDialog *self = g_object_new (PAC_TYPE_SIGN_OUT_DIALOG, NULL);
  g_auto (GStrv) searched = pac_kubeconfig_search_paths ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) all = NULL;
  g_autofree char *host = NULL;
  guint16 port = 0;

  g_strv_builder_addv (builder, (const char **) searched);
  if (files)
    g_strv_builder_addv (builder, (const char **) files);
  all = g_strv_builder_end (builder);
  host = pac_account_dup_host (account, &port);
  self->session = g_object_ref (session);
  self->sign_out = pac_sign_out_new (pac_session_get_trust (session), host, port,
                                     pac_account_get_username (account), (const char *const *) all);
  add_supervisors (self->sign_out, session, pac_session_get_root (session));
  pac_alert_format_heading (PAC_ALERT (self), _ ("Sign Out of %s?"),
                            pac_account_get_display_name (account));
  pac_alert_format_body (
    PAC_ALERT (self),
    _ ("The kubeconfig entries that Pacific wrote for %s and the cached tokens are removed, as "
       "“kubectl vsphere logout” does. Entries that Pacific did not write stay as they are."),
    pac_account_get_username (account));
  pac_alert_set_extra_child (PAC_ALERT (self), build_extra (self));
  /* the files are read in a thread; signing out waits for that */
  gtk_label_set_text (self->preview_label, _ ("Reading your kubeconfig files…"));
  pac_alert_set_response_enabled (PAC_ALERT (self), "sign-out", FALSE);
  self->previewing = TRUE;
  pac_sign_out_preview_async (self->sign_out, self->cancellable, on_previewed, g_object_ref (self));
  return self;
}

gboolean
pac_sign_out_dialog_is_previewing (PacSignOutDialog *self)
{
  return self->previewing;
}

char *
pac_sign_out_dialog_dup_preview (PacSignOutDialog *self)
{
  return g_strdup (gtk_label_get_text (self->preview_label));
}

void
pac_sign_out_dialog_set_forget (PacSignOutDialog *self, gboolean password, gboolean certificate)
{
  gtk_check_button_set_active (self->password_check, password);
  gtk_check_button_set_active (self->certificate_check, certificate);
}

static void
pac_sign_out_dialog_dispose (GObject *object)
{
  PacSignOutDialog *self = PAC_SIGN_OUT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->sign_out);
  G_OBJECT_CLASS (pac_sign_out_dialog_parent_class)->dispose (object);
}

static void
pac_sign_out_dialog_class_init (PacSignOutDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_sign_out_dialog_dispose;
  /**
   * PacSignOutDialog::signed-out:
   * @session: the account's session
   * @message: how it went, for a toast
   */
  signals[SIGNAL_SIGNED_OUT]
    = g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, PAC_TYPE_SESSION, G_TYPE_STRING);
}

static void
pac_sign_out_dialog_init (PacSignOutDialog *self)
{
  self->cancellable = g_cancellable_new ();
  pac_alert_add_responses (PAC_ALERT (self), "cancel", _ ("_Cancel"), "sign-out", _ ("_Sign Out"),
                           NULL);
  pac_alert_set_response_appearance (PAC_ALERT (self), "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_default_response (PAC_ALERT (self), "cancel");
  pac_alert_set_close_response (PAC_ALERT (self), "cancel");
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}
