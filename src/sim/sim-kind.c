/* sim-kind.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sim-kind.h"

void
sim_cause_free (SimCause *cause)
{
  g_free (cause->reason);
  g_free (cause->field);
  g_free (cause->message);
  g_free (cause);
}

void
sim_add_cause (GPtrArray *causes, const char *reason, const char *field, const char *format, ...)
{
  SimCause *cause = g_new0 (SimCause, 1);
  va_list args;

  va_start (args, format);
  cause->reason = g_strdup (reason);
  cause->field = g_strdup (field);
  cause->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (causes, cause);
}

/* "v1" for the core group, "<group>/<version>" otherwise */
char *
sim_kind_api_version (const SimKind *kind)
{
  if (kind->group[0] == '\0')
    return g_strdup (kind->version);
  return g_strdup_printf ("%s/%s", kind->group, kind->version);
}

/* Every served version of a resource shares one storage key. */
char *
sim_kind_storage_key (const SimKind *kind)
{
  return g_strdup_printf ("%s/%s", kind->storage_group ? kind->storage_group : kind->group,
                          kind->plural);
}

const char *
sim_kind_group_or_core (const SimKind *kind)
{
  return kind->group[0] ? kind->group : "core";
}

/* A new reference to @stored as @kind's version serves it */
JsonObject *
sim_kind_present (const SimKind *kind, JsonObject *stored)
{
  if (kind->convert == NULL)
    return json_object_ref (stored);
  return kind->convert (kind, stored, FALSE);
}

/* A new reference to @object, sent in @kind's version, in stored form */
JsonObject *
sim_kind_to_storage (const SimKind *kind, JsonObject *object)
{
  if (kind->convert == NULL)
    return json_object_ref (object);
  return kind->convert (kind, object, TRUE);
}

/* sim_kind_present() over a list; the array owns its objects */
GPtrArray *
sim_kind_present_all (const SimKind *kind, GPtrArray *stored)
{
  GPtrArray *shown = g_ptr_array_new_full (stored->len, (GDestroyNotify) json_object_unref);

  for (guint i = 0; i < stored->len; i++)
    g_ptr_array_add (shown, sim_kind_present (kind, g_ptr_array_index (stored, i)));
  return shown;
}
