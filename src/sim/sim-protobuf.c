/* sim-protobuf.c: reading Kubernetes protobuf request bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl's typed clients (auth can-i, create rolebinding, ...) send
 * built-in kinds as protobuf and do not fall back to JSON. The wire form
 * is the magic "k8s\0" followed by a runtime.Unknown message (typeMeta 1,
 * raw 2); raw holds the object, whose field numbers are those of the
 * kind's generated.proto. Kinds describe their fields in tables; fields
 * a table does not name are skipped, as a newer client may send them.
 */
#include "sim-protobuf.h"

#include <string.h>

enum
{
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LENGTH = 2,
  WIRE_FIXED32 = 5,
};

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

static gboolean
read_varint (Reader *r, guint64 *value)
{
  guint64 result = 0;

  for (int shift = 0; shift < 64 && r->p < r->end; shift += 7)
    {
      guint8 byte = *r->p++;
      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_bytes (Reader *r, const guint8 **data, gsize *length)
{
  guint64 n;

  if (!read_varint (r, &n) || n > (guint64) (r->end - r->p))
    return FALSE;
  *data = r->p;
  *length = (gsize) n;
  r->p += n;
  return TRUE;
}

static gboolean
skip_field (Reader *r, guint wire_type)
{
  guint64 ignored;
  const guint8 *data;
  gsize length;

  switch (wire_type)
    {
      case WIRE_VARINT:
        return read_varint (r, &ignored);
      case WIRE_LENGTH:
        return read_bytes (r, &data, &length);
      case WIRE_FIXED64:
        if (r->end - r->p < 8)
          return FALSE;
        r->p += 8;
        return TRUE;
      case WIRE_FIXED32:
        if (r->end - r->p < 4)
          return FALSE;
        r->p += 4;
        return TRUE;
      default:
        return FALSE;
    }
}

static const SimProtoField *
find_field (const SimProtoMessage *message, guint number)
{
  for (const SimProtoField *f = message->fields; f->number; f++)
    if (f->number == number)
      return f;
  return NULL;
}

static JsonObject *
decode_message (const guint8 *data, gsize length, const SimProtoMessage *message);

static gboolean
decode_map_entry (const guint8 *data, gsize length, JsonObject *map, gboolean binary)
{
  Reader r = { data, data + length };
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  while (r.p < r.end)
    {
      guint64 tag;
      const guint8 *bytes;
      gsize n;

      if (!read_varint (&r, &tag))
        return FALSE;
      if ((tag & 7) != WIRE_LENGTH)
        {
          if (!skip_field (&r, tag & 7))
            return FALSE;
          continue;
        }
      if (!read_bytes (&r, &bytes, &n))
        return FALSE;
      if ((tag >> 3) == 1)
        key = g_strndup ((const char *) bytes, n);
      else if ((tag >> 3) == 2)
        {
          g_free (value);
          /* bytes values (Secret data) are base64 in JSON */
          value = binary ? g_base64_encode (bytes, n) : g_strndup ((const char *) bytes, n);
        }
    }
  if (key == NULL)
    return FALSE;
  json_object_set_string_member (map, key, value ? value : "");
  return TRUE;
}

static gboolean
decode_field (Reader *r, const SimProtoField *f, guint wire_type, JsonObject *object)
{
  const guint8 *bytes;
  gsize n;
  guint64 number;

  if (f->type == SIM_PROTO_BOOL || f->type == SIM_PROTO_INT64)
    {
      if (wire_type != WIRE_VARINT || !read_varint (r, &number))
        return FALSE;
      if (f->type == SIM_PROTO_BOOL)
        json_object_set_boolean_member (object, f->json_name, number != 0);
      else
        json_object_set_int_member (object, f->json_name, (gint64) number);
      return TRUE;
    }
  if (wire_type != WIRE_LENGTH || !read_bytes (r, &bytes, &n))
    return FALSE;
  switch (f->type)
    {
      case SIM_PROTO_STRING:
        {
          g_autofree char *text = g_strndup ((const char *) bytes, n);
          if (!g_utf8_validate (text, -1, NULL) || strlen (text) != n)
            return FALSE;
          json_object_set_string_member (object, f->json_name, text);
          return TRUE;
        }
      case SIM_PROTO_REPEATED_STRING:
        {
          g_autofree char *text = g_strndup ((const char *) bytes, n);
          if (!json_object_has_member (object, f->json_name))
            json_object_set_array_member (object, f->json_name, json_array_new ());
          json_array_add_string_element (json_object_get_array_member (object, f->json_name), text);
          return TRUE;
        }
      case SIM_PROTO_STRING_MAP:
      case SIM_PROTO_BYTES_MAP:
        if (!json_object_has_member (object, f->json_name))
          json_object_set_object_member (object, f->json_name, json_object_new ());
        return decode_map_entry (bytes, n, json_object_get_object_member (object, f->json_name),
                                 f->type == SIM_PROTO_BYTES_MAP);
      case SIM_PROTO_MESSAGE:
      case SIM_PROTO_REPEATED_MESSAGE:
        {
          JsonObject *child = decode_message (bytes, n, f->message);
          if (child == NULL)
            return FALSE;
          if (f->type == SIM_PROTO_MESSAGE)
            json_object_set_object_member (object, f->json_name, child);
          else
            {
              if (!json_object_has_member (object, f->json_name))
                json_object_set_array_member (object, f->json_name, json_array_new ());
              json_array_add_object_element (json_object_get_array_member (object, f->json_name),
                                             child);
            }
          return TRUE;
        }
      default:
        return FALSE;
    }
}

static JsonObject *
decode_message (const guint8 *data, gsize length, const SimProtoMessage *message)
{
  Reader r = { data, data + length };
  g_autoptr (JsonObject) object = json_object_new ();

  while (r.p < r.end)
    {
      guint64 tag;
      const SimProtoField *f;

      if (!read_varint (&r, &tag))
        return NULL;
      f = find_field (message, (guint) (tag >> 3));
      if (f == NULL)
        {
          if (!skip_field (&r, tag & 7))
            return NULL;
          continue;
        }
      if (!decode_field (&r, f, tag & 7, object))
        return NULL;
    }
  return g_steal_pointer (&object);
}

static const SimProtoField type_meta_fields[] = {
  { 1, "apiVersion", SIM_PROTO_STRING, NULL },
  { 2, "kind", SIM_PROTO_STRING, NULL },
  { 0 },
};
static const SimProtoMessage type_meta = { type_meta_fields };

static const SimProtoField object_meta_fields[] = {
  { 1, "name", SIM_PROTO_STRING, NULL },
  { 2, "generateName", SIM_PROTO_STRING, NULL },
  { 3, "namespace", SIM_PROTO_STRING, NULL },
  { 5, "uid", SIM_PROTO_STRING, NULL },
  { 6, "resourceVersion", SIM_PROTO_STRING, NULL },
  { 7, "generation", SIM_PROTO_INT64, NULL },
  { 11, "labels", SIM_PROTO_STRING_MAP, NULL },
  { 12, "annotations", SIM_PROTO_STRING_MAP, NULL },
  { 14, "finalizers", SIM_PROTO_REPEATED_STRING, NULL },
  { 0 },
};
const SimProtoMessage sim_proto_object_meta = { object_meta_fields };

JsonObject *
sim_protobuf_decode (const guint8 *data,
                     gsize length,
                     const char *expected_api_version,
                     const char *expected_kind,
                     const SimProtoMessage *message,
                     GError **error)
{
  static const guint8 magic[] = { 'k', '8', 's', 0 };
  Reader r;
  const guint8 *raw = NULL;
  gsize raw_length = 0;
  g_autoptr (JsonObject) meta = NULL;
  JsonObject *object;

  if (length < sizeof magic || memcmp (data, magic, sizeof magic) != 0)
    goto bad;
  r = (Reader){ data + sizeof magic, data + length };
  while (r.p < r.end)
    {
      guint64 tag;
      const guint8 *bytes;
      gsize n;

      if (!read_varint (&r, &tag))
        goto bad;
      if ((tag & 7) != WIRE_LENGTH)
        {
          if (!skip_field (&r, tag & 7))
            goto bad;
          continue;
        }
      if (!read_bytes (&r, &bytes, &n))
        goto bad;
      if ((tag >> 3) == 1)
        meta = decode_message (bytes, n, &type_meta);
      else if ((tag >> 3) == 2)
        {
          raw = bytes;
          raw_length = n;
        }
    }
  if (meta == NULL || raw == NULL)
    goto bad;
  object = decode_message (raw, raw_length, message);
  if (object == NULL)
    goto bad;
  json_object_set_string_member (object, "apiVersion", expected_api_version);
  json_object_set_string_member (object, "kind", expected_kind);
  return object;

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the protobuf body could not be decoded");
  return NULL;
}
