/* pac-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-account-store.h"
#include "pac-application.h"
#include "pac-session.h"
#include "pac-sidebar.h"

G_BEGIN_DECLS

#define PAC_TYPE_WINDOW (pac_window_get_type ())
G_DECLARE_FINAL_TYPE (PacWindow, pac_window, PAC, WINDOW, AdwApplicationWindow)

PacWindow *pac_window_new (PacApplication *application);
void pac_window_start_demo (PacWindow *self);
PacAccountStore *pac_window_get_account_store (PacWindow *self);
GListModel *pac_window_get_sessions (PacWindow *self);
PacSidebar *pac_window_get_sidebar (PacWindow *self);
void pac_window_add_session (PacWindow *self, PacSession *session);
gboolean pac_window_show_cluster (PacWindow *self,
                                  const char *account_id,
                                  const char *namespace,
                                  const char *name);
void pac_window_toast (PacWindow *self, const char *message);
const char *pac_window_get_last_toast (PacWindow *self);

G_END_DECLS
