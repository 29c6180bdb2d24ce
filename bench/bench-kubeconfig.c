/* bench-kubeconfig.c: merging one cluster into a large kubeconfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-kubeconfig FILE RUNS — adds (and updates) one Pacific
 * context in FILE, RUNS times, and prints the median milliseconds of a
 * write (lock, read, merge, backup, fsync, rename).
 */
#include <stdio.h>
#include <stdlib.h>

#include "pac-kubeconfig.h"

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  int runs = argc > 2 ? atoi (argv[2]) : 0;
  double *times;

  if (argc != 3 || runs <= 0)
    {
      fprintf (stderr, "usage: bench-kubeconfig FILE RUNS\n");
      return 2;
    }
  times = g_new (double, runs);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (argv[1]);
      g_autoptr (GPtrArray) changes = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *token = g_strdup_printf ("token-%d", i);
      PacKubeconfigEntry *entry = pac_kubeconfig_entry_new (
        "10.0.0.9", "bench", "10.0.0.9", "wcp:10.0.0.9:devops", "https://10.0.0.9", NULL, "bench");
      gint64 start = g_get_monotonic_time ();

      pac_kubeconfig_entry_set_token (entry, token);
      pac_kubeconfig_add (kubeconfig, entry);
      changes = pac_kubeconfig_write (kubeconfig, &error);
      if (changes == NULL)
        {
          fprintf (stderr, "bench-kubeconfig: %s\n", error->message);
          return 1;
        }
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, runs, sizeof *times, compare);
  printf ("%.2f\n", times[runs / 2]);
  g_free (times);
  return 0;
}
