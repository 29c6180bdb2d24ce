/* sim-server.c: the simulated Supervisor's listener, routing, faults and admin endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sim-server"

#include "sim-server-private.h"

#include <string.h>

#include "sim-json.h"
#include "sim-guests.h"
#include "sim-rbac.h"
#include "sim-workloads.h"
#include "sim-tkc.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_WITH_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SIM_WITH_LSAN 1
#endif
#ifdef SIM_WITH_LSAN
#include <sanitizer/lsan_interface.h>
#endif

enum
{
  SIGNAL_CLOSE_WATCHES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SimServer, sim_server, G_TYPE_OBJECT)

void
sim_respond_json (SoupServerMessage *msg, guint status, JsonObject *body)
{
  gsize length = 0;
  char *data = sim_json_object_to_string (body, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

/* A meta/v1 Status, the body of every Kubernetes API error. */
void
sim_respond_status (SoupServerMessage *msg,
                    guint code,
                    const char *reason,
                    const char *message,
                    JsonObject *details)
{
  g_autoptr (JsonObject) status = json_object_new ();

  json_object_set_string_member (status, "kind", "Status");
  json_object_set_string_member (status, "apiVersion", "v1");
  json_object_set_object_member (status, "metadata", json_object_new ());
  json_object_set_string_member (status, "status", code < 300 ? "Success" : "Failure");
  if (message)
    json_object_set_string_member (status, "message", message);
  if (reason)
    json_object_set_string_member (status, "reason", reason);
  /* kube-apiserver's not-found, forbidden, method and conflict errors always
   * carry details, empty where there is nothing to say; kubectl debug reads
   * them without looking */
  if (details)
    json_object_set_object_member (status, "details", json_object_ref (details));
  else if (code == 403 || code == 404 || code == 405 || code == 409)
    json_object_set_object_member (status, "details", json_object_new ());
  json_object_set_int_member (status, "code", code);
  sim_respond_json (msg, code, status);
}

static void schedule_save (SimServer *self);

/* The Kubernetes each Supervisor release runs (doc/simulator.md) */
static const char *
supervisor_kubernetes (const char *release)
{
  if (g_str_equal (release, "8.0u3"))
    return "v1.28.3+vmware.wcp.1";
  if (g_str_equal (release, "7.0.1"))
    return "v1.18.2+vmware.1";
  if (g_str_equal (release, "7.0.2"))
    return "v1.19.1+vmware.2";
  if (g_str_equal (release, "7.0.3"))
    return "v1.21.0+vmware.wcp.2";
  return "v1.24.9+vmware.wcp.1";
}

/* A guest cluster's API server after an upgrade */
void
sim_server_set_kubernetes_version (SimServer *self, const char *version)
{
  if (g_strcmp0 (self->kubernetes_version, version) == 0)
    return;
  g_free (self->kubernetes_version);
  self->kubernetes_version = g_strdup (version);
  self->options.kubernetes_version = self->kubernetes_version;
}

/* What /version says: a guest's release, or the Supervisor's Kubernetes */
const char *
sim_server_get_kubernetes_version (SimServer *self)
{
  return self->kubernetes_version;
}

static void
on_store_event (const SimEvent *event, gpointer user_data)
{
  schedule_save (SIM_SERVER (user_data));
}

SimServer *
sim_server_new (const SimServerOptions *options, GError **error)
{
  g_autoptr (SimServer) self = g_object_new (SIM_TYPE_SERVER, NULL);

  self->options = *options;
  self->supervisor_version = g_strdup (options->supervisor_version);
  self->users_file = g_strdup (options->users_file);
  self->state_file = g_strdup (options->state_file);
  self->options.supervisor_version = self->supervisor_version;
  self->options.users_file = self->users_file;
  self->options.state_file = self->state_file;

  self->guest_namespace = g_strdup (options->guest_namespace);
  self->guest_name = g_strdup (options->guest_name);
  self->kubernetes_version
    = g_strdup (options->supervisor ? options->kubernetes_version
                                    : supervisor_kubernetes (options->supervisor_version));
  self->options.guest_namespace = self->guest_namespace;
  self->options.guest_name = self->guest_name;
  self->options.kubernetes_version = self->kubernetes_version;
  self->store = sim_store_new (options->event_window);
  if (options->supervisor)
    {
      /* A guest: the Supervisor's CA signs its certificate, its SSO
       * tokens are accepted; the objects are its own. */
      self->options.supervisor = NULL;
      self->tls = g_object_ref (options->supervisor->tls);
      self->auth = g_object_ref (options->supervisor->auth);
      sim_register_core_kinds (self);
      sim_register_guest_kinds (self);
      return g_steal_pointer (&self);
    }
  self->tls = sim_server_new_tls (options->state_file, error);
  if (self->tls == NULL)
    return NULL;
  self->auth = sim_auth_new (options->users_file, error);
  if (self->auth == NULL)
    return NULL;
  sim_register_core_kinds (self);
  sim_register_supervisor_kinds (self);
  if (self->state_file)
    sim_store_subscribe (self->store, on_store_event, self);
  return g_steal_pointer (&self);
}

void
sim_server_set_requester (SimServer *self,
                          const char *user,
                          const char *const *groups,
                          SoupServerMessage *msg)
{
  self->requester = user;
  self->requester_groups = groups;
  self->requester_msg = msg;
}

/* Returns: (nullable): the user whose write is being validated */
const char *
sim_server_get_requester (SimServer *self, const char *const **groups)
{
  if (groups)
    *groups = self->requester_groups;
  return self->requester;
}

/* A Warning header on the answer to the write being validated */
void
sim_server_warn (SimServer *self, const char *text)
{
  g_autofree char *escaped = NULL;
  g_autofree char *value = NULL;

  if (self->requester_msg == NULL)
    return;
  escaped = g_strescape (text, NULL);
  value = g_strdup_printf ("299 - \"%s\"", escaped);
  soup_message_headers_append (soup_server_message_get_response_headers (self->requester_msg),
                               "Warning", value);
}

/* The VM Service (vSphere 7.0 Update 2 on): VM classes bound per namespace */
gboolean
sim_server_has_vm_service (SimServer *self)
{
  return !g_str_equal (self->options.supervisor_version, "7.0.1");
}

/* vSphere 8 (8.0 and its updates): namespaced images, ClusterClass clusters */
gboolean
sim_server_is_vsphere_8 (SimServer *self)
{
  return g_str_has_prefix (self->options.supervisor_version, "8.");
}

gboolean
sim_server_is_guest (SimServer *self)
{
  return self->guest_name != NULL;
}

/* The Kubernetes minor of this API server (17 for v1.17.8+vmware.1) */
guint
sim_server_kubernetes_minor (SimServer *self)
{
  const char *dot = self->kubernetes_version ? strchr (self->kubernetes_version, '.') : NULL;

  return dot ? (guint) g_ascii_strtoull (dot + 1, NULL, 10) : 0;
}

/* RBAC in a guest; the vSphere namespace roles on the Supervisor */
gboolean
sim_server_authorize (SimServer *self,
                      const char *user,
                      const char *const *groups,
                      const char *verb,
                      const char *group,
                      const char *resource,
                      const char *namespace,
                      const char *name)
{
  const SimKind *kind;

  if (sim_server_is_guest (self))
    return sim_rbac_authorize (self->store, user, groups, verb, group, resource, namespace, name);
  /* The Supervisor's catalogues may be read by anyone signed in. */
  kind = sim_server_find_resource (self, group, resource);
  return sim_auth_authorize (self->auth, user, verb, resource, namespace, name,
                             kind && kind->public_read);
}

/* A served kind of that group and resource, in any version, or %NULL */
const SimKind *
sim_server_find_resource (SimServer *self, const char *group, const char *plural)
{
  for (guint i = 0; i < self->kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (self->kinds, i);
      if (g_str_equal (kind->plural, plural) && g_str_equal (kind->group, group ? group : ""))
        return kind;
    }
  return NULL;
}

/* After the scenario or state is loaded: what runs on its own */
void
sim_server_start_controllers (SimServer *self)
{
  if (self->service_accounts == NULL)
    self->service_accounts = sim_service_accounts_new (self);
  if (sim_server_is_guest (self))
    {
      if (self->workloads == NULL)
        self->workloads = sim_workloads_new (self);
      return;
    }
  if (self->tkc_controller == NULL)
    self->tkc_controller = sim_tkc_controller_new (self, self->options.cluster_seconds);
  if (self->guests == NULL)
    self->guests = sim_guests_new (self);
}

/* The API of a running guest cluster, or %NULL */
SimServer *
sim_server_get_guest (SimServer *self, const char *namespace, const char *name)
{
  return self->guests ? sim_guests_lookup (self->guests, namespace, name) : NULL;
}

SimStore *
sim_server_get_store (SimServer *self)
{
  return self->store;
}

SimAuth *
sim_server_get_auth (SimServer *self)
{
  return self->auth;
}

SimTls *
sim_server_get_tls (SimServer *self)
{
  return self->tls;
}

const SimServerOptions *
sim_server_get_options (SimServer *self)
{
  return &self->options;
}

void
sim_server_register_kind (SimServer *self, const SimKind *kind)
{
  g_ptr_array_add (self->kinds, (gpointer) kind);
}

const SimKind *
sim_server_find_kind (SimServer *self, const char *group, const char *version, const char *plural)
{
  for (guint i = 0; i < self->kinds->len; i++)
    {
      const SimKind *kind = g_ptr_array_index (self->kinds, i);
      if (g_str_equal (kind->group, group) && g_str_equal (kind->version, version)
          && g_str_equal (kind->plural, plural))
        return kind;
    }
  return NULL;
}

GPtrArray *
sim_server_get_kinds (SimServer *self)
{
  return self->kinds;
}

gboolean
sim_server_save_state (SimServer *self, GError **error)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->state_file == NULL)
    return TRUE;
  return sim_store_save (self->store, self->state_file, error);
}

static gboolean
save_now (gpointer user_data)
{
  SimServer *self = user_data;
  g_autoptr (GError) error = NULL;

  self->save_source = 0;
  if (!sim_store_save (self->store, self->state_file, &error))
    g_warning ("saving %s: %s", self->state_file, error->message);
  return G_SOURCE_REMOVE;
}

/* Many writes in a burst make one save. */
static void
schedule_save (SimServer *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (200, save_now, self);
}

void
sim_server_close_watches (SimServer *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSE_WATCHES], 0);
}

void
sim_server_note_watch_started (SimServer *self)
{
  self->watches_started++;
}

/* ---- faults ---- */

static void
fault_rule_clear (FaultRule *rule)
{
  g_free (rule->path_prefix);
}

static void
add_fault (SimServer *self, const char *path_prefix, double rate, guint status)
{
  FaultRule rule = { g_strdup (path_prefix), rate, status };

  g_array_append_val (self->fault_rules, rule);
}

/* "PATH=RATE[:STATUS]" */
static gboolean
parse_rule (const char *text,
            gboolean with_status,
            char **path,
            double *rate,
            guint *status,
            GError **error)
{
  const char *eq = strrchr (text, '=');
  char *end = NULL;

  *status = 500;
  if (eq == NULL || eq == text)
    goto bad;
  *rate = g_ascii_strtod (eq + 1, &end);
  if (end == eq + 1 || *rate < 0 || *rate > 1)
    goto bad;
  if (with_status && *end == ':')
    *status = (guint) g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || (with_status && (*status < 400 || *status > 599)))
    goto bad;
  *path = g_strndup (text, eq - text);
  return TRUE;
bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "“%s” is not PATH=RATE%s (RATE from 0 to 1)", text, with_status ? "[:STATUS]" : "");
  return FALSE;
}

gboolean
sim_server_faults_from_flags (SimServer *self,
                              guint latency_ms,
                              const char *const *error_rules,
                              const char *const *drop_rules,
                              GError **error)
{
  self->latency_ms = latency_ms;
  for (guint i = 0; error_rules && error_rules[i]; i++)
    {
      g_autofree char *path = NULL;
      double rate;
      guint status;
      if (!parse_rule (error_rules[i], TRUE, &path, &rate, &status, error))
        return FALSE;
      add_fault (self, path, rate, status);
    }
  for (guint i = 0; drop_rules && drop_rules[i]; i++)
    {
      g_autofree char *path = NULL;
      double rate;
      guint status;
      if (!parse_rule (drop_rules[i], FALSE, &path, &rate, &status, error))
        return FALSE;
      add_fault (self, path, rate, 0);
    }
  return TRUE;
}

static JsonObject *
faults_to_json (SimServer *self)
{
  JsonObject *faults = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonArray *drops = json_array_new ();

  json_object_set_int_member (faults, "latency_ms", self->latency_ms);
  for (guint i = 0; i < self->fault_rules->len; i++)
    {
      FaultRule *rule = &g_array_index (self->fault_rules, FaultRule, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "path", rule->path_prefix);
      json_object_set_double_member (entry, "rate", rule->rate);
      if (rule->status)
        {
          json_object_set_int_member (entry, "status", rule->status);
          json_array_add_object_element (errors, entry);
        }
      else
        json_array_add_object_element (drops, entry);
    }
  json_object_set_array_member (faults, "errors", errors);
  json_object_set_array_member (faults, "drops", drops);
  return faults;
}

static gboolean
faults_from_json (SimServer *self, JsonObject *faults)
{
  JsonNode *errors = json_object_get_member (faults, "errors");
  JsonNode *drops = json_object_get_member (faults, "drops");

  g_array_set_size (self->fault_rules, 0);
  self->latency_ms = (guint) json_object_get_int_member_with_default (faults, "latency_ms", 0);
  for (int pass = 0; pass < 2; pass++)
    {
      JsonNode *list = pass == 0 ? errors : drops;
      JsonArray *array;

      if (list == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        return FALSE;
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *rule = json_array_get_object_element (array, i);
          const char *path = rule ? sim_json_get_string (rule, "path") : NULL;
          if (path == NULL)
            return FALSE;
          add_fault (
            self, path, json_object_get_double_member_with_default (rule, "rate", 1.0),
            pass == 0 ? (guint) json_object_get_int_member_with_default (rule, "status", 500) : 0);
        }
    }
  return TRUE;
}

/* Returns: %TRUE when a fault answered (or dropped) the request */
static gboolean
apply_faults (SimServer *self, SoupServerMessage *msg, const char *path)
{
  for (guint i = 0; i < self->fault_rules->len; i++)
    {
      FaultRule *rule = &g_array_index (self->fault_rules, FaultRule, i);

      if (!g_str_has_prefix (path, rule->path_prefix) || g_random_double () >= rule->rate)
        continue;
      if (rule->status == 0)
        {
          GIOStream *stream = soup_server_message_steal_connection (msg);
          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
          return TRUE;
        }
      sim_respond_status (msg, rule->status,
                          rule->status == 503 ? "ServiceUnavailable" : "InternalError",
                          "an error injected by pacific-sim", NULL);
      return TRUE;
    }
  return FALSE;
}

/* ---- admin endpoints ---- */

static gboolean
is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return G_IS_INET_SOCKET_ADDRESS (remote)
         && g_inet_address_get_is_loopback (
           g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonNode) node = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  node = length ? sim_json_parse (data, length, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* {"namespace", "name", "message"}: the cluster fails where it stands */
static void
fail_cluster (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) request = request_object (msg);
  g_autoptr (JsonObject) ok = json_object_new ();
  const char *namespace = sim_json_get_string (request, "namespace");
  const char *name = sim_json_get_string (request, "name");
  const char *message = sim_json_get_string (request, "message");

  if (namespace == NULL || name == NULL || self->tkc_controller == NULL)
    sim_respond_status (msg, 400, "BadRequest", "expected {\"namespace\", \"name\", \"message\"}",
                        NULL);
  else if (!sim_tkc_controller_fail (self->tkc_controller, namespace, name,
                                     message ? message : "failed on request"))
    sim_respond_status (msg, 404, "NotFound", "no such TanzuKubernetesCluster", NULL);
  else
    {
      json_object_set_boolean_member (ok, "ok", TRUE);
      sim_respond_json (msg, 200, ok);
    }
}

/* {"namespace", "name"} → {"<node>": ["<PEM>", …]}: what each node of a
 * guest trusts, for tests (nothing in a real API shows it) */
static void
respond_node_trust (SimServer *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) request = request_object (msg);
  const char *namespace = sim_json_get_string (request, "namespace");
  const char *name = sim_json_get_string (request, "name");
  g_autoptr (JsonObject) trust = self->guests && namespace && name
                                   ? sim_guests_node_trust (self->guests, namespace, name)
                                   : NULL;

  if (trust == NULL)
    sim_respond_status (msg, 404, "NotFound", "no running guest cluster of that name", NULL);
  else
    sim_respond_json (msg, 200, trust);
}

static gboolean
stall_main_loop (gpointer user_data)
{
  g_usleep (GPOINTER_TO_UINT (user_data) * G_USEC_PER_SEC);
  return G_SOURCE_REMOVE;
}

static void
on_stall_answered (SoupServerMessage *msg, gpointer seconds)
{
  g_idle_add_full (G_PRIORITY_HIGH, stall_main_loop, seconds, NULL);
}

/* For the tests of a stop that must stop: once the answer is out, the
 * main loop hangs for the given seconds, as a runaway computation would */
static void
stall (SoupServerMessage *msg)
{
  g_autoptr (JsonObject) body = request_object (msg);
  gint64 seconds = body ? sim_json_get_int (body, "seconds", 0) : 0;
  g_autoptr (JsonObject) ok = json_object_new ();

  if (seconds <= 0 || seconds > 3600)
    {
      sim_respond_status (msg, 400, "BadRequest", "expected {\"seconds\": 1..3600}", NULL);
      return;
    }
  json_object_set_boolean_member (ok, "ok", TRUE);
  g_signal_connect (msg, "finished", G_CALLBACK (on_stall_answered),
                    GUINT_TO_POINTER ((guint) seconds));
  sim_respond_json (msg, 200, ok);
}

static void
handle_admin (SimServer *self, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr (JsonObject) ok = json_object_new ();

  json_object_set_boolean_member (ok, "ok", TRUE);
  if (!is_loopback (msg))
    {
      sim_respond_status (msg, 403, "Forbidden", "the /_sim endpoints answer only on loopback",
                          NULL);
      return;
    }
  if (g_str_equal (path, "/_sim/faults") && g_str_equal (method, "GET"))
    {
      g_autoptr (JsonObject) faults = faults_to_json (self);
      sim_respond_json (msg, 200, faults);
    }
  else if (g_str_equal (path, "/_sim/faults") && g_str_equal (method, "POST"))
    {
      g_autoptr (JsonObject) faults = request_object (msg);
      if (faults == NULL || !faults_from_json (self, faults))
        sim_respond_status (msg, 400, "BadRequest",
                            "expected {\"latency_ms\": N, \"errors\": [{\"path\", \"rate\", "
                            "\"status\"}], \"drops\": [{\"path\", \"rate\"}]}",
                            NULL);
      else
        sim_respond_json (msg, 200, ok);
    }
  else if (g_str_equal (path, "/_sim/expire-tokens") && g_str_equal (method, "POST"))
    {
      sim_auth_expire_all (self->auth);
      sim_respond_json (msg, 200, ok);
    }
  else if (g_str_equal (path, "/_sim/compact") && g_str_equal (method, "POST"))
    {
      sim_store_compact (self->store);
      sim_respond_json (msg, 200, ok);
    }
  else if (g_str_equal (path, "/_sim/watches") && g_str_equal (method, "GET"))
    {
      g_autoptr (JsonObject) watches = json_object_new ();
      json_object_set_int_member (watches, "started", self->watches_started);
      sim_respond_json (msg, 200, watches);
    }
  else if (g_str_equal (path, "/_sim/drop-watches") && g_str_equal (method, "POST"))
    {
      sim_server_close_watches (self);
      sim_respond_json (msg, 200, ok);
    }
  else if (g_str_equal (path, "/_sim/clusters/fail") && g_str_equal (method, "POST"))
    fail_cluster (self, msg);
  else if (g_str_equal (path, "/_sim/guests/trust") && g_str_equal (method, "POST"))
    respond_node_trust (self, msg);
  else if (g_str_equal (path, "/_sim/stall") && g_str_equal (method, "POST"))
    stall (msg);
  else
    sim_respond_status (msg, 404, "NotFound", "no such /_sim endpoint", NULL);
}

/* ---- routing ---- */

typedef struct
{
  SimServer *self;
  SoupServerMessage *msg;
  char *path;
  GHashTable *query;
} Pending;

static gboolean
is_discovery_path (const char *path)
{
  g_auto (GStrv) segments = g_strsplit (path + 1, "/", -1);
  guint n = g_strv_length (segments);

  if (g_str_equal (path, "/version") || g_str_has_prefix (path, "/openapi/")
      || g_str_equal (path, "/openapi"))
    return TRUE;
  if (n == 0) /* "/" splits into nothing */
    return FALSE;
  if (g_str_equal (segments[0], "api"))
    return n <= 2;
  if (g_str_equal (segments[0], "apis"))
    return n <= 3;
  return FALSE;
}

static gboolean
is_vcenter_path (const char *path)
{
  return g_str_has_prefix (path, "/rest/") || g_str_equal (path, "/api/session")
         || g_str_has_prefix (path, "/api/vcenter/") || g_str_has_prefix (path, "/api/content/");
}

static void
respond_not_found (SoupServerMessage *msg)
{
  sim_respond_status (msg, 404, "NotFound", "the server could not find the requested resource",
                      NULL);
}

/* A Kubernetes API: a guest's, or the Supervisor's on 6443 */
static void
dispatch_api (SimServer *self, SoupServerMessage *msg, const char *path, GHashTable *query)
{
  if (is_discovery_path (path))
    sim_discovery_handle (self, msg, path);
  else if (g_str_has_prefix (path, "/api/") || g_str_has_prefix (path, "/apis/"))
    sim_api_handle (self, msg, path, query);
  else
    respond_not_found (msg);
}

/* As on real vSphere: vCenter on its own address; the Supervisor's WCP
 * (/wcp/…) on its control-plane address's port 443 and its Kubernetes
 * API on port 6443 of that address, neither answering for the other.
 * The /_sim endpoints answer on every listener (loopback only). */
static void
dispatch (SimServer *self, SoupServerMessage *msg, const char *path, GHashTable *query)
{
  if (sim_server_is_guest (self))
    dispatch_api (self, msg, path, query);
  else if (g_str_has_prefix (path, "/_sim/"))
    handle_admin (self, msg, path);
  else if (apply_faults (self, msg, path))
    return;
  else
    switch (sim_server_listener_of (self, msg))
      {
        case SIM_LISTENER_VCENTER:
          if (is_vcenter_path (path))
            sim_vcenter_handle (self, msg, path);
          else
            respond_not_found (msg);
          break;
        case SIM_LISTENER_WCP:
          if (g_str_has_prefix (path, "/wcp/"))
            sim_wcp_handle (self, msg, path);
          else
            respond_not_found (msg);
          break;
        case SIM_LISTENER_API:
        default:
          dispatch_api (self, msg, path, query);
          break;
      }
}

static gboolean
dispatch_later (gpointer user_data)
{
  Pending *pending = user_data;

  soup_server_message_unpause (pending->msg);
  dispatch (pending->self, pending->msg, pending->path, pending->query);
  g_object_unref (pending->msg);
  g_free (pending->path);
  g_clear_pointer (&pending->query, g_hash_table_unref);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

void
sim_server_on_request (SoupServer *server,
                       SoupServerMessage *msg,
                       const char *path,
                       GHashTable *query,
                       gpointer user_data)
{
  SimServer *self = user_data;
  Pending *pending;

  g_debug ("%s %s", soup_server_message_get_method (msg), path);
  if (self->latency_ms == 0 || g_str_has_prefix (path, "/_sim/"))
    {
      dispatch (self, msg, path, query);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->path = g_strdup (path);
  pending->query = query ? g_hash_table_ref (query) : NULL;
  soup_server_message_pause (msg);
  g_timeout_add (self->latency_ms, dispatch_later, pending);
}

/* libsoup 3.2 loses the connection of a keep-alive client that closes
 * while idle (fixed in 3.3, commit d20c6601). Under LeakSanitizer the
 * socket is marked as known, so that real leaks still stand out. */
void
sim_server_on_request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL)
    return;
#ifdef SIM_WITH_LSAN
  __lsan_ignore_object (socket);
#endif
  sim_server_track_client_socket (user_data, socket);
}

static void
sim_server_dispose (GObject *object)
{
  SimServer *self = SIM_SERVER (object);

  sim_server_close_watches (self);
  sim_server_close_listeners (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->guests, sim_guests_free);
  g_clear_pointer (&self->workloads, sim_workloads_free);
  g_clear_pointer (&self->service_accounts, sim_service_accounts_free);
  g_clear_pointer (&self->tkc_controller, sim_tkc_controller_free);
  G_OBJECT_CLASS (sim_server_parent_class)->dispose (object);
}

static void
sim_server_finalize (GObject *object)
{
  SimServer *self = SIM_SERVER (object);

  g_clear_object (&self->tls);
  g_clear_object (&self->auth);
  g_clear_object (&self->store);
  g_ptr_array_unref (self->kinds);
  g_array_unref (self->fault_rules);
  g_free (self->url);
  g_free (self->vcenter_url);
  g_free (self->wcp_url);
  g_clear_object (&self->vcenter_address);
  g_clear_object (&self->wcp_address);
  g_clear_object (&self->api_address);
  g_clear_pointer (&self->namespace_hosts, g_hash_table_unref);
  g_free (self->supervisor_version);
  g_free (self->users_file);
  g_free (self->state_file);
  g_free (self->guest_namespace);
  g_free (self->guest_name);
  g_free (self->kubernetes_version);
  g_hash_table_unref (self->peer_certificates);
  G_OBJECT_CLASS (sim_server_parent_class)->finalize (object);
}

static void
sim_server_class_init (SimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sim_server_dispose;
  object_class->finalize = sim_server_finalize;
  signals[SIGNAL_CLOSE_WATCHES]
    = g_signal_new ("close-watches", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);
}

static void
sim_server_init (SimServer *self)
{
  self->kinds = g_ptr_array_new ();
  self->namespace_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->peer_certificates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->fault_rules = g_array_new (FALSE, TRUE, sizeof (FaultRule));
  g_array_set_clear_func (self->fault_rules, (GDestroyNotify) fault_rule_clear);
}
