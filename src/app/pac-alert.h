/* pac-alert.h: questions and alerts, with the widget each platform has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.5 replaces AdwMessageDialog (a window of its own) with
 * AdwAlertDialog (adaptive: centred on a wide window, a bottom sheet on a
 * narrow one, inside its parent). PacAlert is AdwAlertDialog where the
 * library has it and AdwMessageDialog before; the app calls pac_alert_*()
 * and a response handler takes a PacAlert, whichever it is. Most calls are
 * the same function under the other type's name; creating and presenting
 * differ (the message dialog takes its parent when made, the alert dialog
 * when presented) and live in pac-alert.c; the tests answer and find alerts
 * with ui_alert_respond() and ui_find_alert(). doc/architecture.md,
 * "Two platforms", says how the build chooses.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#ifndef PAC_ALERT_DIALOG
#define PAC_ALERT_DIALOG ADW_CHECK_VERSION (1, 5, 0)
#endif

#if PAC_ALERT_DIALOG
typedef AdwAlertDialog PacAlert;
typedef AdwAlertDialogClass PacAlertClass;
#define PAC_TYPE_ALERT ADW_TYPE_ALERT_DIALOG
#define PAC_ALERT(o) ADW_ALERT_DIALOG (o)
#define PAC_IS_ALERT(o) ADW_IS_ALERT_DIALOG (o)
#define pac_alert_add_responses adw_alert_dialog_add_responses
#define pac_alert_set_response_appearance adw_alert_dialog_set_response_appearance
#define pac_alert_set_default_response adw_alert_dialog_set_default_response
#define pac_alert_get_default_response adw_alert_dialog_get_default_response
#define pac_alert_set_close_response adw_alert_dialog_set_close_response
#define pac_alert_set_response_enabled adw_alert_dialog_set_response_enabled
#define pac_alert_get_response_enabled adw_alert_dialog_get_response_enabled
#define pac_alert_set_extra_child adw_alert_dialog_set_extra_child
#define pac_alert_get_extra_child adw_alert_dialog_get_extra_child
#define pac_alert_format_body adw_alert_dialog_format_body
#define pac_alert_format_heading adw_alert_dialog_format_heading
#define pac_alert_get_body adw_alert_dialog_get_body
#define pac_alert_get_heading adw_alert_dialog_get_heading
#else
typedef AdwMessageDialog PacAlert;
typedef AdwMessageDialogClass PacAlertClass;
#define PAC_TYPE_ALERT ADW_TYPE_MESSAGE_DIALOG
#define PAC_ALERT(o) ADW_MESSAGE_DIALOG (o)
#define PAC_IS_ALERT(o) ADW_IS_MESSAGE_DIALOG (o)
#define pac_alert_add_responses adw_message_dialog_add_responses
#define pac_alert_set_response_appearance adw_message_dialog_set_response_appearance
#define pac_alert_set_default_response adw_message_dialog_set_default_response
#define pac_alert_get_default_response adw_message_dialog_get_default_response
#define pac_alert_set_close_response adw_message_dialog_set_close_response
#define pac_alert_set_response_enabled adw_message_dialog_set_response_enabled
#define pac_alert_get_response_enabled adw_message_dialog_get_response_enabled
#define pac_alert_set_extra_child adw_message_dialog_set_extra_child
#define pac_alert_get_extra_child adw_message_dialog_get_extra_child
#define pac_alert_format_body adw_message_dialog_format_body
#define pac_alert_format_heading adw_message_dialog_format_heading
#define pac_alert_get_body adw_message_dialog_get_body
#define pac_alert_get_heading adw_message_dialog_get_heading
#endif

/* for G_DECLARE_FINAL_TYPE (…, PacAlert) and g_autoptr */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacAlert, g_object_unref)

PacAlert *pac_alert_new (const char *heading, const char *body);
void pac_alert_present (PacAlert *alert, GtkWidget *parent);
void pac_alert_set_width (PacAlert *alert, int width);
GtkWidget *pac_alert_find_button (PacAlert *alert, const char *label);

G_END_DECLS
