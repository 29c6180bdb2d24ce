/* pac-kubeconfig-async.c: previewing and writing a kubeconfig off the main
 * thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and parsing the user's kubeconfig, and writing it (a lock that
 * may be held by kubectl for a moment, fsync, rename), take long enough to
 * stall a window on a big file or a slow disk: the app runs them in a GTask
 * thread. The PacKubeconfig belongs to the task until it calls back; the
 * caller makes a new one for each preview or write.
 */
#include "config.h"

#include "pac-kubeconfig.h"

/* pac_kubeconfig_write() when the task's data says so, else
 * pac_kubeconfig_preview() */
static void
work_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *changes = GPOINTER_TO_INT (data)
                         ? pac_kubeconfig_write (PAC_KUBECONFIG (source), &error)
                         : pac_kubeconfig_preview (PAC_KUBECONFIG (source), &error);

  if (changes)
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
run (PacKubeconfig *self,
     gboolean writes,
     gpointer tag,
     GCancellable *cancellable,
     GAsyncReadyCallback callback,
     gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, GINT_TO_POINTER (writes), NULL);
  /* a write that started finishes even when its window goes: the file is
   * never left half-done, and the answer is merely not wanted */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, work_thread);
}

/**
 * pac_kubeconfig_preview_async:
 *
 * pac_kubeconfig_preview() in a thread; @self is not to be touched until
 * @callback runs.
 */
void
pac_kubeconfig_preview_async (PacKubeconfig *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (PAC_IS_KUBECONFIG (self));
  run (self, FALSE, pac_kubeconfig_preview_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): as pac_kubeconfig_preview() */
GPtrArray *
pac_kubeconfig_preview_finish (PacKubeconfig *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pac_kubeconfig_write_async:
 *
 * pac_kubeconfig_write() in a thread; @self is not to be touched until
 * @callback runs. Cancelling does not stop a write that began.
 */
void
pac_kubeconfig_write_async (PacKubeconfig *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (PAC_IS_KUBECONFIG (self));
  run (self, TRUE, pac_kubeconfig_write_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): as pac_kubeconfig_write() */
GPtrArray *
pac_kubeconfig_write_finish (PacKubeconfig *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
