/* sim-protobuf.h: reading Kubernetes protobuf request bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _SimProtoMessage SimProtoMessage;

typedef enum
{
  SIM_PROTO_STRING,
  SIM_PROTO_BOOL,
  SIM_PROTO_INT64,
  SIM_PROTO_MESSAGE,
  SIM_PROTO_STRING_MAP,
  SIM_PROTO_BYTES_MAP, /* map<string, bytes>: values base64 in JSON */
  SIM_PROTO_REPEATED_STRING,
  SIM_PROTO_REPEATED_MESSAGE,
} SimProtoType;

typedef struct
{
  guint number;
  const char *json_name;
  SimProtoType type;
  const SimProtoMessage *message; /* for MESSAGE and REPEATED_MESSAGE */
} SimProtoField;

struct _SimProtoMessage
{
  const SimProtoField *fields; /* terminated by number 0 */
};

extern const SimProtoMessage sim_proto_object_meta;

JsonObject *sim_protobuf_decode (const guint8 *data,
                                 gsize length,
                                 const char *expected_api_version,
                                 const char *expected_kind,
                                 const SimProtoMessage *message,
                                 GError **error);

G_END_DECLS
