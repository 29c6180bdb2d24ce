/* fuzz-models.c: libFuzzer target for the JSON object decoders: every
 * model's getters over any JSON object, and the message parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fuzz-target.h"
#include "pac-cluster.h"
#include "pac-connection.h"
#include "pac-image.h"
#include "pac-json.h"
#include "pac-namespace.h"
#include "pac-release.h"

static void
read_cluster (JsonObject *object)
{
  g_autoptr (PacCluster) cluster = pac_cluster_new (object);
  g_autofree char *endpoint = pac_cluster_dup_endpoint (cluster);
  g_auto (GStrv) updates = pac_cluster_dup_updates (cluster);

  g_free (pac_cluster_dup_version (cluster));
  /* host:port, whatever the object held */
  g_assert_true (endpoint == NULL || strchr (endpoint, ':') != NULL);
  pac_cluster_get_phase (cluster);
  pac_cluster_get_ready (cluster);
  pac_cluster_is_class_based (cluster);
  g_assert_cmpint (pac_cluster_get_control_plane_replicas (cluster), >=, 0);
  g_assert_cmpint (pac_cluster_get_worker_replicas (cluster), >=, 0);
  pac_cluster_get_condition_message (cluster, "Ready");
  g_assert_nonnull (updates);
}

static void
read_release (JsonObject *object)
{
  g_autoptr (PacRelease) release = g_object_new (PAC_TYPE_RELEASE, "json", object, NULL);
  g_auto (GStrv) updates = pac_release_dup_updates (release);

  g_free (pac_release_dup_version (release));
  pac_release_get_kubernetes_version (release);
  pac_release_is_compatible (release);
  pac_release_is_ready (release);
  pac_release_get_os_name (release);
  g_assert_nonnull (updates);
}

static void
read_image_and_namespace (JsonObject *object)
{
  g_autoptr (PacImage) image = g_object_new (PAC_TYPE_IMAGE, "json", object, NULL);
  g_autoptr (PacNamespace) ns = g_object_new (PAC_TYPE_NAMESPACE, "json", object, NULL);
  g_free (pac_image_dup_version (image));
  pac_image_get_display_name (image);
  pac_image_get_os_type (image);
  g_assert_nonnull (pac_namespace_get_phase (ns));
  pac_namespace_is_vsphere (ns);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (GStrv) updates = pac_release_parse_updates (text);
  JsonNode *root;

  g_assert_nonnull (updates);
  g_free (pac_connection_parse_warning (text));
  if (!pac_json_load (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  g_assert_true (pac_json_contains (root, root));
  if (pac_json_node_object (root) == NULL)
    return 0;
  read_cluster (json_node_get_object (root));
  read_release (json_node_get_object (root));
  read_image_and_namespace (json_node_get_object (root));
  return 0;
}
