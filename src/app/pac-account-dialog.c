/* pac-account-dialog.c: add or edit a vCenter or Supervisor account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connect signs in once (PacSession's connection test) before anything is
 * saved. An unknown certificate is shown for the user to compare and
 * pin; a certificate that differs from the pinned one is only explained,
 * never offered: that is what an attack looks like. The password goes to
 * the keyring only after it worked, and only when the user wants it kept.
 * "connected" hands the signed-in session to the window.
 */
#define G_LOG_DOMAIN "pac-account-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pac-spinner.h"
#include "pac-alert.h"
#include "pac-accessible.h"
#include "pac-certificate-review.h"
#include "pac-account-dialog.h"
#include "pac-error.h"
#include "pac-secrets.h"

struct _PacAccountDialog
{
  PacDialog parent_instance;

  PacAccountStore *store;
  PacTrust *trust;
  PacAccount *existing;
  PacSession *session; /* being tested */
  GTlsCertificate *offered;
  guint16 offered_port; /* the WCP port, or the Supervisor's API port when that differs */
  GCancellable *cancellable;

  GtkStack *stack;
  PacSpinner *spinner;
  GtkButton *connect_button;
  AdwComboRow *kind_row;
  AdwEntryRow *address_row;
  AdwEntryRow *username_row;
  AdwPasswordEntryRow *password_row;
  GtkSwitch *remember_switch;
  GtkLabel *error_label;
  AdwPreferencesGroup *certificate_group;
  AdwActionRow *subject_row;
  AdwActionRow *issuer_row;
  AdwActionRow *validity_row;
  AdwActionRow *fingerprint_row;
  AdwStatusPage *changed_status;
};

G_DEFINE_FINAL_TYPE (PacAccountDialog, pac_account_dialog, PAC_TYPE_DIALOG)

enum
{
  SIGNAL_CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_busy (PacAccountDialog *self, gboolean busy)
{
  pac_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.connect",
                                 !busy && *text_of (self->address_row)
                                   && *text_of (self->username_row)
                                   && *text_of (self->password_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.trust", !busy);
}

static void
show_error (PacAccountDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_field_changed (PacAccountDialog *self)
{
  show_error (self, NULL);
  set_busy (self, FALSE);
}

/* ---- the certificate pages ---- */

static char *
format_date (GDateTime *date)
{
  return date ? g_date_time_format (date, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

static void
offer_certificate (PacAccountDialog *self,
                   GTlsCertificate *certificate,
                   const char *host,
                   guint16 port,
                   gboolean api)
{
  g_autofree char *subject = NULL, *issuer = NULL, *from = NULL, *until = NULL;
  g_autofree char *fingerprint = pac_trust_fingerprint (certificate);
  g_autofree char *validity = NULL;
  g_autofree char *description = NULL;
  g_autoptr (GDateTime) not_before = NULL;
  g_autoptr (GDateTime) not_after = NULL;

  g_set_object (&self->offered, certificate);
  self->offered_port = port;
  g_object_get (certificate, "subject-name", &subject, "issuer-name", &issuer, "not-valid-before",
                &not_before, "not-valid-after", &not_after, NULL);
  from = format_date (not_before);
  until = format_date (not_after);
  /* Translators: a certificate's validity, from and until */
  validity = g_strdup_printf (_ ("%s to %s"), from, until);
  if (api)
    /* Translators: the Supervisor's address */
    description = g_strdup_printf (
      _ ("The Kubernetes API of %s (port 6443) presents another certificate than the one you "
         "trusted for its sign-in. Compare this fingerprint too with the one your administrator "
         "or the vSphere Client shows before you trust it."),
      host);
  else
    description = g_strdup_printf (_ ("%s presents a certificate that this computer does not trust "
                                      "yet. It may be self-signed, as vCenter's are by default. "
                                      "Compare the fingerprint with the one your administrator or "
                                      "the vSphere Client shows before you trust it."),
                                   host);
  adw_preferences_group_set_description (self->certificate_group, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.connect", FALSE);
  adw_action_row_set_subtitle (self->subject_row, subject ? subject : "?");
  adw_action_row_set_subtitle (self->issuer_row, issuer ? issuer : "?");
  adw_action_row_set_subtitle (self->validity_row, validity);
  adw_action_row_set_subtitle (self->fingerprint_row, fingerprint);
  gtk_stack_set_visible_child_name (self->stack, "certificate");
}

static void
explain_changed (PacAccountDialog *self,
                 const GError *error,
                 GTlsCertificate *presented,
                 guint16 port)
{
  g_autofree char *description = g_strdup_printf (
    _ ("%s\n\nPacific did not connect. If the server's certificate was renewed on purpose, "
       "compare the old and the new one and trust the new one; otherwise someone may be "
       "intercepting the connection."),
    error->message);

  g_set_object (&self->offered, presented);
  self->offered_port = port;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.compare", presented != NULL);

  adw_status_page_set_description (self->changed_status, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.connect", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "changed");
}

/* ---- connecting ---- */

static void
on_password_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The account works; only the keyring failed: keep it for this run. */
      g_warning ("the password is not kept: %s", error->message);
    }
  /* The window takes the signed-in session first, so that the store's
   * change finds it there instead of starting another. */
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0, self->session);
  if (self->existing)
    pac_account_store_remove (self->store, self->existing);
  pac_account_store_add (self->store, pac_session_get_account (self->session));
  pac_dialog_force_close (PAC_DIALOG (self));
}

typedef struct
{
  gboolean remember;
  char *host;
  guint16 port;
  char *username;
  char *password;
} KeepPassword;

static void
keep_password_free (KeepPassword *keep)
{
  g_free (keep->host);
  g_free (keep->username);
  if (keep->password)
    memset (keep->password, 0, strlen (keep->password));
  g_free (keep->password);
  g_free (keep);
}

/* The keyring may prompt or be slow: off the main thread */
static void
keep_password_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  KeepPassword *keep = data;
  GError *error = NULL;

  if (keep->remember)
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, keep->host, keep->port, keep->username,
                            keep->password, cancellable, &error);
  else
    pac_secrets_clear_sync (PAC_SECRET_PASSWORD, keep->host, keep->port, keep->username,
                            cancellable, &error);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
keep_password (PacAccountDialog *self)
{
  PacAccount *account = pac_session_get_account (self->session);
  KeepPassword *keep = g_new0 (KeepPassword, 1);
  g_autoptr (GTask) task = g_task_new (self, NULL, on_password_stored, g_object_ref (self));

  keep->remember = gtk_switch_get_active (self->remember_switch);
  keep->host = pac_account_dup_host (account, &keep->port);
  keep->username = g_strdup (pac_account_get_username (account));
  keep->password = g_strdup (text_of (self->password_row));
  g_task_set_task_data (task, keep, (GDestroyNotify) keep_password_free);
  g_task_run_in_thread (task, keep_password_thread);
}

static void
on_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  guint16 port;
  g_autoptr (GTlsCertificate) rejected = NULL;

  if (pac_session_connect_finish (PAC_SESSION (source), result, &error))
    {
      keep_password (self);
      return;
    }
  set_busy (self, FALSE);
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED))
    return;
  host = pac_account_dup_host (pac_session_get_account (self->session), &port);
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_TLS_CHANGED))
    {
      guint16 changed_port = port;

      if ((rejected = pac_trust_get_rejected (self->trust, host, port, NULL)) == NULL)
        {
          changed_port = PAC_CONNECTION_API_PORT;
          rejected = pac_trust_get_rejected (self->trust, host, changed_port, NULL);
        }
      explain_changed (self, error, rejected, changed_port);
    }
  else if (g_error_matches (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED)
           && (rejected = pac_trust_get_rejected (self->trust, host, port, NULL)) != NULL)
    offer_certificate (self, rejected, host, port, FALSE);
  else if (g_error_matches (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED)
           && (rejected = pac_trust_get_rejected (self->trust, host, PAC_CONNECTION_API_PORT, NULL))
                != NULL)
    /* WCP is trusted; the Kubernetes API presents a certificate of its own */
    offer_certificate (self, rejected, host, PAC_CONNECTION_API_PORT, TRUE);
  else
    show_error (self, error->message);
}

static void
start_connecting (PacAccountDialog *self)
{
  set_busy (self, TRUE);
  show_error (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  pac_session_connect_async (self->session, self->cancellable, on_connected, g_object_ref (self));
}

/* PacConnection takes only https://host[:port] URLs; say so before it sees one. */
static gboolean
is_server_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && g_uri_get_host (uri)
         && *g_uri_get_host (uri) && strchr (url + strlen ("https://"), ' ') == NULL
         && (g_uri_get_path (uri)[0] == '\0' || g_str_equal (g_uri_get_path (uri), "/"));
}

static void
connect_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccountDialog *self = PAC_ACCOUNT_DIALOG (widget);
  PacAccountKind kind = adw_combo_row_get_selected (self->kind_row) == 0 ? PAC_ACCOUNT_VCENTER
                                                                         : PAC_ACCOUNT_SUPERVISOR;
  g_autoptr (PacAccount) account = NULL;
  g_autofree char *url = NULL;
  g_autofree char *address = g_strstrip (g_strdup (text_of (self->address_row)));
  g_autofree char *username = g_strstrip (g_strdup (text_of (self->username_row)));

  account = pac_account_new (kind, address, username,
                             self->existing ? pac_account_get_display_name (self->existing) : NULL);
  url = pac_account_get_base_url (account);
  if (!is_server_url (url) || *username == '\0')
    {
      show_error (self, !is_server_url (url)
                          ? _ ("This is not a server address: write a host name or an "
                               "https:// URL")
                          : _ ("Enter a user name, e.g. administrator@vsphere.local"));
      return;
    }
  g_clear_object (&self->session);
  self->session = pac_session_new (account, self->trust);
  pac_session_set_password (self->session, text_of (self->password_row));
  start_connecting (self);
}

static void
trust_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccountDialog *self = PAC_ACCOUNT_DIALOG (widget);
  g_autofree char *host = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;

  host = pac_account_dup_host (pac_session_get_account (self->session), &port);
  if (self->offered == NULL
      || !pac_trust_pin (self->trust, host, self->offered_port, self->offered, &error))
    {
      gtk_stack_set_visible_child_name (self->stack, "form");
      show_error (self, error ? error->message : _ ("There is no certificate to trust"));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "form");
  start_connecting (self);
}

static void
on_compared (PacAlert *review, const char *response, PacAccountDialog *self)
{
  if (g_str_equal (response, "trust"))
    gtk_widget_activate_action (GTK_WIDGET (self), "account.trust", NULL);
}

/* The pinned and the presented chain side by side; trusting connects */
static void
compare_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccountDialog *self = PAC_ACCOUNT_DIALOG (widget);
  g_autofree char *host = NULL;
  g_autoptr (GTlsCertificate) pinned = NULL;
  PacAlert *review;
  guint16 port;

  if (self->offered == NULL || self->session == NULL)
    return;
  host = pac_account_dup_host (pac_session_get_account (self->session), &port);
  pinned = pac_trust_get_pin (self->trust, host, self->offered_port);
  if (pinned == NULL)
    pinned = pac_trust_get_pin (self->trust, host, port); /* the API port shares WCP's */
  review = pac_certificate_review_new (host, pinned, self->offered);
  g_signal_connect_object (review, "response", G_CALLBACK (on_compared), self, 0);
  pac_alert_present (review, GTK_WIDGET (self));
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccountDialog *self = PAC_ACCOUNT_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "form");
  set_busy (self, FALSE);
}

static void
on_entry_activated (PacAccountDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "account.connect", NULL);
}

/**
 * pac_account_dialog_new:
 * @existing: (nullable): the account to edit; it is replaced once the
 *   edited one connects
 */
PacAccountDialog *
pac_account_dialog_new (PacAccountStore *store, PacTrust *trust, PacAccount *existing)
{
  PacAccountDialog *self = g_object_new (PAC_TYPE_ACCOUNT_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->trust = g_object_ref (trust);
  if (existing)
    {
      self->existing = g_object_ref (existing);
      pac_dialog_set_title (PAC_DIALOG (self), _ ("Edit Account"));
      adw_combo_row_set_selected (self->kind_row,
                                  pac_account_get_kind (existing) == PAC_ACCOUNT_VCENTER ? 0 : 1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->address_row), pac_account_get_address (existing));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row),
                             pac_account_get_username (existing));
      pac_dialog_set_initial_focus (PAC_DIALOG (self), GTK_WIDGET (self->password_row));
    }
  else
    pac_dialog_set_initial_focus (PAC_DIALOG (self), GTK_WIDGET (self->address_row));
  set_busy (self, FALSE);
  return self;
}

static void
pac_account_dialog_dispose (GObject *object)
{
  PacAccountDialog *self = PAC_ACCOUNT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->offered);
  g_clear_object (&self->existing);
  g_clear_object (&self->store);
  g_clear_object (&self->trust);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_ACCOUNT_DIALOG);
  G_OBJECT_CLASS (pac_account_dialog_parent_class)->dispose (object);
}

static void
pac_account_dialog_class_init (PacAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pac_account_dialog_dispose;
  signals[SIGNAL_CONNECTED]
    = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, PAC_TYPE_SESSION);

  g_type_ensure (PAC_TYPE_SPINNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, certificate_group);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, validity_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccountDialog, changed_status);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_install_action (widget_class, "account.connect", NULL, connect_activated);
  gtk_widget_class_install_action (widget_class, "account.trust", NULL, trust_activated);
  gtk_widget_class_install_action (widget_class, "account.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "account.back", NULL, back_activated);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_account_dialog_init (PacAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 480, 560);
  pac_accessible_name_controls (GTK_WIDGET (self));
}
