/* pac-image.h: a VirtualMachineImage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-resource.h"

G_BEGIN_DECLS

#define PAC_TYPE_IMAGE (pac_image_get_type ())

G_DECLARE_FINAL_TYPE (PacImage, pac_image, PAC, IMAGE, PacResource)

const char *pac_image_get_display_name (PacImage *self);
char *pac_image_dup_version (PacImage *self);
const char *pac_image_get_os_type (PacImage *self);

G_END_DECLS
