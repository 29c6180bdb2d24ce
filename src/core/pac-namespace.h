/* pac-namespace.h: a namespace on the Supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-resource.h"

G_BEGIN_DECLS

#define PAC_TYPE_NAMESPACE (pac_namespace_get_type ())

G_DECLARE_FINAL_TYPE (PacNamespace, pac_namespace, PAC, NAMESPACE, PacResource)

const char *pac_namespace_get_phase (PacNamespace *self);
gboolean pac_namespace_is_vsphere (PacNamespace *self);

G_END_DECLS
