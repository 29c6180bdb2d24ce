/* pac-access-dialog.c: SSO users' and groups' roles in a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin face on PacAccess: a form to grant a user or group a ClusterRole,
 * in the whole cluster or one namespace, with the binding it makes
 * previewed (nothing when they have it already); below, who has which
 * role, from every binding, each revocable after a confirmation, except
 * what vSphere syncs from the namespace's permissions (it would restore
 * it). The dialog stays open and reads the cluster again after each
 * change; "changed" carries a message for the window's toast.
 */
#define G_LOG_DOMAIN "pac-access"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-alert.h"
#include "pac-accessible.h"
#include "pac-access-dialog.h"
#include "pac-access.h"
#include "pac-detail-list.h"
#include "pac-form-text.h"

struct _PacAccessDialog
{
  PacDialog parent_instance;

  PacGuestClient *client;
  PacAccess *access;
  GPtrArray *plan; /* of PacGuestChange; NULL while invalid */
  GStrv namespaces;
  char *status;
  gboolean busy;
  char *done_message; /* the toast once the change under way is applied */
  GCancellable *cancellable;

  PacSpinner *spinner;
  AdwComboRow *kind_row;
  AdwEntryRow *name_row;
  AdwComboRow *role_row;
  AdwComboRow *scope_row;
  GtkStringList *scopes;
  GtkLabel *status_label;
  GtkTextView *preview_view;
  GtkListBox *grants_list;
};

G_DEFINE_FINAL_TYPE (PacAccessDialog, pac_access_dialog, PAC_TYPE_DIALOG)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (PacAccessDialog *self);

static void
set_status (PacAccessDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static void
sync_sensitivity (PacAccessDialog *self)
{
  pac_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "access.grant",
                                 !self->busy && self->plan && self->plan->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "access.revoke", !self->busy && self->access);
}

/* The namespace chosen, or %NULL for the whole cluster */
static const char *
chosen_namespace (PacAccessDialog *self)
{
  guint scope = adw_combo_row_get_selected (self->scope_row);

  if (scope == 0 || scope == GTK_INVALID_LIST_POSITION || self->namespaces == NULL
      || scope > g_strv_length (self->namespaces))
    return NULL;
  return self->namespaces[scope - 1];
}

static void
update_preview (PacAccessDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autoptr (GError) error = NULL;
  g_autofree char *yaml = NULL;
  guint role = adw_combo_row_get_selected (self->role_row);

  g_clear_pointer (&self->plan, g_ptr_array_unref);
  if (self->access == NULL)
    return;
  if (*name == '\0')
    set_status (self, _ ("Enter the name of an SSO user or group"));
  else if (!(self->plan = pac_access_plan_grant (
               self->access, adw_combo_row_get_selected (self->kind_row), name,
               pac_access_roles ()[MIN (role, 3)], chosen_namespace (self), &error)))
    set_status (self, error->message);
  else if (self->plan->len == 0)
    set_status (self, _ ("Nothing to change: they have this role there already"));
  else
    {
      set_status (self, _ ("One binding, made through the cluster’s API"));
      yaml = pac_guest_changes_to_yaml (self->plan);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), yaml ? yaml : "", -1);
  sync_sensitivity (self);
}

/* ---- who has access ---- */

static char *
describe_grant (const PacGrant *grant)
{
  const char *where = grant->namespace ? grant->namespace : _ ("whole cluster");

  if (grant->from_vsphere)
    /* Translators: a role, where, and where it comes from */
    return g_strdup_printf (_ ("%s · %s · from the vSphere namespace’s permissions"), grant->role,
                            where);
  /* Translators: a role, where, and the binding that grants it */
  return g_strdup_printf (_ ("%s · %s · binding “%s”"), grant->role, where, grant->binding);
}

static GtkWidget *
grant_row (const PacGrant *grant, guint index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_grant (grant);
  GtkWidget *suffix;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), grant->subject);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (grant->kind == PAC_ACCESS_GROUP
                                                             ? "system-users-symbolic"
                                                             : "avatar-default-symbolic"));
  if (grant->from_vsphere)
    {
      suffix = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_widget_set_tooltip_text (suffix, _ ("Change the vSphere namespace’s permissions in "
                                              "vCenter to change this"));
    }
  else
    {
      /* Translators: a user or group */
      g_autofree char *label = g_strdup_printf (_ ("Revoke %s"), grant->subject);

      suffix = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (suffix, "flat");
      gtk_widget_set_tooltip_text (suffix, _ ("Revoke…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (suffix), "access.revoke");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (suffix), "u", index);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
show_grants (PacAccessDialog *self)
{
  GPtrArray *grants = pac_access_get_grants (self->access);

  pac_detail_list_clear (self->grants_list);
  for (guint i = 0; i < grants->len; i++)
    gtk_list_box_append (self->grants_list, grant_row (g_ptr_array_index (grants, i), i));
  if (grants->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("No SSO user or group has a role here yet"));
      gtk_list_box_append (self->grants_list, row);
    }
}

/* The scope combo: the whole cluster, then each namespace; the choice
 * survives a reload when the namespace still exists */
static void
show_scopes (PacAccessDialog *self)
{
  g_autofree char *chosen = g_strdup (chosen_namespace (self));
  guint keep = 0;

  g_strfreev (self->namespaces);
  self->namespaces = pac_access_dup_namespaces (self->access);
  gtk_string_list_splice (self->scopes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scopes)),
                          NULL);
  gtk_string_list_append (self->scopes, _ ("Whole cluster"));
  for (guint i = 0; self->namespaces[i]; i++)
    {
      /* Translators: a namespace */
      g_autofree char *label = g_strdup_printf (_ ("Namespace %s"), self->namespaces[i]);

      gtk_string_list_append (self->scopes, label);
      if (g_strcmp0 (chosen, self->namespaces[i]) == 0)
        keep = i + 1;
    }
  adw_combo_row_set_selected (self->scope_row, keep);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacAccessDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacAccess *access = pac_access_load_finish (PAC_GUEST_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (access == NULL)
    {
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  g_set_object (&self->access, access);
  g_object_unref (access);
  show_scopes (self);
  show_grants (self);
  update_preview (self);
}

static void
load (PacAccessDialog *self)
{
  self->busy = TRUE;
  sync_sensitivity (self);
  pac_access_load_async (self->client, self->cancellable, on_loaded, g_object_ref (self));
}

/* ---- grant and revoke ---- */

static void
on_changed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacAccessDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pac_guest_changes_apply_finish (PAC_GUEST_CLIENT (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, self->done_message);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  load (self);
}

/* @message: (transfer full): for the toast afterwards */
static void
run (PacAccessDialog *self, GPtrArray *plan, char *message)
{
  self->busy = TRUE;
  g_free (self->done_message);
  self->done_message = message;
  set_status (self, _ ("Applying…"));
  sync_sensitivity (self);
  pac_guest_changes_apply_async (self->client, plan, self->cancellable, on_changed,
                                 g_object_ref (self));
}

static void
grant_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccessDialog *self = PAC_ACCESS_DIALOG (widget);
  g_autoptr (GPtrArray) plan = NULL;
  const char *where;

  if (self->busy || self->plan == NULL || self->plan->len == 0)
    return;
  plan = g_ptr_array_ref (self->plan);
  where = chosen_namespace (self);
  run (self, plan,
       where
         /* Translators: a user or group, a role, a namespace */
         ? g_strdup_printf (
           _ ("%s is now %s in %s"), gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
           pac_access_roles ()[MIN (adw_combo_row_get_selected (self->role_row), 3)], where)
         /* Translators: a user or group and a role */
         : g_strdup_printf (
           _ ("%s is now %s of the cluster"), gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
           pac_access_roles ()[MIN (adw_combo_row_get_selected (self->role_row), 3)]));
}

/* What a "Revoke Access?" question is about */
typedef struct
{
  PacAccessDialog *self; /* held */
  GPtrArray *plan;       /* of PacGuestChange */
  char *subject;
} RevokeQuestion;

static void
revoke_question_free (gpointer data, GClosure *closure)
{
  RevokeQuestion *question = data;

  g_object_unref (question->self);
  g_ptr_array_unref (question->plan);
  g_free (question->subject);
  g_free (question);
}

static void
on_revoke_response (PacAlert *dialog, const char *response, RevokeQuestion *question)
{
  PacAccessDialog *self = question->self;

  /* the dialog may have been closed while asking */
  if (g_strcmp0 (response, "revoke") != 0 || self->busy || self->client == NULL)
    return;
  /* Translators: a user or group */
  run (self, question->plan, g_strdup_printf (_ ("Revoked the role of %s"), question->subject));
}

static void
revoke_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacAccessDialog *self = PAC_ACCESS_DIALOG (widget);
  GPtrArray *grants = self->access ? pac_access_get_grants (self->access) : NULL;
  guint index = g_variant_get_uint32 (parameter);
  const PacGrant *grant;
  g_autoptr (GPtrArray) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  PacAlert *dialog;
  RevokeQuestion *question;

  if (grants == NULL || index >= grants->len || self->busy)
    return;
  grant = g_ptr_array_index (grants, index);
  if (!(plan = pac_access_plan_revoke (self->access, grant, &error)))
    {
      set_status (self, error->message);
      return;
    }
  what = plan->len ? pac_guest_change_describe (g_ptr_array_index (plan, 0)) : g_strdup ("");
  /* Translators: a user or group, a role, where, then the change made */
  body = g_strdup_printf (_ ("%s loses the role %s in %s.\n%s."), grant->subject, grant->role,
                          grant->namespace ? grant->namespace : _ ("the whole cluster"), what);
  dialog = pac_alert_new (_ ("Revoke Access?"), body);
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "revoke", _ ("_Revoke"), NULL);
  pac_alert_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_default_response (dialog, "cancel");
  pac_alert_set_close_response (dialog, "cancel");
  question = g_new0 (RevokeQuestion, 1);
  *question
    = (RevokeQuestion){ g_object_ref (self), g_steal_pointer (&plan), g_strdup (grant->subject) };
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_revoke_response), question,
                         revoke_question_free, 0);
  pac_alert_present (dialog, GTK_WIDGET (self));
}

/* ---- life ---- */

PacAccessDialog *
pac_access_dialog_new (PacGuestClient *client, const char *cluster)
{
  PacAccessDialog *self = g_object_new (PAC_TYPE_ACCESS_DIALOG, NULL);
  /* Translators: the dialog's title, with a cluster's name */
  g_autofree char *title = g_strdup_printf (_ ("Access: %s"), cluster);

  pac_dialog_set_title (PAC_DIALOG (self), title);
  self->client = g_object_ref (client);
  load (self);
  return self;
}

/* Read, with a grant to make, and nothing running */
gboolean
pac_access_dialog_is_ready (PacAccessDialog *self)
{
  return !self->busy && self->plan && self->plan->len > 0;
}

/* Returns: (nullable): the status line; %NULL while busy */
const char *
pac_access_dialog_get_status (PacAccessDialog *self)
{
  return self->busy ? NULL : self->status;
}

char *
pac_access_dialog_dup_preview (PacAccessDialog *self)
{
  return pac_text_view_dup_text (self->preview_view);
}

/* How many roles the list shows for @subject */
guint
pac_access_dialog_count_grants (PacAccessDialog *self, const char *subject)
{
  GPtrArray *grants = self->access ? pac_access_get_grants (self->access) : NULL;
  guint count = 0;

  for (guint i = 0; grants && i < grants->len; i++)
    count += g_strcmp0 (((PacGrant *) g_ptr_array_index (grants, i))->subject, subject) == 0;
  return count;
}

static void
pac_access_dialog_dispose (GObject *object)
{
  PacAccessDialog *self = PAC_ACCESS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->access);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->namespaces, g_strfreev);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->done_message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_ACCESS_DIALOG);
  G_OBJECT_CLASS (pac_access_dialog_parent_class)->dispose (object);
}

static void
pac_access_dialog_class_init (PacAccessDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_access_dialog_dispose;
  /**
   * PacAccessDialog::changed:
   * @message: what was done, for a toast
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-access-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, scopes);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, PacAccessDialog, grants_list);
  gtk_widget_class_install_action (widget_class, "access.grant", NULL, grant_activated);
  gtk_widget_class_install_action (widget_class, "access.revoke", "u", revoke_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "access.grant", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_access_dialog_init (PacAccessDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 640, 760);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->role_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (update_preview), self);
  adw_combo_row_set_selected (self->role_row, 2);
}
