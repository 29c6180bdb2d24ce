/* manifest-tool.c: PacManifest from the command line, for the schema
 * checks in check-manifest-schemas.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   manifest-tool samples CA.pem DIR   renders the sample specs of every
 *                                      API version into DIR
 *   manifest-tool check FILE…          one line a file: "ok" or
 *                                      "rejected: <first problem>"
 */
#include <stdio.h>

#include "manifest-samples.h"
#include "pac-manifest.h"

static int
write_samples (const char *ca_file, const char *dir)
{
  g_autofree char *ca_pem = NULL;

  if (!g_file_get_contents (ca_file, &ca_pem, NULL, NULL))
    return 1;
  for (PacTkcApi api = PAC_TKC_V1ALPHA1; api <= PAC_TKC_V1ALPHA3; api++)
    {
      g_autoptr (PacClusterSpec) minimal = manifest_sample_minimal (api);
      g_autoptr (PacClusterSpec) full = manifest_sample_full (api, ca_pem);
      const char *version = strrchr (pac_tkc_api_to_string (api), '/') + 1;
      g_autofree char *minimal_path = g_strdup_printf ("%s/minimal-%s.yaml", dir, version);
      g_autofree char *full_path = g_strdup_printf ("%s/full-%s.yaml", dir, version);
      g_autofree char *minimal_yaml = pac_manifest_render (minimal);
      g_autofree char *full_yaml = pac_manifest_render (full);

      if (!g_file_set_contents (minimal_path, minimal_yaml, -1, NULL)
          || !g_file_set_contents (full_path, full_yaml, -1, NULL))
        return 1;
      for (guint i = 0; i < 2; i++)
        {
          const char *cni = i ? "calico" : "antrea";
          g_autoptr (PacClusterSpec) article = manifest_sample_article (api, cni);
          g_autofree char *path = g_strdup_printf ("%s/article-%s-%s.yaml", dir, cni, version);
          g_autofree char *yaml = pac_manifest_render (article);

          if (!g_file_set_contents (path, yaml, -1, NULL))
            return 1;
        }
    }
  return 0;
}

static void
check (const char *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacClusterSpec) spec = NULL;

  if (!g_file_get_contents (path, &text, &length, &error))
    {
      printf ("%s: unreadable: %s\n", path, error->message);
      return;
    }
  spec = pac_manifest_read (text, length, &error);
  if (spec)
    printf ("%s: ok\n", path);
  else
    {
      char *newline = strchr (error->message, '\n');

      if (newline)
        *newline = '\0';
      printf ("%s: rejected: %s\n", path, error->message);
    }
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "samples"))
    return write_samples (argv[2], argv[3]);
  if (argc >= 2 && g_str_equal (argv[1], "check"))
    {
      for (int i = 2; i < argc; i++)
        check (argv[i]);
      return 0;
    }
  fprintf (stderr, "usage: manifest-tool samples CA.pem DIR | check FILE…\n");
  return 2;
}
