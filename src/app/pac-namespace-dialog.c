/* pac-namespace-dialog.c: creating or editing a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCenter's CreateSpec as a form (doc/protocols.md, "vSphere namespaces in vCenter"): a
 * DNS-1123 name, a description, storage policies with limits, VM
 * classes, and access for users and groups as Owner, Edit or View. The
 * choices come from PacNamespaceOptions; editing starts from what the
 * namespace has and sends the whole spec as a PATCH. Success closes the
 * dialog with "saved".
 */
#define G_LOG_DOMAIN "pac-namespace"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-accessible.h"
#include "pac-detail-list.h"
#include "pac-error.h"
#include "pac-namespace-dialog.h"
#include "pac-namespace-options.h"

#define MIB_PER_GIB 1024

static const char *const roles[] = { "OWNER", "EDIT", "VIEW" };

typedef struct
{
  char *subject;
  gboolean group;
  const char *role; /* one of roles[] */
} Grant;

static void
grant_free (Grant *grant)
{
  g_free (grant->subject);
  g_free (grant);
}

/* A row to check: what it stands for, and its widgets (held by the list) */
typedef struct
{
  char *id;
  GtkCheckButton *check;
  GtkSpinButton *limit; /* storage policies: GiB, 0 for no limit */
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->id);
  g_free (choice);
}

static void
add_choice (GPtrArray *rows, const char *id, GtkCheckButton *check, GtkSpinButton *limit)
{
  Choice *choice = g_new0 (Choice, 1);

  *choice = (Choice){ g_strdup (id), check, limit };
  g_ptr_array_add (rows, choice);
}

struct _PacNamespaceDialog
{
  PacDialog parent_instance;

  PacVcenterClient *vcenter;
  char *cluster;
  char *name; /* when editing */
  PacNamespaceOptions *options;
  GHashTable *checks;     /* policy name or class id → GtkCheckButton */
  GHashTable *limits;     /* policy name → GtkSpinButton */
  GPtrArray *policy_rows; /* of Choice: each storage policy's id, check and limit */
  GPtrArray *class_rows;  /* of Choice: each VM class's id and check */
  GPtrArray *grants;
  char *status;
  gboolean busy;
  GCancellable *cancellable;

  GtkButton *save_button;
  PacSpinner *spinner;
  AdwEntryRow *name_row;
  AdwEntryRow *description_row;
  GtkListBox *storage_list;
  GtkWidget *classes_group;
  GtkListBox *classes_list;
  GtkListBox *access_list;
  AdwEntryRow *subject_row;
  GtkSwitch *group_switch;
  AdwComboRow *role_row;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (PacNamespaceDialog, pac_namespace_dialog, PAC_TYPE_DIALOG)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
pac_namespace_dialog_is_loaded (PacNamespaceDialog *self)
{
  return self->options != NULL;
}

gboolean
pac_namespace_dialog_is_busy (PacNamespaceDialog *self)
{
  return self->busy;
}

const char *
pac_namespace_dialog_get_status (PacNamespaceDialog *self)
{
  return self->status;
}

GtkCheckButton *
pac_namespace_dialog_get_check (PacNamespaceDialog *self, const char *what)
{
  return g_hash_table_lookup (self->checks, what);
}

GtkSpinButton *
pac_namespace_dialog_get_limit (PacNamespaceDialog *self, const char *policy_name)
{
  return g_hash_table_lookup (self->limits, policy_name);
}

static void
set_status (PacNamespaceDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static void
set_busy (PacNamespaceDialog *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    pac_spinner_set_spinning (self->spinner, TRUE);
  else
    pac_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "namespace.save",
                                 !busy && self->options != NULL);
}

/* ---- access ---- */

static const char *
role_title (const char *role)
{
  if (g_strcmp0 (role, "OWNER") == 0)
    return _ ("Owner");
  if (g_strcmp0 (role, "EDIT") == 0)
    return _ ("Can edit");
  return _ ("Can view");
}

static void show_grants (PacNamespaceDialog *self);

/* namespace.remove-access, with the user or group */
static void
remove_access_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacNamespaceDialog *self = PAC_NAMESPACE_DIALOG (widget);
  const char *subject = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->grants->len; i++)
    if (g_strcmp0 (((Grant *) g_ptr_array_index (self->grants, i))->subject, subject) == 0)
      g_ptr_array_remove_index (self->grants, i--);
  show_grants (self);
}

static void
show_grants (PacNamespaceDialog *self)
{
  if (self->grants->len == 0)
    {
      pac_detail_list_placeholder (self->access_list, _ ("Nobody yet"));
      return;
    }
  pac_detail_list_clear (self->access_list);
  for (guint i = 0; i < self->grants->len; i++)
    {
      Grant *grant = g_ptr_array_index (self->grants, i);
      /* Translators: "User · Owner" */
      g_autofree char *subtitle = g_strdup_printf (
        "%s · %s", grant->group ? _ ("Group") : _ ("User"), role_title (grant->role));
      AdwActionRow *row = pac_detail_list_add (self->access_list, grant->subject, subtitle);
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_ ("Remove %s"), grant->subject);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "namespace.remove-access");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", grant->subject);
      adw_action_row_add_suffix (row, button);
    }
}

static void
add_grant (PacNamespaceDialog *self, const char *subject, gboolean group, const char *role)
{
  Grant *grant = g_new0 (Grant, 1);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i], role) == 0)
      grant->role = roles[i];
  grant->subject = g_strdup (subject);
  grant->group = group;
  grant->role = grant->role ? grant->role : roles[2];
  g_ptr_array_add (self->grants, grant);
}

static void
add_access_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacNamespaceDialog *self = PAC_NAMESPACE_DIALOG (widget);
  g_autofree char *subject
    = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  const char *at = strrchr (subject, '@');

  if (at == NULL || at == subject || at[1] == '\0')
    {
      set_status (self, _ ("Give the user or group as name@domain, e.g. devops@vsphere.local"));
      return;
    }
  add_grant (self, subject, gtk_switch_get_active (self->group_switch),
             roles[MIN (adw_combo_row_get_selected (self->role_row), 2)]);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), "");
  set_status (self, NULL);
  show_grants (self);
}

/* ---- choices ---- */

static GtkCheckButton *
add_check_row (PacNamespaceDialog *self,
               GtkListBox *list,
               const char *title,
               const char *subtitle,
               gboolean active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (list, row);
  g_hash_table_insert (self->checks, g_strdup (title), check);
  return GTK_CHECK_BUTTON (check);
}

static void
show_policies (PacNamespaceDialog *self)
{
  GListModel *policies = pac_namespace_options_get_policies (self->options);

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr (PacChoice) policy = g_list_model_get_item (policies, i);
      const char *name = pac_choice_get_subtitle (policy) ? pac_choice_get_subtitle (policy)
                                                          : pac_choice_get_id (policy);
      gint64 limit = pac_namespace_options_get_limit (self->options, pac_choice_get_id (policy));
      GtkCheckButton *check = add_check_row (self, self->storage_list, name, NULL, limit >= 0);
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1024 * 1024, 10);
      g_autofree char *label = g_strdup_printf (_ ("Limit for %s in GiB"), name);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                                 limit > 0 ? (double) limit / MIB_PER_GIB : 0);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spin, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_bind_property (check, "active", spin, "sensitive", G_BINDING_SYNC_CREATE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      g_hash_table_insert (self->limits, g_strdup (name), spin);
      add_choice (self->policy_rows, pac_choice_get_id (policy), check, GTK_SPIN_BUTTON (spin));
    }
}

static void
show_vm_classes (PacNamespaceDialog *self)
{
  GListModel *classes = pac_namespace_options_get_vm_classes (self->options);

  /* Before the VM Service (vSphere 7.0 Update 2) every class serves every
   * namespace: nothing to choose */
  gtk_widget_set_visible (self->classes_group,
                          pac_namespace_options_has_vm_service (self->options));

  for (guint i = 0; i < g_list_model_get_n_items (classes); i++)
    {
      g_autoptr (PacChoice) vm_class = g_list_model_get_item (classes, i);
      const char *id = pac_choice_get_id (vm_class);
      GtkCheckButton *check
        = add_check_row (self, self->classes_list, id, pac_choice_get_subtitle (vm_class),
                         pac_namespace_options_has_vm_class (self->options, id));
      add_choice (self->class_rows, id, check, NULL);
    }
}

static void
on_options (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNamespaceDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacNamespaceOptions *options = pac_namespace_options_load_finish (result, &error);

  if (pac_error_is_cancelled (error))
    return; /* closed: the widgets are gone */
  if (options == NULL)
    {
      set_status (self, error->message);
      pac_spinner_set_spinning (self->spinner, FALSE);
      return;
    }
  self->options = options;
  show_policies (self);
  show_vm_classes (self);
  if (self->name)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             pac_namespace_options_get_description (options));
      for (const PacNamespaceAccess *a = pac_namespace_options_get_access (options); a->subject;
           a++)
        add_grant (self, a->subject, a->group, a->role);
    }
  show_grants (self);
  set_busy (self, FALSE);
}

/* ---- saving ---- */

/* The checked ones (transfer container) */
static GPtrArray *
checked (GPtrArray *rows)
{
  GPtrArray *chosen = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      Choice *choice = g_ptr_array_index (rows, i);
      if (gtk_check_button_get_active (choice->check))
        g_ptr_array_add (chosen, choice);
    }
  return chosen;
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNamespaceDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  g_autofree char *message = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  set_busy (self, FALSE);
  if (answer == NULL)
    {
      if (!pac_error_is_cancelled (error))
        set_status (self, error->message);
      return;
    }
  /* Translators: a vSphere namespace's name */
  message = g_strdup_printf (self->name ? _ ("Namespace “%s” saved") : _ ("Namespace “%s” created"),
                             name);
  g_signal_emit (self, signals[SAVED], 0, message);
  pac_dialog_close (PAC_DIALOG (self));
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacNamespaceDialog *self = PAC_NAMESPACE_DIALOG (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) policies = checked (self->policy_rows);
  g_autoptr (GPtrArray) classes = checked (self->class_rows);
  g_autoptr (GPtrArray) class_ids = g_ptr_array_new ();
  g_autoptr (GArray) storage = g_array_new (TRUE, TRUE, sizeof (PacNamespaceStorage));
  g_autoptr (GArray) access = g_array_new (TRUE, TRUE, sizeof (PacNamespaceAccess));
  PacNamespaceSpec spec = { .cluster = self->cluster, .name = name };

  if (self->busy || self->options == NULL)
    return;
  if (!pac_check_dns_label (name, &error))
    {
      set_status (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  for (guint i = 0; i < policies->len; i++)
    {
      Choice *policy = g_ptr_array_index (policies, i);
      PacNamespaceStorage entry
        = { policy->id, (gint64) gtk_spin_button_get_value (policy->limit) * MIB_PER_GIB };
      g_array_append_val (storage, entry);
    }
  for (guint i = 0; i < classes->len; i++)
    g_ptr_array_add (class_ids, ((Choice *) g_ptr_array_index (classes, i))->id);
  for (guint i = 0; i < self->grants->len; i++)
    {
      Grant *grant = g_ptr_array_index (self->grants, i);
      PacNamespaceAccess entry = { grant->subject, grant->group, grant->role };
      g_array_append_val (access, entry);
    }
  g_ptr_array_add (class_ids, NULL);
  spec.description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  spec.storage = (const PacNamespaceStorage *) storage->data;
  spec.access = (const PacNamespaceAccess *) access->data;
  spec.vm_classes = (const char *const *) class_ids->pdata;
  spec.no_vm_service = !pac_namespace_options_has_vm_service (self->options);
  set_status (self, self->name ? _ ("Saving…") : _ ("Creating the namespace…"));
  set_busy (self, TRUE);
  if (self->name)
    pac_vcenter_client_update_namespace_async (self->vcenter, &spec, self->cancellable, on_saved,
                                               g_object_ref (self));
  else
    pac_vcenter_client_create_namespace_async (self->vcenter, &spec, self->cancellable, on_saved,
                                               g_object_ref (self));
}

/* ---- life ---- */

static void
pac_namespace_dialog_dispose (GObject *object)
{
  PacNamespaceDialog *self = PAC_NAMESPACE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_NAMESPACE_DIALOG);
  G_OBJECT_CLASS (pac_namespace_dialog_parent_class)->dispose (object);
}

static void
pac_namespace_dialog_finalize (GObject *object)
{
  PacNamespaceDialog *self = PAC_NAMESPACE_DIALOG (object);

  g_clear_object (&self->vcenter);
  g_clear_object (&self->options);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->checks);
  g_hash_table_unref (self->limits);
  g_ptr_array_unref (self->policy_rows);
  g_ptr_array_unref (self->class_rows);
  g_ptr_array_unref (self->grants);
  g_free (self->cluster);
  g_free (self->name);
  g_free (self->status);
  G_OBJECT_CLASS (pac_namespace_dialog_parent_class)->finalize (object);
}

static void
pac_namespace_dialog_class_init (PacNamespaceDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_namespace_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_namespace_dialog_finalize;
  /**
   * PacNamespaceDialog::saved:
   * @message: what was done, for a toast
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-namespace-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, storage_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, classes_group);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, classes_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, access_list);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, group_switch);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, PacNamespaceDialog, status_label);
  gtk_widget_class_install_action (widget_class, "namespace.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "namespace.remove-access", "s",
                                   remove_access_activated);
  gtk_widget_class_install_action (widget_class, "namespace.add-access", NULL,
                                   add_access_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "namespace.save", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_namespace_dialog_init (PacNamespaceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 620, 720);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) grant_free);
  self->policy_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  self->class_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
}

PacNamespaceDialog *
pac_namespace_dialog_new (PacVcenterClient *vcenter, const char *cluster, const char *name)
{
  PacNamespaceDialog *self = g_object_new (PAC_TYPE_NAMESPACE_DIALOG, NULL);

  self->vcenter = g_object_ref (vcenter);
  self->cluster = g_strdup (cluster);
  self->name = g_strdup (name);
  if (name)
    {
      g_autofree char *title = g_strdup_printf (_ ("Edit Namespace “%s”"), name);
      pac_dialog_set_title (PAC_DIALOG (self), title);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_button_set_label (self->save_button, _ ("_Save"));
    }
  else
    pac_dialog_set_initial_focus (PAC_DIALOG (self), GTK_WIDGET (self->name_row));
  set_busy (self, TRUE);
  pac_namespace_options_load_async (vcenter, name, self->cancellable, on_options,
                                    g_object_ref (self));
  return self;
}
