/* pac-vcenter-client.c: the vCenter REST API (vSphere Automation /api)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vCenter REST": a session from POST /api/session
 * (Basic, 201 and a JSON string), used through the
 * vmware-api-session-id header; signed in again once when a call meets
 * 401 (sessions expire). Errors come from vCenter's bodies
 * (pac_error_from_vcenter). The password is the one given for this
 * process, else the keyring's, else PACIFIC_PASSWORD — never argv.
 */
#define G_LOG_DOMAIN "pac-vcenter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pac-error.h"
#include "pac-http.h"
#include "pac-json.h"
#include "pac-secrets.h"
#include "pac-vcenter-client.h"

struct _PacVcenterClient
{
  GObject parent_instance;

  GUri *base;
  char *username;
  char *password;
  PacTrust *trust;
  SoupSession *session;
  char *session_id;
};

G_DEFINE_FINAL_TYPE (PacVcenterClient, pac_vcenter_client, G_TYPE_OBJECT)

PacVcenterClient *
pac_vcenter_client_new (const char *base_url, const char *username, PacTrust *trust)
{
  PacVcenterClient *self = g_object_new (PAC_TYPE_VCENTER_CLIENT, NULL);

  self->base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_return_val_if_fail (self->base != NULL, self);
  self->username = g_strdup (username);
  self->trust = g_object_ref (trust ? trust : pac_trust_get_default ());
  /* POST /api/session answers the session id as a bare JSON string, which
   * the log's redaction cannot tell from any other: headers only */
  self->session = pac_http_session_new (G_TLS_DATABASE (self->trust), 60, 0, PAC_HTTP_LOG_HEADERS);
  return self;
}

void
pac_vcenter_client_set_password (PacVcenterClient *self, const char *password)
{
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
}

const char *
pac_vcenter_client_get_host (PacVcenterClient *self)
{
  return g_uri_get_host (self->base);
}

static guint16
port_of (PacVcenterClient *self)
{
  int port = g_uri_get_port (self->base);

  return port > 0 ? (guint16) port : 443;
}

/* ---- calls ---- */

typedef struct
{
  char *method;
  char *path;
  JsonNode *body;
  const char *privilege; /* static: what vCenter's docs say the call needs */
  gboolean relogged;
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->body, json_node_unref);
  g_free (call);
}

static void send_call (GTask *task);

static void
on_session (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacVcenterClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonNode) body = bytes ? pac_http_parse_json (bytes) : NULL;
  guint status = bytes ? soup_message_get_status (msg) : 0;

  if (bytes == NULL)
    g_task_return_error (task,
                         pac_trust_explain_error (self->trust, pac_vcenter_client_get_host (self),
                                                  port_of (self), error));
  else if (status == 401)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                             _ ("Wrong user name or password for %s"),
                             pac_vcenter_client_get_host (self));
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    g_task_return_error (task, pac_error_from_vcenter (status, body));
  else if (body == NULL || json_node_get_value_type (body) != G_TYPE_STRING)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_SERVER,
                             _ ("vCenter's session answer has no session id"));
  else
    {
      g_free (self->session_id);
      self->session_id = g_strdup (json_node_get_string (body));
      send_call (task);
      return;
    }
  g_object_unref (task);
}

static void
send_session (GTask *task, const char *password)
{
  PacVcenterClient *self = g_task_get_source_object (task);
  g_autoptr (GUri) uri = g_uri_parse_relative (self->base, "/api/session", G_URI_FLAGS_NONE, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new_from_uri ("POST", uri);
  g_autofree char *authorization = pac_http_basic_authorization (self->username, password);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  memset (authorization, 0, strlen (authorization));
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_session, task);
}

static void
on_password (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = pac_secrets_find_password_finish (result, &error);

  if (password == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send_session (task, password);
  memset (password, 0, strlen (password));
}

/* The password given for this process, else the keyring's (asked off the
 * main thread: it may prompt), else PACIFIC_PASSWORD */
static void
log_in (GTask *task)
{
  PacVcenterClient *self = g_task_get_source_object (task);

  if (self->password)
    {
      send_session (task, self->password);
      return;
    }
  pac_secrets_find_password_async (pac_vcenter_client_get_host (self), port_of (self),
                                   self->username, g_task_get_cancellable (task), on_password,
                                   task);
}

/* vCenter's 403 says only "Unable to authorize user": Pacific adds the
 * privilege the API reference lists for the call, by its documented name. */
static GError *
name_privilege (Call *call, GError *error)
{
  GError *named;

  if (call->privilege == NULL || !g_error_matches (error, PAC_ERROR, PAC_ERROR_FORBIDDEN))
    return error;
  named
    = g_error_new (PAC_ERROR, PAC_ERROR_FORBIDDEN, _ ("%s — this needs the vCenter privilege %s"),
                   error->message, call->privilege);
  g_error_free (error);
  return named;
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PacVcenterClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = bytes ? soup_message_get_status (msg) : 0;
  JsonNode *body;

  if (bytes == NULL)
    {
      g_task_return_error (task,
                           pac_trust_explain_error (self->trust, pac_vcenter_client_get_host (self),
                                                    port_of (self), error));
      g_object_unref (task);
      return;
    }
  if (status == 401 && !call->relogged)
    {
      /* The session expired: one new one, then report. */
      call->relogged = TRUE;
      g_clear_pointer (&self->session_id, g_free);
      log_in (task);
      return;
    }
  body = pac_http_parse_json (bytes);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, name_privilege (call, pac_error_from_vcenter (status, body)));
      g_clear_pointer (&body, json_node_unref);
    }
  else
    g_task_return_pointer (task, body ? body : json_node_new (JSON_NODE_NULL),
                           (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
send_call (GTask *task)
{
  PacVcenterClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GUri) uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GError) cancelled = NULL;

  /* libsoup 3.2 may never answer a message whose cancellable is already cancelled. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled))
    {
      g_task_return_error (task, pac_error_from_transport (cancelled));
      g_object_unref (task);
      return;
    }
  if (self->session_id == NULL)
    {
      log_in (task);
      return;
    }
  uri = g_uri_parse_relative (self->base, call->path, G_URI_FLAGS_ENCODED, NULL);
  msg = uri ? soup_message_new_from_uri (call->method, uri) : NULL;
  if (msg == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, _ ("“%s” is not a valid path"),
                               call->path);
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "vmware-api-session-id",
                                self->session_id);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  if (call->body)
    {
      g_autoptr (GBytes) bytes = pac_json_to_bytes (call->body);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_answer, task);
}

static void call_needing (PacVcenterClient *self,
                          const char *method,
                          const char *path,
                          JsonNode *body,
                          const char *privilege,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

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
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, pac_vcenter_client_call_async);
  g_task_set_check_cancellable (task, FALSE);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->body = body ? json_node_copy (body) : NULL;
  call->privilege = privilege;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  send_call (task);
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

  pac_vcenter_client_set_password (self, NULL);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->username);
  g_clear_object (&self->trust);
  g_clear_object (&self->session);
  g_free (self->session_id);
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
