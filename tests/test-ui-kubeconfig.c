/* test-ui-kubeconfig.c: Export Kubeconfig and Sign Out through their
 * dialogs, judged by real kubectl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real simulator (demo scenario: namespace dev, cluster dev-cluster-01),
 * a real keyring and Xvfb. KUBECONFIG names a copy of a rich kubeconfig
 * whose foreign entries must come out untouched. The tests run in order:
 * the plugin, token and admin modes are exported through the dialog and
 * each is used by `kubectl --context dev-cluster-01 get nodes`; the plugin
 * survives the Supervisor revoking every token; a kubectl-vsphere entry
 * of the same name in another file is shown as a clash and kept; bad
 * targets are refused with their reason; sign-out removes Pacific's
 * entries from both files, and the cached tokens, and nothing else.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pac-application.h"
#include "pac-cluster-page.h"
#include "pac-kubeconfig-dialog.h"
#include "pac-secrets.h"
#include "pac-sign-out-dialog.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

/* A user of this test's own: keyring items are shared by the tests that
 * run at the same time (and name a host, not a port) */
#define USER "exporter@vsphere.local"
#define PASSWORD "Export!23"
#define CLUSTER "dev-cluster-01"
#define MARK "io.github.pacificapp.Pacific"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;
static char *work;
static char *kubeconfig;
static char *vsphere_kubeconfig;
static char *foreign_before;

/* The Supervisor's address, where its account's password is kept */
static const char *
supervisor_host (void)
{
  return sim->url + strlen ("https://");
}

/* What the keyring keys the Supervisor's items by */
static guint16
supervisor_port (void)
{
  g_autofree char *host = NULL;
  guint16 port = 443;

  g_assert_true (pac_secrets_parse_server_key (supervisor_host (), &host, &port));
  return port;
}

/* Pacific's context for the cluster where the user's own has its name */
static char *
renamed_context (void)
{
  return g_strdup_printf ("%s@%s", CLUSTER, supervisor_host ());
}

/* ---- kubectl ---- */

/* Runs kubectl @args (NULL-terminated) with the test's KUBECONFIG;
 * its stdout, and whether it succeeded */
static gboolean
kubectl (char **out, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "kubectl");
  g_ptr_array_add (argv, (char *) "--request-timeout=30s");
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* kubectl waits on the plugin, which waits on the simulator: another
   * process, so blocking this one's main loop is safe */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &stdout_text, &stderr_text, &status, &error))
    g_error ("kubectl: %s", error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("kubectl failed: %s", stderr_text);
  if (out)
    *out = g_strdup (stdout_text);
  return g_spawn_check_wait_status (status, NULL);
}

/* The entries of @path that Pacific did not write, as kubectl reads them */
static char *
foreign_entries (const char *path)
{
  static const char *const sections[] = { "clusters", "users", "contexts" };
  static const char *const inner[] = { "cluster", "user", "context" };
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *config;

  g_assert_true (
    kubectl (&json, "--kubeconfig", path, "config", "view", "--raw", "-o", "json", NULL));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  config = json_node_get_object (json_parser_get_root (parser));
  json_object_remove_member (config, "current-context");
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *list = json_object_get_array_member (config, sections[s]);

      for (guint i = json_array_get_length (list); i > 0; i--)
        {
          JsonObject *item
            = json_object_get_object_member (json_array_get_object_element (list, i - 1), inner[s]);
          JsonArray *extensions = json_object_has_member (item, "extensions")
                                    ? json_object_get_array_member (item, "extensions")
                                    : NULL;

          for (guint e = 0; extensions && e < json_array_get_length (extensions); e++)
            if (g_strcmp0 (json_object_get_string_member (
                             json_array_get_object_element (extensions, e), "name"),
                           MARK)
                == 0)
              {
                json_array_remove_element (list, i - 1);
                break;
              }
        }
    }
  return json_to_string (json_parser_get_root (parser), TRUE);
}

static char *
file_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* ---- the dialog ---- */

static gboolean
is_export_button (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "win.export-kubeconfig")
         == 0;
}

/* Through the header button's action, once it is enabled for the cluster */
static PacKubeconfigDialog *
open_export (void)
{
  PacKubeconfigDialog *dialog = NULL;
  GtkWidget *button = NULL;

  ui_select_node (window, ui_wait_for_node (session, CLUSTER));
  UI_WAIT_FOR_SECONDS (
    (button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_export_button, NULL)) != NULL
      && gtk_widget_is_sensitive (button),
    20);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-kubeconfig", NULL);
  WAIT_FOR ((dialog = PAC_KUBECONFIG_DIALOG (ui_find_dialog (PAC_TYPE_KUBECONFIG_DIALOG))) != NULL);
  return dialog;
}

/* Until the credential is built and the file read (in a thread) */
static void
wait_settled (PacKubeconfigDialog *dialog)
{
  UI_WAIT_FOR_SECONDS (!pac_kubeconfig_dialog_is_busy (dialog)
                         && pac_kubeconfig_dialog_get_status (dialog) != NULL,
                       30);
}

static void
choose_mode (PacKubeconfigDialog *dialog, guint mode)
{
  AdwComboRow *combo
    = ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Sign-in"));

  adw_combo_row_set_selected (combo, mode);
  wait_settled (dialog);
}

/* The dialog, settled and ready in sign-in @mode (0 plugin, 1 token, 2 admin) */
static PacKubeconfigDialog *
open_export_in (guint mode)
{
  PacKubeconfigDialog *dialog = open_export ();

  wait_settled (dialog);
  choose_mode (dialog, mode);
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  return dialog;
}

static void
export_and_wait (PacKubeconfigDialog *dialog)
{
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "kubeconfig.export", NULL);
  WAIT_FOR (ui_find_dialog (PAC_TYPE_KUBECONFIG_DIALOG) == NULL);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” lacks “%s”", text ? text : "(null)", needle);
}

static const char *
context_status (void)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "kubectl Context");

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The command the toast copies works as it is */
static void
assert_command_works (const char *context, const char *file, const char *expected)
{
  g_autofree char *command = pac_kubeconfig_command (context, file, PAC_NODE_CLUSTER);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_cmpstr (command, ==, expected);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_contains (out, CLUSTER);
}

static void
assert_get_nodes (const char *context, const char *file)
{
  g_autofree char *out = NULL;
  g_autofree char *flag = file ? g_strdup_printf ("--kubeconfig=%s", file) : NULL;

  if (flag)
    g_assert_true (kubectl (&out, flag, "--context", context, "get", "nodes", NULL));
  else
    g_assert_true (kubectl (&out, "--context", context, "get", "nodes", NULL));
  assert_contains (out, CLUSTER);
}

/* ---- the tests ---- */

static void
test_export_plugin (void)
{
  PacKubeconfigDialog *dialog;
  g_autofree char *preview = NULL;
  g_autofree char *text = NULL;
  g_autoptr (SimReply) expired = NULL;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  dialog = open_export ();
  assert_contains (context_status (), "None yet");
  wait_settled (dialog);
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  preview = pac_kubeconfig_dialog_dup_preview (dialog);
  assert_contains (preview, "@@ contexts: add " CLUSTER);
  assert_contains (preview, "command:");
  g_assert_null (strstr (preview, "token")); /* no secret in what is written */
  assert_contains (pac_kubeconfig_dialog_get_status (dialog), kubeconfig);
  ui_save_screenshot (GTK_WIDGET (dialog), "kubeconfig-export");
  export_and_wait (dialog);
  text = file_text (kubeconfig);
  assert_contains (text, "pacific-credential");
  assert_get_nodes (CLUSTER, NULL);
  assert_command_works (CLUSTER, kubeconfig, "kubectl --context " CLUSTER " get nodes");
  assert_contains (context_status (), "keyring plugin: refreshed automatically");

  /* The Supervisor revokes every token: client-go does not repeat the
   * request the 401 answered, but asks the plugin again at once, and the
   * plugin signs in with the keyring password */
  expired = sim_fixture_request (sim, "POST", "/_sim/expire-tokens", NULL, NULL, "{}");
  g_assert_cmpuint (expired->status, ==, 200);
  kubectl (NULL, "--context", CLUSTER, "get", "nodes", NULL);
  assert_get_nodes (CLUSTER, NULL);
}

static void
test_export_token (void)
{
  PacKubeconfigDialog *dialog;
  g_autofree char *text = NULL;
  g_autofree char *preview = NULL;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  dialog = open_export_in (1);
  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ui_find_row (
                     GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                     "The current token is written into the file: whoever reads the file can "
                     "use it, and it stops working in about 10 hours. For machines without "
                     "your keyring."))),
                   "10 hours");
  preview = pac_kubeconfig_dialog_dup_preview (dialog);
  assert_contains (preview, "@@ users: update wcp:");
  assert_contains (preview, "token: ");
  export_and_wait (dialog);
  text = file_text (kubeconfig);
  assert_contains (text, "token:");
  assert_get_nodes (CLUSTER, NULL);
  assert_contains (context_status (), "static token, expires");
}

static void
test_export_admin (void)
{
  PacKubeconfigDialog *dialog;
  g_autofree char *text = NULL;
  g_autofree char *preview = NULL;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  dialog = open_export_in (2);
  preview = pac_kubeconfig_dialog_dup_preview (dialog);
  assert_contains (preview, "@@ users: add " CLUSTER "-admin");
  assert_contains (preview, "@@ contexts: update " CLUSTER);
  export_and_wait (dialog);
  text = file_text (kubeconfig);
  assert_contains (text, "client-certificate-data");
  assert_get_nodes (CLUSTER, NULL);
  assert_contains (context_status (), "admin certificate, valid until");
}

static void
test_foreign_untouched (void)
{
  g_autofree char *after = NULL;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  after = foreign_entries (kubeconfig);
  g_assert_cmpstr (after, ==, foreign_before);
}

/* kubectl vsphere login's names for the same cluster, in another file */
static const char vsphere_entries[]
  = "apiVersion: v1\n"
    "kind: Config\n"
    "clusters:\n"
    "- name: 10.0.0.9\n"
    "  cluster: {server: 'https://10.0.0.9:6443', insecure-skip-tls-verify: false}\n"
    "users:\n"
    "- name: wcp:10.0.0.9:" USER "\n"
    "  user: {token: kept.by.kubectl-vsphere}\n"
    "contexts:\n"
    "- name: " CLUSTER "\n"
    "  context: {cluster: 10.0.0.9, user: 'wcp:10.0.0.9:" USER "'}\n"
    "current-context: " CLUSTER "\n";

static void
test_clash (void)
{
  PacKubeconfigDialog *dialog;
  g_autofree char *preview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *renamed = renamed_context ();
  g_autofree char *added = NULL;
  GtkWidget *rename;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (vsphere_kubeconfig, vsphere_entries, -1, NULL));
  before = foreign_entries (vsphere_kubeconfig);
  dialog = open_export ();
  wait_settled (dialog);
  pac_kubeconfig_dialog_set_file (dialog, vsphere_kubeconfig);
  wait_settled (dialog);
  g_assert_false (pac_kubeconfig_dialog_is_ready (dialog));
  assert_contains (pac_kubeconfig_dialog_get_status (dialog), "A name is taken");
  preview = pac_kubeconfig_dialog_dup_preview (dialog);
  assert_contains (preview, "contexts: " CLUSTER " is taken by an entry Pacific did not write");
  /* nothing is written while undecided */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "kubeconfig.export", NULL);
  text = file_text (vsphere_kubeconfig);
  g_assert_cmpstr (text, ==, vsphere_entries);
  rename = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                        "Keep theirs, add Pacific’s under another name");
  g_assert_true (gtk_widget_is_visible (rename));
  adw_action_row_activate (ADW_ACTION_ROW (rename));
  wait_settled (dialog);
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  g_free (preview);
  preview = pac_kubeconfig_dialog_dup_preview (dialog);
  added = g_strdup_printf ("@@ contexts: add %s", renamed);
  assert_contains (preview, added);
  export_and_wait (dialog);
  g_free (text);
  text = foreign_entries (vsphere_kubeconfig);
  g_assert_cmpstr (text, ==, before);
  assert_get_nodes (renamed, vsphere_kubeconfig);
  expected = g_strdup_printf ("kubectl --kubeconfig %s --context %s get nodes", vsphere_kubeconfig,
                              renamed);
  assert_command_works (renamed, vsphere_kubeconfig, expected);
}

static void
test_bad_targets (void)
{
  PacKubeconfigDialog *dialog = open_export ();
  g_autofree char *bad = g_build_filename (work, "bad.kubeconfig", NULL);
  g_autofree char *text = NULL;

  wait_settled (dialog);
  g_assert_true (g_file_set_contents (bad, "apiVersion: v1\nclusters: [\n", -1, NULL));
  pac_kubeconfig_dialog_set_file (dialog, bad);
  wait_settled (dialog);
  g_assert_false (pac_kubeconfig_dialog_is_ready (dialog));
  assert_contains (pac_kubeconfig_dialog_get_status (dialog), "line 3");
  text = file_text (bad);
  g_assert_cmpstr (text, ==, "apiVersion: v1\nclusters: [\n");
  /* a directory where no lock or temporary file can be made (as a
   * Flatpak finds one outside ~/.kube): refused, with the reason */
  pac_kubeconfig_dialog_set_file (dialog, "/proc/pacific-test/config");
  wait_settled (dialog);
  g_assert_false (pac_kubeconfig_dialog_is_ready (dialog));
  assert_contains (pac_kubeconfig_dialog_get_status (dialog), "cannot make its lock");
  pac_kubeconfig_dialog_set_file (dialog, NULL);
  wait_settled (dialog);
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  pac_dialog_close (PAC_DIALOG (dialog));
  WAIT_FOR (ui_find_dialog (PAC_TYPE_KUBECONFIG_DIALOG) == NULL);
}

/* A kubeconfig locked by another program: the window is not stalled while
 * Pacific waits for the lock (the write runs in a thread), the refusal
 * names the lock, and once it is gone the export goes through */
static void
test_locked (void)
{
  PacKubeconfigDialog *dialog = open_export ();
  g_autofree char *file = g_build_filename (work, "locked.kubeconfig", NULL);
  g_autofree char *lock = g_strconcat (file, ".lock", NULL);

  wait_settled (dialog);
  g_assert_true (g_file_set_contents (lock, "", -1, NULL));
  pac_kubeconfig_dialog_set_file (dialog, file);
  wait_settled (dialog);
  g_assert_true (pac_kubeconfig_dialog_is_ready (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "kubeconfig.export", NULL);
  /* back in the main loop at once, still writing (it was done, refused,
   * before this returned when the write ran on the main thread) */
  g_assert_true (pac_kubeconfig_dialog_is_busy (dialog));
  wait_settled (dialog);
  assert_contains (pac_kubeconfig_dialog_get_status (dialog), "is locked by another program");
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_unlink (lock);
  pac_kubeconfig_dialog_set_file (dialog, file);
  wait_settled (dialog);
  export_and_wait (dialog);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
}

static gboolean
has_mark (const char *path)
{
  g_autofree char *text = file_text (path);

  return strstr (text, MARK) != NULL;
}

static gboolean
keys_cached (void)
{
  g_autofree char *keys = NULL;
  g_autofree char *needle = g_strdup_printf ("pacific:%s|" USER, sim->url);

  g_file_get_contents ("/proc/keys", &keys, NULL, NULL);
  return keys && strstr (keys, needle);
}

static gboolean
shows_session (PacSession *wanted)
{
  GListModel *sessions = G_LIST_MODEL (pac_window_get_sessions (window));

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr (PacSession) shown = g_list_model_get_item (sessions, i);

      if (shown == wanted)
        return TRUE;
    }
  return FALSE;
}

static void
test_sign_out (void)
{
  PacAccount *account = pac_session_get_account (session);
  PacAlert *dialog;
  g_autofree char *preview = NULL;
  g_autofree char *after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *password = NULL;
  g_autofree char *renamed = renamed_context ();

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  /* the plugin's warm path cached the token in the kernel keyring
   * (where the kernel offers one to this process) */
  if (!keys_cached ())
    g_test_message ("no kernel keyring here: its part is not checked");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", "s",
                              pac_account_get_id (account));
  dialog = ui_wait_for_message_dialog ("Sign Out of");
  /* the files are read in a thread; Sign Out waits for them */
  g_assert_false (pac_alert_get_response_enabled (dialog, "sign-out")
                  && pac_sign_out_dialog_is_previewing (PAC_SIGN_OUT_DIALOG (dialog)));
  WAIT_FOR (!pac_sign_out_dialog_is_previewing (PAC_SIGN_OUT_DIALOG (dialog)));
  g_assert_true (pac_alert_get_response_enabled (dialog, "sign-out"));
  preview = pac_sign_out_dialog_dup_preview (PAC_SIGN_OUT_DIALOG (dialog));
  assert_contains (preview, kubeconfig);
  assert_contains (preview, vsphere_kubeconfig);
  assert_contains (preview, "contexts: " CLUSTER "\n");
  assert_contains (preview, renamed);
  g_assert_null (strstr (preview, "octal"));
  ui_save_screenshot (GTK_WIDGET (dialog), "sign-out");
  pac_sign_out_dialog_set_forget (PAC_SIGN_OUT_DIALOG (dialog), FALSE, FALSE);
  ui_alert_respond (dialog, "sign-out");
  /* done when the window starts the account's session afresh */
  UI_WAIT_FOR_SECONDS (!shows_session (session), 20);
  g_assert_false (has_mark (vsphere_kubeconfig));
  g_assert_false (has_mark (kubeconfig));
  after = foreign_entries (kubeconfig);
  g_assert_cmpstr (after, ==, foreign_before);
  g_free (after);
  after = foreign_entries (vsphere_kubeconfig);
  assert_contains (after, "kept.by.kubectl-vsphere");
  /* tokens gone, the password kept (not asked for) */
  WAIT_FOR (!keys_cached ());
  token = pac_secrets_lookup_sync (PAC_SECRET_TOKEN, supervisor_host (), supervisor_port (), USER,
                                   NULL, NULL);
  g_assert_null (token);
  password = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, supervisor_host (), supervisor_port (),
                                      USER, NULL, NULL);
  g_assert_cmpstr (password, ==, PASSWORD);
  g_assert_false (kubectl (NULL, "--context", CLUSTER, "get", "nodes", NULL));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *users = NULL;
  g_autofree char *users_flag = NULL;
  const char *args[] = { "--supervisor-version=7.0.1", "--scenario=demo", NULL, NULL };
  g_autofree char *rich = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  PacApplication *app;
  int status;

  work = g_dir_make_tmp ("pacific-kubeconfig-XXXXXX", &error);
  g_assert_no_error (error);
  kubeconfig = g_build_filename (work, "kube", "config", NULL);
  vsphere_kubeconfig = g_build_filename (work, "vsphere.kubeconfig", NULL);
  g_setenv ("KUBECONFIG", kubeconfig, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  rich = g_test_build_filename (G_TEST_DIST, "data", "rich.kubeconfig", NULL);
  g_assert_true (g_file_get_contents (rich, &text, NULL, NULL));
  dir = g_path_get_dirname (kubeconfig);
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (
    g_file_set_contents_full (kubeconfig, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  users = g_build_filename (work, "users", NULL);
  g_assert_true (
    g_file_set_contents (users, "[" USER "]\npassword=" PASSWORD "\nroles=dev:OWNER\n", -1, NULL));
  users_flag = g_strdup_printf ("--users=%s", users);
  args[2] = users_flag;
  sim = sim_fixture_start (args);
  /* the plugin, another process, signs in with the keyring's password */
  g_assert_true (pac_secrets_store_sync (PAC_SECRET_PASSWORD, supervisor_host (),
                                         supervisor_port (), USER, PASSWORD, NULL, &error));
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, USER, PASSWORD, &window);
  pac_session_load_all (session);
  if (ui_have_kubectl ())
    foreign_before = foreign_entries (kubeconfig);

  g_test_add_func ("/ui-kubeconfig/export-plugin", test_export_plugin);
  g_test_add_func ("/ui-kubeconfig/export-token", test_export_token);
  g_test_add_func ("/ui-kubeconfig/export-admin", test_export_admin);
  g_test_add_func ("/ui-kubeconfig/foreign-untouched", test_foreign_untouched);
  g_test_add_func ("/ui-kubeconfig/clash", test_clash);
  g_test_add_func ("/ui-kubeconfig/bad-targets", test_bad_targets);
  g_test_add_func ("/ui-kubeconfig/locked", test_locked);
  g_test_add_func ("/ui-kubeconfig/sign-out", test_sign_out);
  status = g_test_run ();
  pac_secrets_clear_sync (PAC_SECRET_PASSWORD, supervisor_host (), supervisor_port (), USER, NULL,
                          NULL);
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
