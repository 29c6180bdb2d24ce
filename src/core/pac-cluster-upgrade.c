/* pac-cluster-upgrade.c: which releases a cluster may move to, and the
 * patch that moves it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/resources.md, "Validation rules": a release must be Compatible with the
 * Supervisor, and versions move forward only, one Kubernetes minor at a
 * time (patch releases any time). Every release is listed; those left
 * out say why. The patch names the release where the API version keeps
 * it (v1alpha1: spec.distribution.version; v1alpha2/3: the control
 * plane's and each pool's tkr.reference.name) and carries the
 * resourceVersion read, so that a cluster changed meanwhile is refused
 * with 409 instead of overwritten.
 */
#define G_LOG_DOMAIN "pac-cluster-upgrade"

#include "config.h"

#include "pac-cluster-upgrade.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-cluster.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-release.h"
#include "pac-version.h"

void
pac_upgrade_choice_free (PacUpgradeChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->name);
  g_free (choice->version);
  g_free (choice->reason);
  g_free (choice);
}

void
pac_upgrade_plan_free (PacUpgradePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->cluster, json_object_unref);
  g_free (plan->current_version);
  g_clear_pointer (&plan->choices, g_ptr_array_unref);
  g_free (plan);
}

static PacUpgradeChoice *
choice_for (const PacVersion *current, PacRelease *release)
{
  PacUpgradeChoice *choice = g_new0 (PacUpgradeChoice, 1);
  g_autoptr (PacVersion) version = NULL;
  g_autoptr (GError) error = NULL;

  choice->name = g_strdup (pac_resource_get_name (PAC_RESOURCE (release)));
  choice->version = pac_release_dup_version (release);
  version = choice->version ? pac_version_parse (choice->version, NULL) : NULL;
  if (!pac_release_is_compatible (release))
    {
      g_autofree char *why = pac_release_dup_incompatibility (release);
      choice->reason
        = why && *why ? g_strdup (why) : g_strdup (_ ("Not compatible with this Supervisor"));
    }
  else if (version == NULL || current == NULL)
    choice->reason = g_strdup (_ ("Its version cannot be read"));
  else if (!pac_version_check_upgrade (current, version, &error))
    choice->reason = g_strdup (error->message);
  choice->allowed = choice->reason == NULL;
  return choice;
}

static int
compare_choices (gconstpointer a, gconstpointer b)
{
  const PacUpgradeChoice *x = *(PacUpgradeChoice *const *) a;
  const PacUpgradeChoice *y = *(PacUpgradeChoice *const *) b;
  g_autoptr (PacVersion) vx = x->version ? pac_version_parse (x->version, NULL) : NULL;
  g_autoptr (PacVersion) vy = y->version ? pac_version_parse (y->version, NULL) : NULL;

  if (x->allowed != y->allowed)
    return x->allowed ? -1 : 1;
  if (vx && vy)
    return -pac_version_compare (vx, vy);
  return g_strcmp0 (y->name, x->name);
}

/**
 * pac_cluster_upgrade_choices:
 * @current_version: the cluster's release version now
 * @releases: TanzuKubernetesRelease objects
 *
 * Returns: (transfer full) (element-type PacUpgradeChoice): every release,
 *   the allowed ones first, newest first
 */
GPtrArray *
pac_cluster_upgrade_choices (const char *current_version, JsonArray *releases)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_upgrade_choice_free);
  g_autoptr (PacVersion) current
    = current_version ? pac_version_parse (current_version, NULL) : NULL;

  for (guint i = 0; releases && i < json_array_get_length (releases); i++)
    {
      g_autoptr (PacRelease) release = g_object_new (
        PAC_TYPE_RELEASE, "json", json_array_get_object_element (releases, i), NULL);
      g_ptr_array_add (choices, choice_for (current, release));
    }
  g_ptr_array_sort (choices, compare_choices);
  return choices;
}

static void
set_release_name (JsonObject *settings, const char *name)
{
  JsonObject *tkr = json_object_new ();
  JsonObject *reference = json_object_new ();

  json_object_set_string_member (reference, "name", name);
  json_object_set_object_member (tkr, "reference", reference);
  json_object_set_object_member (settings, "tkr", tkr);
}

/**
 * pac_cluster_upgrade_patch:
 * @cluster: the TKC as read
 *
 * Returns: (transfer full): the merge patch, guarded by resourceVersion
 */
JsonNode *
pac_cluster_upgrade_patch (JsonObject *cluster, const PacUpgradeChoice *choice)
{
  JsonObject *patch = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  const char *api_version = pac_json_string (cluster, "apiVersion");

  json_object_set_string_member (metadata, "resourceVersion",
                                 pac_json_string (cluster, "metadata.resourceVersion"));
  json_object_set_object_member (patch, "metadata", metadata);
  if (api_version && g_str_has_suffix (api_version, "/v1alpha1"))
    {
      JsonObject *distribution = json_object_new ();
      /* the full version would pin the old build: the short one moves it */
      json_object_set_string_member (distribution, "version", choice->version);
      json_object_set_null_member (distribution, "fullVersion");
      json_object_set_object_member (spec, "distribution", distribution);
    }
  else
    {
      JsonObject *topology = json_object_new ();
      JsonObject *control_plane = json_object_new ();
      JsonArray *pools = pac_json_array (cluster, "spec.topology.nodePools");

      set_release_name (control_plane, choice->name);
      json_object_set_object_member (topology, "controlPlane", control_plane);
      if (pools)
        {
          /* a merge patch replaces arrays whole: every pool, as read, with the release */
          JsonArray *moved = json_array_new ();
          for (guint i = 0; i < json_array_get_length (pools); i++)
            {
              JsonNode *copy = json_node_copy (json_array_get_element (pools, i));
              if (JSON_NODE_HOLDS_OBJECT (copy))
                set_release_name (json_node_get_object (copy), choice->name);
              json_array_add_element (moved, copy);
            }
          json_object_set_array_member (topology, "nodePools", moved);
        }
      json_object_set_object_member (spec, "topology", topology);
    }
  json_object_set_object_member (patch, "spec", spec);
  return json_node_init_object (json_node_alloc (), patch);
}

/* ---- loading ---- */

typedef struct
{
  PacSupervisorClient *client;
  char *release_path;
  PacUpgradePlan *plan;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->client);
  g_free (load->release_path);
  pac_upgrade_plan_free (load->plan);
  g_free (load);
}

static void
on_releases (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) list
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load->plan->choices = pac_cluster_upgrade_choices (
    load->plan->current_version, pac_json_array (pac_json_node_object (list), "items"));
  g_task_return_pointer (task, g_steal_pointer (&load->plan),
                         (GDestroyNotify) pac_upgrade_plan_free);
}

static void
on_cluster (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) cluster
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  g_autoptr (PacCluster) model = NULL;

  if (cluster == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load->plan = g_new0 (PacUpgradePlan, 1);
  load->plan->cluster = json_object_ref (json_node_get_object (cluster));
  model = pac_cluster_new (load->plan->cluster);
  load->plan->current_version = pac_cluster_dup_version (model);
  pac_connection_request_async (pac_supervisor_client_get_connection (load->client), "GET",
                                load->release_path, NULL, g_task_get_cancellable (task),
                                on_releases, g_object_ref (task));
}

/**
 * pac_cluster_upgrade_load_async:
 *
 * Reads the cluster and the Supervisor's releases.
 */
void
pac_cluster_upgrade_load_async (PacSupervisorClient *client,
                                const PacCapabilities *capabilities,
                                const char *namespace,
                                const char *name,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  g_task_set_source_tag (task, pac_cluster_upgrade_load_async);
  load->client = g_object_ref (client);
  load->release_path = g_strdup_printf (
    "/apis/run.tanzu.vmware.com/%s/tanzukubernetesreleases",
    capabilities && capabilities->release_version ? capabilities->release_version : "v1alpha1");
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  pac_supervisor_client_get_cluster_async (
    client, capabilities && capabilities->tkc_version ? capabilities->tkc_version : "v1alpha1",
    namespace, name, cancellable, on_cluster, task);
}

/* Returns: (transfer full) (nullable): the plan */
PacUpgradePlan *
pac_cluster_upgrade_load_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_patched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pac_cluster_upgrade_async:
 *
 * Refuses a choice that is not allowed; a cluster changed since the plan
 * was read fails with %PAC_ERROR_CONFLICT: read the plan again.
 */
void
pac_cluster_upgrade_async (PacSupervisorClient *client,
                           PacUpgradePlan *plan,
                           const PacUpgradeChoice *choice,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  const char *api_version = pac_json_string (plan->cluster, "apiVersion");
  const char *slash = api_version ? strrchr (api_version, '/') : NULL;
  g_autoptr (JsonNode) patch = NULL;

  g_task_set_source_tag (task, pac_cluster_upgrade_async);
  if (!choice->allowed)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, "%s", choice->reason);
      g_object_unref (task);
      return;
    }
  patch = pac_cluster_upgrade_patch (plan->cluster, choice);
  pac_supervisor_client_patch_cluster_async (
    client, slash ? slash + 1 : "v1alpha1", pac_json_string (plan->cluster, "metadata.namespace"),
    pac_json_string (plan->cluster, "metadata.name"), patch, FALSE, cancellable, on_patched, task);
}

gboolean
pac_cluster_upgrade_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
