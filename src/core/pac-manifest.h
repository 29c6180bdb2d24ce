/* pac-manifest.h: TanzuKubernetesCluster YAML, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-cluster-spec.h"

G_BEGIN_DECLS

#define PAC_TYPE_MANIFEST (pac_manifest_get_type ())

G_DECLARE_FINAL_TYPE (PacManifest, pac_manifest, PAC, MANIFEST, GObject)

/* The OS annotation of TKR resolution on vSphere 8 */
#define PAC_MANIFEST_OS_ANNOTATION "run.tanzu.vmware.com/resolve-os-image"

PacManifest *pac_manifest_parse (const char *text, gssize length, GError **error);
PacClusterSpec *pac_manifest_get_spec (PacManifest *self);
GPtrArray *pac_manifest_get_problems (PacManifest *self);
gboolean pac_manifest_check (PacManifest *self, GError **error);
PacClusterSpec *pac_manifest_read (const char *text, gssize length, GError **error);

JsonNode *pac_manifest_to_json (PacClusterSpec *spec);
char *pac_manifest_render (PacClusterSpec *spec);
JsonNode *pac_manifest_editable (JsonNode *live);

G_END_DECLS
