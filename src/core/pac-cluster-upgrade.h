/* pac-cluster-upgrade.h: which releases a cluster may move to, and the
 * patch that moves it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-supervisor-client.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;    /* the TanzuKubernetesRelease */
  char *version; /* its full version */
  gboolean allowed;
  char *reason; /* why not; NULL when allowed */
} PacUpgradeChoice;

void pac_upgrade_choice_free (PacUpgradeChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacUpgradeChoice, pac_upgrade_choice_free)

GPtrArray *pac_cluster_upgrade_choices (const char *current_version, JsonArray *releases);
JsonNode *pac_cluster_upgrade_patch (JsonObject *cluster, const PacUpgradeChoice *choice);

/* The cluster as it is now (for the patch's resourceVersion) and the choices */
typedef struct
{
  JsonObject *cluster;
  char *current_version;
  GPtrArray *choices; /* of PacUpgradeChoice: allowed first, newest first */
} PacUpgradePlan;

void pac_upgrade_plan_free (PacUpgradePlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacUpgradePlan, pac_upgrade_plan_free)

void pac_cluster_upgrade_load_async (PacSupervisorClient *client,
                                     const PacCapabilities *capabilities,
                                     const char *namespace,
                                     const char *name,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
PacUpgradePlan *pac_cluster_upgrade_load_finish (GAsyncResult *result, GError **error);

void pac_cluster_upgrade_async (PacSupervisorClient *client,
                                PacUpgradePlan *plan,
                                const PacUpgradeChoice *choice,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean pac_cluster_upgrade_finish (GAsyncResult *result, GError **error);

G_END_DECLS
