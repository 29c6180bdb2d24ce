/* sim-server.h: the simulated vCenter and Supervisor (listening as the real
 * ones do: vCenter, WCP on 443, the Kubernetes API on 6443), or one guest
 * cluster's API; plus the loopback-only /_sim admin endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sim-auth.h"
#include "sim-kind.h"
#include "sim-store.h"
#include "sim-tls.h"

G_BEGIN_DECLS

#define SIM_TYPE_SERVER (sim_server_get_type ())

G_DECLARE_FINAL_TYPE (SimServer, sim_server, SIM, SERVER, GObject)

typedef struct
{
  const char *supervisor_version; /* 7.0.1, 7.0.2, 7.0.3, 8.0 or 8.0u3 */
  gint64 token_ttl_seconds;
  guint event_window;
  guint bookmark_seconds;
  guint namespace_finalize_ms;
  double cluster_seconds; /* a cluster's create, update or delete */
  guint large_namespaces; /* the large scenario's size */
  guint large_clusters_per_namespace;
  /* A guest cluster's API: its Supervisor (sharing CA and SSO), the TKC
   * it stands for and its Kubernetes version; NULL for a Supervisor. */
  SimServer *supervisor;
  const char *guest_namespace;
  const char *guest_name;
  const char *kubernetes_version;
  const char *users_file;
  const char *state_file;
} SimServerOptions;

/* Where a Supervisor listens */
typedef struct
{
  const char *vcenter_address;
  guint vcenter_port;                 /* 0: the kept one, or a free one */
  const char *supervisor_address;     /* NULL: the kept one, or a random 127.a.b.c */
  int wcp_port;                       /* -1: 443, or a free one where 443 cannot be bound */
  gboolean separate_api_certificate;  /* port 6443 presents another certificate than WCP */
  const char *const *namespace_hosts; /* "namespace=address": that namespace's master_host */
} SimListen;

SimServer *sim_server_new (const SimServerOptions *options, GError **error);
SimTls *sim_server_new_tls (const char *state_file, GError **error);
gboolean sim_server_listen_supervisor (SimServer *self, const SimListen *listen, GError **error);
gboolean sim_server_listen (SimServer *self, const char *address, guint port, GError **error);
char *sim_server_get_url (SimServer *self);
const char *sim_server_get_vcenter_url (SimServer *self);
const char *sim_server_get_wcp_url (SimServer *self);
char *sim_server_dup_supervisor_endpoint (SimServer *self);
char *sim_server_dup_supervisor_address (SimServer *self);
char *sim_server_dup_master_host (SimServer *self, const char *namespace);
SimStore *sim_server_get_store (SimServer *self);
SimAuth *sim_server_get_auth (SimServer *self);
SimTls *sim_server_get_tls (SimServer *self);
const SimServerOptions *sim_server_get_options (SimServer *self);
void sim_server_register_kind (SimServer *self, const SimKind *kind);
const SimKind *
sim_server_find_kind (SimServer *self, const char *group, const char *version, const char *plural);
const SimKind *sim_server_find_resource (SimServer *self, const char *group, const char *plural);
GPtrArray *sim_server_get_kinds (SimServer *self);
gboolean sim_server_save_state (SimServer *self, GError **error);
gboolean sim_server_faults_from_flags (SimServer *self,
                                       guint latency_ms,
                                       const char *const *error_rules,
                                       const char *const *drop_rules,
                                       GError **error);
void sim_server_close_watches (SimServer *self);
void sim_server_note_watch_started (SimServer *self);
void sim_server_start_controllers (SimServer *self);
gboolean sim_server_is_guest (SimServer *self);
gboolean sim_server_is_vsphere_8 (SimServer *self);
gboolean sim_server_has_vm_service (SimServer *self);
GTlsCertificate *sim_server_peer_certificate (SimServer *self, SoupServerMessage *msg);
void sim_server_set_requester (SimServer *self,
                               const char *user,
                               const char *const *groups,
                               SoupServerMessage *msg);
const char *sim_server_get_requester (SimServer *self, const char *const **groups);
void sim_server_warn (SimServer *self, const char *text);
SimServer *sim_server_get_guest (SimServer *self, const char *namespace, const char *name);
guint sim_server_kubernetes_minor (SimServer *self);
const char *sim_server_get_kubernetes_version (SimServer *self);
void sim_server_set_kubernetes_version (SimServer *self, const char *version);
gboolean sim_server_authorize (SimServer *self,
                               const char *user,
                               const char *const *groups,
                               const char *verb,
                               const char *group,
                               const char *resource,
                               const char *namespace,
                               const char *name);

/* Responses, shared by the handlers */
void sim_respond_json (SoupServerMessage *msg, guint status, JsonObject *body);
void sim_respond_status (SoupServerMessage *msg,
                         guint code,
                         const char *reason,
                         const char *message,
                         JsonObject *details);

/* The signed-in user of a Kubernetes API request (and its groups), or
 * %NULL after a 401 */
char *sim_api_authenticate (SimServer *self, SoupServerMessage *msg, GStrv *groups);
JsonObject *sim_api_request_body (SoupServerMessage *msg, GError **error);
void sim_api_delete_namespace_contents (SimServer *self, const char *namespace);

/* Handlers in their own files */
void sim_api_handle (SimServer *self, SoupServerMessage *msg, const char *path, GHashTable *query);
void sim_vcenter_handle (SimServer *self, SoupServerMessage *msg, const char *path);
void sim_wcp_handle (SimServer *self, SoupServerMessage *msg, const char *path);
void sim_discovery_handle (SimServer *self, SoupServerMessage *msg, const char *path);
void sim_watch_start (SimServer *self,
                      SoupServerMessage *msg,
                      const SimKind *kind,
                      const char *namespace,
                      GHashTable *query,
                      gboolean table);
void sim_register_core_kinds (SimServer *self);
void sim_register_supervisor_kinds (SimServer *self);
void sim_register_guest_kinds (SimServer *self);
void sim_register_namespace_access_kinds (SimServer *self);
const SimKind *sim_tkg_service_configuration_kind (SimServer *self);
gboolean sim_scenario_load (SimServer *self, const char *name, GError **error);

G_END_DECLS
