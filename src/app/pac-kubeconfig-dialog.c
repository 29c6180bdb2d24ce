/* pac-kubeconfig-dialog.c: exporting a context for a Supervisor, a
 * namespace or a guest cluster into a kubeconfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `kubectl vsphere login` and `kubectl config use-context` do, with
 * the file shown first: the target (kubectl's file, KUBECONFIG honoured,
 * or one the user picks), the credential (the keyring plugin by default;
 * a static token or the admin kubeconfig with a warning), whether the
 * context becomes current, and a preview of exactly the entries added or
 * replaced. A name taken by an entry Pacific did not write is shown and
 * nothing is written until the user says whether to keep theirs (ours is
 * added as name@host) or replace it. The logic is src/core's
 * (PacKubeconfig, pac_kubeconfig_export_async): pacific-ctl shares it.
 */
#define G_LOG_DOMAIN "pac-kubeconfig"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pac-spinner.h"
#include "pac-file-pick.h"
#include "pac-accessible.h"
#include "pac-cluster.h"
#include "pac-detail-list.h"
#include "pac-form-text.h"
#include "pac-kubeconfig-dialog.h"
#include "pac-kubeconfig-export.h"
#include "pac-session.h"

struct _PacKubeconfigDialog
{
  PacDialog parent_instance;

  PacNode *node;
  PacSupervisorClient *client;
  char *account;
  guint16 account_port;
  char *namespace;
  char *cluster;
  char *path; /* the file chosen; NULL: kubectl's */

  GCancellable *cancellable;
  PacKubeconfigEntry *entry; /* for the chosen mode, once built */
  GError *entry_error;
  gboolean building;
  char *admin_refusal; /* why the admin kubeconfig may not be read */
  gboolean admin_checked;
  char *status;
  char *unwritable; /* why the target cannot be replaced safely, probed once per file */
  gboolean ready;
  GCancellable *preview_cancellable; /* the latest preview's; older answers are dropped */
  gboolean previewing;
  gboolean writing;
  gboolean disposed; /* a write may end after the window closed */
  char *write_error; /* the last write's refusal, shown over the next preview */

  AdwPreferencesGroup *target_group;
  AdwActionRow *file_row;
  GtkButton *default_file_button;
  AdwComboRow *mode_row;
  AdwActionRow *mode_note_row;
  GtkImage *mode_note_icon;
  GtkSwitch *current_switch;
  AdwPreferencesGroup *clash_group;
  AdwActionRow *rename_row;
  GtkCheckButton *rename_check;
  GtkCheckButton *replace_check;
  GtkLabel *status_label;
  GtkTextView *preview_view;
  GtkButton *export_button;
  PacSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (PacKubeconfigDialog, pac_kubeconfig_dialog, PAC_TYPE_DIALOG)

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PacExportMode
mode_of (PacKubeconfigDialog *self)
{
  return (PacExportMode) adw_combo_row_get_selected (self->mode_row);
}

/* ---- the kubectl command offered after an export ---- */

static gboolean
is_searched (const char *file)
{
  g_auto (GStrv) paths = pac_kubeconfig_search_paths ();

  return g_strv_contains ((const char *const *) paths, file);
}

/* @word for a shell: as it is when nothing in it is special */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("@._:/-+=,", *p))
      return g_shell_quote (word);
  return *word ? g_strdup (word) : g_shell_quote (word);
}

/**
 * pac_kubeconfig_command:
 * @file: (nullable): the kubeconfig, named in the command when kubectl
 *   does not read it by itself
 *
 * Returns: (transfer full): a first command that proves the context works
 */
char *
pac_kubeconfig_command (const char *context, const char *file, PacNodeKind kind)
{
  g_autofree char *quoted = shell_word (context);
  g_autofree char *quoted_file = file && !is_searched (file) ? shell_word (file) : NULL;
  g_autofree char *kubeconfig
    = quoted_file ? g_strdup_printf (" --kubeconfig %s", quoted_file) : g_strdup ("");
  const char *verb = kind == PAC_NODE_CLUSTER     ? "get nodes"
                     : kind == PAC_NODE_NAMESPACE ? "get tanzukubernetesclusters"
                                                  : "get namespaces";

  return g_strdup_printf ("kubectl%s --context %s %s", kubeconfig, quoted, verb);
}

/* ---- the preview ---- */

static void
set_blocked (PacKubeconfigDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status);
  self->ready = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kubeconfig.export", FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), status);
}

static void
set_ready (PacKubeconfigDialog *self, const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status);
  self->ready = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kubeconfig.export", TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               _ ("Write the entries shown into the file"));
}

static void
show_preview_text (PacKubeconfigDialog *self, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), text ? text : "", -1);
}

/* Whether the lock and the temporary file can be made beside @target: a
 * Flatpak sees only ~/.kube and the single files picked through the
 * portal, where neither can live */
static char *
dup_unwritable_reason (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *probe = NULL;
  int fd;

  while (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      char *parent = g_path_get_dirname (dir);
      gboolean top = g_str_equal (parent, dir);

      g_free (dir);
      dir = parent;
      if (top)
        break;
    }
  probe = g_build_filename (dir, ".pacific-probe-XXXXXX", NULL);
  fd = g_mkstemp_full (probe, O_WRONLY, 0600);
  if (fd >= 0)
    {
      close (fd);
      g_unlink (probe);
      return NULL;
    }
  return g_strdup_printf (
    _ ("Pacific cannot make its lock and temporary files in %s (%s), so it cannot replace the "
       "file safely. Choose a file in ~/.kube, or export with “pacific-ctl kubeconfig” there."),
    dir, g_strerror (errno));
}

static PacKubeconfig *
new_kubeconfig (PacKubeconfigDialog *self, PacKubeconfigClash clash)
{
  PacKubeconfig *kubeconfig = pac_kubeconfig_new (self->path);

  pac_kubeconfig_add (kubeconfig, pac_kubeconfig_entry_copy (self->entry));
  pac_kubeconfig_set_clash (kubeconfig, clash);
  pac_kubeconfig_set_current_context (kubeconfig, gtk_switch_get_active (self->current_switch));
  return kubeconfig;
}

static PacKubeconfigClash
chosen_clash (PacKubeconfigDialog *self)
{
  if (gtk_check_button_get_active (self->rename_check))
    return PAC_KUBECONFIG_CLASH_RENAME;
  if (gtk_check_button_get_active (self->replace_check))
    return PAC_KUBECONFIG_CLASH_REPLACE;
  return PAC_KUBECONFIG_CLASH_ASK;
}

static gboolean
has_clash (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    if (((PacKubeconfigChange *) changes->pdata[i])->kind == PAC_KUBECONFIG_CHANGE_CLASH)
      return TRUE;
  return FALSE;
}

/* What the preview found: @changes (NULL while a clash is undecided) and
 * @clashes, as they will be written */
static void
show_changes (PacKubeconfigDialog *self, GPtrArray *changes, GPtrArray *clashes)
{
  g_autofree char *diff = pac_kubeconfig_changes_to_diff (changes ? changes : clashes);
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (self->path);
  g_autofree char *target = pac_kubeconfig_get_target (kubeconfig);
  g_autofree char *status = NULL;

  self->previewing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  pac_spinner_set_spinning (self->spinner, FALSE);
  show_preview_text (self, diff);
  if (self->write_error)
    {
      g_autofree char *refusal = g_steal_pointer (&self->write_error);

      set_blocked (self, refusal);
      return;
    }
  if (changes == NULL)
    set_blocked (self, _ ("A name is taken by an entry that Pacific did not write (shown below): "
                          "choose what to do with it"));
  else if (self->unwritable)
    set_blocked (self, self->unwritable);
  else if (changes->len == 0)
    {
      status = g_strdup_printf (_ ("%s has these entries already: nothing changes"), target);
      set_ready (self, status);
    }
  else
    {
      status = g_strdup_printf (_ ("Adds or replaces these entries in %s; nothing else in the "
                                   "file changes, and a backup is kept"),
                                target);
      set_ready (self, status);
    }
}

/* An answer for a preview that is not the latest one any more */
static gboolean
is_stale (PacKubeconfigDialog *self, GAsyncResult *result)
{
  return self->preview_cancellable == NULL
         || g_task_get_cancellable (G_TASK (result)) != self->preview_cancellable;
}

static void
preview_failed (PacKubeconfigDialog *self, const GError *error)
{
  self->previewing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  pac_spinner_set_spinning (self->spinner, FALSE);
  set_blocked (self, error->message);
}

static void
on_chosen_previewed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacKubeconfigDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes
    = pac_kubeconfig_preview_finish (PAC_KUBECONFIG (source), result, &error);

  if (is_stale (self, result))
    return;
  if (changes == NULL)
    preview_failed (self, error);
  else
    show_changes (self, changes, changes);
}

static void
on_asking_previewed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacKubeconfigDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) clashes
    = pac_kubeconfig_preview_finish (PAC_KUBECONFIG (source), result, &error);
  g_autoptr (PacKubeconfig) chosen = NULL;

  if (is_stale (self, result))
    return;
  if (clashes == NULL)
    {
      preview_failed (self, error);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clash_group), has_clash (clashes));
  if (!has_clash (clashes))
    show_changes (self, clashes, clashes);
  else if (chosen_clash (self) == PAC_KUBECONFIG_CLASH_ASK)
    show_changes (self, NULL, clashes);
  else
    {
      chosen = new_kubeconfig (self, chosen_clash (self));
      pac_kubeconfig_preview_async (chosen, self->preview_cancellable, on_chosen_previewed,
                                    g_object_ref (self));
    }
}

/* What blocks a preview before the file is read, or NULL */
static const char *
blocked_before_file (PacKubeconfigDialog *self)
{
  if (self->building)
    return _ ("Preparing the credential…");
  if (mode_of (self) == PAC_EXPORT_ADMIN && self->admin_refusal)
    return self->admin_refusal;
  if (self->entry == NULL)
    return self->entry_error ? self->entry_error->message : "";
  return NULL;
}

/* The file as it is now, with the entry: read and merged in a thread (a
 * big kubeconfig or a slow disk must not stall the window), then shown
 * with what to say; only the latest preview's answer counts */
static void
update_preview (PacKubeconfigDialog *self)
{
  const char *blocked = blocked_before_file (self);
  g_autoptr (PacKubeconfig) asking = NULL;

  if (self->preview_cancellable)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  show_preview_text (self, NULL);
  self->previewing = blocked == NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->building || self->previewing);
  pac_spinner_set_spinning (self->spinner, self->building || self->previewing);
  if (blocked)
    {
      set_blocked (self, blocked);
      return;
    }
  set_blocked (self, _ ("Reading the file…"));
  self->preview_cancellable = g_cancellable_new ();
  asking = new_kubeconfig (self, PAC_KUBECONFIG_CLASH_ASK);
  pac_kubeconfig_preview_async (asking, self->preview_cancellable, on_asking_previewed,
                                g_object_ref (self));
}

static void
show_file (PacKubeconfigDialog *self)
{
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (self->path);
  g_autofree char *target = pac_kubeconfig_get_target (kubeconfig);
  const char *source = self->path                        ? _ ("chosen by you")
                       : g_getenv ("KUBECONFIG") != NULL ? _ ("the first of KUBECONFIG")
                                                         : _ ("kubectl’s default");
  g_autofree char *subtitle = g_strdup_printf ("%s (%s)", target, source);

  adw_action_row_set_subtitle (self->file_row, subtitle);
  g_free (self->unwritable);
  self->unwritable = dup_unwritable_reason (target);
  gtk_widget_set_visible (GTK_WIDGET (self->default_file_button), self->path != NULL);
}

/* ---- the entry, built for the chosen mode ---- */

static void
show_mode_note (PacKubeconfigDialog *self)
{
  const char *note = NULL;
  gboolean warn = FALSE;

  switch (mode_of (self))
    {
      case PAC_EXPORT_PLUGIN:
        note = _ ("kubectl asks Pacific’s credential plugin for a token on each call; it signs in "
                  "with the password in your keyring when the token runs out. No secret is "
                  "written into the file.");
        break;
      case PAC_EXPORT_TOKEN:
        note = _ ("The current token is written into the file: whoever reads the file can use it, "
                  "and it stops working in about 10 hours. For machines without your keyring.");
        warn = TRUE;
        break;
      case PAC_EXPORT_ADMIN:
      default:
        note = _ ("The cluster’s admin kubeconfig: a client certificate that is cluster-admin and "
                  "lives long. Whoever reads the file controls the cluster; keep it for "
                  "emergencies.");
        warn = TRUE;
        break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mode_note_row), note);
  gtk_image_set_from_icon_name (self->mode_note_icon,
                                warn ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->mode_note_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mode_note_icon), "warning");
}

static void
on_entry (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacKubeconfigDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PacKubeconfigEntry *entry
    = pac_kubeconfig_export_finish (PAC_SUPERVISOR_CLIENT (source), result, NULL, &error);

  if (pac_error_is_cancelled (error))
    {
      pac_kubeconfig_entry_free (entry);
      return;
    }
  self->building = FALSE;
  self->entry = entry;
  self->entry_error = g_steal_pointer (&error);
  update_preview (self);
}

static void
build_entry (PacKubeconfigDialog *self)
{
  const PacExportTarget target = {
    .account = self->account,
    .account_port = self->account_port,
    .namespace = self->namespace,
    .cluster = self->cluster,
    .mode = mode_of (self),
  };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entry, pac_kubeconfig_entry_free);
  g_clear_error (&self->entry_error);
  self->cancellable = g_cancellable_new ();
  self->building = TRUE;
  update_preview (self);
  pac_kubeconfig_export_async (self->client, &target, self->cancellable, on_entry,
                               g_object_ref (self));
}

static void
on_admin_permission (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacKubeconfigDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean allowed
    = pac_supervisor_client_can_finish (PAC_SUPERVISOR_CLIENT (source), result, &reason, &error);

  if (pac_error_is_cancelled (error))
    return;
  self->admin_checked = TRUE;
  if (!allowed)
    self->admin_refusal = g_strdup_printf (
      _ ("You may not read the secret %s-kubeconfig in %s, which holds the admin kubeconfig (%s)"),
      self->cluster, self->namespace,
      error ? error->message : (reason && *reason ? reason : _ ("no reason given")));
  if (mode_of (self) == PAC_EXPORT_ADMIN)
    build_entry (self);
}

static void
on_mode_changed (PacKubeconfigDialog *self)
{
  show_mode_note (self);
  if (mode_of (self) == PAC_EXPORT_ADMIN && !self->admin_checked)
    {
      self->building = TRUE;
      update_preview (self);
      pac_supervisor_client_can_async (self->client, "get", "", "secrets", self->namespace,
                                       self->cancellable, on_admin_permission, g_object_ref (self));
      return;
    }
  if (mode_of (self) == PAC_EXPORT_ADMIN && self->admin_refusal)
    {
      g_clear_pointer (&self->entry, pac_kubeconfig_entry_free);
      self->building = FALSE;
      update_preview (self);
      return;
    }
  build_entry (self);
}

/* ---- actions ---- */

static char *
exported_context (PacKubeconfigDialog *self, GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      PacKubeconfigChange *change = changes->pdata[i];

      if (g_str_equal (change->section, "contexts") && change->kind != PAC_KUBECONFIG_CHANGE_REMOVE)
        return g_strdup (change->name);
    }
  return g_strdup (pac_kubeconfig_entry_get_context (self->entry));
}

typedef struct
{
  PacKubeconfigDialog *dialog;
  char *target;
} Write;

static void
write_free (Write *write)
{
  g_object_unref (write->dialog);
  g_free (write->target);
  g_free (write);
}

static void
on_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Write *write = user_data;
  PacKubeconfigDialog *self = write->dialog;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes
    = pac_kubeconfig_write_finish (PAC_KUBECONFIG (source), result, &error);
  g_autofree char *context = NULL;
  g_autofree char *command = NULL;

  self->writing = FALSE;
  if (changes == NULL && self->disposed)
    g_warning ("the kubeconfig was not written: %s", error->message);
  else if (changes == NULL)
    {
      /* The file changed since the preview, or cannot be written: say so
       * over the preview of the file as it is now */
      self->write_error = g_strdup (error->message);
      update_preview (self);
    }
  else
    {
      context = exported_context (self, changes);
      command = pac_kubeconfig_command (context, write->target, pac_node_get_kind (self->node));
      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, context, write->target, command);
      if (!self->disposed)
        pac_dialog_force_close (PAC_DIALOG (self));
    }
  write_free (write);
}

/* Written in a thread (the lock may be kubectl's for a moment, then fsync
 * and rename); the window closes when it is done */
static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacKubeconfigDialog *self = PAC_KUBECONFIG_DIALOG (widget);
  g_autoptr (PacKubeconfig) kubeconfig = NULL;
  Write *write;

  if (!self->ready || self->writing)
    return;
  kubeconfig = new_kubeconfig (self, chosen_clash (self));
  write = g_new0 (Write, 1);
  write->dialog = g_object_ref (self);
  write->target = pac_kubeconfig_get_target (kubeconfig);
  self->writing = TRUE;
  set_blocked (self, _ ("Writing the file…"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  pac_spinner_set_spinning (self->spinner, TRUE);
  pac_kubeconfig_write_async (kubeconfig, NULL, on_written, write);
}

void
pac_kubeconfig_dialog_set_file (PacKubeconfigDialog *self, const char *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
  show_file (self);
  update_preview (self);
}

/* @data: the dialog, held while the user picks */
static void
on_file_picked (GFile *file, gpointer data)
{
  g_autoptr (PacKubeconfigDialog) self = data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path)
    pac_kubeconfig_dialog_set_file (self, path);
}

static void
choose_file_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacKubeconfigDialog *self = PAC_KUBECONFIG_DIALOG (widget);
  g_autofree char *kube = g_build_filename (g_get_home_dir (), ".kube", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (kube);
  PacFilePick pick = {
    .title = _ ("Export Into"), .accept_label = _ ("_Select"), .folder = folder, .name = "config"
  };

  pac_file_pick_save (pac_dialog_get_window (PAC_DIALOG (self)), &pick, on_file_picked,
                      g_object_ref (self));
}

static void
default_file_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  pac_kubeconfig_dialog_set_file (PAC_KUBECONFIG_DIALOG (widget), NULL);
}

/* ---- for tests and the window ---- */

gboolean
pac_kubeconfig_dialog_is_ready (PacKubeconfigDialog *self)
{
  return self->ready;
}

/* Whether it is still building the credential, reading or writing the file */
gboolean
pac_kubeconfig_dialog_is_busy (PacKubeconfigDialog *self)
{
  gboolean refused = mode_of (self) == PAC_EXPORT_ADMIN && self->admin_refusal;
  gboolean nothing_yet = self->entry == NULL && self->entry_error == NULL && !refused;

  return self->building || self->previewing || self->writing || nothing_yet;
}

/* What the dialog says about the export: ready, or why not */
const char *
pac_kubeconfig_dialog_get_status (PacKubeconfigDialog *self)
{
  return self->building ? NULL : self->status;
}

char *
pac_kubeconfig_dialog_dup_preview (PacKubeconfigDialog *self)
{
  return pac_text_view_dup_text (self->preview_view);
}

/* ---- the object ---- */

static void
describe_target (PacKubeconfigDialog *self)
{
  g_autofree char *text = NULL;

  if (self->cluster)
    text = g_strdup_printf (_ ("A context for the cluster %s in the vSphere namespace %s"),
                            self->cluster, self->namespace);
  else if (self->namespace)
    text = g_strdup_printf (_ ("A context for the vSphere namespace %s on its Supervisor"),
                            self->namespace);
  else
    text = g_strdup (_ ("A context for the Supervisor itself"));
  adw_preferences_group_set_description (self->target_group, text);
}

/**
 * pac_kubeconfig_dialog_new:
 * @node: a Supervisor, a vSphere namespace or a guest cluster
 */
PacKubeconfigDialog *
pac_kubeconfig_dialog_new (PacNode *node)
{
  PacKubeconfigDialog *self = g_object_new (PAC_TYPE_KUBECONFIG_DIALOG, NULL);
  PacSession *session = pac_session_of (node);
  PacNode *namespace = pac_node_get_ancestor (node, PAC_NODE_NAMESPACE);

  self->node = g_object_ref (node);
  self->client = g_object_ref (pac_session_get_client (session, node));
  self->account = pac_account_dup_host (pac_session_get_account (session), &self->account_port);
  self->namespace = namespace ? g_strdup (pac_node_get_key (namespace)) : NULL;
  if (pac_node_get_kind (node) == PAC_NODE_CLUSTER)
    self->cluster = g_strdup (pac_cluster_get_name (pac_node_get_item (node)));
  /* only a guest cluster has an admin kubeconfig */
  if (self->cluster == NULL)
    {
      GtkStringList *modes = GTK_STRING_LIST (adw_combo_row_get_model (self->mode_row));

      gtk_string_list_remove (modes, PAC_EXPORT_ADMIN);
    }
  describe_target (self);
  show_file (self);
  show_mode_note (self);
  g_signal_connect_object (self->mode_row, "notify::selected", G_CALLBACK (on_mode_changed), self,
                           G_CONNECT_SWAPPED);
  build_entry (self);
  return self;
}

static void
pac_kubeconfig_dialog_dispose (GObject *object)
{
  PacKubeconfigDialog *self = PAC_KUBECONFIG_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->preview_cancellable)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->node);
  g_clear_object (&self->client);
  g_clear_pointer (&self->entry, pac_kubeconfig_entry_free);
  g_clear_error (&self->entry_error);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_KUBECONFIG_DIALOG);
  G_OBJECT_CLASS (pac_kubeconfig_dialog_parent_class)->dispose (object);
}

static void
pac_kubeconfig_dialog_finalize (GObject *object)
{
  PacKubeconfigDialog *self = PAC_KUBECONFIG_DIALOG (object);

  g_free (self->account);
  g_free (self->namespace);
  g_free (self->cluster);
  g_free (self->path);
  g_free (self->admin_refusal);
  g_free (self->status);
  g_free (self->unwritable);
  g_free (self->write_error);
  G_OBJECT_CLASS (pac_kubeconfig_dialog_parent_class)->finalize (object);
}

static void
pac_kubeconfig_dialog_class_init (PacKubeconfigDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pac_kubeconfig_dialog_dispose;
  object_class->finalize = pac_kubeconfig_dialog_finalize;
  /**
   * PacKubeconfigDialog::exported:
   * @context: the context's name as written
   * @file: the file written
   * @command: a kubectl command that uses it
   */
  signals[SIGNAL_EXPORTED]
    = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  g_type_ensure (PAC_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-kubeconfig-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, default_file_button);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, mode_note_row);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, mode_note_icon);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, current_switch);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, clash_group);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, rename_row);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, rename_check);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, replace_check);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PacKubeconfigDialog, spinner);
  gtk_widget_class_install_action (widget_class, "kubeconfig.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "kubeconfig.choose-file", NULL,
                                   choose_file_activated);
  gtk_widget_class_install_action (widget_class, "kubeconfig.default-file", NULL,
                                   default_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "kubeconfig.export", NULL);
  pac_dialog_class_add_close (widget_class);
}

static void
pac_kubeconfig_dialog_init (PacKubeconfigDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pac_dialog_set_size (PAC_DIALOG (self), 620, 720);
  pac_accessible_name_controls (GTK_WIDGET (self));
  g_signal_connect_object (self->current_switch, "notify::active", G_CALLBACK (update_preview),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rename_check, "toggled", G_CALLBACK (update_preview), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replace_check, "toggled", G_CALLBACK (update_preview), self,
                           G_CONNECT_SWAPPED);
}
