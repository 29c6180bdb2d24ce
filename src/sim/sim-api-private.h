/* sim-api-private.h: what the Kubernetes REST handlers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-selector.h"
#include "sim-server.h"

G_BEGIN_DECLS

/* One Kubernetes API request, parsed from its path. */
typedef struct
{
  SimServer *server;
  SoupServerMessage *msg;
  GHashTable *query;
  const SimKind *kind;
  char *storage_key;
  char *namespace;
  char *name;
  char *subresource;
  char *user;
  GStrv groups;
} Request;

void sim_request_clear (Request *r);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, sim_request_clear)

const char *sim_request_query (Request *r, const char *key);
gboolean sim_request_query_true (Request *r, const char *key);
char *sim_request_qualified_resource (const SimKind *kind);
JsonObject *sim_request_details (const SimKind *kind, const char *name);
void sim_request_not_found (Request *r, const SimKind *kind, const char *name);
void sim_request_bad_request (Request *r, const char *message);
void sim_request_conflict (Request *r, const char *name);
void sim_request_invalid (Request *r, const char *name, GPtrArray *causes);
void
sim_request_invalid_from (Request *r, const char *name, GPtrArray *causes, const char *webhook);
gboolean sim_request_authorize (Request *r, const char *verb, const char *name);
gboolean sim_request_is_dry_run (Request *r);
gboolean sim_request_check_dry_run (Request *r);
void sim_request_respond (Request *r, guint status, JsonObject *object);
GPtrArray *sim_request_select (Request *r,
                               SimSelector *labels,
                               SimSelector *fields,
                               const char *after,
                               guint limit,
                               gint64 *remaining);
gboolean sim_request_parse_selectors (Request *r, SimSelector **labels, SimSelector **fields);

/* Writes, in sim-api-write.c */
void sim_api_create (Request *r);
void sim_api_update (Request *r);
void sim_api_patch (Request *r);
void sim_api_delete (Request *r);
void sim_api_delete_collection (Request *r);
void sim_api_create_object (Request *r, JsonObject *object);
void
sim_api_store_update (Request *r, JsonObject *old, JsonObject *sent, gboolean unconditional_ok);
JsonObject *sim_api_lookup_existing (Request *r);

/* Server-side apply, in sim-api-apply.c */
void sim_api_apply (Request *r, const char *data, gsize length);
gboolean sim_api_is_apply (Request *r);
void sim_api_track_update (Request *r, JsonObject *old, JsonObject *stored);

/* The scale subresource, in sim-api-scale.c */
void sim_api_scale (Request *r);

G_END_DECLS
