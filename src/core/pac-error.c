/* pac-error.c: server and transport errors turned into PacError
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"

/* A 422's causes travel with the error, so that a form can mark its fields. */
typedef struct
{
  GPtrArray *problems; /* of PacProblem, or NULL */
} PacErrorPrivate;

static void
pac_error_private_init (PacErrorPrivate *priv)
{
  if (priv) /* the generated accessor may hand out NULL */
    priv->problems = NULL;
}

static void
pac_error_private_copy (const PacErrorPrivate *src, PacErrorPrivate *dest)
{
  if (src && dest)
    dest->problems = src->problems ? g_ptr_array_ref (src->problems) : NULL;
}

static void
pac_error_private_clear (PacErrorPrivate *priv)
{
  if (priv)
    g_clear_pointer (&priv->problems, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (PacError, pac_error)

/**
 * pac_error_get_problems:
 *
 * Returns: (transfer none) (nullable): the causes of a rejected request, as
 *   PacProblems with the server's field paths, or NULL
 */
GPtrArray *
pac_error_get_problems (const GError *error)
{
  PacErrorPrivate *priv
    = error && error->domain == PAC_ERROR ? pac_error_get_private (error) : NULL;

  return priv ? priv->problems : NULL;
}

static void
set_problems_from_causes (GError *error, JsonArray *causes)
{
  PacErrorPrivate *priv = pac_error_get_private (error);
  GPtrArray *problems;

  if (priv == NULL)
    return;
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_problem_free);

  for (guint i = 0; i < json_array_get_length (causes); i++)
    {
      JsonNode *cause = json_array_get_element (causes, i);
      JsonObject *c = JSON_NODE_HOLDS_OBJECT (cause) ? json_node_get_object (cause) : NULL;
      const char *message = pac_json_string (c, "message");

      if (message)
        g_ptr_array_add (problems, pac_problem_new (pac_json_string (c, "field"), message));
    }
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
  priv->problems = problems;
}

static PacErrorCode
code_for_http_status (guint status)
{
  switch (status)
    {
      case 400:
      case 415:
      case 422:
        return PAC_ERROR_INVALID;
      case 401:
        return PAC_ERROR_AUTHENTICATION;
      case 403:
        return PAC_ERROR_FORBIDDEN;
      case 404:
        return PAC_ERROR_NOT_FOUND;
      case 409:
      case 410:
        return PAC_ERROR_CONFLICT;
      case 408:
      case 504:
        return PAC_ERROR_TIMEOUT;
      default:
        return PAC_ERROR_SERVER;
    }
}

typedef struct
{
  const char *name;
  PacErrorCode code;
} NamedCode;

static gboolean
lookup_code (const NamedCode *table, gsize n, const char *name, PacErrorCode *code)
{
  for (gsize i = 0; name && i < n; i++)
    if (g_str_equal (name, table[i].name))
      {
        *code = table[i].code;
        return TRUE;
      }
  return FALSE;
}

/* Kubernetes reasons that say more than the HTTP status. */
static PacErrorCode
code_for_reason (const char *reason, guint status)
{
  static const NamedCode reasons[] = {
    { "Unauthorized", PAC_ERROR_AUTHENTICATION },
    { "Forbidden", PAC_ERROR_FORBIDDEN },
    { "NotFound", PAC_ERROR_NOT_FOUND },
    { "AlreadyExists", PAC_ERROR_CONFLICT },
    { "Conflict", PAC_ERROR_CONFLICT },
    { "Gone", PAC_ERROR_CONFLICT },
    { "Expired", PAC_ERROR_CONFLICT },
    { "Invalid", PAC_ERROR_INVALID },
    { "BadRequest", PAC_ERROR_INVALID },
    { "Timeout", PAC_ERROR_TIMEOUT },
    { "ServerTimeout", PAC_ERROR_TIMEOUT },
    { "InternalError", PAC_ERROR_SERVER },
    { "ServiceUnavailable", PAC_ERROR_SERVER },
    { "TooManyRequests", PAC_ERROR_SERVER },
  };
  PacErrorCode code;

  return lookup_code (reasons, G_N_ELEMENTS (reasons), reason, &code)
           ? code
           : code_for_http_status (status);
}

/**
 * pac_error_from_kubernetes_status:
 * @body: (nullable): the response body, a meta/v1 Status when the server sent one
 *
 * Returns: (transfer full): the error, with the server's message and, for
 *   422, each cause as "field: message"
 */
GError *
pac_error_from_kubernetes_status (guint http_status, JsonNode *body)
{
  JsonObject *status = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *message = pac_json_string (status, "message");
  const char *reason = pac_json_string (status, "reason");
  JsonObject *details = pac_json_object (status, "details");
  JsonNode *causes_node = details ? json_object_get_member (details, "causes") : NULL;
  g_autoptr (GString) text = NULL;
  GError *error;

  if (g_strcmp0 (pac_json_string (status, "kind"), "Status") != 0)
    return pac_error_from_http_status (http_status, NULL);
  text = g_string_new (message ? message : "");
  /* kube-apiserver already lists the causes in the message; keep it, but
   * make sure every field path is there when it was shortened. */
  if (causes_node && JSON_NODE_HOLDS_ARRAY (causes_node))
    {
      JsonArray *causes = json_node_get_array (causes_node);
      for (guint i = 0; i < json_array_get_length (causes); i++)
        {
          JsonNode *cause = json_array_get_element (causes, i);
          JsonObject *c = JSON_NODE_HOLDS_OBJECT (cause) ? json_node_get_object (cause) : NULL;
          const char *field = pac_json_string (c, "field");
          const char *cause_message = pac_json_string (c, "message");
          if (field && !strstr (text->str, field))
            g_string_append_printf (text, "%s%s: %s", text->len ? "; " : "", field,
                                    cause_message ? cause_message : "");
        }
    }
  if (text->len == 0)
    return pac_error_from_http_status (http_status, NULL);
  error = g_error_new_literal (PAC_ERROR, code_for_reason (reason, http_status), text->str);
  if (causes_node && JSON_NODE_HOLDS_ARRAY (causes_node))
    set_problems_from_causes (error, json_node_get_array (causes_node));
  return error;
}

static PacErrorCode
code_for_vcenter_type (const char *type, guint status)
{
  static const NamedCode types[] = {
    { "NOT_FOUND", PAC_ERROR_NOT_FOUND },        { "ALREADY_EXISTS", PAC_ERROR_CONFLICT },
    { "CONCURRENT_CHANGE", PAC_ERROR_CONFLICT }, { "INVALID_ARGUMENT", PAC_ERROR_INVALID },
    { "INVALID_REQUEST", PAC_ERROR_INVALID },    { "UNAUTHENTICATED", PAC_ERROR_AUTHENTICATION },
    { "UNAUTHORIZED", PAC_ERROR_FORBIDDEN },     { "TIMED_OUT", PAC_ERROR_TIMEOUT },
    { "SERVICE_UNAVAILABLE", PAC_ERROR_SERVER }, { "INTERNAL_SERVER_ERROR", PAC_ERROR_SERVER },
  };
  g_autofree char *upper = type ? g_ascii_strup (type, -1) : NULL;
  PacErrorCode code;

  return lookup_code (types, G_N_ELEMENTS (types), upper, &code) ? code
                                                                 : code_for_http_status (status);
}

/**
 * pac_error_from_vcenter:
 * @body: (nullable): {"error_type", "messages": [{"default_message"}]} from
 *   /api, or {"type": "com.vmware.vapi.std.errors.<kind>", "value": {"messages"}}
 *   from the legacy /rest
 */
GError *
pac_error_from_vcenter (guint http_status, JsonNode *body)
{
  JsonObject *object = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  const char *type = pac_json_string (object, "error_type");
  JsonObject *holder = object;
  JsonNode *messages;
  g_autoptr (GString) text = g_string_new (NULL);

  if (type == NULL && pac_json_string (object, "type"))
    {
      const char *legacy = pac_json_string (object, "type");
      const char *dot = strrchr (legacy, '.');
      type = dot ? dot + 1 : legacy;
      holder = pac_json_object (object, "value");
    }
  messages = holder ? json_object_get_member (holder, "messages") : NULL;
  if (messages && JSON_NODE_HOLDS_ARRAY (messages))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (messages)); i++)
      {
        JsonNode *m = json_array_get_element (json_node_get_array (messages), i);
        const char *line = JSON_NODE_HOLDS_OBJECT (m)
                             ? pac_json_string (json_node_get_object (m), "default_message")
                             : NULL;
        if (line)
          g_string_append_printf (text, "%s%s", text->len ? " " : "", line);
      }
  if (type == NULL && text->len == 0)
    return pac_error_from_http_status (http_status, NULL);
  /* As vCenter says it: the messages, then the error_type they came with */
  if (type)
    {
      g_autofree char *upper = g_ascii_strup (type, -1);
      g_string_append_printf (text, text->len ? " (%s)" : "%s", upper);
    }
  return g_error_new_literal (PAC_ERROR, code_for_vcenter_type (type, http_status), text->str);
}

/* For bodies that are neither: the HTTP status, and the server's text if short. */
GError *
pac_error_from_http_status (guint http_status, const char *server_text)
{
  const char *phrase = soup_status_get_phrase (http_status);

  if (server_text && *server_text && g_utf8_strlen (server_text, -1) < 300)
    return g_error_new (PAC_ERROR, code_for_http_status (http_status),
                        _ ("The server answered %u %s: %s"), http_status, phrase ? phrase : "",
                        server_text);
  return g_error_new (PAC_ERROR, code_for_http_status (http_status),
                      _ ("The server answered %u %s"), http_status, phrase ? phrase : "");
}

/* GIO, GTLS and libsoup errors from the connection itself. */
GError *
pac_error_from_transport (const GError *error)
{
  PacErrorCode code = PAC_ERROR_NETWORK;

  if (error->domain == PAC_ERROR)
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = PAC_ERROR_CANCELLED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = PAC_ERROR_TIMEOUT;
  else if (error->domain == G_TLS_ERROR)
    code = PAC_ERROR_TLS_UNTRUSTED;
  return g_error_new_literal (PAC_ERROR, code, error->message);
}

/* A DNS-1123 label: what Kubernetes and vCenter accept as a namespace
 * name, and what Pacific uses for names that become keys and files. */
gboolean
pac_check_dns_label (const char *name, GError **error)
{
  gsize length = name ? strlen (name) : 0;
  gboolean valid
    = length > 0 && length <= 63 && g_ascii_isalnum (name[0]) && g_ascii_isalnum (name[length - 1]);

  for (gsize i = 0; valid && i < length; i++)
    valid = (g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '-');
  if (!valid)
    g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                 _ ("“%s” is not a valid name: use up to %d lower-case letters, digits and "
                    "hyphens, starting and ending with a letter or digit"),
                 name ? name : "", 63);
  return valid;
}
