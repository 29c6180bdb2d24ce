/* bench-report.h: the line a window benchmark prints, for bench/window.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "WHAT COUNT RSS-KIB": what was reached (first-frame, tree-loaded), how
 * many clusters it shows, and the process's resident memory then.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline long
bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static inline void
bench_report (const char *what, guint count)
{
  printf ("%s %u %ld\n", what, count, bench_rss_kib ());
  fflush (stdout);
}
