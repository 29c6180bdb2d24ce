/* test-sim-api.c: the simulator's Kubernetes API semantics over TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "sim-fixture.h"
#include "test-deadline.h"

static SimFixture *sim;
static char *admin;
static char *devops;
static char *viewer;

#define CM_PATH "/api/v1/namespaces/dev/configmaps"

static void
assert_status (SimReply *reply, guint code, const char *reason)
{
  JsonObject *status = sim_reply_object (reply);

  g_test_message ("%u %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, code);
  g_assert_cmpstr (json_object_get_string_member (status, "kind"), ==, "Status");
  g_assert_cmpstr (json_object_get_string_member (status, "apiVersion"), ==, "v1");
  g_assert_cmpint (json_object_get_int_member (status, "code"), ==, code);
  if (reason)
    g_assert_cmpstr (json_object_get_string_member (status, "reason"), ==, reason);
  g_assert_cmpstr (json_object_get_string_member (status, "status"), ==,
                   code < 300 ? "Success" : "Failure");
  /* kubectl debug dereferences a not-found's details unchecked */
  if (code == 404 || code == 409 || code == 403)
    g_assert_true (json_object_has_member (status, "details"));
}

static SimReply *
create_config_map (const char *name, const char *extra)
{
  g_autofree char *body = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},"
    "\"data\":{\"a\":\"1\"}%s}",
    name, extra ? extra : "");

  return sim_fixture_request (sim, "POST", CM_PATH, admin, NULL, body);
}

static void
delete_config_map (const char *name)
{
  g_autofree char *path = g_strdup_printf (CM_PATH "/%s", name);
  g_autoptr (SimReply) reply = sim_fixture_request (sim, "DELETE", path, admin, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_tls_untrusted (void)
{
  g_autoptr (GTlsDatabase) system
    = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_autoptr (SoupSession) plain = sim_fixture_new_session (system);
  g_autofree char *uri = g_strconcat (sim->api_url, "/version", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read (plain, msg, NULL, &error);
  g_autoptr (GTlsCertificate) ca = NULL;

  /* Without the simulator's CA the certificate is not trusted. */
  g_assert_null (bytes);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);

  /* The printed fingerprint is the CA file's. */
  ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  g_assert_nonnull (ca);
  {
    GByteArray *der = NULL;
    g_autofree char *hex = NULL;
    GString *colons = g_string_new (NULL);

    g_object_get (ca, "certificate", &der, NULL);
    hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
    for (guint i = 0; hex[i]; i += 2)
      g_string_append_printf (colons, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]),
                              g_ascii_toupper (hex[i + 1]));
    g_assert_cmpstr (colons->str, ==, sim->ca_sha256);
    g_string_free (colons, TRUE);
    g_byte_array_unref (der);
  }
}

static JsonObject *
jwt_payload (const char *token)
{
  g_auto (GStrv) parts = g_strsplit (token, ".", -1);
  g_autofree char *padded = NULL;
  g_autofree guchar *raw = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  size_t n;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  n = strlen (parts[1]);
  padded = g_strnfill (n + (4 - n % 4) % 4, '=');
  memcpy (padded, parts[1], n);
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');
  raw = g_base64_decode (padded, &length);
  g_assert_true (json_parser_load_from_data (parser, (const char *) raw, length, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_wcp_login (void)
{
  g_autoptr (JsonObject) payload = jwt_payload (devops);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (SimReply) banner
    = sim_fixture_request (sim, "GET", "/wcp/loginbanner", NULL, NULL, NULL);
  g_autofree char *wrong = sim_fixture_login (sim, "devops@vsphere.local", "not-the-password");
  g_autofree char *unknown = sim_fixture_login (sim, "nobody@vsphere.local", "DevOps!23");

  g_assert_cmpuint (banner->status, ==, 200);
  g_assert_null (wrong);
  g_assert_null (unknown);
  /* About ten hours, as the Supervisor's tokens. */
  g_assert_cmpstr (json_object_get_string_member (payload, "sub"), ==, "devops@vsphere.local");
  g_assert_cmpint (json_object_get_int_member (payload, "exp") - now, >, 36000 - 60);
  g_assert_cmpint (json_object_get_int_member (payload, "exp") - now, <=, 36000);
}

static GPtrArray *
workload_namespaces (const char *token)
{
  g_autoptr (SimReply) reply
    = sim_fixture_request (sim, "GET", "/wcp/workloads", token, NULL, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  g_assert_cmpuint (reply->status, ==, 200);
  array = json_node_get_array (reply->body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (names, g_strdup (json_object_get_string_member (
                              json_array_get_object_element (array, i), "namespace")));
  return names;
}

static void
test_wcp_workloads (void)
{
  g_autoptr (GPtrArray) for_admin = workload_namespaces (admin);
  g_autoptr (GPtrArray) for_devops = workload_namespaces (devops);

  /* vSphere namespaces only, and only those the user has a role in. */
  g_assert_cmpuint (for_admin->len, ==, 3);
  g_assert_cmpuint (for_devops->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (for_devops, 0), ==, "dev");
  g_assert_cmpstr (g_ptr_array_index (for_devops, 1), ==, "test");
}

static void
test_unauthorized (void)
{
  g_autoptr (SimReply) none = sim_fixture_request (sim, "GET", CM_PATH, NULL, NULL, NULL);
  g_autoptr (SimReply) garbage
    = sim_fixture_request (sim, "GET", CM_PATH, "abc.def.ghi", NULL, NULL);
  g_autoptr (SimReply) version = sim_fixture_request (sim, "GET", "/version", NULL, NULL, NULL);
  /* The root once crashed the simulator (its path splits into nothing) */
  g_autoptr (SimReply) root = sim_fixture_request (sim, "GET", "/", NULL, NULL, NULL);

  g_assert_cmpuint (root->status, >=, 400);
  assert_status (none, 401, "Unauthorized");
  assert_status (garbage, 401, "Unauthorized");
  /* /version is public. */
  g_assert_cmpuint (version->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (version, "gitVersion"), ==, "v1.24.9+vmware.wcp.1");
}

static void
test_create_get_delete (void)
{
  g_autoptr (SimReply) created = create_config_map ("crud", NULL);
  g_autoptr (SimReply) again = create_config_map ("crud", NULL);
  g_autoptr (SimReply) got = sim_fixture_request (sim, "GET", CM_PATH "/crud", devops, NULL, NULL);
  g_autoptr (SimReply) deleted = NULL;
  g_autoptr (SimReply) gone = NULL;
  JsonObject *details;

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_nonnull (sim_reply_string (created, "metadata.uid"));
  g_assert_nonnull (sim_reply_string (created, "metadata.creationTimestamp"));
  g_assert_nonnull (sim_reply_string (created, "metadata.resourceVersion"));
  g_assert_cmpstr (sim_reply_string (created, "metadata.namespace"), ==, "dev");
  assert_status (again, 409, "AlreadyExists");
  g_assert_cmpstr (sim_reply_string (again, "message"), ==, "configmaps \"crud\" already exists");
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (got, "metadata.uid"), ==,
                   sim_reply_string (created, "metadata.uid"));

  deleted = sim_fixture_request (sim, "DELETE", CM_PATH "/crud", admin, NULL, NULL);
  assert_status (deleted, 200, NULL);
  details = json_object_get_object_member (sim_reply_object (deleted), "details");
  g_assert_cmpstr (json_object_get_string_member (details, "name"), ==, "crud");
  g_assert_cmpstr (json_object_get_string_member (details, "kind"), ==, "configmaps");
  gone = sim_fixture_request (sim, "GET", CM_PATH "/crud", admin, NULL, NULL);
  assert_status (gone, 404, "NotFound");
  g_assert_cmpstr (sim_reply_string (gone, "message"), ==, "configmaps \"crud\" not found");
  /* a path nothing serves: the generic not-found, with (empty) details too */
  {
    g_autoptr (SimReply) nothing
      = sim_fixture_request (sim, "GET", "/apis/nosuch.example.com/v1/things", admin, NULL, NULL);
    assert_status (nothing, 404, "NotFound");
  }
}

static void
test_invalid (void)
{
  g_autoptr (SimReply) bad_name = create_config_map ("Not_A_Name", NULL);
  g_autoptr (SimReply) no_name
    = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
  g_autoptr (SimReply) bad_key
    = create_config_map ("bad-key", ",\"binaryData\":{\"a b\":\"eA==\"}");
  g_autoptr (SimReply) wrong_ns
    = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                           "\"x\",\"namespace\":\"test\"}}");
  g_autoptr (SimReply) no_ns = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/nowhere/configmaps", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
  g_autoptr (SimReply) wrong_kind = sim_fixture_request (
    sim, "POST", CM_PATH, admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}");
  g_autoptr (SimReply) not_json
    = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL, "{\"apiVersion\":");
  JsonObject *details;
  JsonArray *causes;

  assert_status (bad_name, 422, "Invalid");
  details = json_object_get_object_member (sim_reply_object (bad_name), "details");
  g_assert_cmpstr (json_object_get_string_member (details, "kind"), ==, "ConfigMap");
  causes = json_object_get_array_member (details, "causes");
  g_assert_cmpuint (json_array_get_length (causes), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (causes, 0), "field"), ==,
    "metadata.name");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (causes, 0), "reason"), ==,
    "FieldValueInvalid");
  g_assert_true (
    g_str_has_prefix (sim_reply_string (bad_name, "message"),
                      "ConfigMap \"Not_A_Name\" is invalid: metadata.name: Invalid value: "
                      "\"Not_A_Name\": a lowercase RFC 1123 subdomain"));

  assert_status (no_name, 422, "Invalid");
  g_assert_nonnull (strstr (sim_reply_string (no_name, "message"),
                            "metadata.name: Required value: name or generateName is required"));
  assert_status (bad_key, 422, "Invalid");
  g_assert_nonnull (
    strstr (sim_reply_string (bad_key, "message"), "binaryData[a b]: Invalid value"));
  assert_status (wrong_ns, 400, "BadRequest");
  assert_status (no_ns, 404, "NotFound");
  g_assert_cmpstr (sim_reply_string (no_ns, "message"), ==, "namespaces \"nowhere\" not found");
  assert_status (wrong_kind, 400, "BadRequest");
  assert_status (not_json, 400, "BadRequest");
}

/* A body nested @depth deep: {"apiVersion":…,"data":{"a":[[[…]]]}} */
static char *
nested_config_map (guint depth)
{
  GString *body = g_string_new ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                "\"metadata\":{\"name\":\"deep\"},\"data\":{\"a\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (body, ']');
  g_string_append (body, "}}");
  return g_string_free (body, FALSE);
}

/* kube-apiserver refuses a write over 3 MiB (413) and JSON deeper than
 * Go's 10,000 levels (400); the simulator answers both and goes on */
static void
test_oversized_and_deep (void)
{
  g_autofree char *big_value = g_strnfill (3 * 1024 * 1024, 'x');
  g_autofree char *big_body = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},"
    "\"data\":{\"a\":\"%s\"}}",
    big_value);
  g_autofree char *too_deep = nested_config_map (100000);
  g_autofree char *deep = nested_config_map (9990);
  g_autoptr (SimReply) big = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL, big_body);
  g_autoptr (SimReply) over = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL, too_deep);
  g_autoptr (SimReply) under = sim_fixture_request (sim, "POST", CM_PATH, admin, NULL, deep);
  g_autoptr (SimReply) after = create_config_map ("after-deep", NULL);

  assert_status (big, 413, "RequestEntityTooLarge");
  g_assert_cmpstr (sim_reply_string (big, "message"), ==,
                   "Request entity too large: limit is 3145728");
  assert_status (over, 400, "BadRequest");
  g_assert_nonnull (strstr (sim_reply_string (over, "message"), "exceeded max depth"));
  /* Deep but within Go's limit: parsed, then refused as no ConfigMap */
  g_assert_cmpuint (under->status, >=, 400);
  g_assert_cmpuint (after->status, ==, 201);
  delete_config_map ("after-deep");
}

/* The "a" value of the config map @name in a list of them, NULL if none */
static char *
listed_value (const char *name)
{
  g_autoptr (SimReply) list = sim_fixture_request (sim, "GET", CM_PATH, admin, NULL, NULL);
  JsonArray *items = json_object_get_array_member (sim_reply_object (list), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *metadata = json_object_get_object_member (item, "metadata");

      if (g_str_equal (json_object_get_string_member (metadata, "name"), name))
        return g_strdup (
          json_object_get_string_member (json_object_get_object_member (item, "data"), "a"));
    }
  return NULL;
}

/* Lists write each object's text once and keep it (sim-present-cache.c):
 * a list after a write shows the write, one after a delete does not show
 * the object, and each version of a kind lists its own apiVersion */
static void
test_list_follows_writes (void)
{
  g_autoptr (SimReply) created = create_config_map ("listed", NULL);
  g_autofree char *before = listed_value ("listed");
  g_autofree char *update = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"listed\","
    "\"resourceVersion\":\"%s\"},\"data\":{\"a\":\"2\"}}",
    sim_reply_string (created, "metadata.resourceVersion"));
  g_autoptr (SimReply) updated
    = sim_fixture_request (sim, "PUT", CM_PATH "/listed", admin, NULL, update);
  g_autofree char *after = listed_value ("listed");
  g_autofree char *gone = NULL;
  const char *versions[] = { "v1alpha2", "v1alpha3" };

  g_assert_cmpstr (before, ==, "1");
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpstr (after, ==, "2");
  delete_config_map ("listed");
  gone = listed_value ("listed");
  g_assert_null (gone);
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *path = g_strdup_printf (
        "/apis/run.tanzu.vmware.com/%s/namespaces/dev/tanzukubernetesclusters", versions[v]);
      g_autofree char *api_version = g_strdup_printf ("run.tanzu.vmware.com/%s", versions[v]);
      g_autoptr (SimReply) list = sim_fixture_request (sim, "GET", path, admin, NULL, NULL);
      JsonArray *items = json_object_get_array_member (sim_reply_object (list), "items");

      g_assert_cmpuint (json_array_get_length (items), >, 0);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_assert_cmpstr (
          json_object_get_string_member (json_array_get_object_element (items, i), "apiVersion"),
          ==, api_version);
    }
}

static void
test_update_conflict (void)
{
  g_autoptr (SimReply) created = create_config_map ("conflict", NULL);
  const char *rv = sim_reply_string (created, "metadata.resourceVersion");
  g_autofree char *stale = g_strdup_printf (
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"conflict\","
    "\"resourceVersion\":\"%s\"},\"data\":{\"a\":\"2\"}}",
    rv);
  g_autoptr (SimReply) first
    = sim_fixture_request (sim, "PUT", CM_PATH "/conflict", admin, NULL, stale);
  g_autoptr (SimReply) second
    = sim_fixture_request (sim, "PUT", CM_PATH "/conflict", admin, NULL, stale);
  g_autoptr (SimReply) noop = NULL;
  g_autofree char *same = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (first, "metadata.resourceVersion"), !=, rv);
  g_assert_cmpstr (sim_reply_string (first, "metadata.uid"), ==,
                   sim_reply_string (created, "metadata.uid"));
  assert_status (second, 409, "Conflict");
  g_assert_cmpstr (sim_reply_string (second, "message"), ==,
                   "Operation cannot be fulfilled on configmaps \"conflict\": the object has been "
                   "modified; please apply your changes to the latest version and try again");

  /* Writing what is already stored changes nothing, not even the version. */
  same = g_strdup_printf ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                          "\"conflict\",\"resourceVersion\":\"%s\"},\"data\":{\"a\":\"2\"}}",
                          sim_reply_string (first, "metadata.resourceVersion"));
  noop = sim_fixture_request (sim, "PUT", CM_PATH "/conflict", admin, NULL, same);
  g_assert_cmpuint (noop->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (noop, "metadata.resourceVersion"), ==,
                   sim_reply_string (first, "metadata.resourceVersion"));
  delete_config_map ("conflict");
}

static void
test_patch_types (void)
{
  g_autoptr (SimReply) created = create_config_map (
    "patched", ",\"metadata\":{\"name\":\"patched\",\"ownerReferences\":[{\"apiVersion\":\"v1\","
               "\"kind\":\"ConfigMap\",\"name\":\"owner-a\",\"uid\":\"1\"}]}");
  g_autoptr (SimReply) merge
    = sim_fixture_request (sim, "PATCH", CM_PATH "/patched", admin, "application/merge-patch+json",
                           "{\"data\":{\"a\":null,\"b\":\"2\"}}");
  g_autoptr (SimReply) json = sim_fixture_request (
    sim, "PATCH", CM_PATH "/patched", admin, "application/json-patch+json",
    "[{\"op\":\"test\",\"path\":\"/data/b\",\"value\":\"2\"},{\"op\":\"add\",\"path\":\"/data/"
    "c\",\"value\":\"3\"}]");
  g_autoptr (SimReply) failed_test
    = sim_fixture_request (sim, "PATCH", CM_PATH "/patched", admin, "application/json-patch+json",
                           "[{\"op\":\"test\",\"path\":\"/data/b\",\"value\":\"nope\"}]");
  g_autoptr (SimReply) strategic = sim_fixture_request (
    sim, "PATCH", CM_PATH "/patched", admin, "application/strategic-merge-patch+json",
    "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":"
    "\"owner-b\",\"uid\":\"2\"}]}}");
  g_autoptr (SimReply) unsupported
    = sim_fixture_request (sim, "PATCH", CM_PATH "/patched", admin, "text/plain", "x");
  g_autoptr (SimReply) stale
    = sim_fixture_request (sim, "PATCH", CM_PATH "/patched", admin, "application/merge-patch+json",
                           "{\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"d\":\"4\"}}");
  JsonObject *data;
  JsonArray *owners;

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpuint (merge->status, ==, 200);
  data = json_object_get_object_member (sim_reply_object (merge), "data");
  g_assert_false (json_object_has_member (data, "a"));
  g_assert_cmpstr (json_object_get_string_member (data, "b"), ==, "2");
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (json, "data.c"), ==, "3");
  assert_status (failed_test, 422, "Invalid");
  g_assert_cmpuint (strategic->status, ==, 200);
  /* Strategic merge adds to a list merged by name; merge patch would have replaced it. */
  owners = json_object_get_array_member (
    json_object_get_object_member (sim_reply_object (strategic), "metadata"), "ownerReferences");
  g_assert_cmpuint (json_array_get_length (owners), ==, 2);
  assert_status (unsupported, 415, "UnsupportedMediaType");
  assert_status (stale, 409, "Conflict");
  delete_config_map ("patched");
}

/* Server-side field validation from Kubernetes 1.25: the 8.0 Supervisor
 * (1.24) ignores the parameter and drops unknown fields silently; 8.0u3
 * (1.28) refuses them under Strict and warns under Warn */
static void
test_field_validation (void)
{
  const char *body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fv\","
                     "\"colour\":\"red\"},\"data\":{\"a\":\"1\"},\"spec\":{}}";
  SimFixture *u3 = sim_fixture_start ((const char *const[]){ "--supervisor-version=8.0u3", NULL });
  g_autofree char *u3_admin = sim_fixture_login (u3, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) ignored
    = sim_fixture_request (sim, "POST", CM_PATH "?fieldValidation=Strict", admin, NULL, body);
  g_autoptr (SimReply) strict
    = sim_fixture_request (u3, "POST", CM_PATH "?fieldValidation=Strict", u3_admin, NULL, body);
  g_autoptr (SimReply) warn
    = sim_fixture_request (u3, "POST", CM_PATH "?fieldValidation=Warn", u3_admin, NULL, body);
  g_autoptr (SimReply) bogus
    = sim_fixture_request (u3, "POST", CM_PATH "?fieldValidation=Loose", u3_admin, NULL, body);
  const char *warning;

  g_assert_cmpuint (ignored->status, ==, 201);
  g_assert_false (json_object_has_member (sim_reply_object (ignored), "spec"));
  g_assert_null (soup_message_headers_get_list (ignored->headers, "Warning"));
  delete_config_map ("fv");

  assert_status (strict, 400, "BadRequest");
  g_assert_cmpstr (
    sim_reply_string (strict, "message"), ==,
    "strict decoding error: unknown field \"metadata.colour\", unknown field \"spec\"");
  g_assert_cmpuint (warn->status, ==, 201);
  g_assert_false (json_object_has_member (sim_reply_object (warn), "spec"));
  warning = soup_message_headers_get_list (warn->headers, "Warning");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "unknown field \\\"spec\\\""));
  assert_status (bogus, 400, "BadRequest");
  sim_fixture_stop (u3);
}

static void
test_dry_run (void)
{
  g_autoptr (SimReply) dry = sim_fixture_request (
    sim, "POST", CM_PATH "?dryRun=All", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dry\"}}");
  g_autoptr (SimReply) stored = sim_fixture_request (sim, "GET", CM_PATH "/dry", admin, NULL, NULL);
  g_autoptr (SimReply) bad = sim_fixture_request (
    sim, "POST", CM_PATH "?dryRun=Maybe", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dry\"}}");
  g_autoptr (SimReply) invalid_dry = sim_fixture_request (
    sim, "POST", CM_PATH "?dryRun=All", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"BAD\"}}");

  g_assert_cmpuint (dry->status, ==, 201);
  g_assert_nonnull (sim_reply_string (dry, "metadata.uid"));
  assert_status (stored, 404, "NotFound");
  assert_status (bad, 400, "BadRequest");
  /* A dry run validates like the real thing. */
  assert_status (invalid_dry, 422, "Invalid");
}

static void
test_selectors_and_table (void)
{
  g_autoptr (SimReply) a = create_config_map (
    "sel-a", ",\"metadata\":{\"name\":\"sel-a\",\"labels\":{\"tier\":\"web\"}}");
  g_autoptr (SimReply) b = create_config_map (
    "sel-b", ",\"metadata\":{\"name\":\"sel-b\",\"labels\":{\"tier\":\"db\"}}");
  g_autoptr (SimReply) web
    = sim_fixture_request (sim, "GET", CM_PATH "?labelSelector=tier%3Dweb", admin, NULL, NULL);
  g_autoptr (SimReply) tiers = sim_fixture_request (
    sim, "GET", CM_PATH "?labelSelector=tier%20in%20(web,db)", admin, NULL, NULL);
  g_autoptr (SimReply) by_name = sim_fixture_request (
    sim, "GET", CM_PATH "?fieldSelector=metadata.name%3Dsel-b", admin, NULL, NULL);
  g_autoptr (SimReply) bad
    = sim_fixture_request (sim, "GET", CM_PATH "?fieldSelector=data.a%3D1", admin, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SimReply) table = sim_fixture_request_full (
    sim, "GET", CM_PATH "?labelSelector=tier", admin, NULL,
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", NULL, &error);
  JsonObject *t;
  JsonArray *columns, *rows, *cells;

  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (sim_reply_object (web), "items")), ==, 1);
  g_assert_cmpstr (sim_reply_string (web, "kind"), ==, "ConfigMapList");
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (sim_reply_object (tiers), "items")), ==,
    2);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (sim_reply_object (by_name), "items")), ==,
    1);
  assert_status (bad, 400, "BadRequest");

  g_assert_no_error (error);
  t = sim_reply_object (table);
  g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, "Table");
  g_assert_cmpstr (json_object_get_string_member (t, "apiVersion"), ==, "meta.k8s.io/v1");
  columns = json_object_get_array_member (t, "columnDefinitions");
  g_assert_cmpuint (json_array_get_length (columns), ==, 3);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (columns, 0), "name"), ==, "Name");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (columns, 1), "name"), ==, "Data");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (columns, 2), "name"), ==, "Age");
  rows = json_object_get_array_member (t, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  cells = json_object_get_array_member (json_array_get_object_element (rows, 0), "cells");
  g_assert_cmpstr (json_array_get_string_element (cells, 0), ==, "sel-a");
  g_assert_cmpint (json_array_get_int_element (cells, 1), ==, 1);
  g_assert_true (g_str_has_suffix (json_array_get_string_element (cells, 2), "s"));
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (json_array_get_object_element (rows, 0), "object"), "kind"),
    ==, "PartialObjectMetadata");
  delete_config_map ("sel-a");
  delete_config_map ("sel-b");
}

static void
test_rbac (void)
{
  g_autoptr (SimReply) viewer_secrets
    = sim_fixture_request (sim, "GET", "/api/v1/namespaces/dev/secrets", viewer, NULL, NULL);
  g_autoptr (SimReply) viewer_cms = sim_fixture_request (sim, "GET", CM_PATH, viewer, NULL, NULL);
  g_autoptr (SimReply) viewer_create = sim_fixture_request (
    sim, "POST", CM_PATH, viewer, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"v\"}}");
  g_autoptr (SimReply) devops_prod
    = sim_fixture_request (sim, "GET", "/api/v1/namespaces/prod/configmaps/x", devops, NULL, NULL);
  g_autoptr (SimReply) devops_ns
    = sim_fixture_request (sim, "GET", "/api/v1/namespaces", devops, NULL, NULL);
  g_autoptr (SimReply) devops_own_ns
    = sim_fixture_request (sim, "GET", "/api/v1/namespaces/dev", devops, NULL, NULL);
  g_autoptr (SimReply) devops_sc = sim_fixture_request (
    sim, "GET", "/apis/storage.k8s.io/v1/storageclasses", devops, NULL, NULL);
  g_autoptr (SimReply) review = sim_fixture_request (
    sim, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", viewer, NULL,
    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
    "{\"resourceAttributes\":{\"namespace\":\"dev\",\"verb\":\"list\",\"resource\":\"configmaps\"}}"
    "}");
  g_autoptr (SimReply) review_no = sim_fixture_request (
    sim, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", viewer, NULL,
    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
    "{\"resourceAttributes\":{\"namespace\":\"dev\",\"verb\":\"get\",\"resource\":\"secrets\"}}}");

  assert_status (viewer_secrets, 403, "Forbidden");
  g_assert_cmpstr (sim_reply_string (viewer_secrets, "message"), ==,
                   "secrets is forbidden: User \"sso:viewer@vsphere.local\" cannot list resource "
                   "\"secrets\" in API group \"\" in the namespace \"dev\"");
  g_assert_cmpuint (viewer_cms->status, ==, 200);
  assert_status (viewer_create, 403, "Forbidden");
  assert_status (devops_prod, 403, "Forbidden");
  g_assert_cmpstr (sim_reply_string (devops_prod, "message"), ==,
                   "configmaps \"x\" is forbidden: User \"sso:devops@vsphere.local\" cannot get "
                   "resource \"configmaps\" in API group \"\" in the namespace \"prod\"");
  assert_status (devops_ns, 403, "Forbidden");
  g_assert_nonnull (strstr (sim_reply_string (devops_ns, "message"), "at the cluster scope"));
  g_assert_cmpuint (devops_own_ns->status, ==, 200);
  g_assert_cmpuint (devops_sc->status, ==, 200);
  g_assert_cmpuint (review->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (sim_reply_object (review), "status"), "allowed"));
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (sim_reply_object (review_no), "status"), "allowed"));
}

static void
test_discovery_and_openapi (void)
{
  g_autoptr (SimReply) apis = sim_fixture_request (sim, "GET", "/apis", admin, NULL, NULL);
  g_autoptr (SimReply) core = sim_fixture_request (sim, "GET", "/api/v1", admin, NULL, NULL);
  g_autoptr (SimReply) root = sim_fixture_request (sim, "GET", "/openapi/v3", admin, NULL, NULL);
  g_autoptr (SimReply) doc = NULL;
  JsonObject *paths, *item, *patch;
  JsonArray *params;
  const char *url;
  gboolean has_field_validation = FALSE;

  g_assert_nonnull (strstr (apis->text, "\"storage.k8s.io\""));
  g_assert_nonnull (strstr (core->text, "\"configmaps\""));
  g_assert_nonnull (strstr (core->text, "\"shortNames\":[\"cm\"]"));
  paths = json_object_get_object_member (sim_reply_object (root), "paths");
  url = json_object_get_string_member (json_object_get_object_member (paths, "api/v1"),
                                       "serverRelativeURL");
  g_assert_true (g_str_has_prefix (url, "/openapi/v3/api/v1?hash="));
  doc = sim_fixture_request (sim, "GET", url, admin, NULL, NULL);
  item = json_object_get_object_member (
    json_object_get_object_member (sim_reply_object (doc), "paths"),
    "/api/v1/namespaces/{namespace}/configmaps/{name}");
  patch = json_object_get_object_member (item, "patch");
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (patch, "x-kubernetes-group-version-kind"), "kind"),
    ==, "ConfigMap");
  params = json_object_get_array_member (patch, "parameters");
  for (guint i = 0; i < json_array_get_length (params); i++)
    has_field_validation |= g_str_equal (
      json_object_get_string_member (json_array_get_object_element (params, i), "name"),
      "fieldValidation");
  /* Kubernetes 1.24 has OpenAPI v3, but no server-side field validation yet */
  g_assert_false (has_field_validation);
}

/* /openapi/v2, in JSON and in the protobuf kubectl asks for: the kinds'
 * definitions with their group-version-kind, and the PATCH operations */
static void
test_openapi_v2 (void)
{
  g_autoptr (SimReply) json = sim_fixture_request (sim, "GET", "/openapi/v2", admin, NULL, NULL);
  g_autoptr (SimReply) pb = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *definitions, *config_map;

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (json, "swagger"), ==, "2.0");
  definitions = json_object_get_object_member (sim_reply_object (json), "definitions");
  config_map = json_object_get_object_member (definitions, "io.k8s.api.core.v1.ConfigMap");
  g_assert_nonnull (config_map);
  g_assert_true (json_object_has_member (config_map, "x-kubernetes-group-version-kind"));
  /* v2 names its references under #/definitions */
  g_assert_nonnull (
    strstr (json->text, "\"#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta\""));
  g_assert_null (strstr (json->text, "#/components/"));

  pb = sim_fixture_request_full (sim, "GET", "/openapi/v2", admin, NULL,
                                 "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb->status, ==, 200);
  /* Go's media type parser refuses the "@" form: the answer uses the "." one */
  g_assert_cmpstr (soup_message_headers_get_content_type (pb->headers, NULL), ==,
                   "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
  /* Document.swagger (field 1, length-delimited): 0x0a 0x03 "2.0" */
  g_assert_true (g_str_has_prefix (pb->text, "\x0a\x03"
                                             "2.0"));
}

/* No /openapi/v3 before Kubernetes 1.24 (7.0.x); /openapi/v2 always */
static void
test_openapi_by_version (void)
{
  SimFixture *old = sim_fixture_start ((const char *const[]){ "--supervisor-version=7.0.3", NULL });
  g_autofree char *token = sim_fixture_login (old, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) v3 = sim_fixture_request (old, "GET", "/openapi/v3", token, NULL, NULL);
  g_autoptr (SimReply) v3_doc
    = sim_fixture_request (old, "GET", "/openapi/v3/api/v1", token, NULL, NULL);
  g_autoptr (SimReply) v2 = sim_fixture_request (old, "GET", "/openapi/v2", token, NULL, NULL);
  g_autoptr (SimReply) version = sim_fixture_request (old, "GET", "/version", NULL, NULL, NULL);

  assert_status (v3, 404, "NotFound");
  assert_status (v3_doc, 404, "NotFound");
  g_assert_cmpuint (v2->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (version, "minor"), ==, "21");
  g_assert_true (g_str_has_prefix (sim_reply_string (version, "gitVersion"), "v1.21."));
  sim_fixture_stop (old);
}

static const char *
item_name (JsonArray *items, guint i)
{
  JsonObject *item = json_array_get_object_element (items, i);

  return json_object_get_string_member (json_object_get_object_member (item, "metadata"), "name");
}

/* Pages of one item each across namespaces whose names sort differently
 * with a separator ("dev/…" after "dev-b/…", "dev" before "dev-b"): every
 * object once, in the order of the unpaged list (a page's continue key
 * was once compared in another order than the list's, and lost "dev-b") */
static void
test_pages_across_namespaces (void)
{
  g_autoptr (SimReply) ns = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"dev-b\"}}");
  g_autoptr (SimReply) cm = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/dev-b/configmaps", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"in-dev-b\"}}");
  g_autoptr (SimReply) made = create_config_map ("in-dev", NULL);
  g_autoptr (SimReply) whole
    = sim_fixture_request (sim, "GET", "/api/v1/configmaps", admin, NULL, NULL);
  JsonArray *all = json_object_get_array_member (sim_reply_object (whole), "items");
  g_autofree char *token = NULL;
  guint seen = 0;

  g_assert_cmpuint (ns->status, ==, 201);
  g_assert_cmpuint (cm->status, ==, 201);
  g_assert_cmpuint (made->status, ==, 201);
  do
    {
      g_autofree char *path = token
                                ? g_strdup_printf ("/api/v1/configmaps?limit=1&continue=%s", token)
                                : g_strdup ("/api/v1/configmaps?limit=1");
      g_autoptr (SimReply) page = sim_fixture_request (sim, "GET", path, admin, NULL, NULL);
      JsonArray *items = json_object_get_array_member (sim_reply_object (page), "items");
      const char *next = sim_reply_string (page, "metadata.continue");

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (items), ==, 1);
      g_assert_cmpuint (seen, <, json_array_get_length (all));
      g_assert_cmpstr (item_name (items, 0), ==, item_name (all, seen));
      seen++;
      g_free (token);
      token = next ? g_uri_escape_string (next, NULL, TRUE) : NULL;
    }
  while (token);
  g_assert_cmpuint (seen, ==, json_array_get_length (all));
}

static void
test_secrets_and_namespaces (void)
{
  g_autoptr (SimReply) secret = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/dev/secrets", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
    "\"stringData\":{\"password\":\"hunter2\"}}");
  g_autoptr (SimReply) bad = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/dev/secrets", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"t\"},"
    "\"data\":{\"password\":\"not base64!\"}}");
  g_autoptr (SimReply) ns = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"short-lived\"}}");
  g_autoptr (SimReply) devops_ns = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces", devops, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"mine\"}}");
  g_autoptr (SimReply) cm = NULL;
  g_autoptr (SimReply) deleted = NULL;
  g_autoptr (SimReply) late = NULL;
  g_autoptr (SimReply) gone = NULL;

  /* stringData is folded into base64 data and not stored itself. */
  g_assert_cmpuint (secret->status, ==, 201);
  g_assert_cmpstr (sim_reply_string (secret, "data.password"), ==, "aHVudGVyMg==");
  g_assert_cmpstr (sim_reply_string (secret, "type"), ==, "Opaque");
  g_assert_false (json_object_has_member (sim_reply_object (secret), "stringData"));
  assert_status (bad, 422, "Invalid");

  /* Only administrators create namespaces (vCenter makes vSphere namespaces). */
  g_assert_cmpuint (ns->status, ==, 201);
  g_assert_cmpstr (sim_reply_string (ns, "status.phase"), ==, "Active");
  assert_status (devops_ns, 403, "Forbidden");

  /* A deleted namespace terminates, refuses new content, then goes with its content. */
  cm = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/short-lived/configmaps", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
  g_assert_cmpuint (cm->status, ==, 201);
  deleted
    = sim_fixture_request (sim, "DELETE", "/api/v1/namespaces/short-lived", admin, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (sim_reply_string (deleted, "status.phase"), ==, "Terminating");
  late = sim_fixture_request (
    sim, "POST", "/api/v1/namespaces/short-lived/configmaps", admin, NULL,
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d\"}}");
  assert_status (late, 403, "Forbidden");
  g_assert_nonnull (strstr (sim_reply_string (late, "message"), "because it is being terminated"));
  for (gint64 deadline = test_deadline (60); g_get_monotonic_time () < deadline;)
    {
      g_clear_pointer (&gone, sim_reply_free);
      gone = sim_fixture_request (sim, "GET", "/api/v1/namespaces/short-lived", admin, NULL, NULL);
      if (gone->status == 404)
        break;
      g_usleep (20000);
    }
  assert_status (gone, 404, "NotFound");
}

static SimReply *
vcenter (const char *method, const char *path, const char *basic, const char *session)
{
  g_autofree char *uri = g_strconcat (sim->vcenter_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  SimReply *reply = g_new0 (SimReply, 1);

  if (basic)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) basic, strlen (basic));
      g_autofree char *header = g_strdup_printf ("Basic %s", encoded);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (session)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "vmware-api-session-id",
                                  session);
  bytes = soup_session_send_and_read (sim->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (json_parser_load_from_data (parser, reply->text, -1, NULL) && json_parser_get_root (parser))
    reply->body = json_node_copy (json_parser_get_root (parser));
  return reply;
}

static void
test_vcenter (void)
{
  g_autoptr (SimReply) denied
    = vcenter ("POST", "/api/session", "administrator@vsphere.local:wrong", NULL);
  g_autoptr (SimReply) created
    = vcenter ("POST", "/api/session", "administrator@vsphere.local:Admin!23", NULL);
  g_autoptr (SimReply) legacy = vcenter ("POST", "/rest/com/vmware/cis/session",
                                         "administrator@vsphere.local:Admin!23", NULL);
  g_autoptr (SimReply) legacy_denied = vcenter ("POST", "/rest/com/vmware/cis/session", NULL, NULL);
  g_autoptr (SimReply) devops_session
    = vcenter ("POST", "/api/session", "devops@vsphere.local:DevOps!23", NULL);
  g_autoptr (SimReply) clusters = NULL;
  g_autoptr (SimReply) info = NULL;
  g_autoptr (SimReply) missing = NULL;
  g_autoptr (SimReply) no_session = NULL;
  g_autoptr (SimReply) forbidden = NULL;
  const char *session;
  g_autofree char *endpoint = NULL;

  g_assert_cmpuint (denied->status, ==, 401);
  g_assert_cmpstr (sim_reply_string (denied, "error_type"), ==, "UNAUTHENTICATED");
  g_assert_cmpuint (legacy_denied->status, ==, 401);
  g_assert_cmpstr (sim_reply_string (legacy_denied, "type"), ==,
                   "com.vmware.vapi.std.errors.unauthenticated");

  /* 201 and a bare JSON string: the session id */
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_true (JSON_NODE_HOLDS_VALUE (created->body));
  session = json_node_get_string (created->body);
  g_assert_cmpuint (strlen (session), ==, 32);
  g_assert_cmpuint (legacy->status, ==, 200);
  g_assert_cmpuint (strlen (sim_reply_string (legacy, "value")), ==, 32);

  clusters = vcenter ("GET", "/api/vcenter/namespace-management/clusters", NULL, session);
  g_assert_cmpuint (clusters->status, ==, 200);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_node_get_array (clusters->body), 0), "cluster"),
    ==, "domain-c8");
  info = vcenter ("GET", "/api/vcenter/namespace-management/clusters/domain-c8", NULL, session);
  g_assert_cmpuint (info->status, ==, 200);
  endpoint = g_strdup (sim->url + strlen ("https://"));
  g_assert_cmpstr (sim_reply_string (info, "api_server_cluster_endpoint"), ==, endpoint);
  g_assert_true (g_str_has_prefix (sim_reply_string (info, "tls_endpoint_certificate"),
                                   "-----BEGIN CERTIFICATE-----"));
  missing = vcenter ("GET", "/api/vcenter/namespace-management/clusters/domain-c9", NULL, session);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (sim_reply_string (missing, "error_type"), ==, "NOT_FOUND");
  no_session = vcenter ("GET", "/api/vcenter/namespace-management/clusters", NULL, "0123");
  g_assert_cmpuint (no_session->status, ==, 401);
  forbidden = vcenter ("GET", "/api/vcenter/namespace-management/clusters", NULL,
                       json_node_get_string (devops_session->body));
  g_assert_cmpuint (forbidden->status, ==, 403);
  g_assert_cmpstr (sim_reply_string (forbidden, "error_type"), ==, "UNAUTHORIZED");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* a deleted namespace stays Terminating long enough for a busy machine
   * to see it refuse new content */
  sim = sim_fixture_start ((const char *const[]){ "--namespace-finalize-ms=3000", NULL });
  admin = sim_fixture_login (sim, "administrator@vsphere.local", "Admin!23");
  devops = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  viewer = sim_fixture_login (sim, "viewer@vsphere.local", "Viewer!23");
  g_assert_nonnull (admin);
  g_assert_nonnull (devops);
  g_assert_nonnull (viewer);

  g_test_add_func ("/sim/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/sim/wcp/login", test_wcp_login);
  g_test_add_func ("/sim/wcp/workloads", test_wcp_workloads);
  g_test_add_func ("/sim/api/unauthorized", test_unauthorized);
  g_test_add_func ("/sim/api/create-get-delete", test_create_get_delete);
  g_test_add_func ("/sim/api/list-follows-writes", test_list_follows_writes);
  g_test_add_func ("/sim/api/invalid", test_invalid);
  g_test_add_func ("/sim/api/oversized-and-deep", test_oversized_and_deep);
  g_test_add_func ("/sim/api/update-conflict", test_update_conflict);
  g_test_add_func ("/sim/api/patch-types", test_patch_types);
  g_test_add_func ("/sim/api/field-validation", test_field_validation);
  g_test_add_func ("/sim/api/dry-run", test_dry_run);
  g_test_add_func ("/sim/api/selectors-and-table", test_selectors_and_table);
  g_test_add_func ("/sim/api/pages-across-namespaces", test_pages_across_namespaces);
  g_test_add_func ("/sim/api/rbac", test_rbac);
  g_test_add_func ("/sim/api/discovery-and-openapi", test_discovery_and_openapi);
  g_test_add_func ("/sim/api/openapi-v2", test_openapi_v2);
  g_test_add_func ("/sim/api/openapi-by-version", test_openapi_by_version);
  g_test_add_func ("/sim/api/secrets-and-namespaces", test_secrets_and_namespaces);
  g_test_add_func ("/sim/vcenter/session-and-clusters", test_vcenter);

  status = g_test_run ();
  sim_fixture_stop (sim);
  g_free (admin);
  g_free (devops);
  g_free (viewer);
  return status;
}
