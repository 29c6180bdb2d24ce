/* pac-readiness-fix.c: the fixes a readiness checklist offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/protocols.md, "vCenter REST": the subscription is probed for
 * its certificate's thumbprint (which the user confirms), the library
 * created with exactly one datastore backing, attached as the
 * Supervisor's default_kubernetes_service_content_library and synced.
 * The Supervisor then reads its releases on its own; the checklist's
 * next checks show them arrive.
 */
#define G_LOG_DOMAIN "pac-readiness"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-readiness-private.h"

/* ---- probe ---- */

static char *
probe_verdict (const char *url, JsonObject *answer, GError **error)
{
  const char *status = pac_json_string (answer, "status");
  JsonArray *said = pac_json_array (answer, "error_messages");
  g_autoptr (GString) reasons = g_string_new (NULL);

  if (g_strcmp0 (status, "SUCCESS") == 0)
    return g_strdup (
      pac_json_string (answer, "ssl_thumbprint") ? pac_json_string (answer, "ssl_thumbprint") : "");
  for (guint i = 0; said && i < json_array_get_length (said); i++)
    {
      const char *line = pac_json_string (pac_json_node_object (json_array_get_element (said, i)),
                                          "default_message");
      if (line)
        g_string_append_printf (reasons, " %s", line);
    }
  g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("vCenter cannot use %s: %s%s"), url,
               status ? status : "?", reasons->str);
  return NULL;
}

static void
on_probe (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);
  char *thumbprint
    = answer ? probe_verdict (g_task_get_task_data (task), pac_json_node_object (answer), &error)
             : NULL;

  if (thumbprint)
    g_task_return_pointer (task, thumbprint, g_free);
  else
    g_task_return_error (task, error);
}

void
pac_readiness_probe_async (PacReadiness *self,
                           const char *url,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  g_task_set_source_tag (task, pac_readiness_probe_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || !(g_str_equal (g_uri_get_scheme (uri), "https")
           || g_str_equal (g_uri_get_scheme (uri), "http")))
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID,
                               _ ("“%s” is not an http or https address"), url ? url : "");
      g_object_unref (task);
      return;
    }
  pac_vcenter_client_probe_library_async (pac_readiness_get_vcenter (self), url, cancellable,
                                          on_probe, task);
}

char *
pac_readiness_probe_finish (PacReadiness *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- create, attach, sync ---- */

/* Attached or synced: the Supervisor reads the library's releases once
 * it is synced, so the checklist shows it in progress until then. */
static void
on_library_changed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacReadiness *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (JsonNode) answer
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pac_readiness_mark_syncing (self, g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

static void
attach (GTask *task, const char *library)
{
  PacReadiness *self = g_task_get_source_object (task);

  g_task_set_task_data (task, g_strdup (library), g_free);
  pac_vcenter_client_attach_library_async (
    pac_readiness_get_vcenter (self), pac_readiness_get_cluster (self), library,
    g_task_get_cancellable (task), on_library_changed, g_object_ref (task));
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) id
    = pac_vcenter_client_call_finish (PAC_VCENTER_CLIENT (source), result, &error);

  if (id == NULL)
    g_task_return_error (task, error);
  else if (json_node_get_value_type (id) != G_TYPE_STRING)
    g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_SERVER,
                             _ ("vCenter created the library but did not say its id"));
  else
    attach (task, json_node_get_string (id));
}

void
pac_readiness_create_library_async (PacReadiness *self,
                                    const PacLibrarySpec *spec,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *name = g_strstrip (g_strdup (spec->name ? spec->name : ""));

  g_task_set_source_tag (task, pac_readiness_create_library_async);
  if (*name == '\0')
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID, _ ("The library needs a name"));
      return;
    }
  if (spec->datastore == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_INVALID,
                               _ ("The library needs a datastore"));
      return;
    }
  pac_vcenter_client_create_library_async (pac_readiness_get_vcenter (self), name, spec->datastore,
                                           spec->url, spec->thumbprint, spec->on_demand,
                                           cancellable, on_created, g_object_ref (task));
}

void
pac_readiness_attach_library_async (PacReadiness *self,
                                    const char *library,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_readiness_attach_library_async);
  attach (task, library);
}

void
pac_readiness_sync_library_async (PacReadiness *self,
                                  const char *library,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_readiness_sync_library_async);
  g_task_set_task_data (task, g_strdup (library), g_free);
  pac_vcenter_client_sync_library_async (pac_readiness_get_vcenter (self), library, cancellable,
                                         on_library_changed, task);
}

gboolean
pac_readiness_fix_finish (PacReadiness *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
