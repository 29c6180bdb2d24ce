/* fuzz-ca.c: libFuzzer target for the CA reader (PEM or base64 PEM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-trust.h"
#include "fuzz-target.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = pac_trust_parse_ca ((const char *) data, size, &error);

  if (certificate)
    {
      g_autofree char *fingerprint = pac_trust_fingerprint (certificate);
      g_autofree char *description = pac_trust_describe (certificate);
      g_assert_cmpuint (strlen (fingerprint), ==, 95);
      g_assert_nonnull (description);
    }
  else
    g_assert_nonnull (error);
  return 0;
}
