/* pac-connection-login.c: how a PacConnection gets its token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Supervisor token comes from POST /wcp/login with the user's password
 * (in memory for headless use, else the keyring, else PACIFIC_PASSWORD);
 * a fresh one cached in the keyring saves the login. A guest cluster's
 * token comes from the same endpoint with the cluster named in the body;
 * the answer also says where the guest's API is and which CA signs it.
 */
#define G_LOG_DOMAIN "pac-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-connection-private.h"
#include "pac-error.h"
#include "pac-http.h"
#include "pac-json.h"
#include "pac-jwt.h"
#include "pac-secrets.h"

#define GUEST_API_PORT 6443

typedef struct
{
  char *password;
  char *cached_token;
  gint64 cached_expiry;
  JsonNode *guest_request; /* the cluster a guest login names */
} LoginData;

static void
wipe (char *secret)
{
  if (secret)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
login_data_free (LoginData *data)
{
  wipe (data->password);
  g_free (data->cached_token);
  g_clear_pointer (&data->guest_request, json_node_unref);
  g_free (data);
}

/* WCP's error bodies are not documented: take a "message" if there is one.
 * vCenter's are (doc/protocols.md, "vCenter REST"). */
static GError *
login_error (PacConnection *self, guint status, JsonNode *root)
{
  const char *message = pac_json_string (pac_json_node_object (root), "message");
  GError *error;

  if (self->credential == PAC_CREDENTIAL_VCENTER && status == 401)
    return g_error_new (PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                        _ ("Wrong user name or password for %s"), pac_connection_get_host (self));
  if (self->credential == PAC_CREDENTIAL_VCENTER)
    return pac_error_from_vcenter (status, root);
  if (status == 401)
    return g_error_new_literal (PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                                message ? message : _ ("Wrong user name or password"));
  error = pac_error_from_http_status (status, NULL);
  if (message)
    {
      g_free (error->message);
      error->message = g_strdup (message);
    }
  return error;
}

/* The session_id of a login answer, with its expiry */
static gboolean
take_token (PacConnection *self, JsonNode *answer, GError **error)
{
  const char *token = pac_json_string (pac_json_node_object (answer), "session_id");
  gint64 expiry = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (token == NULL)
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_SERVER,
                           _ ("The Supervisor's login answer has no session token"));
      return FALSE;
    }
  if (!pac_jwt_read_claims (token, &expiry, NULL, error))
    return FALSE;
  g_free (self->token);
  self->token = g_strdup (token);
  self->token_cached = FALSE;
  self->token_obtained = now;
  self->token_expiry = expiry > 0 ? expiry : now + PAC_JWT_DEFAULT_LIFETIME;
  return TRUE;
}

/* vCenter's session: a bare JSON string, no expiry of its own (it ends
 * after idle time; a 401 says so). Never kept beyond the process. */
static gboolean
take_session_id (PacConnection *self, JsonNode *answer, GError **error)
{
  if (answer == NULL || json_node_get_value_type (answer) != G_TYPE_STRING)
    {
      g_set_error_literal (error, PAC_ERROR, PAC_ERROR_SERVER,
                           _ ("vCenter's session answer has no session id"));
      return FALSE;
    }
  g_free (self->token);
  self->token = g_strdup (json_node_get_string (answer));
  self->token_cached = FALSE;
  self->token_obtained = g_get_real_time () / G_USEC_PER_SEC;
  self->token_expiry = 0;
  return TRUE;
}

static void cache_token (PacConnection *self);

/* A plain login keeps the token; a guest login returns the whole answer. */
static void
on_login_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacConnection *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
    = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonNode) answer = NULL;
  guint status;

  pac_connection_note_reach (self, error);
  if (bytes == NULL)
    {
      g_task_return_error (task, pac_connection_explain_transport_error (self, error));
      return;
    }
  status = soup_message_get_status (msg);
  answer = pac_http_parse_json (bytes);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status)) /* WCP answers 200, vCenter 201 */
    g_task_return_error (task, login_error (self, status, answer));
  else if (self->credential == PAC_CREDENTIAL_VCENTER)
    {
      if (!take_session_id (self, answer, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
    }
  else if (data->guest_request && pac_json_node_object (answer) == NULL)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_SERVER, "%s",
                             _ ("The Supervisor's login answer is not a JSON object"));
  else if (data->guest_request)
    g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify) json_node_unref);
  else if (!take_token (self, answer, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* Headless runs (a password given in memory) keep tokens in memory only. */
      if (self->password == NULL)
        cache_token (self);
      g_task_return_boolean (task, TRUE);
    }
}

static void
send_login (GTask *task, const char *password)
{
  PacConnection *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr (SoupMessage) msg = pac_connection_new_message (
    self, "POST", self->credential == PAC_CREDENTIAL_VCENTER ? "/api/session" : "/wcp/login");
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *authorization = pac_http_basic_authorization (self->username, password);

  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (data->guest_request)
    {
      g_autoptr (GBytes) body = pac_json_to_bytes (data->guest_request);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_login_sent, task);
}

/* A token is fresh while well before its "exp": a tenth of the lifetime
 * (at most five minutes) before it. */
gboolean
pac_connection_token_is_fresh (gint64 obtained, gint64 expiry)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 margin = MIN (300, (expiry - obtained) / 10);

  return now < expiry - margin;
}

/* A cached Supervisor token that is still fresh saves the login */
static gboolean
take_cached_token (PacConnection *self, LoginData *data, GCancellable *cancellable)
{
  char *token
    = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, pac_connection_get_host (self),
                               pac_connection_get_port (self), self->username, cancellable, NULL);
  gint64 expiry = 0;
  gboolean usable = token && g_strcmp0 (token, self->rejected_token) != 0
                    && pac_jwt_read_claims (token, &expiry, NULL, NULL) && expiry > 0
                    && pac_connection_token_is_fresh (g_get_real_time () / G_USEC_PER_SEC, expiry);

  if (usable)
    {
      data->cached_token = g_strdup (token);
      data->cached_expiry = expiry;
    }
  if (token)
    secret_password_free (token);
  return usable;
}

/* The keyring can block (an unlock prompt): ask it off the main thread.
 * The password is only read when no cached token will do; guest logins
 * always need it. */
static void
lookup_password_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PacConnection *self = source;
  LoginData *data = task_data;
  GError *error = NULL;
  g_autofree char *password_host = NULL;
  guint16 password_port = 443;
  char *password;

  if (data->guest_request == NULL && self->credential == PAC_CREDENTIAL_WCP
      && take_cached_token (self, data, cancellable))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (self->password_host == NULL
      || !pac_secrets_parse_server_key (self->password_host, &password_host, &password_port))
    {
      password_host = g_strdup (pac_connection_get_host (self));
      password_port = pac_connection_get_port (self);
    }
  password = pac_secrets_find_password_sync (password_host, password_port, self->username,
                                             cancellable, &error);
  if (password)
    g_task_return_pointer (task, password, (GDestroyNotify) wipe);
  else
    g_task_return_error (task, error);
}

static void
store_token_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PacConnection *self = source;
  g_autoptr (GError) error = NULL;

  if (!pac_secrets_store_sync (PAC_SECRET_TOKEN, pac_connection_get_host (self),
                               pac_connection_get_port (self), self->username, task_data, NULL,
                               &error))
    g_debug ("the token is not cached: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Cached for the next process (the kubectl credential plugin above all). */
static void
cache_token (PacConnection *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (self->token), g_free);
  g_task_run_in_thread (task, store_token_thread);
}

static void
on_password (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  char *password = g_task_propagate_pointer (G_TASK (result), &error);
  LoginData *data = g_task_get_task_data (task);
  PacConnection *self = PAC_CONNECTION (source);

  if (data->cached_token)
    {
      g_free (self->token);
      self->token = g_steal_pointer (&data->cached_token);
      self->token_cached = TRUE;
      self->token_obtained = g_get_real_time () / G_USEC_PER_SEC;
      self->token_expiry = data->cached_expiry;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (password == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->password = password;
  send_login (task, password);
}

/* The password, then /wcp/login; the task returns what on_login_sent says */
static void
start_login (GTask *task)
{
  PacConnection *self = g_task_get_source_object (task);
  g_autoptr (GTask) lookup = NULL;

  if (self->password)
    {
      send_login (task, self->password);
      return;
    }
  lookup = g_task_new (self, g_task_get_cancellable (task), on_password, task);
  g_task_set_task_data (lookup, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (lookup, lookup_password_thread);
}

/* ---- guest clusters ---- */

static void
guest_login_async (PacConnection *supervisor,
                   const char *namespace,
                   const char *name,
                   GCancellable *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer user_data)
{
  GTask *task
    = pac_connection_new_task (supervisor, cancellable, callback, user_data, guest_login_async);
  LoginData *data = g_new0 (LoginData, 1);
  g_autoptr (JsonObject) request = json_object_new ();

  json_object_set_string_member (request, "guest_cluster_name", name);
  if (namespace)
    json_object_set_string_member (request, "guest_cluster_namespace", namespace);
  data->guest_request = json_node_init_object (json_node_alloc (), request);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  start_login (task);
}

/* The answer of a guest login, or an error saying why there is none */
static JsonNode *
guest_login_finish (PacConnection *supervisor,
                    GAsyncResult *result,
                    const char *namespace,
                    const char *name,
                    GError **error)
{
  g_autoptr (JsonNode) answer = g_task_propagate_pointer (G_TASK (result), error);
  const char *server = pac_json_string (pac_json_node_object (answer), "guest_cluster_server");

  if (answer == NULL)
    return NULL;
  /* The endpoint's way of saying "no such cluster" (or not running yet) */
  if (server == NULL || *server == '\0')
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND,
                   _ ("The Supervisor has no running cluster “%s” in namespace “%s”"), name,
                   namespace ? namespace : "");
      return NULL;
    }
  return g_steal_pointer (&answer);
}

static PacConnection *
new_guest (PacConnection *supervisor,
           const char *namespace,
           const char *name,
           JsonNode *answer,
           GError **error)
{
  const char *server = pac_json_string (pac_json_node_object (answer), "guest_cluster_server");
  const char *ca_text = pac_json_string (pac_json_node_object (answer), "guest_cluster_ca");
  g_autoptr (GTlsCertificate) ca = pac_trust_parse_ca (ca_text, -1, NULL);
  g_autoptr (GUri) base = NULL;
  g_autoptr (PacConnection) guest = NULL;

  base = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, server, GUEST_API_PORT, "/", NULL, NULL);
  if (ca == NULL)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_SERVER,
                   _ ("The Supervisor did not send a usable CA certificate for cluster “%s”"),
                   name);
      return NULL;
    }
  guest = pac_connection_new_for_uri (base, supervisor->username, supervisor->trust);
  /* The guest's CA, as the Supervisor (already verified) vouches for it */
  pac_trust_add_anchor (guest->trust, server, GUEST_API_PORT, ca);
  guest->credential = PAC_CREDENTIAL_GUEST;
  guest->supervisor = g_object_ref (supervisor);
  guest->guest_namespace = g_strdup (namespace);
  guest->guest_name = g_strdup (name);
  if (!take_token (guest, answer, error))
    return NULL;
  return g_steal_pointer (&guest);
}

typedef struct
{
  char *namespace;
  char *name;
} GuestTarget;

static void
guest_target_free (GuestTarget *target)
{
  g_free (target->namespace);
  g_free (target->name);
  g_free (target);
}

static void
on_guest_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GuestTarget *target = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = guest_login_finish (PAC_CONNECTION (source), result, target->namespace, target->name, &error);
  PacConnection *guest
    = answer ? new_guest (PAC_CONNECTION (source), target->namespace, target->name, answer, &error)
             : NULL;

  if (guest)
    g_task_return_pointer (task, guest, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * pac_connection_open_guest_async:
 * @supervisor: a Supervisor connection of a user who may see the cluster
 * @namespace: (nullable): the cluster's vSphere namespace
 *
 * Logs in to the guest cluster @name through the Supervisor; the new
 * connection renews its token there.
 */
void
pac_connection_open_guest_async (PacConnection *supervisor,
                                 const char *namespace,
                                 const char *name,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = pac_connection_new_task (supervisor, cancellable, callback, user_data,
                                         pac_connection_open_guest_async);
  GuestTarget *target = g_new0 (GuestTarget, 1);

  target->namespace = g_strdup (namespace);
  target->name = g_strdup (name);
  g_task_set_task_data (task, target, (GDestroyNotify) guest_target_free);
  guest_login_async (supervisor, namespace, name, cancellable, on_guest_opened, task);
}

/* Returns: (transfer full): a connection to the guest cluster's API */
PacConnection *
pac_connection_open_guest_finish (PacConnection *supervisor, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, supervisor), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (nullable): the guest cluster this connection goes to */
const char *
pac_connection_get_guest_name (PacConnection *self)
{
  return self->guest_name;
}

static void
on_guest_relogin (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacConnection *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (JsonNode) answer = guest_login_finish (
    PAC_CONNECTION (source), result, self->guest_namespace, self->guest_name, &error);

  if (answer && take_token (self, answer, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- login ---- */

void
pac_connection_login_async (PacConnection *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task
    = pac_connection_new_task (self, cancellable, callback, user_data, pac_connection_login_async);

  switch (self->credential)
    {
      case PAC_CREDENTIAL_GUEST:
        guest_login_async (self->supervisor, self->guest_namespace, self->guest_name, cancellable,
                           on_guest_relogin, task);
        return;
      case PAC_CREDENTIAL_CERTIFICATE:
        g_task_return_boolean (task, TRUE);
        break;
      case PAC_CREDENTIAL_STATIC:
        if (self->token)
          g_task_return_boolean (task, TRUE);
        else
          g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_AUTHENTICATION, "%s",
                                   _ ("The server refused the kubeconfig's token, and Pacific "
                                      "cannot renew a token it did not issue"));
        break;
      case PAC_CREDENTIAL_WCP:
      case PAC_CREDENTIAL_VCENTER:
      default:
        g_task_set_task_data (task, g_new0 (LoginData, 1), (GDestroyNotify) login_data_free);
        start_login (task);
        return;
    }
  g_object_unref (task);
}

gboolean
pac_connection_login_finish (PacConnection *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
