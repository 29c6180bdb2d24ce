/* sim-service-accounts.c: every namespace has a service account "default"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kube-controller-manager's service account controller runs in every
 * Kubernetes cluster, the Supervisor's as well as a guest's: a namespace
 * gets "default" soon after it is created (not in the same request), and
 * a "default" deleted comes back. A namespace being deleted gets none.
 */
#define G_LOG_DOMAIN "sim-service-accounts"

#include "sim-service-accounts.h"

#include "sim-json.h"
#include "sim-store.h"

#define SERVICE_ACCOUNTS "/serviceaccounts"

struct _SimServiceAccounts
{
  SimStore *store;
  gulong subscription;
  guint source;
};

static void
add_default (SimServiceAccounts *self, const char *namespace)
{
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *now = sim_json_now_rfc3339 ();
  g_autoptr (JsonObject) account = json_object_new ();
  JsonObject *metadata = json_object_new ();

  json_object_set_string_member (account, "apiVersion", "v1");
  json_object_set_string_member (account, "kind", "ServiceAccount");
  json_object_set_string_member (metadata, "name", "default");
  json_object_set_string_member (metadata, "namespace", namespace);
  json_object_set_string_member (metadata, "uid", uid);
  json_object_set_string_member (metadata, "creationTimestamp", now);
  json_object_set_object_member (account, "metadata", metadata);
  sim_store_put (self->store, SERVICE_ACCOUNTS, account);
}

static gboolean
ensure_defaults (gpointer user_data)
{
  SimServiceAccounts *self = user_data;
  g_autoptr (GPtrArray) namespaces = sim_store_list (self->store, "/namespaces", NULL);

  self->source = 0;
  for (guint i = 0; i < namespaces->len; i++)
    {
      JsonObject *namespace = g_ptr_array_index (namespaces, i);
      const char *name = sim_json_get_path_string (namespace, "metadata.name");

      if (g_strcmp0 (sim_json_get_path_string (namespace, "status.phase"), "Terminating") != 0
          && sim_store_get (self->store, SERVICE_ACCOUNTS, name, "default") == NULL)
        add_default (self, name);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule (SimServiceAccounts *self)
{
  if (self->source == 0)
    self->source = g_idle_add (ensure_defaults, self);
}

static void
on_event (const SimEvent *event, gpointer user_data)
{
  SimServiceAccounts *self = user_data;

  if ((event->type == SIM_EVENT_ADDED && g_str_equal (event->storage_key, "/namespaces"))
      || (event->type == SIM_EVENT_DELETED && g_str_equal (event->storage_key, SERVICE_ACCOUNTS)))
    schedule (self);
}

SimServiceAccounts *
sim_service_accounts_new (SimServer *server)
{
  SimServiceAccounts *self = g_new0 (SimServiceAccounts, 1);

  self->store = sim_server_get_store (server);
  self->subscription = sim_store_subscribe (self->store, on_event, self);
  schedule (self);
  return self;
}

void
sim_service_accounts_free (SimServiceAccounts *self)
{
  sim_store_unsubscribe (self->store, self->subscription);
  g_clear_handle_id (&self->source, g_source_remove);
  g_free (self);
}
