/* pac-upgrade-dialog.c: moving a cluster to another release
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin face on PacUpgradePlan: every release of the Supervisor, the
 * allowed ones to pick, the others greyed with the reason. Upgrade sends
 * the patch with the version read; when the cluster changed meanwhile
 * (409) the dialog reads it again and says so, keeping the choice when it
 * is still allowed. Success closes it with "upgraded"; the tree and the
 * cluster page then show updating → running as the nodes roll.
 */
#define G_LOG_DOMAIN "pac-upgrade"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-accessible.h"
#include "pac-detail-list.h"
#include "pac-error.h"
#include "pac-upgrade-dialog.h"

struct _PacUpgradeDialog
{
  PacDialog parent_instance;

  PacSupervisorClient *client;
  PacCapabilities capabilities; /* the fields the plan needs, copied */
  char *namespace;
  char *name;
  PacUpgradePlan *plan;
  GPtrArray *checks; /* GtkCheckButton per choice, NULL for refused ones */
  char *status;
  gboolean busy;
  char *keep_version; /* to choose again once the plan is read (again) */
  gboolean reloaded;  /* read again after a conflict: the status says so */
  GCancellable *cancellable;

  PacSpinner *spinner;
  AdwActionRow *current_row;
  GtkListBox *releases_list;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (PacUpgradeDialog, pac_upgrade_dialog, PAC_TYPE_DIALOG)

enum
{
  UPGRADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (PacUpgradeDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static const PacUpgradeChoice *
chosen (PacUpgradeDialog *self)
{
  for (guint i = 0; self->plan && i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      if (check && gtk_check_button_get_active (check))
        return g_ptr_array_index (self->plan->choices, i);
    }
  return NULL;
}

static void
sync_sensitivity (PacUpgradeDialog *self)
{
  pac_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upgrade.apply",
                                 !self->busy && chosen (self) != NULL);
}

static void
on_check_toggled (GtkCheckButton *check, PacUpgradeDialog *self)
{
  sync_sensitivity (self);
}

static void
show_plan (PacUpgradeDialog *self, const char *keep_version)
{
  GtkCheckButton *group = NULL;

  pac_detail_list_clear (self->releases_list);
  g_ptr_array_set_size (self->checks, 0);
  pac_detail_row_set (self->current_row, self->plan->current_version);
  for (guint i = 0; i < self->plan->choices->len; i++)
    {
      const PacUpgradeChoice *choice = g_ptr_array_index (self->plan->choices, i);
      AdwActionRow *row
        = pac_detail_list_add (self->releases_list, choice->version, choice->reason);
      GtkWidget *check = NULL;

      if (choice->allowed)
        {
          check = gtk_check_button_new ();
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
          group = group ? group : GTK_CHECK_BUTTON (check);
          adw_action_row_add_prefix (row, check);
          adw_action_row_set_activatable_widget (row, check);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strcmp0 (choice->version, keep_version) == 0);
          g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
        }
      else
        gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
      g_ptr_array_add (self->checks, check);
    }
  if (self->plan->choices->len == 0)
    pac_detail_list_placeholder (self->releases_list, _ ("The Supervisor lists no releases"));
  sync_sensitivity (self);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacUpgradeDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacUpgradePlan *plan = pac_cluster_upgrade_load_finish (result, &error);
  const char *keep = self->keep_version;
  g_autofree char *kept = g_strdup (keep);

  if (pac_error_is_cancelled (error))
    return;
  self->busy = FALSE;
  if (plan == NULL)
    {
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  g_clear_pointer (&self->plan, pac_upgrade_plan_free);
  self->plan = plan;
  show_plan (self, kept);
  if (!self->reloaded)
    {
      gboolean any = FALSE;
      for (guint i = 0; i < plan->choices->len; i++)
        any |= ((PacUpgradeChoice *) g_ptr_array_index (plan->choices, i))->allowed;
      set_status (self, any ? NULL
                            : _ ("No release is allowed now: each one below says why. A newer "
                                 "release appears once the content library has it."));
    }
}

static void
load (PacUpgradeDialog *self, const char *keep_version)
{
  self->busy = TRUE;
  sync_sensitivity (self);
  g_free (self->keep_version);
  self->keep_version = g_strdup (keep_version);
  pac_cluster_upgrade_load_async (self->client, &self->capabilities, self->namespace, self->name,
                                  self->cancellable, on_loaded, g_object_ref (self));
}

static void
on_upgraded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacUpgradeDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  const PacUpgradeChoice *choice = chosen (self);
  g_autofree char *version = choice ? g_strdup (choice->version) : NULL;
  g_autofree char *message = NULL;

  if (!pac_cluster_upgrade_finish (result, &error) && pac_error_is_cancelled (error))
    return;
  self->busy = FALSE;
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT))
    {
      /* Someone (or the Supervisor) changed it: read again, keep the choice */
      set_status (self, _ ("The cluster changed while this window was open. It has been read "
                           "again: check the choice and upgrade again."));
      self->reloaded = TRUE;
      load (self, version);
      return;
    }
  if (error)
    {
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  /* Translators: a cluster and a release version */
  message = g_strdup_printf (_ ("“%s” is upgrading to %s"), self->name, version);
  g_signal_emit (self, signals[UPGRADED], 0, message);
  pac_dialog_close (PAC_DIALOG (self));
}

static void
apply_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacUpgradeDialog *self = PAC_UPGRADE_DIALOG (widget);
  const PacUpgradeChoice *choice = chosen (self);

  if (choice == NULL)
    return;
  self->busy = TRUE;
  set_status (self, _ ("Upgrading…"));
  sync_sensitivity (self);
  pac_cluster_upgrade_async (self->client, self->plan, choice, self->cancellable, on_upgraded,
                             g_object_ref (self));
}

/**
 * pac_upgrade_dialog_select:
 *
 * Picks the allowed release whose version starts with @version_prefix.
 * Returns: whether there is one
 */
gboolean
pac_upgrade_dialog_select (PacUpgradeDialog *self, const char *version_prefix)
{
  for (guint i = 0; self->plan && i < self->checks->len; i++)
    {
      const PacUpgradeChoice *choice = g_ptr_array_index (self->plan->choices, i);
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      if (check && g_str_has_prefix (choice->version, version_prefix))
        {
          gtk_check_button_set_active (check, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pac_upgrade_dialog_get_status (PacUpgradeDialog *self)
{
  return self->status;
}

static void
pac_upgrade_dialog_dispose (GObject *object)
{
  PacUpgradeDialog *self = PAC_UPGRADE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_UPGRADE_DIALOG);
  G_OBJECT_CLASS (pac_upgrade_dialog_parent_class)->dispose (object);
}

static void
pac_upgrade_dialog_finalize (GObject *object)
{
  PacUpgradeDialog *self = PAC_UPGRADE_DIALOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_free (self->capabilities.tkc_version);
  g_free (self->capabilities.release_version);
  g_free (self->namespace);
  g_free (self->name);
  g_free (self->status);
  g_free (self->keep_version);
  pac_upgrade_plan_free (self->plan);
  g_ptr_array_unref (self->checks);
  G_OBJECT_CLASS (pac_upgrade_dialog_parent_class)->finalize (object);
}

static void
pac_upgrade_dialog_class_init (PacUpgradeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_upgrade_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_upgrade_dialog_finalize;
  /**
   * PacUpgradeDialog::upgraded:
   * @message: what was done, for a toast
   */
  signals[UPGRADED] = g_signal_new ("upgraded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-upgrade-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacUpgradeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacUpgradeDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, PacUpgradeDialog, releases_list);
  gtk_widget_class_bind_template_child (widget_class, PacUpgradeDialog, status_label);
  gtk_widget_class_install_action (widget_class, "upgrade.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "upgrade.apply", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_upgrade_dialog_init (PacUpgradeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 600, 640);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
}

PacUpgradeDialog *
pac_upgrade_dialog_new (PacSupervisorClient *client,
                        const PacCapabilities *capabilities,
                        const char *namespace,
                        const char *name)
{
  PacUpgradeDialog *self = g_object_new (PAC_TYPE_UPGRADE_DIALOG, NULL);

  self->client = g_object_ref (client);
  self->capabilities.tkc_version = g_strdup (capabilities ? capabilities->tkc_version : NULL);
  self->capabilities.release_version
    = g_strdup (capabilities ? capabilities->release_version : NULL);
  self->namespace = g_strdup (namespace);
  self->name = g_strdup (name);
  {
    /* Translators: the window's title, with the cluster's name */
    g_autofree char *title = g_strdup_printf (_ ("Upgrade “%s”"), name);
    pac_dialog_set_title (PAC_DIALOG (self), title);
  }
  load (self, NULL);
  return self;
}
