/* log-capture.c: a test reads the HTTP log as --debug would print it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * log_capture_install() once in main(); then debug messages of the
 * domains given to log_capture_start() are kept until log_capture_stop()
 * hands them over, instead of going to stderr. Other messages go where
 * GLib's default writer sends them.
 */
#include "log-capture.h"

#include "pac-log.h"

static GString *captured;

static GLogWriterOutput
capture_or_default (GLogLevelFlags level,
                    const GLogField *fields,
                    gsize n_fields,
                    gpointer user_data)
{
  if (captured == NULL || (level & G_LOG_LEVEL_DEBUG) == 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      g_string_append_printf (captured, "%s\n", (const char *) fields[i].value);
  return G_LOG_WRITER_HANDLED;
}

void
log_capture_install (void)
{
  g_log_set_writer_func (capture_or_default, NULL, NULL);
}

/* Turns the debug messages of @domains on and keeps them */
void
log_capture_start (const char *domains)
{
  g_return_if_fail (captured == NULL);
  pac_log_set_debug_domains (domains);
  captured = g_string_new (NULL);
}

/* Returns: (transfer full): what was logged since log_capture_start() */
char *
log_capture_stop (void)
{
  pac_log_set_debug_domains (NULL);
  return captured ? g_string_free (g_steal_pointer (&captured), FALSE) : g_strdup ("");
}
