/* pac-library-dialog.h: creating the subscribed library of Kubernetes
 * releases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-readiness.h"

G_BEGIN_DECLS

#define PAC_TYPE_LIBRARY_DIALOG (pac_library_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacLibraryDialog, pac_library_dialog, PAC, LIBRARY_DIALOG, PacDialog)

PacLibraryDialog *pac_library_dialog_new (PacReadiness *readiness);
/* For tests: the probed thumbprint, the status line, busy */
const char *pac_library_dialog_get_thumbprint (PacLibraryDialog *self);
const char *pac_library_dialog_get_status (PacLibraryDialog *self);
gboolean pac_library_dialog_is_busy (PacLibraryDialog *self);

G_END_DECLS
