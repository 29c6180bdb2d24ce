/* pac-kubeconfig.c: Pacific's entries in the user's kubeconfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doc/design.md, "kubeconfig". The file is the user's: every entry
 * Pacific writes carries an extension naming it and its Supervisor, and
 * entries without it are never changed, dropped or reformatted (see
 * pac-kubeconfig-tree.c). Names follow `kubectl vsphere login`. Writing
 * takes client-go's lock file (which kubectl fails on at once, so it is
 * held for milliseconds), then reads the file again, applies the queued
 * changes, keeps one backup and replaces the file by rename.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pac-error.h"
#include "pac-kubeconfig-private.h"
#include "pac-kubeconfig.h"

#define LOCK_TRIES 100
#define LOCK_WAIT_US 5000

/* Changes */

G_DEFINE_BOXED_TYPE (PacKubeconfigChange,
                     pac_kubeconfig_change,
                     pac_kubeconfig_change_copy,
                     pac_kubeconfig_change_free)

PacKubeconfigChange *
kube_change_new (PacKubeconfigChangeKind kind,
                 const char *section,
                 const char *name,
                 const char *before,
                 const char *after)
{
  PacKubeconfigChange *change = g_new0 (PacKubeconfigChange, 1);

  change->kind = kind;
  change->section = g_strdup (section);
  change->name = g_strdup (name);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  return change;
}

PacKubeconfigChange *
pac_kubeconfig_change_copy (const PacKubeconfigChange *change)
{
  return kube_change_new (change->kind, change->section, change->name, change->before,
                          change->after);
}

void
pac_kubeconfig_change_free (PacKubeconfigChange *change)
{
  if (change == NULL)
    return;
  g_free (change->section);
  g_free (change->name);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static void
append_lines (GString *out, const char *prefix, const char *text)
{
  g_auto (GStrv) lines = text ? g_strsplit (text, "\n", -1) : NULL;

  for (guint i = 0; lines && lines[i]; i++)
    if (lines[i][0] != '\0')
      g_string_append_printf (out, "%s%s\n", prefix, lines[i]);
}

/* A diff of the changed entries: "- " their YAML before, "+ " after */
char *
pac_kubeconfig_changes_to_diff (GPtrArray *changes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      PacKubeconfigChange *change = changes->pdata[i];

      switch (change->kind)
        {
          case PAC_KUBECONFIG_CHANGE_ADD:
            g_string_append_printf (out, _ ("@@ %s: add %s\n"), change->section, change->name);
            break;
          case PAC_KUBECONFIG_CHANGE_UPDATE:
            g_string_append_printf (out, _ ("@@ %s: update %s\n"), change->section, change->name);
            break;
          case PAC_KUBECONFIG_CHANGE_REMOVE:
            g_string_append_printf (out, _ ("@@ %s: remove %s\n"), change->section, change->name);
            break;
          case PAC_KUBECONFIG_CHANGE_CLASH:
          default:
            g_string_append_printf (out,
                                    _ ("@@ %s: %s is taken by an entry Pacific did not write\n"),
                                    change->section, change->name);
            break;
        }
      append_lines (out, "- ", change->before);
      append_lines (out, "+ ", change->after);
    }
  return g_string_free (out, FALSE);
}

/* Entries */

/**
 * pac_kubeconfig_entry_new:
 * @owner: the Supervisor's host, which the entries are marked with
 * @context: the context's name (a namespace, or a guest cluster's name)
 * @cluster: the cluster's name (the server's host)
 * @user: the user's name (wcp:<host>:<user>)
 *
 * Returns: (transfer full): an entry with no credential yet
 */
PacKubeconfigEntry *
pac_kubeconfig_entry_new (const char *owner,
                          const char *context,
                          const char *cluster,
                          const char *user,
                          const char *server,
                          const char *ca_pem,
                          const char *namespace)
{
  PacKubeconfigEntry *entry = g_new0 (PacKubeconfigEntry, 1);

  entry->owner = g_strdup (owner);
  entry->names[0] = g_strdup (cluster);
  entry->names[1] = g_strdup (user);
  entry->names[2] = g_strdup (context);
  entry->server = g_strdup (server);
  entry->ca_pem = g_strdup (ca_pem);
  entry->namespace = g_strdup (namespace);
  return entry;
}

PacKubeconfigEntry *
pac_kubeconfig_entry_copy (const PacKubeconfigEntry *entry)
{
  PacKubeconfigEntry *copy
    = pac_kubeconfig_entry_new (entry->owner, entry->names[2], entry->names[0], entry->names[1],
                                entry->server, entry->ca_pem, entry->namespace);

  copy->user = entry->user ? json_node_copy (entry->user) : NULL;
  pac_kubeconfig_entry_set_account (copy, entry->account, entry->username, entry->target_namespace,
                                    entry->target_cluster);
  return copy;
}

void
pac_kubeconfig_entry_free (PacKubeconfigEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->owner);
  for (guint i = 0; i < G_N_ELEMENTS (entry->names); i++)
    g_free (entry->names[i]);
  g_free (entry->server);
  g_free (entry->ca_pem);
  g_free (entry->namespace);
  g_clear_pointer (&entry->user, json_node_unref);
  g_free (entry->account);
  g_free (entry->username);
  g_free (entry->target_namespace);
  g_free (entry->target_cluster);
  g_free (entry);
}

/**
 * pac_kubeconfig_entry_set_account:
 * @account: the host of the account signed in with (a vCenter, or the
 *   Supervisor itself)
 * @namespace: (nullable): the vSphere namespace the context reaches
 * @cluster: (nullable): the guest cluster it reaches
 *
 * Recorded in the entry's mark: sign-out finds the account's entries by
 * it, and the cluster page its context.
 */
void
pac_kubeconfig_entry_set_account (PacKubeconfigEntry *entry,
                                  const char *account,
                                  const char *username,
                                  const char *namespace,
                                  const char *cluster)
{
  g_free (entry->account);
  g_free (entry->username);
  g_free (entry->target_namespace);
  g_free (entry->target_cluster);
  entry->account = g_strdup (account);
  entry->username = g_strdup (username);
  entry->target_namespace = g_strdup (namespace);
  entry->target_cluster = g_strdup (cluster);
}

const char *
pac_kubeconfig_entry_get_context (PacKubeconfigEntry *entry)
{
  return entry->names[2];
}

static void
set_user (PacKubeconfigEntry *entry, JsonObject *user)
{
  g_clear_pointer (&entry->user, json_node_unref);
  entry->user = json_node_init_object (json_node_alloc (), user);
  json_object_unref (user);
}

/* @exec: the stanza (pac_credential_stanza()) */
void
pac_kubeconfig_entry_set_exec (PacKubeconfigEntry *entry, JsonNode *exec)
{
  JsonObject *user = json_object_new ();

  json_object_set_member (user, "exec", json_node_copy (exec));
  set_user (entry, user);
}

/* A token cannot be renewed and lies in the file: the UI warns first */
void
pac_kubeconfig_entry_set_token (PacKubeconfigEntry *entry, const char *token)
{
  JsonObject *user = json_object_new ();

  json_object_set_string_member (user, "token", token);
  set_user (entry, user);
}

/* base64 PEM, as an admin kubeconfig secret holds them */
void
pac_kubeconfig_entry_set_client_certificate (PacKubeconfigEntry *entry,
                                             const char *certificate_data,
                                             const char *key_data)
{
  JsonObject *user = json_object_new ();

  json_object_set_string_member (user, "client-certificate-data", certificate_data);
  json_object_set_string_member (user, "client-key-data", key_data);
  set_user (entry, user);
}

/* The object */

static void
operation_free (Operation *operation)
{
  pac_kubeconfig_entry_free (operation->add);
  g_free (operation->remove_owner);
  g_free (operation->remove_account);
  g_free (operation->remove_user);
  g_free (operation->remove_namespace);
  g_free (operation->remove_cluster);
  g_free (operation);
}

struct _PacKubeconfig
{
  GObject parent_instance;
  char *path;
  GPtrArray *operations;
  PacKubeconfigClash clash;
  gboolean make_current;
};

G_DEFINE_FINAL_TYPE (PacKubeconfig, pac_kubeconfig, G_TYPE_OBJECT)

static void
pac_kubeconfig_finalize (GObject *object)
{
  PacKubeconfig *self = PAC_KUBECONFIG (object);

  g_free (self->path);
  g_ptr_array_unref (self->operations);
  G_OBJECT_CLASS (pac_kubeconfig_parent_class)->finalize (object);
}

static void
pac_kubeconfig_class_init (PacKubeconfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pac_kubeconfig_finalize;
}

static void
pac_kubeconfig_init (PacKubeconfig *self)
{
  self->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) operation_free);
}

/**
 * pac_kubeconfig_default_path:
 *
 * The file kubectl writes new entries to: the first of $KUBECONFIG's
 * list that exists (the first, when none does), else ~/.kube/config. (A GUI session may not see the
 * shell's KUBECONFIG, so the UI shows it.)
 *
 * Returns: (transfer full): the path
 */
char *
pac_kubeconfig_default_path (void)
{
  g_auto (GStrv) paths = pac_kubeconfig_search_paths ();

  /* client-go's GetDefaultFilename: the first that exists, else the first */
  for (guint i = 0; paths[i]; i++)
    if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
      return g_strdup (paths[i]);
  return g_strdup (paths[0]);
}

/* @path: NULL for pac_kubeconfig_default_path() */
PacKubeconfig *
pac_kubeconfig_new (const char *path)
{
  PacKubeconfig *self = g_object_new (PAC_TYPE_KUBECONFIG, NULL);

  self->path = path ? g_strdup (path) : pac_kubeconfig_default_path ();
  return self;
}

const char *
pac_kubeconfig_get_path (PacKubeconfig *self)
{
  return self->path;
}

/**
 * pac_kubeconfig_get_target:
 *
 * The file that is written: the path with its symbolic links followed,
 * as client-go writes through them.
 *
 * Returns: (transfer full): the path
 */
char *
pac_kubeconfig_get_target (PacKubeconfig *self)
{
  g_autofree char *path = g_strdup (self->path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *link = g_file_read_link (path, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      dir = g_path_get_dirname (path);
      g_free (path);
      path
        = g_path_is_absolute (link) ? g_steal_pointer (&link) : g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&path);
}

/* Queues @entry (transfer full) to be written */
void
pac_kubeconfig_add (PacKubeconfig *self, PacKubeconfigEntry *entry)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->add = entry;
  g_ptr_array_add (self->operations, operation);
}

/* Queues the removal of every entry marked as @owner's (NULL: Pacific's) */
void
pac_kubeconfig_remove_owner (PacKubeconfig *self, const char *owner)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->remove_owner = g_strdup (owner);
  g_ptr_array_add (self->operations, operation);
}

/* Queues the removal of the entries written for the guest cluster
 * @namespace/@cluster of the Supervisor @owner (it was deleted) */
void
pac_kubeconfig_remove_cluster (PacKubeconfig *self,
                               const char *owner,
                               const char *namespace,
                               const char *cluster)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->remove_owner = g_strdup (owner);
  operation->remove_namespace = g_strdup (namespace);
  operation->remove_cluster = g_strdup (cluster);
  g_ptr_array_add (self->operations, operation);
}

/* Queues the removal of the entries written for @account's @username
 * (and those of @account's host written before marks named accounts) */
void
pac_kubeconfig_remove_account (PacKubeconfig *self, const char *account, const char *username)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->remove_account = g_strdup (account);
  operation->remove_user = g_strdup (username);
  g_ptr_array_add (self->operations, operation);
}

/* Whether the last context added becomes the current one */
void
pac_kubeconfig_set_current_context (PacKubeconfig *self, gboolean make_current)
{
  self->make_current = make_current;
}

void
pac_kubeconfig_set_clash (PacKubeconfig *self, PacKubeconfigClash clash)
{
  self->clash = clash;
}

/* Reading and writing the file */

static gboolean
read_file (const char *path, char **text, gsize *length, gboolean *exists, GError **error)
{
  g_autoptr (GError) local = NULL;

  *exists = g_file_get_contents (path, text, length, &local);
  if (*exists)
    return TRUE;
  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *text = g_strdup ("");
      *length = 0;
      return TRUE;
    }
  g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot read %s: %s"), path,
               local->message);
  return FALSE;
}

/* The user's entries in the other files of $KUBECONFIG, when this file
 * is one of them: kubectl merges them all by name. A file it could not
 * load stops the write, as it stops kubectl. */
static GHashTable *
foreign_names_elsewhere (PacKubeconfig *self, const char *target, GError **error)
{
  g_auto (GStrv) paths = pac_kubeconfig_search_paths ();
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_strv_contains ((const char *const *) paths, self->path))
    return names;
  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *text = NULL;
      gsize length = 0;
      g_autoptr (KubeNode) root = NULL;
      g_autoptr (GError) parse_error = NULL;

      if (g_str_equal (paths[i], self->path) || g_str_equal (paths[i], target)
          || !g_file_get_contents (paths[i], &text, &length, NULL))
        continue;
      if ((root = kube_node_parse (text, length, &parse_error)) == NULL
          || !kube_check_loadable (root, &parse_error))
        {
          g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                       _ ("%s (in KUBECONFIG) cannot be read: %s"), paths[i], parse_error->message);
          g_hash_table_unref (names);
          return NULL;
        }
      kube_add_foreign_names (root, names);
    }
  return names;
}

/* Reads the target, applies the queued operations; the new text, or
 * NULL with @error */
static char *
merge (PacKubeconfig *self,
       const char *target,
       GPtrArray *changes,
       char **old_text,
       gboolean *exists,
       GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr (KubeNode) root = NULL;
  g_autoptr (GError) parse_error = NULL;

  g_autoptr (GHashTable) elsewhere = NULL;

  if (!read_file (target, &text, &length, exists, error))
    return NULL;
  root = kube_node_parse (text, length, &parse_error);
  if (root == NULL || !kube_check_loadable (root, &parse_error))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("%s cannot be read: %s"), target,
                   parse_error->message);
      return NULL;
    }
  if ((elsewhere = foreign_names_elsewhere (self, target, error)) == NULL)
    return NULL;
  if (!kube_apply (root, elsewhere, self->operations, self->clash, self->make_current, changes,
                   error))
    return NULL;
  if (old_text)
    *old_text = g_steal_pointer (&text);
  return kube_node_emit (root);
}

/**
 * pac_kubeconfig_preview:
 *
 * What pac_kubeconfig_write() would change in the file as it is now.
 *
 * Returns: (transfer full) (element-type PacKubeconfigChange) (nullable):
 *   the changes, clashes included
 */
GPtrArray *
pac_kubeconfig_preview (PacKubeconfig *self, GError **error)
{
  g_autoptr (GPtrArray) changes
    = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_kubeconfig_change_free);
  g_autofree char *target = pac_kubeconfig_get_target (self);
  g_autofree char *text = NULL;
  gboolean exists;

  text = merge (self, target, changes, NULL, &exists, error);
  return text ? g_steal_pointer (&changes) : NULL;
}

/* client-go's lock: <file>.lock made with O_EXCL. kubectl gives up at
 * once when it finds one; we try for half a second. */
static char *
take_lock (const char *path, GError **error)
{
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);

  for (guint i = 0; i < LOCK_TRIES; i++)
    {
      int fd = g_open (lock, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&lock);
        }
      if (errno != EEXIST)
        {
          /* a read-only directory is not a lock */
          g_autofree char *dir = g_path_get_dirname (path);

          g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot write in %s: %s"), dir,
                       g_strerror (errno));
          return NULL;
        }
      g_usleep (LOCK_WAIT_US);
    }
  g_set_error (error, PAC_ERROR, PAC_ERROR_CONFLICT,
               _ ("%s is locked by another program; if none is running, remove %s"), path, lock);
  return NULL;
}

static void
drop_lock (char *lock)
{
  if (lock)
    g_unlink (lock);
  g_free (lock);
}

/* A temporary file beside @path, synced, renamed over it: readers see the
 * old file or the new one, never half of one */
static gboolean
replace_file (const char *path, const char *text, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.pacific-XXXXXX", dir, base);
  gsize length = strlen (text);
  gsize done = 0;
  GStatBuf before;
  int fd;

  /* the directory exists: pac_kubeconfig_write() made it */
  if ((fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot write in %s: %s"), dir,
                   g_strerror (errno));
      return FALSE;
    }
  /* the file keeps its mode, as kubectl writing into it keeps it */
  if (g_stat (path, &before) == 0)
    fchmod (fd, before.st_mode & 07777);
  while (done < length)
    {
      gssize n = write (fd, text + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  if (done < length || fsync (fd) != 0 || close (fd) != 0 || g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot write %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The file as it was, without the credentials of Pacific's entries: those
 * come again with a login, and a backup must not keep what a sign-out
 * removed. A file with none is kept byte for byte. */
static gboolean
write_backup (const char *backup, const char *old_text, GError **error)
{
  g_autoptr (KubeNode) root = kube_node_parse (old_text, strlen (old_text), NULL);
  g_autofree char *stripped = NULL;

  if (root && kube_strip_own_credentials (root))
    stripped = kube_node_emit (root);
  return replace_file (backup, stripped ? stripped : old_text, error);
}

static GPtrArray *
write_locked (PacKubeconfig *self, const char *target, GError **error)
{
  g_autoptr (GPtrArray) changes
    = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_kubeconfig_change_free);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *backup = g_strconcat (target, ".pacific-backup", NULL);
  gboolean exists;

  new_text = merge (self, target, changes, &old_text, &exists, error);
  if (new_text == NULL)
    return NULL;
  for (guint i = 0; i < changes->len; i++)
    if (((PacKubeconfigChange *) changes->pdata[i])->kind == PAC_KUBECONFIG_CHANGE_CLASH
        && ((PacKubeconfigChange *) changes->pdata[i])->before == NULL)
      {
        g_set_error (error, PAC_ERROR, PAC_ERROR_CONFLICT,
                     _ ("The %s “%s” is in another file of KUBECONFIG and was not written by "
                        "Pacific; choose whether Pacific’s replaces it for kubectl or goes "
                        "under another name"),
                     ((PacKubeconfigChange *) changes->pdata[i])->section,
                     ((PacKubeconfigChange *) changes->pdata[i])->name);
        return NULL;
      }
    else if (((PacKubeconfigChange *) changes->pdata[i])->kind == PAC_KUBECONFIG_CHANGE_CLASH)
      {
        g_set_error (error, PAC_ERROR, PAC_ERROR_CONFLICT,
                     _ ("The %s “%s” in %s was not written by Pacific; choose whether to "
                        "replace it or to add Pacific’s under another name"),
                     ((PacKubeconfigChange *) changes->pdata[i])->section,
                     ((PacKubeconfigChange *) changes->pdata[i])->name, target);
        return NULL;
      }
  if (changes->len == 0)
    return g_steal_pointer (&changes);
  /* kubectl cannot write a file it may not write (0444, another owner's):
   * neither does Pacific, though it could replace it */
  if (exists && g_access (target, W_OK) != 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot write %s: %s"), target,
                   g_strerror (errno));
      return NULL;
    }
  if (exists && !write_backup (backup, old_text, error))
    return NULL;
  if (!replace_file (target, new_text, error))
    return NULL;
  return g_steal_pointer (&changes);
}

/**
 * pac_kubeconfig_write:
 *
 * Applies the queued operations to the file under client-go's lock. With
 * PAC_KUBECONFIG_CLASH_ASK a clash writes nothing (%PAC_ERROR_CONFLICT).
 * The file before is kept as <file>.pacific-backup, without the
 * credentials of Pacific's entries.
 *
 * Returns: (transfer full) (element-type PacKubeconfigChange) (nullable):
 *   what changed
 */
GPtrArray *
pac_kubeconfig_write (PacKubeconfig *self, GError **error)
{
  g_autofree char *target = pac_kubeconfig_get_target (self);
  g_autofree char *dir = g_path_get_dirname (target);
  char *lock = NULL;
  char *target_lock = NULL;
  GPtrArray *changes = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE, _ ("Cannot make %s: %s"), dir,
                   g_strerror (errno));
      return NULL;
    }
  /* kubectl locks the name it was given; a link's target may be named too */
  lock = take_lock (self->path, error);
  if (lock && g_strcmp0 (self->path, target) != 0)
    {
      target_lock = take_lock (target, error);
      if (target_lock == NULL)
        g_clear_pointer (&lock, drop_lock);
    }
  if (lock)
    changes = write_locked (self, target, error);
  drop_lock (target_lock);
  drop_lock (lock);
  return changes;
}
