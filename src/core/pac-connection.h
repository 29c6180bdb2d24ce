/* pac-connection.h: one HTTPS session to a Supervisor, with its WCP token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pac-trust.h"

G_BEGIN_DECLS

#define PAC_TYPE_CONNECTION (pac_connection_get_type ())

G_DECLARE_FINAL_TYPE (PacConnection, pac_connection, PAC, CONNECTION, GObject)

/* Long-lived streams (watches) one connection keeps open at most; a few
 * more connections stay free for requests. */
#define PAC_CONNECTION_MAX_STREAMS 12
/* How often a watch without a stream lists again, by default */
#define PAC_CONNECTION_POLL_SECONDS 30
/* A Supervisor's Kubernetes API: this port of its address (doc/protocols.md) */
#define PAC_CONNECTION_API_PORT 6443

PacConnection *pac_connection_new (const char *base_url, const char *username, PacTrust *trust);
PacConnection *
pac_connection_new_vcenter (const char *base_url, const char *username, PacTrust *trust);
const char *pac_connection_get_host (PacConnection *self);
guint16 pac_connection_get_port (PacConnection *self);
SoupSession *pac_connection_get_session (PacConnection *self);
void pac_connection_set_password (PacConnection *self, const char *password);
void pac_connection_set_password_host (PacConnection *self, const char *host);
const char *pac_connection_get_username (PacConnection *self);
PacTrust *pac_connection_get_trust (PacConnection *self);
char *pac_connection_dup_url (PacConnection *self);
char *pac_connection_dup_api_url (PacConnection *self);
gint64 pac_connection_get_token_expiry (PacConnection *self);
const char *pac_connection_get_token (PacConnection *self);
gboolean pac_connection_token_is_cached (PacConnection *self);
char *pac_connection_dup_ca_pem (PacConnection *self);
void pac_connection_login_async (PacConnection *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean pac_connection_login_finish (PacConnection *self, GAsyncResult *result, GError **error);
void pac_connection_request_async (PacConnection *self,
                                   const char *method,
                                   const char *path,
                                   JsonNode *body,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
JsonNode *pac_connection_request_finish (PacConnection *self, GAsyncResult *result, GError **error);

void pac_connection_list_async (PacConnection *self,
                                const char *path,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
JsonNode *pac_connection_list_finish (PacConnection *self, GAsyncResult *result, GError **error);

/* One page's items; @from_start: the list started over (its continue
 * token expired), so what earlier pages gave is to be forgotten */
typedef void (*PacListPageFunc) (JsonArray *items, gboolean from_start, gpointer user_data);
void pac_connection_list_pages_async (PacConnection *self,
                                      const char *path,
                                      PacListPageFunc each,
                                      gpointer each_data,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean
pac_connection_list_pages_finish (PacConnection *self, GAsyncResult *result, GError **error);

void pac_connection_request_for_async (PacConnection *self,
                                       gpointer source_object,
                                       gpointer source_tag,
                                       const char *method,
                                       const char *path,
                                       JsonNode *body,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
void pac_connection_list_for_async (PacConnection *self,
                                    gpointer source_object,
                                    gpointer source_tag,
                                    const char *path,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);

SoupMessage *
pac_connection_new_signed_message (PacConnection *self, const char *method, const char *path);
gboolean pac_connection_has_fresh_token (PacConnection *self);
void pac_connection_reject_token (PacConnection *self);
GError *pac_connection_explain_transport_error (PacConnection *self, const GError *error);
gboolean pac_connection_reserve_stream (PacConnection *self);
void pac_connection_release_stream (PacConnection *self);
void pac_connection_set_max_streams (PacConnection *self, guint max_streams);
guint pac_connection_get_streams (PacConnection *self);
void pac_connection_set_poll_interval (PacConnection *self, guint seconds);
guint pac_connection_get_poll_interval (PacConnection *self);
void pac_connection_note_warnings (PacConnection *self, SoupMessage *msg);
gboolean pac_connection_is_reachable (PacConnection *self);
gint64 pac_connection_get_unreachable_since (PacConnection *self);
void pac_connection_note_reach (PacConnection *self, const GError *transport_error);
char *pac_connection_parse_warning (const char *value);

/* Guest clusters: a connection to a TKC's API with a token from the
 * Supervisor's /wcp/login, renewed there */
void pac_connection_open_guest_async (PacConnection *supervisor,
                                      const char *namespace,
                                      const char *name,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
PacConnection *
pac_connection_open_guest_finish (PacConnection *supervisor, GAsyncResult *result, GError **error);
const char *pac_connection_get_guest_name (PacConnection *self);

/* A connection from a kubeconfig's context: an admin kubeconfig's client
 * certificate, or a static token */
PacConnection *pac_connection_new_from_kubeconfig (const char *kubeconfig,
                                                   gssize length,
                                                   const char *context,
                                                   GError **error);

G_END_DECLS
