/* fuzz-yaml.c: libFuzzer target for the YAML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-target.h"
#include "pac-error.h"
#include "pac-yaml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pac_yaml_load ((const char *) data, size, &error);

  if (node)
    {
      g_autofree char *json = json_to_string (node, FALSE);
      g_assert_nonnull (json);
      g_assert_null (error);
    }
  else
    g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  return 0;
}
