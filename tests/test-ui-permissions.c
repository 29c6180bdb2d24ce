/* test-ui-permissions.c: the Pod Security and Access dialogs, through
 * their widgets, against a simulator's guest cluster: Kubernetes 1.17
 * (PodSecurityPolicy; the article's refused Deployment) when
 * PAC_TEST_GUEST=psp, 1.26 (Pod Security Admission) when it is "psa";
 * access checked with real `kubectl auth can-i --as`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-access-dialog.h"
#include "pac-application.h"
#include "pac-json.h"
#include "pac-pod-security-dialog.h"
#include "pac-pod-security.h"
#include "pac-window.h"
#include "pac-yaml.h"
#include "sim-connection.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

#define CLUSTER "dev-cluster-01"

static SimFixture *sim;
static PacWindow *window;
static PacSession *session;
static PacGuestClient *guest; /* the test's own, to make and watch workloads */
static char *admin_kubeconfig;
static gboolean psp;

/* ---- the test's own view of the guest ---- */

static PacGuestClient *
open_guest (void)
{
  g_autoptr (PacConnection) supervisor
    = sim_connection_new (sim, "devops@vsphere.local", "DevOps!23");
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PacConnection) connection = NULL;

  pac_connection_open_guest_async (supervisor, "dev", CLUSTER, NULL, sim_fixture_on_done, &result);
  connection = pac_connection_open_guest_finish (supervisor, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return pac_guest_client_new (connection);
}

static JsonNode *
apply_yaml (const char *yaml, GError **error)
{
  g_autoptr (JsonNode) manifest = pac_yaml_load (yaml, -1, NULL);
  GAsyncResult *result = NULL;
  JsonNode *node;

  pac_guest_client_apply_async (guest, json_node_get_object (manifest), NULL, sim_fixture_on_done,
                                &result);
  node = pac_guest_client_apply_finish (guest, sim_fixture_wait (&result), NULL, error);
  g_object_unref (result);
  return node;
}

static gint64
ready_replicas (const char *name)
{
  g_autofree char *path = g_strdup_printf ("/apis/apps/v1/namespaces/default/deployments/%s", name);
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) deployment = NULL;
  PacConnection *connection = pac_guest_client_get_connection (guest);

  pac_connection_request_async (connection, "GET", path, NULL, NULL, sim_fixture_on_done, &result);
  deployment = pac_connection_request_finish (connection, sim_fixture_wait (&result), NULL);
  g_object_unref (result);
  return pac_json_int (pac_json_node_object (deployment), "status.readyReplicas", 0);
}

static gboolean
replica_set_refused (void)
{
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *text = NULL;

  pac_guest_client_list_async (guest, PAC_GUEST_REPLICA_SETS, "default", NULL, NULL, NULL,
                               sim_fixture_on_done, &result);
  list = pac_guest_client_call_finish (guest, sim_fixture_wait (&result), NULL);
  g_object_unref (result);
  text = list ? json_to_string (list, FALSE) : NULL;
  return text && strstr (text, "unable to validate against any pod security policy");
}

/* ---- kubectl, with the cluster's admin kubeconfig ---- */

/* kubectl runs while this process keeps its main loop going: the
 * simulator may be writing to the window's watches meanwhile, and a
 * process blocked in g_spawn_sync() would not read them */
static char *
can_i (const char *as, const char *verb, const char *resource, const char *ns)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) kubectl
    = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                        "kubectl", "--request-timeout=30s", "--kubeconfig", admin_kubeconfig,
                        "auth", "can-i", verb, resource, "--as", as, "-n", ns, NULL);
  GAsyncResult *result = NULL;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (kubectl, NULL, NULL, sim_fixture_on_done, &result);
  UI_WAIT_FOR_SECONDS (result != NULL, 60);
  g_subprocess_communicate_utf8_finish (kubectl, result, &out, NULL, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_test_message ("kubectl auth can-i %s %s --as %s -n %s: %s", verb, resource, as, ns, out);
  return g_strdup (g_strstrip (out));
}

static void
fetch_admin_kubeconfig (const char *work)
{
  g_autofree char *token = sim_fixture_login (sim, "devops@vsphere.local", "DevOps!23");
  g_autoptr (SimReply) reply = sim_fixture_request (
    sim, "GET", "/api/v1/namespaces/dev/secrets/" CLUSTER "-kubeconfig", token, NULL, NULL);
  const char *value = sim_reply_string (reply, "data.value");
  gsize length = 0;
  g_autofree guchar *text = NULL;

  g_assert_nonnull (value);
  text = g_base64_decode (value, &length);
  admin_kubeconfig = g_build_filename (work, "admin.kubeconfig", NULL);
  g_assert_true (g_file_set_contents (admin_kubeconfig, (char *) text, length, NULL));
}

/* ---- widgets ---- */

static gboolean
is_fix_button (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The cluster's page, once the header's Pod Security is enabled for it */
static void
show_cluster (void)
{
  GtkWidget *button = NULL;
  GtkWidget *row = NULL;

  ui_select_node (window, ui_wait_for_node (session, CLUSTER));
  WAIT_FOR ((button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, ui_has_action,
                                      "win.pod-security"))
              != NULL
            && gtk_widget_is_sensitive (button));
  /* and once the page has reached the cluster's API */
  row = ui_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Pod Security");
  UI_WAIT_FOR_SECONDS (
    strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", "default:"), 30);
}

static PacPodSecurityDialog *
open_pod_security (void)
{
  PacPodSecurityDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.pod-security", NULL);
  WAIT_FOR ((dialog = PAC_POD_SECURITY_DIALOG (ui_find_dialog (PAC_TYPE_POD_SECURITY_DIALOG)))
            != NULL);
  WAIT_FOR (pac_pod_security_dialog_get_status (dialog) != NULL);
  return dialog;
}

static void
apply_and_wait (GtkWidget *dialog, const char *action)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (dialog, action, NULL));
  WAIT_FOR (dialog == NULL);
  /* Let the window draw the toast before a new dialog is measured: under
   * the sanitizers GTK 4.8 crashed once in Pango measuring the dialog
   * opened in the same frame (stop 24 and 25, not reproduced alone) */
  ui_spin (300);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text ? text : "(null)", needle);
}

static void
select_in (GtkWidget *root, const char *title, guint position)
{
  GtkWidget *row = ui_find_row (root, ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
}

static const char deployment[]
  = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: hello, namespace: default}\n"
    "spec:\n  replicas: 2\n  selector: {matchLabels: {app: hello}}\n  template:\n"
    "    metadata: {labels: {app: hello}}\n"
    "    spec: {containers: [{name: hello, image: paulbouwer/hello-kubernetes:1.8}]}\n";

static void
test_psp_fix (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) created = NULL;
  PacPodSecurityDialog *dialog;
  GtkWidget *fix = NULL;
  g_autofree char *preview = NULL;

  /* The page is shown before the workload comes: it tells of the refusal
   * without being selected again (it did only after reselecting) */
  show_cluster ();
  created = apply_yaml (deployment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  UI_WAIT_FOR_SECONDS (replica_set_refused (), 30);
  /* The page points to the dialog: the ReplicaSet's pods are refused */
  UI_WAIT_FOR_SECONDS (
    (fix = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_fix_button, "_Fix…")) != NULL
      && gtk_widget_get_mapped (fix),
    30);
  ui_save_screenshot (GTK_WIDGET (window), "pod-security-refused");
  gtk_widget_activate (fix);
  WAIT_FOR ((dialog = PAC_POD_SECURITY_DIALOG (ui_find_dialog (PAC_TYPE_POD_SECURITY_DIALOG)))
            != NULL);
  WAIT_FOR (pac_pod_security_dialog_get_status (dialog) != NULL);
  g_assert_true (pac_pod_security_dialog_is_ready (dialog));
  preview = pac_pod_security_dialog_dup_preview (dialog);
  assert_contains (preview, "kind: RoleBinding");
  assert_contains (preview, "name: psp:vmware-system-privileged");
  assert_contains (preview, "name: system:serviceaccounts");
  assert_contains (preview, "namespace: default");
  g_assert_nonnull (
    ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Namespaces created later"));
  ui_save_screenshot (GTK_WIDGET (dialog), "pod-security");
  apply_and_wait (GTK_WIDGET (dialog), "pod-security.apply");
  WAIT_FOR (ready_replicas ("hello") == 2);

  /* Opened again: nothing to change, and the binding is listed */
  dialog = open_pod_security ();
  g_assert_false (pac_pod_security_dialog_is_ready (dialog));
  assert_contains (pac_pod_security_dialog_get_status (dialog), "Nothing to change");
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                 "pacific:psp:privileged:serviceaccounts"));
  /* Cluster-wide instead: a ClusterRoleBinding for every authenticated user */
  select_in (GTK_WIDGET (dialog), "For", 1);
  g_clear_pointer (&preview, g_free);
  preview = pac_pod_security_dialog_dup_preview (dialog);
  assert_contains (preview, "kind: ClusterRoleBinding");
  assert_contains (preview, "name: system:authenticated");
  pac_dialog_force_close (PAC_DIALOG (dialog));
}

static const char privileged_pod[]
  = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: default}\n"
    "spec: {containers: [{name: tool, image: busybox, securityContext: {privileged: true}}]}\n";

static gboolean
pod_admitted (const char *name)
{
  g_autofree char *yaml = g_strdup_printf (privileged_pod, name);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) pod = apply_yaml (yaml, &error);

  if (error)
    g_assert_true (pac_pod_security_is_refusal (error->message));
  return pod != NULL;
}

static void
test_psa_labels (void)
{
  PacPodSecurityDialog *dialog;
  g_autofree char *preview = NULL;

  g_assert_false (pod_admitted ("tool"));
  show_cluster ();
  dialog = open_pod_security ();
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Enforce"));
  g_assert_true (pac_pod_security_dialog_is_ready (dialog));
  preview = pac_pod_security_dialog_dup_preview (dialog);
  assert_contains (preview, "kind: Namespace");
  assert_contains (preview, "pod-security.kubernetes.io/enforce: privileged");
  ui_save_screenshot (GTK_WIDGET (dialog), "pod-security-admission");
  apply_and_wait (GTK_WIDGET (dialog), "pod-security.apply");
  g_assert_true (pod_admitted ("tool"));

  /* Removing the label refuses such pods again */
  dialog = open_pod_security ();
  assert_contains (pac_pod_security_dialog_get_status (dialog), "Nothing to change");
  select_in (GTK_WIDGET (dialog), "Enforce", 0);
  g_clear_pointer (&preview, g_free);
  preview = pac_pod_security_dialog_dup_preview (dialog);
  assert_contains (preview, "pod-security.kubernetes.io/enforce: null");
  apply_and_wait (GTK_WIDGET (dialog), "pod-security.apply");
  g_assert_false (pod_admitted ("tool2"));
}

static PacAccessDialog *
open_access (void)
{
  PacAccessDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.access", NULL);
  WAIT_FOR ((dialog = PAC_ACCESS_DIALOG (ui_find_dialog (PAC_TYPE_ACCESS_DIALOG))) != NULL);
  WAIT_FOR (pac_access_dialog_get_status (dialog) != NULL);
  return dialog;
}

static gboolean
is_revoke_of (GtkWidget *widget, gconstpointer subject)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return target && row
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "access.revoke")
              == 0
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), subject) == 0;
}

static void
test_access (void)
{
  PacAccessDialog *dialog;
  GtkWidget *name;
  GtkWidget *revoke;
  PacAlert *confirm;
  g_autofree char *preview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *revoked = NULL;

  if (!ui_have_kubectl ())
    {
      g_test_skip ("kubectl is not installed");
      return;
    }
  show_cluster ();
  dialog = open_access ();
  before = can_i ("sso:alice@vsphere.local", "create", "deployments", "default");
  g_assert_cmpstr (before, ==, "no");
  g_assert_cmpuint (pac_access_dialog_count_grants (dialog, "sso:devops@vsphere.local"), ==, 1);
  name = ui_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name, such as alice@vsphere.local");
  gtk_editable_set_text (GTK_EDITABLE (name), "alice");
  g_assert_false (pac_access_dialog_is_ready (dialog));
  assert_contains (pac_access_dialog_get_status (dialog), "name@domain");
  gtk_editable_set_text (GTK_EDITABLE (name), "alice@vsphere.local");
  select_in (GTK_WIDGET (dialog), "Role", 2);
  select_in (GTK_WIDGET (dialog), "Where", 1); /* the first namespace: default */
  g_assert_true (pac_access_dialog_is_ready (dialog));
  preview = pac_access_dialog_dup_preview (dialog);
  assert_contains (preview, "kind: RoleBinding");
  assert_contains (preview, "name: sso:alice@vsphere.local");
  assert_contains (preview, "name: edit");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "access.grant", NULL));
  WAIT_FOR (pac_access_dialog_count_grants (dialog, "sso:alice@vsphere.local") == 1
            && pac_access_dialog_get_status (dialog) != NULL);
  ui_save_screenshot (GTK_WIDGET (dialog), "access");
  granted = can_i ("sso:alice@vsphere.local", "create", "deployments", "default");
  g_assert_cmpstr (granted, ==, "yes");
  elsewhere = can_i ("sso:alice@vsphere.local", "create", "deployments", "kube-public");
  g_assert_cmpstr (elsewhere, ==, "no");

  /* Granting again is no change */
  gtk_editable_set_text (GTK_EDITABLE (name), "alice@vsphere.local");
  g_assert_false (pac_access_dialog_is_ready (dialog));
  assert_contains (pac_access_dialog_get_status (dialog), "Nothing to change");

  /* Revoke, after a confirmation; vSphere's own grant has no revoke button */
  g_assert_null (ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, is_revoke_of,
                                 "sso:devops@vsphere.local"));
  revoke = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, is_revoke_of,
                           "sso:alice@vsphere.local");
  g_assert_nonnull (revoke);
  gtk_widget_activate (revoke);
  confirm = ui_wait_for_message_dialog ("Revoke Access?");
  ui_alert_respond (confirm, "revoke");
  WAIT_FOR (pac_access_dialog_count_grants (dialog, "sso:alice@vsphere.local") == 0
            && pac_access_dialog_get_status (dialog) != NULL);
  revoked = can_i ("sso:alice@vsphere.local", "create", "deployments", "default");
  g_assert_cmpstr (revoked, ==, "no");
  pac_dialog_force_close (PAC_DIALOG (dialog));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *work = g_dir_make_tmp ("pacific-permissions-XXXXXX", NULL);
  const char *version = NULL;
  PacApplication *app;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  psp = g_strcmp0 (g_getenv ("PAC_TEST_GUEST"), "psa") != 0;
  version = psp ? "--supervisor-version=7.0.1" : "--supervisor-version=8.0";
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start (
    (const char *const[]){ version, "--scenario=demo", "--cluster-seconds=1", NULL });
  session = ui_connect (sim, PAC_ACCOUNT_SUPERVISOR, "devops@vsphere.local", "DevOps!23", &window);
  pac_session_load_all (session);
  guest = open_guest ();
  fetch_admin_kubeconfig (work);
  if (psp)
    g_test_add_func ("/ui-permissions/psp-fix", test_psp_fix);
  else
    {
      g_test_add_func ("/ui-permissions/psa-labels", test_psa_labels);
      g_test_add_func ("/ui-permissions/access", test_access);
    }
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&guest);
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  g_free (admin_kubeconfig);
  return status;
}
