/* pacific-sim: a simulated vCenter, Supervisor and guest clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim-json.h"
#include "sim-server.h"

static gboolean opt_version;
static char *opt_listen;
static int opt_port;
static char *opt_supervisor_address;
static int opt_wcp_port = -1;
static gboolean opt_separate_api_certificate;
static char *opt_ready_file;
static char *opt_ca_file;
static char *opt_state;
static char *opt_scenario;
static char *opt_users;
static char *opt_supervisor_version;
static int opt_token_ttl = 36000;
static int opt_latency;
static char **opt_error_rate;
static char **opt_namespace_hosts;
static char **opt_drop_rate;
static int opt_event_window = 10000;
static int opt_bookmark_seconds = 60;
static gboolean opt_print_users;
static double opt_cluster_seconds = 20;
static int opt_namespace_finalize_ms = 100;
static int opt_namespaces = 50;
static int opt_clusters_per_namespace = 2;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen,
    N_ ("vCenter’s loopback address (default 127.0.0.1)"), N_ ("ADDRESS") },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, N_ ("vCenter’s port (default: a free one)"),
    N_ ("PORT") },
  { "supervisor-address", 0, 0, G_OPTION_ARG_STRING, &opt_supervisor_address,
    N_ ("The Supervisor’s control-plane address: WCP and, on port 6443, the Kubernetes API "
        "(default: a random 127.a.b.c)"),
    N_ ("ADDRESS") },
  { "wcp-port", 0, 0, G_OPTION_ARG_INT, &opt_wcp_port,
    N_ ("The Supervisor’s WCP port (default 443, or a free one where 443 cannot be bound)"),
    N_ ("PORT") },
  { "namespace-host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_namespace_hosts,
    N_ ("Name ADDRESS as NAMESPACE’s master_host in /wcp/workloads and serve the Kubernetes API "
        "on port 6443 of it too (repeatable)"),
    N_ ("NAMESPACE=ADDRESS") },
  { "separate-api-certificate", 0, 0, G_OPTION_ARG_NONE, &opt_separate_api_certificate,
    N_ ("The Kubernetes API presents another certificate than WCP"), NULL },
  { "ready-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ready_file,
    N_ ("Write the vCenter, WCP and Kubernetes API URLs and the CA as JSON to FILE once serving"),
    N_ ("FILE") },
  { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_file,
    N_ ("Where to write the CA certificate (default: in the runtime directory)"), N_ ("FILE") },
  { "state", 0, 0, G_OPTION_ARG_FILENAME, &opt_state,
    N_ ("Keep the objects in FILE, and the CA, certificate and addresses in FILE.identity, "
        "across restarts"),
    N_ ("FILE") },
  { "scenario", 0, 0, G_OPTION_ARG_STRING, &opt_scenario,
    N_ ("Seed state: empty, demo or large (default demo)"), N_ ("NAME") },
  { "users", 0, 0, G_OPTION_ARG_FILENAME, &opt_users,
    N_ ("SSO users and their namespace roles (see --print-users)"), N_ ("FILE") },
  { "print-users", 0, 0, G_OPTION_ARG_NONE, &opt_print_users,
    N_ ("Print the default users file and exit"), NULL },
  { "supervisor-version", 0, 0, G_OPTION_ARG_STRING, &opt_supervisor_version,
    N_ ("Supervisor release: 7.0.1, 7.0.2, 7.0.3, 8.0 or 8.0u3 (default 8.0)"), N_ ("VERSION") },
  { "token-ttl", 0, 0, G_OPTION_ARG_INT, &opt_token_ttl,
    N_ ("Lifetime of WCP tokens in seconds (default 36000)"), N_ ("SECONDS") },
  { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency, N_ ("Delay every answer by MS milliseconds"),
    N_ ("MS") },
  { "error-rate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_error_rate,
    N_ ("Fail requests under PATH with probability RATE (repeatable)"), N_ ("PATH=RATE[:STATUS]") },
  { "drop-rate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_drop_rate,
    N_ ("Drop connections under PATH with probability RATE (repeatable)"), N_ ("PATH=RATE") },
  { "event-window", 0, 0, G_OPTION_ARG_INT, &opt_event_window,
    N_ ("Events kept for resuming watches (default 10000)"), N_ ("N") },
  { "bookmark-interval", 0, 0, G_OPTION_ARG_INT, &opt_bookmark_seconds,
    N_ ("Seconds between watch bookmarks (default 60)"), N_ ("SECONDS") },
  { "cluster-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &opt_cluster_seconds,
    N_ ("Seconds a cluster takes to be created, updated or deleted (default 20)"), N_ ("SECONDS") },
  { "namespace-finalize-ms", 0, 0, G_OPTION_ARG_INT, &opt_namespace_finalize_ms,
    N_ ("How long a deleted namespace stays Terminating (default 100)"), N_ ("MS") },
  { "namespaces", 0, 0, G_OPTION_ARG_INT, &opt_namespaces,
    N_ ("Extra vSphere namespaces of the large scenario (default 50)"), N_ ("N") },
  { "clusters-per-namespace", 0, 0, G_OPTION_ARG_INT, &opt_clusters_per_namespace,
    N_ ("Running clusters in each of them (default 2)"), N_ ("M") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_ ("Show the version and exit"), NULL },
  { NULL },
};

/* How long a stop may take before the process ends without its goodbye */
#define SHUTDOWN_GRACE_SECONDS 5

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
block_stop_signals (sigset_t *set)
{
  sigemptyset (set);
  sigaddset (set, SIGTERM);
  sigaddset (set, SIGINT);
  pthread_sigmask (SIG_BLOCK, set, NULL);
}

/* SIGTERM and SIGINT are taken by this thread, not by a handler the main
 * loop must get to: the loop is asked to quit (saving the state), and
 * should it be stuck — a request computing for minutes — a second signal
 * or SHUTDOWN_GRACE_SECONDS end the process anyway. A stop always stops. */
static gpointer
wait_for_stop (gpointer user_data)
{
  GMainLoop *loop = user_data;
  const struct timespec grace = { SHUTDOWN_GRACE_SECONDS, 0 };
  sigset_t set;
  int signum;

  block_stop_signals (&set);
  if (sigwait (&set, &signum) != 0)
    return NULL;
  g_main_context_invoke (g_main_loop_get_context (loop), quit_loop, loop);
  while (sigtimedwait (&set, NULL, &grace) < 0 && errno == EINTR)
    ;
  g_printerr ("pacific-sim: still busy %d s after %s; stopping without saving\n",
              SHUTDOWN_GRACE_SECONDS, g_strsignal (signum));
  _exit (EXIT_FAILURE);
}

static gboolean
valid_supervisor_version (const char *version)
{
  static const char *const known[] = { "7.0.1", "7.0.2", "7.0.3", "8.0", "8.0u3", NULL };

  return g_strv_contains (known, version);
}

static gboolean
write_ready_file (SimServer *server, const char *ca_path, GError **error)
{
  g_autoptr (JsonObject) ready = json_object_new ();
  g_autofree char *url = sim_server_get_url (server);
  g_autofree char *sha = sim_tls_get_ca_sha256 (sim_server_get_tls (server));
  g_autofree char *data = NULL;
  gsize length = 0;

  json_object_set_string_member (ready, "vcenter_url", sim_server_get_vcenter_url (server));
  json_object_set_string_member (ready, "supervisor_url", sim_server_get_wcp_url (server));
  json_object_set_string_member (ready, "api_url", url);
  json_object_set_string_member (ready, "ca_file", ca_path);
  json_object_set_string_member (ready, "ca_sha256", sha);
  json_object_set_int_member (ready, "pid", getpid ());
  json_object_set_string_member (ready, "supervisor_version", opt_supervisor_version);
  data = sim_json_object_to_string (ready, &length);
  /* Written whole or not at all: readers poll for it. */
  return g_file_set_contents (opt_ready_file, data, length, error);
}

static char *
default_ca_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "pacific-sim", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_strdup_printf ("%s/ca-%d.pem", dir, getpid ());
}

static int
run (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimServer) server = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *url = NULL;
  g_autofree char *sha = NULL;
  SimListen listen = {
    .vcenter_address = opt_listen ? opt_listen : "127.0.0.1",
    .vcenter_port = (guint) MAX (opt_port, 0),
    .supervisor_address = opt_supervisor_address,
    .wcp_port = opt_wcp_port,
    .separate_api_certificate = opt_separate_api_certificate,
    .namespace_hosts = (const char *const *) opt_namespace_hosts,
  };
  g_autofree char *ca_path
    = opt_ca_file ? g_canonicalize_filename (opt_ca_file, NULL) : default_ca_path ();
  SimServerOptions options = {
    .supervisor_version = opt_supervisor_version,
    .token_ttl_seconds = opt_token_ttl,
    .event_window = (guint) MAX (opt_event_window, 1),
    .bookmark_seconds = (guint) MAX (opt_bookmark_seconds, 1),
    .namespace_finalize_ms = (guint) MAX (opt_namespace_finalize_ms, 0),
    .cluster_seconds = MAX (opt_cluster_seconds, 0.0),
    .large_namespaces = (guint) MAX (opt_namespaces, 0),
    .large_clusters_per_namespace = (guint) MAX (opt_clusters_per_namespace, 0),
    .users_file = opt_users,
    .state_file = opt_state,
  };

  server = sim_server_new (&options, &error);
  if (server == NULL
      || !sim_server_faults_from_flags (server, (guint) MAX (opt_latency, 0),
                                        (const char *const *) opt_error_rate,
                                        (const char *const *) opt_drop_rate, &error))
    goto fail;
  if (opt_state && g_file_test (opt_state, G_FILE_TEST_EXISTS))
    {
      if (!sim_store_load (sim_server_get_store (server), opt_state, &error))
        goto fail;
    }
  else if (!sim_scenario_load (server, opt_scenario ? opt_scenario : "demo", &error))
    goto fail;
  sim_server_start_controllers (server);
  if (!sim_server_listen_supervisor (server, &listen, &error)
      || !g_file_set_contents_full (ca_path, sim_tls_get_ca_pem (sim_server_get_tls (server)), -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    goto fail;

  url = sim_server_get_url (server);
  sha = sim_tls_get_ca_sha256 (sim_server_get_tls (server));
  g_print ("pacific-sim %s: vCenter %s\n", PACKAGE_VERSION, sim_server_get_vcenter_url (server));
  g_print ("Supervisor %s: WCP %s, Kubernetes API %s\n", opt_supervisor_version,
           sim_server_get_wcp_url (server), url);
  g_print ("CA certificate: %s\nCA SHA-256 fingerprint: %s\n", ca_path, sha);
  if (opt_ready_file && !write_ready_file (server, ca_path, &error))
    goto fail;

  g_thread_unref (g_thread_new ("stop", wait_for_stop, g_main_loop_ref (loop)));
  g_main_loop_run (loop);

  if (!sim_server_save_state (server, &error))
    goto fail;
  /* Let the closed connections' sources run, so nothing is left half-freed. */
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (!opt_ca_file)
    g_unlink (ca_path);
  if (opt_ready_file)
    g_unlink (opt_ready_file);
  return EXIT_SUCCESS;

fail:
  g_printerr ("pacific-sim: %s\n", error->message);
  return EXIT_FAILURE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  sigset_t stop_signals;
  int status;

  /* before any thread starts, so that every thread inherits the mask and
   * only wait_for_stop() takes these signals */
  block_stop_signals (&stop_signals);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, _ ("Simulate vCenter, a vSphere with Tanzu Supervisor and its guest "
                "clusters on loopback, for demos and tests."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pacific-sim: %s\n", error->message);
      return 2;
    }
  if (opt_version)
    {
      g_print ("pacific-sim %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (opt_print_users)
    {
      g_print ("%s", sim_auth_default_users ());
      return EXIT_SUCCESS;
    }
  if (argc > 1)
    {
      g_printerr (_ ("pacific-sim: unexpected argument “%s”; see --help\n"), argv[1]);
      return 2;
    }
  if (opt_supervisor_version == NULL)
    opt_supervisor_version = g_strdup ("8.0");
  if (!valid_supervisor_version (opt_supervisor_version))
    {
      g_printerr (
        _ ("pacific-sim: unknown Supervisor version “%s” (7.0.1, 7.0.2, 7.0.3, 8.0 or 8.0u3)\n"),
        opt_supervisor_version);
      return 2;
    }
  status = run ();
  g_free (opt_listen);
  g_free (opt_supervisor_address);
  g_free (opt_ready_file);
  g_free (opt_ca_file);
  g_free (opt_state);
  g_free (opt_scenario);
  g_free (opt_users);
  g_free (opt_supervisor_version);
  g_strfreev (opt_error_rate);
  g_strfreev (opt_drop_rate);
  return status;
}
