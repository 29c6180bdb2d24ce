/* pac-registry-trust.h: distributing a private registry's root CA to
 * guest clusters, by the routes a Supervisor offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-registry-ca.h"
#include "pac-supervisor-client.h"

G_BEGIN_DECLS

typedef enum
{
  PAC_REGISTRY_ROUTE_CLUSTER,    /* TKC spec.settings.network.trust: nodes roll */
  PAC_REGISTRY_ROUTE_GLOBAL,     /* TkgServiceConfiguration spec.trust: new nodes */
  PAC_REGISTRY_ROUTE_DAEMON_SET, /* Pacific's DaemonSet in the guest: every node now */
} PacRegistryRoute;

#define PAC_REGISTRY_N_ROUTES 3
#define PAC_REGISTRY_APPLIED_ANNOTATION "registry-ca.pacificapp.github.io/"

const char *pac_registry_route_to_string (PacRegistryRoute route);
gboolean pac_registry_route_from_string (const char *text, PacRegistryRoute *route);
const char *pac_registry_route_title (PacRegistryRoute route);
const char *pac_registry_route_explain (PacRegistryRoute route);
gboolean pac_registry_route_offered (PacRegistryRoute route,
                                     const PacCapabilities *capabilities,
                                     const char **why_not);

JsonArray *
pac_registry_trust_list_with (JsonArray *list, const PacRegistryCa *ca, gboolean *changed);
JsonArray *pac_registry_trust_list_without (JsonArray *list, const char *name, gboolean *changed);

/* What a cluster's nodes trust, one entry per CA and route */
typedef struct
{
  char *name;
  PacRegistryRoute route;
  GStrv trusting; /* node names */
  GStrv waiting;  /* node names that do not yet */
} PacRegistryEntry;

void pac_registry_entry_free (PacRegistryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacRegistryEntry, pac_registry_entry_free)

#define PAC_TYPE_REGISTRY_TRUST (pac_registry_trust_get_type ())

G_DECLARE_FINAL_TYPE (PacRegistryTrust, pac_registry_trust, PAC, REGISTRY_TRUST, GObject)

PacRegistryTrust *pac_registry_trust_new (PacSupervisorClient *supervisor,
                                          const PacCapabilities *capabilities);
void pac_registry_trust_set_image (PacRegistryTrust *self, const char *image);

/* @namespace and @cluster are ignored by the global route */
void pac_registry_trust_add_async (PacRegistryTrust *self,
                                   PacRegistryRoute route,
                                   const PacRegistryCa *ca,
                                   const char *namespace,
                                   const char *cluster,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
void pac_registry_trust_remove_async (PacRegistryTrust *self,
                                      PacRegistryRoute route,
                                      const char *name,
                                      const char *namespace,
                                      const char *cluster,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean pac_registry_trust_change_finish (PacRegistryTrust *self,
                                           GAsyncResult *result,
                                           gboolean *changed,
                                           GError **error);

void pac_registry_trust_status_async (PacRegistryTrust *self,
                                      const char *namespace,
                                      const char *cluster,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
GPtrArray *
pac_registry_trust_status_finish (PacRegistryTrust *self, GAsyncResult *result, GError **error);

G_END_DECLS
