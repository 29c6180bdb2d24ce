/* sim-api-scale.c: the scale subresource of Deployments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl scale reads and patches <deployment>/scale, an autoscaling/v1
 * Scale: spec.replicas to set, status.replicas and the selector as it
 * stands. A change of replicas is a change of the Deployment's spec (a
 * new generation), which its controller then follows.
 */
#define G_LOG_DOMAIN "sim-api"

#include "sim-api-private.h"

#include "sim-json.h"
#include "sim-patch.h"

/* "app=web,tier=front" from spec.selector.matchLabels */
static char *
selector_text (JsonObject *deployment)
{
  JsonObject *labels = sim_json_get_path_object (deployment, "spec.selector.matchLabels");
  g_autoptr (GList) keys = labels ? json_object_get_members (labels) : NULL;
  GString *text = g_string_new (NULL);

  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (text, "%s%s=%s", text->len ? "," : "", (char *) l->data,
                            json_object_get_string_member (labels, l->data));
  return g_string_free (text, FALSE);
}

static JsonObject *
scale_of (JsonObject *deployment)
{
  JsonObject *scale = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  JsonObject *status = json_object_new ();
  g_autofree char *selector = selector_text (deployment);

  JsonObject *source = sim_json_get_object (deployment, "metadata");

  json_object_set_string_member (scale, "kind", "Scale");
  json_object_set_string_member (scale, "apiVersion", "autoscaling/v1");
  for (const char *const *field
       = (const char *const[]){ "name", "namespace", "uid", "resourceVersion", "creationTimestamp",
                                NULL };
       *field; field++)
    if (source && json_object_has_member (source, *field))
      json_object_set_member (metadata, *field,
                              sim_json_node_copy (json_object_get_member (source, *field)));
  json_object_set_object_member (scale, "metadata", metadata);
  json_object_set_int_member (
    spec, "replicas", sim_json_get_int (sim_json_get_object (deployment, "spec"), "replicas", 1));
  json_object_set_object_member (scale, "spec", spec);
  json_object_set_int_member (
    status, "replicas",
    sim_json_get_int (sim_json_get_object (deployment, "status"), "replicas", 0));
  json_object_set_string_member (status, "selector", selector);
  json_object_set_object_member (scale, "status", status);
  return scale;
}

/* The Scale the client wants: a PUT's body, or a merge (or strategic
 * merge) patch applied to the Scale as it stands */
static JsonObject *
wanted_scale (Request *r, JsonObject *current, GError **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr (JsonObject) body = sim_api_request_body (r->msg, error);
  g_autoptr (JsonNode) target = NULL;
  g_autoptr (JsonNode) patch = NULL;
  g_autoptr (JsonNode) patched = NULL;

  if (body == NULL)
    return NULL;
  if (g_str_equal (soup_server_message_get_method (r->msg), "PUT"))
    return g_steal_pointer (&body);
  target = json_node_init_object (json_node_alloc (), current);
  patch = json_node_init_object (json_node_alloc (), body);
  if (g_strcmp0 (content_type, "application/merge-patch+json") == 0)
    patched = sim_patch_merge (target, patch);
  else if (g_strcmp0 (content_type, "application/strategic-merge-patch+json") == 0)
    patched = sim_patch_strategic (target, patch, error);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "the body of the request was in an unknown format - accepted media types "
                 "include: application/merge-patch+json, application/strategic-merge-patch+json");
  if (patched == NULL || !JSON_NODE_HOLDS_OBJECT (patched))
    return NULL;
  return json_object_ref (json_node_get_object (patched));
}

static void
write_scale (Request *r, JsonObject *deployment, JsonObject *current)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) wanted = wanted_scale (r, current, &error);
  JsonObject *spec = wanted ? sim_json_get_object (wanted, "spec") : NULL;
  JsonNode *replicas = spec ? json_object_get_member (spec, "replicas") : NULL;
  g_autoptr (JsonObject) changed = NULL;
  g_autoptr (JsonObject) answer = NULL;
  JsonObject *metadata;
  gint64 count;

  if (wanted == NULL)
    {
      sim_request_bad_request (r, error->message);
      return;
    }
  if (replicas == NULL || json_node_get_value_type (replicas) != G_TYPE_INT64
      || (count = json_node_get_int (replicas)) < 0 || count > G_MAXINT32)
    {
      sim_request_bad_request (r, "spec.replicas: Invalid value: must be a non-negative integer");
      return;
    }
  changed = sim_json_object_copy (deployment);
  metadata = sim_json_ensure_object (changed, "metadata");
  if (count != sim_json_get_int (sim_json_get_object (deployment, "spec"), "replicas", 1))
    {
      json_object_set_int_member (sim_json_ensure_object (changed, "spec"), "replicas", count);
      json_object_set_int_member (metadata, "generation",
                                  sim_json_get_int (metadata, "generation", 1) + 1);
      if (!sim_request_is_dry_run (r))
        sim_store_put (sim_server_get_store (r->server), r->storage_key, changed);
    }
  answer = scale_of (changed);
  sim_request_respond (r, 200, answer);
}

void
sim_api_scale (Request *r)
{
  const char *method = soup_server_message_get_method (r->msg);
  gboolean read = g_str_equal (method, "GET");
  JsonObject *deployment;
  g_autoptr (JsonObject) current = NULL;

  if (!read && !g_str_equal (method, "PUT") && !g_str_equal (method, "PATCH"))
    {
      sim_respond_status (r->msg, 405, "MethodNotAllowed",
                          "the server does not allow this method on the requested resource", NULL);
      return;
    }
  if (!sim_request_authorize (r, read ? "get" : (g_str_equal (method, "PUT") ? "update" : "patch"),
                              r->name)
      || !sim_request_check_dry_run (r))
    return;
  deployment
    = sim_store_get (sim_server_get_store (r->server), r->storage_key, r->namespace, r->name);
  if (deployment == NULL)
    {
      sim_request_not_found (r, r->kind, r->name);
      return;
    }
  current = scale_of (deployment);
  if (read)
    sim_request_respond (r, 200, current);
  else
    write_scale (r, deployment, current);
}
