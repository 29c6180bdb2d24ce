/* pac-namespace-options.c: what a vSphere namespace may be given, and
 * what it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vCenter REST": storage policies from
 * /api/vcenter/storage/policies, VM classes from namespace-management's
 * virtual-machine-classes, and for an existing namespace its Info
 * (storage_specs with limits, vm_service_spec.vm_classes, access_list).
 */
#define G_LOG_DOMAIN "pac-namespace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-namespace-options.h"

struct _PacNamespaceOptions
{
  GObject parent_instance;

  GListStore *policies;
  GListStore *vm_classes;
  gboolean no_vm_service; /* vCenter answered no VM classes API (before 7.0 U2) */
  char *description;
  GHashTable *limits; /* policy → gint64* */
  GHashTable *classes;
  GArray *access;     /* PacNamespaceAccess, ended by a NULL subject */
  GPtrArray *strings; /* what the access entries point to */
};

G_DEFINE_FINAL_TYPE (PacNamespaceOptions, pac_namespace_options, G_TYPE_OBJECT)

GListModel *
pac_namespace_options_get_policies (PacNamespaceOptions *self)
{
  return G_LIST_MODEL (self->policies);
}

GListModel *
pac_namespace_options_get_vm_classes (PacNamespaceOptions *self)
{
  return G_LIST_MODEL (self->vm_classes);
}

const char *
pac_namespace_options_get_description (PacNamespaceOptions *self)
{
  return self->description ? self->description : "";
}

gint64
pac_namespace_options_get_limit (PacNamespaceOptions *self, const char *policy)
{
  gint64 *limit = g_hash_table_lookup (self->limits, policy);

  return limit ? *limit : -1;
}

/* Whether namespaces are given VM classes: vCenter 7.0 Update 2 and later
 * (the VM Service); before, every class serves every namespace */
gboolean
pac_namespace_options_has_vm_service (PacNamespaceOptions *self)
{
  return !self->no_vm_service;
}

gboolean
pac_namespace_options_has_vm_class (PacNamespaceOptions *self, const char *vm_class)
{
  return g_hash_table_contains (self->classes, vm_class);
}

const PacNamespaceAccess *
pac_namespace_options_get_access (PacNamespaceOptions *self)
{
  return (const PacNamespaceAccess *) self->access->data;
}

/* ---- reading vCenter's answers ---- */

static void
read_policies (PacNamespaceOptions *self, JsonArray *list)
{
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (list, i));
      const char *id = pac_json_string (entry, "policy");
      g_autoptr (PacChoice) choice = NULL;

      if (id == NULL)
        continue;
      choice = pac_choice_new (id, pac_json_string (entry, "name"), NULL);
      g_list_store_append (self->policies, choice);
    }
}

static void
read_vm_classes (PacNamespaceOptions *self, JsonArray *list)
{
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (list, i));
      const char *id = pac_json_string (entry, "id");
      /* /api names it memory_mb; the 7.0 reference wrote memory_MB */
      gint64 memory = pac_json_int (entry, "memory_mb", pac_json_int (entry, "memory_MB", 0));
      gint64 cpus = pac_json_int (entry, "cpu_count", 0);
      g_autofree char *subtitle = NULL;
      g_autoptr (PacChoice) choice = NULL;

      if (id == NULL)
        continue;
      subtitle = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d CPU, %.4g GiB", "%d CPUs, %.4g GiB", (gulong) cpus),
        (int) cpus, (double) memory / 1024.0);
      choice = pac_choice_new (id, subtitle, NULL);
      g_list_store_append (self->vm_classes, choice);
    }
}

static const char *
keep (PacNamespaceOptions *self, const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (self->strings, copy);
  return copy;
}

static void
read_info (PacNamespaceOptions *self, JsonObject *info)
{
  JsonArray *storage = pac_json_array (info, "storage_specs");
  JsonArray *classes = pac_json_array (info, "vm_service_spec.vm_classes");
  JsonArray *access = pac_json_array (info, "access_list");
  PacNamespaceAccess end = { NULL };

  g_free (self->description);
  self->description = g_strdup (pac_json_string (info, "description"));
  for (guint i = 0; storage && i < json_array_get_length (storage); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (storage, i));
      const char *policy = pac_json_string (entry, "policy");
      if (policy)
        g_hash_table_insert (
          self->limits, g_strdup (policy),
          g_memdup2 (&(gint64){ pac_json_int (entry, "limit", 0) }, sizeof (gint64)));
    }
  for (guint i = 0; classes && i < json_array_get_length (classes); i++)
    if (json_array_get_string_element (classes, i))
      g_hash_table_add (self->classes, g_strdup (json_array_get_string_element (classes, i)));
  g_array_set_size (self->access, 0);
  for (guint i = 0; access && i < json_array_get_length (access); i++)
    {
      JsonObject *entry = pac_json_node_object (json_array_get_element (access, i));
      const char *subject = pac_json_string (entry, "subject");
      const char *domain = pac_json_string (entry, "domain");
      g_autofree char *who = NULL;
      PacNamespaceAccess grant;

      if (subject == NULL || pac_json_string (entry, "role") == NULL)
        continue;
      who = domain ? g_strdup_printf ("%s@%s", subject, domain) : g_strdup (subject);
      grant.subject = keep (self, who);
      grant.group = g_strcmp0 (pac_json_string (entry, "subject_type"), "GROUP") == 0;
      grant.role = keep (self, pac_json_string (entry, "role"));
      g_array_append_val (self->access, grant);
    }
  g_array_append_val (self->access, end);
}

/* ---- loading ---- */

/* The GTask's data: the options being filled, and the answers awaited */
typedef struct
{
  PacNamespaceOptions *options;
  guint pending;
  GError *error;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->options);
  g_clear_error (&load->error);
  g_free (load);
}

static void read_vm_classes_node (PacNamespaceOptions *self, JsonNode *answer);

/* One answer in: @read takes it; the last one finishes the load */
static void
take_answer (GObject *source,
             GAsyncResult *result,
             GTask *task,
             void (*read) (PacNamespaceOptions *self, JsonNode *answer))
{
  Load *load = g_task_get_task_data (task);
  PacNamespaceOptions *self = load->options;
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);

  if (answer == NULL && read == read_vm_classes_node
      && g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    {
      /* No VM classes API: vCenter before the VM Service */
      self->no_vm_service = TRUE;
      g_clear_error (&error);
    }
  if (answer)
    read (self, answer);
  else if (load->error == NULL)
    load->error = error;
  else if (error)
    g_clear_error (&error);
  if (--load->pending == 0)
    {
      if (load->error)
        g_task_return_error (task, g_steal_pointer (&load->error));
      else
        g_task_return_pointer (task, g_object_ref (self), g_object_unref);
    }
  g_object_unref (task);
}

static JsonArray *
array_of (JsonNode *answer)
{
  return JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
}

static void
read_policies_node (PacNamespaceOptions *self, JsonNode *answer)
{
  read_policies (self, array_of (answer));
}

static void
read_vm_classes_node (PacNamespaceOptions *self, JsonNode *answer)
{
  read_vm_classes (self, array_of (answer));
}

static void
read_info_node (PacNamespaceOptions *self, JsonNode *answer)
{
  read_info (self, pac_json_node_object (answer));
}

static void
on_policies (GObject *source, GAsyncResult *result, gpointer user_data)
{
  take_answer (source, result, user_data, read_policies_node);
}

static void
on_vm_classes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  take_answer (source, result, user_data, read_vm_classes_node);
}

static void
on_info (GObject *source, GAsyncResult *result, gpointer user_data)
{
  take_answer (source, result, user_data, read_info_node);
}

void
pac_namespace_options_load_async (PacVcenterClient *vcenter,
                                  const char *name,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  g_task_set_source_tag (task, pac_namespace_options_load_async);
  load->options = g_object_new (PAC_TYPE_NAMESPACE_OPTIONS, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  load->pending = name ? 3 : 2;
  pac_vcenter_client_list_storage_policies_async (vcenter, cancellable, on_policies,
                                                  g_object_ref (task));
  pac_vcenter_client_list_vm_classes_async (vcenter, cancellable, on_vm_classes,
                                            g_object_ref (task));
  if (name)
    pac_vcenter_client_get_namespace_async (vcenter, name, cancellable, on_info,
                                            g_object_ref (task));
}

PacNamespaceOptions *
pac_namespace_options_load_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- delete, refused while clusters live there ---- */

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);

  if (answer)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  PacVcenterClient *vcenter;
  PacConnection *connection;
  char *namespace;
  GString *clusters;
  GQueue paths; /* the cluster lists still to read */
} Removal;

static void
removal_free (Removal *removal)
{
  g_object_unref (removal->vcenter);
  g_object_unref (removal->connection);
  g_free (removal->namespace);
  g_string_free (removal->clusters, TRUE);
  g_queue_clear_full (&removal->paths, g_free);
  g_free (removal);
}

static void read_next_list (GTask *task);

static void
on_clusters (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Removal *removal = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) list = pac_connection_list_finish (PAC_CONNECTION (source), result, &error);
  JsonArray *items = list ? pac_json_array (pac_json_node_object (list), "items") : NULL;

  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    g_string_append_printf (
      removal->clusters, "%s%s", removal->clusters->len ? ", " : "",
      pac_json_string (pac_json_node_object (json_array_get_element (items, i)), "metadata.name"));
  read_next_list (task);
}

static void
read_next_list (GTask *task)
{
  Removal *removal = g_task_get_task_data (task);
  g_autofree char *path = g_queue_pop_head (&removal->paths);

  if (path)
    pac_connection_list_async (removal->connection, path, g_task_get_cancellable (task),
                               on_clusters, g_object_ref (task));
  else if (removal->clusters->len)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_CONFLICT,
                             _ ("Namespace %s still holds the clusters %s: delete them first"),
                             removal->namespace, removal->clusters->str);
  else
    pac_vcenter_client_delete_namespace_async (removal->vcenter, removal->namespace,
                                               g_task_get_cancellable (task), on_deleted,
                                               g_object_ref (task));
}

void
pac_vsphere_namespace_delete_async (PacVcenterClient *vcenter,
                                    PacSupervisorClient *client,
                                    const PacCapabilities *capabilities,
                                    const char *name,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Removal *removal = g_new0 (Removal, 1);

  g_task_set_source_tag (task, pac_vsphere_namespace_delete_async);
  removal->vcenter = g_object_ref (vcenter);
  removal->connection = g_object_ref (pac_supervisor_client_get_connection (client));
  removal->namespace = g_strdup (name);
  removal->clusters = g_string_new (NULL);
  g_queue_push_tail (
    &removal->paths,
    g_strdup_printf ("/apis/run.tanzu.vmware.com/%s/namespaces/%s/tanzukubernetesclusters",
                     capabilities->tkc_version, name));
  if (capabilities->class_based_clusters)
    g_queue_push_tail (
      &removal->paths,
      g_strdup_printf ("/apis/cluster.x-k8s.io/v1beta1/namespaces/%s/clusters", name));
  g_task_set_task_data (task, removal, (GDestroyNotify) removal_free);
  read_next_list (task);
}

gboolean
pac_vsphere_namespace_delete_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pac_namespace_options_finalize (GObject *object)
{
  PacNamespaceOptions *self = PAC_NAMESPACE_OPTIONS (object);

  g_clear_object (&self->policies);
  g_clear_object (&self->vm_classes);
  g_free (self->description);
  g_hash_table_unref (self->limits);
  g_hash_table_unref (self->classes);
  g_array_unref (self->access);
  g_ptr_array_unref (self->strings);
  G_OBJECT_CLASS (pac_namespace_options_parent_class)->finalize (object);
}

static void
pac_namespace_options_class_init (PacNamespaceOptionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_namespace_options_finalize;
}

static void
pac_namespace_options_init (PacNamespaceOptions *self)
{
  PacNamespaceAccess end = { NULL };

  self->policies = g_list_store_new (PAC_TYPE_CHOICE);
  self->vm_classes = g_list_store_new (PAC_TYPE_CHOICE);
  self->limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->access = g_array_new (FALSE, TRUE, sizeof (PacNamespaceAccess));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  g_array_append_val (self->access, end);
}
