/* pac-version.h: Kubernetes / Tanzu Kubernetes release versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PAC_TYPE_VERSION (pac_version_get_type ())

/* A parsed version such as "v1.17.8+vmware.1-tkg.1.5417466": the
 * Kubernetes major.minor.patch, an optional pre-release and the VMware
 * build metadata after '+'. Immutable once parsed. */
typedef struct _PacVersion PacVersion;

GType pac_version_get_type (void) G_GNUC_CONST;
PacVersion *pac_version_parse (const char *text, GError **error);
PacVersion *pac_version_copy (const PacVersion *self);
void pac_version_free (PacVersion *self);

guint pac_version_get_major (const PacVersion *self);
guint pac_version_get_minor (const PacVersion *self);
guint pac_version_get_patch (const PacVersion *self);
const char *pac_version_get_prerelease (const PacVersion *self);
const char *pac_version_get_build (const PacVersion *self);
char *pac_version_to_string (const PacVersion *self);
char *pac_version_to_tkr_name (const PacVersion *self);

int pac_version_compare (const PacVersion *a, const PacVersion *b);
gboolean pac_version_check_upgrade (const PacVersion *from, const PacVersion *to, GError **error);
gboolean pac_version_uses_pod_security_policy (const PacVersion *self);

char *pac_version_string_from_tkr_name (const char *tkr_name);
char *pac_version_string_to_tkr_name (const char *version);
char *pac_version_string_from_image_name (const char *image_name);
char *pac_version_string_from_image (JsonObject *virtual_machine_image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacVersion, pac_version_free)

G_END_DECLS
