/* test-ui-creator.c: the cluster creator through its widgets, on the
 * source article's Supervisor (7.0.1, TKC v1alpha1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real simulator over TLS and Xvfb. The tests run in order and share
 * it: namespace001 is made through the vCenter API as the article does,
 * then the form fills the YAML, the YAML fills the form, a table of bad
 * inputs is refused field by field, guest-cluster-01 is created and
 * followed until it runs, edited (diff, then a merge patch) and edited
 * again after someone else changed it (409).
 */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "pac-application.h"
#include "pac-cluster-creator.h"
#include "pac-node-pool-row.h"
#include "pac-sidebar.h"
#include "pac-trust.h"
#include "pac-vcenter-client.h"
#include "pac-widget-text.h"
#include "pac-window.h"
#include "sim-fixture.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"

#define ADMIN "administrator@vsphere.local"
#define VSAN_POLICY "aa6d5a82-1c88-45da-85d3-3d74b91a5bad"
#define ARTICLE_RELEASE "v1.17.8+vmware.1-tkg.1.5417466"

static PacApplication *app;
static SimFixture *sim;
static PacWindow *window;
static PacSession *session;

/* ---- finding things ---- */

static PacNode *
wait_for_node (const char *key)
{
  return ui_wait_for_node (session, key);
}

static void
select_node (PacNode *node)
{
  ui_select_node (window, node);
}

static GtkWidget *
row (GtkWidget *root, GType type, const char *title)
{
  return ui_find_row (root, type, title);
}

static PacClusterCreator *
open_creator (const char *action)
{
  PacClusterCreator *creator = NULL;

  ui_activate_when_enabled (window, action, 20);
  WAIT_FOR ((creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR))) != NULL);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_is_ready (creator), 20);
  return creator;
}

static char *
yaml_of (PacClusterCreator *creator)
{
  GtkTextBuffer *buffer = pac_cluster_creator_get_buffer (creator);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_yaml_has (PacClusterCreator *creator, const char *needle)
{
  g_autofree char *yaml = yaml_of (creator);

  if (strstr (yaml, needle) == NULL)
    g_error ("the YAML lacks “%s”:\n%s", needle, yaml);
}

static void
set_yaml (PacClusterCreator *creator, const char *text)
{
  gtk_text_buffer_set_text (pac_cluster_creator_get_buffer (creator), text, -1);
}

/* Replaces @from by @to in the YAML, as typing would */
static void
edit_yaml (PacClusterCreator *creator, const char *from, const char *to)
{
  g_autofree char *yaml = yaml_of (creator);
  g_autoptr (GString) text = g_string_new (yaml);

  g_assert_nonnull (strstr (yaml, from));
  g_string_replace (text, from, to, 1);
  set_yaml (creator, text->str);
}

static void
set_entry (PacClusterCreator *creator, const char *title, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, title)),
                         text);
}

/* Picks the item whose label is @label in combo row @title */
static void
choose (PacClusterCreator *creator, const char *title, const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (GTK_WIDGET (creator), ADW_TYPE_COMBO_ROW, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_auto (GValue) value = G_VALUE_INIT;

      const char *text;

      if (GTK_IS_STRING_OBJECT (item))
        text = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
      else
        {
          gtk_expression_evaluate (adw_combo_row_get_expression (combo), item, &value);
          text = g_value_get_string (&value);
        }
      if (g_strcmp0 (text, label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_error ("“%s” offers no “%s”", title, label);
}

static gboolean
is_pool_row (GtkWidget *widget, gconstpointer data)
{
  return TRUE;
}

static GtkSpinButton *
pool_spin (PacClusterCreator *creator)
{
  GtkWidget *pool
    = ui_find_widget (GTK_WIDGET (creator), PAC_TYPE_NODE_POOL_ROW, is_pool_row, NULL);

  return GTK_SPIN_BUTTON (ui_find_widget (pool, GTK_TYPE_SPIN_BUTTON, is_pool_row, NULL));
}

static char *
problems_text (PacClusterCreator *creator)
{
  g_autoptr (GPtrArray) problems = pac_cluster_creator_get_problems (creator);

  return pac_problems_to_string (problems);
}

static gboolean
is_diff (GtkWidget *widget, gconstpointer data)
{
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "  ")
         || g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "- ");
}

static PacAlert *
wait_for_message_dialog (const char *heading)
{
  return ui_wait_for_message_dialog (heading);
}

/* ---- the tests ---- */

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The article's namespace, made through the vCenter API; the tree shows it after F5 */
static void
test_namespace (void)
{
  PacVcenterClient *vcenter = pac_session_get_vcenter_client (session);
  const PacNamespaceSpec spec = {
    .cluster = "domain-c8",
    .name = "namespace001",
    .storage_policies = (const char *const[]){ VSAN_POLICY, NULL },
    .vm_classes = (const char *const[]){ "best-effort-small", NULL },
    .editors = (const char *const[]){ "devops@vsphere.local", NULL },
  };
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;

  pac_vcenter_client_create_namespace_async (vcenter, &spec, NULL, on_done, &result);
  UI_WAIT_FOR_SECONDS (result != NULL, 20);
  answer = pac_vcenter_client_call_finish (vcenter, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  select_node (wait_for_node ("namespace001"));
}

static void
test_form_to_yaml (void)
{
  PacClusterCreator *creator = open_creator ("win.new-cluster");
  g_autofree char *problems = NULL;

  /* Filled from the Supervisor: its only API version, a compatible release */
  assert_yaml_has (creator, "apiVersion: run.tanzu.vmware.com/v1alpha1");
  assert_yaml_has (creator, "namespace: namespace001");
  problems = problems_text (creator);
  g_assert_cmpstr (problems, ==, "");

  /* The article's cluster, through the widgets */
  set_entry (creator, "Name", "guest-cluster-01");
  choose (creator, "Kubernetes Release", ARTICLE_RELEASE);
  choose (creator, "Nodes", "1");
  gtk_spin_button_set_value (pool_spin (creator), 4);
  assert_yaml_has (creator, "count: 4");
  gtk_spin_button_set_value (pool_spin (creator), 2);
  choose (creator, "Container Network (CNI)", "calico");
  assert_yaml_has (creator, "name: guest-cluster-01");
  assert_yaml_has (creator, "version: " ARTICLE_RELEASE);
  assert_yaml_has (creator, "count: 2");
  assert_yaml_has (creator, "name: calico");
  choose (creator, "Container Network (CNI)", "antrea");
  assert_yaml_has (creator, "name: antrea");
  /* v1alpha1 lacks pool labels, proxy and CAs: hidden, and said where they live */
  g_assert_false (
    gtk_widget_is_visible (row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "HTTP Proxy")));
  ui_save_screenshot (GTK_WIDGET (creator), "cluster-creator");
}

static void
test_yaml_to_form (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  g_autofree char *broken = NULL;
  GtkWidget *error_label;

  edit_yaml (creator, "count: 2", "count: 3");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (pool_spin (creator)), ==, 3);

  /* A field the form does not know survives the form's changes */
  edit_yaml (creator, "namespace: namespace001",
             "namespace: namespace001\n  labels:\n    team: qa");
  choose (creator, "Container Network (CNI)", "calico");
  assert_yaml_has (creator, "team: qa");

  /* A parse error: said with its place, the text kept, Create off */
  broken = g_strconcat (yaml_of (creator), "spec: [\n", NULL);
  set_yaml (creator, broken);
  error_label = GTK_WIDGET (ui_find_widget (GTK_WIDGET (creator), GTK_TYPE_LABEL,
                                            (WidgetPredicate) gtk_widget_has_css_class, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "line"));
  {
    g_autofree char *kept = yaml_of (creator);
    g_assert_cmpstr (kept, ==, broken);
  }
  g_assert_false (pac_cluster_creator_can_apply (creator));
  edit_yaml (creator, "spec: [\n", "");
  g_assert_false (gtk_widget_get_visible (error_label));
  choose (creator, "Container Network (CNI)", "antrea");
}

static gboolean
shows_problem (GtkWidget *widget, gconstpointer message)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return gtk_widget_get_visible (widget) && subtitle && strstr (subtitle, message);
}

/* A problem row that shows @message, visible */
static GtkWidget *
problem_row_showing (PacClusterCreator *creator, const char *message)
{
  return ui_find_widget (GTK_WIDGET (creator), ADW_TYPE_ACTION_ROW, shows_problem, message);
}

/* Each bad input refused on its field, with its message: in a problem row,
 * on the field's tooltip and accessible description, and on the Create
 * button's tooltip; gone when fixed. The rows are kept and reused. */
static void
test_bad_inputs (void)
{
  static const struct
  {
    const char *row;
    const char *value;
    const char *good;
    const char *message;
  } cases[] = {
    { "Name", "Guest_01", "guest-cluster-01", "lowercase" },
    { "Name", "", "guest-cluster-01", "required" },
    { "Pod Ranges (default 192.168.0.0/16)", "10.96.0.0/16", "", "overlaps" },
    { "Pod Ranges (default 192.168.0.0/16)", "ten.0.0.0/8", "", "CIDR" },
    { "Service Ranges (default 10.96.0.0/12)", "10.96.0.1/12", "", "host bits" },
    { "Service Domain (default cluster.local)", "not a domain", "", "DNS domain" },
  };
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *entry = row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, cases[i].row);
      g_autofree char *problems = NULL;

      set_entry (creator, cases[i].row, cases[i].value);
      problems = problems_text (creator);
      if (strstr (problems, cases[i].message) == NULL)
        g_error ("“%s” in “%s”: expected “%s”, got “%s”", cases[i].value, cases[i].row,
                 cases[i].message, problems);
      g_assert_true (gtk_widget_has_css_class (entry, "error"));
      g_assert_false (pac_cluster_creator_can_apply (creator));
      g_assert_nonnull (problem_row_showing (creator, cases[i].message));
      g_assert_nonnull (strstr (pac_widget_get_live_tooltip (entry) ?: "", cases[i].message));
      g_assert_cmpstr (pac_widget_get_live_tooltip (ui_find_widget (
                         GTK_WIDGET (creator), GTK_TYPE_BUTTON, ui_has_action, "creator.apply")),
                       ==, "Fix the problems listed first");
      {
        GtkWidget *row_shown = problem_row_showing (creator, cases[i].message);

        set_entry (creator, cases[i].row, cases[i].good);
        g_assert_false (gtk_widget_has_css_class (entry, "error"));
        g_assert_null (problem_row_showing (creator, cases[i].message));
        g_assert_null (pac_widget_get_live_tooltip (entry));
        /* the same problem again shows the same row, not a new one */
        set_entry (creator, cases[i].row, cases[i].value);
        g_assert_true (problem_row_showing (creator, cases[i].message) == row_shown);
        set_entry (creator, cases[i].row, cases[i].good);
      }
    }
  /* An incompatible release is refused with the Supervisor's reason */
  choose (creator, "Kubernetes Release", "v1.20.2+vmware.1-tkg.1.1d4f79a");
  {
    g_autofree char *problems = problems_text (creator);
    g_assert_nonnull (strstr (problems, "spec.distribution.version"));
  }
  choose (creator, "Kubernetes Release", ARTICLE_RELEASE);
}

static gboolean
pod_security_read (void)
{
  GtkWidget *pod_security = row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Pod Security");
  const char *now
    = pod_security ? adw_action_row_get_subtitle (ADW_ACTION_ROW (pod_security)) : NULL;

  return now && g_strcmp0 (now, "The cluster is not ready yet") != 0
         && g_strcmp0 (now, "Loading…") != 0;
}

/* Create: after the dry run; the tree selects it and it runs */
static void
test_create (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  PacNode *cluster;

  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  gtk_widget_activate_action (GTK_WIDGET (creator), "creator.apply", NULL);
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
  cluster = wait_for_node ("guest-cluster-01");
  WAIT_FOR (pac_sidebar_get_selected (pac_window_get_sidebar (window)) == cluster);
  UI_WAIT_FOR_SECONDS (pac_node_get_health (cluster) == PAC_HEALTH_OK, 30);
  g_assert_nonnull (strstr (pac_node_get_subtitle (cluster), "1 + 3 nodes"));
  /* the sidebar says the Kubernetes version; the release is the page's */
  g_assert_true (g_str_has_prefix (pac_node_get_subtitle (cluster), "v1.17.8 · "));
  /* The page, shown since the cluster was created, follows it: ready, its
   * guest's groups are read (they said "not ready yet" until reselected) */
  UI_WAIT_FOR_SECONDS (pod_security_read (), 30);
}

/* Edit: the diff before a merge patch; the tree follows */
static void
test_edit (void)
{
  PacNode *cluster = wait_for_node ("guest-cluster-01");
  PacClusterCreator *creator;
  PacAlert *review;
  GtkWidget *name, *diff;

  select_node (cluster);
  creator = open_creator ("win.edit-cluster");
  name = row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (name)));
  g_assert_false (pac_cluster_creator_can_apply (creator)); /* nothing changed yet */
  gtk_spin_button_set_value (pool_spin (creator), 2);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  gtk_widget_activate_action (GTK_WIDGET (creator), "creator.apply", NULL);
  review = wait_for_message_dialog ("Apply These Changes");
  diff = ui_find_widget (GTK_WIDGET (review), GTK_TYPE_LABEL, is_diff, NULL);
  g_assert_nonnull (diff);
  g_test_message ("diff: %s", gtk_label_get_label (GTK_LABEL (diff)));
  g_assert_nonnull (
    strstr (gtk_label_get_label (GTK_LABEL (diff)), "-       count: 3\n+       count: 2"));
  ui_alert_respond (review, "apply");
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
  UI_WAIT_FOR_SECONDS (strstr (pac_node_get_subtitle (cluster), "1 + 2 nodes") != NULL, 20);
}

/* Someone else changed the cluster: 409, then reload on request */
static void
test_edit_conflict (void)
{
  PacNode *cluster = wait_for_node ("guest-cluster-01");
  PacClusterCreator *creator = open_creator ("win.edit-cluster");
  g_autofree char *token = sim_fixture_login (sim, ADMIN, "Admin!23");
  g_autoptr (SimReply) reply = NULL;
  PacAlert *dialog;

  gtk_spin_button_set_value (pool_spin (creator), 4);
  UI_WAIT_FOR_SECONDS (pac_cluster_creator_can_apply (creator), 20);
  reply = sim_fixture_request (
    sim, "PATCH",
    "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/namespace001/tanzukubernetesclusters/"
    "guest-cluster-01",
    token, "application/merge-patch+json",
    "{\"metadata\":{\"labels\":{\"changed-by\":\"someone-else\"}}}");
  g_assert_cmpuint (reply->status, ==, 200);
  gtk_widget_activate_action (GTK_WIDGET (creator), "creator.apply", NULL);
  ui_alert_respond (wait_for_message_dialog ("Apply These Changes"), "apply");
  dialog = wait_for_message_dialog ("The Cluster Changed");
  ui_alert_respond (dialog, "reload");
  UI_WAIT_FOR_SECONDS (strstr (yaml_of (creator), "changed-by: someone-else") != NULL, 20);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (pool_spin (creator)), ==, 2);
  g_assert_nonnull (cluster);
}

/* Closing with changes asks first */
typedef struct
{
  guint inserted;
  guint deleted;
} Edits;

static void
on_insert (GtkTextBuffer *buffer, GtkTextIter *at, const char *text, int length, Edits *edits)
{
  edits->inserted += (guint) g_utf8_strlen (text, length);
}

static void
on_delete (GtkTextBuffer *buffer, GtkTextIter *start, GtkTextIter *end, Edits *edits)
{
  edits->deleted += (guint) (gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start));
}

static gboolean
has_id (GtkWidget *widget, gconstpointer id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

static GtkWidget *
first_problem_row (PacClusterCreator *creator)
{
  GtkWidget *list
    = ui_find_widget (GTK_WIDGET (creator), GTK_TYPE_LIST_BOX, has_id, "problems_list");

  g_assert_nonnull (list);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
}

/* A form change edits the YAML where it differs, not the whole text; a
 * change that leaves the problems as they were rebuilds no problem row */
static void
test_small_edits (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  GtkTextBuffer *buffer = pac_cluster_creator_get_buffer (creator);
  Edits edits = { 0 };
  g_autofree char *before = yaml_of (creator);
  GtkWidget *row;

  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert), &edits);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete), &edits);
  set_entry (creator, "Service Domain (default cluster.local)", "example.test");
  assert_yaml_has (creator, "serviceDomain: example.test");
  g_test_message ("inserted %u, deleted %u of %u characters", edits.inserted, edits.deleted,
                  (guint) g_utf8_strlen (before, -1));
  g_assert_cmpuint (edits.inserted, <, 40);
  g_assert_cmpuint (edits.deleted, <, 40);

  set_entry (creator, "Pod Ranges (default 192.168.0.0/16)", "ten.0.0.0/8");
  row = first_problem_row (creator);
  g_assert_nonnull (row);
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  set_entry (creator, "Service Domain (default cluster.local)", "example.other");
  g_assert_nonnull (row);
  g_assert_true (row == first_problem_row (creator));
  g_object_remove_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  set_entry (creator, "Pod Ranges (default 192.168.0.0/16)", "");
  g_signal_handlers_disconnect_by_data (buffer, &edits);
}

/* The form is bound to the spec: a change of the spec shows in the form
 * and the YAML, and what is being typed is not rewritten under the cursor */
static void
test_bound_to_spec (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  PacClusterSpec *spec = pac_cluster_creator_get_spec (creator);
  GtkEditable *domain = GTK_EDITABLE (
    row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Service Domain (default cluster.local)"));
  GtkEditable *pods = GTK_EDITABLE (
    row (GTK_WIDGET (creator), ADW_TYPE_ENTRY_ROW, "Pod Ranges (default 192.168.0.0/16)"));

  pac_cluster_spec_set_service_domain (spec, "bound.test");
  g_assert_cmpstr (gtk_editable_get_text (domain), ==, "bound.test");
  assert_yaml_has (creator, "serviceDomain: bound.test");

  gtk_editable_set_text (pods, "172.20.0.0/16, ");
  g_assert_cmpstr (gtk_editable_get_text (pods), ==, "172.20.0.0/16, ");
  g_assert_cmpstr (pac_cluster_spec_get_pod_cidrs (spec)[0], ==, "172.20.0.0/16");
  g_assert_null (pac_cluster_spec_get_pod_cidrs (spec)[1]);

  edit_yaml (creator, "serviceDomain: bound.test", "serviceDomain: typed.test");
  g_assert_cmpstr (gtk_editable_get_text (domain), ==, "typed.test");
  gtk_editable_set_text (pods, "");
  gtk_editable_set_text (domain, "");
  g_assert_null (pac_cluster_spec_get_service_domain (spec));
}

static gboolean
is_yaml_toggle (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "creator.toggle-yaml")
           == 0
         || g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), "yaml_toggle") == 0;
}

/* Narrowed to a phone's width, the creator folds to one page and shows the
 * YAML toggle; the header bar is never drawn unallocated on the way (the
 * toggle was shown in the middle of the layout that folded the window, and
 * GTK warned "Trying to snapshot AdwHeaderBar … without a current allocation") */
static void
test_narrow (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  GtkWidget *toggle
    = ui_find_widget (GTK_WIDGET (creator), GTK_TYPE_TOGGLE_BUTTON, is_yaml_toggle, NULL);
  int width, height;

  g_assert_nonnull (toggle);
  gtk_window_get_default_size (GTK_WINDOW (creator), &width, &height);
  g_assert_false (gtk_widget_get_visible (toggle));
  gtk_window_set_default_size (GTK_WINDOW (creator), 360, height);
  WAIT_FOR (gtk_widget_get_visible (toggle) && gtk_widget_get_mapped (toggle));
  ui_spin (200); /* frames drawn at the new width */
  gtk_window_set_default_size (GTK_WINDOW (creator), width, height);
  WAIT_FOR (!gtk_widget_get_visible (toggle));
  ui_spin (200);
}

static void
test_close_asks (void)
{
  PacClusterCreator *creator = PAC_CLUSTER_CREATOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  PacAlert *dialog;

  gtk_spin_button_set_value (pool_spin (creator), 5);
  gtk_window_close (GTK_WINDOW (creator));
  dialog = wait_for_message_dialog ("Discard");
  g_assert_nonnull (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR));
  ui_alert_respond (dialog, "discard");
  WAIT_FOR (ui_find_toplevel (PAC_TYPE_CLUSTER_CREATOR) == NULL);
}

/* ---- setup ---- */

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  const char *const args[] = { "--supervisor-version=7.0.1", "--cluster-seconds=2", NULL };
  int status;

  gtk_test_init (&argc, &argv, NULL);
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  sim = sim_fixture_start (args);
  session = ui_connect (sim, PAC_ACCOUNT_VCENTER, ADMIN, "Admin!23", &window);

  g_test_add_func ("/ui-creator/namespace", test_namespace);
  g_test_add_func ("/ui-creator/form-to-yaml", test_form_to_yaml);
  g_test_add_func ("/ui-creator/yaml-to-form", test_yaml_to_form);
  g_test_add_func ("/ui-creator/bad-inputs", test_bad_inputs);
  g_test_add_func ("/ui-creator/create", test_create);
  g_test_add_func ("/ui-creator/edit", test_edit);
  g_test_add_func ("/ui-creator/edit-conflict", test_edit_conflict);
  g_test_add_func ("/ui-creator/small-edits", test_small_edits);
  g_test_add_func ("/ui-creator/bound-to-spec", test_bound_to_spec);
  g_test_add_func ("/ui-creator/narrow", test_narrow);
  g_test_add_func ("/ui-creator/close-asks", test_close_asks);
  status = g_test_run ();
  ui_close_all_windows ();
  g_clear_object (&session);
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
