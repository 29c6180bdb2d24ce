/* ui-notifications.c: what the test session's notification server got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * build-aux/test-session runs build-aux/notification-server.py on the
 * session bus for the whole session, as a desktop runs GNOME Shell: the
 * app's GNotifications go there (tests in parallel share it) and each
 * title is a line of $PACIFIC_NOTIFICATIONS.
 */
#include "ui-notifications.h"

#include <string.h>

gboolean
ui_notifications_available (void)
{
  const char *log = g_getenv ("PACIFIC_NOTIFICATIONS");
  g_autofree char *ready = log ? g_strconcat (log, ".ready", NULL) : NULL;

  return ready && g_file_test (ready, G_FILE_TEST_EXISTS);
}

/* Whether a notification titled @title arrived */
gboolean
ui_notifications_seen (const char *title)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (g_getenv ("PACIFIC_NOTIFICATIONS"), &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  return g_strv_contains ((const char *const *) lines, title);
}
