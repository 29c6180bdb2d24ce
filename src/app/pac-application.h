/* pac-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PAC_TYPE_APPLICATION (pac_application_get_type ())

G_DECLARE_FINAL_TYPE (PacApplication, pac_application, PAC, APPLICATION, AdwApplication)

void pac_application_init_process (void);
PacApplication *pac_application_new (void);
GSettings *pac_application_get_settings (PacApplication *self);

G_END_DECLS
