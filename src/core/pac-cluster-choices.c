/* pac-cluster-choices.c: what a namespace offers a new cluster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read as a namespace user reads it (doc/resources.md): storage
 * classes from the namespace's ResourceQuota (one
 * "<class>.storageclass.storage.k8s.io/requests.storage" limit per
 * storage policy), VM classes from their bindings (7.0.2 on; all classes
 * before the VM service) with CPU and memory from the VirtualMachineClass
 * where the user may read it, releases with
 * their Compatible condition, the namespace's clusters (names are unique)
 * and whether the user may create one (SelfSubjectAccessReview). The app's
 * creator and pacific-ctl check a spec against the same answers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-cluster-choices.h"
#include "pac-json.h"
#include "pac-permissions.h"
#include "pac-release.h"
#include "pac-version.h"

#define QUOTA_SUFFIX ".storageclass.storage.k8s.io/requests.storage"

struct _PacClusterChoices
{
  GObject parent_instance;

  char *namespace;
  GListStore *releases;
  GListStore *vm_classes;
  GListStore *storage_classes;
  GStrv api_versions;
  char *preferred_api;
  GHashTable *clusters;
  gboolean may_create;
  char *refusal;
};

G_DEFINE_FINAL_TYPE (PacClusterChoices, pac_cluster_choices, G_TYPE_OBJECT)

typedef enum
{
  LIST_QUOTAS,
  LIST_RELEASES,
  LIST_BINDINGS, /* optional: 7.0.1 has none, every class serves every namespace */
  LIST_CLASSES,  /* optional: CPU and memory */
  LIST_CLUSTERS, /* optional: only to refuse a taken name early */
  N_LISTS
} ListIndex;

typedef struct
{
  PacClusterChoices *choices;
  JsonNode *answers[N_LISTS];
  GError *error;
  guint pending;
} Load;

typedef struct
{
  GTask *task;
  ListIndex index;
} Pending;

static void
load_free (Load *load)
{
  g_clear_object (&load->choices);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&load->answers[i], json_node_unref);
  g_clear_error (&load->error);
  g_free (load);
}

static JsonArray *
items_of (JsonNode *answer)
{
  return pac_json_array (pac_json_node_object (answer), "items");
}

/**
 * pac_storage_classes_from_quotas:
 * @quotas: (nullable): the items of a namespace's ResourceQuota list
 *
 * Returns: (transfer full): a PacChoice per storage class the quotas name,
 *   with its limit ("No limit" for vSphere's largest quantity)
 */
GListStore *
pac_storage_classes_from_quotas (JsonArray *quotas)
{
  GListStore *classes = g_list_store_new (PAC_TYPE_CHOICE);

  for (guint i = 0; quotas && i < json_array_get_length (quotas); i++)
    {
      JsonObject *hard = pac_json_object (json_array_get_object_element (quotas, i), "spec.hard");
      g_autoptr (GList) keys = hard ? json_object_get_members (hard) : NULL;

      for (GList *k = keys; k; k = k->next)
        if (g_str_has_suffix (k->data, QUOTA_SUFFIX))
          {
            g_autofree char *name = g_strndup (k->data, strlen (k->data) - strlen (QUOTA_SUFFIX));
            const char *value = json_node_get_string (json_object_get_member (hard, k->data));
            /* vSphere writes the largest quantity for a policy without a limit */
            g_autofree char *limit = g_strcmp0 (value, "9223372036854775807") == 0
                                       ? g_strdup (_ ("No limit"))
                                       : g_strdup_printf (_ ("Limit %s"), value);
            g_autoptr (PacChoice) choice = pac_choice_new (name, limit, NULL);

            if (pac_choice_find (G_LIST_MODEL (classes), name) == G_MAXUINT)
              g_list_store_append (classes, choice);
          }
    }
  return classes;
}

static JsonObject *
find_class (JsonArray *classes, const char *name)
{
  for (guint i = 0; classes && i < json_array_get_length (classes); i++)
    {
      JsonObject *class = json_array_get_object_element (classes, i);
      if (g_strcmp0 (pac_json_string (class, "metadata.name"), name) == 0)
        return class;
    }
  return NULL;
}

/* @bindings: NULL before the VM service (7.0.1), where every class serves */
static void
add_vm_classes (PacClusterChoices *self, JsonArray *bindings, JsonArray *classes)
{
  JsonArray *offered = bindings ? bindings : classes;

  for (guint i = 0; offered && i < json_array_get_length (offered); i++)
    {
      JsonObject *item = json_array_get_object_element (offered, i);
      const char *name = pac_json_string (item, bindings ? "classRef.name" : "metadata.name");
      JsonObject *class = find_class (classes, name);
      g_autofree char *hardware = NULL;
      g_autoptr (PacChoice) choice = NULL;

      if (name == NULL)
        continue;
      if (class)
        /* Translators: a VM class's size: "2 CPUs · 4Gi" */
        hardware = g_strdup_printf (_ ("%d CPUs · %s"),
                                    (int) pac_json_int (class, "spec.hardware.cpus", 0),
                                    pac_json_string (class, "spec.hardware.memory")
                                      ? pac_json_string (class, "spec.hardware.memory")
                                      : "?");
      choice = pac_choice_new (name, hardware, NULL);
      g_list_store_append (self->vm_classes, choice);
    }
}

static PacChoice *
release_choice (PacRelease *release)
{
  g_autofree char *version = pac_release_dup_version (release);
  g_autofree char *reason = pac_release_dup_incompatibility (release);
  const char *image = pac_release_get_image_name (release);
  const char *os = pac_release_get_os_name (release);
  g_autofree char *subtitle = g_strdup_printf (
    "%s · %s · %s", image ? image : pac_resource_get_name (PAC_RESOURCE (release)),
    os ? os : _ ("OS not stated"), reason ? _ ("Not compatible") : _ ("Compatible"));

  return pac_choice_new (version, subtitle, reason);
}

/* Compatible first, newest first */
static int
compare_releases (gconstpointer a, gconstpointer b, gpointer data)
{
  PacChoice *x = PAC_CHOICE ((gpointer) a), *y = PAC_CHOICE ((gpointer) b);
  g_autoptr (PacVersion) vx = pac_version_parse (pac_choice_get_id (x), NULL);
  g_autoptr (PacVersion) vy = pac_version_parse (pac_choice_get_id (y), NULL);

  if (pac_choice_is_available (x) != pac_choice_is_available (y))
    return pac_choice_is_available (x) ? -1 : 1;
  if (vx && vy)
    return -pac_version_compare (vx, vy);
  return g_strcmp0 (pac_choice_get_id (y), pac_choice_get_id (x));
}

static void
add_releases (PacClusterChoices *self, JsonArray *releases)
{
  for (guint i = 0; releases && i < json_array_get_length (releases); i++)
    {
      g_autoptr (PacRelease) release = g_object_new (
        PAC_TYPE_RELEASE, "json", json_array_get_object_element (releases, i), NULL);
      g_autoptr (PacChoice) choice = release_choice (release);

      if (pac_choice_get_id (choice))
        g_list_store_insert_sorted (self->releases, choice, compare_releases, NULL);
    }
}

static void
add_clusters (PacClusterChoices *self, JsonArray *clusters)
{
  for (guint i = 0; clusters && i < json_array_get_length (clusters); i++)
    {
      const char *name
        = pac_json_string (json_array_get_object_element (clusters, i), "metadata.name");
      if (name)
        g_hash_table_add (self->clusters, g_strdup (name));
    }
}

static void
finish_load (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  PacClusterChoices *self = load->choices;

  if (load->error)
    {
      g_task_return_error (task, g_steal_pointer (&load->error));
      return;
    }
  g_object_unref (self->storage_classes);
  self->storage_classes = pac_storage_classes_from_quotas (items_of (load->answers[LIST_QUOTAS]));
  add_vm_classes (self, items_of (load->answers[LIST_BINDINGS]),
                  items_of (load->answers[LIST_CLASSES]));
  add_releases (self, items_of (load->answers[LIST_RELEASES]));
  add_clusters (self, items_of (load->answers[LIST_CLUSTERS]));
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static void
settle (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  if (--load->pending == 0)
    finish_load (task);
}

static void
on_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr (GTask) task = pending->task;
  Load *load = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  JsonNode *answer = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);

  if (answer)
    load->answers[pending->index] = answer;
  else if (pending->index < LIST_BINDINGS && load->error == NULL)
    load->error = g_steal_pointer (&error);
  else if (error)
    g_debug ("optional list %d: %s", pending->index, error->message);
  g_free (pending);
  settle (task);
}

static void
on_permissions (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PacPermissions) permissions
    = pac_permissions_query_finish (PAC_SUPERVISOR_CLIENT (source), result, &error);
  PacClusterChoices *self = load->choices;

  if (permissions)
    {
      self->may_create = pac_permissions_allows (permissions, PAC_PERMISSION_CREATE_CLUSTERS);
      if (!self->may_create)
        self->refusal
          = g_strdup (pac_permissions_get_reason (permissions, PAC_PERMISSION_CREATE_CLUSTERS));
    }
  else
    self->refusal = g_strdup (error->message);
  settle (task);
}

static void
start_list (GTask *task, PacConnection *connection, ListIndex index, const char *path)
{
  Load *load = g_task_get_task_data (task);
  Pending *pending = g_new0 (Pending, 1);

  pending->task = g_object_ref (task);
  pending->index = index;
  load->pending++;
  pac_connection_list_async (connection, path, g_task_get_cancellable (task), on_list, pending);
}

void
pac_cluster_choices_load_async (PacSupervisorClient *client,
                                const PacCapabilities *capabilities,
                                const char *namespace,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PacConnection *connection = pac_supervisor_client_get_connection (client);
  Load *load = g_new0 (Load, 1);
  PacClusterChoices *self = g_object_new (PAC_TYPE_CLUSTER_CHOICES, NULL);
  g_autofree char *quotas = g_strdup_printf ("/api/v1/namespaces/%s/resourcequotas", namespace);
  g_autofree char *bindings = g_strdup_printf (
    "/apis/vmoperator.vmware.com/v1alpha1/namespaces/%s/virtualmachineclassbindings", namespace);
  g_autofree char *releases = g_strdup_printf (
    "/apis/run.tanzu.vmware.com/%s/tanzukubernetesreleases", capabilities->release_version);
  g_autofree char *clusters
    = g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/namespaces/%s/tanzukubernetesclusters",
                       capabilities->tkc_version, namespace);

  g_task_set_source_tag (task, pac_cluster_choices_load_async);
  self->namespace = g_strdup (namespace);
  self->api_versions = g_strdupv (capabilities->tkc_versions);
  self->preferred_api = g_strdup (capabilities->tkc_version);
  load->choices = self;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  load->pending = 1; /* until every call is out */
  start_list (task, connection, LIST_QUOTAS, quotas);
  start_list (task, connection, LIST_BINDINGS, bindings);
  start_list (task, connection, LIST_RELEASES, releases);
  start_list (task, connection, LIST_CLASSES,
              "/apis/vmoperator.vmware.com/v1alpha1/virtualmachineclasses");
  start_list (task, connection, LIST_CLUSTERS, clusters);
  load->pending++;
  pac_permissions_query_async (client, namespace, cancellable, on_permissions, g_object_ref (task));
  settle (task);
}

PacClusterChoices *
pac_cluster_choices_load_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
pac_cluster_choices_get_namespace (PacClusterChoices *self)
{
  return self->namespace;
}

GListModel *
pac_cluster_choices_get_releases (PacClusterChoices *self)
{
  return G_LIST_MODEL (self->releases);
}

GListModel *
pac_cluster_choices_get_vm_classes (PacClusterChoices *self)
{
  return G_LIST_MODEL (self->vm_classes);
}

GListModel *
pac_cluster_choices_get_storage_classes (PacClusterChoices *self)
{
  return G_LIST_MODEL (self->storage_classes);
}

const char *const *
pac_cluster_choices_get_api_versions (PacClusterChoices *self)
{
  return (const char *const *) self->api_versions;
}

PacTkcApi
pac_cluster_choices_get_preferred_api (PacClusterChoices *self)
{
  PacTkcApi api = PAC_TKC_V1ALPHA3;
  g_autofree char *api_version = g_strconcat ("run.tanzu.vmware.com/", self->preferred_api, NULL);

  pac_tkc_api_from_string (api_version, &api);
  return api;
}

/* The newest compatible release, or NULL when there is none */
const char *
pac_cluster_choices_get_default_release (PacClusterChoices *self)
{
  g_autoptr (PacChoice) first = g_list_model_get_item (G_LIST_MODEL (self->releases), 0);

  return first && pac_choice_is_available (first) ? pac_choice_get_id (first) : NULL;
}

gboolean
pac_cluster_choices_has_cluster (PacClusterChoices *self, const char *name)
{
  return name && g_hash_table_contains (self->clusters, name);
}

gboolean
pac_cluster_choices_may_create (PacClusterChoices *self, const char **reason)
{
  if (reason)
    *reason = self->refusal;
  return self->may_create;
}

static const char *
first_id (GListModel *choices)
{
  g_autoptr (PacChoice) first = g_list_model_get_item (choices, 0);

  return first ? pac_choice_get_id (first) : NULL;
}

/* A first cluster as the source article builds it: one control plane node,
 * one pool of two workers, the newest compatible release, the namespace's
 * first VM class and storage class; a name not taken yet. */
PacClusterSpec *
pac_cluster_choices_new_spec (PacClusterChoices *self)
{
  PacClusterSpec *spec = NULL;
  g_autoptr (PacNodePool) pool = pac_node_pool_new ("workers");
  const char *vm_class = first_id (G_LIST_MODEL (self->vm_classes));
  const char *storage_class = first_id (G_LIST_MODEL (self->storage_classes));
  g_autofree char *name = NULL;

  for (guint i = 1; name == NULL || pac_cluster_choices_has_cluster (self, name); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-cluster-%02u", self->namespace, i);
      if (strlen (name) > 41) /* leaves room for the names of the cluster's objects */
        {
          g_free (name);
          name = g_strdup_printf ("cluster-%02u", i);
        }
    }
  spec = pac_cluster_spec_new (name, self->namespace, pac_cluster_choices_get_preferred_api (self));
  pac_cluster_spec_set_tkr (spec, pac_cluster_choices_get_default_release (self));
  pac_cluster_spec_set_control_plane_replicas (spec, 1);
  pac_cluster_spec_set_control_plane_vm_class (spec, vm_class);
  pac_cluster_spec_set_control_plane_storage_class (spec, storage_class);
  pac_cluster_spec_set_cni (spec, "antrea");
  pac_node_pool_set_replicas (pool, 2);
  pac_node_pool_set_vm_class (pool, vm_class);
  pac_node_pool_set_storage_class (pool, storage_class);
  g_list_store_append (pac_cluster_spec_get_node_pools (spec), pool);
  return spec;
}

static void
check_offered (GPtrArray *problems,
               GListModel *choices,
               const char *path,
               const char *value,
               const char *message)
{
  guint position = pac_choice_find (choices, value);
  g_autoptr (PacChoice) choice = NULL;

  if (value == NULL)
    return; /* the spec's own validation says it is required */
  if (position == G_MAXUINT)
    {
      g_ptr_array_add (problems, pac_problem_new (path, message));
      return;
    }
  choice = g_list_model_get_item (choices, position);
  if (!pac_choice_is_available (choice))
    g_ptr_array_add (problems, pac_problem_new (path, pac_choice_get_reason (choice)));
}

/* Whether @version (v1.17.8+vmware.1-tkg.1.5417466) is what @hint names:
 * itself, or a version it is the start of up to a "." "+" or "-" */
static gboolean
hint_matches (const char *hint, const char *version)
{
  gsize length = strlen (hint);

  return version && strncmp (version, hint, length) == 0
         && (version[length] == '\0' || strchr (".+-", version[length]));
}

/**
 * pac_cluster_choices_resolve_release:
 * @hint: a v1alpha1 distribution.version: "v1.17", "v1.17.8", "1.17.8", …
 *
 * Returns: (transfer none) (nullable): the release the Supervisor takes
 *   for @hint: the newest compatible one it matches, else the newest it
 *   matches at all (whose reason says why not); %NULL when none matches
 */
PacChoice *
pac_cluster_choices_resolve_release (PacClusterChoices *self, const char *hint)
{
  g_autofree char *wanted
    = hint && hint[0] != 'v' ? g_strconcat ("v", hint, NULL) : g_strdup (hint);
  GListModel *releases = G_LIST_MODEL (self->releases);

  /* compatible first, newest first: the first match is the one */
  for (guint i = 0; wanted && i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr (PacChoice) choice = g_list_model_get_item (releases, i);
      if (hint_matches (wanted, pac_choice_get_id (choice)))
        return choice; /* the store holds another reference */
    }
  return NULL;
}

/* v1alpha1 takes a hint the Supervisor resolves; later APIs a release */
static void
check_release (PacClusterChoices *self, PacClusterSpec *spec, GPtrArray *problems)
{
  PacTkcApi api = pac_cluster_spec_get_api (spec);
  const char *path = pac_cluster_spec_release_path (api);
  const char *tkr = pac_cluster_spec_get_tkr (spec);
  g_autofree char *release = NULL;
  PacChoice *resolved;

  if (tkr == NULL)
    return; /* the spec's own validation says it is required */
  /* Offered as versions ("+"); v1alpha2 on names releases with "---" */
  release = pac_version_string_from_tkr_name (tkr);
  if (api != PAC_TKC_V1ALPHA1)
    {
      check_offered (problems, G_LIST_MODEL (self->releases), path, release ? release : tkr,
                     _ ("is not a release this Supervisor offers"));
      return;
    }
  resolved = pac_cluster_choices_resolve_release (self, release ? release : tkr);
  if (resolved == NULL)
    g_ptr_array_add (problems,
                     pac_problem_new (path, _ ("matches no release this Supervisor offers")));
  else if (!pac_choice_is_available (resolved))
    g_ptr_array_add (problems, pac_problem_new (path, pac_choice_get_reason (resolved)));
}

static void
check_topology (PacClusterChoices *self, PacClusterSpec *spec, GPtrArray *problems, int pool)
{
  PacTkcApi api = pac_cluster_spec_get_api (spec);
  g_autoptr (PacNodePool) node_pool
    = pool < 0 ? NULL
               : g_list_model_get_item (G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec)),
                                        (guint) pool);
  const char *vm_class = node_pool ? pac_node_pool_get_vm_class (node_pool)
                                   : pac_cluster_spec_get_control_plane_vm_class (spec);
  const char *storage_class = node_pool ? pac_node_pool_get_storage_class (node_pool)
                                        : pac_cluster_spec_get_control_plane_storage_class (spec);
  g_autofree char *class_path = pac_cluster_spec_field_path (api, pool, "vmClass");
  g_autofree char *storage_path = pac_cluster_spec_field_path (api, pool, "storageClass");

  check_offered (problems, G_LIST_MODEL (self->vm_classes), class_path, vm_class,
                 _ ("is not a VM class bound to this namespace"));
  check_offered (problems, G_LIST_MODEL (self->storage_classes), storage_path, storage_class,
                 _ ("is not a storage class of this namespace"));
}

/**
 * pac_cluster_choices_check:
 * @editing: the cluster exists already (its name is not a clash)
 *
 * Returns: (transfer container): the spec's own problems and those against
 *   what the namespace offers, each with its field path
 */
GPtrArray *
pac_cluster_choices_check (PacClusterChoices *self, PacClusterSpec *spec, gboolean editing)
{
  GPtrArray *problems = pac_cluster_spec_validate (spec);
  guint n_pools = g_list_model_get_n_items (G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec)));
  const char *default_class = pac_cluster_spec_get_default_storage_class (spec);

  if (!editing && pac_cluster_choices_has_cluster (self, pac_cluster_spec_get_name (spec)))
    g_ptr_array_add (problems, pac_problem_new ("metadata.name",
                                                _ ("is the name of a cluster in this namespace")));
  if (g_strcmp0 (pac_cluster_spec_get_namespace (spec), self->namespace) != 0)
    g_ptr_array_add (problems, pac_problem_new ("metadata.namespace",
                                                _ ("must be the namespace the form is for")));
  check_release (self, spec, problems);
  check_topology (self, spec, problems, -1);
  for (guint i = 0; i < n_pools; i++)
    check_topology (self, spec, problems, (int) i);
  if (default_class)
    check_offered (problems, G_LIST_MODEL (self->storage_classes),
                   "spec.settings.storage.defaultClass", default_class,
                   _ ("is not a storage class of this namespace"));
  return problems;
}

static void
pac_cluster_choices_finalize (GObject *object)
{
  PacClusterChoices *self = PAC_CLUSTER_CHOICES (object);

  g_free (self->namespace);
  g_clear_object (&self->releases);
  g_clear_object (&self->vm_classes);
  g_clear_object (&self->storage_classes);
  g_strfreev (self->api_versions);
  g_free (self->preferred_api);
  g_hash_table_unref (self->clusters);
  g_free (self->refusal);
  G_OBJECT_CLASS (pac_cluster_choices_parent_class)->finalize (object);
}

static void
pac_cluster_choices_class_init (PacClusterChoicesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_cluster_choices_finalize;
}

static void
pac_cluster_choices_init (PacClusterChoices *self)
{
  self->releases = g_list_store_new (PAC_TYPE_CHOICE);
  self->vm_classes = g_list_store_new (PAC_TYPE_CHOICE);
  self->storage_classes = g_list_store_new (PAC_TYPE_CHOICE);
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
