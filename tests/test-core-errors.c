/* test-core-errors.c: server errors, JWT claims and log redaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-error.h"
#include "pac-jwt.h"
#include "pac-log.h"
#include "pac-trust.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_parser_steal_root (parser);
}

static void
check_status (guint http, const char *json, int code, const char *message)
{
  g_autoptr (JsonNode) body = json ? parse (json) : NULL;
  g_autoptr (GError) error = pac_error_from_kubernetes_status (http, body);

  g_test_message ("%u %s", http, json ? json : "(none)");
  g_assert_error (error, PAC_ERROR, code);
  if (message)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_kubernetes_status (void)
{
  check_status (404,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                "\"configmaps \\\"x\\\" not found\",\"reason\":\"NotFound\",\"code\":404}",
                PAC_ERROR_NOT_FOUND, "configmaps \"x\" not found");
  check_status (409,
                "{\"kind\":\"Status\",\"message\":\"configmaps \\\"x\\\" already "
                "exists\",\"reason\":\"AlreadyExists\"}",
                PAC_ERROR_CONFLICT, NULL);
  check_status (403, "{\"kind\":\"Status\",\"message\":\"no\",\"reason\":\"Forbidden\"}",
                PAC_ERROR_FORBIDDEN, "no");
  check_status (401,
                "{\"kind\":\"Status\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\"}",
                PAC_ERROR_AUTHENTICATION, NULL);
  check_status (
    410,
    "{\"kind\":\"Status\",\"message\":\"too old resource version: 5 (9)\",\"reason\":\"Expired\"}",
    PAC_ERROR_CONFLICT, NULL);
  check_status (500, "{\"kind\":\"Status\",\"message\":\"etcd down\",\"reason\":\"InternalError\"}",
                PAC_ERROR_SERVER, "etcd down");
  check_status (504, "{\"kind\":\"Status\",\"message\":\"slow\",\"reason\":\"Timeout\"}",
                PAC_ERROR_TIMEOUT, NULL);
  /* 422: the causes' field paths are in the message. */
  check_status (
    422,
    "{\"kind\":\"Status\",\"message\":\"TanzuKubernetesCluster.run.tanzu.vmware.com \\\"c\\\" "
    "is invalid\",\"reason\":\"Invalid\",\"details\":{\"causes\":[{\"reason\":"
    "\"FieldValueRequired\",\"message\":\"Required value\",\"field\":"
    "\"spec.topology.controlPlane.vmClass\"}]}}",
    PAC_ERROR_INVALID,
    "TanzuKubernetesCluster.run.tanzu.vmware.com \"c\" is invalid; "
    "spec.topology.controlPlane.vmClass: Required value");
  /* Not a Status: the HTTP status decides. */
  check_status (502, "[1,2]", PAC_ERROR_SERVER, NULL);
  check_status (404, NULL, PAC_ERROR_NOT_FOUND, NULL);
}

static void
check_vcenter (guint http, const char *json, int code, const char *message)
{
  g_autoptr (JsonNode) body = parse (json);
  g_autoptr (GError) error = pac_error_from_vcenter (http, body);

  g_assert_error (error, PAC_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_vcenter (void)
{
  check_vcenter (404,
                 "{\"error_type\":\"NOT_FOUND\",\"messages\":[{\"id\":\"x\",\"default_message\":"
                 "\"Namespace dev not found.\",\"args\":[]}]}",
                 PAC_ERROR_NOT_FOUND, "Namespace dev not found. (NOT_FOUND)");
  check_vcenter (401, "{\"error_type\":\"UNAUTHENTICATED\",\"messages\":[]}",
                 PAC_ERROR_AUTHENTICATION, "UNAUTHENTICATED");
  check_vcenter (400,
                 "{\"type\":\"com.vmware.vapi.std.errors.already_exists\",\"value\":{\"messages\":"
                 "[{\"default_message\":\"A library named tkr exists.\"}]}}",
                 PAC_ERROR_CONFLICT, "A library named tkr exists. (ALREADY_EXISTS)");
  check_vcenter (403,
                 "{\"error_type\":\"UNAUTHORIZED\",\"messages\":[{\"default_message\":\"a\"},"
                 "{\"default_message\":\"b\"}]}",
                 PAC_ERROR_FORBIDDEN, "a b (UNAUTHORIZED)");
}

static char *
make_token (const char *payload)
{
  g_autofree char *p = g_base64_encode ((const guchar *) payload, strlen (payload));

  g_strdelimit (p, "+", '-');
  g_strdelimit (p, "/", '_');
  for (char *end = p + strlen (p); end > p && end[-1] == '='; end--)
    end[-1] = '\0';
  return g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln", p);
}

static void
test_jwt (void)
{
  g_autofree char *full = make_token ("{\"sub\":\"devops@vsphere.local\",\"exp\":1900000000}");
  g_autofree char *no_exp = make_token ("{\"sub\":\"a\"}");
  g_autofree char *array = make_token ("[1]");
  g_autofree char *huge = make_token ("{\"exp\":1e308}");
  /* Found by the fuzzer: a negative exp, and a payload json-glib reads
   * as two values. */
  g_autofree char *negative = make_token ("{\"sub\":\"dd\",\"exp\":-90000}");
  g_autofree char *two_values = make_token ("'2'{\"exp\":\"s\"}");
  g_autofree char *two_objects = make_token ("{\"exp\":1}{\"exp\":2}");
  static const char *broken[] = { "", "abc", "a.b", "a.b.c.d", "a.!!!.c", "a..c", NULL };
  g_autofree char *subject = NULL;
  gint64 exp = -1;

  g_assert_true (pac_jwt_read_claims (full, &exp, &subject, NULL));
  g_assert_cmpint (exp, ==, 1900000000);
  g_assert_cmpstr (subject, ==, "devops@vsphere.local");
  g_assert_true (pac_jwt_read_claims (no_exp, &exp, NULL, NULL));
  g_assert_cmpint (exp, ==, 0);
  g_assert_true (pac_jwt_read_claims (huge, &exp, NULL, NULL));
  g_assert_cmpint (exp, ==, 0);
  g_assert_false (pac_jwt_read_claims (array, &exp, NULL, NULL));
  g_assert_true (pac_jwt_read_claims (negative, &exp, NULL, NULL));
  g_assert_cmpint (exp, ==, 0);
  g_assert_false (pac_jwt_read_claims (two_values, &exp, NULL, NULL));
  g_assert_false (pac_jwt_read_claims (two_objects, &exp, NULL, NULL));
  for (guint i = 0; broken[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (pac_jwt_read_claims (broken[i], NULL, NULL, &error));
      g_assert_error (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION);
    }
}

static void
test_redaction (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    { "POST /wcp/login HTTP/1.1\nAuthorization: Basic ZGV2b3BzOnNlY3JldA==\nHost: sv",
      "POST /wcp/login HTTP/1.1\nAuthorization: [redacted]\nHost: sv" },
    { "authorization: Bearer eyJ.abc.def", "authorization: [redacted]" },
    { "vmware-api-session-id: 0123abcd", "vmware-api-session-id: [redacted]" },
    { "{\"session_id\":\"eyJ.x.y\",\"other\":1}", "{\"session_id\":\"[redacted]\",\"other\":1}" },
    { "{\"password\": \"p\\\"w\"}", "{\"password\": \"[redacted]\"}" },
    { "nothing secret here", "nothing secret here" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = pac_log_redact (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_parse_ca (void)
{
  g_autofree char *path
    = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "ca", "seed-pem", NULL);
  g_autofree char *pem = NULL;
  g_autofree char *base64 = NULL;
  g_autoptr (GTlsCertificate) from_pem = NULL;
  g_autoptr (GTlsCertificate) from_base64 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;

  g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
  base64 = g_base64_encode ((const guchar *) pem, strlen (pem));
  from_pem = pac_trust_parse_ca (pem, -1, &error);
  g_assert_no_error (error);
  from_base64 = pac_trust_parse_ca (base64, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_tls_certificate_is_same (from_pem, from_base64));
  description = pac_trust_describe (from_pem);
  g_assert_nonnull (strstr (description, "Harbor Root CA"));
  g_assert_nonnull (strstr (description, "SHA-256: "));

  g_assert_null (pac_trust_parse_ca ("not a certificate", -1, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pac_trust_parse_ca ("aGVsbG8=", -1, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/errors/kubernetes-status", test_kubernetes_status);
  g_test_add_func ("/errors/vcenter", test_vcenter);
  g_test_add_func ("/jwt/claims", test_jwt);
  g_test_add_func ("/log/redaction", test_redaction);
  g_test_add_func ("/trust/parse-ca", test_parse_ca);

  return g_test_run ();
}
