/* replay.c: runs a fuzz target over its corpus without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gcc and sanitizer builds link each target with this main() and feed
 * it every file of the corpus directories given as arguments, so the
 * corpora stay regression tests where no libFuzzer is available.
 */
#include <glib.h>
#include <stdio.h>

#include "fuzz-target.h"

static int
replay_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 0;
}

int
main (int argc, char *argv[])
{
  guint n_inputs = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR|FILE...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          if (replay_file (argv[i]) != 0)
            return 1;
          n_inputs++;
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          if (replay_file (path) != 0)
            return 1;
          n_inputs++;
        }
    }
  printf ("replayed %u inputs\n", n_inputs);
  /* An empty corpus proves nothing. */
  return n_inputs > 0 ? 0 : 1;
}
