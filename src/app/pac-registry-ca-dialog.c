/* pac-registry-ca-dialog.c: a private registry's root CA for guest clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin face on PacRegistryCa and PacRegistryTrust. The certificate comes
 * from a file, the clipboard or the registry; it is shown by subject,
 * issuer, validity and fingerprint and must be confirmed (again after
 * every change of the text). The routes the Supervisor offers are
 * explained; those it does not offer say why. Clusters of the Supervisor
 * are picked by check boxes, the shown one first; each gets its own
 * progress and result, and a failure on one leaves the others done.
 */
#define G_LOG_DOMAIN "pac-registry-ca"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-file-pick.h"
#include "pac-accessible.h"
#include "pac-cluster.h"
#include "pac-detail-list.h"
#include "pac-error.h"
#include "pac-form-text.h"
#include "pac-registry-ca-dialog.h"

struct _PacRegistryCaDialog
{
  PacDialog parent_instance;

  PacRegistryTrust *trust;
  PacCapabilities capabilities_copy; /* only what routes need */
  PacRegistryCa *ca;                 /* the text's certificate, or NULL */
  PacRegistryRoute route;
  GPtrArray *clusters; /* of ClusterRow */
  char *status;
  gboolean name_edited;
  gboolean filling_name;
  guint running;
  guint failed;
  guint changed;
  GCancellable *cancellable;

  GtkButton *apply_button;
  PacSpinner *spinner;
  AdwEntryRow *url_row;
  GtkTextView *pem_view;
  AdwEntryRow *name_row;
  AdwActionRow *details_row;
  AdwActionRow *warning_row;
  GtkSwitch *confirm_switch;
  AdwPreferencesGroup *routes_group;
  AdwPreferencesGroup *image_group;
  AdwEntryRow *image_row;
  AdwPreferencesGroup *clusters_group;
  GtkListBox *clusters_list;
  GtkLabel *status_label;
  GtkCheckButton *route_checks[PAC_REGISTRY_N_ROUTES];
};

G_DEFINE_FINAL_TYPE (PacRegistryCaDialog, pac_registry_ca_dialog, PAC_TYPE_DIALOG)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  PacRegistryCaDialog *dialog; /* a reference while an answer is awaited */
  char *namespace;
  char *name;
  char *result;
  GtkCheckButton *check;
  PacSpinner *spinner;
  GtkLabel *label;
} ClusterRow;

static void
cluster_row_free (ClusterRow *row)
{
  g_free (row->namespace);
  g_free (row->name);
  g_free (row->result);
  g_free (row);
}

static void
set_status (PacRegistryCaDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static guint
checked_clusters (PacRegistryCaDialog *self)
{
  guint count = 0;

  for (guint i = 0; i < self->clusters->len; i++)
    count += gtk_check_button_get_active (
      ((ClusterRow *) g_ptr_array_index (self->clusters, i))->check);
  return count;
}

static void
sync_sensitivity (PacRegistryCaDialog *self)
{
  gboolean global = self->route == PAC_REGISTRY_ROUTE_GLOBAL;
  gboolean ready = self->ca && gtk_switch_get_active (self->confirm_switch)
                   && pac_registry_route_offered (self->route, &self->capabilities_copy, NULL)
                   && (global || checked_clusters (self) > 0);

  pac_spinner_set_spinning (self->spinner, self->running > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registry-ca.apply",
                                 self->running == 0 && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registry-ca.fetch", self->running == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->image_group),
                          self->route == PAC_REGISTRY_ROUTE_DAEMON_SET);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clusters_group), !global);
}

/* ---- the certificate ---- */

static char *
pem_text (PacRegistryCaDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->pem_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_certificate (PacRegistryCaDialog *self, const GError *error)
{
  g_autofree char *description = self->ca ? pac_registry_ca_describe (self->ca) : NULL;
  const char *warning = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->details_row),
                                 self->ca ? _ ("Certificate") : _ ("No certificate yet"));
  adw_action_row_set_subtitle (self->details_row, description ? description
                                                  : error     ? error->message
                                                              : "");
  if (self->ca && pac_registry_ca_is_expired (self->ca))
    warning = _ ("This certificate has expired: registries signed by it are refused anyway.");
  else if (self->ca && !pac_registry_ca_is_self_signed (self->ca))
    warning = _ ("This certificate is not self-signed, so it is not a root CA: servers rarely "
                 "send their root. Ask the registry’s administrator for the root CA, or use "
                 "Harbor’s address, which hands it out.");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_row), warning != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warning_row), warning ? warning : "");
}

/* The name proposed from the registry's address, until the user types one */
static void
propose_name (PacRegistryCaDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *name = NULL;

  if (self->name_edited)
    return;
  name = *url ? pac_registry_ca_suggest_name (url) : g_strdup ("registry-ca");
  self->filling_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  self->filling_name = FALSE;
}

static void
reparse (PacRegistryCaDialog *self)
{
  g_autofree char *text = pem_text (self);
  g_autoptr (GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  g_clear_pointer (&self->ca, pac_registry_ca_free);
  if (*g_strstrip (text) != '\0')
    self->ca = pac_registry_ca_new (name, text, &error);
  show_certificate (self, error);
  sync_sensitivity (self);
}

static void
on_pem_changed (GtkTextBuffer *buffer, PacRegistryCaDialog *self)
{
  /* A confirmation is for one certificate: another one asks again */
  gtk_switch_set_active (self->confirm_switch, FALSE);
  reparse (self);
}

static void
on_name_changed (GtkEditable *editable, PacRegistryCaDialog *self)
{
  if (!self->filling_name)
    self->name_edited = TRUE;
  reparse (self);
}

static void
on_url_changed (GtkEditable *editable, PacRegistryCaDialog *self)
{
  propose_name (self);
}

static void
set_pem (PacRegistryCaDialog *self, const char *pem)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->pem_view), pem, -1);
}

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacRegistryCaDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacRegistryCaOrigin origin = PAC_REGISTRY_CA_FROM_HARBOR;
  g_autofree char *pem = pac_registry_ca_fetch_finish (result, &origin, &error);

  if (pac_error_is_cancelled (error))
    return;
  self->running--;
  if (pem == NULL)
    set_status (self, error->message);
  else
    {
      set_pem (self, pem);
      set_status (self, origin == PAC_REGISTRY_CA_FROM_HARBOR
                          ? _ ("Harbor handed out its CA. Compare the fingerprint before you "
                               "confirm.")
                          : _ ("Taken from the registry’s TLS handshake (the last certificate "
                               "it sent). Compare the fingerprint before you confirm."));
    }
  sync_sensitivity (self);
}

static void
fetch_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacRegistryCaDialog *self = PAC_REGISTRY_CA_DIALOG (widget);

  self->running++;
  set_status (self, _ ("Asking the registry…"));
  sync_sensitivity (self);
  pac_registry_ca_fetch_async (gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                               self->cancellable, on_fetched, g_object_ref (self));
}

/**
 * pac_registry_ca_dialog_load_file:
 *
 * Puts the file's text in the certificate view, as if pasted.
 */
void
pac_registry_ca_dialog_load_file (PacRegistryCaDialog *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error))
    set_status (self, error->message);
  else if (!g_utf8_validate (text, (gssize) length, NULL))
    set_status (self, _ ("The file is not text: a PEM certificate is"));
  else
    {
      set_pem (self, text);
      set_status (self, NULL);
    }
}

/* @data: the dialog, held while the user picks */
static void
on_file_picked (GFile *file, gpointer data)
{
  g_autoptr (PacRegistryCaDialog) self = data;

  if (file)
    pac_registry_ca_dialog_load_file (self, file);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Through the file chooser portal in a Flatpak: only the picked file is read */
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  PacFilePick pick = { .title = _ ("Open a CA Certificate"), .filter = filter };

  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_filter_set_name (filter, _ ("Certificates (PEM)"));
  pac_file_pick_open (pac_dialog_get_window (PAC_DIALOG (widget)), &pick, on_file_picked,
                      g_object_ref (widget));
}

/* ---- routes and clusters ---- */

static void
on_route_toggled (GtkCheckButton *check, PacRegistryCaDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < PAC_REGISTRY_N_ROUTES; i++)
    if (self->route_checks[i] == check)
      self->route = (PacRegistryRoute) i;
  sync_sensitivity (self);
}

static void
add_route_rows (PacRegistryCaDialog *self)
{
  gboolean chosen = FALSE;

  for (guint i = 0; i < PAC_REGISTRY_N_ROUTES; i++)
    {
      PacRegistryRoute route = (PacRegistryRoute) i;
      const char *why_not = NULL;
      gboolean offered = pac_registry_route_offered (route, &self->capabilities_copy, &why_not);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pac_registry_route_title (route));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   offered ? pac_registry_route_explain (route) : why_not);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->route_checks[0]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, offered);
      self->route_checks[i] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (self->routes_group, row);
      /* Per cluster where offered, else the DaemonSet: the Supervisor-wide
       * list changes every cluster and is only taken when chosen */
      if (offered && !chosen && route != PAC_REGISTRY_ROUTE_GLOBAL)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          self->route = route;
          chosen = TRUE;
        }
      g_signal_connect (check, "toggled", G_CALLBACK (on_route_toggled), self);
    }
}

/* The Supervisor-wide list is a cluster-scoped TkgServiceConfiguration:
 * offered by the release, but only to a user the Supervisor lets change it
 * (a namespace's DevOps user may not) */
static void
on_may_change_global (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacRegistryCaDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean allowed
    = pac_supervisor_client_can_finish (PAC_SUPERVISOR_CLIENT (source), result, &reason, &error);
  GtkWidget *check = GTK_WIDGET (self->route_checks[PAC_REGISTRY_ROUTE_GLOBAL]);
  GtkWidget *row = check ? gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW) : NULL;

  if (pac_error_is_cancelled (error) || allowed || row == NULL)
    return;
  if (self->route == PAC_REGISTRY_ROUTE_GLOBAL)
    gtk_check_button_set_active (self->route_checks[PAC_REGISTRY_ROUTE_DAEMON_SET], TRUE);
  gtk_widget_set_sensitive (row, FALSE);
  adw_action_row_set_subtitle (
    ADW_ACTION_ROW (row),
    error ? error->message
          : _ ("Your account may not change the Supervisor’s TkgServiceConfiguration"));
}

static void
check_global_route (PacRegistryCaDialog *self, PacSupervisorClient *supervisor)
{
  const char *why_not = NULL;

  if (supervisor == NULL
      || !pac_registry_route_offered (PAC_REGISTRY_ROUTE_GLOBAL, &self->capabilities_copy,
                                      &why_not))
    return;
  pac_supervisor_client_can_async (supervisor, "update", "run.tanzu.vmware.com",
                                   "tkgserviceconfigurations", NULL, self->cancellable,
                                   on_may_change_global, g_object_ref (self));
}

static void
on_cluster_toggled (GtkCheckButton *check, PacRegistryCaDialog *self)
{
  sync_sensitivity (self);
}

static void
add_cluster_row (PacRegistryCaDialog *self, PacCluster *cluster, gboolean shown)
{
  ClusterRow *row = g_new0 (ClusterRow, 1);
  GtkWidget *widget = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  row->namespace = g_strdup (pac_cluster_get_namespace (cluster));
  row->name = g_strdup (pac_cluster_get_name (cluster));
  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  row->spinner = PAC_SPINNER (pac_spinner_new ());
  row->label = GTK_LABEL (gtk_label_new (NULL));
  /* Translators: the vSphere namespace a cluster is in */
  subtitle = g_strdup_printf (_ ("in %s"), row->namespace);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), row->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  gtk_label_set_wrap (row->label, TRUE);
  gtk_label_set_xalign (row->label, 1);
  gtk_label_set_max_width_chars (row->label, 36);
  gtk_widget_add_css_class (GTK_WIDGET (row->label), "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (widget), GTK_WIDGET (row->check));
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), GTK_WIDGET (row->label));
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), GTK_WIDGET (row->spinner));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (widget), GTK_WIDGET (row->check));
  gtk_check_button_set_active (row->check, shown);
  g_signal_connect (row->check, "toggled", G_CALLBACK (on_cluster_toggled), self);
  gtk_list_box_append (self->clusters_list, widget);
  g_ptr_array_add (self->clusters, row);
}

static gboolean
is_checked (PacCluster *cluster, GPtrArray *checked)
{
  for (guint i = 0; checked && i < checked->len; i++)
    {
      gpointer item = pac_node_get_item (g_ptr_array_index (checked, i));

      if (PAC_IS_CLUSTER (item)
          && g_strcmp0 (pac_cluster_get_namespace (item), pac_cluster_get_namespace (cluster)) == 0
          && g_strcmp0 (pac_cluster_get_name (item), pac_cluster_get_name (cluster)) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every TanzuKubernetesCluster of the Supervisor the tree knows */
static void
add_cluster_rows (PacRegistryCaDialog *self, PacNode *supervisor_node, GPtrArray *checked)
{
  GListModel *namespaces = pac_node_get_children (supervisor_node);

  for (guint i = 0; i < g_list_model_get_n_items (namespaces); i++)
    {
      g_autoptr (PacNode) namespace = g_list_model_get_item (namespaces, i);
      GListModel *clusters = pac_node_get_children (namespace);

      for (guint j = 0; j < g_list_model_get_n_items (clusters); j++)
        {
          g_autoptr (PacNode) node = g_list_model_get_item (clusters, j);
          gpointer item = pac_node_get_item (node);

          if (pac_node_get_kind (node) == PAC_NODE_CLUSTER && PAC_IS_CLUSTER (item)
              && !pac_cluster_is_class_based (item))
            add_cluster_row (self, item, is_checked (item, checked));
        }
    }
}

/* ---- applying ---- */

static void
finish_if_done (PacRegistryCaDialog *self)
{
  g_autofree char *message = NULL;

  if (self->running > 0)
    return;
  sync_sensitivity (self);
  if (self->failed > 0)
    {
      set_status (self, _ ("Some clusters failed; the others are done. Fix what is shown and "
                           "add again: done ones stay unchanged."));
      return;
    }
  message = self->changed == 0
              ? g_strdup_printf (_ ("“%s” was there already: nothing changed"), self->ca->name)
              : g_strdup_printf (_ ("“%s” added"), self->ca->name);
  g_signal_emit (self, signals[APPLIED], 0, message);
  pac_dialog_close (PAC_DIALOG (self));
}

static void
set_row_result (ClusterRow *row, const char *result)
{
  g_free (row->result);
  row->result = g_strdup (result);
  gtk_label_set_text (row->label, result ? result : "");
  pac_spinner_set_spinning (row->spinner, result == NULL);
}

/* Each operation holds a reference on the dialog: its rows stay until
 * the last answer, even when the window closes first. */
static void
on_cluster_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ClusterRow *row = user_data;
  g_autoptr (PacRegistryCaDialog) self = g_steal_pointer (&row->dialog);
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  if (!pac_registry_trust_change_finish (PAC_REGISTRY_TRUST (source), result, &changed, &error)
      && pac_error_is_cancelled (error))
    return;
  self->running--;
  if (error)
    {
      self->failed++;
      set_row_result (row, error->message);
    }
  else
    {
      self->changed += changed;
      set_row_result (row, changed ? (self->route == PAC_REGISTRY_ROUTE_CLUSTER
                                        ? _ ("Added; the nodes roll now")
                                        : _ ("Added"))
                                   : _ ("Unchanged"));
    }
  finish_if_done (self);
}

static void
on_global_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacRegistryCaDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  if (!pac_registry_trust_change_finish (PAC_REGISTRY_TRUST (source), result, &changed, &error)
      && pac_error_is_cancelled (error))
    return;
  self->running--;
  self->changed += changed;
  if (error)
    {
      self->failed++;
      sync_sensitivity (self);
      set_status (self, error->message);
      return;
    }
  finish_if_done (self);
}

static void
apply_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacRegistryCaDialog *self = PAC_REGISTRY_CA_DIALOG (widget);

  self->failed = 0;
  self->changed = 0;
  pac_registry_trust_set_image (self->trust,
                                gtk_editable_get_text (GTK_EDITABLE (self->image_row)));
  set_status (self, _ ("Adding…"));
  if (self->route == PAC_REGISTRY_ROUTE_GLOBAL)
    {
      self->running++;
      pac_registry_trust_add_async (self->trust, self->route, self->ca, NULL, NULL,
                                    self->cancellable, on_global_done, g_object_ref (self));
    }
  for (guint i = 0; self->route != PAC_REGISTRY_ROUTE_GLOBAL && i < self->clusters->len; i++)
    {
      ClusterRow *row = g_ptr_array_index (self->clusters, i);

      if (!gtk_check_button_get_active (row->check))
        continue;
      set_row_result (row, NULL);
      self->running++;
      row->dialog = g_object_ref (self);
      pac_registry_trust_add_async (self->trust, self->route, self->ca, row->namespace, row->name,
                                    self->cancellable, on_cluster_done, row);
    }
  sync_sensitivity (self);
}

/* ---- the window ---- */

static void
pac_registry_ca_dialog_dispose (GObject *object)
{
  PacRegistryCaDialog *self = PAC_REGISTRY_CA_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_REGISTRY_CA_DIALOG);
  G_OBJECT_CLASS (pac_registry_ca_dialog_parent_class)->dispose (object);
}

static void
pac_registry_ca_dialog_finalize (GObject *object)
{
  PacRegistryCaDialog *self = PAC_REGISTRY_CA_DIALOG (object);

  g_clear_object (&self->trust);
  g_clear_object (&self->cancellable);
  g_strfreev (self->capabilities_copy.tkc_versions);
  g_free (self->capabilities_copy.service_configuration_version);
  pac_registry_ca_free (self->ca);
  g_ptr_array_unref (self->clusters);
  g_free (self->status);
  G_OBJECT_CLASS (pac_registry_ca_dialog_parent_class)->finalize (object);
}

static void
pac_registry_ca_dialog_class_init (PacRegistryCaDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_registry_ca_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_registry_ca_dialog_finalize;
  /**
   * PacRegistryCaDialog::applied:
   * @message: what was done, for a toast
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-registry-ca-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, pem_view);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, details_row);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, warning_row);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, routes_group);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, image_group);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, image_row);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, clusters_group);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, clusters_list);
  gtk_widget_class_bind_template_child (widget_class, PacRegistryCaDialog, status_label);
  gtk_widget_class_install_action (widget_class, "registry-ca.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "registry-ca.fetch", NULL, fetch_activated);
  gtk_widget_class_install_action (widget_class, "registry-ca.open", NULL, open_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "registry-ca.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "registry-ca.open", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_registry_ca_dialog_init (PacRegistryCaDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 680, 820);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_row_free);
  g_signal_connect (gtk_text_view_get_buffer (self->pem_view), "changed",
                    G_CALLBACK (on_pem_changed), self);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect (self->url_row, "changed", G_CALLBACK (on_url_changed), self);
  g_signal_connect_swapped (self->confirm_switch, "notify::active", G_CALLBACK (sync_sensitivity),
                            self);
}

/**
 * pac_registry_ca_dialog_new:
 * @supervisor_node: the Supervisor in the tree, whose clusters are offered
 * @checked: (nullable) (element-type PacNode): the clusters checked first:
 *   those selected in the tree
 */
PacRegistryCaDialog *
pac_registry_ca_dialog_new (PacSupervisorClient *supervisor,
                            const PacCapabilities *capabilities,
                            PacNode *supervisor_node,
                            GPtrArray *checked)
{
  PacRegistryCaDialog *self = g_object_new (PAC_TYPE_REGISTRY_CA_DIALOG, NULL);

  self->trust = pac_registry_trust_new (supervisor, capabilities);
  if (capabilities)
    {
      self->capabilities_copy.tkc_versions = g_strdupv (capabilities->tkc_versions);
      self->capabilities_copy.service_configuration_version
        = g_strdup (capabilities->service_configuration_version);
      self->capabilities_copy.global_trust = capabilities->global_trust;
    }
  add_route_rows (self);
  check_global_route (self, supervisor);
  add_cluster_rows (self, supervisor_node, checked);
  if (self->clusters->len == 0)
    {
      GtkWidget *none = gtk_label_new (_ ("No Tanzu Kubernetes clusters in this Supervisor yet"));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_set_placeholder (self->clusters_list, none);
    }
  propose_name (self);
  reparse (self);
  return self;
}

const char *
pac_registry_ca_dialog_get_status (PacRegistryCaDialog *self)
{
  return self->status;
}

/* Returns: (nullable): a cluster row's result, %NULL while it runs or before */
const char *
pac_registry_ca_dialog_get_cluster_result (PacRegistryCaDialog *self,
                                           const char *namespace,
                                           const char *cluster)
{
  for (guint i = 0; i < self->clusters->len; i++)
    {
      ClusterRow *row = g_ptr_array_index (self->clusters, i);
      if (g_str_equal (row->namespace, namespace) && g_str_equal (row->name, cluster))
        return row->result;
    }
  return NULL;
}
