/* sim-tkg-service-configuration.c: the Supervisor's global TKG settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cluster-scoped object, tkg-service-configuration
 * (doc/resources.md, "Registry CAs"): defaultCNI, proxy, and from 7.0.2 the
 * global trust.additionalTrustedCAs; v1alpha1 on 7.0.1 and 7.0.2,
 * v1alpha2 on 7.0.3 (adds defaultNodeDrainTimeout), v1alpha3 on 8.0. No
 * public CRD exists: the schema follows the documented field list, and
 * the validation messages are the simulator's own (VMware's come from an
 * admission webhook that is not published).
 */
#define G_LOG_DOMAIN "sim-tkg-service-configuration"

#include "sim-server.h"
#include "sim-schema-json.h"

#include <string.h>

#include "sim-json.h"

#define PROXY                                                                                      \
  "\"proxy\":{\"type\":\"object\",\"properties\":{\"httpProxy\":" STRING ",\"httpsProxy\":" STRING \
  ",\"noProxy\":{\"type\":\"array\",\"items\":" STRING "}}}"
#define TRUST                                                                                      \
  "\"trust\":{\"type\":\"object\",\"properties\":{\"additionalTrustedCAs\":{\"type\":"             \
  "\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"name\":" STRING ",\"data\":" STRING  \
  "}}}}}"
#define SCHEMA(spec_fields)                                                                        \
  "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":\"object\","     \
  "\"properties\":{\"defaultCNI\":" STRING "," spec_fields "}},\"status\":{\"type\":\"object\","   \
  "\"x-kubernetes-preserve-unknown-fields\":true}}}"

static gboolean
valid_key_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* "base64-encoded string of a PEM encoded public cert" */
static gboolean
valid_ca_data (const char *data)
{
  gsize length = 0;
  g_autofree guchar *pem = NULL;
  g_autofree char *again = NULL;

  if (data == NULL || *data == '\0')
    return FALSE;
  pem = g_base64_decode (data, &length);
  again = g_base64_encode (pem, length);
  return g_str_equal (again, data)
         && g_strstr_len ((const char *) pem, length, "-----BEGIN CERTIFICATE-----") != NULL;
}

static void
validate_trust (JsonObject *spec, GPtrArray *causes)
{
  JsonObject *trust = sim_json_get_object (spec, "trust");
  JsonNode *list = trust ? json_object_get_member (trust, "additionalTrustedCAs") : NULL;
  JsonArray *cas;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;
  cas = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (cas); i++)
    {
      JsonObject *ca = json_array_get_object_element (cas, i);
      const char *name = sim_json_get_string (ca, "name");
      g_autofree char *name_field = g_strdup_printf ("spec.trust.additionalTrustedCAs[%u].name", i);
      g_autofree char *data_field = g_strdup_printf ("spec.trust.additionalTrustedCAs[%u].data", i);

      if (name == NULL)
        sim_add_cause (causes, "FieldValueRequired", name_field, "Required value");
      else if (!valid_key_name (name))
        sim_add_cause (causes, "FieldValueInvalid", name_field,
                       "Invalid value: \"%s\": a valid key name must consist only of alphanumeric "
                       "characters, a dash, an underscore or a dot",
                       name);
      if (sim_json_get_string (ca, "data") == NULL)
        sim_add_cause (causes, "FieldValueRequired", data_field, "Required value");
      else if (!valid_ca_data (sim_json_get_string (ca, "data")))
        sim_add_cause (
          causes, "FieldValueInvalid", data_field,
          "Invalid value: \"<certificate>\": must be a base64-encoded PEM certificate");
    }
}

static void
validate_proxy (JsonObject *spec, GPtrArray *causes)
{
  JsonObject *proxy = sim_json_get_object (spec, "proxy");
  static const char *const fields[] = { "httpProxy", "httpsProxy", NULL };

  if (proxy == NULL)
    return;
  for (guint i = 0; fields[i]; i++)
    {
      const char *url = sim_json_get_string (proxy, fields[i]);
      g_autofree char *field = g_strdup_printf ("spec.proxy.%s", fields[i]);

      /* Documented: all proxy fields are required, and only http:// is allowed. */
      if (url == NULL)
        sim_add_cause (causes, "FieldValueRequired", field, "Required value");
      else if (!g_str_has_prefix (url, "http://"))
        sim_add_cause (causes, "FieldValueInvalid", field,
                       "Invalid value: \"%s\": the proxy must be an http:// URL", url);
    }
  if (!json_object_has_member (proxy, "noProxy"))
    sim_add_cause (causes, "FieldValueRequired", "spec.proxy.noProxy", "Required value");
}

static void
validate (SimServer *server,
          const SimKind *kind,
          JsonObject *object,
          JsonObject *old,
          GPtrArray *causes)
{
  JsonObject *spec = sim_json_ensure_object (object, "spec");
  const char *cni = sim_json_get_string (spec, "defaultCNI");

  if (cni == NULL)
    json_object_set_string_member (spec, "defaultCNI", "antrea");
  else if (!g_str_equal (cni, "antrea") && !g_str_equal (cni, "calico")
           && !g_str_equal (cni, "antrea-nsx-routed"))
    sim_add_cause (causes, "FieldValueNotSupported", "spec.defaultCNI",
                   "Unsupported value: \"%s\": supported values: \"antrea\", \"calico\", "
                   "\"antrea-nsx-routed\"",
                   cni);
  validate_proxy (spec, causes);
  validate_trust (spec, causes);
}

#define KIND(ver, fields)                                                                          \
  {                                                                                                \
    .group = "run.tanzu.vmware.com", .version = ver, .plural = "tkgserviceconfigurations",         \
    .singular = "tkgserviceconfiguration", .kind = "TkgServiceConfiguration", .namespaced = FALSE, \
    .public_read = TRUE, .has_status = TRUE, .has_generation = TRUE,                               \
    .schema_name = "com.vmware.run." ver ".TkgServiceConfiguration",                               \
    .schema_json = SCHEMA (fields), .validate = validate,                                          \
    .columns = (const SimColumn[]){ { "Default CNI", "string", ".spec.defaultCNI", "", 0 },        \
                                    { "Age", "date", ".metadata.creationTimestamp", "", 0 },       \
                                    { NULL } },                                                    \
  }

static const SimKind v1alpha1_without_trust = KIND ("v1alpha1", PROXY);
static const SimKind v1alpha1 = KIND ("v1alpha1", PROXY "," TRUST);
static const SimKind v1alpha2
  = KIND ("v1alpha2", PROXY "," TRUST ",\"defaultNodeDrainTimeout\":" STRING);
static const SimKind v1alpha3
  = KIND ("v1alpha3", PROXY "," TRUST ",\"defaultNodeDrainTimeout\":" STRING);

const SimKind *
sim_tkg_service_configuration_kind (SimServer *self)
{
  const char *sv = sim_server_get_options (self)->supervisor_version;

  if (g_str_equal (sv, "7.0.1"))
    return &v1alpha1_without_trust;
  if (g_str_equal (sv, "7.0.2"))
    return &v1alpha1;
  if (g_str_equal (sv, "7.0.3"))
    return &v1alpha2;
  return &v1alpha3;
}
