/* pac-supervisor.c: a Supervisor, as vCenter describes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCenter's namespace-management/clusters summary (cluster, cluster_name,
 * config_status, kubernetes_status), completed by the cluster's info
 * (api_server_cluster_endpoint, …) when it has been read. vCenter has no
 * watch: the list is refreshed by polling, and a refresh updates the
 * objects in place so rows bound to them stay.
 */
#include "pac-json.h"
#include "pac-supervisor.h"

struct _PacSupervisor
{
  GObject parent_instance;

  JsonObject *json;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CONFIG_STATUS,
  PROP_KUBERNETES_STATUS,
  PROP_ENDPOINT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacSupervisor, pac_supervisor, G_TYPE_OBJECT)

PacSupervisor *
pac_supervisor_new (JsonObject *summary)
{
  PacSupervisor *self = g_object_new (PAC_TYPE_SUPERVISOR, NULL);

  pac_supervisor_update (self, summary);
  return self;
}

/* Takes every member of @summary_or_info; notifies when one changed */
void
pac_supervisor_update (PacSupervisor *self, JsonObject *summary_or_info)
{
  g_autoptr (GList) members = json_object_get_members (summary_or_info);
  gboolean changed = FALSE;

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (summary_or_info, l->data);
      JsonNode *old = json_object_get_member (self->json, l->data);
      if (old == NULL || !json_node_equal (old, value))
        {
          json_object_set_member (self->json, l->data, json_node_copy (value));
          changed = TRUE;
        }
    }
  if (!changed)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_ID; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pac_supervisor_get_id (PacSupervisor *self)
{
  return pac_json_string (self->json, "cluster");
}

const char *
pac_supervisor_get_name (PacSupervisor *self)
{
  const char *name = pac_json_string (self->json, "cluster_name");

  return name ? name : pac_supervisor_get_id (self);
}

/* CONFIGURING, REMOVING, RUNNING or ERROR */
const char *
pac_supervisor_get_config_status (PacSupervisor *self)
{
  return pac_json_string (self->json, "config_status");
}

/* READY, WARNING or ERROR */
const char *
pac_supervisor_get_kubernetes_status (PacSupervisor *self)
{
  return pac_json_string (self->json, "kubernetes_status");
}

/* Returns: (nullable): the API address, once the info was read */
const char *
pac_supervisor_get_endpoint (PacSupervisor *self)
{
  return pac_json_string (self->json, "api_server_cluster_endpoint");
}

gboolean
pac_supervisor_is_running (PacSupervisor *self)
{
  return g_strcmp0 (pac_supervisor_get_config_status (self), "RUNNING") == 0;
}

/* Brings @store (of PacSupervisor) to @summaries: updates in place,
 * adds new ones, removes those that are gone */
void
pac_supervisor_store_update (GListStore *store, JsonArray *summaries)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; summaries && i < json_array_get_length (summaries); i++)
    {
      JsonObject *summary = pac_json_node_object (json_array_get_element (summaries, i));
      const char *id = pac_json_string (summary, "cluster");
      if (id)
        g_hash_table_insert (wanted, (gpointer) id, summary);
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      g_autoptr (PacSupervisor) supervisor = g_list_model_get_item (G_LIST_MODEL (store), i - 1);
      JsonObject *summary = g_hash_table_lookup (wanted, pac_supervisor_get_id (supervisor));
      if (summary == NULL)
        g_list_store_remove (store, i - 1);
      else
        {
          pac_supervisor_update (supervisor, summary);
          g_hash_table_remove (wanted, pac_supervisor_get_id (supervisor));
        }
    }
  for (guint i = 0; summaries && i < json_array_get_length (summaries); i++)
    {
      JsonObject *summary = pac_json_node_object (json_array_get_element (summaries, i));
      if (summary && g_hash_table_contains (wanted, pac_json_string (summary, "cluster") ?: ""))
        {
          g_autoptr (PacSupervisor) supervisor = pac_supervisor_new (summary);
          g_list_store_append (store, supervisor);
        }
    }
}

static void
pac_supervisor_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacSupervisor *self = PAC_SUPERVISOR (object);

  switch (id)
    {
      case PROP_ID:
        g_value_set_string (value, pac_supervisor_get_id (self));
        break;
      case PROP_NAME:
        g_value_set_string (value, pac_supervisor_get_name (self));
        break;
      case PROP_CONFIG_STATUS:
        g_value_set_string (value, pac_supervisor_get_config_status (self));
        break;
      case PROP_KUBERNETES_STATUS:
        g_value_set_string (value, pac_supervisor_get_kubernetes_status (self));
        break;
      case PROP_ENDPOINT:
        g_value_set_string (value, pac_supervisor_get_endpoint (self));
        break;
      case PROP_RUNNING:
        g_value_set_boolean (value, pac_supervisor_is_running (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_supervisor_finalize (GObject *object)
{
  g_clear_pointer (&PAC_SUPERVISOR (object)->json, json_object_unref);
  G_OBJECT_CLASS (pac_supervisor_parent_class)->finalize (object);
}

static void
pac_supervisor_class_init (PacSupervisorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pac_supervisor_get_property;
  object_class->finalize = pac_supervisor_finalize;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, read);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, read);
  properties[PROP_CONFIG_STATUS] = g_param_spec_string ("config-status", NULL, NULL, NULL, read);
  properties[PROP_KUBERNETES_STATUS]
    = g_param_spec_string ("kubernetes-status", NULL, NULL, NULL, read);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, read);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, read);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_supervisor_init (PacSupervisor *self)
{
  self->json = json_object_new ();
}
