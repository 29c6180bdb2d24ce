/* pac-readiness-item.h: one line of a Supervisor's readiness checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PAC_CHECK_SUPERVISOR,
  PAC_CHECK_LIBRARY,
  PAC_CHECK_SUBSCRIPTION,
  PAC_CHECK_SYNC,
  PAC_CHECK_RELEASES,
  PAC_CHECK_NAMESPACE,
  PAC_CHECK_NAMESPACE_SETUP,
  PAC_N_CHECKS,
} PacCheck;

typedef enum
{
  PAC_READINESS_OK,
  PAC_READINESS_MISSING,
  PAC_READINESS_PROGRESS,
  PAC_READINESS_ERROR,
  PAC_READINESS_UNKNOWN, /* this account cannot see it */
} PacReadinessState;

typedef enum
{
  PAC_FIX_NONE,
  PAC_FIX_CREATE_LIBRARY,
  PAC_FIX_ATTACH_LIBRARY, /* target: the library id */
  PAC_FIX_SYNC_LIBRARY,   /* target: the library id */
  PAC_FIX_NEW_NAMESPACE,
  PAC_FIX_EDIT_NAMESPACE, /* target: the namespace */
} PacFix;

#define PAC_TYPE_READINESS_ITEM (pac_readiness_item_get_type ())

G_DECLARE_FINAL_TYPE (PacReadinessItem, pac_readiness_item, PAC, READINESS_ITEM, GObject)

PacReadinessItem *pac_readiness_item_new (PacCheck check,
                                          PacReadinessState state,
                                          const char *detail,
                                          PacFix fix,
                                          const char *target);
PacCheck pac_readiness_item_get_check (PacReadinessItem *self);
PacReadinessState pac_readiness_item_get_state (PacReadinessItem *self);
const char *pac_readiness_item_get_title (PacReadinessItem *self);
const char *pac_readiness_item_get_detail (PacReadinessItem *self);
PacFix pac_readiness_item_get_fix (PacReadinessItem *self);
const char *pac_readiness_item_get_target (PacReadinessItem *self);
const char *pac_readiness_item_get_fix_label (PacReadinessItem *self);

/* Untranslated words for scripts: "supervisor", "ok", "missing"… */
const char *pac_check_to_string (PacCheck check);
const char *pac_readiness_state_to_string (PacReadinessState state);

G_END_DECLS
