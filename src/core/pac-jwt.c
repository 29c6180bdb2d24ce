/* pac-jwt.c: reading the claims of a WCP session token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the Supervisor can check the signature; the client reads "exp" to
 * log in again before the token lapses (doc/protocols.md, "Tokens and the guest's CA").
 */
#define G_LOG_DOMAIN "pac-jwt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pac-json.h"
#include "pac-error.h"
#include "pac-jwt.h"

/* base64url without padding, as JWTs use it */
static guchar *
decode_base64url (const char *text, gsize length, gsize *out_length)
{
  g_autofree char *padded = g_malloc (length + 4);
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      padded[n++] = c;
    }
  if (n % 4 == 1)
    return NULL;
  while (n % 4)
    padded[n++] = '=';
  padded[n] = '\0';
  return g_base64_decode (padded, out_length);
}

static gboolean
fail (GError **error)
{
  g_set_error_literal (error, PAC_ERROR, PAC_ERROR_AUTHENTICATION,
                       _ ("The server's session token is not a JSON Web Token"));
  return FALSE;
}

/**
 * pac_jwt_read_claims:
 * @expires_at: (out) (optional): "exp" in seconds since the epoch, or 0 when absent
 * @subject: (out) (optional) (nullable): "sub"
 *
 * Returns: %TRUE when @token is header.payload.signature with a JSON
 *   object payload, else %FALSE with %PAC_ERROR_AUTHENTICATION
 */
static gboolean
looks_like_one_object (const char *text, gsize length)
{
  gsize start = 0, end = length;
  int depth = 0;
  gboolean in_string = FALSE;

  while (start < end && g_ascii_isspace (text[start]))
    start++;
  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;
  if (end - start < 2 || text[start] != '{' || text[end - 1] != '}')
    return FALSE;
  /* The first brace must close at the last one. */
  for (gsize i = start; i < end; i++)
    {
      if (in_string)
        {
          if (text[i] == '\\')
            i++;
          else if (text[i] == '"')
            in_string = FALSE;
        }
      else if (text[i] == '"')
        in_string = TRUE;
      else if (text[i] == '{' || text[i] == '[')
        depth++;
      else if ((text[i] == '}' || text[i] == ']') && --depth == 0 && i != end - 1)
        return FALSE;
    }
  return depth == 0;
}

gboolean
pac_jwt_read_claims (const char *token, gint64 *expires_at, char **subject, GError **error)
{
  const char *first, *second;
  g_autofree guchar *payload = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root, *exp, *sub;
  JsonObject *claims;
  gsize length = 0;

  if (token == NULL || (first = strchr (token, '.')) == NULL
      || (second = strchr (first + 1, '.')) == NULL || strchr (second + 1, '.') != NULL)
    return fail (error);
  payload = decode_base64url (first + 1, second - first - 1, &length);
  /* json-glib 1.6 accepts several values in a row, of which it keeps
   * one: a claims payload must be one object, brace to brace. */
  if (payload == NULL || length == 0 || !looks_like_one_object ((const char *) payload, length)
      || !pac_json_load (parser, (const char *) payload, length, NULL))
    return fail (error);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error);
  claims = json_node_get_object (root);
  exp = json_object_get_member (claims, "exp");
  sub = json_object_get_member (claims, "sub");
  if (expires_at)
    {
      *expires_at = 0;
      if (exp && json_node_get_value_type (exp) == G_TYPE_INT64)
        *expires_at = MAX (json_node_get_int (exp), 0); /* before 1970: as good as none */
      /* A fractional "exp" is allowed; one out of range is as good as none. */
      else if (exp && json_node_get_value_type (exp) == G_TYPE_DOUBLE
               && json_node_get_double (exp) > 0 && json_node_get_double (exp) < 1e15)
        *expires_at = (gint64) json_node_get_double (exp);
    }
  if (subject)
    *subject = sub && json_node_get_value_type (sub) == G_TYPE_STRING
                 ? g_strdup (json_node_get_string (sub))
                 : NULL;
  return TRUE;
}
