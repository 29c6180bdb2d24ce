/* fuzz-manifest.c: libFuzzer target for TKC manifests: what is read
 * renders into YAML that reads again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-target.h"
#include "pac-error.h"
#include "pac-manifest.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PacManifest) manifest = pac_manifest_parse ((const char *) data, size, &error);
  g_autofree char *yaml = NULL;
  g_autoptr (PacManifest) again = NULL;
  g_autofree char *twice = NULL;

  if (manifest == NULL)
    {
      g_assert_true (error != NULL && error->domain == PAC_ERROR);
      return 0;
    }
  yaml = pac_manifest_render (pac_manifest_get_spec (manifest));
  again = pac_manifest_parse (yaml, -1, &error);
  g_assert_no_error (error);
  twice = pac_manifest_render (pac_manifest_get_spec (again));
  g_assert_cmpstr (twice, ==, yaml);
  return 0;
}
