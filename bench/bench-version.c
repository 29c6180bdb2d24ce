/* bench-version.c: how fast image and release names become versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The version picker maps every VirtualMachineImage and TKR of a Supervisor
 * (hundreds on a large one) on each list or watch event; this prints the
 * cost per name so a regression shows as a number.
 */
#include <stdio.h>

#include "pac-version.h"

static const char *names[] = {
  "ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466",
  "ob-18691651-tkgs-ova-ubuntu-2004-v1.20.8---vmware.1-tkg.2",
  "ob-22187091-ubuntu-2004-amd64-vmi-k8s-v1.26.5---vmware.2-fips.1-tkg.1",
  "centos-stream-8-vmservice-v1alpha1-1619529007339",
  "ubuntu-20-1633387172196",
};

int
main (void)
{
  const guint rounds = 200000;
  guint n_found = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *version = pac_version_string_from_image_name (names[i]);
        g_autoptr (PacVersion) parsed = version ? pac_version_parse (version, NULL) : NULL;
        n_found += parsed != NULL;
      }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("image name -> version: %.0f ns per name (%u names, %u with a version)\n",
          seconds * 1e9 / (rounds * G_N_ELEMENTS (names)), rounds * (guint) G_N_ELEMENTS (names),
          n_found);
  return 0;
}
