/* pac-http.c: what every HTTP client of Pacific's shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Supervisor's connection (WCP and the Kubernetes API), the vCenter
 * client and the registry CA fetch each keep their own session, for
 * their own trust and connection limits, but make it here: one user
 * agent, one timeout policy, and the HTTP log (G_MESSAGES_DEBUG=pac-http)
 * with its secrets redacted (doc/design.md, "Credentials"). The Basic
 * authorization of the two sign-ins and the JSON reading of answers are
 * here too, so that a password is wiped in one place.
 */
#define G_LOG_DOMAIN "pac-http"

#include "config.h"

#include <string.h>

#include "pac-http.h"
#include "pac-json.h"
#include "pac-log.h"

static void
log_line (SoupLogger *logger,
          SoupLoggerLogLevel level,
          char direction,
          const char *data,
          gpointer user_data)
{
  g_autofree char *safe = pac_log_redact (data);

  /* structured, as g_debug() is: g_log() drops a debug message before any
   * writer sees it where GLib 2.80+ reads G_MESSAGES_DEBUG only once */
  g_log_structured ("pac-http", G_LOG_LEVEL_DEBUG, "MESSAGE", "%c %s", direction, safe);
}

/**
 * pac_http_session_new:
 * @database: (nullable): the only certificates trusted, or %NULL for the
 *   system's (the registry fetch, which reads any chain on purpose)
 * @max_conns_per_host: 0 for libsoup's default (2); a client that keeps
 *   watches open needs more, and keeps idle connections longer
 */
SoupSession *
pac_http_session_new (GTlsDatabase *database,
                      guint timeout_seconds,
                      guint max_conns_per_host,
                      PacHttpLog log)
{
  g_autofree char *agent = g_strdup_printf ("Pacific/%s", PACKAGE_VERSION);
  SoupSession *session;

  /* The connection limits are construct-only */
  if (max_conns_per_host > 0)
    session = soup_session_new_with_options (
      "user-agent", agent, "timeout", timeout_seconds, "idle-timeout", 90, "max-conns-per-host",
      max_conns_per_host, "max-conns", MAX (max_conns_per_host, 64), NULL);
  else
    session = soup_session_new_with_options ("user-agent", agent, "timeout", timeout_seconds, NULL);
  if (database)
    soup_session_set_tls_database (session, database);
  if (pac_log_http_enabled ())
    {
      g_autoptr (SoupLogger) logger = soup_logger_new (
        log == PAC_HTTP_LOG_BODIES ? SOUP_LOGGER_LOG_BODY : SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, log_line, NULL, NULL);
      soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
    }
  return session;
}

/* "Basic <base64 of user:password>"; the intermediate copies are wiped.
 * Wipe the answer once it is in the message's headers. */
char *
pac_http_basic_authorization (const char *username, const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", username, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  char *authorization = g_strdup_printf ("Basic %s", encoded);

  memset (pair, 0, strlen (pair));
  memset (encoded, 0, strlen (encoded));
  return authorization;
}

/* Returns: (transfer full) (nullable): the body as JSON, %NULL when it is
 * empty or not JSON (an error page) */
JsonNode *
pac_http_parse_json (GBytes *bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;

  if (data == NULL || length == 0 || !pac_json_load (parser, data, length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}
