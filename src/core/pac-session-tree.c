/* pac-session-tree.c: the inventory tree of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCenter → Supervisors (vCenter's list) → vSphere namespaces (the
 * Supervisor's /wcp/workloads: those the user has a role in) → clusters.
 * A Supervisor's clusters come from one live list per kind (TKC, and
 * ClusterClass Clusters on 8.0), watched cluster-wide when the user may
 * and per namespace otherwise (pac_supervisor_client_open_list_async()),
 * and are sorted into their namespace's node as they come and go. A
 * ClusterClass Cluster that a TKC also stands for (a TKC makes one of the
 * same name) is shown once, as the TKC.
 */
#define G_LOG_DOMAIN "pac-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pac-cluster.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-resource-list.h"
#include "pac-session-private.h"
#include "pac-supervisor.h"

#define TKC_GROUP "run.tanzu.vmware.com"
#define CAPI_GROUP "cluster.x-k8s.io"

typedef struct
{
  PacNode *node; /* weak */
  PacSupervisorClient *client;
  PacCapabilities *capabilities;
  PacResourceList *lists[2]; /* TKCs, ClusterClass Clusters */
  GPtrArray *mirrors[2];     /* each list's items in order, to know what left */
  guint pending_resets;
} SupervisorState;

enum
{
  TKC_LIST,
  CAPI_LIST
};

static void load_supervisor (PacNode *node, gpointer user_data);
static void watch_reach (SupervisorState *state, PacSupervisorClient *client, gboolean watch);

static void
supervisor_state_free (SupervisorState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state->lists); i++)
    {
      if (state->lists[i])
        {
          g_signal_handlers_disconnect_by_data (state->lists[i], state);
          for (guint w = 0; w < pac_resource_list_get_watches (state->lists[i])->len; w++)
            g_signal_handlers_disconnect_by_data (
              g_ptr_array_index (pac_resource_list_get_watches (state->lists[i]), w), state);
        }
      g_clear_object (&state->lists[i]);
      g_clear_pointer (&state->mirrors[i], g_ptr_array_unref);
    }
  watch_reach (state, state->client, FALSE);
  g_clear_object (&state->client);
  g_clear_pointer (&state->capabilities, pac_capabilities_free);
  g_free (state);
}

static SupervisorState *
supervisor_state (PacNode *node)
{
  PacNode *supervisor = node ? pac_node_get_ancestor (node, PAC_NODE_SUPERVISOR) : NULL;
  SupervisorState *state;

  if (supervisor == NULL)
    return NULL;
  state = g_object_get_data (G_OBJECT (supervisor), "pac-supervisor");
  if (state == NULL)
    {
      state = g_new0 (SupervisorState, 1);
      state->node = supervisor;
      g_object_set_data_full (G_OBJECT (supervisor), "pac-supervisor", state,
                              (GDestroyNotify) supervisor_state_free);
    }
  return state;
}

/**
 * pac_session_get_client:
 * @node: a Supervisor node or one below it
 *
 * Returns: (transfer none) (nullable): the client of @node's Supervisor,
 *   once known (a vCenter's Supervisor: after its first expansion)
 */
PacSupervisorClient *
pac_session_get_client (PacSession *self, PacNode *node)
{
  SupervisorState *state = supervisor_state (node);

  return state ? state->client : NULL;
}

/* Returns: (transfer none) (nullable): what @node's Supervisor serves */
PacCapabilities *
pac_session_get_capabilities (PacSession *self, PacNode *node)
{
  SupervisorState *state = supervisor_state (node);

  return state ? state->capabilities : NULL;
}

/* The Supervisor's rows say when it stops answering, and again when it
 * is back (doc/architecture.md, "Connection state") */
static void
on_reachable (PacConnection *connection, GParamSpec *pspec, SupervisorState *state)
{
  pac_node_set_offline_since (state->node, pac_connection_get_unreachable_since (connection));
}

static void
watch_reach (SupervisorState *state, PacSupervisorClient *client, gboolean watch)
{
  PacConnection *connection = client ? pac_supervisor_client_get_connection (client) : NULL;

  if (connection == NULL)
    return;
  if (!watch)
    {
      g_signal_handlers_disconnect_by_func (connection, on_reachable, state);
      return;
    }
  g_signal_connect (connection, "notify::reachable", G_CALLBACK (on_reachable), state);
  on_reachable (connection, NULL, state);
}

void
pac_session_attach_client (PacSession *self, PacNode *supervisor, PacSupervisorClient *client)
{
  SupervisorState *state = supervisor_state (supervisor);

  if (state->client == client)
    return;
  watch_reach (state, state->client, FALSE);
  g_set_object (&state->client, client);
  watch_reach (state, client, TRUE);
}

/* A callback's node, or %NULL when the session is gone or the call was cancelled */
static PacNode *
node_for_callback (PacNode *node, GError *error)
{
  if (g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || pac_session_of (node) == NULL)
    return NULL;
  return node;
}

/* ---- rows ---- */

static const char *
phase_label (const char *phase)
{
  static const struct
  {
    const char *phase;
    const char *label;
  } labels[] = {
    { "running", N_ ("Running") },   { "creating", N_ ("Creating") },
    { "updating", N_ ("Updating") }, { "deleting", N_ ("Deleting") },
    { "failed", N_ ("Failed") },     { "not ready", N_ ("Not ready") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (phase, labels[i].phase) == 0)
      return _ (labels[i].label);
  /* No status yet: the Supervisor has not picked the object up */
  return phase && *phase ? phase : _ ("Pending");
}

static PacHealth
cluster_health (PacCluster *cluster)
{
  const char *phase = pac_cluster_get_phase (cluster);

  if (g_str_equal (phase, "creating") || g_str_equal (phase, "updating")
      || g_str_equal (phase, "deleting"))
    return PAC_HEALTH_BUSY;
  if (g_str_equal (phase, "failed"))
    return PAC_HEALTH_ERROR;
  if (pac_cluster_get_ready (cluster))
    return PAC_HEALTH_OK;
  return *phase ? PAC_HEALTH_WARNING : PAC_HEALTH_BUSY;
}

static void
describe_cluster (PacNode *node)
{
  PacCluster *cluster = pac_node_get_item (node);
  g_autofree char *version = pac_cluster_dup_version (cluster);
  g_auto (GStrv) updates = pac_cluster_dup_updates (cluster);
  gint64 workers = pac_cluster_get_worker_replicas (cluster);
  g_autofree char *nodes = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *search = NULL;
  int control_plane = (int) pac_cluster_get_control_plane_replicas (cluster);
  GString *status = g_string_new (phase_label (pac_cluster_get_phase (cluster)));

  /* Translators: control plane + worker nodes of a cluster */
  nodes = workers >= 0 ? g_strdup_printf (_ ("%d + %d nodes"), control_plane, (int) workers)
                       : g_strdup_printf (_ ("%d control plane nodes"), control_plane);
  /* the Kubernetes version alone ("v1.26.5" of "v1.26.5+vmware.2-fips.1-tkg.1"):
   * the full release left no room for the node count in the sidebar; the
   * page and the search still have all of it */
  subtitle = version ? g_strdup_printf ("%.*s · %s", (int) strcspn (version, "+"), version, nodes)
                     : g_strdup_printf ("%s · %s", _ ("no release"), nodes);
  if (updates && updates[0])
    g_string_append_printf (status, " · %s", _ ("Update available"));
  if (pac_cluster_is_class_based (cluster))
    g_string_append_printf (status, " · %s", _ ("Read-only"));
  search = g_strdup_printf ("%s %s %s", pac_cluster_get_namespace (cluster), version ? version : "",
                            pac_cluster_get_phase (cluster));
  pac_node_set_title (node, pac_cluster_get_name (cluster));
  pac_node_set_subtitle (node, subtitle);
  pac_node_set_status (node, status->str);
  pac_node_set_search_text (node, search);
  pac_node_set_health (node, cluster_health (cluster));
  pac_node_set_read_only (node, pac_cluster_is_class_based (cluster));
  g_string_free (status, TRUE);
}

static void
describe_supervisor (PacNode *node, PacSupervisor *supervisor)
{
  const char *config = pac_supervisor_get_config_status (supervisor);
  const char *kubernetes = pac_supervisor_get_kubernetes_status (supervisor);
  g_autofree char *status = NULL;
  PacHealth health = PAC_HEALTH_WARNING;

  /* Translators: a Supervisor's configuration and Kubernetes status, as vCenter spells them */
  status = g_strdup_printf (_ ("Config %s, Kubernetes %s"), config ? config : "?",
                            kubernetes ? kubernetes : "?");
  if (pac_supervisor_is_running (supervisor))
    health = PAC_HEALTH_OK;
  else if (g_strcmp0 (config, "CONFIGURING") == 0 || g_strcmp0 (config, "REMOVING") == 0)
    health = PAC_HEALTH_BUSY;
  else if (g_strcmp0 (config, "ERROR") == 0 || g_strcmp0 (kubernetes, "ERROR") == 0)
    health = PAC_HEALTH_ERROR;
  pac_node_set_title (node, pac_supervisor_get_name (supervisor));
  pac_node_set_subtitle (node, pac_supervisor_get_endpoint (supervisor));
  pac_node_set_status (node, status);
  pac_node_set_health (node, health);
}

static void
count_clusters (PacNode *namespace)
{
  guint n = g_list_model_get_n_items (pac_node_get_children (namespace));
  g_autofree char *text = g_strdup_printf (ngettext ("%u cluster", "%u clusters", n), n);

  pac_node_set_subtitle (namespace, text);
}

/* ---- clusters into namespaces ---- */

static PacNode *
namespace_node (PacNode *supervisor, const char *name)
{
  PacNode *found = pac_node_find_child (supervisor, name);
  g_autoptr (PacNode) created = NULL;

  if (found)
    return found;
  created = pac_node_new (PAC_NODE_NAMESPACE, supervisor, name);
  pac_node_set_search_text (created, name);
  count_clusters (created);
  pac_node_loaded (created, NULL);
  pac_node_add_child (supervisor, created);
  return created;
}

static void
on_cluster_changed (PacCluster *cluster, GParamSpec *pspec, PacNode *node)
{
  gboolean was_busy = pac_node_get_health (node) == PAC_HEALTH_BUSY;
  PacSession *session = pac_session_of (node);

  describe_cluster (node);
  if (was_busy && pac_node_get_health (node) != PAC_HEALTH_BUSY && session)
    pac_session_emit_settled (session, node, FALSE);
}

static void
show_cluster (PacNode *supervisor, PacCluster *cluster)
{
  PacNode *namespace = namespace_node (supervisor, pac_cluster_get_namespace (cluster));
  PacNode *shown = pac_node_find_child (namespace, pac_cluster_get_name (cluster));
  g_autoptr (PacNode) node = NULL;

  if (shown && pac_cluster_is_class_based (cluster)
      && !pac_cluster_is_class_based (pac_node_get_item (shown)))
    return; /* the TKC stands for it */
  node = pac_node_new (PAC_NODE_CLUSTER, namespace, pac_cluster_get_name (cluster));
  pac_node_set_item (node, cluster);
  describe_cluster (node);
  g_signal_connect_object (cluster, "notify::json", G_CALLBACK (on_cluster_changed), node, 0);
  pac_node_loaded (node, NULL);
  pac_node_add_child (namespace, node);
  count_clusters (namespace);
}

static void
hide_cluster (SupervisorState *state, PacCluster *cluster)
{
  PacNode *namespace = pac_node_find_child (state->node, pac_cluster_get_namespace (cluster));
  PacNode *shown
    = namespace ? pac_node_find_child (namespace, pac_cluster_get_name (cluster)) : NULL;
  PacCluster *stand_in = NULL;

  if (shown == NULL || pac_node_get_item (shown) != cluster)
    return;
  g_signal_handlers_disconnect_by_data (cluster, shown);
  {
    /* kept past its removal, for whoever is told that it is gone */
    g_autoptr (PacNode) gone = g_object_ref (shown);
    PacSession *session = pac_session_of (gone);

    pac_node_remove_child (namespace, gone);
    if (session && g_strcmp0 (pac_cluster_get_phase (cluster), "deleting") == 0)
      pac_session_emit_settled (session, gone, TRUE);
  }
  if (!pac_cluster_is_class_based (cluster) && state->lists[CAPI_LIST])
    stand_in = pac_resource_list_lookup (
      state->lists[CAPI_LIST], pac_cluster_get_namespace (cluster), pac_cluster_get_name (cluster));
  if (stand_in)
    show_cluster (state->node, stand_in);
  count_clusters (namespace);
}

static void
on_clusters_changed (GListModel *list, guint position, guint removed, guint added, gpointer data)
{
  SupervisorState *state = data;
  guint which = G_LIST_MODEL (state->lists[TKC_LIST]) == list ? TKC_LIST : CAPI_LIST;
  GPtrArray *mirror = state->mirrors[which];

  for (guint i = 0; i < removed; i++)
    hide_cluster (state, g_ptr_array_index (mirror, position + i));
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      PacCluster *cluster = g_list_model_get_item (list, position + i);
      g_ptr_array_insert (mirror, position + i, cluster);
      show_cluster (state->node, cluster);
    }
}

/* The Supervisor is loaded once every watch has listed once. */
static void
on_watch_settled (PacWatch *watch, gpointer unused, SupervisorState *state)
{
  g_signal_handlers_disconnect_by_data (watch, state);
  if (state->pending_resets > 0 && --state->pending_resets == 0)
    pac_node_loaded (state->node, NULL);
}

static void
on_watch_failed (PacWatch *watch, GError *error, SupervisorState *state)
{
  g_debug ("a cluster watch of %s failed: %s", pac_node_get_key (state->node), error->message);
  on_watch_settled (watch, NULL, state);
}

static void
take_list (SupervisorState *state, guint which, PacResourceList *list)
{
  GPtrArray *watches = pac_resource_list_get_watches (list);

  state->lists[which] = list;
  state->mirrors[which] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_clusters_changed), state);
  on_clusters_changed (G_LIST_MODEL (list), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                       state);
  for (guint i = 0; i < watches->len; i++)
    {
      state->pending_resets++;
      g_signal_connect (g_ptr_array_index (watches, i), "reset", G_CALLBACK (on_watch_settled),
                        state);
      g_signal_connect (g_ptr_array_index (watches, i), "failed", G_CALLBACK (on_watch_failed),
                        state);
    }
}

static void open_cluster_list (PacNode *node, guint which);

static void
take_cluster_list (GObject *source, GAsyncResult *result, PacNode *node, guint which)
{
  g_autoptr (GError) error = NULL;
  PacResourceList *list
    = pac_supervisor_client_open_list_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  SupervisorState *state;

  if (node_for_callback (node, error) == NULL)
    {
      g_clear_object (&list);
      return;
    }
  state = supervisor_state (node);
  if (list == NULL)
    {
      /* ClusterClass Clusters are a bonus; the TKCs are the tree. */
      if (which == TKC_LIST)
        pac_node_loaded (node, error);
      return;
    }
  take_list (state, which, list);
  if (which == TKC_LIST && state->capabilities->class_based_clusters)
    open_cluster_list (node, CAPI_LIST);
  else if (state->pending_resets == 0)
    pac_node_loaded (node, NULL);
}

static void
on_tkc_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;

  take_cluster_list (source, result, node, TKC_LIST);
}

static void
on_capi_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;

  take_cluster_list (source, result, node, CAPI_LIST);
}

static void
open_cluster_list (PacNode *node, guint which)
{
  SupervisorState *state = supervisor_state (node);
  PacSession *session = pac_session_of (node);

  if (which == TKC_LIST)
    pac_supervisor_client_open_list_async (
      state->client, TKC_GROUP, state->capabilities->tkc_version, "tanzukubernetesclusters", TRUE,
      PAC_TYPE_CLUSTER, session->cancellable, on_tkc_list, g_object_ref (node));
  else
    pac_supervisor_client_open_list_async (state->client, CAPI_GROUP, "v1beta1", "clusters", TRUE,
                                           PAC_TYPE_CLUSTER, session->cancellable, on_capi_list,
                                           g_object_ref (node));
}

/* ---- Supervisor: namespaces ---- */

static void
on_workloads (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_supervisor_client_call_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items = answer && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;

  if (node_for_callback (node, error) == NULL)
    return;
  if (answer == NULL)
    {
      pac_node_loaded (node, error);
      return;
    }
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      const char *name
        = pac_json_string (pac_json_node_object (json_array_get_element (items, i)), "namespace");
      if (name == NULL)
        continue;
      g_hash_table_add (names, (gpointer) name);
      namespace_node (node, name);
    }
  pac_node_keep_children (node, names);
  if (supervisor_state (node)->lists[TKC_LIST] == NULL)
    open_cluster_list (node, TKC_LIST);
  else
    pac_node_loaded (node, NULL);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;
  g_autoptr (GError) error = NULL;
  PacCapabilities *capabilities
    = pac_supervisor_client_discover_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);

  if (node_for_callback (node, error) == NULL)
    {
      g_clear_pointer (&capabilities, pac_capabilities_free);
      return;
    }
  if (capabilities == NULL)
    {
      pac_node_loaded (node, error);
      return;
    }
  supervisor_state (node)->capabilities = capabilities;
  pac_supervisor_client_workloads_async (PAC_SUPERVISOR_CLIENT (source),
                                         pac_session_of (node)->cancellable, on_workloads,
                                         g_object_ref (node));
}

static void
list_namespaces (PacNode *node)
{
  SupervisorState *state = supervisor_state (node);
  PacSession *session = pac_session_of (node);

  if (state->capabilities == NULL)
    pac_supervisor_client_discover_async (state->client, session->cancellable, on_discovered,
                                          g_object_ref (node));
  else
    pac_supervisor_client_workloads_async (state->client, session->cancellable, on_workloads,
                                           g_object_ref (node));
}

/* A vCenter's Supervisor: its endpoint, and its certificate, which vCenter vouches for */
static void
on_supervisor_info (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) info
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  PacSession *session;
  const char *endpoint;
  g_autofree char *url = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (PacSupervisorClient) client = NULL;
  g_autoptr (GTlsCertificate) anchor = NULL;

  if (node_for_callback (node, error) == NULL)
    return;
  if (info == NULL)
    {
      pac_node_loaded (node, error);
      return;
    }
  session = pac_session_of (node);
  pac_supervisor_update (pac_node_get_item (node), pac_json_node_object (info));
  describe_supervisor (node, pac_node_get_item (node));
  endpoint = pac_supervisor_get_endpoint (pac_node_get_item (node));
  if (endpoint == NULL || *endpoint == '\0')
    {
      g_autoptr (GError) missing = g_error_new (PAC_ERROR, PAC_ERROR_SERVER, "%s",
                                                _ ("vCenter gives no API endpoint for this "
                                                   "Supervisor yet"));
      pac_node_loaded (node, missing);
      return;
    }
  url = g_strdup_printf ("https://%s", endpoint);
  connection = pac_session_new_connection (session, url);
  anchor = pac_trust_parse_ca (
    pac_json_string (pac_json_node_object (info), "tls_endpoint_certificate"), -1, NULL);
  if (anchor)
    pac_trust_add_anchor (session->trust, pac_connection_get_host (connection),
                          pac_connection_get_port (connection), anchor);
  client = pac_supervisor_client_new (connection);
  pac_session_attach_client (session, node, client);
  list_namespaces (node);
}

static void
load_supervisor (PacNode *node, gpointer user_data)
{
  PacSession *session = pac_session_of (node);

  if (session == NULL)
    return; /* out of its tree (its session closed or replaced) before an idle expansion */
  pac_node_loading (node);
  if (supervisor_state (node)->client == NULL)
    pac_vcenter_client_get_supervisor_async (session->vcenter, pac_node_get_key (node),
                                             session->cancellable, on_supervisor_info,
                                             g_object_ref (node));
  else
    list_namespaces (node);
}

/* ---- vCenter: Supervisors ---- */

static void
on_supervisors (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacNode) node = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items = answer && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
  PacSession *session;

  if (node_for_callback (node, error) == NULL)
    return;
  session = pac_session_of (node);
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *summary = pac_json_node_object (json_array_get_element (items, i));
      const char *id = pac_json_string (summary, "cluster");
      PacNode *child;

      if (id == NULL)
        continue;
      g_hash_table_add (ids, (gpointer) id);
      child = pac_node_find_child (node, id);
      if (child == NULL)
        {
          g_autoptr (PacNode) created = pac_node_new (PAC_NODE_SUPERVISOR, node, id);
          g_autoptr (PacSupervisor) supervisor = pac_supervisor_new (summary);
          pac_node_set_item (created, supervisor);
          pac_node_set_loader (created, load_supervisor, NULL, NULL);
          pac_node_add_child (node, created);
          child = created;
        }
      else
        pac_supervisor_update (pac_node_get_item (child), summary);
      describe_supervisor (child, pac_node_get_item (child));
      if (session->load_everything)
        pac_node_load (child);
    }
  if (answer)
    pac_node_keep_children (node, ids);
  pac_node_loaded (node, error);
}

static void
load_vcenter (PacNode *node, gpointer user_data)
{
  PacSession *session = pac_session_of (node);

  if (session == NULL)
    return; /* see load_supervisor() */
  pac_node_loading (node);
  pac_vcenter_client_list_supervisors_async (session->vcenter, session->cancellable, on_supervisors,
                                             g_object_ref (node));
}

void
pac_session_setup_root (PacSession *self)
{
  PacAccount *account = self->account;
  gboolean vcenter = pac_account_get_kind (account) == PAC_ACCOUNT_VCENTER;
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", pac_account_get_username (account),
                                               pac_account_get_address (account));

  self->root = pac_node_new (vcenter ? PAC_NODE_VCENTER : PAC_NODE_SUPERVISOR, NULL,
                             pac_account_get_id (account));
  g_object_set_data (G_OBJECT (self->root), "pac-session", self);
  pac_node_set_item (self->root, account);
  pac_node_set_title (self->root, pac_account_get_display_name (account));
  pac_node_set_subtitle (self->root, subtitle);
  pac_node_set_status (self->root, vcenter ? _ ("vCenter") : _ ("Supervisor"));
  if (vcenter)
    pac_node_set_loader (self->root, load_vcenter, NULL, NULL);
  else
    {
      g_autofree char *url = pac_account_get_base_url (account);
      g_autoptr (PacConnection) connection = pac_session_new_connection (self, url);
      g_autoptr (PacSupervisorClient) client = pac_supervisor_client_new (connection);

      pac_session_attach_client (self, self->root, client);
      pac_node_set_loader (self->root, load_supervisor, NULL, NULL);
    }
}

/* Loads the whole tree, as far as the user may see: for search and benchmarks */
void
pac_session_load_all (PacSession *self)
{
  GListModel *children = pac_node_get_children (self->root);

  self->load_everything = TRUE;
  pac_node_load (self->root);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      pac_node_load (child);
    }
}

/* Lists Supervisors and namespaces again where they were listed (clusters are live). */
void
pac_session_refresh (PacSession *self)
{
  GListModel *children = pac_node_get_children (self->root);

  if (pac_node_get_state (self->root) != PAC_NODE_IDLE)
    pac_node_reload (self->root);
  for (guint i = 0; pac_node_get_kind (self->root) == PAC_NODE_VCENTER
                    && i < g_list_model_get_n_items (children);
       i++)
    {
      g_autoptr (PacNode) child = g_list_model_get_item (children, i);
      if (pac_node_get_state (child) != PAC_NODE_IDLE)
        pac_node_reload (child);
    }
}
