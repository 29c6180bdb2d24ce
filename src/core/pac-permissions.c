/* pac-permissions.c: what the user may do in a vSphere namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SelfSubjectAccessReview per action, sent together; the server's
 * answer is the truth (a role's name says nothing about what it grants
 * in a given release). A refusal keeps the server's reason, so the UI
 * can say why an action is greyed out.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-permissions.h"

struct _PacPermissions
{
  char *namespace;
  gboolean allowed[PAC_PERMISSION_N];
  char *reasons[PAC_PERMISSION_N];
};

typedef struct
{
  const char *verb;
  const char *group;
  const char *resource;
  gboolean namespaced;
} Review;

static const Review reviews[PAC_PERMISSION_N] = {
  [PAC_PERMISSION_CREATE_CLUSTERS]
  = { "create", "run.tanzu.vmware.com", "tanzukubernetesclusters", TRUE },
  [PAC_PERMISSION_DELETE_CLUSTERS]
  = { "delete", "run.tanzu.vmware.com", "tanzukubernetesclusters", TRUE },
  [PAC_PERMISSION_READ_SECRETS] = { "get", "", "secrets", TRUE },
  [PAC_PERMISSION_PATCH_SERVICE_CONFIGURATION]
  = { "patch", "run.tanzu.vmware.com", "tkgserviceconfigurations", FALSE },
  [PAC_PERMISSION_WATCH_ALL_CLUSTERS]
  = { "watch", "run.tanzu.vmware.com", "tanzukubernetesclusters", FALSE },
};

typedef struct
{
  PacPermissions *found;
  guint pending;
  GError *error;
} Query;

typedef struct
{
  GTask *task;
  PacPermission permission;
} Pending;

/* %NULL is allowed, as for g_free() */
void
pac_permissions_free (PacPermissions *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < PAC_PERMISSION_N; i++)
    g_free (self->reasons[i]);
  g_free (self->namespace);
  g_free (self);
}

static void
query_free (Query *query)
{
  g_clear_pointer (&query->found, pac_permissions_free);
  g_clear_error (&query->error);
  g_free (query);
}

static void
on_review (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr (GTask) task = pending->task;
  Query *query = g_task_get_task_data (task);
  GError *error = NULL;
  char *reason = NULL;
  gboolean allowed
    = pac_supervisor_client_can_finish (PAC_SUPERVISOR_CLIENT (source), result, &reason, &error);

  query->found->allowed[pending->permission] = allowed;
  query->found->reasons[pending->permission] = reason;
  if (error && query->error == NULL)
    query->error = error;
  else
    g_clear_error (&error);
  g_free (pending);
  if (--query->pending > 0)
    return;
  if (query->error)
    g_task_return_error (task, g_steal_pointer (&query->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&query->found),
                           (GDestroyNotify) pac_permissions_free);
}

/* Asks every review of PacPermission for @namespace at once */
void
pac_permissions_query_async (PacSupervisorClient *client,
                             const char *namespace,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  Query *query = g_new0 (Query, 1);

  g_task_set_source_tag (task, pac_permissions_query_async);
  query->found = g_new0 (PacPermissions, 1);
  query->found->namespace = g_strdup (namespace);
  query->pending = PAC_PERMISSION_N;
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  for (guint i = 0; i < PAC_PERMISSION_N; i++)
    {
      Pending *pending = g_new0 (Pending, 1);
      pending->task = g_object_ref (task);
      pending->permission = i;
      pac_supervisor_client_can_async (
        client, reviews[i].verb, reviews[i].group, reviews[i].resource,
        reviews[i].namespaced ? namespace : NULL, cancellable, on_review, pending);
    }
}

/* Returns: (transfer full): the answers */
PacPermissions *
pac_permissions_query_finish (PacSupervisorClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pac_permissions_allows (PacPermissions *self, PacPermission permission)
{
  g_return_val_if_fail (permission < PAC_PERMISSION_N, FALSE);

  return self->allowed[permission];
}

/* Returns: (nullable): why not, in the server's words, when not allowed */
const char *
pac_permissions_get_reason (PacPermissions *self, PacPermission permission)
{
  g_return_val_if_fail (permission < PAC_PERMISSION_N, NULL);

  if (self->allowed[permission])
    return NULL;
  return self->reasons[permission] && *self->reasons[permission]
           ? self->reasons[permission]
           : _ ("The Supervisor does not allow it");
}

const char *
pac_permissions_get_namespace (PacPermissions *self)
{
  return self->namespace;
}
