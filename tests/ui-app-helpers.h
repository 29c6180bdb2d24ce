/* ui-app-helpers.h: the window signed in to a simulator, for the ui tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pac-alert.h"
#include "pac-session.h"
#include "pac-window.h"
#include "sim-fixture.h"

G_BEGIN_DECLS

PacNode *ui_find_node (PacNode *node, const char *key);
PacNode *ui_wait_for_node (PacSession *session, const char *key);
void ui_select_node (PacWindow *window, PacNode *node);
void ui_activate_when_enabled (PacWindow *window, const char *action, guint seconds);
GtkWidget *ui_find_row (GtkWidget *root, GType type, const char *title);
PacAlert *ui_wait_for_message_dialog (const char *heading);
PacAlert *ui_find_alert (const char *heading);
void ui_alert_respond (PacAlert *alert, const char *response);
gboolean ui_have_kubectl (void);
PacSession *ui_connect (SimFixture *sim,
                        PacAccountKind kind,
                        const char *user,
                        const char *password,
                        PacWindow **window);

G_END_DECLS
