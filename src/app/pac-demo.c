/* pac-demo.c: pacific --demo: a simulated vCenter for this run only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts pacific-sim (--scenario demo, a free loopback port) in a private
 * runtime directory, waits for its ready file, trusts its CA for this
 * process only (an anchor in memory, no pin on disk) and gives back a
 * signed-in session for a vCenter account that is never saved; the
 * password stays in memory, so no keyring item is written either. Stop
 * (or exit: the simulator dies with us) removes the directory.
 *
 * PACIFIC_SIM names the simulator; PACIFIC_DEMO_SCENARIO picks another
 * scenario; PACIFIC_DEMO_READY_FILE opens a simulator that is already
 * running (bench/run's, shared with kubectl) instead of starting one.
 */
#define G_LOG_DOMAIN "pac-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "pac-demo.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-trust.h"

#define DEMO_USER "administrator@vsphere.local"
#define DEMO_PASSWORD "Admin!23" /* pacific-sim's documented default (--print-users) */
#define READY_TIMEOUT_MS 20000

struct _PacDemo
{
  GObject parent_instance;

  GSubprocess *simulator;
  char *directory;
};

G_DEFINE_FINAL_TYPE (PacDemo, pac_demo, G_TYPE_OBJECT)

PacDemo *
pac_demo_new (void)
{
  return g_object_new (PAC_TYPE_DEMO, NULL);
}

/* $PACIFIC_SIM, else beside this program (installed, Flatpak), else in the build tree */
char *
pac_demo_find_simulator (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self_path ? g_path_get_dirname (self_path) : NULL;
  g_autofree char *beside = self_dir ? g_build_filename (self_dir, "pacific-sim", NULL) : NULL;
  g_autofree char *built
    = self_dir ? g_build_filename (self_dir, "..", "sim", "pacific-sim", NULL) : NULL;

  if (g_getenv ("PACIFIC_SIM"))
    return g_strdup (g_getenv ("PACIFIC_SIM"));
  if (beside && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  if (built && g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&built);
  return g_build_filename (BINDIR, "pacific-sim", NULL);
}

/* The simulator must not outlive a crashed or killed Pacific. */
static void
die_with_parent (gpointer unused)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct
{
  char *ready_path;
  gint64 deadline;
  guint poll_id;
} Waiting;

static void
waiting_free (Waiting *waiting)
{
  g_clear_handle_id (&waiting->poll_id, g_source_remove);
  g_free (waiting->ready_path);
  g_free (waiting);
}

static PacSession *
open_session (JsonObject *ready, GError **error)
{
  const char *url = pac_json_string (ready, "vcenter_url");
  const char *ca_file = pac_json_string (ready, "ca_file");
  g_autofree char *ca_pem = NULL;
  g_autoptr (GTlsCertificate) ca = NULL;
  g_autoptr (GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr (PacAccount) account = NULL;
  g_autofree char *address = NULL;
  PacSession *session;

  if (uri == NULL || ca_file == NULL || !g_file_get_contents (ca_file, &ca_pem, NULL, error)
      || (ca = pac_trust_parse_ca (ca_pem, -1, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, PAC_ERROR, PAC_ERROR_SERVER,
                             _ ("The simulator's ready file is incomplete"));
      return NULL;
    }
  pac_trust_add_anchor (pac_trust_get_default (), g_uri_get_host (uri),
                        (guint16) g_uri_get_port (uri), ca);
  address = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  account = pac_account_new (PAC_ACCOUNT_VCENTER, address, DEMO_USER, _ ("Demo vCenter"));
  session = pac_session_new (account, pac_trust_get_default ());
  pac_session_set_password (session, DEMO_PASSWORD);
  return session;
}

static gboolean
poll_ready (gpointer user_data)
{
  GTask *task = user_data;
  PacDemo *self = g_task_get_source_object (task);
  Waiting *waiting = g_task_get_task_data (task);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  gsize length = 0;
  GError *error = NULL;
  PacSession *session;

  if (g_file_get_contents (waiting->ready_path, &data, &length, NULL)
      && pac_json_load (parser, data, length, NULL))
    {
      waiting->poll_id = 0;
      session = open_session (pac_json_node_object (json_parser_get_root (parser)), &error);
      if (session)
        g_task_return_pointer (task, session, g_object_unref);
      else
        g_task_return_error (task, error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  if ((self->simulator && g_subprocess_get_identifier (self->simulator) == NULL)
      || g_get_monotonic_time () > waiting->deadline)
    {
      waiting->poll_id = 0;
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_UNAVAILABLE, "%s",
                               _ ("The simulator did not start; run pacific-sim --scenario demo "
                                  "in a terminal to see why"));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
pac_demo_start_async (PacDemo *self,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *simulator = pac_demo_find_simulator ();
  g_autofree char *ready_arg = NULL, *ca_arg = NULL, *scenario_arg = NULL;
  const char *scenario = g_getenv ("PACIFIC_DEMO_SCENARIO");
  Waiting *waiting = g_new0 (Waiting, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, pac_demo_start_async);
  g_task_set_task_data (task, waiting, (GDestroyNotify) waiting_free);
  waiting->deadline = g_get_monotonic_time () + READY_TIMEOUT_MS * 1000;
  if (g_getenv ("PACIFIC_DEMO_READY_FILE"))
    {
      waiting->ready_path = g_strdup (g_getenv ("PACIFIC_DEMO_READY_FILE"));
      waiting->poll_id = g_timeout_add (50, poll_ready, task);
      return;
    }
  self->directory = g_dir_make_tmp ("pacific-demo-XXXXXX", &error);
  if (self->directory == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  waiting->ready_path = g_build_filename (self->directory, "ready.json", NULL);
  ready_arg = g_strdup_printf ("--ready-file=%s", waiting->ready_path);
  ca_arg = g_strdup_printf ("--ca-file=%s/ca.pem", self->directory);
  scenario_arg = g_strdup_printf ("--scenario=%s", scenario ? scenario : "demo");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->simulator = g_subprocess_launcher_spawn (launcher, &error, simulator, ready_arg, ca_arg,
                                                 scenario_arg, "--listen=127.0.0.1", NULL);
  if (self->simulator == NULL)
    {
      g_task_return_new_error (task, PAC_ERROR, PAC_ERROR_UNAVAILABLE,
                               _ ("Cannot start the simulator %s: %s"), simulator, error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  waiting->poll_id = g_timeout_add (50, poll_ready, task);
}

PacSession *
pac_demo_start_finish (PacDemo *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_directory (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* Ends the simulator and removes its files */
void
pac_demo_stop (PacDemo *self)
{
  if (self->simulator)
    {
      /* The simulator closes its TLS connections politely, which waits on
       * ours while they are still open: a second to go, then for good. */
      g_subprocess_send_signal (self->simulator, SIGTERM);
      for (int i = 0; i < 100 && g_subprocess_get_identifier (self->simulator); i++)
        g_usleep (10000);
      if (g_subprocess_get_identifier (self->simulator))
        g_subprocess_force_exit (self->simulator);
      g_subprocess_wait (self->simulator, NULL, NULL);
      g_clear_object (&self->simulator);
    }
  if (self->directory)
    remove_directory (self->directory);
  g_clear_pointer (&self->directory, g_free);
}

static void
pac_demo_dispose (GObject *object)
{
  pac_demo_stop (PAC_DEMO (object));
  G_OBJECT_CLASS (pac_demo_parent_class)->dispose (object);
}

static void
pac_demo_class_init (PacDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_demo_dispose;
}

static void
pac_demo_init (PacDemo *self)
{
}
