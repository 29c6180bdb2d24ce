/* pac-namespace-page.h: details of a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-node.h"

G_BEGIN_DECLS

#define PAC_TYPE_NAMESPACE_PAGE (pac_namespace_page_get_type ())
G_DECLARE_FINAL_TYPE (PacNamespacePage, pac_namespace_page, PAC, NAMESPACE_PAGE, AdwPreferencesPage)

void pac_namespace_page_set_node (PacNamespacePage *self, PacNode *node);

G_END_DECLS
