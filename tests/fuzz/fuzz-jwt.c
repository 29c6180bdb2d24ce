/* fuzz-jwt.c: libFuzzer target for the JWT claims reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-jwt.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *subject = NULL;
  gint64 expires_at = -1;

  if (pac_jwt_read_claims (text, &expires_at, &subject, NULL))
    g_assert_cmpint (expires_at, >=, 0);
  else
    g_assert_null (subject);
  return 0;
}
