/* test-registry-trust.c: a registry's root CA reaching guest cluster
 * nodes by each route, against simulated Supervisors 7.0.1, 7.0.2 and 8.0;
 * what the nodes trust is read back through the simulator's /_sim
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-registry-ca.h"
#include "pac-registry-daemon-set.h"
#include "pac-registry-trust.h"
#include "sim-connection.h"
#include "sim-fixture.h"
#include "test-deadline.h"

static SimFixture *sim_701;
static SimFixture *sim_702;
static SimFixture *sim_8;

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Another simulator's CA serves as the registry's: a real root */
static PacRegistryCa *
registry_ca (SimFixture *issuer, const char *name)
{
  g_autofree char *pem = read_text (issuer->ca_file);
  g_autoptr (GError) error = NULL;
  PacRegistryCa *ca = pac_registry_ca_new (name, pem, &error);

  g_assert_no_error (error);
  return ca;
}

static PacRegistryTrust *
trust_for (SimFixture *sim, const char *user, const char *password)
{
  g_autoptr (PacSupervisorClient) client = sim_supervisor_client_new (sim, user, password);
  g_autoptr (PacCapabilities) capabilities = sim_supervisor_discover (client);

  return pac_registry_trust_new (client, capabilities);
}

/* Returns: whether it changed anything; fails the test on an error */
static gboolean
add (PacRegistryTrust *trust,
     PacRegistryRoute route,
     const PacRegistryCa *ca,
     const char *namespace,
     const char *cluster)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  pac_registry_trust_add_async (trust, route, ca, namespace, cluster, NULL, sim_fixture_on_done,
                                &result);
  pac_registry_trust_change_finish (trust, sim_fixture_wait (&result), &changed, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return changed;
}

static gboolean
remove_ca (PacRegistryTrust *trust,
           PacRegistryRoute route,
           const char *name,
           const char *namespace,
           const char *cluster)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  pac_registry_trust_remove_async (trust, route, name, namespace, cluster, NULL,
                                   sim_fixture_on_done, &result);
  pac_registry_trust_change_finish (trust, sim_fixture_wait (&result), &changed, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return changed;
}

static GPtrArray *
status (PacRegistryTrust *trust, const char *namespace, const char *cluster)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *entries;

  pac_registry_trust_status_async (trust, namespace, cluster, NULL, sim_fixture_on_done, &result);
  entries = pac_registry_trust_status_finish (trust, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return entries;
}

static PacRegistryEntry *
find_entry (GPtrArray *entries, const char *name, PacRegistryRoute route)
{
  for (guint i = 0; i < entries->len; i++)
    {
      PacRegistryEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->name, name) && entry->route == route)
        return entry;
    }
  return NULL;
}

/* Like find_entry(), but the entry must be there */
static PacRegistryEntry *
get_entry (GPtrArray *entries, const char *name, PacRegistryRoute route)
{
  PacRegistryEntry *entry = find_entry (entries, name, route);

  if (entry == NULL)
    g_error ("no entry %s by route %s", name, pac_registry_route_to_string (route));
  return entry;
}

/* The simulator's view: how many of the cluster's nodes trust @ca, of how many */
static guint
nodes_trusting (SimFixture *sim,
                const char *namespace,
                const char *cluster,
                const PacRegistryCa *ca,
                guint *total)
{
  g_autofree char *body
    = g_strdup_printf ("{\"namespace\":\"%s\",\"name\":\"%s\"}", namespace, cluster);
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "POST", "/_sim/guests/trust", NULL, NULL, body);
  JsonObject *nodes = sim_reply_object (reply);
  g_autoptr (GList) names = NULL;
  g_autofree char *wanted = g_strstrip (g_strdup (ca->pem));
  guint count = 0;

  g_assert_cmpuint (reply->status, ==, 200);
  names = json_object_get_members (nodes);
  *total = g_list_length (names);
  for (GList *l = names; l; l = l->next)
    {
      JsonArray *pems = json_object_get_array_member (nodes, l->data);
      gboolean trusts = FALSE;
      for (guint i = 0; i < json_array_get_length (pems); i++)
        {
          g_autofree char *pem = g_strstrip (g_strdup (json_array_get_string_element (pems, i)));
          trusts |= g_str_equal (pem, wanted);
        }
      count += trusts;
    }
  return count;
}

/* Runs the main loop until every node trusts @ca (or fails after 40 s) */
static guint
wait_all_trust (SimFixture *sim,
                const char *namespace,
                const char *cluster,
                const PacRegistryCa *ca)
{
  guint total = 0;
  guint count = 0;

  for (gint64 deadline = test_deadline (40); test_before (deadline); test_pause_ms (250))
    {
      count = nodes_trusting (sim, namespace, cluster, ca, &total);
      if (total > 0 && count == total)
        return total;
    }
  g_test_message ("%s/%s: %u of %u nodes trust the CA", namespace, cluster, count, total);
  g_assert_not_reached ();
  return 0;
}

static JsonObject *
get_object (SimFixture *sim, const char *path)
{
  g_autofree char *token = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) reply = sim_fixture_request (sim, "GET", path, token, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_ref (sim_reply_object (reply));
}

static guint
list_length (JsonObject *object, const char *path)
{
  JsonArray *list = pac_json_array (object, path);

  return list ? json_array_get_length (list) : 0;
}

static void
merge_patch (SimFixture *sim, const char *path, const char *patch)
{
  g_autofree char *token = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "PATCH", path, token, "application/merge-patch+json", patch);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* ---- the certificate ---- */

static void
test_ca_parse (void)
{
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_8, "harbor-ca");
  g_autofree char *fingerprint = pac_registry_ca_get_fingerprint (ca);
  g_autofree char *compact = NULL;
  g_autofree char *data = pac_registry_ca_get_data (ca);
  g_autoptr (PacRegistryCa) from_base64 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = pac_registry_ca_describe (ca);
  g_autofree char *suggested = pac_registry_ca_suggest_name ("https://Harbor.Example.com:8443/x");

  g_assert_true (pac_registry_ca_is_self_signed (ca));
  g_assert_false (pac_registry_ca_is_expired (ca));
  compact = g_strdup (fingerprint);
  {
    GString *hex = g_string_new (NULL);
    for (const char *p = fingerprint; *p; p++)
      if (*p != ':')
        g_string_append_c (hex, g_ascii_tolower (*p));
    g_free (compact);
    compact = g_string_free (hex, FALSE);
  }
  {
    GString *expected = g_string_new (NULL);
    for (const char *p = sim_8->ca_sha256; *p; p++)
      if (*p != ':')
        g_string_append_c (expected, g_ascii_tolower (*p));
    g_assert_cmpstr (compact, ==, expected->str);
    g_string_free (expected, TRUE);
  }
  g_assert_nonnull (strstr (description, "SHA-256"));
  g_assert_cmpstr (suggested, ==, "harbor-example-com-ca");

  /* base64 of the PEM, and the PEM in prose, give the same data */
  from_base64 = pac_registry_ca_new ("harbor-ca", data, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = pac_registry_ca_get_data (from_base64);
    g_autofree char *prose = g_strdup_printf ("Our CA:\r\n%s\r\nthanks", ca->pem);
    g_autoptr (PacRegistryCa) from_prose = pac_registry_ca_new ("harbor-ca", prose, &error);
    g_autofree char *third = NULL;
    g_assert_no_error (error);
    third = pac_registry_ca_get_data (from_prose);
    g_assert_cmpstr (again, ==, data);
    g_assert_cmpstr (third, ==, data);
  }

  g_assert_null (pac_registry_ca_new ("Harbor_CA", ca->pem, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pac_registry_ca_new ("-harbor", ca->pem, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pac_registry_ca_new ("harbor-ca", "not a certificate", &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
}

/* The server certificate itself is not a root: it says so */
static void
test_ca_leaf_is_not_self_signed (void)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", sim_8->url);
  g_autoptr (GBytes) body = soup_session_send_and_read (sim_8->session, msg, NULL, NULL);
  GTlsCertificate *leaf = soup_message_get_tls_peer_certificate (msg);
  g_autofree char *pem = NULL;
  g_autoptr (PacRegistryCa) ca = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (body);
  g_assert_nonnull (leaf);
  g_object_get (leaf, "certificate-pem", &pem, NULL);
  ca = pac_registry_ca_new ("leaf", pem, &error);
  g_assert_no_error (error);
  g_assert_false (pac_registry_ca_is_self_signed (ca));
}

static char *
fetch (const char *url, PacRegistryCaOrigin *origin, GError **error)
{
  GAsyncResult *result = NULL;
  char *pem;

  pac_registry_ca_fetch_async (url, NULL, sim_fixture_on_done, &result);
  pem = pac_registry_ca_fetch_finish (sim_fixture_wait (&result), origin, error);
  g_object_unref (result);
  return pem;
}

/* A registry that is not Harbor: the handshake's last certificate, the root */
static void
test_ca_fetch (void)
{
  PacRegistryCaOrigin origin = PAC_REGISTRY_CA_FROM_HARBOR;
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = fetch (sim_8->url, &origin, &error);
  g_autoptr (PacRegistryCa) fetched = NULL;
  g_autoptr (PacRegistryCa) expected = registry_ca (sim_8, "expected");

  g_assert_no_error (error);
  g_assert_cmpint (origin, ==, PAC_REGISTRY_CA_FROM_HANDSHAKE);
  fetched = pac_registry_ca_new ("fetched", pem, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched->pem, ==, expected->pem);

  g_free (fetch ("http://registry.example.com", NULL, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  /* nothing listens on port 1 */
  g_free (fetch ("https://127.0.0.1:1", NULL, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_NETWORK);
}

/* ---- a Harbor that hands out its CA ---- */

typedef struct
{
  SoupServer *server;
  char *url;
  char *dir;
  char *served; /* getcert's answer; NULL: 404, as another registry */
} Harbor;

static void
on_harbor_request (SoupServer *server,
                   SoupServerMessage *msg,
                   const char *path,
                   GHashTable *query,
                   gpointer user_data)
{
  Harbor *harbor = user_data;

  if (g_str_equal (path, "/api/v2.0/systeminfo/getcert") && harbor->served)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                        harbor->served, strlen (harbor->served));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* A TLS server with a certificate openssl makes for it; %NULL without openssl */
static Harbor *
harbor_start (const char *served)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  Harbor *harbor;
  g_autofree char *key = NULL;
  g_autofree char *cert = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GSubprocess) make = NULL;
  GSList *listeners;

  if (openssl == NULL)
    return NULL;
  harbor = g_new0 (Harbor, 1);
  harbor->dir = g_dir_make_tmp ("pacific-harbor-XXXXXX", &error);
  g_assert_no_error (error);
  key = g_build_filename (harbor->dir, "key.pem", NULL);
  cert = g_build_filename (harbor->dir, "cert.pem", NULL);
  make = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                           "-subj", "/CN=harbor.test", "-days", "2", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (make, NULL, &error));
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  harbor->served = g_strdup (served);
  harbor->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (harbor->server, NULL, on_harbor_request, harbor, NULL);
  g_assert_true (soup_server_listen_local (
    harbor->server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  listeners = soup_server_get_listeners (harbor->server);
  {
    g_autoptr (GSocketAddress) local = g_socket_get_local_address (listeners->data, &error);
    g_assert_no_error (error);
    harbor->url = g_strdup_printf ("https://127.0.0.1:%u",
                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  }
  g_slist_free (listeners);
  return harbor;
}

static void
harbor_stop (Harbor *harbor)
{
  g_autoptr (GDir) dir = g_dir_open (harbor->dir, 0, NULL);
  const char *name;

  soup_server_disconnect (harbor->server);
  g_object_unref (harbor->server);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (harbor->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (harbor->dir);
  g_free (harbor->dir);
  g_free (harbor->url);
  g_free (harbor->served);
  g_free (harbor);
}

/* Harbor's getcert wins over the handshake; without it, the handshake */
static void
test_ca_fetch_harbor (void)
{
  g_autoptr (PacRegistryCa) root = registry_ca (sim_701, "root");
  Harbor *harbor = harbor_start (root->pem);
  Harbor *other = NULL;
  PacRegistryCaOrigin origin = PAC_REGISTRY_CA_FROM_HANDSHAKE;
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *own = NULL;
  g_autoptr (PacRegistryCa) fetched = NULL;
  g_autoptr (PacRegistryCa) handshake = NULL;

  if (harbor == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  pem = fetch (harbor->url, &origin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (origin, ==, PAC_REGISTRY_CA_FROM_HARBOR);
  fetched = pac_registry_ca_new ("fetched", pem, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched->pem, ==, root->pem);

  other = harbor_start (NULL);
  own = fetch (other->url, &origin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (origin, ==, PAC_REGISTRY_CA_FROM_HANDSHAKE);
  handshake = pac_registry_ca_new ("handshake", own, &error);
  g_assert_no_error (error);
  /* openssl's -x509 certificate is its own root */
  g_assert_true (pac_registry_ca_is_self_signed (handshake));
  g_assert_cmpstr (handshake->pem, !=, root->pem);
  harbor_stop (other);
  harbor_stop (harbor);
}

/* ---- routes ---- */

static void
test_routes_offered (void)
{
  struct
  {
    SimFixture **sim;
    gboolean cluster, global;
  } cases[] = { { &sim_701, FALSE, FALSE }, { &sim_702, FALSE, TRUE }, { &sim_8, TRUE, TRUE } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PacSupervisorClient) client
        = sim_supervisor_client_new (*cases[i].sim, "administrator@vsphere.local", "Admin!23");
      g_autoptr (PacCapabilities) capabilities = sim_supervisor_discover (client);
      const char *why = NULL;

      g_assert_cmpint (pac_registry_route_offered (PAC_REGISTRY_ROUTE_CLUSTER, capabilities, &why),
                       ==, cases[i].cluster);
      g_assert_true (cases[i].cluster ? why == NULL : why != NULL);
      g_assert_cmpint (pac_registry_route_offered (PAC_REGISTRY_ROUTE_GLOBAL, capabilities, &why),
                       ==, cases[i].global);
      g_assert_true (
        pac_registry_route_offered (PAC_REGISTRY_ROUTE_DAEMON_SET, capabilities, &why));
    }
}

/* ---- 8.0: per cluster, two clusters at once ---- */

static void
on_added (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *changed_count = user_data;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  pac_registry_trust_change_finish (PAC_REGISTRY_TRUST (source), result, &changed, &error);
  g_assert_no_error (error);
  changed_count[0] += changed;
  changed_count[1]++;
}

static guint
add_to_both (PacRegistryTrust *trust, const PacRegistryCa *ca)
{
  guint counts[2] = { 0, 0 }; /* changed, finished */

  pac_registry_trust_add_async (trust, PAC_REGISTRY_ROUTE_CLUSTER, ca, "dev", "dev-cluster-01",
                                NULL, on_added, counts);
  pac_registry_trust_add_async (trust, PAC_REGISTRY_ROUTE_CLUSTER, ca, "test", "qa-cluster", NULL,
                                on_added, counts);
  while (counts[1] < 2)
    g_main_context_iteration (NULL, TRUE);
  return counts[0];
}

static void
test_cluster_route (void)
{
  g_autoptr (PacRegistryTrust) trust = trust_for (sim_8, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_701, "harbor-ca");
  g_autoptr (PacRegistryCa) renewed = registry_ca (sim_702, "harbor-ca");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (JsonObject) tkc = NULL;
  PacRegistryEntry *entry;
  guint total;

  g_assert_cmpuint (add_to_both (trust, ca), ==, 2);
  g_assert_cmpuint (add_to_both (trust, ca), ==, 0);
  total = wait_all_trust (sim_8, "dev", "dev-cluster-01", ca);
  g_assert_cmpuint (wait_all_trust (sim_8, "test", "qa-cluster", ca), >, 0);

  /* Every node is one built after the change: all trust it */
  entries = status (trust, "dev", "dev-cluster-01");
  entry = get_entry (entries, "harbor-ca", PAC_REGISTRY_ROUTE_CLUSTER);
  g_assert_cmpuint (g_strv_length (entry->trusting), ==, total);
  g_assert_cmpuint (g_strv_length (entry->waiting), ==, 0);

  /* A renewed certificate replaces the entry of its name */
  g_assert_true (add (trust, PAC_REGISTRY_ROUTE_CLUSTER, renewed, "dev", "dev-cluster-01"));
  tkc = get_object (sim_8, "/apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/"
                           "tanzukubernetesclusters/dev-cluster-01");
  g_assert_cmpuint (list_length (tkc, "spec.settings.network.trust.additionalTrustedCAs"), ==, 1);
  wait_all_trust (sim_8, "dev", "dev-cluster-01", renewed);

  g_assert_true (
    remove_ca (trust, PAC_REGISTRY_ROUTE_CLUSTER, "harbor-ca", "dev", "dev-cluster-01"));
  g_assert_false (
    remove_ca (trust, PAC_REGISTRY_ROUTE_CLUSTER, "harbor-ca", "dev", "dev-cluster-01"));
}

/* ---- 7.0.2: the Supervisor-wide list ---- */

static void
test_global_route (void)
{
  g_autoptr (PacRegistryTrust) trust
    = trust_for (sim_702, "administrator@vsphere.local", "Admin!23");
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_8, "harbor-ca");
  g_autoptr (JsonObject) config = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  PacRegistryEntry *entry;
  guint total = 0;

  g_assert_true (add (trust, PAC_REGISTRY_ROUTE_GLOBAL, ca, NULL, NULL));
  g_assert_false (add (trust, PAC_REGISTRY_ROUTE_GLOBAL, ca, NULL, NULL));
  config = get_object (sim_702, "/apis/run.tanzu.vmware.com/v1alpha1/tkgserviceconfigurations/"
                                "tkg-service-configuration");
  g_assert_cmpuint (list_length (config, "spec.trust.additionalTrustedCAs"), ==, 1);

  /* Existing nodes were built without it: they wait for a rolling update */
  g_assert_cmpuint (nodes_trusting (sim_702, "dev", "dev-cluster-01", ca, &total), ==, 0);
  before = status (trust, "dev", "dev-cluster-01");
  entry = get_entry (before, "harbor-ca", PAC_REGISTRY_ROUTE_GLOBAL);
  g_assert_cmpuint (g_strv_length (entry->trusting), ==, 0);
  g_assert_cmpuint (g_strv_length (entry->waiting), ==, total);

  /* A rolling update (another VM class) builds nodes that trust it */
  merge_patch (sim_702,
               "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/dev/tanzukubernetesclusters/"
               "dev-cluster-01",
               "{\"spec\":{\"topology\":{\"controlPlane\":{\"class\":\"best-effort-xsmall\"},"
               "\"workers\":{\"class\":\"best-effort-xsmall\"}}}}");
  total = wait_all_trust (sim_702, "dev", "dev-cluster-01", ca);
  after = status (trust, "dev", "dev-cluster-01");
  entry = get_entry (after, "harbor-ca", PAC_REGISTRY_ROUTE_GLOBAL);
  g_assert_cmpuint (g_strv_length (entry->trusting), ==, total);

  g_assert_true (remove_ca (trust, PAC_REGISTRY_ROUTE_GLOBAL, "harbor-ca", NULL, NULL));
}

/* ---- 7.0.1: only the DaemonSet ---- */

static void
test_daemon_set_route (void)
{
  g_autoptr (PacRegistryTrust) trust
    = trust_for (sim_701, "administrator@vsphere.local", "Admin!23");
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_8, "harbor-ca");
  g_autoptr (PacRegistryCa) other = registry_ca (sim_702, "other-ca");
  g_autoptr (GPtrArray) entries = NULL;
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacRegistryEntry *entry;
  guint total, grown;

  /* The per-cluster route is refused with the reason */
  pac_registry_trust_add_async (trust, PAC_REGISTRY_ROUTE_CLUSTER, ca, "dev", "dev-cluster-01",
                                NULL, sim_fixture_on_done, &result);
  g_assert_false (
    pac_registry_trust_change_finish (trust, sim_fixture_wait (&result), NULL, &error));
  g_clear_object (&result);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);

  g_assert_true (add (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, ca, "dev", "dev-cluster-01"));
  total = wait_all_trust (sim_701, "dev", "dev-cluster-01", ca);
  g_assert_false (add (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, ca, "dev", "dev-cluster-01"));

  /* A node added by scaling gets its pod, and the CA */
  merge_patch (sim_701,
               "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/dev/tanzukubernetesclusters/"
               "dev-cluster-01",
               "{\"spec\":{\"topology\":{\"workers\":{\"count\":3}}}}");
  for (guint i = 0; i < 160; i++)
    {
      guint count = nodes_trusting (sim_701, "dev", "dev-cluster-01", ca, &grown);
      if (grown > total && count == grown)
        break;
      g_usleep (250000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (grown, ==, total + 1);
  g_assert_cmpuint (wait_all_trust (sim_701, "dev", "dev-cluster-01", ca), ==, grown);

  /* A second CA rolls the pods; every node runs the script again */
  g_assert_true (add (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, other, "dev", "dev-cluster-01"));
  wait_all_trust (sim_701, "dev", "dev-cluster-01", other);
  for (guint i = 0; i < 160; i++)
    {
      g_clear_pointer (&entries, g_ptr_array_unref);
      entries = status (trust, "dev", "dev-cluster-01");
      entry = find_entry (entries, "other-ca", PAC_REGISTRY_ROUTE_DAEMON_SET);
      if (entry && g_strv_length (entry->waiting) == 0)
        break;
      g_usleep (250000);
    }
  entry = get_entry (entries, "other-ca", PAC_REGISTRY_ROUTE_DAEMON_SET);
  g_assert_cmpuint (g_strv_length (entry->trusting), ==, grown);
  g_assert_nonnull (find_entry (entries, "harbor-ca", PAC_REGISTRY_ROUTE_DAEMON_SET));

  /* Removing one keeps the other; removing the last removes everything */
  g_assert_true (
    remove_ca (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, "other-ca", "dev", "dev-cluster-01"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = status (trust, "dev", "dev-cluster-01");
  g_assert_null (find_entry (entries, "other-ca", PAC_REGISTRY_ROUTE_DAEMON_SET));
  g_assert_nonnull (find_entry (entries, "harbor-ca", PAC_REGISTRY_ROUTE_DAEMON_SET));
  g_assert_true (
    remove_ca (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, "harbor-ca", "dev", "dev-cluster-01"));
  g_assert_false (
    remove_ca (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, "harbor-ca", "dev", "dev-cluster-01"));
}

/* ---- 8.0 (Kubernetes 1.26): the DaemonSet runs by the namespace's label ---- */

static void
test_daemon_set_route_psa (void)
{
  g_autoptr (PacRegistryTrust) trust = trust_for (sim_8, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_701, "psa-ca");

  pac_registry_trust_set_image (trust, "registry.example.com/tools/nsenter:1");
  g_assert_true (add (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, ca, "test", "qa-cluster"));
  wait_all_trust (sim_8, "test", "qa-cluster", ca);
  g_assert_false (add (trust, PAC_REGISTRY_ROUTE_DAEMON_SET, ca, "test", "qa-cluster"));
}

/* ---- manifests ---- */

static void
test_default_image (void)
{
  g_autoptr (JsonNode) reported = json_from_string (
    "[{\"status\":{\"nodeInfo\":{\"kubeletVersion\":\"v1.23.8+vmware.2\"},\"images\":["
    "{\"names\":[\"localhost:5000/vmware.io/kube-proxy@sha256:00\","
    "\"localhost:5000/vmware.io/kube-proxy:v1.23.8_vmware.2\"]}]}}]",
    NULL);
  g_autoptr (JsonNode) bare = json_from_string (
    "[{\"status\":{\"nodeInfo\":{\"kubeletVersion\":\"v1.26.5+vmware.2\"}}}]", NULL);
  g_autofree char *from_images
    = pac_registry_daemon_set_default_image (json_node_get_array (reported));
  g_autofree char *from_version
    = pac_registry_daemon_set_default_image (json_node_get_array (bare));

  g_assert_cmpstr (from_images, ==, "localhost:5000/vmware.io/kube-proxy:v1.23.8_vmware.2");
  g_assert_cmpstr (from_version, ==, "localhost:5000/vmware.io/kube-proxy:v1.26.5_vmware.2");
}

static void
test_plan_by_version (void)
{
  g_autoptr (PacRegistryCa) ca = registry_ca (sim_8, "harbor-ca");
  g_autoptr (JsonObject) data = pac_registry_daemon_set_secret_data (NULL, ca, NULL);
  g_autoptr (GPtrArray) psp = pac_registry_daemon_set_plan (data, 24, "img");
  g_autoptr (GPtrArray) psa = pac_registry_daemon_set_plan (data, 25, "img");
  g_autofree char *psp_yaml = pac_guest_changes_to_yaml (psp);
  g_autofree char *psa_yaml = pac_guest_changes_to_yaml (psa);

  g_assert_nonnull (strstr (psp_yaml, "psp:vmware-system-privileged"));
  g_assert_null (strstr (psp_yaml, "pod-security.kubernetes.io/enforce"));
  g_assert_nonnull (strstr (psa_yaml, "pod-security.kubernetes.io/enforce: privileged"));
  g_assert_null (strstr (psa_yaml, "psp:vmware-system-privileged"));
  g_assert_nonnull (strstr (psa_yaml, "imagePullPolicy: IfNotPresent"));
  g_assert_nonnull (strstr (psa_yaml, "BEGIN pacific registry CA"));
}

int
main (int argc, char *argv[])
{
  int status_code;

  g_test_init (&argc, &argv, NULL);
  sim_701 = sim_fixture_start ((const char *const[]){
    "--scenario=demo", "--supervisor-version=7.0.1", "--cluster-seconds=1", NULL });
  sim_702 = sim_fixture_start ((const char *const[]){
    "--scenario=demo", "--supervisor-version=7.0.2", "--cluster-seconds=1", NULL });
  sim_8 = sim_fixture_start ((const char *const[]){ "--scenario=demo", "--supervisor-version=8.0",
                                                    "--cluster-seconds=1", NULL });
  g_test_add_func ("/registry-ca/parse", test_ca_parse);
  g_test_add_func ("/registry-ca/leaf-is-not-self-signed", test_ca_leaf_is_not_self_signed);
  g_test_add_func ("/registry-ca/fetch", test_ca_fetch);
  g_test_add_func ("/registry-ca/fetch-harbor", test_ca_fetch_harbor);
  g_test_add_func ("/registry-trust/routes-offered", test_routes_offered);
  g_test_add_func ("/registry-trust/default-image", test_default_image);
  g_test_add_func ("/registry-trust/plan-by-version", test_plan_by_version);
  g_test_add_func ("/registry-trust/cluster-route-8.0", test_cluster_route);
  g_test_add_func ("/registry-trust/global-route-7.0.2", test_global_route);
  g_test_add_func ("/registry-trust/daemon-set-7.0.1", test_daemon_set_route);
  g_test_add_func ("/registry-trust/daemon-set-8.0", test_daemon_set_route_psa);
  status_code = g_test_run ();
  sim_fixture_stop (sim_701);
  sim_fixture_stop (sim_702);
  sim_fixture_stop (sim_8);
  return status_code;
}
