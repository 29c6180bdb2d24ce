/* sim-kind.h: what the simulator knows about one served resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _SimKind SimKind;
typedef struct _SimProtoMessage SimProtoMessage;
typedef struct _SimServer SimServer;

/* A printer column, as a CRD's additionalPrinterColumns declares it;
 * built-in kinds compute some cells ("1/3" ready pods) with @compute. */
typedef struct
{
  const char *name;
  const char *type; /* string, integer, number, boolean, date */
  const char *json_path;
  const char *description;
  int priority; /* 0: always; 1: with -o wide */
  char *(*compute) (JsonObject *object);
} SimColumn;

/* A field error, as kube-apiserver reports it in Status.details.causes. */
typedef struct
{
  char *reason;  /* FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, ... */
  char *field;   /* "spec.topology.controlPlane.vmClass" */
  char *message; /* "Required value" */
} SimCause;

/* Checks an object about to be stored (old is NULL on create) and adds
 * causes; may also fill in defaults. */
typedef void (*SimValidateFunc) (SimServer *server,
                                 const SimKind *kind,
                                 JsonObject *object,
                                 JsonObject *old,
                                 GPtrArray *causes);

/* Converts @object between @kind's version and the stored form
 * (to_storage) or back; returns a new object. Kinds served in several
 * versions store one form, the way kube-apiserver keeps one storage
 * version. */
typedef JsonObject *(*SimConvertFunc) (const SimKind *kind,
                                       JsonObject *object,
                                       gboolean to_storage);

/* Answers a create of a virtual kind (SelfSubjectAccessReview). */
typedef JsonObject *(*SimVirtualCreateFunc) (SimServer *server,
                                             const char *user,
                                             const char *const *groups,
                                             JsonObject *object);

struct _SimKind
{
  const char *group;         /* "" for the core group */
  const char *storage_group; /* another group's storage this kind shows (NULL: its own) */
  const char *version;
  const char *plural;
  const char *singular;
  const char *kind;
  const char *const *short_names;
  const char *const *categories;
  gboolean namespaced;
  gboolean has_status;     /* a status subresource: status kept apart from spec writes */
  gboolean has_scale;      /* a scale subresource (autoscaling/v1 Scale of spec.replicas) */
  gboolean has_generation; /* metadata.generation counts spec changes */
  gboolean public_read;    /* any signed-in user may get/list/watch (cluster-scoped catalogues) */
  gboolean unconditional_update; /* PUT without resourceVersion allowed (core kinds) */
  const SimColumn *columns;      /* NULL-name terminated; "Name" first is implied */
  const char *schema_name;       /* e.g. "io.k8s.api.core.v1.ConfigMap" */
  const char *schema_json;       /* OpenAPI v3 schema of the whole object */
  SimValidateFunc validate;
  const char *admission_webhook; /* validate's causes come from this webhook */
  SimConvertFunc convert;
  SimVirtualCreateFunc virtual_create;
  const SimProtoMessage *protobuf; /* fields of the protobuf form, for typed clients */
  const char *const *field_labels; /* fieldSelector keys beyond metadata.name/namespace */
};

void sim_cause_free (SimCause *cause);
void
sim_add_cause (GPtrArray *causes, const char *reason, const char *field, const char *format, ...)
  G_GNUC_PRINTF (4, 5);
char *sim_kind_api_version (const SimKind *kind);
char *sim_kind_storage_key (const SimKind *kind);
JsonObject *sim_kind_present (const SimKind *kind, JsonObject *stored);
JsonObject *sim_kind_to_storage (const SimKind *kind, JsonObject *object);
GPtrArray *sim_kind_present_all (const SimKind *kind, GPtrArray *stored);
const char *sim_kind_group_or_core (const SimKind *kind);

G_END_DECLS
