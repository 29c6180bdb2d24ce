/* pac-registry-daemon-set.h: the DaemonSet route of registry trust, as
 * manifests (doc/resources.md, "Registry CAs")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-guest-state.h"
#include "pac-registry-ca.h"

G_BEGIN_DECLS

#define PAC_REGISTRY_NAMESPACE "pacific-registry-trust"
#define PAC_REGISTRY_DAEMON_SET "pacific-registry-trust"
#define PAC_REGISTRY_SECRET "pacific-registry-cas"
#define PAC_REGISTRY_SCRIPT "pacific-registry-install"
#define PAC_REGISTRY_CAS_ANNOTATION "pacificapp.github.io/cas-sha256"

char *pac_registry_daemon_set_default_image (JsonArray *nodes);
JsonObject *pac_registry_daemon_set_secret_data (JsonObject *secret,
                                                 const PacRegistryCa *add,
                                                 const char *remove);
GPtrArray *pac_registry_daemon_set_plan (JsonObject *secret_data, guint minor, const char *image);
GPtrArray *pac_registry_daemon_set_removal (void);
GStrv pac_registry_daemon_set_ready_nodes (JsonObject *daemon_set, JsonArray *pods);

G_END_DECLS
