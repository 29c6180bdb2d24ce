/* sim-openapi.h: the OpenAPI documents a Supervisor or guest serves, by
 * its Kubernetes version (/openapi/v2 always, /openapi/v3 from 1.24)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim-server.h"

G_BEGIN_DECLS

gboolean sim_openapi_has_v3 (SimServer *self);
gboolean sim_openapi_has_field_validation (SimServer *self);
JsonObject *sim_openapi_gvk (const SimKind *kind);
JsonObject *sim_openapi_info (SimServer *self);
JsonObject *sim_openapi_schema_with_gvk (const SimKind *kind);
char *sim_openapi_collection_path (const SimKind *kind);
JsonObject *sim_openapi_v2_document (SimServer *self);
GBytes *sim_openapi_v2_to_protobuf (JsonObject *doc);
void sim_openapi_v2_respond (SimServer *self, SoupServerMessage *msg);

G_END_DECLS
