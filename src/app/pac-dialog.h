/* pac-dialog.h: Pacific's own dialogs, on the widget each platform has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account, kubeconfig, namespace, library, pod security, access,
 * registry CA and upgrade dialogs derive from PacDialog: an AdwDialog on
 * libadwaita 1.5 and later (drawn inside its window; a bottom sheet on a
 * narrow one), a modal AdwWindow before. Their templates name no parent
 * class and hold their content as a <child>, which both accept, so one
 * template serves both; what differs (size, showing, closing, the window
 * a file chooser belongs to) goes through the functions below.
 */
#pragma once

#include "pac-platform.h"

G_BEGIN_DECLS

#if PAC_ADW_DIALOG
typedef AdwDialog PacDialog;
typedef AdwDialogClass PacDialogClass;
#define PAC_TYPE_DIALOG ADW_TYPE_DIALOG
#else
typedef AdwWindow PacDialog;
typedef AdwWindowClass PacDialogClass;
#define PAC_TYPE_DIALOG ADW_TYPE_WINDOW
#endif
#define PAC_DIALOG(o) (G_TYPE_CHECK_INSTANCE_CAST ((o), PAC_TYPE_DIALOG, PacDialog))

/* for G_DECLARE_FINAL_TYPE (…, PacDialog) and g_autoptr */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacDialog, g_object_unref)

void pac_dialog_set_size (PacDialog *self, int width, int height);
void pac_dialog_set_title (PacDialog *self, const char *title);
void pac_dialog_present (PacDialog *self, GtkWidget *parent);
void pac_dialog_close (PacDialog *self);
void pac_dialog_force_close (PacDialog *self);
void pac_dialog_set_initial_focus (PacDialog *self, GtkWidget *widget);
GtkWindow *pac_dialog_get_window (PacDialog *self);
void pac_present_over (GtkWindow *window, GtkWidget *parent);
void pac_dialog_class_add_close (GtkWidgetClass *widget_class);

G_END_DECLS
