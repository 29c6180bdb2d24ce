/* test-deadline.h: how long a test waits for a condition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every wait in the suite ends as soon as its condition holds; its deadline
 * only bounds a failure. $PACIFIC_TEST_TIMEOUT_FACTOR stretches every
 * deadline alike (the sanitizer build and a machine busy with other work
 * are slower, never wrong), so that one number tunes the whole suite.
 */
#pragma once

#include <glib.h>

static inline guint
test_scaled_seconds (guint seconds)
{
  const char *factor = g_getenv ("PACIFIC_TEST_TIMEOUT_FACTOR");
  guint64 scale = factor ? g_ascii_strtoull (factor, NULL, 10) : 1;

  return seconds * (guint) CLAMP (scale, 1, 20);
}

/* The monotonic time @seconds (scaled) from now */
static inline gint64
test_deadline (guint seconds)
{
  return g_get_monotonic_time () + (gint64) test_scaled_seconds (seconds) * G_USEC_PER_SEC;
}

static inline gboolean
test_before (gint64 deadline)
{
  return g_get_monotonic_time () < deadline;
}

/* Between two looks at a condition: the main loop's pending work, then a
 * pause of @ms */
static inline void
test_pause_ms (guint ms)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (ms * 1000);
}
