/* pac-sign-out.c: an account's kubeconfig entries, cached tokens and
 * (when asked) password and trusted certificate, removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `kubectl vsphere logout` does, for one account: its entries go
 * from every kubeconfig given (only those marked as written for this
 * account and user; foreign ones stay, byte for byte), its tokens from
 * the Secret Service and the kernel keyring (the credential plugin's
 * cache), for the account's host and each Supervisor reached through it.
 * The password and the pinned certificate go only when asked: without
 * them the next sign-in asks again.
 */
#define G_LOG_DOMAIN "pac-sign-out"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-key-cache.h"
#include "pac-kubeconfig.h"
#include "pac-secrets.h"
#include "pac-error.h"
#include "pac-sign-out.h"

typedef struct
{
  char *host;
  guint16 port;
} Server;

struct _PacSignOut
{
  GObject parent_instance;

  PacTrust *trust;
  char *username;
  GArray *servers; /* Server: the account's first, then its Supervisors */
  GStrv files;
};

G_DEFINE_FINAL_TYPE (PacSignOut, pac_sign_out, G_TYPE_OBJECT)

void
pac_sign_out_file_free (PacSignOutFile *file)
{
  if (file == NULL)
    return;
  g_free (file->file);
  g_clear_pointer (&file->changes, g_ptr_array_unref);
  g_free (file->problem);
  g_free (file);
}

static void
server_clear (Server *server)
{
  g_free (server->host);
}

static void
pac_sign_out_finalize (GObject *object)
{
  PacSignOut *self = PAC_SIGN_OUT (object);

  g_clear_object (&self->trust);
  g_free (self->username);
  g_array_unref (self->servers);
  g_strfreev (self->files);
  G_OBJECT_CLASS (pac_sign_out_parent_class)->finalize (object);
}

static void
pac_sign_out_class_init (PacSignOutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_sign_out_finalize;
}

static void
pac_sign_out_init (PacSignOut *self)
{
  self->servers = g_array_new (FALSE, TRUE, sizeof (Server));
  g_array_set_clear_func (self->servers, (GDestroyNotify) server_clear);
}

/**
 * pac_sign_out_new:
 * @account_host: the account's server (a vCenter or a Supervisor)
 * @files: (nullable): the kubeconfigs to clean (NULL: kubectl's)
 */
PacSignOut *
pac_sign_out_new (PacTrust *trust,
                  const char *account_host,
                  guint16 account_port,
                  const char *username,
                  const char *const *files)
{
  PacSignOut *self = g_object_new (PAC_TYPE_SIGN_OUT, NULL);

  self->trust = g_object_ref (trust);
  self->username = g_strdup (username);
  self->files = files ? g_strdupv ((GStrv) files) : pac_kubeconfig_search_paths ();
  pac_sign_out_add_supervisor (self, account_host, account_port);
  return self;
}

/* A Supervisor reached through the account: its tokens go too, and its
 * kept CA with the certificate */
void
pac_sign_out_add_supervisor (PacSignOut *self, const char *host, guint16 port)
{
  Server server = { g_strdup (host), port };

  for (guint i = 0; i < self->servers->len; i++)
    if (g_str_equal (g_array_index (self->servers, Server, i).host, host)
        && g_array_index (self->servers, Server, i).port == port)
      {
        g_free (server.host);
        return;
      }
  g_array_append_val (self->servers, server);
}

static const char *
account_host (PacSignOut *self)
{
  return g_array_index (self->servers, Server, 0).host;
}

/* One file's removals, previewed or written */
static PacSignOutFile *
clean_file (PacSignOut *self, const char *path, gboolean write)
{
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  PacSignOutFile *file = g_new0 (PacSignOutFile, 1);
  g_autoptr (GError) error = NULL;

  file->file = pac_kubeconfig_get_target (kubeconfig);
  pac_kubeconfig_remove_account (kubeconfig, account_host (self), self->username);
  file->changes = write ? pac_kubeconfig_write (kubeconfig, &error)
                        : pac_kubeconfig_preview (kubeconfig, &error);
  if (file->changes == NULL)
    file->problem = g_strdup (error->message);
  return file;
}

static GPtrArray *
clean_files (PacSignOut *self, gboolean write)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_sign_out_file_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; self->files[i]; i++)
    {
      PacSignOutFile *file;

      if (!g_file_test (self->files[i], G_FILE_TEST_EXISTS))
        continue;
      file = clean_file (self, self->files[i], write);
      if (!g_hash_table_add (seen, g_strdup (file->file))
          || (file->problem == NULL && file->changes->len == 0))
        pac_sign_out_file_free (file); /* twice named, or nothing of ours */
      else
        g_ptr_array_add (files, file);
    }
  return files;
}

/**
 * pac_sign_out_preview:
 *
 * Returns: (transfer full) (element-type PacSignOutFile): each file with
 *   entries to remove, or that cannot be read
 */
GPtrArray *
pac_sign_out_preview (PacSignOut *self)
{
  return clean_files (self, FALSE);
}

static void
preview_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_pointer (task, clean_files (PAC_SIGN_OUT (source), FALSE),
                         (GDestroyNotify) g_ptr_array_unref);
}

/**
 * pac_sign_out_preview_async:
 *
 * pac_sign_out_preview() off the main thread: every kubeconfig is read and
 * parsed, which must not stall a window. Run @self only after it answered.
 */
void
pac_sign_out_preview_async (PacSignOut *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_sign_out_preview_async);
  g_task_run_in_thread (task, preview_thread);
}

/* Returns: (transfer full) (element-type PacSignOutFile): as
 *   pac_sign_out_preview(); %NULL only when cancelled */
GPtrArray *
pac_sign_out_preview_finish (PacSignOut *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forget_secrets (PacSignOut *self, PacSignOutFlags flags, GError **error)
{
  for (guint i = 0; i < self->servers->len; i++)
    {
      Server *server = &g_array_index (self->servers, Server, i);
      g_autoptr (GError) local = NULL;

      /* Without a keyring (a CI runner) no token was kept: nothing to clear */
      if (!pac_secrets_clear_tokens_sync (server->host, server->port, self->username, NULL, &local)
          && !g_error_matches (local, PAC_ERROR, PAC_ERROR_UNAVAILABLE) && error && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      g_clear_error (&local);
      pac_key_cache_forget_user (server->host, self->username);
      if ((flags & PAC_SIGN_OUT_FORGET_CERTIFICATE)
          && !pac_trust_forget (self->trust, server->host, server->port, &local) && error
          && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
    }
  if ((flags & PAC_SIGN_OUT_FORGET_PASSWORD) && error && *error == NULL)
    pac_secrets_clear_sync (PAC_SECRET_PASSWORD, account_host (self),
                            g_array_index (self->servers, Server, 0).port, self->username, NULL,
                            error);
}

static void
run_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PacSignOut *self = source;
  g_autoptr (GPtrArray) files = clean_files (self, TRUE);
  GError *error = NULL;

  forget_secrets (self, GPOINTER_TO_UINT (data), &error);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * pac_sign_out_run_async:
 *
 * Removes the entries, then the tokens (and what @flags say), off the
 * main thread: the keyring may prompt, and a kubeconfig lock may wait.
 */
void
pac_sign_out_run_async (PacSignOut *self,
                        PacSignOutFlags flags,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pac_sign_out_run_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);
  g_task_run_in_thread (task, run_thread);
}

/**
 * pac_sign_out_run_finish:
 *
 * Returns: (transfer full) (element-type PacSignOutFile) (nullable): what
 *   was written, each file with its problem if it could not be; %NULL when
 *   the keyring failed
 */
GPtrArray *
pac_sign_out_run_finish (PacSignOut *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a deleted cluster's contexts ---- */

typedef struct
{
  char *owner;
  char *namespace;
  char *cluster;
} Forget;

static void
forget_free (Forget *forget)
{
  g_free (forget->owner);
  g_free (forget->namespace);
  g_free (forget->cluster);
  g_free (forget);
}

static guint
contexts_removed (GPtrArray *changes)
{
  guint count = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      PacKubeconfigChange *change = changes->pdata[i];

      count += change->kind == PAC_KUBECONFIG_CHANGE_REMOVE
               && g_strcmp0 (change->section, "contexts") == 0;
    }
  return count;
}

static void
forget_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Forget *forget = data;
  g_auto (GStrv) files = pac_kubeconfig_search_paths ();
  guint removed = 0;

  for (guint i = 0; files[i]; i++)
    {
      g_autoptr (PacKubeconfig) kubeconfig = NULL;
      g_autoptr (GPtrArray) changes = NULL;
      GError *error = NULL;

      if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
        continue;
      kubeconfig = pac_kubeconfig_new (files[i]);
      pac_kubeconfig_remove_cluster (kubeconfig, forget->owner, forget->namespace, forget->cluster);
      if ((changes = pac_kubeconfig_write (kubeconfig, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      removed += contexts_removed (changes);
    }
  g_task_return_int (task, removed);
}

/**
 * pac_sign_out_forget_cluster_async:
 * @owner: the Supervisor's host, as the entries' marks name it
 *
 * Removes the kubeconfig entries Pacific wrote for a guest cluster that
 * was deleted, from every file of KUBECONFIG (or the default file); the
 * user's current context goes back to what it was before Pacific's.
 * Off the main thread: a kubeconfig lock may wait.
 */
void
pac_sign_out_forget_cluster_async (const char *owner,
                                   const char *namespace,
                                   const char *cluster,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Forget *forget = g_new0 (Forget, 1);

  g_task_set_source_tag (task, pac_sign_out_forget_cluster_async);
  forget->owner = g_strdup (owner);
  forget->namespace = g_strdup (namespace);
  forget->cluster = g_strdup (cluster);
  g_task_set_task_data (task, forget, (GDestroyNotify) forget_free);
  g_task_run_in_thread (task, forget_thread);
}

/* Returns: how many contexts went; -1 when a file could not be written */
gssize
pac_sign_out_forget_cluster_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
