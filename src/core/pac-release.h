/* pac-release.h: a TanzuKubernetesRelease
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-resource.h"

G_BEGIN_DECLS

#define PAC_TYPE_RELEASE (pac_release_get_type ())

G_DECLARE_FINAL_TYPE (PacRelease, pac_release, PAC, RELEASE, PacResource)

char *pac_release_dup_version (PacRelease *self);
const char *pac_release_get_kubernetes_version (PacRelease *self);
gboolean pac_release_is_compatible (PacRelease *self);
gboolean pac_release_is_ready (PacRelease *self);
const char *pac_release_get_os_name (PacRelease *self);
const char *pac_release_get_image_name (PacRelease *self);
char *pac_release_dup_incompatibility (PacRelease *self);
GStrv pac_release_dup_updates (PacRelease *self);
GStrv pac_release_parse_updates (const char *message);

G_END_DECLS
