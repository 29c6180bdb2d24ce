/* fuzz-kubeconfig.c: libFuzzer target for reading a kubeconfig context
 * into a connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-target.h"
#include "pac-connection.h"
#include "pac-error.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection
    = pac_connection_new_from_kubeconfig ((const char *) data, size, NULL, &error);

  if (connection == NULL)
    g_assert_true (error != NULL && error->domain == PAC_ERROR);
  return 0;
}
