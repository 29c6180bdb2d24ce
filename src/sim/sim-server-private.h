/* sim-server-private.h: what the simulated Supervisor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-guests.h"
#include "sim-service-accounts.h"
#include "sim-server.h"
#include "sim-tkc.h"
#include "sim-workloads.h"

G_BEGIN_DECLS

typedef struct
{
  char *path_prefix;
  double rate;
  guint status; /* 0: drop the connection */
} FaultRule;

struct _SimServer
{
  GObject parent_instance;

  SimServerOptions options;
  char *supervisor_version;
  char *users_file;
  char *state_file;
  char *guest_namespace;
  char *guest_name;
  char *kubernetes_version;
  SoupServer *soup;
  SoupServer *api_soup; /* the Kubernetes API's: soup, or one of its own */
  SimTls *tls;
  SimAuth *auth;
  SimStore *store;
  GPtrArray *kinds;
  guint watches_started; /* for /_sim/watches: a test waits for a client's new watch */
  char *url;             /* the Kubernetes API: a guest's, or the Supervisor's on 6443 */
  /* A Supervisor's other listeners (sim-server-listen.c) */
  char *vcenter_url;
  char *wcp_url;
  GInetSocketAddress *vcenter_address;
  GInetSocketAddress *wcp_address;
  GInetSocketAddress *api_address;
  GHashTable *namespace_hosts; /* namespace → address its API is also served on */

  guint latency_ms;
  GArray *fault_rules;
  guint save_source;
  SimTkcController *tkc_controller;
  SimGuests *guests;
  SimWorkloads *workloads;
  SimServiceAccounts *service_accounts;
  /* Guests: our own TLS listener, for client certificates (libsoup 3.2's
   * server refuses them); the verified certificate of each connection,
   * by its remote address */
  GSocketService *tls_service;
  GTlsCertificate *tls_certificate;
  GHashTable *peer_certificates;
  /* Every client's socket while it lives (no reference held): shut down
   * when the listeners close */
  GHashTable *client_sockets;
  /* Who is asking, while a write is validated (admission needs it) */
  const char *requester;
  const char *const *requester_groups;
  SoupServerMessage *requester_msg;
};

/* Which of a Supervisor's listeners a request came in on */
typedef enum
{
  SIM_LISTENER_VCENTER,
  SIM_LISTENER_WCP,
  SIM_LISTENER_API,
} SimListener;

SimListener sim_server_listener_of (SimServer *self, SoupServerMessage *msg);
void sim_server_on_request (SoupServer *server,
                            SoupServerMessage *msg,
                            const char *path,
                            GHashTable *query,
                            gpointer user_data);
void sim_server_on_request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data);
void sim_server_track_client_socket (SimServer *self, GSocket *socket);
void sim_server_close_listeners (SimServer *self);

G_END_DECLS
