/* pac-library-dialog.c: creating the subscribed library of Kubernetes
 * releases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article's first prerequisite as a form: a name, one datastore,
 * VMware's subscription URL prefilled, on-demand download. vCenter's
 * probe shows the server's thumbprint, which the user confirms; any
 * change of the URL asks again and resets the confirmation. Create makes,
 * attaches and starts syncing the library (PacReadiness) and closes with
 * "created"; the checklist then shows the sync and the releases arrive.
 */
#define G_LOG_DOMAIN "pac-library"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-accessible.h"
#include "pac-choice-combo.h"
#include "pac-detail-list.h"
#include "pac-json.h"
#include "pac-library-dialog.h"

struct _PacLibraryDialog
{
  PacDialog parent_instance;

  PacReadiness *readiness;
  GListStore *datastores;
  char *thumbprint; /* as probed for the URL shown, or NULL */
  char *status;
  gboolean busy;
  GCancellable *cancellable;
  GCancellable *probe_cancellable;

  PacSpinner *spinner;
  AdwEntryRow *name_row;
  AdwComboRow *datastore_row;
  AdwEntryRow *url_row;
  GtkSwitch *on_demand_switch;
  AdwActionRow *thumbprint_row;
  GtkSwitch *confirm_switch;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (PacLibraryDialog, pac_library_dialog, PAC_TYPE_DIALOG)

enum
{
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
pac_library_dialog_get_thumbprint (PacLibraryDialog *self)
{
  return self->thumbprint;
}

const char *
pac_library_dialog_get_status (PacLibraryDialog *self)
{
  return self->status;
}

gboolean
pac_library_dialog_is_busy (PacLibraryDialog *self)
{
  return self->busy;
}

static void
set_status (PacLibraryDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status ? status : "");
}

static void
set_busy (PacLibraryDialog *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    pac_spinner_set_spinning (self->spinner, TRUE);
  else
    pac_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.create", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.probe", !busy);
}

/* ---- datastores ---- */

static void
on_datastores (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacLibraryDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  JsonArray *list = answer && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;

  if (answer == NULL)
    {
      if (!pac_error_is_cancelled (error))
        set_status (self, error->message);
      return;
    }
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (list, i));
      const char *id = pac_json_string (entry, "datastore");
      g_autofree char *free_space = g_format_size (pac_json_int (entry, "free_space", 0));
      /* Translators: a datastore's name, type and free space */
      g_autofree char *subtitle
        = g_strdup_printf (_ ("%s (%s), %s free"), pac_json_string (entry, "name"),
                           pac_json_string (entry, "type"), free_space);
      g_autoptr (PacChoice) choice = id ? pac_choice_new (id, subtitle, NULL) : NULL;
      if (choice)
        g_list_store_append (self->datastores, choice);
    }
  pac_choice_combo_bind (self->datastore_row, G_LIST_MODEL (self->datastores), NULL);
}

/* ---- probe ---- */

static void
on_probed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacLibraryDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *thumbprint = pac_readiness_probe_finish (PAC_READINESS (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  g_free (self->thumbprint);
  self->thumbprint = g_steal_pointer (&thumbprint);
  adw_action_row_set_subtitle (self->thumbprint_row, self->thumbprint == NULL ? error->message
                                                     : *self->thumbprint
                                                       ? self->thumbprint
                                                       : _ ("None: the address is not https"));
  set_status (self, NULL);
}

static void
probe (PacLibraryDialog *self)
{
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->thumbprint, g_free);
  gtk_switch_set_active (self->confirm_switch, FALSE);
  adw_action_row_set_subtitle (self->thumbprint_row, _ ("Probing…"));
  set_busy (self, TRUE);
  pac_readiness_probe_async (self->readiness, gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                             self->probe_cancellable, on_probed, g_object_ref (self));
}

static void
probe_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  probe (PAC_LIBRARY_DIALOG (widget));
}

static void
on_url_changed (PacLibraryDialog *self)
{
  /* A thumbprint confirmed for another address means nothing. */
  g_clear_pointer (&self->thumbprint, g_free);
  gtk_switch_set_active (self->confirm_switch, FALSE);
  adw_action_row_set_subtitle (self->thumbprint_row, _ ("Probe the address to see it"));
}

/* ---- create ---- */

static void
on_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacLibraryDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  if (!pac_readiness_fix_finish (PAC_READINESS (source), result, &error))
    {
      if (!pac_error_is_cancelled (error))
        set_status (self, error->message);
      return;
    }
  /* Translators: a content library's name */
  message = g_strdup_printf (_ ("Library “%s” created and attached: synchronizing"),
                             gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_signal_emit (self, signals[CREATED], 0, message);
  pac_dialog_close (PAC_DIALOG (self));
}

static void
create_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacLibraryDialog *self = PAC_LIBRARY_DIALOG (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  PacLibrarySpec spec = { .name = gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                          .datastore = pac_choice_combo_get (self->datastore_row),
                          .url = url,
                          .on_demand = gtk_switch_get_active (self->on_demand_switch) };

  if (self->busy)
    return;
  if (self->thumbprint == NULL)
    {
      set_status (self, _ ("Probe the subscription first"));
      return;
    }
  if (*self->thumbprint && !gtk_switch_get_active (self->confirm_switch))
    {
      set_status (self, _ ("Confirm the thumbprint first"));
      return;
    }
  spec.thumbprint = *self->thumbprint ? self->thumbprint : NULL;
  set_status (self, _ ("Creating the library…"));
  set_busy (self, TRUE);
  pac_readiness_create_library_async (self->readiness, &spec, self->cancellable, on_created,
                                      g_object_ref (self));
}

/* ---- life ---- */

static void
pac_library_dialog_dispose (GObject *object)
{
  PacLibraryDialog *self = PAC_LIBRARY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->probe_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_LIBRARY_DIALOG);
  G_OBJECT_CLASS (pac_library_dialog_parent_class)->dispose (object);
}

static void
pac_library_dialog_finalize (GObject *object)
{
  PacLibraryDialog *self = PAC_LIBRARY_DIALOG (object);

  g_clear_object (&self->readiness);
  g_clear_object (&self->datastores);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe_cancellable);
  g_free (self->thumbprint);
  g_free (self->status);
  G_OBJECT_CLASS (pac_library_dialog_parent_class)->finalize (object);
}

static void
pac_library_dialog_class_init (PacLibraryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_library_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_library_dialog_finalize;
  /**
   * PacLibraryDialog::created:
   * @message: what was done, for a toast
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-library-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, datastore_row);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, on_demand_switch);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, thumbprint_row);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, PacLibraryDialog, status_label);
  gtk_widget_class_install_action (widget_class, "library.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "library.probe", NULL, probe_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "library.create", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_library_dialog_init (PacLibraryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 600, 620);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->datastores = g_list_store_new (PAC_TYPE_CHOICE);
}

PacLibraryDialog *
pac_library_dialog_new (PacReadiness *readiness)
{
  PacLibraryDialog *self = g_object_new (PAC_TYPE_LIBRARY_DIALOG, NULL);

  self->readiness = g_object_ref (readiness);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), PAC_WP_CONTENT_URL);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_url_changed), self);
  pac_vcenter_client_list_datastores_async (pac_readiness_get_vcenter (readiness),
                                            self->cancellable, on_datastores, g_object_ref (self));
  probe (self);
  return self;
}
