/* pac-ctl-cluster.c: pacific-ctl cluster create|wait|scale|upgrade|delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The creator's logic without the window: a spec from a manifest (-f) or
 * from flags over the namespace's defaults, checked as the form checks
 * it and by the Supervisor's dry run. Safe to re-run: creating a cluster
 * that exists as asked says "unchanged"; one that differs is changed only
 * with --apply (a merge patch of the spec, guarded by the version read).
 * Changes that replace nodes or delete need --yes; nothing reads stdin.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "pac-cluster-choices.h"
#include "pac-cluster-upgrade.h"
#include "pac-cluster.h"
#include "pac-ctl-target.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-manifest.h"
#include "pac-node-pool.h"

/* --workers and --control-plane not given: any number typed, -1 and 0
 * too, is the user's and checked as such */
#define NOT_GIVEN G_MININT

typedef struct
{
  PacCtlTarget t;
  char *file, *name, *release, *vm_class, *storage_class, *cni, *pool, *wait_for, *timeout;
  int control_plane, workers; /* NOT_GIVEN unless given */
  gboolean dry_run, apply, yes;
} Options;

static void
options_clear (Options *o)
{
  pac_ctl_target_clear (&o->t);
  g_free (o->file);
  g_free (o->name);
  g_free (o->release);
  g_free (o->vm_class);
  g_free (o->storage_class);
  g_free (o->cni);
  g_free (o->pool);
  g_free (o->wait_for);
  g_free (o->timeout);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* ---- calls run to their end ---- */

static JsonNode *
call_done (PacSupervisorClient *client, PacCtlWait *wait, GError **error)
{
  g_autoptr (GAsyncResult) result = pac_ctl_wait_for (wait);

  return pac_supervisor_client_call_finish (client, result, error);
}

static JsonNode *
get_cluster (PacSupervisorClient *client, const char *version, const Options *o, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  pac_supervisor_client_get_cluster_async (client, version, o->t.namespace, o->name, NULL,
                                           pac_ctl_on_done, &wait);
  return call_done (client, &wait, error);
}

static JsonNode *
patch_cluster (PacSupervisorClient *client,
               const char *version,
               const Options *o,
               JsonNode *patch,
               gboolean dry_run,
               GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  pac_supervisor_client_patch_cluster_async (client, version, o->t.namespace, o->name, patch,
                                             dry_run, NULL, pac_ctl_on_done, &wait);
  return call_done (client, &wait, error);
}

/* ---- create ---- */

static PacClusterChoices *
load_choices (PacSupervisorClient *client,
              const PacCapabilities *caps,
              const char *ns,
              GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;

  pac_cluster_choices_load_async (client, caps, ns, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  return pac_cluster_choices_load_finish (result, error);
}

static void
apply_flags (PacClusterSpec *spec, const Options *o)
{
  GListModel *pools = G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec));
  g_autoptr (PacNodePool) first
    = g_list_model_get_n_items (pools) ? g_list_model_get_item (pools, 0) : NULL;

  pac_cluster_spec_set_name (spec, o->name);
  if (o->release)
    pac_cluster_spec_set_tkr (spec, o->release);
  if (o->control_plane != NOT_GIVEN)
    pac_cluster_spec_set_control_plane_replicas (spec, (guint) o->control_plane);
  if (o->cni)
    pac_cluster_spec_set_cni (spec, o->cni);
  if (o->vm_class)
    pac_cluster_spec_set_control_plane_vm_class (spec, o->vm_class);
  if (o->storage_class)
    pac_cluster_spec_set_control_plane_storage_class (spec, o->storage_class);
  if (first == NULL)
    return;
  if (o->workers != NOT_GIVEN)
    pac_node_pool_set_replicas (first, o->workers);
  if (o->vm_class)
    pac_node_pool_set_vm_class (first, o->vm_class);
  if (o->storage_class)
    pac_node_pool_set_storage_class (first, o->storage_class);
}

static PacClusterSpec *
wanted_spec (PacClusterChoices *choices, Options *o, GError **error)
{
  g_autofree char *text = NULL;
  PacClusterSpec *spec;

  if (o->file == NULL)
    {
      spec = pac_cluster_choices_new_spec (choices);
      apply_flags (spec, o);
      return spec;
    }
  if (!g_file_get_contents (o->file, &text, NULL, error)
      || (spec = pac_manifest_read (text, -1, error)) == NULL)
    return NULL;
  if (g_strcmp0 (pac_cluster_spec_get_namespace (spec), o->t.namespace) != 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("%s is for namespace %s, not %s"),
                   o->file, pac_cluster_spec_get_namespace (spec), o->t.namespace);
      g_object_unref (spec);
      return NULL;
    }
  g_free (o->name);
  o->name = g_strdup (pac_cluster_spec_get_name (spec));
  return spec;
}

static gboolean
check_spec (PacClusterChoices *choices, PacClusterSpec *spec, gboolean editing, GError **error)
{
  g_autoptr (GPtrArray) problems = pac_cluster_choices_check (choices, spec, editing);
  g_autofree char *text = NULL;
  const char *refusal = NULL;

  if (!pac_cluster_choices_may_create (choices, &refusal))
    return g_set_error_literal (error, PAC_ERROR, PAC_ERROR_FORBIDDEN, refusal), FALSE;
  if (problems == NULL || problems->len == 0)
    return TRUE;
  text = pac_problems_to_string (problems);
  g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, "%s", text);
  return FALSE;
}

/* The spec as a merge patch: only what the spec says, with the version read */
static JsonNode *
spec_patch (JsonNode *manifest, JsonNode *live)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  JsonObject *metadata = json_object_new ();

  json_object_set_string_member (
    metadata, "resourceVersion",
    pac_json_string (pac_json_node_object (live), "metadata.resourceVersion"));
  json_object_set_object_member (patch, "metadata", metadata);
  json_object_set_member (
    patch, "spec",
    json_node_copy (json_object_get_member (json_node_get_object (manifest), "spec")));
  return json_node_init_object (json_node_alloc (), patch);
}

/* Status updates move the version all the time: a conflict reads the
 * cluster again and tries once more (twice at most), never blindly */
#define CONFLICT_RETRIES 2

static JsonNode *
patch_spec (PacSupervisorClient *client,
            const char *version,
            const Options *o,
            JsonNode *manifest,
            JsonNode **live,
            GError **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (JsonNode) patch = spec_patch (manifest, *live);
      g_autoptr (GError) local = NULL;
      JsonNode *answer = patch_cluster (client, version, o, patch, o->dry_run, &local);

      if (answer || attempt == CONFLICT_RETRIES
          || !g_error_matches (local, PAC_ERROR, PAC_ERROR_CONFLICT))
        {
          if (local)
            g_propagate_error (error, g_steal_pointer (&local));
          return answer;
        }
      g_clear_pointer (live, json_node_unref);
      if ((*live = get_cluster (client, version, o, error)) == NULL)
        return NULL;
    }
}

/* What a command did, as "NAMESPACE/NAME: STATUS" or, with -o json|yaml,
 * {"namespace", "name", "status"} (and "release" for an upgrade) */
static int
say (const Options *o, const char *status, const char *release)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = NULL;

  if (o->t.output == NULL || g_str_equal (o->t.output, "table"))
    {
      if (release)
        g_print ("%s/%s: %s to %s\n", o->t.namespace, o->name, status, release);
      else
        g_print ("%s/%s: %s\n", o->t.namespace, o->name, status);
      return PAC_CTL_OK;
    }
  json_object_set_string_member (object, "namespace", o->t.namespace);
  json_object_set_string_member (object, "name", o->name);
  json_object_set_string_member (object, "status", status);
  if (release)
    json_object_set_string_member (object, "release", release);
  node = json_node_init_object (json_node_alloc (), object);
  pac_ctl_print (&o->t, node, NULL);
  return PAC_CTL_OK;
}

static int
create_or_apply (PacSupervisorClient *client, PacClusterSpec *spec, Options *o)
{
  g_autoptr (JsonNode) manifest = pac_manifest_to_json (spec);
  const char *api = pac_tkc_api_to_string (pac_cluster_spec_get_api (spec));
  const char *version = strrchr (api, '/') ? strrchr (api, '/') + 1 : api;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) live = get_cluster (client, version, o, &error);
  g_autoptr (JsonNode) answer = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  if (live == NULL && !g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    return g_main_loop_unref (wait.loop), pac_ctl_fail_with ("cluster create", error);
  g_clear_error (&error);
  if (live && pac_json_contains (live, manifest))
    {
      g_main_loop_unref (wait.loop);
      return say (o, "unchanged", NULL);
    }
  if (live && !o->apply)
    {
      g_main_loop_unref (wait.loop);
      return pac_ctl_fail ("cluster create",
                           _ ("the cluster exists and differs: --apply changes it"), PAC_CTL_ERROR);
    }
  if (live)
    {
      g_main_loop_unref (wait.loop);
      answer = patch_spec (client, version, o, manifest, &live, &error);
    }
  else
    {
      pac_supervisor_client_create_cluster_async (client, json_node_get_object (manifest),
                                                  o->dry_run, NULL, pac_ctl_on_done, &wait);
      answer = call_done (client, &wait, &error);
    }
  if (answer == NULL)
    return pac_ctl_fail_with ("cluster create", error);
  if (o->dry_run && (o->t.output == NULL || g_str_equal (o->t.output, "yaml")))
    {
      g_autofree char *yaml = pac_manifest_render (spec);
      g_print ("%s", yaml);
    }
  else if (o->dry_run)
    pac_ctl_print (&o->t, manifest, NULL);
  else
    say (o, live ? "configured" : "created", NULL);
  return PAC_CTL_OK;
}

/* v1alpha1 takes a version hint ("v1.17"): say which release the
 * Supervisor will take for it (on stderr: stdout is the command's answer) */
static void
say_resolved_release (PacClusterChoices *choices, PacClusterSpec *spec)
{
  const char *hint = pac_cluster_spec_get_tkr (spec);
  PacChoice *release = pac_cluster_spec_get_api (spec) == PAC_TKC_V1ALPHA1 && hint
                         ? pac_cluster_choices_resolve_release (choices, hint)
                         : NULL;

  if (release && g_strcmp0 (pac_choice_get_id (release), hint) != 0)
    /* Translators: a version hint, and the release it stands for */
    g_printerr (_ ("pacific-ctl cluster create: “%s” is release %s on this Supervisor\n"), hint,
                pac_choice_get_id (release));
}

static int
create (Options *o, PacSupervisorClient *client, PacCapabilities *caps)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PacClusterChoices) choices = load_choices (client, caps, o->t.namespace, &error);
  g_autoptr (PacClusterSpec) spec = choices ? wanted_spec (choices, o, &error) : NULL;
  gboolean exists;

  if (spec == NULL)
    return pac_ctl_fail_with ("cluster create", error);
  exists = pac_cluster_choices_has_cluster (choices, o->name);
  if (!check_spec (choices, spec, exists, &error))
    return pac_ctl_fail_with ("cluster create", error);
  say_resolved_release (choices, spec);
  return create_or_apply (client, spec, o);
}

/* ---- wait ---- */

/* "30m", "90s", "1h" or seconds; -1 when not a duration */
static gint64
parse_duration (const char *text)
{
  char *end = NULL;
  gint64 value = text ? g_ascii_strtoll (text, &end, 10) : -1;

  if (text == NULL || end == text || value < 0)
    return -1;
  if (*end == '\0' || g_str_equal (end, "s"))
    return value;
  if (g_str_equal (end, "m"))
    return value * 60;
  if (g_str_equal (end, "h"))
    return value * 3600;
  return -1;
}

/* --timeout bounds the whole command: sign-in, retries and every read
 * (libsoup's own per-read timeout and retries could add minutes). Half a
 * second after it, whatever is still waiting ends the process; the wait
 * loop reports the phase itself when it sees the deadline first. */
static gboolean
on_command_deadline (gpointer user_data)
{
  const char *timeout = user_data;

  g_printerr (_ ("pacific-ctl cluster wait: no answer within %s\n"), timeout);
  fflush (stdout);
  fflush (stderr);
  _exit (PAC_CTL_TIMEOUT);
  return G_SOURCE_REMOVE;
}

static void
start_command_deadline (const Options *o)
{
  gint64 seconds = o->timeout ? parse_duration (o->timeout) : -1;

  if (seconds >= 0)
    g_timeout_add_full (G_PRIORITY_HIGH, (guint) MIN (seconds * 1000 + 500, G_MAXUINT),
                        on_command_deadline, o->timeout, NULL);
}

static int
fail_failed (const Options *o, PacCluster *cluster)
{
  const char *why = pac_cluster_get_condition_message (cluster, "Ready");
  g_autofree char *message
    = g_strdup_printf (_ ("%s failed: %s"), o->name, why ? why : _ ("no reason given"));

  return pac_ctl_fail ("cluster wait", message, PAC_CTL_ERROR);
}

static int
wait_for (Options *o, PacSupervisorClient *client, PacCapabilities *caps)
{
  gint64 seconds = parse_duration (o->timeout ? o->timeout : "30m");
  gboolean deleted = g_strcmp0 (o->wait_for, "deleted") == 0;
  gint64 deadline;
  g_autofree char *last = NULL;

  if (seconds < 0
      || !(deleted || g_strcmp0 (o->wait_for ? o->wait_for : "running", "running") == 0))
    return pac_ctl_fail ("cluster wait", _ ("--for takes running or deleted; --timeout e.g. 30m"),
                         PAC_CTL_USAGE);
  deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) live = get_cluster (client, caps->tkc_version, o, &error);
      g_autoptr (PacCluster) cluster = live ? pac_cluster_new (pac_json_node_object (live)) : NULL;
      const char *phase = cluster ? pac_cluster_get_phase (cluster) : NULL;

      if (deleted && g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
        return say (o, "deleted", NULL);
      if (live == NULL && !deleted)
        return pac_ctl_fail_with ("cluster wait", error);
      if (!deleted && g_strcmp0 (phase, "running") == 0 && pac_cluster_get_ready (cluster))
        return say (o, "running", NULL);
      /* A failed cluster does not become running by waiting */
      if (!deleted && g_strcmp0 (phase, "failed") == 0)
        return fail_failed (o, cluster);
      if (g_strcmp0 (last, phase) != 0)
        pac_ctl_progress ("%s/%s: %s", o->t.namespace, o->name, phase ? phase : "?");
      g_free (last);
      last = g_strdup (phase);
      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *message
            = g_strdup_printf (_ ("%s is still %s after %s"), o->name, phase ? phase : "?",
                               o->timeout ? o->timeout : "30m");
          return pac_ctl_fail ("cluster wait", message, PAC_CTL_TIMEOUT);
        }
      pac_ctl_pause (1000);
    }
}

/* ---- scale, upgrade, delete ---- */

/* The version read: the server refuses the patch if the cluster changed since */
static void
set_resource_version (JsonNode *patch, JsonNode *live)
{
  JsonObject *object = json_node_get_object (patch);
  JsonObject *metadata = pac_json_object (object, "metadata");

  if (metadata == NULL)
    {
      metadata = json_object_new ();
      json_object_set_object_member (object, "metadata", metadata);
    }
  json_object_set_string_member (
    metadata, "resourceVersion",
    pac_json_string (pac_json_node_object (live), "metadata.resourceVersion"));
}

/* The merge patch that scales @live as @o asks, guarded by its version;
 * %NULL with @error unset when nothing changes */
static JsonNode *
scale_patch (Options *o, JsonNode *live, GError **error)
{
  g_autoptr (JsonNode) editable = pac_manifest_editable (live);
  g_autofree char *yaml = editable ? pac_yaml_dump (editable) : NULL;
  g_autoptr (PacClusterSpec) spec = yaml ? pac_manifest_read (yaml, -1, error) : NULL;
  g_autoptr (JsonNode) wanted = NULL;
  JsonNode *patch;
  GListModel *pools;
  gboolean found = o->pool == NULL;

  if (spec == NULL)
    return NULL;
  pools = G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec));
  if (o->control_plane != NOT_GIVEN)
    pac_cluster_spec_set_control_plane_replicas (spec, (guint) o->control_plane);
  for (guint i = 0; o->workers != NOT_GIVEN && i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr (PacNodePool) pool = g_list_model_get_item (pools, i);
      if (o->pool ? g_strcmp0 (o->pool, pac_node_pool_get_name (pool)) == 0 : i == 0)
        {
          pac_node_pool_set_replicas (pool, o->workers);
          found = TRUE;
        }
    }
  if (!found)
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_NOT_FOUND, _ ("no such node pool"));
      return NULL;
    }
  wanted = pac_manifest_to_json (spec);
  patch = pac_json_merge_patch_between (editable, wanted);
  if (patch)
    set_resource_version (patch, live);
  return patch;
}

/* A status update between the read and the patch is a 409: read the
 * cluster again and scale from there (CONFLICT_RETRIES times at most) */
static int
scale (Options *o, PacSupervisorClient *client, PacCapabilities *caps)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) live = get_cluster (client, caps->tkc_version, o, &error);
      g_autoptr (JsonNode) patch = live ? scale_patch (o, live, &error) : NULL;
      g_autoptr (JsonNode) answer = NULL;

      if (patch == NULL && error == NULL)
        return say (o, "unchanged", NULL);
      if (patch)
        answer = patch_cluster (client, caps->tkc_version, o, patch, o->dry_run, &error);
      if (answer)
        {
          say (o, "scaled", NULL);
          return PAC_CTL_OK;
        }
      if (attempt == CONFLICT_RETRIES || !g_error_matches (error, PAC_ERROR, PAC_ERROR_CONFLICT))
        return pac_ctl_fail_with ("cluster scale", error);
    }
}

static int
upgrade (Options *o, PacSupervisorClient *client, PacCapabilities *caps)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PacUpgradePlan) plan = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  const PacUpgradeChoice *choice = NULL;

  pac_cluster_upgrade_load_async (client, caps, o->t.namespace, o->name, NULL, pac_ctl_on_done,
                                  &wait);
  result = pac_ctl_wait_for (&wait);
  if ((plan = pac_cluster_upgrade_load_finish (result, &error)) == NULL)
    return pac_ctl_fail_with ("cluster upgrade", error);
  if (g_str_has_prefix (plan->current_version, o->release))
    return say (o, "unchanged", NULL);
  for (guint i = 0; choice == NULL && i < plan->choices->len; i++)
    {
      const PacUpgradeChoice *c = g_ptr_array_index (plan->choices, i);
      if (g_str_has_prefix (c->version, o->release) || g_strcmp0 (c->name, o->release) == 0)
        choice = c;
    }
  if (choice == NULL)
    return pac_ctl_fail ("cluster upgrade", _ ("the Supervisor has no such release"),
                         PAC_CTL_NOT_FOUND);
  if (!choice->allowed)
    return pac_ctl_fail ("cluster upgrade", choice->reason, PAC_CTL_ERROR);
  g_clear_object (&result);
  wait.loop = g_main_loop_new (NULL, FALSE);
  pac_cluster_upgrade_async (client, plan, choice, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  if (!pac_cluster_upgrade_finish (result, &error))
    return pac_ctl_fail_with ("cluster upgrade", error);
  say (o, "upgrading", choice->version);
  return PAC_CTL_OK;
}

static int delete (Options *o, PacSupervisorClient *client, PacCapabilities *caps)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;
  PacCtlWait wait = PAC_CTL_WAIT_INIT;

  pac_supervisor_client_delete_cluster_async (client, caps->tkc_version, o->t.namespace, o->name,
                                              NULL, pac_ctl_on_done, &wait);
  answer = call_done (client, &wait, &error);
  if (answer == NULL && g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    return say (o, "absent", NULL);
  if (answer == NULL)
    return pac_ctl_fail_with ("cluster delete", error);
  say (o, "deleting", NULL);
  return PAC_CTL_OK;
}

/* ---- parsing ---- */

static void
add_entries (GOptionContext *context, const char *verb, Options *o)
{
  const GOptionEntry create_entries[] = {
    { "filename", 'f', 0, G_OPTION_ARG_FILENAME, &o->file, N_ ("A TKC manifest (YAML or JSON)"),
      N_ ("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_ ("The cluster’s name"), N_ ("NAME") },
    { "release", 0, 0, G_OPTION_ARG_STRING, &o->release, N_ ("The Kubernetes release"),
      N_ ("VERSION") },
    { "control-plane", 0, 0, G_OPTION_ARG_INT, &o->control_plane,
      N_ ("Control plane nodes (1 or 3)"), N_ ("N") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &o->workers, N_ ("Worker nodes"), N_ ("N") },
    { "vm-class", 0, 0, G_OPTION_ARG_STRING, &o->vm_class, N_ ("The nodes’ VM class"),
      N_ ("CLASS") },
    { "storage-class", 0, 0, G_OPTION_ARG_STRING, &o->storage_class,
      N_ ("The nodes’ storage class"), N_ ("CLASS") },
    { "cni", 0, 0, G_OPTION_ARG_STRING, &o->cni, N_ ("antrea or calico"), N_ ("CNI") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &o->dry_run,
      N_ ("Let the Supervisor check it, change nothing, print the YAML"), NULL },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &o->apply, N_ ("Change the cluster if it differs"), NULL },
    { NULL },
  };
  const GOptionEntry wait_entries[] = {
    { "for", 0, 0, G_OPTION_ARG_STRING, &o->wait_for, N_ ("running (default) or deleted"),
      N_ ("STATE") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &o->timeout, N_ ("How long, e.g. 30m (default)"),
      N_ ("DURATION") },
    { NULL },
  };
  const GOptionEntry scale_entries[] = {
    { "workers", 0, 0, G_OPTION_ARG_INT, &o->workers, N_ ("Worker nodes"), N_ ("N") },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &o->pool, N_ ("The node pool (default: the first)"),
      N_ ("NAME") },
    { "control-plane", 0, 0, G_OPTION_ARG_INT, &o->control_plane,
      N_ ("Control plane nodes (1 or 3)"), N_ ("N") },
    { NULL },
  };
  const GOptionEntry upgrade_entries[] = {
    { "release", 0, 0, G_OPTION_ARG_STRING, &o->release, N_ ("The Kubernetes release"),
      N_ ("VERSION") },
    { NULL },
  };
  const GOptionEntry yes_entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &o->yes, N_ ("Confirm: nodes are replaced or deleted"),
      NULL },
    { NULL },
  };

  pac_ctl_target_add_entries (context, &o->t, TRUE);
  if (g_str_equal (verb, "create"))
    g_option_context_add_main_entries (context, create_entries, GETTEXT_PACKAGE);
  else if (g_str_equal (verb, "wait"))
    g_option_context_add_main_entries (context, wait_entries, GETTEXT_PACKAGE);
  else if (g_str_equal (verb, "scale"))
    g_option_context_add_main_entries (context, scale_entries, GETTEXT_PACKAGE);
  else if (g_str_equal (verb, "upgrade"))
    g_option_context_add_main_entries (context, upgrade_entries, GETTEXT_PACKAGE);
  if (!g_str_equal (verb, "create") && !g_str_equal (verb, "wait"))
    g_option_context_add_main_entries (context, yes_entries, GETTEXT_PACKAGE);
}

static const char *
usage_problem (const char *verb, Options *o, int argc, char **argv)
{
  gboolean named = argc == 2;

  if (g_str_equal (verb, "create") ? argc != 1 : !named)
    return g_str_equal (verb, "create") ? _ ("give the cluster with -f FILE or --name")
                                        : _ ("give one cluster’s NAME");
  if (named)
    o->name = g_strdup (argv[1]);
  if (o->t.namespace == NULL)
    return _ ("give the namespace with -n");
  if (g_str_equal (verb, "create") && (o->file != NULL) == (o->name != NULL))
    return _ ("give the cluster with either -f FILE or --name");
  if (g_str_equal (verb, "upgrade") && o->release == NULL)
    return _ ("give the --release to upgrade to");
  if (g_str_equal (verb, "scale") && o->workers == NOT_GIVEN && o->control_plane == NOT_GIVEN)
    return _ ("give --workers or --control-plane");
  if (o->workers != NOT_GIVEN && o->workers < 0)
    return _ ("--workers: must be zero or more");
  if (o->control_plane != NOT_GIVEN && o->control_plane != 1 && o->control_plane != 3)
    return _ ("--control-plane: must be 1 or 3: a control plane needs an odd number of nodes");
  if (!g_str_equal (verb, "create") && !g_str_equal (verb, "wait") && !o->yes)
    return _ ("this replaces or deletes nodes: confirm with --yes");
  return NULL;
}

int
pac_ctl_cluster (int argc, char **argv)
{
  const char *verb = argv[0];
  g_auto (Options) o = { .workers = NOT_GIVEN, .control_plane = NOT_GIVEN };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacCapabilities) caps = NULL;
  g_autoptr (PacSupervisorClient) client = NULL;
  g_autofree char *command = g_strdup_printf ("cluster %s", verb);
  const char *problem;

  if (g_str_equal (verb, "get"))
    return pac_ctl_cluster_get (argc, argv);
  if (!g_strv_contains (
        (const char *const[]){ "create", "wait", "scale", "upgrade", "delete", NULL }, verb))
    return pac_ctl_fail (
      "cluster", _ ("unknown command: get, create, wait, scale, upgrade or delete"), PAC_CTL_USAGE);
  context = g_option_context_new (g_str_equal (verb, "create") ? NULL : "NAME");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  add_entries (context, verb, &o);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || !pac_ctl_target_check (&o.t, &error))
    return pac_ctl_fail_usage (command, error);
  if ((problem = usage_problem (verb, &o, argc, argv)) != NULL)
    return pac_ctl_fail (command, problem, PAC_CTL_USAGE);
  start_command_deadline (&o);
  if ((client = pac_ctl_target_open (&o.t, &caps, &error)) == NULL)
    return pac_ctl_fail_with (command, error);
  if (g_str_equal (verb, "create"))
    return create (&o, client, caps);
  if (g_str_equal (verb, "wait"))
    return wait_for (&o, client, caps);
  if (g_str_equal (verb, "scale"))
    return scale (&o, client, caps);
  if (g_str_equal (verb, "upgrade"))
    return upgrade (&o, client, caps);
  return delete (&o, client, caps);
}
