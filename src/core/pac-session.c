/* pac-session.c: an account signed in, and the tree of what it sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A vCenter account reaches its Supervisors through vCenter (which also
 * vouches for their certificates); a Supervisor account is its one
 * Supervisor. Passwords come from the keyring through the clients, or
 * from memory when the user did not want them kept. The tree itself is
 * built in pac-session-tree.c.
 */
#define G_LOG_DOMAIN "pac-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-error.h"
#include "pac-session-private.h"

G_DEFINE_FINAL_TYPE (PacSession, pac_session, G_TYPE_OBJECT)

static guint settled_signal;

/* A cluster's long work ended (pac-session-tree.c): created, updated,
 * failed, or gone after deleting */
void
pac_session_emit_settled (PacSession *self, PacNode *cluster, gboolean deleted)
{
  g_signal_emit (self, settled_signal, 0, cluster, deleted);
}

PacSession *
pac_session_new (PacAccount *account, PacTrust *trust)
{
  PacSession *self;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (PAC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (PAC_IS_TRUST (trust), NULL);

  self = g_object_new (PAC_TYPE_SESSION, NULL);
  self->account = g_object_ref (account);
  self->trust = g_object_ref (trust);
  base_url = pac_account_get_base_url (account);
  if (pac_account_get_kind (account) == PAC_ACCOUNT_VCENTER)
    self->vcenter = pac_vcenter_client_new (base_url, pac_account_get_username (account), trust);
  pac_session_setup_root (self);
  return self;
}

PacAccount *
pac_session_get_account (PacSession *self)
{
  return self->account;
}

PacTrust *
pac_session_get_trust (PacSession *self)
{
  return self->trust;
}

PacNode *
pac_session_get_root (PacSession *self)
{
  return self->root;
}

PacVcenterClient *
pac_session_get_vcenter_client (PacSession *self)
{
  return self->vcenter;
}

/* Returns: (transfer none): the session whose tree @node is in */
PacSession *
pac_session_of (PacNode *node)
{
  while (pac_node_get_parent (node))
    node = pac_node_get_parent (node);
  return g_object_get_data (G_OBJECT (node), "pac-session");
}

/* Keeps @password in memory for this run: not written anywhere. */
void
pac_session_set_password (PacSession *self, const char *password)
{
  if (self->password)
    {
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  self->password = g_strdup (password);
  if (self->vcenter)
    pac_vcenter_client_set_password (self->vcenter, password);
  if (pac_account_get_kind (self->account) == PAC_ACCOUNT_SUPERVISOR)
    {
      PacSupervisorClient *client = pac_session_get_client (self, self->root);
      if (client)
        pac_connection_set_password (pac_supervisor_client_get_connection (client), password);
    }
}

PacConnection *
pac_session_new_connection (PacSession *self, const char *base_url)
{
  PacConnection *connection
    = pac_connection_new (base_url, pac_account_get_username (self->account), self->trust);

  if (self->password)
    pac_connection_set_password (connection, self->password);
  return connection;
}

/* ---- the connection test ---- */

/* What a 404 at the start means: the address is something else. */
static GError *
explain_wrong_kind (PacSession *self, GError *error)
{
  const char *address = pac_account_get_address (self->account);
  GError *explained;

  if (!g_error_matches (error, PAC_ERROR, PAC_ERROR_NOT_FOUND))
    return error;
  explained = g_error_new (PAC_ERROR, PAC_ERROR_INVALID,
                           pac_account_get_kind (self->account) == PAC_ACCOUNT_VCENTER
                             ? _ ("%s is not a vCenter with vSphere with Tanzu (%s)")
                             : _ ("%s is not a Supervisor (%s)"),
                           address, error->message);
  g_error_free (error);
  return explained;
}

static void
on_api_reached (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) version
    = pac_connection_request_finish (PAC_CONNECTION (source), result, &error);

  if (version == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PacSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  JsonNode *supervisors = NULL; /* only the answer counts here */

  if (self->vcenter)
    supervisors = pac_vcenter_client_call_finish (self->vcenter, result, &error);
  else
    pac_connection_login_finish (PAC_CONNECTION (source), result, &error);
  g_clear_pointer (&supervisors, json_node_unref);
  if (error)
    g_task_return_error (task, explain_wrong_kind (self, error));
  else if (self->vcenter == NULL)
    {
      /* Signed in at WCP; the Kubernetes API on port 6443 must answer too,
       * and may present a certificate of its own */
      GCancellable *cancellable = g_task_get_cancellable (task);

      pac_connection_request_async (PAC_CONNECTION (source), "GET", "/version", NULL, cancellable,
                                    on_api_reached, g_steal_pointer (&task));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pac_session_connect_async:
 *
 * Signs in once, to test the address, the certificate and the password:
 * a vCenter lists its Supervisors, a Supervisor gives a token and its
 * Kubernetes API answers.
 */
void
pac_session_connect_async (PacSession *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_session_connect_async);
  if (self->vcenter)
    pac_vcenter_client_list_supervisors_async (self->vcenter, cancellable, on_connect_done, task);
  else
    pac_connection_login_async (
      pac_supervisor_client_get_connection (pac_session_get_client (self, self->root)), cancellable,
      on_connect_done, task);
}

gboolean
pac_session_connect_finish (PacSession *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Stops every request and watch of this session. */
void
pac_session_close (PacSession *self)
{
  g_cancellable_cancel (self->cancellable);
  pac_node_set_loader (self->root, NULL, NULL, NULL);
}

static void
pac_session_dispose (GObject *object)
{
  PacSession *self = PAC_SESSION (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->root);
  g_clear_object (&self->vcenter);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pac_session_parent_class)->dispose (object);
}

static void
pac_session_finalize (GObject *object)
{
  PacSession *self = PAC_SESSION (object);

  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_clear_object (&self->account);
  g_clear_object (&self->trust);
  G_OBJECT_CLASS (pac_session_parent_class)->finalize (object);
}

static void
pac_session_class_init (PacSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pac_session_dispose;
  object_class->finalize = pac_session_finalize;

  /**
   * PacSession::cluster-settled:
   * @cluster: the cluster's node (when @deleted, no longer in the tree)
   * @deleted: the cluster was being deleted and is gone
   *
   * A cluster that was creating, updating or deleting is done: running,
   * failed, or gone. The window tells the user who is elsewhere.
   */
  settled_signal = g_signal_new ("cluster-settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, PAC_TYPE_NODE, G_TYPE_BOOLEAN);
}

static void
pac_session_init (PacSession *self)
{
  self->cancellable = g_cancellable_new ();
}
