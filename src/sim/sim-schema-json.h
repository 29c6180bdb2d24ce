/* sim-schema-json.h: pieces of the kinds' OpenAPI schemas, as JSON text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only for the kind tables (sim-*-kinds.c): string literals that the
 * compiler joins into each kind's schema_json.
 */
#pragma once

/* metadata is ObjectMeta, resolved by sim_schema_resolve() */
#define META                                                                                       \
  "\"metadata\":{\"$ref\":\"#/components/schemas/"                                                 \
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta\"}"
#define TYPE_META "\"apiVersion\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\"}"
#define STRING "{\"type\":\"string\"}"
#define STRING_MAP "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"
#define OPEN "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}"
