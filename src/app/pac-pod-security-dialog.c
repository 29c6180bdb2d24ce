/* pac-pod-security-dialog.c: which pods a guest cluster admits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin face on PacPodSecurity: it reads the cluster, offers the regime
 * its version has (PodSecurityPolicy bindings up to 1.24, Pod Security
 * Admission labels from 1.25), shows what applies in each namespace and
 * what is bound already, and previews exactly the changes Apply makes.
 * An empty plan means the cluster is as asked: Apply stays off. A failure
 * keeps the dialog and the choices; success closes it with "applied".
 */
#define G_LOG_DOMAIN "pac-pod-security"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-accessible.h"
#include "pac-detail-list.h"
#include "pac-form-text.h"
#include "pac-json.h"
#include "pac-pod-security-dialog.h"
#include "pac-pod-security.h"

struct _PacPodSecurityDialog
{
  PacDialog parent_instance;

  PacGuestClient *client;
  PacPodSecurity *security;
  GPtrArray *plan;    /* of PacGuestChange; NULL while invalid */
  GHashTable *checks; /* namespace → GtkCheckButton */
  char *namespace;    /* the one to choose first */
  char *status;
  gboolean busy;
  GCancellable *cancellable;

  GtkButton *apply_button;
  PacSpinner *spinner;
  AdwActionRow *regime_row;
  AdwPreferencesGroup *psp_group;
  AdwComboRow *psp_level_row;
  AdwComboRow *scope_row;
  AdwActionRow *later_row;
  AdwPreferencesGroup *psa_group;
  AdwComboRow *enforce_row;
  AdwComboRow *audit_row;
  AdwComboRow *warn_row;
  AdwPreferencesGroup *namespaces_group;
  GtkListBox *namespaces_list;
  AdwPreferencesGroup *bindings_group;
  GtkListBox *bindings_list;
  GtkLabel *status_label;
  GtkTextView *preview_view;
};

G_DEFINE_FINAL_TYPE (PacPodSecurityDialog, pac_pod_security_dialog, PAC_TYPE_DIALOG)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The PSP level combo's order */
static const PacPodSecurityLevel psp_levels[]
  = { PAC_POD_SECURITY_PRIVILEGED, PAC_POD_SECURITY_RESTRICTED, PAC_POD_SECURITY_NONE };

static void
set_status (PacPodSecurityDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static void
sync_sensitivity (PacPodSecurityDialog *self)
{
  pac_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pod-security.apply",
                                 !self->busy && self->plan && self->plan->len > 0);
}

static GStrv
checked_namespaces (PacPodSecurityDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = pac_pod_security_dup_namespaces (self->security);

  for (guint i = 0; names[i]; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->checks, names[i]);

      if (check && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, names[i]);
    }
  return g_strv_builder_end (builder);
}

static void
update_preview (PacPodSecurityDialog *self)
{
  g_auto (GStrv) namespaces = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *yaml = NULL;
  gboolean psp;
  PacPodSecurityRequest request = { 0 };

  if (self->security == NULL)
    return;
  psp = pac_pod_security_uses_psp (self->security);
  namespaces = checked_namespaces (self);
  request.namespaces = (const char *const *) namespaces;
  request.scope = adw_combo_row_get_selected (self->scope_row) == 1 ? PAC_POD_SECURITY_CLUSTER
                                                                    : PAC_POD_SECURITY_NAMESPACES;
  request.level = psp ? psp_levels[MIN (adw_combo_row_get_selected (self->psp_level_row), 2)]
                      : adw_combo_row_get_selected (self->enforce_row);
  request.audit = adw_combo_row_get_selected (self->audit_row);
  request.warn = adw_combo_row_get_selected (self->warn_row);
  gtk_widget_set_visible (GTK_WIDGET (self->namespaces_group),
                          !psp || request.scope == PAC_POD_SECURITY_NAMESPACES);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  self->plan = pac_pod_security_plan (self->security, &request, &error);
  if (self->plan == NULL)
    set_status (self, error->message);
  else if (self->plan->len == 0)
    set_status (self, _ ("Nothing to change: the cluster is as asked"));
  else
    {
      g_autofree char *count = g_strdup_printf (
        ngettext ("%u change, applied through the cluster’s API",
                  "%u changes, applied through the cluster’s API", self->plan->len),
        self->plan->len);
      set_status (self, count);
      yaml = pac_guest_changes_to_yaml (self->plan);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), yaml ? yaml : "", -1);
  sync_sensitivity (self);
}

/* ---- what the cluster has ---- */

static void
show_namespaces (PacPodSecurityDialog *self)
{
  g_auto (GStrv) names = pac_pod_security_dup_namespaces (self->security);

  pac_detail_list_clear (self->namespaces_list);
  g_hash_table_remove_all (self->checks);
  for (guint i = 0; names[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *now = pac_pod_security_describe_namespace (self->security, names[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), now);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (names[i], self->namespace) == 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      names[i], -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_preview), self);
      g_hash_table_insert (self->checks, g_strdup (names[i]), check);
      gtk_list_box_append (self->namespaces_list, row);
    }
}

static void
show_bindings (PacPodSecurityDialog *self)
{
  g_autoptr (GPtrArray) bindings = pac_pod_security_list_bindings (self->security);

  pac_detail_list_clear (self->bindings_list);
  gtk_widget_set_visible (GTK_WIDGET (self->bindings_group),
                          pac_pod_security_uses_psp (self->security));
  for (guint i = 0; i < bindings->len; i++)
    {
      JsonObject *binding = g_ptr_array_index (bindings, i);
      const char *namespace = pac_json_string (binding, "metadata.namespace");
      g_autofree char *subjects = pac_guest_binding_describe_subjects (binding);
      /* Translators: a role, whom it is bound to, and where */
      g_autofree char *subtitle
        = g_strdup_printf (_ ("%s for %s · %s"), pac_json_string (binding, "roleRef.name"),
                           subjects, namespace ? namespace : _ ("whole cluster"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     pac_json_string (binding, "metadata.name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->bindings_list, row);
    }
  if (bindings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No bindings yet"));
      gtk_list_box_append (self->bindings_list, row);
    }
}

/* The PSA combos start at the labels of the namespace chosen first, so
 * that Apply without a change is no change */
static void
preset_levels (PacPodSecurityDialog *self)
{
  const char *namespace = self->namespace ? self->namespace : "default";
  PacPodSecurityLevel enforce = pac_pod_security_get_label (self->security, namespace, "enforce");

  adw_combo_row_set_selected (self->enforce_row, enforce ? enforce : PAC_POD_SECURITY_PRIVILEGED);
  adw_combo_row_set_selected (self->audit_row,
                              pac_pod_security_get_label (self->security, namespace, "audit"));
  adw_combo_row_set_selected (self->warn_row,
                              pac_pod_security_get_label (self->security, namespace, "warn"));
}

static void
show_regime (PacPodSecurityDialog *self)
{
  gboolean psp = pac_pod_security_uses_psp (self->security);
  /* Translators: a Kubernetes version */
  g_autofree char *title = g_strdup_printf (psp ? _ ("Kubernetes %s: PodSecurityPolicy")
                                                : _ ("Kubernetes %s: Pod Security Admission"),
                                            pac_pod_security_get_version (self->security));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->regime_row), title);
  adw_action_row_set_subtitle (
    self->regime_row,
    psp ? _ ("A pod is admitted when whoever creates it may use a policy it satisfies. "
             "Deployments and other controllers create pods through service accounts, which "
             "have no policy until one is bound: their pods are refused with “unable to validate "
             "against any pod security policy”.")
        : _ ("PodSecurityPolicy is gone since Kubernetes 1.25. Pod Security Admission checks "
             "each pod against the level named by its namespace’s labels; from 1.26 clusters "
             "enforce “restricted” where no label says otherwise. Namespaces created later get "
             "that default until labelled."));
  gtk_widget_set_visible (GTK_WIDGET (self->psp_group), psp);
  gtk_widget_set_visible (GTK_WIDGET (self->psa_group), !psp);
  if (!psp)
    preset_levels (self);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacPodSecurityDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacPodSecurity *security
    = pac_pod_security_load_finish (PAC_GUEST_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (security == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->regime_row),
                                     _ ("The cluster could not be read"));
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  g_set_object (&self->security, security);
  g_object_unref (security);
  show_regime (self);
  show_namespaces (self);
  show_bindings (self);
  update_preview (self);
}

static void
load (PacPodSecurityDialog *self)
{
  self->busy = TRUE;
  sync_sensitivity (self);
  pac_pod_security_load_async (self->client, self->cancellable, on_loaded, g_object_ref (self));
}

/* ---- apply ---- */

static void
on_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacPodSecurityDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  guint changed = 0;
  g_autofree char *message = NULL;

  if (!pac_guest_changes_apply_finish (PAC_GUEST_CLIENT (source), result, &changed, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      set_status (self, error->message);
      sync_sensitivity (self);
      return;
    }
  message = g_strdup_printf (
    ngettext ("Pod security: %u change applied", "Pod security: %u changes applied", changed),
    changed);
  g_signal_emit (self, signals[APPLIED], 0, message);
  pac_dialog_force_close (PAC_DIALOG (self));
}

static void
apply_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacPodSecurityDialog *self = PAC_POD_SECURITY_DIALOG (widget);

  if (self->busy || self->plan == NULL || self->plan->len == 0)
    return;
  self->busy = TRUE;
  set_status (self, _ ("Applying…"));
  sync_sensitivity (self);
  pac_guest_changes_apply_async (self->client, self->plan, self->cancellable, on_applied,
                                 g_object_ref (self));
}

/* ---- life ---- */

/**
 * pac_pod_security_dialog_new:
 * @namespace: (nullable): a namespace to choose at first (where pods were
 *   refused); else "default"
 */
PacPodSecurityDialog *
pac_pod_security_dialog_new (PacGuestClient *client, const char *cluster, const char *namespace)
{
  PacPodSecurityDialog *self = g_object_new (PAC_TYPE_POD_SECURITY_DIALOG, NULL);
  /* Translators: the dialog's title, with a cluster's name */
  g_autofree char *title = g_strdup_printf (_ ("Pod Security: %s"), cluster);

  pac_dialog_set_title (PAC_DIALOG (self), title);
  self->client = g_object_ref (client);
  self->namespace = g_strdup (namespace ? namespace : "default");
  load (self);
  return self;
}

/* Read, valid, with something to change, and nothing running */
gboolean
pac_pod_security_dialog_is_ready (PacPodSecurityDialog *self)
{
  return !self->busy && self->plan && self->plan->len > 0;
}

/* Returns: (nullable): the status line; %NULL while reading the cluster */
const char *
pac_pod_security_dialog_get_status (PacPodSecurityDialog *self)
{
  return self->busy ? NULL : self->status;
}

char *
pac_pod_security_dialog_dup_preview (PacPodSecurityDialog *self)
{
  return pac_text_view_dup_text (self->preview_view);
}

static void
pac_pod_security_dialog_dispose (GObject *object)
{
  PacPodSecurityDialog *self = PAC_POD_SECURITY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->security);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->namespace, g_free);
  g_clear_pointer (&self->status, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_POD_SECURITY_DIALOG);
  G_OBJECT_CLASS (pac_pod_security_dialog_parent_class)->dispose (object);
}

static void
pac_pod_security_dialog_class_init (PacPodSecurityDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_pod_security_dialog_dispose;
  /**
   * PacPodSecurityDialog::applied:
   * @message: what was done, for a toast
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-pod-security-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, regime_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, psp_group);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, psp_level_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, later_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, psa_group);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, enforce_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, audit_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, warn_row);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, namespaces_group);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, namespaces_list);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, bindings_group);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, bindings_list);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PacPodSecurityDialog, preview_view);
  gtk_widget_class_install_action (widget_class, "pod-security.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "pod-security.apply", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_pod_security_dialog_init (PacPodSecurityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 640, 760);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  adw_action_row_set_subtitle (
    self->later_row,
    _ ("A binding per namespace covers the namespaces that exist now: Pacific does not watch the "
       "cluster while it is closed, so namespaces created later get no binding. To cover them, "
       "choose “Every authenticated user”: one binding for the whole cluster."));
  g_signal_connect_swapped (self->psp_level_row, "notify::selected", G_CALLBACK (update_preview),
                            self);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->enforce_row, "notify::selected", G_CALLBACK (update_preview),
                            self);
  g_signal_connect_swapped (self->audit_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->warn_row, "notify::selected", G_CALLBACK (update_preview), self);
}
