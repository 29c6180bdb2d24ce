/* ui-helpers.h: finding and waiting for widgets in the ui tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*WidgetPredicate) (GtkWidget *widget, gconstpointer data);

GtkWidget *
ui_find_widget (GtkWidget *root, GType type, WidgetPredicate predicate, gconstpointer data);
gboolean ui_has_action (GtkWidget *widget, gconstpointer action);
GtkWindow *ui_find_toplevel (GType type);
GtkWidget *ui_find_shown (GType type);
GtkWidget *ui_find_dialog (GType type);
void ui_scroll_to (GtkWidget *widget);
void ui_close_all_windows (void);
void ui_assert_every_toplevel_shown (void);
void ui_wait_timeout (const char *what);
void ui_spin (guint ms);
guint ui_scaled_seconds (guint seconds);
gboolean ui_on_timeout (gpointer user_data);
void ui_save_screenshot (GtkWidget *widget, const char *name);

/* Spin the main loop until @done holds, failing after @seconds. */
#define UI_WAIT_FOR_SECONDS(done, seconds)                                                         \
  G_STMT_START                                                                                     \
  {                                                                                                \
    guint timeout_id                                                                               \
      = g_timeout_add_seconds (ui_scaled_seconds (seconds), ui_on_timeout, (gpointer) #done);      \
    while (!(done))                                                                                \
      g_main_context_iteration (NULL, TRUE);                                                       \
    g_source_remove (timeout_id);                                                                  \
  }                                                                                                \
  G_STMT_END

#define WAIT_FOR(done) UI_WAIT_FOR_SECONDS (done, 10)

G_END_DECLS
