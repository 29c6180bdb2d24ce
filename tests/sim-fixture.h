/* sim-fixture.h: a running pacific-sim for tests, and a TLS client for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char *dir;
  char *url;         /* the Supervisor's WCP address: what a user types */
  char *api_url;     /* its Kubernetes API, port 6443 of that address */
  char *vcenter_url; /* vCenter, on an address and port of its own */
  char *ca_file;
  char *ca_sha256;
  SoupSession *session;
} SimFixture;

typedef struct
{
  guint status;
  JsonNode *body; /* NULL when not JSON */
  char *text;
  SoupMessageHeaders *headers;
} SimReply;

SimFixture *sim_fixture_start (const char *const *extra_args);
void sim_fixture_stop (SimFixture *fixture);
int sim_fixture_terminate (SimFixture *fixture);
char *sim_fixture_login (SimFixture *fixture, const char *user, const char *password);
SimReply *sim_fixture_request (SimFixture *fixture,
                               const char *method,
                               const char *path,
                               const char *token,
                               const char *content_type,
                               const char *body);
SimReply *sim_fixture_request_full (SimFixture *fixture,
                                    const char *method,
                                    const char *path,
                                    const char *token,
                                    const char *content_type,
                                    const char *accept,
                                    const char *body,
                                    GError **error);
void sim_reply_free (SimReply *reply);
JsonObject *sim_reply_object (SimReply *reply);
const char *sim_reply_string (SimReply *reply, const char *dotted_path);
const char *sim_fixture_sim_path (void);
SoupSession *sim_fixture_new_session (GTlsDatabase *database);
const char *sim_fixture_url_for (SimFixture *fixture, const char *path);

/* Async calls in tests: pass sim_fixture_on_done with &slot, then
 * sim_fixture_wait (&slot) runs the main loop until the result is in. */
void sim_fixture_on_done (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *sim_fixture_wait (GAsyncResult **slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimReply, sim_reply_free)

G_END_DECLS
