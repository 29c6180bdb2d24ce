/* fuzz-version.c: libFuzzer target for the version and image-name parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-version.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (PacVersion) version = pac_version_parse (text, NULL);
  g_autofree char *from_image = pac_version_string_from_image_name (text);

  if (version != NULL)
    {
      /* Whatever parses must print back to something that parses the same. */
      g_autofree char *printed = pac_version_to_string (version);
      g_autofree char *tkr_name = pac_version_to_tkr_name (version);
      g_autoptr (PacVersion) again = pac_version_parse (printed, NULL);
      g_autoptr (PacVersion) from_tkr = pac_version_parse (tkr_name, NULL);

      g_assert_nonnull (again);
      g_assert_nonnull (from_tkr);
      g_assert_cmpint (pac_version_compare (version, again), ==, 0);
      g_assert_cmpint (pac_version_compare (version, from_tkr), ==, 0);
      pac_version_check_upgrade (version, again, NULL);
    }
  if (from_image != NULL)
    {
      g_autoptr (PacVersion) parsed = pac_version_parse (from_image, NULL);
      g_assert_nonnull (parsed);
    }
  return 0;
}
