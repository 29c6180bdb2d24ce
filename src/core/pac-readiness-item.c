/* pac-readiness-item.c: one line of a Supervisor's readiness checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The check, what was found (state and a sentence), and the fix Pacific
 * offers for it with the thing the fix works on.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-readiness-item.h"

struct _PacReadinessItem
{
  GObject parent_instance;

  PacCheck check;
  PacReadinessState state;
  char *detail;
  PacFix fix;
  char *target;
};

G_DEFINE_FINAL_TYPE (PacReadinessItem, pac_readiness_item, G_TYPE_OBJECT)

PacReadinessItem *
pac_readiness_item_new (PacCheck check,
                        PacReadinessState state,
                        const char *detail,
                        PacFix fix,
                        const char *target)
{
  PacReadinessItem *self = g_object_new (PAC_TYPE_READINESS_ITEM, NULL);

  self->check = check;
  self->state = state;
  self->detail = g_strdup (detail);
  self->fix = fix;
  self->target = g_strdup (target);
  return self;
}

PacCheck
pac_readiness_item_get_check (PacReadinessItem *self)
{
  return self->check;
}

PacReadinessState
pac_readiness_item_get_state (PacReadinessItem *self)
{
  return self->state;
}

const char *
pac_readiness_item_get_title (PacReadinessItem *self)
{
  switch (self->check)
    {
      case PAC_CHECK_SUPERVISOR:
        return _ ("Supervisor running");
      case PAC_CHECK_LIBRARY:
        return _ ("Kubernetes content library attached");
      case PAC_CHECK_SUBSCRIPTION:
        return _ ("Subscription reachable");
      case PAC_CHECK_SYNC:
        return _ ("Library synchronized");
      case PAC_CHECK_RELEASES:
        return _ ("Kubernetes releases on the Supervisor");
      case PAC_CHECK_NAMESPACE:
        return _ ("A vSphere namespace");
      case PAC_CHECK_NAMESPACE_SETUP:
        return _ ("Storage policy and VM class in every namespace");
      case PAC_N_CHECKS:
      default:
        break;
    }
  g_return_val_if_reached ("");
}

const char *
pac_readiness_item_get_detail (PacReadinessItem *self)
{
  return self->detail;
}

PacFix
pac_readiness_item_get_fix (PacReadinessItem *self)
{
  return self->fix;
}

const char *
pac_readiness_item_get_target (PacReadinessItem *self)
{
  return self->target;
}

/* Returns: (nullable): the fix button's label */
const char *
pac_readiness_item_get_fix_label (PacReadinessItem *self)
{
  switch (self->fix)
    {
      case PAC_FIX_CREATE_LIBRARY:
        return _ ("Create Subscribed Library…");
      case PAC_FIX_ATTACH_LIBRARY:
        return _ ("Attach");
      case PAC_FIX_SYNC_LIBRARY:
        return _ ("Synchronize");
      case PAC_FIX_NEW_NAMESPACE:
        return _ ("New Namespace…");
      case PAC_FIX_EDIT_NAMESPACE:
        return _ ("Edit Namespace…");
      case PAC_FIX_NONE:
      default:
        return NULL;
    }
}

const char *
pac_check_to_string (PacCheck check)
{
  static const char *const names[] = { "supervisor", "library",   "subscription",   "sync",
                                       "releases",   "namespace", "namespace-setup" };

  g_return_val_if_fail (check < G_N_ELEMENTS (names), "");
  return names[check];
}

const char *
pac_readiness_state_to_string (PacReadinessState state)
{
  static const char *const names[] = { "ok", "missing", "in-progress", "error", "unknown" };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), "");
  return names[state];
}

static void
pac_readiness_item_finalize (GObject *object)
{
  PacReadinessItem *self = PAC_READINESS_ITEM (object);

  g_free (self->detail);
  g_free (self->target);
  G_OBJECT_CLASS (pac_readiness_item_parent_class)->finalize (object);
}

static void
pac_readiness_item_class_init (PacReadinessItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_readiness_item_finalize;
}

static void
pac_readiness_item_init (PacReadinessItem *self)
{
}
