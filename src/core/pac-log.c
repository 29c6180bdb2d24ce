/* pac-log.c: debug logging that never shows secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --debug and G_MESSAGES_DEBUG show HTTP traffic; Authorization,
 * vmware-api-session-id, session_id and passwords are replaced before a
 * line is logged (doc/design.md, "Credentials").
 */
#include "pac-log.h"

#include <string.h>

static GRegex *
redaction_pattern (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* Header lines, and JSON members holding secrets. */
      GRegex *r = g_regex_new ("((?:^|\\n)\\s*(?:[<>] )?(?:Authorization|Proxy-Authorization|"
                               "vmware-api-session-id|Cookie|Set-Cookie):\\s*)[^\\r\\n]*"
                               "|(\"(?:session_id|password|token|value|ssh-passwordkey|"
                               "guest_cluster_ca)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

static gboolean
replace (const GMatchInfo *match, GString *result, gpointer user_data)
{
  g_autofree char *header = g_match_info_fetch (match, 1);
  g_autofree char *member = g_match_info_fetch (match, 2);
  g_autofree char *quote = g_match_info_fetch (match, 3);

  if (header && *header)
    g_string_append_printf (result, "%s[redacted]", header);
  else
    g_string_append_printf (result, "%s[redacted]%s", member, quote);
  return FALSE;
}

char *
pac_log_redact (const char *text)
{
  return g_regex_replace_eval (redaction_pattern (), text, -1, 0, 0, replace, NULL, NULL);
}

/* G_MESSAGES_DEBUG=pac-http (or all) turns the HTTP log on. */
gboolean
pac_log_http_enabled (void)
{
  const char *domains = g_getenv ("G_MESSAGES_DEBUG");

  return domains && (strstr (domains, "pac-http") || strstr (domains, "all"));
}

/**
 * pac_log_set_debug_domains:
 * @domains: (nullable): "all", or domains separated by spaces or commas;
 *   %NULL turns debug messages off
 *
 * Debug messages of @domains from now on, as G_MESSAGES_DEBUG would give
 * at start. Setting the variable alone is not enough: GLib 2.80 and later
 * read it once, at the first message (--debug, and the tests that read
 * the HTTP log, set it later).
 */
void
pac_log_set_debug_domains (const char *domains)
{
  if (domains)
    g_setenv ("G_MESSAGES_DEBUG", domains, TRUE);
  else
    g_unsetenv ("G_MESSAGES_DEBUG");
#if GLIB_CHECK_VERSION(2, 80, 0)
  {
    g_auto (GStrv) list = domains ? g_strsplit_set (domains, " ,", -1) : NULL;

    /* newer than the API level Pacific is built for: used where present */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    g_log_writer_default_set_debug_domains ((const char *const *) list);
    G_GNUC_END_IGNORE_DEPRECATIONS
  }
#endif
}
