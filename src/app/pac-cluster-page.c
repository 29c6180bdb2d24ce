/* pac-cluster-page.c: details of a guest cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Overview (phase, endpoint, release and updates, conditions in plain
 * words with what to do, node pools, the guest's own nodes, labels,
 * events) and the object as read-only YAML. The overview follows the
 * watched object; the Supervisor's events about the cluster and its
 * machines are read again as it changes; nodes are read when the page
 * opens.
 * Permissions: the guest's pod-security regime, and a pointer to the
 * Pod Security dialog when a ReplicaSet's pods are refused by it.
 */
#define G_LOG_DOMAIN "pac-cluster-page"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "pac-cluster-events.h"
#include "pac-cluster-page.h"
#include "pac-cluster-upgrade.h"
#include "pac-cluster.h"
#include "pac-detail-list.h"
#include "pac-guest-client.h"
#include "pac-json.h"
#include "pac-kubeconfig.h"
#include "pac-pod-security.h"
#include "pac-registry-group.h"
#include "pac-release.h"
#include "pac-session.h"
#include "pac-yaml.h"

struct _PacClusterPage
{
  GtkWidget parent_instance;

  PacNode *node;
  PacCluster *cluster;
  GCancellable *cancellable;
  PacGuestClient *guest;
  char *guest_problem;     /* why there is no guest client */
  char *refused_namespace; /* where a ReplicaSet's pods are refused */
  gboolean events_loading;
  gboolean events_stale; /* the cluster changed while they were read */
  gboolean ready_loaded; /* the readiness the guest's details were loaded for */
  char *updates_for;     /* the release "Available Updates" was read for */
  guint refusal_source;  /* looks for refused pods again while the page is shown */
  gboolean refusal_reading;

  AdwViewStack *view_stack;
  AdwActionRow *read_only_row;
  AdwActionRow *phase_row;
  AdwActionRow *endpoint_row;
  AdwActionRow *version_row;
  AdwActionRow *updates_row;
  AdwActionRow *age_row;
  AdwActionRow *context_row;
  AdwActionRow *refusal_row;
  AdwActionRow *pod_security_row;
  AdwActionRow *access_row;
  PacRegistryGroup *registry_group;
  GtkWidget *edit_button;
  GtkWidget *upgrade_button;
  GtkWidget *delete_button;
  char *tooltips[3]; /* the buttons' own, from the template */
  GtkListBox *conditions_list;
  GtkListBox *pools_list;
  GtkListBox *nodes_list;
  GtkListBox *labels_list;
  GtkListBox *events_list;
  GtkSourceView *yaml_view;
};

G_DEFINE_FINAL_TYPE (PacClusterPage, pac_cluster_page, GTK_TYPE_WIDGET)

static const struct
{
  const char *type;
  const char *label;
  const char *advice; /* when the condition is not True */
} conditions[] = {
  { "Ready", N_ ("Ready"),
    N_ ("The cluster is not fully up yet; the other conditions say which part waits.") },
  { "ControlPlaneReady", N_ ("Control plane ready"),
    N_ ("Control plane VMs are being created or replaced; if it stays so, check the namespace's "
        "VM class and storage limits.") },
  { "NodePoolsReady", N_ ("Node pools ready"),
    N_ ("Worker nodes are being created or rolled; wait, or check the pool's VM class and "
        "storage class.") },
  { "AddonsReady", N_ ("Add-ons ready"),
    N_ ("Networking, storage or authentication add-ons are not running yet.") },
  { "NodesHealthy", N_ ("Nodes healthy"), N_ ("A node failed its health checks: see Nodes.") },
  { "TanzuKubernetesReleaseCompatible", N_ ("Release compatible"),
    N_ ("This Supervisor no longer supports the cluster's release: upgrade the cluster.") },
  { "UpdatesAvailable", N_ ("Updates available"), NULL },
  { "ProviderServiceAccountsReady", N_ ("Provider service accounts ready"), NULL },
  { "RoleBindingSynced", N_ ("Role bindings synced"),
    N_ ("Namespace permissions are not yet copied into the cluster.") },
  { "StorageClassSynced", N_ ("Storage classes synced"),
    N_ ("The namespace's storage classes are not yet copied into the cluster.") },
  { "ServiceDiscoveryReady", N_ ("Service discovery ready"), NULL },
};

/* What to do about a condition @type that is not True, or %NULL */
const char *
pac_condition_advice (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    if (g_strcmp0 (type, conditions[i].type) == 0)
      return conditions[i].advice ? _ (conditions[i].advice) : NULL;
  return NULL;
}

static const char *
condition_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    if (g_strcmp0 (type, conditions[i].type) == 0)
      return _ (conditions[i].label);
  return type;
}

static void
show_conditions (PacClusterPage *self, JsonObject *json)
{
  JsonArray *list = pac_json_array (json, "status.conditions");

  pac_detail_list_clear (self->conditions_list);
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *condition = json_array_get_object_element (list, i);
      const char *type = pac_json_string (condition, "type");
      gboolean ok = g_strcmp0 (pac_json_string (condition, "status"), "True") == 0;
      const char *message = pac_json_string (condition, "message");
      const char *reason = pac_json_string (condition, "reason");
      const char *advice = ok ? NULL : pac_condition_advice (type);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      g_autofree char *releases = NULL;

      if (g_strcmp0 (type, "UpdatesAvailable") == 0)
        {
          /* "[v1.26.5 v1.27.4]" as a list; "[]" is no news at all */
          g_auto (GStrv) listed = pac_release_parse_updates (message);

          ok = !ok; /* True here is news, not trouble */
          releases = listed && listed[0] ? g_strjoinv (", ", listed) : g_strdup ("");
          message = releases;
        }
      subtitle = g_strjoin ("\n", ok ? _ ("Yes") : _ ("No"),
                            message && *message ? message : (reason ? reason : ""),
                            advice ? advice : "", NULL);
      g_strstrip (subtitle);
      row = pac_detail_list_add (self->conditions_list, condition_label (type), subtitle);
      pac_detail_list_add_icon (row, ok ? "object-select-symbolic" : "dialog-warning-symbolic",
                                ok ? "success" : "warning");
    }
  if (list == NULL || json_array_get_length (list) == 0)
    pac_detail_list_placeholder (self->conditions_list, _ ("None reported yet"));
}

static void
add_pool (GtkListBox *list,
          JsonObject *pool,
          const char *name_path,
          const char *replicas_path,
          const char *class_path)
{
  gint64 replicas = pac_json_int (pool, replicas_path, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *count
    = replicas >= 0
        ? g_strdup_printf (ngettext ("%d node", "%d nodes", (int) replicas), (int) replicas)
        : g_strdup (_ ("Autoscaled"));

  subtitle = g_strdup_printf (
    "%s · %s", count,
    pac_json_string (pool, class_path) ? pac_json_string (pool, class_path) : "?");
  pac_detail_list_add (list, pac_json_string (pool, name_path), subtitle);
}

static void
show_pools (PacClusterPage *self, JsonObject *json)
{
  JsonArray *pools = pac_json_array (json, "spec.topology.nodePools");
  JsonArray *deployments = pac_json_array (json, "spec.topology.workers.machineDeployments");
  JsonObject *workers = pac_json_object (json, "spec.topology.workers");

  pac_detail_list_clear (self->pools_list);
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    add_pool (self->pools_list, json_array_get_object_element (pools, i), "name", "replicas",
              "vmClass");
  for (guint i = 0; deployments && i < json_array_get_length (deployments); i++)
    add_pool (self->pools_list, json_array_get_object_element (deployments, i), "name", "replicas",
              "class");
  if (pools == NULL && deployments == NULL && workers && pac_json_string (workers, "class"))
    {
      /* v1alpha1: one pool, spelled workers.count and workers.class */
      g_autofree char *subtitle = g_strdup_printf (
        "%d · %s", (int) pac_json_int (workers, "count", 0), pac_json_string (workers, "class"));
      pac_detail_list_add (self->pools_list, "workers", subtitle);
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->pools_list)) == NULL)
    pac_detail_list_placeholder (self->pools_list, _ ("None"));
}

static void
show_labels (PacClusterPage *self, JsonObject *json)
{
  JsonObject *labels = pac_json_object (json, "metadata.labels");
  g_autoptr (GList) keys = labels ? json_object_get_members (labels) : NULL;

  pac_detail_list_clear (self->labels_list);
  for (GList *k = keys; k; k = k->next)
    pac_detail_list_add (self->labels_list, k->data,
                         json_node_get_string (json_object_get_member (labels, k->data)));
  if (keys == NULL)
    pac_detail_list_placeholder (self->labels_list, _ ("None"));
}

static void
show_yaml (PacClusterPage *self, JsonObject *json)
{
  g_autoptr (JsonNode) copy = json_node_init_object (json_node_alloc (), json);
  g_autoptr (JsonNode) shown = pac_json_deep_copy (copy);
  JsonObject *metadata = pac_json_object (pac_json_node_object (shown), "metadata");
  g_autofree char *yaml = NULL;

  if (metadata)
    json_object_remove_member (metadata, "managedFields"); /* noise to a reader */
  yaml = pac_yaml_dump (shown);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view)),
                            yaml ? yaml : "", -1);
}

/* "Available Updates" is what Upgrade… offers: the same plan, read from
 * the releases the Supervisor serves (the UpdatesAvailable condition is
 * missing on v1alpha1 and may lag) */
static void
on_upgrade_plan (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacUpgradePlan) plan = pac_cluster_upgrade_load_finish (result, &error);
  g_autoptr (GPtrArray) allowed = g_ptr_array_new ();

  if (pac_error_is_cancelled (error) || self->cluster == NULL)
    return;
  if (plan == NULL)
    {
      pac_detail_row_set (self->updates_row, error->message);
      g_clear_pointer (&self->updates_for, g_free); /* read again next time */
      return;
    }
  for (guint i = 0; i < plan->choices->len; i++)
    {
      PacUpgradeChoice *choice = g_ptr_array_index (plan->choices, i);

      if (choice->allowed)
        g_ptr_array_add (allowed, choice->version);
    }
  g_ptr_array_add (allowed, NULL);
  if (allowed->len > 1)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) allowed->pdata);
      pac_detail_row_set (self->updates_row, joined);
    }
  else
    pac_detail_row_set (self->updates_row, _ ("None: the release is current"));
}

static void
load_updates (PacClusterPage *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  g_autofree char *version = pac_cluster_dup_version (self->cluster);

  if (client == NULL || g_strcmp0 (version, self->updates_for) == 0)
    return;
  g_free (self->updates_for);
  self->updates_for = g_steal_pointer (&version);
  if (pac_cluster_is_class_based (self->cluster))
    {
      g_auto (GStrv) updates = pac_cluster_dup_updates (self->cluster);
      g_autofree char *joined = updates && updates[0] ? g_strjoinv ("\n", updates) : NULL;

      pac_detail_row_set (self->updates_row, joined ? joined : _ ("None reported"));
      return;
    }
  pac_detail_row_set (self->updates_row, _ ("Loading…"));
  pac_cluster_upgrade_load_async (client, pac_session_get_capabilities (session, self->node),
                                  pac_cluster_get_namespace (self->cluster),
                                  pac_cluster_get_name (self->cluster), self->cancellable,
                                  on_upgrade_plan, g_object_ref (self));
}

static void
show_cluster (PacClusterPage *self)
{
  JsonObject *json = pac_cluster_get_json (self->cluster);
  g_autofree char *endpoint = pac_cluster_dup_endpoint (self->cluster);
  g_autofree char *version = pac_cluster_dup_version (self->cluster);
  g_autofree char *age = pac_format_age (pac_json_string (json, "metadata.creationTimestamp"));
  g_autofree char *phase
    = g_strdup_printf ("%s · %s", pac_node_get_status (self->node),
                       pac_cluster_get_ready (self->cluster) ? _ ("Ready") : _ ("Not ready"));

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_row),
                          pac_cluster_is_class_based (self->cluster));
  pac_detail_row_set (self->phase_row, phase);
  pac_detail_row_set (self->endpoint_row, endpoint);
  pac_detail_row_set (self->version_row, version);
  load_updates (self);
  pac_detail_row_set (self->age_row, age);
  show_conditions (self, json);
  show_pools (self, json);
  show_labels (self, json);
  show_yaml (self, json);
}

/* ---- the kubectl contexts that reach the cluster ---- */

static char *
describe_credential (PacKubeconfigContext *context)
{
  g_autoptr (GDateTime) until
    = context->expiry ? g_date_time_new_from_unix_local (context->expiry) : NULL;
  g_autofree char *when = until ? g_date_time_format (until, "%x %X") : NULL;
  gboolean expired = context->expiry && context->expiry <= g_get_real_time () / G_USEC_PER_SEC;

  switch (context->credential)
    {
      case PAC_KUBECONFIG_CREDENTIAL_PLUGIN:
        return g_strdup (_ ("keyring plugin: refreshed automatically"));
      case PAC_KUBECONFIG_CREDENTIAL_TOKEN:
        if (when == NULL)
          return g_strdup (_ ("static token"));
        return g_strdup_printf (
          expired ? _ ("static token, expired %s") : _ ("static token, expires %s"), when);
      case PAC_KUBECONFIG_CREDENTIAL_CERTIFICATE:
        if (when == NULL)
          return g_strdup (_ ("admin certificate"));
        return g_strdup_printf (expired ? _ ("admin certificate, expired %s")
                                        : _ ("admin certificate, valid until %s"),
                                when);
      case PAC_KUBECONFIG_CREDENTIAL_OTHER:
      default:
        return g_strdup (_ ("another sign-in"));
    }
}

static char *
describe_context (PacKubeconfigContext *context)
{
  g_autofree char *credential = NULL;

  if (context->name == NULL)
    /* Translators: a file, and why it cannot be read */
    return g_strdup_printf (_ ("%s cannot be read: %s"), context->file, context->problem);
  credential = describe_credential (context);
  /* Translators: a context, its file, how it signs in, and who wrote it */
  return g_strdup_printf (_ ("“%s” in %s · %s%s%s"), context->name, context->file, credential,
                          context->current ? _ (" · current") : "",
                          context->ours ? "" : _ (" · not written by Pacific"));
}

/* Reads the kubeconfigs again: after an export, a sign-out, or opening */
void
pac_cluster_page_refresh_kubeconfig (PacClusterPage *self)
{
  PacSession *session = self->node ? pac_session_of (self->node) : NULL;
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  g_autoptr (GPtrArray) contexts = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (client == NULL)
    return;
  contexts = pac_kubeconfig_find_contexts (
    NULL, pac_connection_get_host (pac_supervisor_client_get_connection (client)),
    pac_cluster_get_namespace (self->cluster), pac_cluster_get_name (self->cluster));
  for (guint i = 0; i < contexts->len; i++)
    {
      g_autofree char *line = describe_context (contexts->pdata[i]);

      g_string_append_printf (text, "%s%s", i ? "\n" : "", line);
    }
  pac_detail_row_set (self->context_row,
                      contexts->len ? text->str : _ ("None yet: export one to use kubectl"));
}

/* ---- nodes from the guest, events from the Supervisor ---- */

static void
on_nodes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_guest_client_call_finish (PAC_GUEST_CLIENT (source), result, &error);
  JsonArray *items = pac_json_array (pac_json_node_object (answer), "items");

  if (pac_error_is_cancelled (error))
    return;
  if (answer == NULL)
    {
      pac_detail_list_placeholder (self->nodes_list, error->message);
      return;
    }
  pac_detail_list_clear (self->nodes_list);
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *node = json_array_get_object_element (items, i);
      JsonArray *found = pac_json_array (node, "status.conditions");
      gboolean ready = FALSE;
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      for (guint c = 0; found && c < json_array_get_length (found); c++)
        if (g_strcmp0 (pac_json_string (json_array_get_object_element (found, c), "type"), "Ready")
            == 0)
          ready = g_strcmp0 (pac_json_string (json_array_get_object_element (found, c), "status"),
                             "True")
                  == 0;
      subtitle = g_strdup_printf ("%s · %s",
                                  pac_json_string (node, "status.nodeInfo.kubeletVersion")
                                    ? pac_json_string (node, "status.nodeInfo.kubeletVersion")
                                    : "?",
                                  ready ? _ ("Ready") : _ ("Not ready"));
      row
        = pac_detail_list_add (self->nodes_list, pac_json_string (node, "metadata.name"), subtitle);
      pac_detail_list_add_icon (row, ready ? "object-select-symbolic" : "dialog-warning-symbolic",
                                ready ? "success" : "warning");
    }
  if (items == NULL || json_array_get_length (items) == 0)
    pac_detail_list_placeholder (self->nodes_list, _ ("None"));
}

/* ---- permissions ---- */

static void
on_pod_security (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacPodSecurity) security
    = pac_pod_security_load_finish (PAC_GUEST_CLIENT (source), result, &error);
  g_autofree char *text = NULL;

  if (pac_error_is_cancelled (error))
    return;
  if (security == NULL)
    text = g_strdup (error->message);
  else
    {
      g_autofree char *in_default = pac_pod_security_describe_namespace (security, "default");

      /* Translators: the regime, then what applies in the namespace "default" */
      text = g_strdup_printf (_ ("%s · default: %s"),
                              pac_pod_security_uses_psp (security) ? _ ("PodSecurityPolicy")
                                                                   : _ ("Pod Security Admission"),
                              in_default);
    }
  pac_detail_row_set (self->pod_security_row, text);
}

/* The first ReplicaSet whose pods pod security refuses, if any */
static JsonObject *
refused_replica_set (JsonArray *items, const char **message)
{
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *set = json_array_get_object_element (items, i);
      JsonArray *found = pac_json_array (set, "status.conditions");

      for (guint c = 0; found && c < json_array_get_length (found); c++)
        {
          JsonObject *condition = json_array_get_object_element (found, c);

          if (g_strcmp0 (pac_json_string (condition, "type"), "ReplicaFailure") == 0
              && pac_pod_security_is_refusal (pac_json_string (condition, "message")))
            {
              *message = pac_json_string (condition, "message");
              return set;
            }
        }
    }
  return NULL;
}

static void
on_replica_sets (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list
    = pac_guest_client_call_finish (PAC_GUEST_CLIENT (source), result, &error);
  const char *message = NULL;
  JsonObject *set;

  if (pac_error_is_cancelled (error))
    return;
  self->refusal_reading = FALSE;
  set = refused_replica_set (pac_json_array (pac_json_node_object (list), "items"), &message);
  g_free (self->refused_namespace);
  self->refused_namespace = set ? g_strdup (pac_json_string (set, "metadata.namespace")) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_row), set != NULL);
  if (set)
    {
      /* Translators: a ReplicaSet, its namespace, and the refusal */
      g_autofree char *subtitle
        = g_strdup_printf (_ ("ReplicaSet %s in %s: %s"), pac_json_string (set, "metadata.name"),
                           self->refused_namespace, message);

      adw_action_row_set_subtitle (self->refusal_row, subtitle);
    }
}

/* Reads the pod-security regime and looks for refused pods again */
void
pac_cluster_page_refresh_permissions (PacClusterPage *self)
{
  if (self->guest == NULL)
    return;
  pac_pod_security_load_async (self->guest, self->cancellable, on_pod_security,
                               g_object_ref (self));
  pac_guest_client_list_async (self->guest, PAC_GUEST_REPLICA_SETS, NULL, NULL, NULL,
                               self->cancellable, on_replica_sets, g_object_ref (self));
}

/**
 * pac_cluster_page_set_change_refusal:
 * @reason: (nullable): why the user may not change the cluster; %NULL
 *   gives the buttons their own tooltips back
 */
void
pac_cluster_page_set_change_refusal (PacClusterPage *self, const char *reason)
{
  GtkWidget *buttons[] = { self->edit_button, self->upgrade_button, self->delete_button };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *text = NULL;

      if (self->tooltips[i] == NULL)
        self->tooltips[i] = g_strdup (gtk_widget_get_tooltip_text (buttons[i]));
      /* Translators: what a button does, and why the user may not */
      text = reason ? g_strdup_printf (_ ("%s: %s"), self->tooltips[i], reason) : NULL;
      gtk_widget_set_tooltip_text (buttons[i], text ? text : self->tooltips[i]);
    }
}

/* After a registry CA was added: which nodes trust what */
void
pac_cluster_page_refresh_registry (PacClusterPage *self)
{
  pac_registry_group_refresh (self->registry_group);
}

/**
 * pac_cluster_page_get_guest:
 * @problem: (out) (optional): why there is none
 *
 * Returns: (transfer none) (nullable): the shown cluster's API, once reached
 */
PacGuestClient *
pac_cluster_page_get_guest (PacClusterPage *self, const char **problem)
{
  if (problem)
    *problem
      = self->guest_problem ? self->guest_problem : _ ("The cluster’s API is not reachable yet");
  return self->guest;
}

/* Returns: (nullable): where pods were refused, for the dialog to choose */
const char *
pac_cluster_page_get_refused_namespace (PacClusterPage *self)
{
  return self->refused_namespace;
}

/* Pods refused by pod security show up when a workload is deployed, long
 * after the page was read: while it is shown, the guest's ReplicaSets are
 * read again every few seconds (a small list; a watch would need a stream
 * per shown cluster) */
#define REFUSAL_POLL_SECONDS 5

static gboolean
poll_refusals (gpointer user_data)
{
  PacClusterPage *self = user_data;

  if (self->guest && !self->refusal_reading)
    {
      self->refusal_reading = TRUE;
      pac_guest_client_list_async (self->guest, PAC_GUEST_REPLICA_SETS, NULL, NULL, NULL,
                                   self->cancellable, on_replica_sets, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
on_guest (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) guest
    = pac_connection_open_guest_finish (PAC_CONNECTION (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  if (guest == NULL)
    {
      pac_detail_list_placeholder (self->nodes_list, error->message);
      pac_detail_row_set (self->pod_security_row, error->message);
      self->guest_problem = g_strdup (error->message);
      return;
    }
  self->guest = pac_guest_client_new (guest);
  pac_guest_client_list_async (self->guest, PAC_GUEST_NODES, NULL, NULL, NULL, self->cancellable,
                               on_nodes, g_object_ref (self));
  pac_cluster_page_refresh_permissions (self);
  if (self->refusal_source == 0)
    self->refusal_source = g_timeout_add_seconds (REFUSAL_POLL_SECONDS, poll_refusals, self);
}

#define EVENTS_SHOWN 30

/* One event in words: what happened, then about what, when, how often */
static void
add_event (PacClusterPage *self, JsonObject *event)
{
  g_autofree char *subject = pac_cluster_event_subject (event);
  g_autofree char *age = pac_format_age (pac_cluster_event_time (event));
  gint64 count = pac_json_int (event, "count", 1);
  g_autofree char *times
    = count > 1 ? g_strdup_printf (ngettext (" · %d time", " · %d times", (int) count), (int) count)
                : g_strdup ("");
  /* Translators: what an event is about, how long ago, how often ("3 minutes ago") */
  g_autofree char *subtitle = g_strdup_printf (_ ("%s · %s ago%s"), subject, age, times);
  const char *message = pac_json_string (event, "message");
  gboolean warning = pac_cluster_event_is_warning (event);
  AdwActionRow *row = pac_detail_list_add (
    self->events_list, message && *message ? message : pac_json_string (event, "reason"), subtitle);

  pac_detail_list_add_icon (row,
                            warning ? "dialog-warning-symbolic" : "dialog-information-symbolic",
                            warning ? "warning" : "dim-label");
}

static void load_events (PacClusterPage *self);

static void
on_events (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);
  JsonArray *items = answer && JSON_NODE_HOLDS_ARRAY (answer)
                       ? json_node_get_array (answer)
                       : pac_json_array (pac_json_node_object (answer), "items");
  g_autoptr (GPtrArray) chosen = NULL;

  if (pac_error_is_cancelled (error))
    return;
  self->events_loading = FALSE;
  chosen = pac_cluster_events_select (items, pac_cluster_get_json (self->cluster));
  pac_detail_list_clear (self->events_list);
  for (guint i = 0; i < chosen->len && i < EVENTS_SHOWN; i++)
    add_event (self, g_ptr_array_index (chosen, i));
  if (error)
    pac_detail_list_placeholder (self->events_list, error->message);
  else if (chosen->len == 0)
    pac_detail_list_placeholder (self->events_list,
                                 _ ("No events: the Supervisor has reported nothing about this "
                                    "cluster lately"));
  if (self->events_stale)
    load_events (self);
}

/* The namespace's events (a field selector cannot match the machines'
 * names by prefix); one read at a time, again if the cluster changed
 * meanwhile */
static void
load_events (PacClusterPage *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  PacConnection *connection = client ? pac_supervisor_client_get_connection (client) : NULL;
  g_autofree char *namespace = NULL;
  g_autofree char *path = NULL;

  self->events_stale = self->events_loading;
  if (connection == NULL || self->events_loading)
    return;
  self->events_loading = TRUE;
  namespace = g_uri_escape_string (pac_cluster_get_namespace (self->cluster), NULL, FALSE);
  path = g_strdup_printf ("/api/v1/namespaces/%s/events", namespace);
  pac_connection_list_async (connection, path, self->cancellable, on_events, g_object_ref (self));
}

static void load_details (PacClusterPage *self);

/* Every group follows the cluster: one that turned ready (or stopped
 * being) has its nodes, pod security and registry CAs read again */
static void
on_cluster_changed (PacClusterPage *self)
{
  show_cluster (self);
  load_events (self);
  if (pac_cluster_get_ready (self->cluster) != self->ready_loaded)
    {
      load_details (self);
      pac_registry_group_refresh (self->registry_group);
    }
}

static void
load_details (PacClusterPage *self)
{
  PacSession *session = pac_session_of (self->node);
  PacSupervisorClient *client = session ? pac_session_get_client (session, self->node) : NULL;
  PacConnection *connection = client ? pac_supervisor_client_get_connection (client) : NULL;
  const char *namespace = pac_cluster_get_namespace (self->cluster);
  const char *name = pac_cluster_get_name (self->cluster);

  gtk_widget_set_visible (GTK_WIDGET (self->refusal_row), FALSE);
  self->ready_loaded = pac_cluster_get_ready (self->cluster);
  g_clear_object (&self->guest);
  g_clear_pointer (&self->guest_problem, g_free);
  if (connection == NULL)
    return;
  pac_detail_list_placeholder (self->events_list, _ ("Loading…"));
  load_events (self);
  if (!pac_cluster_get_ready (self->cluster))
    {
      pac_detail_list_placeholder (self->nodes_list, _ ("The cluster is not ready yet"));
      pac_detail_row_set (self->pod_security_row, _ ("The cluster is not ready yet"));
      self->guest_problem = g_strdup (_ ("The cluster is not ready yet"));
      return;
    }
  pac_detail_list_placeholder (self->nodes_list, _ ("Loading…"));
  pac_detail_row_set (self->pod_security_row, _ ("Loading…"));
  pac_connection_open_guest_async (connection, namespace, name, self->cancellable, on_guest,
                                   g_object_ref (self));
}

void
pac_cluster_page_set_node (PacClusterPage *self, PacNode *node)
{
  if (self->cluster)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->cluster);
  g_clear_object (&self->guest);
  g_clear_pointer (&self->guest_problem, g_free);
  g_clear_pointer (&self->refused_namespace, g_free);
  g_clear_pointer (&self->updates_for, g_free);
  g_clear_handle_id (&self->refusal_source, g_source_remove);
  self->refusal_reading = FALSE;
  self->events_loading = self->events_stale = FALSE;
  g_set_object (&self->node, node);
  pac_registry_group_set_node (self->registry_group, node);
  if (node == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->cluster = g_object_ref (pac_node_get_item (node));
  g_signal_connect_object (self->cluster, "notify::json", G_CALLBACK (on_cluster_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  show_cluster (self);
  pac_cluster_page_refresh_kubeconfig (self);
  load_details (self);
}

static void
pac_cluster_page_dispose (GObject *object)
{
  PacClusterPage *self = PAC_CLUSTER_PAGE (object);

  pac_cluster_page_set_node (self, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->tooltips); i++)
    g_clear_pointer (&self->tooltips[i], g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAC_TYPE_CLUSTER_PAGE);
  /* The template's box is not bound, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pac_cluster_page_parent_class)->dispose (object);
}

static void
pac_cluster_page_class_init (PacClusterPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pac_cluster_page_dispose;
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (PAC_TYPE_REGISTRY_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pac-cluster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, read_only_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, phase_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, version_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, updates_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, age_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, context_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, refusal_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, pod_security_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, access_row);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, registry_group);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, upgrade_button);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, conditions_list);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, pools_list);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, nodes_list);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, labels_list);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, events_list);
  gtk_widget_class_bind_template_child (widget_class, PacClusterPage, yaml_view);
}

static void
pac_cluster_page_init (PacClusterPage *self)
{
  GtkSourceLanguage *yaml
    = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "yaml");
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view));
  if (yaml)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), yaml);
}
