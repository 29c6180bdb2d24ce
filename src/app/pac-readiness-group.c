/* pac-readiness-group.c: a Supervisor's readiness checklist, with fixes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin face on PacReadiness: one row per check with its state and what
 * was found, and the fix as a button where a vCenter account can make
 * it. Attaching and syncing a library happen in place; a new library
 * and namespaces open their dialogs. While something is under way
 * (a sync, releases arriving) the list checks again every two seconds.
 */
#define G_LOG_DOMAIN "pac-readiness-group"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-spinner.h"
#include "pac-detail-list.h"
#include "pac-library-dialog.h"
#include "pac-namespace-dialog.h"
#include "pac-readiness-group.h"
#include "pac-session.h"

#define SETTLE_SECONDS 2

struct _PacReadinessGroup
{
  AdwPreferencesGroup parent_instance;

  PacNode *node;
  PacReadiness *readiness;
  GCancellable *cancellable;     /* the latest check only */
  GCancellable *fix_cancellable; /* fixes, for as long as the node is shown */
  guint settle_source;
  gboolean settling; /* at the last check: a sync or releases under way */
  gboolean busy;
  gboolean signed_in; /* the readiness was made with the Supervisor's client too */
  GtkListBox *list;
  PacSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (PacReadinessGroup, pac_readiness_group, ADW_TYPE_PREFERENCES_GROUP)

static void
toast (PacReadinessGroup *self, const char *message)
{
  /* the window's action: a group needs no header of the window's */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

PacReadiness *
pac_readiness_group_get_readiness (PacReadinessGroup *self)
{
  return self->readiness;
}

GtkListBox *
pac_readiness_group_get_list (PacReadinessGroup *self)
{
  return self->list;
}

gboolean
pac_readiness_group_is_busy (PacReadinessGroup *self)
{
  return self->busy;
}

/* ---- rows ---- */

static const char *
state_icon (PacReadinessState state)
{
  switch (state)
    {
      case PAC_READINESS_OK:
        return "object-select-symbolic";
      case PAC_READINESS_MISSING:
        return "dialog-warning-symbolic";
      case PAC_READINESS_ERROR:
        return "dialog-error-symbolic";
      case PAC_READINESS_PROGRESS:
      case PAC_READINESS_UNKNOWN:
      default:
        return "dialog-question-symbolic";
    }
}

static const char *
state_label (PacReadinessState state)
{
  switch (state)
    {
      case PAC_READINESS_OK:
        return _ ("Ready");
      case PAC_READINESS_MISSING:
        return _ ("Missing");
      case PAC_READINESS_PROGRESS:
        return _ ("In progress");
      case PAC_READINESS_ERROR:
        return _ ("Error");
      case PAC_READINESS_UNKNOWN:
      default:
        return _ ("Not visible to this account");
    }
}

static const char *const state_classes[] = { "success", "warning", "accent", "error", "dim-label" };

static GtkWidget *
state_widget (PacReadinessState state)
{
  GtkWidget *widget;

  if (state == PAC_READINESS_PROGRESS)
    {
      widget = pac_spinner_new ();
      pac_spinner_set_spinning (PAC_SPINNER (widget), TRUE);
    }
  else
    {
      widget = gtk_image_new_from_icon_name (state_icon (state));
      gtk_widget_add_css_class (widget, state_classes[state]);
    }
  gtk_widget_set_tooltip_text (widget, state_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  state_label (state), -1);
  return widget;
}

static GtkWidget *
create_row (gpointer object, gpointer user_data)
{
  PacReadinessGroup *self = user_data;
  PacReadinessItem *item = object;
  GtkWidget *row = adw_action_row_new ();
  const char *label = pac_readiness_item_get_fix_label (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pac_readiness_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pac_readiness_item_get_detail (item));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             state_widget (pac_readiness_item_get_state (item)));
  gtk_widget_set_name (row, pac_check_to_string (pac_readiness_item_get_check (item)));
  if (label && pac_readiness_can_fix (self->readiness))
    {
      GtkWidget *button = gtk_button_new_with_label (label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, !self->busy);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "readiness.fix");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        pac_check_to_string (pac_readiness_item_get_check (item)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* ---- checking ---- */

static gboolean
settle_timeout (gpointer user_data)
{
  PacReadinessGroup *self = user_data;

  self->settle_source = 0;
  pac_readiness_group_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A library sync takes minutes: a user who looks elsewhere meanwhile is
 * told by a desktop notification when it ends, as for clusters */
static void
notify_settled (PacReadinessGroup *self, PacReadiness *readiness)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app
    = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  PacReadinessItem *releases = pac_readiness_get_item (readiness, PAC_CHECK_RELEASES);
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (root)))
    return;
  /* Translators: a Supervisor's name */
  title = g_strdup_printf (_ ("The content library of “%s” is synchronized"),
                           pac_node_get_title (self->node));
  notification = g_notification_new (title);
  if (releases && pac_readiness_item_get_state (releases) == PAC_READINESS_OK)
    g_notification_set_body (notification, _ ("Its Kubernetes releases can be used for new "
                                              "clusters."));
  id = g_strdup_printf ("library-%s", pac_node_get_key (self->node));
  g_application_send_notification (G_APPLICATION (app), id, notification);
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacReadinessGroup) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pac_readiness_check_finish (PAC_READINESS (source), result, &error))
    {
      if (!pac_error_is_cancelled (error))
        toast (self, error->message);
      return;
    }
  pac_spinner_set_spinning (self->spinner, FALSE);
  if (self->settling && !pac_readiness_is_settling (PAC_READINESS (source)))
    notify_settled (self, PAC_READINESS (source));
  self->settling = pac_readiness_is_settling (PAC_READINESS (source));
  if (self->settling && self->settle_source == 0)
    self->settle_source = g_timeout_add_seconds (SETTLE_SECONDS, settle_timeout, self);
}

/* A readiness for what the session can reach now: the Supervisor's
 * client appears once it is signed in. */
static void
ensure_readiness (PacReadinessGroup *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  PacCapabilities *capabilities
    = session ? pac_session_get_capabilities (session, self->node) : NULL;
  gboolean on_vcenter = pac_node_get_parent (self->node) != NULL;
  PacVcenterClient *vcenter
    = session && on_vcenter ? pac_session_get_vcenter_client (session) : NULL;

  if (self->readiness && (client == NULL || capabilities == NULL || self->signed_in))
    return;
  g_clear_object (&self->readiness);
  self->readiness = pac_readiness_new (vcenter, vcenter ? pac_node_get_key (self->node) : NULL,
                                       capabilities ? client : NULL, capabilities);
  self->signed_in = client && capabilities;
  gtk_list_box_bind_model (self->list, pac_readiness_get_items (self->readiness), create_row, self,
                           NULL);
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self),
    vcenter ? _ ("What vSphere needs before clusters can be created here")
            : _ ("Read-only: add the vCenter account of this Supervisor to fix what is missing"));
}

void
pac_readiness_group_refresh (PacReadinessGroup *self)
{
  if (self->node == NULL)
    return;
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ensure_readiness (self);
  pac_spinner_set_spinning (self->spinner, TRUE);
  pac_readiness_check_async (self->readiness, self->cancellable, on_checked, g_object_ref (self));
}

void
pac_readiness_group_set_node (PacReadinessGroup *self, PacNode *supervisor)
{
  if (self->node == supervisor)
    return;
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->fix_cancellable);
  g_clear_object (&self->fix_cancellable);
  g_clear_object (&self->readiness);
  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_set_object (&self->node, supervisor);
  self->settling = FALSE;
  self->fix_cancellable = g_cancellable_new ();
  pac_spinner_set_spinning (self->spinner, FALSE);
  if (supervisor)
    pac_readiness_group_refresh (self);
}

/* ---- fixes ---- */

static void
set_busy (PacReadinessGroup *self, gboolean busy)
{
  self->busy = busy;
  /* Rows are rebuilt with their buttons (in)sensitive at the next check. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    gtk_widget_set_sensitive (row, !busy);
}

static void
on_attach_or_sync (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacReadinessGroup) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean attached = g_task_get_source_tag (G_TASK (result)) == pac_readiness_attach_library_async;

  if (!pac_readiness_fix_finish (PAC_READINESS (source), result, &error)
      && pac_error_is_cancelled (error))
    return; /* another Supervisor is shown */
  set_busy (self, FALSE);
  if (error)
    toast (self, error->message);
  else
    toast (self, attached ? _ ("Library attached: the Supervisor reads its releases")
                          : _ ("Synchronization started"));
  pac_readiness_group_refresh (self);
}

static void
on_dialog_done (GtkWidget *dialog, const char *message, PacReadinessGroup *self)
{
  PacSession *session = self->node ? pac_session_of (self->node) : NULL;

  toast (self, message);
  /* The tree shows namespaces as the Supervisor has them. */
  if (session)
    pac_session_refresh (session);
  pac_readiness_group_refresh (self);
}

static void
open_dialog (PacReadinessGroup *self, PacDialog *dialog, const char *done_signal)
{
  g_signal_connect_object (dialog, done_signal, G_CALLBACK (on_dialog_done), self, 0);
  pac_dialog_present (dialog, GTK_WIDGET (self));
}

/* The item of this check (its name, as pac_check_to_string() gives it) */
static PacReadinessItem *
find_item (PacReadinessGroup *self, const char *check)
{
  GListModel *items = self->readiness ? pac_readiness_get_items (self->readiness) : NULL;

  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (PacReadinessItem) item = g_list_model_get_item (items, i);
      if (g_strcmp0 (pac_check_to_string (pac_readiness_item_get_check (item)), check) == 0)
        return item; /* the model keeps it */
    }
  return NULL;
}

/* readiness.fix, with the check's name */
static void
fix_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacReadinessGroup *self = PAC_READINESS_GROUP (widget);
  PacReadinessItem *item = find_item (self, g_variant_get_string (parameter, NULL));
  const char *target;

  if (item == NULL || self->busy)
    return;
  target = pac_readiness_item_get_target (item);

  switch (pac_readiness_item_get_fix (item))
    {
      case PAC_FIX_CREATE_LIBRARY:
        open_dialog (self, PAC_DIALOG (pac_library_dialog_new (self->readiness)), "created");
        break;
      case PAC_FIX_NEW_NAMESPACE:
      case PAC_FIX_EDIT_NAMESPACE:
        open_dialog (
          self,
          PAC_DIALOG (pac_namespace_dialog_new (
            pac_readiness_get_vcenter (self->readiness),
            pac_readiness_get_cluster (self->readiness),
            pac_readiness_item_get_fix (item) == PAC_FIX_EDIT_NAMESPACE ? target : NULL)),
          "saved");
        break;
      case PAC_FIX_ATTACH_LIBRARY:
        set_busy (self, TRUE);
        /* Not the check's cancellable: the next check must not cancel the fix */
        pac_readiness_attach_library_async (self->readiness, target, self->fix_cancellable,
                                            on_attach_or_sync, g_object_ref (self));
        break;
      case PAC_FIX_SYNC_LIBRARY:
        set_busy (self, TRUE);
        pac_readiness_sync_library_async (self->readiness, target, self->fix_cancellable,
                                          on_attach_or_sync, g_object_ref (self));
        break;
      case PAC_FIX_NONE:
      default:
        break;
    }
}

static void
pac_readiness_group_dispose (GObject *object)
{
  PacReadinessGroup *self = PAC_READINESS_GROUP (object);

  pac_readiness_group_set_node (self, NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->fix_cancellable);
  G_OBJECT_CLASS (pac_readiness_group_parent_class)->dispose (object);
}

static void
pac_readiness_group_class_init (PacReadinessGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_readiness_group_dispose;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "readiness.fix", "s", fix_activated);
}

static void
pac_readiness_group_init (PacReadinessGroup *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _ ("Readiness"));
  self->spinner = PAC_SPINNER (pac_spinner_new ());
  gtk_widget_set_tooltip_text (refresh, _ ("Check Again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refresh), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Check Again"), -1);
  gtk_widget_add_css_class (refresh, "flat");
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (pac_readiness_group_refresh), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (header), refresh);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), header);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
}
