/* pac-cluster-creator.c: a cluster's form and its YAML, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New: the namespace's offer is read first (PacClusterChoices), then a
 * spec as the source article builds its first cluster is shown in the
 * form and as YAML. Every form change re-renders the YAML; an edit of the
 * YAML that parses fills the form. Problems are the spec's own and those
 * against the offer, then, once there are none, the Supervisor's dry run;
 * Create stays off until both pass and the user may create clusters.
 *
 * Edit: the live object, without status and server-set fields, is the
 * starting point; Apply shows the diff, warns when nodes will roll and
 * sends a merge patch with the resourceVersion read, so that a cluster
 * changed meanwhile is reported (409) instead of overwritten.
 */
#define G_LOG_DOMAIN "pac-cluster-creator"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-creator-panes.h"
#include "pac-spinner.h"
#include "pac-alert.h"
#include "pac-widget-text.h"
#include "pac-accessible.h"
#include "pac-cluster-creator-private.h"
#include "pac-detail-list.h"
#include "pac-diff.h"
#include "pac-shortcuts.h"
#include "pac-typed-confirm.h"
#include "pac-error.h"
#include "pac-form-text.h"
#include "pac-json.h"
#include "pac-manifest.h"
#include "pac-cluster.h"
#include "pac-yaml.h"

#define DRY_RUN_DELAY_MS 400

enum
{
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PacClusterCreator, pac_cluster_creator, ADW_TYPE_WINDOW)

static void validate (PacClusterCreator *self);

/* ---- the YAML ---- */

/* Replaces only what differs between the buffer and @text (the common
 * start and end kept): a form change is then a small edit of the view,
 * which keeps its highlighting, scroll and cursor, instead of a new text
 * to lay out and highlight whole */
static void
edit_buffer_to (GtkTextBuffer *buffer, const char *text)
{
  g_autofree char *old = NULL;
  GtkTextIter start, end;
  gsize old_length, new_length = strlen (text), prefix = 0, suffix = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  old = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  old_length = strlen (old);
  while (prefix < old_length && prefix < new_length && old[prefix] == text[prefix])
    prefix++;
  while (suffix < old_length - prefix && suffix < new_length - prefix
         && old[old_length - 1 - suffix] == text[new_length - 1 - suffix])
    suffix++;
  /* whole characters only: never split a UTF-8 sequence */
  while (prefix > 0 && (old[prefix] & 0xC0) == 0x80)
    prefix--;
  while (suffix > 0 && (old[old_length - suffix] & 0xC0) == 0x80)
    suffix--;
  if (prefix == old_length && prefix == new_length)
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_strlen (old, (gssize) prefix));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_strlen (old, (gssize) (old_length - suffix)));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text + prefix, (int) (new_length - prefix - suffix));
  gtk_text_buffer_end_user_action (buffer);
}

static void
show_yaml (PacClusterCreator *self)
{
  g_autofree char *yaml = pac_manifest_render (self->spec);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view));

  self->yaml = YAML_RENDERING;
  edit_buffer_to (buffer, yaml);
  self->yaml = YAML_SHOWS_SPEC;
  gtk_widget_set_visible (GTK_WIDGET (self->yaml_error), FALSE);
}

static void
show_yaml_error (PacClusterCreator *self, const char *message)
{
  self->yaml = YAML_BROKEN;
  gtk_label_set_label (self->yaml_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->yaml_error), TRUE);
  validate (self);
}

/* The YAML as typed: read into the spec (the form follows) once it
 * parses without problems; the text is never replaced while it does not */
static void
on_yaml_changed (PacClusterCreator *self)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacManifest) manifest = NULL;

  if (self->yaml == YAML_RENDERING || self->phase == CREATOR_LOADING)
    return;
  self->dirty = TRUE;
  text = pac_text_view_dup_text (GTK_TEXT_VIEW (self->yaml_view));
  manifest = pac_manifest_parse (text, -1, &error);
  if (manifest == NULL || !pac_manifest_check (manifest, &error))
    {
      show_yaml_error (self, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->yaml_error), FALSE);
  self->yaml = YAML_READING;
  pac_cluster_spec_assign (self->spec, pac_manifest_get_spec (manifest)); /* validates */
  self->yaml = YAML_SHOWS_SPEC;
}

/* The form or the YAML changed the spec */
static void
on_spec_changed (PacClusterCreator *self)
{
  if (self->phase == CREATOR_LOADING)
    return;
  self->dirty = TRUE;
  if (self->yaml != YAML_READING)
    show_yaml (self);
  validate (self);
}

/* ---- problems ---- */

static char *
field_title (PacClusterCreator *self, GtkWidget *widget)
{
  GtkWidget *row = widget;
  GtkWidget *pool;
  g_autoptr (GString) title = NULL;

  while (row && !ADW_IS_PREFERENCES_ROW (row))
    row = gtk_widget_get_parent (row);
  if (row == NULL)
    return NULL;
  title = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_string_replace (title, "_", "", 0);
  pool = gtk_widget_get_ancestor (gtk_widget_get_parent (row), ADW_TYPE_EXPANDER_ROW);
  if (pool)
    g_string_prepend (title, "”: "),
      g_string_prepend (title, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pool))),
      g_string_prepend (title, "“");
  return g_string_free (g_steal_pointer (&title), FALSE);
}

static void
clear_marks (PacClusterCreator *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->marked, i);
      gtk_widget_remove_css_class (widget, "error");
      pac_widget_set_live_tooltip (widget, NULL);
    }
  g_ptr_array_set_size (self->marked, 0);
}

#define PROBLEM_FIELD_KEY "pac-problem-field"

/* A problem row goes to the field it is about (kept on the row) */
static void
on_problem_activated (GtkListBoxRow *row)
{
  GtkWidget *field = g_object_get_data (G_OBJECT (row), PROBLEM_FIELD_KEY);
  GtkWidget *pool = field ? gtk_widget_get_ancestor (field, ADW_TYPE_EXPANDER_ROW) : NULL;

  if (pool && field != pool)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pool), TRUE);
  if (field)
    gtk_widget_grab_focus (field);
}

/* The @index-th problem row, made once and kept: a problem that appears
 * and clears as the user types shows and hides a row instead of building
 * one from its template each time */
static AdwActionRow *
problem_row (PacClusterCreator *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->problems_list, (int) index);

  if (row == NULL)
    {
      row = GTK_LIST_BOX_ROW (pac_detail_list_add (self->problems_list, NULL, NULL));
      pac_detail_list_add_icon (ADW_ACTION_ROW (row), "dialog-warning-symbolic", "warning");
      g_signal_connect (row, "activated", G_CALLBACK (on_problem_activated), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  return ADW_ACTION_ROW (row);
}

static void
show_problem (PacClusterCreator *self, guint index, PacProblem *problem)
{
  GtkWidget *widget = pac_cluster_creator_field_widget (self, problem->path);
  g_autofree char *title = widget ? field_title (self, widget) : NULL;
  AdwActionRow *row = problem_row (self, index);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : problem->path);
  adw_action_row_set_subtitle (row, problem->message);
  g_object_set_data_full (G_OBJECT (row), PROBLEM_FIELD_KEY, widget ? g_object_ref (widget) : NULL,
                          widget ? g_object_unref : NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), widget != NULL);
  if (widget)
    {
      gtk_widget_add_css_class (widget, "error");
      pac_widget_set_live_tooltip (widget, problem->message);
      g_ptr_array_add (self->marked, g_object_ref (widget));
    }
}

/* What the problem rows show: each problem with the widget it marks */
static char *
problems_shown_key (PacClusterCreator *self)
{
  GPtrArray *lists[] = { self->problems, self->server_problems };
  GString *key = g_string_new (NULL);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] && i < lists[l]->len; i++)
      {
        PacProblem *problem = g_ptr_array_index (lists[l], i);
        g_string_append_printf (key, "%s\n%s\n%p\n", problem->path, problem->message,
                                (void *) pac_cluster_creator_field_widget (self, problem->path));
      }
  return g_string_free (key, FALSE);
}

static void
show_problems (PacClusterCreator *self)
{
  guint n = self->problems->len + (self->server_problems ? self->server_problems->len : 0);
  g_autofree char *key = problems_shown_key (self);

  /* A keystroke that leaves the problems as they were rebuilds no row */
  if (g_strcmp0 (key, self->problems_shown) == 0)
    return;
  g_free (self->problems_shown);
  self->problems_shown = g_steal_pointer (&key);
  clear_marks (self);
  for (guint i = 0; i < self->problems->len; i++)
    show_problem (self, i, g_ptr_array_index (self->problems, i));
  for (guint i = 0; self->server_problems && i < self->server_problems->len; i++)
    show_problem (self, self->problems->len + i, g_ptr_array_index (self->server_problems, i));
  for (guint i = n; gtk_list_box_get_row_at_index (self->problems_list, (int) i); i++)
    {
      GtkListBoxRow *spare = gtk_list_box_get_row_at_index (self->problems_list, (int) i);

      gtk_widget_set_visible (GTK_WIDGET (spare), FALSE);
      g_object_set_data (G_OBJECT (spare), PROBLEM_FIELD_KEY, NULL); /* no field kept alive */
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), n > 0);
}

gboolean
pac_cluster_creator_can_apply (PacClusterCreator *self)
{
  return self->phase == CREATOR_EDITING && self->yaml != YAML_BROKEN && self->problems->len == 0
         && self->dry_run_ok && pac_cluster_choices_may_create (self->choices, NULL)
         && (!self->editing || self->dirty);
}

/* Create (or Apply) only when everything passed; the tooltip says what is missing */
static void
update_apply (PacClusterCreator *self)
{
  const char *refusal = NULL;
  const char *tooltip = NULL;

  if (self->choices && !pac_cluster_choices_may_create (self->choices, &refusal))
    tooltip = refusal;
  else if (self->yaml == YAML_BROKEN)
    tooltip = _ ("The YAML does not parse");
  else if (self->problems && self->problems->len > 0)
    tooltip = _ ("Fix the problems listed first");
  else if (!self->dry_run_ok)
    tooltip = _ ("Waiting for the Supervisor to check the cluster…");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "creator.apply",
                                 pac_cluster_creator_can_apply (self));
  pac_widget_set_live_tooltip (GTK_WIDGET (self->apply_button), tooltip);
}

/* ---- the Supervisor's dry run ---- */

/* @with_version: the real patch carries the version read; a dry run only
 * checks the change (status updates move the version all the time) */
static JsonNode *
merge_patch (PacClusterCreator *self, gboolean with_version)
{
  g_autoptr (JsonNode) wanted = pac_manifest_to_json (self->spec);
  JsonNode *patch = pac_json_merge_patch_between (self->original, wanted);
  JsonObject *metadata;

  if (patch == NULL)
    {
      g_autoptr (JsonObject) empty = json_object_new ();
      patch = json_node_init_object (json_node_alloc (), empty);
    }
  if (!with_version)
    return patch;
  metadata = pac_json_object (json_node_get_object (patch), "metadata");
  if (metadata == NULL)
    {
      metadata = json_object_new ();
      json_object_set_object_member (json_node_get_object (patch), "metadata", metadata);
    }
  /* The version read: the server refuses the patch if the cluster changed since */
  json_object_set_string_member (metadata, "resourceVersion", self->resource_version);
  return patch;
}

static void
send (PacClusterCreator *self,
      gboolean dry_run,
      GCancellable *cancellable,
      GAsyncReadyCallback callback,
      gpointer data)
{
  if (self->editing)
    {
      g_autoptr (JsonNode) patch = merge_patch (self, !dry_run);
      pac_supervisor_client_patch_cluster_async (
        self->client, self->edit_version, pac_cluster_spec_get_namespace (self->spec),
        pac_cluster_spec_get_name (self->spec), patch, dry_run, cancellable, callback, data);
    }
  else
    {
      g_autoptr (JsonNode) manifest = pac_manifest_to_json (self->spec);
      pac_supervisor_client_create_cluster_async (self->client, json_node_get_object (manifest),
                                                  dry_run, cancellable, callback, data);
    }
}

static void
on_dry_run (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  self->dry_run_ok = answer != NULL;
  if (error)
    {
      GPtrArray *causes = pac_error_get_problems (error);
      self->server_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_problem_free);
      if (causes && causes->len > 0)
        for (guint i = 0; i < causes->len; i++)
          g_ptr_array_add (self->server_problems, pac_problem_copy (g_ptr_array_index (causes, i)));
      else
        g_ptr_array_add (self->server_problems, pac_problem_new (NULL, error->message));
    }
  show_problems (self);
  update_apply (self);
}

static gboolean
start_dry_run (gpointer user_data)
{
  PacClusterCreator *self = user_data;

  self->dry_run_source = 0;
  g_cancellable_cancel (self->dry_run_cancellable);
  g_clear_object (&self->dry_run_cancellable);
  self->dry_run_cancellable = g_cancellable_new ();
  send (self, TRUE, self->dry_run_cancellable, on_dry_run, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Local checks at once; the Supervisor's after a pause in typing */
static void
validate (PacClusterCreator *self)
{
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  g_clear_handle_id (&self->dry_run_source, g_source_remove);
  g_cancellable_cancel (self->dry_run_cancellable);
  self->dry_run_ok = FALSE;
  self->problems = pac_cluster_choices_check (self->choices, self->spec, self->editing);
  if (self->editing
      && g_strcmp0 (pac_cluster_spec_get_name (self->spec), pac_node_get_key (self->node)) != 0)
    g_ptr_array_add (
      self->problems,
      pac_problem_new ("metadata.name", _ ("cannot change: a cluster keeps its name")));
  show_problems (self);
  if (self->problems->len == 0 && self->yaml != YAML_BROKEN && (!self->editing || self->dirty))
    self->dry_run_source = g_timeout_add (DRY_RUN_DELAY_MS, start_dry_run, self);
  update_apply (self);
}

/* ---- create or apply ---- */

static void
set_busy (PacClusterCreator *self, gboolean busy)
{
  self->phase = busy ? CREATOR_SENDING : CREATOR_EDITING;
  /* The form stays as it is: making it insensitive would take the focus */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->yaml_view), !busy);
  update_apply (self);
}

static void load_live_object (PacClusterCreator *self);
static void recheck_conflict (PacClusterCreator *self);
static void ask_about_conflict (PacClusterCreator *self);

static void
on_conflict_response (PacAlert *dialog, const char *response, PacClusterCreator *self)
{
  if (!g_str_equal (response, "reload"))
    return;
  self->phase = CREATOR_LOADING;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  load_live_object (self);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  set_busy (self, FALSE);
  if (answer)
    {
      self->phase = CREATOR_DONE;
      g_signal_emit (self, signals[SIGNAL_APPLIED], 0, pac_cluster_spec_get_namespace (self->spec),
                     pac_cluster_spec_get_name (self->spec));
      /* GTK 4.8 warns when a focused text goes with its window */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->editing && g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT))
    {
      recheck_conflict (self);
      return;
    }
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
ask_about_conflict (PacClusterCreator *self)
{
  PacAlert *dialog = pac_alert_new (
    _ ("The Cluster Changed Meanwhile"),
    _ ("Someone changed the cluster since it was opened here. Reload it to see what it is "
       "now; your changes are then lost, or keep editing and copy them first."));

  pac_alert_add_responses (dialog, "keep", _ ("_Keep Editing"), "reload", _ ("_Reload"), NULL);
  pac_alert_set_default_response (dialog, "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response), self);
  pac_alert_present (dialog, GTK_WIDGET (self));
}

static void
send_for_real (PacClusterCreator *self)
{
  set_busy (self, TRUE);
  send (self, FALSE, self->cancellable, on_sent, g_object_ref (self));
}

static void
on_recheck (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) live
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  g_autoptr (JsonNode) now = live ? pac_manifest_editable (live) : NULL;

  if (pac_error_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (now && json_node_equal (now, self->original) && self->retries++ < 3)
    {
      /* Only the status moved on (it does, while the cluster works): same spec, newer version */
      g_free (self->resource_version);
      self->resource_version
        = g_strdup (pac_json_string (pac_json_node_object (live), "metadata.resourceVersion"));
      send_for_real (self);
      return;
    }
  ask_about_conflict (self);
}

/* A 409: was it someone else, or only the Supervisor writing status? */
static void
recheck_conflict (PacClusterCreator *self)
{
  set_busy (self, TRUE);
  pac_supervisor_client_get_cluster_async (
    self->client, self->edit_version, pac_cluster_spec_get_namespace (self->spec),
    pac_cluster_spec_get_name (self->spec), self->cancellable, on_recheck, g_object_ref (self));
}

/* Whether @member differs between two objects (either may be NULL) */
static gboolean
member_changed (JsonObject *before, JsonObject *after, const char *member)
{
  JsonNode *old = before ? json_object_get_member (before, member) : NULL;
  JsonNode *now = after ? json_object_get_member (after, member) : NULL;

  if (old == NULL || now == NULL)
    return old != now;
  return !json_node_equal (old, now);
}

/* A control plane's or a pool's machines are replaced when their
 * release, VM class or storage class changes */
static gboolean
machines_change (JsonObject *before, JsonObject *after)
{
  static const char *const fields[] = { "tkr", "vmClass", "class", "storageClass", NULL };

  if (before == NULL || after == NULL)
    return FALSE; /* a new pool makes new nodes; a removed one goes */
  for (guint i = 0; fields[i]; i++)
    if (member_changed (before, after, fields[i]))
      return TRUE;
  return FALSE;
}

/* v1alpha1's release: its hint, or what the Supervisor resolved it to
 * where the hint is empty. Later APIs name it per pool (machines_change);
 * a deprecated distribution they still serve is not written back. */
static const char *
v1alpha1_release (JsonObject *spec)
{
  const char *hint = pac_json_string (spec, "distribution.version");

  return hint && *hint ? hint : pac_json_string (spec, "distribution.fullVersion");
}

static gboolean
release_changed (JsonObject *before, JsonObject *after)
{
  return pac_json_object (after, "distribution") != NULL
         && g_strcmp0 (v1alpha1_release (before), v1alpha1_release (after)) != 0;
}

static JsonObject *
pool_named (JsonArray *pools, const char *name)
{
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = pac_json_node_object (json_array_get_element (pools, i));

      if (pool && g_strcmp0 (pac_json_string (pool, "name"), name) == 0)
        return pool;
    }
  return NULL;
}

/* What makes vSphere replace nodes: a new release, VM class, storage
 * class or trust. Compared field by field: a merge patch carries a whole
 * nodePools array even when only a replica count changed. */
static gboolean
nodes_will_roll (PacClusterCreator *self)
{
  g_autoptr (JsonNode) wanted = pac_manifest_to_json (self->spec);
  JsonObject *after = pac_json_object (pac_json_node_object (wanted), "spec");
  JsonObject *before = pac_json_object (pac_json_node_object (self->original), "spec");
  JsonArray *pools = pac_json_array (after, "topology.nodePools");

  if (release_changed (before, after)
      || member_changed (pac_json_object (before, "settings.network"),
                         pac_json_object (after, "settings.network"), "trust")
      || machines_change (pac_json_object (before, "topology.controlPlane"),
                          pac_json_object (after, "topology.controlPlane"))
      || machines_change (pac_json_object (before, "topology.workers"),
                          pac_json_object (after, "topology.workers")))
    return TRUE;
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = pac_json_node_object (json_array_get_element (pools, i));
      const char *name = pool ? pac_json_string (pool, "name") : NULL;

      if (name
          && machines_change (pool_named (pac_json_array (before, "topology.nodePools"), name),
                              pool))
        return TRUE;
    }
  return FALSE;
}

static void
on_review_response (PacAlert *dialog, const char *response, PacClusterCreator *self)
{
  if (g_str_equal (response, "apply"))
    send_for_real (self);
}

/* Edit: the diff first, and what it means for the nodes */
static void
review_edit (PacClusterCreator *self)
{
  g_autofree char *before = pac_yaml_dump (self->original);
  g_autofree char *after = pac_manifest_render (self->spec);
  g_autofree char *diff = pac_diff_lines (before, after, 2);
  gboolean roll = nodes_will_roll (self);
  PacAlert *dialog = pac_alert_new (
    _ ("Apply These Changes?"),
    roll ? _ ("The release, a VM class, a storage class or the trust changes: vSphere replaces "
              "every node of the affected pools, one by one. Workloads move while it does.")
         : NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (diff);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 480);
  pac_alert_set_extra_child (dialog, scrolled);
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "apply", _ ("_Apply"), NULL);
  pac_alert_set_response_appearance (dialog, "apply",
                                     roll ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  /* Return applies what the user just reviewed; a change that replaces
   * every node is not taken on a stray Return */
  pac_alert_set_default_response (dialog, roll ? "cancel" : "apply");
  pac_alert_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_review_response), self);
  pac_alert_present (dialog, GTK_WIDGET (self));
  /* The window's first button (Cancel) takes the focus, and Return on a
   * focused button is that button's */
  if (!roll)
    {
      GtkWidget *apply = pac_alert_find_button (dialog, _ ("_Apply"));

      if (apply)
        gtk_widget_grab_focus (apply);
    }
}

static void
apply_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);

  if (!pac_cluster_creator_can_apply (self))
    return;
  if (self->editing)
    review_edit (self);
  else
    send_for_real (self);
}

static void
add_pool_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);
  GListStore *pools = pac_cluster_spec_get_node_pools (self->spec);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pools));
  g_autofree char *name = g_strdup_printf ("pool-%u", n + 1);
  g_autoptr (PacNodePool) pool = pac_node_pool_new (name);

  pac_node_pool_set_replicas (pool, 1);
  pac_node_pool_set_vm_class (pool, pac_cluster_spec_get_control_plane_vm_class (self->spec));
  pac_node_pool_set_storage_class (pool,
                                   pac_cluster_spec_get_control_plane_storage_class (self->spec));
  g_list_store_append (pools, pool); /* the form shows it */
  pac_cluster_spec_emit_changed (self->spec);
}

static void
toggle_yaml_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);

  gtk_toggle_button_set_active (self->yaml_toggle,
                                !gtk_toggle_button_get_active (self->yaml_toggle));
}

/* ---- loading ---- */

/* The spec is loaded: the form (bound to it already) is the user's */
static void
start_form (PacClusterCreator *self)
{
  self->phase = CREATOR_EDITING;
  show_yaml (self);
  self->dirty = FALSE;
  validate (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  pac_accessible_name_controls (GTK_WIDGET (self)); /* the choices and pools now there */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
fail (PacClusterCreator *self, const char *message)
{
  adw_status_page_set_description (self->failed_page, message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static void
on_live_object (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) live
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  g_autofree char *yaml = NULL;
  g_autoptr (PacManifest) manifest = NULL;

  if (pac_error_is_cancelled (error))
    return;
  if (live == NULL)
    {
      fail (self, error->message);
      return;
    }
  g_free (self->resource_version);
  self->resource_version
    = g_strdup (pac_json_string (pac_json_node_object (live), "metadata.resourceVersion"));
  g_clear_pointer (&self->original, json_node_unref);
  self->original = pac_manifest_editable (live);
  yaml = pac_yaml_dump (self->original);
  manifest = pac_manifest_parse (yaml, -1, &error);
  if (manifest == NULL)
    {
      fail (self, error->message);
      return;
    }
  pac_cluster_spec_assign (self->spec, pac_manifest_get_spec (manifest));
  start_form (self);
}

static void
load_live_object (PacClusterCreator *self)
{
  pac_supervisor_client_get_cluster_async (
    self->client, self->edit_version,
    pac_node_get_key (pac_node_get_ancestor (self->node, PAC_NODE_NAMESPACE)),
    pac_node_get_key (self->node), self->cancellable, on_live_object, g_object_ref (self));
}

static void
on_choices (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  PacClusterChoices *choices = pac_cluster_choices_load_finish (result, &error);

  if (pac_error_is_cancelled (error))
    return;
  if (choices == NULL)
    {
      fail (self, error->message);
      return;
    }
  self->choices = choices;
  /* Editing, the live object is read into this spec next */
  self->spec = pac_cluster_choices_new_spec (choices);
  pac_cluster_creator_bind_form (self);
  g_signal_connect_swapped (self->spec, "changed", G_CALLBACK (on_spec_changed), self);
  if (self->editing)
    load_live_object (self);
  else
    start_form (self);
}

static void
start (PacClusterCreator *self, GtkWindow *parent, PacNode *node)
{
  PacNode *namespace = pac_node_get_ancestor (node, PAC_NODE_NAMESPACE);
  PacSession *session = pac_session_of (node);
  PacCapabilities *capabilities = session ? pac_session_get_capabilities (session, node) : NULL;

  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->node = g_object_ref (node);
  self->client = session ? pac_session_get_client (session, node) : NULL;
  if (self->client == NULL || capabilities == NULL || namespace == NULL)
    {
      fail (self, _ ("The Supervisor is not connected."));
      return;
    }
  g_object_ref (self->client);
  pac_cluster_choices_load_async (self->client, capabilities, pac_node_get_key (namespace),
                                  self->cancellable, on_choices, g_object_ref (self));
}

PacClusterCreator *
pac_cluster_creator_new (GtkWindow *parent, PacNode *namespace)
{
  PacClusterCreator *self = g_object_new (PAC_TYPE_CLUSTER_CREATOR, NULL);
  g_autofree char *subtitle = g_strdup_printf (_ ("in %s"), pac_node_get_key (namespace));

  adw_window_title_set_subtitle (self->window_title, subtitle);
  start (self, parent, namespace);
  return self;
}

PacClusterCreator *
pac_cluster_creator_new_edit (GtkWindow *parent, PacNode *cluster)
{
  PacClusterCreator *self = g_object_new (PAC_TYPE_CLUSTER_CREATOR, NULL);
  PacCluster *item = pac_node_get_item (cluster);
  const char *api_version
    = PAC_IS_CLUSTER (item) ? pac_json_string (pac_cluster_get_json (item), "apiVersion") : NULL;
  const char *slash = api_version ? strchr (api_version, '/') : NULL;

  self->editing = TRUE;
  self->edit_version = g_strdup (slash ? slash + 1 : "v1alpha1");
  gtk_window_set_title (GTK_WINDOW (self), _ ("Edit Cluster"));
  adw_window_title_set_title (self->window_title, _ ("Edit Cluster"));
  adw_window_title_set_subtitle (self->window_title, pac_node_get_key (cluster));
  gtk_button_set_label (self->apply_button, _ ("_Apply"));
  start (self, parent, cluster);
  return self;
}

/* The namespace (a new cluster) or the cluster (an edit) */
PacNode *
pac_cluster_creator_get_node (PacClusterCreator *self)
{
  return self->node;
}

gboolean
pac_cluster_creator_is_ready (PacClusterCreator *self)
{
  return self->phase != CREATOR_LOADING;
}

PacClusterSpec *
pac_cluster_creator_get_spec (PacClusterCreator *self)
{
  return self->spec;
}

GtkTextBuffer *
pac_cluster_creator_get_buffer (PacClusterCreator *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view));
}

/* The spec's problems, then the Supervisor's */
GPtrArray *
pac_cluster_creator_get_problems (PacClusterCreator *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_problem_free);

  for (guint i = 0; self->problems && i < self->problems->len; i++)
    g_ptr_array_add (all, pac_problem_copy (g_ptr_array_index (self->problems, i)));
  for (guint i = 0; self->server_problems && i < self->server_problems->len; i++)
    g_ptr_array_add (all, pac_problem_copy (g_ptr_array_index (self->server_problems, i)));
  return all;
}

/* ---- closing ---- */

static gboolean
close_now (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response (PacAlert *dialog, const char *response, PacClusterCreator *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->phase = CREATOR_DONE;
  /* Once the dialog, which is transient for this window, has gone */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_now, g_object_ref (self), g_object_unref);
}

/* Unsaved changes: ask first */
static gboolean
pac_cluster_creator_close_request (GtkWindow *window)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (window);
  PacAlert *dialog;

  if (self->phase == CREATOR_DONE || !self->dirty)
    return GTK_WINDOW_CLASS (pac_cluster_creator_parent_class)->close_request (window);
  dialog
    = pac_alert_new (self->editing ? _ ("Discard Your Changes?") : _ ("Discard the New Cluster?"),
                     _ ("What you entered is lost unless you save the YAML first."));
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "discard", _ ("_Discard"), NULL);
  pac_alert_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_default_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  pac_alert_present (dialog, GTK_WIDGET (window));
  return TRUE;
}

static void
on_yaml_toggled (PacClusterCreator *self)
{
  pac_creator_panes_show_end (self->panes, gtk_toggle_button_get_active (self->yaml_toggle));
}

/* The YAML page can also be left by the split view's own back gestures */
static void
on_showing_yaml (PacClusterCreator *self)
{
  gboolean showing = pac_creator_panes_get_showing_end (self->panes);

  if (gtk_toggle_button_get_active (self->yaml_toggle) != showing)
    gtk_toggle_button_set_active (self->yaml_toggle, showing);
}

static void
on_dark_changed (PacClusterCreator *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (
    gtk_source_style_scheme_manager_get_default (), dark ? "Adwaita-dark" : "Adwaita");

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

/* The YAML toggle shows while the window is folded to one page */
static gboolean
sync_yaml_toggle (gpointer user_data)
{
  PacClusterCreator *self = user_data;

  self->fold_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->yaml_toggle),
                          pac_creator_panes_get_folded (self->panes));
  return G_SOURCE_REMOVE;
}

/* The panes decide "folded" while they are being allocated: showing the
 * toggle right then changes the header bar in the middle of that layout,
 * and GTK 4.8 draws it unallocated ("Trying to snapshot AdwHeaderBar
 * without a current allocation"). The toggle follows after the frame. */
static void
on_folded (PacClusterCreator *self)
{
  if (self->fold_source == 0)
    self->fold_source = g_idle_add (sync_yaml_toggle, self);
}

static void
pac_cluster_creator_dispose (GObject *object)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->dry_run_cancellable);
  g_clear_handle_id (&self->dry_run_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);
  pac_cluster_creator_unbind_form (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_CLUSTER_CREATOR);
  G_OBJECT_CLASS (pac_cluster_creator_parent_class)->dispose (object);
}

static void
pac_cluster_creator_finalize (GObject *object)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (object);

  g_clear_object (&self->node);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dry_run_cancellable);
  g_clear_object (&self->choices);
  g_clear_object (&self->spec);
  g_free (self->edit_version);
  g_clear_pointer (&self->original, json_node_unref);
  g_free (self->resource_version);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->server_problems, g_ptr_array_unref);
  g_ptr_array_unref (self->marked);
  g_free (self->problems_shown);
  g_ptr_array_unref (self->choice_bindings);
  g_free (self->cas_shown);
  G_OBJECT_CLASS (pac_cluster_creator_parent_class)->finalize (object);
}

#define BIND(member) gtk_widget_class_bind_template_child (widget_class, PacClusterCreator, member)

static void
pac_cluster_creator_class_init (PacClusterCreatorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_cluster_creator_dispose;
  G_OBJECT_CLASS (klass)->finalize = pac_cluster_creator_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = pac_cluster_creator_close_request;
  /* The cluster was created or changed: its namespace and name */
  signals[SIGNAL_APPLIED]
    = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (PAC_TYPE_SPINNER);
  g_type_ensure (PAC_TYPE_CREATOR_PANES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pac-cluster-creator.ui");
  BIND (toasts), BIND (window_title), BIND (apply_button), BIND (yaml_toggle), BIND (stack);
  BIND (failed_page), BIND (panes), BIND (form), BIND (problems_group), BIND (problems_list);
  BIND (name_row), BIND (namespace_row), BIND (release_row), BIND (control_plane_row);
  BIND (vm_class_row), BIND (storage_class_row), BIND (pools_group), BIND (add_pool_button);
  BIND (pools_list), BIND (cni_row), BIND (pods_row), BIND (services_row), BIND (domain_row);
  BIND (default_class_row), BIND (proxy_group), BIND (http_proxy_row), BIND (https_proxy_row);
  BIND (no_proxy_row), BIND (trust_group), BIND (cas_list), BIND (api_row), BIND (version_note);
  BIND (yaml_view), BIND (yaml_error), BIND (yaml_note);
  gtk_widget_class_install_action (widget_class, "creator.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "creator.add-pool", NULL, add_pool_activated);
  gtk_widget_class_install_action (widget_class, "creator.toggle-yaml", NULL,
                                   toggle_yaml_activated);
  /* Ctrl+Return and Ctrl+Y: pac_cluster_creator_init(), ahead of the
   * YAML editor's newline and the entries' own Ctrl+Y */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  pac_cluster_creator_class_init_files (widget_class);
  pac_cluster_creator_class_init_form (widget_class);
}

static void
pac_cluster_creator_init (PacClusterCreator *self)
{
  GtkTextBuffer *buffer;
  GtkSourceLanguage *yaml
    = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "yaml");

  gtk_widget_init_template (GTK_WIDGET (self));
  pac_shortcuts_add_ahead (GTK_WIDGET (self), "<Control>Return", "creator.apply", "<Control>y",
                           "creator.toggle-yaml", NULL);
  pac_accessible_name_controls (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->marked = g_ptr_array_new_with_free_func (g_object_unref);
  self->choice_bindings = g_ptr_array_new_with_free_func (g_free);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view));
  if (yaml)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), yaml);
  on_dark_changed (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_yaml_changed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->yaml_toggle),
                          pac_creator_panes_get_folded (self->panes));
  g_signal_connect_swapped (self->panes, "notify::folded", G_CALLBACK (on_folded), self);
  g_signal_connect_swapped (self->panes, "notify::showing-end", G_CALLBACK (on_showing_yaml), self);
  g_signal_connect_swapped (self->yaml_toggle, "toggled", G_CALLBACK (on_yaml_toggled), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "creator.apply", FALSE);
}
