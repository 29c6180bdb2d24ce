/* test-connection.c: PacConnection and PacTrust against the simulator over TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pac-connection.h"
#include "pac-error.h"
#include "pac-secrets.h"
#include "pac-trust.h"
#include "log-capture.h"
#include "sim-fixture.h"
#include "test-deadline.h"

#define CM_PATH "/api/v1/namespaces/dev/configmaps"

static char *pin_dir;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static JsonNode *
request (PacConnection *connection, const char *path, GError **error)
{
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_connection_request_async (connection, "GET", path, NULL, NULL, on_done, &result);
  node = pac_connection_request_finish (connection, wait_for (&result), error);
  g_object_unref (result);
  return node;
}

static gboolean
login (PacConnection *connection, GError **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  pac_connection_login_async (connection, NULL, on_done, &result);
  ok = pac_connection_login_finish (connection, wait_for (&result), error);
  g_object_unref (result);
  return ok;
}

static JsonNode *
list_all (PacConnection *connection, const char *path, GError **error)
{
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_connection_list_async (connection, path, NULL, on_done, &result);
  node = pac_connection_list_finish (connection, wait_for (&result), error);
  g_object_unref (result);
  return node;
}

static PacTrust *
fresh_trust (void)
{
  g_autofree char *dir = g_build_filename (pin_dir, "pins-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  return pac_trust_new (dir);
}

static void
test_untrusted_pinned_changed (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = fresh_trust ();
  g_autoptr (PacConnection) connection
    = pac_connection_new (sim->url, "devops@vsphere.local", trust);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GTlsCertificate) rejected = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *port_arg = NULL;
  gboolean changed = TRUE;

  pac_connection_set_password (connection, "DevOps!23");
  node = request (connection, CM_PATH, &error);
  g_assert_null (node);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  rejected = pac_trust_get_rejected (trust, pac_connection_get_host (connection),
                                     pac_connection_get_port (connection), &changed);
  g_assert_nonnull (rejected);
  g_assert_false (changed);
  /* The error shows what the user is asked to trust. */
  fingerprint = pac_trust_fingerprint (rejected);
  g_assert_nonnull (strstr (error->message, fingerprint));
  g_assert_nonnull (strstr (error->message, "Subject:"));

  g_assert_true (pac_trust_pin (trust, pac_connection_get_host (connection),
                                pac_connection_get_port (connection), rejected, NULL));
  g_clear_error (&error);
  node = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "kind"), ==,
                   "ConfigMapList");

  /* Another simulator on the same address has another certificate: refused. */
  port_arg = g_strdup_printf ("--supervisor-address=%s", pac_connection_get_host (connection));
  sim_fixture_stop (sim);
  {
    const char *args[] = { port_arg, NULL };
    sim = sim_fixture_start (args);
  }
  g_clear_pointer (&node, json_node_unref);
  {
    g_autoptr (PacConnection) second = pac_connection_new (sim->url, "devops@vsphere.local", trust);
    pac_connection_set_password (second, "DevOps!23");
    node = request (second, CM_PATH, &error);
    g_assert_null (node);
    g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_CHANGED);
    g_clear_error (&error);

    /* Forgetting the pin makes it merely untrusted again. */
    g_assert_true (pac_trust_forget (trust, pac_connection_get_host (second),
                                     pac_connection_get_port (second), NULL));
    node = request (second, CM_PATH, &error);
    g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  }
  sim_fixture_stop (sim);
}

/* The Supervisor trusted once covers its API port when that presents the
 * same certificate (the default); one presenting another certificate
 * there is a second certificate to trust, on its own port, not a change */
static void
test_api_certificate_apart (void)
{
  SimFixture *sim = sim_fixture_start ((const char *const[]){ "--separate-api-certificate", NULL });
  g_autoptr (PacTrust) trust = fresh_trust ();
  g_autoptr (PacConnection) connection
    = pac_connection_new (sim->url, "devops@vsphere.local", trust);
  const char *host = pac_connection_get_host (connection);
  guint16 wcp = pac_connection_get_port (connection);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GTlsCertificate) wcp_certificate = NULL;
  g_autoptr (GTlsCertificate) api_certificate = NULL;
  gboolean changed = TRUE;

  pac_connection_set_password (connection, "DevOps!23");
  node = request (connection, CM_PATH, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  g_clear_error (&error);
  wcp_certificate = pac_trust_get_rejected (trust, host, wcp, NULL);
  g_assert_true (pac_trust_pin (trust, host, wcp, wcp_certificate, NULL));

  /* WCP signs in; the API on 6443 presents another certificate */
  node = request (connection, CM_PATH, &error);
  g_assert_null (node);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  g_clear_error (&error);
  api_certificate = pac_trust_get_rejected (trust, host, 6443, &changed);
  g_assert_nonnull (api_certificate);
  g_assert_false (changed);
  g_assert_false (g_tls_certificate_is_same (api_certificate, wcp_certificate));

  g_assert_true (pac_trust_pin (trust, host, 6443, api_certificate, NULL));
  node = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  sim_fixture_stop (sim);
}

static void
test_anchor (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = fresh_trust ();
  g_autoptr (PacConnection) connection
    = pac_connection_new (sim->url, "devops@vsphere.local", trust);
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  /* A Supervisor's tls_endpoint_certificate (here: the simulator's CA) as an extra anchor. */
  pac_trust_add_anchor (trust, pac_connection_get_host (connection),
                        pac_connection_get_port (connection), ca);
  pac_connection_set_password (connection, "DevOps!23");
  node = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  sim_fixture_stop (sim);
}

/* A name the certificate does not name was refused as "not trusted",
 * which sends the user to trust it; the real reason is the name. The
 * simulator's server certificate (from its --state identity) checked as
 * a handshake with "wrong.example" would check it. */
static void
test_wrong_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pacific-wrong-name-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *state_arg = g_strdup_printf ("--state=%s", state);
  g_autofree char *identity_path = g_strconcat (state, ".identity", NULL);
  const char *args[] = { state_arg, "--scenario=empty", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacTrust) trust = fresh_trust ();
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GTlsCertificate) server = NULL;
  g_autoptr (GSocketConnectable) wrong = g_network_address_new ("wrong.example", 443);
  g_autoptr (GSocketConnectable) right = g_network_address_new ("localhost", 443);
  g_autoptr (GError) tls_error
    = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "Unacceptable");
  g_autoptr (GError) explained = NULL;
  GTlsCertificateFlags flags;

  g_assert_true (json_parser_load_from_file (parser, identity_path, NULL));
  server = g_tls_certificate_new_from_pem (
    json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "server"),
    -1, NULL);
  g_assert_nonnull (server);
  pac_trust_add_anchor (trust, "wrong.example", 443, ca);
  pac_trust_add_anchor (trust, "localhost", 443, ca);
  g_assert_cmpint (g_tls_database_verify_chain (G_TLS_DATABASE (trust), server,
                                                G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, right,
                                                NULL, 0, NULL, NULL),
                   ==, 0);
  flags = g_tls_database_verify_chain (G_TLS_DATABASE (trust), server,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, wrong, NULL, 0,
                                       NULL, NULL);
  g_assert_cmpint (flags, ==, G_TLS_CERTIFICATE_BAD_IDENTITY);
  explained = pac_trust_explain_error (trust, "wrong.example", 443, tls_error);
  g_assert_error (explained, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED);
  g_test_message ("%s", explained->message);
  g_assert_nonnull (
    strstr (explained->message, "wrong.example is not issued for that name: it names localhost"));
  g_assert_nonnull (strstr (explained->message, "127.0.0.1"));
  sim_fixture_stop (sim);
  g_unlink (state);
  g_unlink (identity_path);
  g_rmdir (dir);
}

static PacConnection *
trusted_connection (SimFixture *sim, const char *user, PacTrust **trust_out)
{
  PacTrust *trust = fresh_trust ();
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  PacConnection *connection = pac_connection_new (sim->url, user, trust);

  pac_trust_add_anchor (trust, pac_connection_get_host (connection),
                        pac_connection_get_port (connection), ca);
  *trust_out = trust;
  return connection;
}

static void
test_wrong_password (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;

  pac_connection_set_password (connection, "wrong");
  g_assert_false (login (connection, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
  /* The server's own words. */
  g_assert_cmpstr (error->message, ==, "Invalid username or password");
  sim_fixture_stop (sim);
}

static void
test_errors_from_server (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) missing = NULL;
  g_autoptr (GError) forbidden = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;

  pac_connection_set_password (connection, "DevOps!23");
  a = request (connection, CM_PATH "/nope", &missing);
  b = request (connection, "/api/v1/namespaces/prod/secrets", &forbidden);
  g_assert_error (missing, PAC_ERROR, PAC_ERROR_NOT_FOUND);
  g_assert_cmpstr (missing->message, ==, "configmaps \"nope\" not found");
  g_assert_error (forbidden, PAC_ERROR, PAC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (forbidden->message, "cannot list resource \"secrets\""));
  sim_fixture_stop (sim);
}

/* Reads are tried three times (100 ms, then 200 ms apart) before the error. */
static void
test_read_retries (void)
{
  const char *args[] = { "--error-rate=/api/v1/namespaces/test=1:503", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) login_first = NULL;
  gint64 started;

  pac_connection_set_password (connection, "DevOps!23");
  login_first = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  node = request (connection, "/api/v1/namespaces/test/configmaps", &error);
  g_assert_null (node);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_SERVER);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);
  sim_fixture_stop (sim);
}

static void
test_token_renewal (void)
{
  const char *args[] = { "--token-ttl=3", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (JsonNode) third = NULL;
  g_autoptr (SimReply) expire = NULL;
  gint64 expiry;

  pac_connection_set_password (connection, "DevOps!23");
  first = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  expiry = pac_connection_get_token_expiry (connection);
  g_assert_cmpint (expiry, >, 0);

  /* Past "exp": a new login before the request, not a failed request.
   * Waits for the clock to pass the token's own expiry, however busy the
   * machine is */
  while (g_get_real_time () / G_USEC_PER_SEC <= expiry)
    g_usleep (50000);
  second = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pac_connection_get_token_expiry (connection), >, expiry);

  /* Revoked on the server: the 401 leads to one more login. */
  expire = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, "{}");
  g_assert_cmpuint (expire->status, ==, 200);
  third = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  sim_fixture_stop (sim);
}

static void
test_password_from_keyring (void)
{
  SimFixture *sim;
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run inside build-aux/test-session");
      return;
    }
  sim = sim_fixture_start (NULL);
  connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_assert_true (pac_secrets_store_sync (PAC_SECRET_PASSWORD, pac_connection_get_host (connection),
                                         pac_connection_get_port (connection),
                                         "devops@vsphere.local", "DevOps!23", NULL, &error));
  g_assert_no_error (error);
  node = request (connection, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  pac_secrets_clear_sync (PAC_SECRET_PASSWORD, pac_connection_get_host (connection),
                          pac_connection_get_port (connection), "devops@vsphere.local", NULL, NULL);
  sim_fixture_stop (sim);
}

static void
test_list_pages (void)
{
  const char *args[] = { "--scenario=large", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;
  JsonObject *object;

  pac_connection_set_password (connection, "DevOps!23");
  list = list_all (connection, CM_PATH, &error);
  g_assert_no_error (error);
  object = json_node_get_object (list);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==,
                    5001);
  g_assert_false (
    json_object_has_member (json_object_get_object_member (object, "metadata"), "continue"));
  sim_fixture_stop (sim);
}

typedef struct
{
  SimFixture *sim;
  char *token;
  guint items;
  guint pages;
  guint restarts;
} PageCount;

/* After the first page: a write, then the server forgets its history, so
 * that the next page's continue token is too old (410) */
static void
count_page (JsonArray *items, gboolean from_start, gpointer user_data)
{
  PageCount *count = user_data;

  if (from_start)
    {
      count->items = 0;
      count->restarts++;
    }
  count->items += json_array_get_length (items);
  if (++count->pages == 1)
    {
      g_autoptr (SimReply) write = sim_fixture_request (
        count->sim, "POST", "/api/v1/namespaces/test/configmaps", count->token, NULL,
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");
      g_autoptr (SimReply) compact
        = sim_fixture_request (count->sim, "POST", "/_sim/compact", NULL, NULL, "{}");

      g_assert_cmpuint (write->status, ==, 201);
      g_assert_cmpuint (compact->status, ==, 200);
    }
}

/* Page by page: every item once, even when the list had to start over */
static void
test_list_page_by_page (void)
{
  const char *args[] = { "--scenario=large", NULL };
  SimFixture *sim = sim_fixture_start (args);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  PageCount count = { sim, sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23") };

  pac_connection_set_password (connection, "DevOps!23");
  pac_connection_list_pages_async (connection, CM_PATH, count_page, &count, NULL, on_done, &result);
  g_assert_true (pac_connection_list_pages_finish (connection, wait_for (&result), &error));
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (count.restarts, ==, 1);
  g_assert_cmpuint (count.items, ==, 5001);
  g_assert_cmpuint (count.pages, ==, 1 + 11);
  g_free (count.token);
  sim_fixture_stop (sim);
}

static void
test_cancelled (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_connection_set_password (connection, "DevOps!23");
  g_cancellable_cancel (cancellable);
  pac_connection_request_async (connection, "GET", CM_PATH, NULL, cancellable, on_done, &result);
  node = pac_connection_request_finish (connection, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (node);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CANCELLED);
  sim_fixture_stop (sim);
}

/* A login caches its token in the keyring; the next process uses it
 * without the password, and never again once the server refused it. */
static void
test_token_cache (void)
{
  SimFixture *sim;
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) first = NULL;
  g_autoptr (PacConnection) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  g_autoptr (JsonNode) c = NULL;
  g_autoptr (SimReply) expire = NULL;
  char *cached = NULL;
  const char *host;
  guint16 port;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: run inside build-aux/test-session");
      return;
    }
  sim = sim_fixture_start (NULL);
  first = trusted_connection (sim, "viewer@vsphere.local", &trust);
  host = pac_connection_get_host (first);
  port = pac_connection_get_port (first);
  pac_secrets_clear_sync (PAC_SECRET_TOKEN, host, port, "viewer@vsphere.local", NULL, NULL);
  g_assert_true (pac_secrets_store_sync (PAC_SECRET_PASSWORD, host, port, "viewer@vsphere.local",
                                         "Viewer!23", NULL, NULL));
  a = request (first, CM_PATH, &error);
  g_assert_no_error (error);
  for (gint64 deadline = test_deadline (5); cached == NULL && test_before (deadline);)
    {
      test_pause_ms (10);
      cached = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, host, port, "viewer@vsphere.local", NULL,
                                        NULL);
    }
  g_assert_nonnull (cached);
  secret_password_free (cached);

  /* No password any more: the cached token carries the next connection. */
  pac_secrets_clear_sync (PAC_SECRET_PASSWORD, host, port, "viewer@vsphere.local", NULL, NULL);
  second = pac_connection_new (sim->url, "viewer@vsphere.local", trust);
  b = request (second, CM_PATH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);

  /* Revoked: the cached token is not tried again, and without a password that is the end. */
  expire = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, "{}");
  c = request (second, CM_PATH, &error);
  g_assert_null (c);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "No password is stored"));
  pac_secrets_clear_sync (PAC_SECRET_TOKEN, host, port, "viewer@vsphere.local", NULL, NULL);
  sim_fixture_stop (sim);
}

/* Headless: the password from PACIFIC_PASSWORD, when the keyring has none. */
static void
test_password_from_environment (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection
    = trusted_connection (sim, "administrator@vsphere.local", &trust);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_setenv ("PACIFIC_PASSWORD", "Admin!23", TRUE);
  node = request (connection, "/api/v1/namespaces", &error);
  g_unsetenv ("PACIFIC_PASSWORD");
  g_assert_no_error (error);
  g_assert_nonnull (node);
  pac_secrets_clear_sync (PAC_SECRET_TOKEN, pac_connection_get_host (connection),
                          pac_connection_get_port (connection), "administrator@vsphere.local", NULL,
                          NULL);
  sim_fixture_stop (sim);
}

/* A whole login with the HTTP log on: neither the password nor the token may show. */
static void
test_debug_log_redacted (void)
{
  SimFixture *sim = sim_fixture_start (NULL);
  g_autoptr (PacTrust) trust = NULL;
  g_autoptr (PacConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *token = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autofree char *token_payload = NULL;
  g_autofree char *log = NULL;

  log_capture_start ("pac-http");
  connection = trusted_connection (sim, "devops@vsphere.local", &trust);
  pac_connection_set_password (connection, "DevOps!23");
  node = request (connection, CM_PATH, &error);
  log = log_capture_stop ();
  g_assert_no_error (error);

  g_assert_nonnull (strstr (log, "/wcp/login"));
  g_assert_nonnull (strstr (log, "[redacted]"));
  g_assert_null (strstr (log, "DevOps!23"));
  /* Base64 of "devops@vsphere.local:DevOps!23", as Basic authentication sends it */
  g_assert_null (strstr (log, "ZGV2b3BzQHZzcGhlcmUubG9jYWw6RGV2T3BzITIz"));
  /* No JWT at all: every token starts with the same header. */
  token_payload = g_strndup (token, strchr (token, '.') - token);
  g_assert_null (strstr (log, token_payload));
  sim_fixture_stop (sim);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  log_capture_install ();
  pin_dir = g_dir_make_tmp ("pacific-pins-XXXXXX", NULL);

  g_test_add_func ("/connection/untrusted-pinned-changed", test_untrusted_pinned_changed);
  g_test_add_func ("/connection/api-certificate-apart", test_api_certificate_apart);
  g_test_add_func ("/connection/anchor", test_anchor);
  g_test_add_func ("/connection/wrong-name", test_wrong_name);
  g_test_add_func ("/connection/wrong-password", test_wrong_password);
  g_test_add_func ("/connection/errors-from-server", test_errors_from_server);
  g_test_add_func ("/connection/token-renewal", test_token_renewal);
  g_test_add_func ("/connection/read-retries", test_read_retries);
  g_test_add_func ("/connection/list-pages", test_list_pages);
  g_test_add_func ("/connection/list-page-by-page", test_list_page_by_page);
  g_test_add_func ("/connection/cancelled", test_cancelled);
  g_test_add_func ("/connection/token-cache", test_token_cache);
  g_test_add_func ("/connection/password-from-environment", test_password_from_environment);
  g_test_add_func ("/connection/password-from-keyring", test_password_from_keyring);
  g_test_add_func ("/connection/debug-log-redacted", test_debug_log_redacted);

  status = g_test_run ();
  g_free (pin_dir);
  return status;
}
