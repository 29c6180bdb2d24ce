/* pac-vcenter-client.c: the vCenter REST API (vSphere Automation /api)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vCenter REST": the calls Pacific makes, each with
 * the privilege vCenter's API reference names for it. Requests, the
 * session (POST /api/session, vmware-api-session-id, a new one once when
 * a call meets 401), retries of reads and vCenter's errors are
 * PacConnection's (pac_connection_new_vcenter), as for a Supervisor.
 */
#define G_LOG_DOMAIN "pac-vcenter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-connection.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-vcenter-client.h"

struct _PacVcenterClient
{
  GObject parent_instance;

  PacConnection *connection; /* credential PAC_CREDENTIAL_VCENTER */
};

G_DEFINE_FINAL_TYPE (PacVcenterClient, pac_vcenter_client, G_TYPE_OBJECT)

PacVcenterClient *
pac_vcenter_client_new (const char *base_url, const char *username, PacTrust *trust)
{
  PacVcenterClient *self = g_object_new (PAC_TYPE_VCENTER_CLIENT, NULL);

  self->connection = pac_connection_new_vcenter (base_url, username, trust);
  return self;
}

/* For this process only (headless use); else the keyring's, else PACIFIC_PASSWORD */
void
pac_vcenter_client_set_password (PacVcenterClient *self, const char *password)
{
  pac_connection_set_password (self->connection, password);
}

const char *
pac_vcenter_client_get_host (PacVcenterClient *self)
{
  return pac_connection_get_host (self->connection);
}

/* ---- calls ---- */

/* vCenter's 403 says only "Unable to authorize user": Pacific adds the
 * privilege the API reference lists for the call, by its documented name. */
static GError *
name_privilege (const char *privilege, GError *error)
{
  GError *named;

  if (privilege == NULL || !g_error_matches (error, PAC_ERROR, PAC_ERROR_FORBIDDEN))
    return error;
  named = g_error_new (PAC_ERROR, PAC_ERROR_FORBIDDEN,
                       _ ("%s — this needs the vCenter privilege %s"), error->message, privilege);
  g_error_free (error);
  return named;
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  const char *privilege = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *answer = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (answer)
    g_task_return_pointer (task, answer, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, name_privilege (privilege, error));
}

/* @privilege: (nullable): static, what vCenter's API reference says the call needs */
static void
call_needing (PacVcenterClient *self,
              const char *method,
              const char *path,
              JsonNode *body,
              const char *privilege,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_vcenter_client_call_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, (gpointer) privilege, NULL);
  pac_connection_request_async (self->connection, method, path, body, cancellable, on_answer, task);
}

/**
 * pac_vcenter_client_call_async:
 * @path: under the server, e.g. "/api/vcenter/namespaces/instances"
 * @body: (nullable): sent as JSON
 */
void
pac_vcenter_client_call_async (PacVcenterClient *self,
                               const char *method,
                               const char *path,
                               JsonNode *body,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  call_needing (self, method, path, body, NULL, cancellable, callback, user_data);
}

/* Returns: (transfer full): the answer, a null node for no content */
JsonNode *
pac_vcenter_client_call_finish (PacVcenterClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the calls Pacific makes ---- */

static char *
escaped (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

void
pac_vcenter_client_list_supervisors_async (PacVcenterClient *self,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET", "/api/vcenter/namespace-management/clusters", NULL,
                                 cancellable, callback, user_data);
}

void
pac_vcenter_client_get_supervisor_async (PacVcenterClient *self,
                                         const char *cluster,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autofree char *id = escaped (cluster);
  g_autofree char *path = g_strdup_printf ("/api/vcenter/namespace-management/clusters/%s", id);

  pac_vcenter_client_call_async (self, "GET", path, NULL, cancellable, callback, user_data);
}

void
pac_vcenter_client_attach_library_async (PacVcenterClient *self,
                                         const char *cluster,
                                         const char *library,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autofree char *id = escaped (cluster);
  g_autofree char *path = g_strdup_printf ("/api/vcenter/namespace-management/clusters/%s", id);
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (body, json_object_new ());
  json_object_set_string_member (json_node_get_object (body),
                                 "default_kubernetes_service_content_library", library);
  call_needing (self, "PATCH", path, body, "Namespaces.Manage", cancellable, callback, user_data);
}

/* @who: "name@domain"; vsphere.local when no domain is given */
static void
add_access_entry (JsonArray *list, const char *who, gboolean group, const char *role)
{
  JsonObject *entry = json_object_new ();
  const char *at = strrchr (who, '@');
  g_autofree char *subject = at ? g_strndup (who, at - who) : g_strdup (who);

  json_object_set_string_member (entry, "subject_type", group ? "GROUP" : "USER");
  json_object_set_string_member (entry, "subject", subject);
  json_object_set_string_member (entry, "domain", at ? at + 1 : "vsphere.local");
  json_object_set_string_member (entry, "role", role);
  json_array_add_object_element (list, entry);
}

static void
add_access (JsonArray *list, const char *const *users, const char *role)
{
  for (guint i = 0; users && users[i]; i++)
    add_access_entry (list, users[i], FALSE, role);
}

/* vCenter's CreateSpec (UpdateSpec: without cluster and namespace) */
JsonNode *
pac_namespace_spec_to_json (const PacNamespaceSpec *spec, gboolean for_update)
{
  JsonObject *object = json_object_new ();
  JsonArray *storage = json_array_new ();
  JsonArray *access = json_array_new ();
  JsonArray *classes = json_array_new ();
  JsonObject *vm_service = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (!for_update)
    {
      json_object_set_string_member (object, "cluster", spec->cluster);
      json_object_set_string_member (object, "namespace", spec->name);
    }
  json_object_set_string_member (object, "description", spec->description ? spec->description : "");
  for (guint i = 0; spec->storage_policies && spec->storage_policies[i]; i++)
    {
      JsonObject *entry = json_object_new ();
      json_object_set_string_member (entry, "policy", spec->storage_policies[i]);
      json_array_add_object_element (storage, entry);
    }
  for (const PacNamespaceStorage *s = spec->storage; s && s->policy; s++)
    {
      JsonObject *entry = json_object_new ();
      json_object_set_string_member (entry, "policy", s->policy);
      if (s->limit_mib > 0)
        json_object_set_int_member (entry, "limit", s->limit_mib);
      json_array_add_object_element (storage, entry);
    }
  for (const PacNamespaceAccess *a = spec->access; a && a->subject; a++)
    add_access_entry (access, a->subject, a->group, a->role);
  add_access (access, spec->owners, "OWNER");
  add_access (access, spec->editors, "EDIT");
  add_access (access, spec->viewers, "VIEW");
  for (guint i = 0; spec->vm_classes && spec->vm_classes[i]; i++)
    json_array_add_string_element (classes, spec->vm_classes[i]);
  json_object_set_array_member (object, "storage_specs", storage);
  json_object_set_array_member (object, "access_list", access);
  json_object_set_array_member (vm_service, "vm_classes", classes);
  if (spec->no_vm_service)
    json_object_unref (vm_service);
  else
    json_object_set_object_member (object, "vm_service_spec", vm_service);
  json_node_take_object (node, object);
  return node;
}

void
pac_vcenter_client_list_namespaces_async (PacVcenterClient *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET", "/api/vcenter/namespaces/instances", NULL,
                                 cancellable, callback, user_data);
}

void
pac_vcenter_client_get_namespace_async (PacVcenterClient *self,
                                        const char *name,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autofree char *id = escaped (name);
  g_autofree char *path = g_strdup_printf ("/api/vcenter/namespaces/instances/%s", id);

  pac_vcenter_client_call_async (self, "GET", path, NULL, cancellable, callback, user_data);
}

void
pac_vcenter_client_create_namespace_async (PacVcenterClient *self,
                                           const PacNamespaceSpec *spec,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autoptr (JsonNode) body = pac_namespace_spec_to_json (spec, FALSE);

  call_needing (self, "POST", "/api/vcenter/namespaces/instances", body, "Namespaces.Configure",
                cancellable, callback, user_data);
}

void
pac_vcenter_client_update_namespace_async (PacVcenterClient *self,
                                           const PacNamespaceSpec *spec,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autoptr (JsonNode) body = pac_namespace_spec_to_json (spec, TRUE);
  g_autofree char *id = escaped (spec->name);
  g_autofree char *path = g_strdup_printf ("/api/vcenter/namespaces/instances/%s", id);

  call_needing (self, "PATCH", path, body, "Namespaces.Configure", cancellable, callback,
                user_data);
}

void
pac_vcenter_client_delete_namespace_async (PacVcenterClient *self,
                                           const char *name,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autofree char *id = escaped (name);
  g_autofree char *path = g_strdup_printf ("/api/vcenter/namespaces/instances/%s", id);

  call_needing (self, "DELETE", path, NULL, "Namespaces.Configure", cancellable, callback,
                user_data);
}

void
pac_vcenter_client_list_storage_policies_async (PacVcenterClient *self,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET", "/api/vcenter/storage/policies", NULL, cancellable,
                                 callback, user_data);
}

void
pac_vcenter_client_list_datastores_async (PacVcenterClient *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET", "/api/vcenter/datastore", NULL, cancellable, callback,
                                 user_data);
}

void
pac_vcenter_client_probe_library_async (PacVcenterClient *self,
                                        const char *url,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *info = json_object_new ();

  json_node_take_object (body, json_object_new ());
  json_object_set_string_member (info, "subscription_url", url);
  json_object_set_object_member (json_node_get_object (body), "subscription_info", info);
  call_needing (self, "POST", "/api/content/subscribed-library?action=probe", body,
                "ContentLibrary.ProbeSubscription", cancellable, callback, user_data);
}

void
pac_vcenter_client_create_library_async (PacVcenterClient *self,
                                         const char *name,
                                         const char *datastore,
                                         const char *url,
                                         const char *thumbprint,
                                         gboolean on_demand,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *model = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonObject *backing = json_object_new ();
  JsonArray *backings = json_array_new ();

  json_object_set_string_member (model, "name", name);
  json_object_set_string_member (model, "type", "SUBSCRIBED");
  json_object_set_string_member (backing, "type", "DATASTORE");
  json_object_set_string_member (backing, "datastore_id", datastore);
  json_array_add_object_element (backings, backing);
  json_object_set_array_member (model, "storage_backings", backings);
  json_object_set_string_member (info, "subscription_url", url);
  json_object_set_string_member (info, "authentication_method", "NONE");
  json_object_set_boolean_member (info, "automatic_sync_enabled", TRUE);
  json_object_set_boolean_member (info, "on_demand", on_demand);
  if (thumbprint)
    json_object_set_string_member (info, "ssl_thumbprint", thumbprint);
  json_object_set_object_member (model, "subscription_info", info);
  json_node_take_object (body, model);
  call_needing (self, "POST", "/api/content/subscribed-library", body,
                "ContentLibrary.CreateSubscribedLibrary, Datastore.AllocateSpace", cancellable,
                callback, user_data);
}

void
pac_vcenter_client_sync_library_async (PacVcenterClient *self,
                                       const char *library,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autofree char *id = escaped (library);
  g_autofree char *path = g_strdup_printf ("/api/content/subscribed-library/%s?action=sync", id);

  call_needing (self, "POST", path, NULL, "ContentLibrary.SyncLibrary", cancellable, callback,
                user_data);
}

/* Finishes with an array of library ids */
void
pac_vcenter_client_list_libraries_async (PacVcenterClient *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET", "/api/content/subscribed-library", NULL, cancellable,
                                 callback, user_data);
}

void
pac_vcenter_client_get_library_async (PacVcenterClient *self,
                                      const char *library,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autofree char *id = escaped (library);
  g_autofree char *path = g_strdup_printf ("/api/content/subscribed-library/%s", id);

  pac_vcenter_client_call_async (self, "GET", path, NULL, cancellable, callback, user_data);
}

void
pac_vcenter_client_list_vm_classes_async (PacVcenterClient *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  pac_vcenter_client_call_async (self, "GET",
                                 "/api/vcenter/namespace-management/virtual-machine-classes", NULL,
                                 cancellable, callback, user_data);
}

static void
pac_vcenter_client_finalize (GObject *object)
{
  PacVcenterClient *self = PAC_VCENTER_CLIENT (object);

  g_clear_object (&self->connection);
  G_OBJECT_CLASS (pac_vcenter_client_parent_class)->finalize (object);
}

static void
pac_vcenter_client_class_init (PacVcenterClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_vcenter_client_finalize;
}

static void
pac_vcenter_client_init (PacVcenterClient *self)
{
}
