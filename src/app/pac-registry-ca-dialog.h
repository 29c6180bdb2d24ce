/* pac-registry-ca-dialog.h: a private registry's root CA for guest clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-dialog.h"

#include "pac-node.h"
#include "pac-registry-trust.h"

G_BEGIN_DECLS

#define PAC_TYPE_REGISTRY_CA_DIALOG (pac_registry_ca_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PacRegistryCaDialog,
                      pac_registry_ca_dialog,
                      PAC,
                      REGISTRY_CA_DIALOG,
                      PacDialog)

PacRegistryCaDialog *pac_registry_ca_dialog_new (PacSupervisorClient *supervisor,
                                                 const PacCapabilities *capabilities,
                                                 PacNode *supervisor_node,
                                                 GPtrArray *checked);
void pac_registry_ca_dialog_load_file (PacRegistryCaDialog *self, GFile *file);
const char *pac_registry_ca_dialog_get_status (PacRegistryCaDialog *self);
const char *pac_registry_ca_dialog_get_cluster_result (PacRegistryCaDialog *self,
                                                       const char *namespace,
                                                       const char *cluster);

G_END_DECLS
