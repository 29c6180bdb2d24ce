/* test-ui-session.c: the main window on a simulated vCenter, through its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real keyring, a real simulator over TLS and Xvfb (build-aux/test-session).
 * The tests run in order and share the first simulator: the demo leaves no
 * trace, an account is added (certificate prompt, wrong then right
 * password), the tree, search, details and a kubectl-made cluster follow,
 * then a changed certificate and a view-only user.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <libsecret/secret.h>

#include "pac-account-dialog.h"
#include "pac-application.h"
#include "pac-cluster-page.h"
#include "pac-namespace-page.h"
#include "pac-secrets.h"
#include "pac-spinner.h"
#include "pac-window-private.h"
#include "pac-sidebar.h"
#include "pac-trust.h"
#include "pac-typed-confirm.h"
#include "pac-window.h"
#include "sim-fixture.h"
#include "ui-app-helpers.h"
#include "ui-helpers.h"
#include "test-deadline.h"

#define ADMIN "administrator@vsphere.local"

static PacApplication *app;
static SimFixture *sim;
static PacWindow *window;

/* What the user types to add the simulator's vCenter, or its Supervisor */
static const char *
vcenter_address (SimFixture *fixture)
{
  return fixture->vcenter_url + strlen ("https://");
}

/* What the keyring keys the vCenter's password by */
static guint16
vcenter_port (SimFixture *fixture)
{
  g_autofree char *host = NULL;
  guint16 port = 443;

  g_assert_true (pac_secrets_parse_server_key (vcenter_address (fixture), &host, &port));
  return port;
}

static const char *
supervisor_address (SimFixture *fixture)
{
  return fixture->url + strlen ("https://");
}

static char *
pin_path (SimFixture *fixture)
{
  g_autofree char *name = g_strdup (vcenter_address (fixture));

  *strchr (name, ':') = '_';
  return g_strdup_printf ("%s/pacific/trust/%s.pem", g_get_user_config_dir (), name);
}

static PacWindow *
open_window (void)
{
  PacWindow *opened = pac_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (opened), 1100, 720);
  gtk_window_present (GTK_WINDOW (opened));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (opened)));
  return opened;
}

/* ---- the tree ---- */

/* The shown node titled @title, below @root when given */
static PacNode *
find_node (const char *title, PacNode *root)
{
  GListModel *rows = pac_sidebar_get_rows (pac_window_get_sidebar (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);
      PacNode *top = node;

      while (pac_node_get_parent (top))
        top = pac_node_get_parent (top);
      if (g_strcmp0 (pac_node_get_title (node), title) == 0 && (root == NULL || top == root))
        return node; /* the row holds it */
    }
  return NULL;
}

static PacNode *
wait_for_node (const char *title, PacNode *root)
{
  PacNode *node = NULL;

  UI_WAIT_FOR_SECONDS ((node = find_node (title, root)) != NULL, 20);
  return node;
}

static void
expand_node (PacNode *node)
{
  GListModel *rows = pac_sidebar_get_rows (pac_window_get_sidebar (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PacNode) item = gtk_tree_list_row_get_item (row);
      if (item == node)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
select_node (PacNode *node)
{
  pac_sidebar_select (pac_window_get_sidebar (window), node);
  WAIT_FOR (pac_sidebar_get_selected (pac_window_get_sidebar (window)) == node);
}

static gboolean
is_content_stack (GtkWidget *widget, gconstpointer data)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), "welcome") != NULL;
}

static const char *
shown_page (void)
{
  GtkWidget *stack = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, is_content_stack, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* ---- rows of the details pages ---- */

static gboolean
has_title (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
group_titled (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* A group keeps its own row list, hidden while empty; ours is the visible one. */
static gboolean
is_visible (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_visible (widget);
}

/* The titles and subtitles of the rows in group @title of @page, one line each */
static char *
group_text (GtkWidget *page, const char *title)
{
  GtkWidget *group = ui_find_widget (page, ADW_TYPE_PREFERENCES_GROUP, group_titled, title);
  GtkWidget *list = ui_find_widget (group, GTK_TYPE_LIST_BOX, is_visible, NULL);
  GString *text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s | %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row))
                                ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row))
                                : "");
  return g_string_free (text, FALSE);
}

static gboolean
group_contains (GtkWidget *page, const char *title, const char *needle)
{
  g_autofree char *text = group_text (page, title);

  return strstr (text, needle) != NULL;
}

/* Waits until group @title of @page has @needle; says what it has if not */
static void
wait_group_contains (GtkWidget *page, const char *title, const char *needle)
{
  gint64 until = test_deadline (15);

  while (!group_contains (page, title, needle))
    {
      if (g_get_monotonic_time () > until)
        {
          g_autofree char *text = group_text (page, title);
          g_error ("“%s” never showed “%s”; it shows:\n%s", title, needle, text);
        }
      g_main_context_iteration (NULL, FALSE) || (g_usleep (5000), TRUE);
    }
}

/* ---- the account dialog ---- */

static PacAccountDialog *
open_account_dialog (void)
{
  GtkWidget *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL);
  WAIT_FOR ((dialog = ui_find_dialog (PAC_TYPE_ACCOUNT_DIALOG)) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return PAC_ACCOUNT_DIALOG (dialog);
}

static void
set_row_text (PacAccountDialog *dialog, const char *title, const char *text)
{
  GtkWidget *row = ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, has_title, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill_dialog (PacAccountDialog *dialog,
             guint kind,
             const char *address,
             const char *user,
             const char *password)
{
  GtkWidget *kind_row = ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL, NULL);

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), kind);
  set_row_text (dialog, "_Address", address);
  set_row_text (dialog, "_User Name", user);
  set_row_text (dialog, "_Password", password);
}

static const char *
dialog_page (PacAccountDialog *dialog)
{
  GtkWidget *stack = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_error_label (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_has_css_class (widget, "error");
}

static const char *
dialog_error (PacAccountDialog *dialog)
{
  GtkWidget *label = ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, is_error_label, NULL);

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
spinning (PacAccountDialog *dialog)
{
  GtkWidget *spinner = ui_find_widget (GTK_WIDGET (dialog), PAC_TYPE_SPINNER, NULL, NULL);

  return pac_spinner_get_spinning (PAC_SPINNER (spinner));
}

static guint
n_accounts (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pac_window_get_account_store (window)));
}

/* Every item of Pacific's keyring schema */
static guint
n_keyring_items (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items = secret_password_searchv_sync (pac_secrets_get_schema (), none, SECRET_SEARCH_ALL,
                                               NULL, &error);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static guint
n_files_in (const char *path, const char *prefix)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    if (prefix == NULL || g_str_has_prefix (name, prefix))
      n++;
  return n;
}

/* ---- tests ---- */

static gboolean
is_mapped (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
subtitled (GtkWidget *widget, gconstpointer subtitle)
{
  return g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), subtitle) == 0;
}

static void
test_demo_leaves_no_trace (void)
{
  g_autofree char *trust = g_build_filename (g_get_user_config_dir (), "pacific", "trust", NULL);
  PacNode *cluster;

  window = open_window ();
  pac_window_start_demo (window);
  expand_node (wait_for_node ("dev", NULL));
  cluster = wait_for_node ("dev-cluster-01", NULL);
  g_assert_nonnull (cluster);
  /* Said in the sidebar's title, not by a toast that covered the page */
  g_assert_nonnull (
    ui_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, subtitled, "Demo mode"));
  g_assert_true (pac_window_get_last_toast (window) == NULL
                 || strstr (pac_window_get_last_toast (window), "Demo") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pac_window_get_sessions (window)), ==, 1);
  ui_close_all_windows ();
  window = NULL;

  g_assert_cmpuint (n_files_in (g_get_tmp_dir (), "pacific-demo-"), ==, 0);
  g_assert_cmpuint (n_files_in (trust, NULL), ==, 0);
  g_assert_cmpuint (n_keyring_items (), ==, 0);
  /* …and the count would have seen one */
  g_assert_true (
    pac_secrets_store_sync (PAC_SECRET_PASSWORD, "127.0.0.1", 443, ADMIN, "x", NULL, NULL));
  g_assert_cmpuint (n_keyring_items (), ==, 1);
  g_assert_true (pac_secrets_clear_sync (PAC_SECRET_PASSWORD, "127.0.0.1", 443, ADMIN, NULL, NULL));
  {
    g_autoptr (GSettings) settings = g_settings_new (SCHEMA_ID);
    g_autoptr (GVariant) accounts = g_settings_get_value (settings, "accounts");
    g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
  }
}

static void
test_add_account (void)
{
  PacAccountDialog *dialog;
  g_autofree char *pin = pin_path (sim);
  g_autofree char *kept = NULL;
  GtkWidget *fingerprint;

  window = open_window ();
  dialog = open_account_dialog ();
  fill_dialog (dialog, 0, vcenter_address (sim), ADMIN, "wrong");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.connect", NULL);
  g_assert_true (spinning (dialog));

  /* The unknown certificate first, shown for comparison */
  WAIT_FOR (g_strcmp0 (dialog_page (dialog), "certificate") == 0);
  fingerprint
    = ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, has_title, "SHA-256 Fingerprint");
  g_assert_cmpuint (strlen (adw_action_row_get_subtitle (ADW_ACTION_ROW (fingerprint))), ==,
                    32 * 3 - 1);
  g_assert_false (g_file_test (pin, G_FILE_TEST_EXISTS));
  ui_save_screenshot (GTK_WIDGET (dialog), "certificate-prompt");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.trust", NULL);
  g_assert_true (g_file_test (pin, G_FILE_TEST_EXISTS));

  /* Then the wrong password: said on the form, nothing saved */
  WAIT_FOR (dialog_error (dialog) != NULL);
  g_assert_cmpstr (dialog_page (dialog), ==, "form");
  g_assert_cmpuint (n_accounts (), ==, 0);

  set_row_text (dialog, "_Password", "Admin!23");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.connect", NULL);
  WAIT_FOR (ui_find_dialog (PAC_TYPE_ACCOUNT_DIALOG) == NULL);
  g_assert_cmpuint (n_accounts (), ==, 1);
  /* One tree for it, the signed-in one */
  g_assert_cmpuint (g_list_model_get_n_items (pac_window_get_sessions (window)), ==, 1);
  kept = pac_secrets_lookup_sync (PAC_SECRET_PASSWORD, "127.0.0.1", vcenter_port (sim), ADMIN, NULL,
                                  NULL);
  g_assert_cmpstr (kept, ==, "Admin!23");

  /* The vCenter's Supervisor, its namespaces and their clusters */
  g_assert_nonnull (wait_for_node ("Cluster-01", NULL));
  g_assert_nonnull (wait_for_node ("dev", NULL));
  g_assert_nonnull (wait_for_node ("test", NULL));
  g_assert_nonnull (wait_for_node ("prod", NULL));
}

static void
test_tree (void)
{
  PacNode *dev = wait_for_node ("dev", NULL);
  PacNode *cluster, *classy;

  select_node (dev);
  expand_node (dev);
  cluster = wait_for_node ("dev-cluster-01", NULL);
  /* the Kubernetes version, short enough for the node count to show */
  g_assert_cmpstr (pac_node_get_subtitle (cluster), ==, "v1.26.5 · 1 + 2 nodes");
  g_assert_nonnull (strstr (pac_node_get_subtitle (cluster), "1 + 2 nodes"));
  g_assert_cmpint (pac_node_get_health (cluster), ==, PAC_HEALTH_OK);
  g_assert_false (pac_node_get_read_only (cluster));
  /* A ClusterClass Cluster shows too, read-only */
  classy = wait_for_node ("dev-classy-01", NULL);
  g_assert_true (pac_node_get_read_only (classy));
  g_assert_nonnull (strstr (pac_node_get_status (classy), "Read-only"));
  g_assert_nonnull (strstr (pac_node_dup_accessible_label (cluster), "dev-cluster-01, v1.26.5"));
}

static void
test_search (void)
{
  PacSidebar *sidebar = pac_window_get_sidebar (window);

  pac_sidebar_set_search (sidebar, "payments");
  UI_WAIT_FOR_SECONDS (find_node ("payments", NULL) && !find_node ("qa-cluster", NULL), 20);
  /* A match shows where it lives */
  g_assert_nonnull (find_node ("prod", NULL));
  g_assert_nonnull (find_node ("Cluster-01", NULL));
  g_assert_null (find_node ("dev", NULL));
  ui_save_screenshot (GTK_WIDGET (window), "search");

  /* By version and by namespace too */
  pac_sidebar_set_search (sidebar, "v1.25.7");
  UI_WAIT_FOR_SECONDS (find_node ("qa-cluster", NULL) && !find_node ("payments", NULL), 20);
  pac_sidebar_set_search (sidebar, "nothing-is-called-this");
  WAIT_FOR (g_list_model_get_n_items (pac_sidebar_get_rows (sidebar)) == 0);
  pac_sidebar_set_search (sidebar, "");
  WAIT_FOR (find_node ("dev-cluster-01", NULL) && find_node ("payments", NULL));
}

static gboolean
yaml_has (GtkWidget *page, const char *needle)
{
  GtkWidget *view = ui_find_widget (page, GTK_SOURCE_TYPE_VIEW, NULL, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return strstr (text, needle) != NULL;
}

static void
test_details (void)
{
  GtkWidget *page;
  GtkWidget *phase;

  select_node (wait_for_node ("dev", NULL));
  WAIT_FOR (g_strcmp0 (shown_page (), "namespace") == 0);
  page = ui_find_widget (GTK_WIDGET (window), PAC_TYPE_NAMESPACE_PAGE, NULL, NULL);
  wait_group_contains (page, "Storage Classes", "vsan-default-storage-policy | No limit");
  wait_group_contains (page, "VM Classes", "best-effort-small");
  /* Releases by version, with the name a spec uses */
  wait_group_contains (page, "Kubernetes Releases",
                       "v1.26.5+vmware.2-fips.1-tkg.1 | v1.26.5---vmware.2-fips.1-tkg.1");
  wait_group_contains (page, "Your Permissions", "Create clusters | Allowed");
  wait_group_contains (page, "Virtual Machine Images", "ob-");
  ui_save_screenshot (GTK_WIDGET (window), "namespace");

  select_node (wait_for_node ("dev-cluster-01", NULL));
  WAIT_FOR (g_strcmp0 (shown_page (), "cluster") == 0);
  page = ui_find_widget (GTK_WIDGET (window), PAC_TYPE_CLUSTER_PAGE, NULL, NULL);
  phase = ui_find_widget (page, ADW_TYPE_ACTION_ROW, has_title, "Phase");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (phase)), ==, "Running · Ready");
  g_assert_true (group_contains (page, "Conditions", "Ready | Yes"));
  g_assert_true (group_contains (page, "Node Pools", "| 2 nodes · best-effort-small"));
  /* The guest's own nodes: one control plane, two workers */
  WAIT_FOR (group_contains (page, "Nodes", "Ready") && !group_contains (page, "Nodes", "Loading"));
  {
    g_autofree char *nodes = group_text (page, "Nodes");
    g_auto (GStrv) lines = g_strsplit (g_strstrip (nodes), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
  g_assert_true (yaml_has (page, "kind: TanzuKubernetesCluster"));
  g_assert_false (yaml_has (page, "managedFields"));
  ui_save_screenshot (GTK_WIDGET (window), "main-window");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, subtitled,
                                    "Tanzu Kubernetes Cluster"));

  /* Another cluster's page starts at its top (it kept the last one's
   * scroll), and a ClusterClass cluster is not called a TKC */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (ui_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, is_mapped, NULL)));

    UI_WAIT_FOR_SECONDS (
      gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 100, 10);
    gtk_adjustment_set_value (adjustment, 100);
    select_node (wait_for_node ("dev-classy-01", NULL));
    WAIT_FOR (ui_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, subtitled,
                              "Cluster (ClusterClass)"));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  }
}

#if PAC_SPLIT_VIEW
/* What asks for more than @width: the chain down to the deepest widget
 * that does, for the failure message */
static char *
too_wide (GtkWidget *widget, int width)
{
  GString *chain = g_string_new (NULL);

  while (widget)
    {
      GtkWidget *wider = NULL;
      int minimum, widest = width;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_string_append_printf (chain, "%s%s %d", chain->len ? " > " : "",
                              G_OBJECT_TYPE_NAME (widget), minimum);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        {
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          if (minimum > widest)
            {
              wider = child;
              widest = minimum;
            }
        }
      widget = wider;
    }
  return g_string_free (chain, FALSE);
}
#endif

static gboolean
both_sides_mapped (GtkWidget *tree, GtkWidget *pages)
{
  return gtk_widget_get_mapped (tree) && gtk_widget_get_mapped (pages);
}

/* On libadwaita 1.4+ nothing in the window asks for more than it has at
 * 360 px (Adwaita also warns, fatally here, the moment something does) */
static void
assert_fits (GtkWidget *content, const char *what)
{
  int minimum;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: %d px wide at least, %d px there", what, minimum,
                  gtk_widget_get_width (content));
#if PAC_SPLIT_VIEW
  if (minimum > gtk_widget_get_width (content))
    {
      g_autofree char *chain = too_wide (content, gtk_widget_get_width (content));
      g_error ("%s: wider than the window: %s", what, chain);
    }
#endif
}

static gboolean
widened (PacWindow *narrowed, int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (narrowed), width, height);
  return gtk_widget_get_width (GTK_WIDGET (narrowed)) > width / 2;
}

/* Shows @node on the narrow window: its page instead of the tree */
static void
show_narrow (GtkWidget *tree, GtkWidget *pages, PacNode *node, const char *page)
{
  select_node (node);
  WAIT_FOR (gtk_widget_get_mapped (pages) && !gtk_widget_get_mapped (tree)
            && g_strcmp0 (shown_page (), page) == 0);
}

/* Narrowed to a phone's width, the window shows one side at a time:
 * choosing a node shows its page, Back the tree again; widened, both */
static void
test_narrow (void)
{
  GtkWidget *tree = GTK_WIDGET (pac_window_get_sidebar (window));
  GtkWidget *pages = ui_find_widget (GTK_WIDGET (window), PAC_TYPE_WINDOW_PAGES, NULL, NULL);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  PacNode *namespace = wait_for_node ("dev", NULL);
  int width, height;

  g_assert_nonnull (pages);
  WAIT_FOR (both_sides_mapped (tree, pages));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, height);
  WAIT_FOR (!both_sides_mapped (tree, pages));
  show_narrow (tree, pages, pac_node_get_parent (namespace), "supervisor");
  assert_fits (content, "Supervisor page");
  show_narrow (tree, pages, namespace, "namespace");
  wait_group_contains (pages, "Your Permissions", "Create clusters | Allowed");
  assert_fits (content, "namespace page");
  ui_save_screenshot (GTK_WIDGET (window), "narrow-namespace");
  show_narrow (tree, pages, wait_for_node ("dev-cluster-01", NULL), "cluster");
  assert_fits (content, "cluster page");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  WAIT_FOR (gtk_widget_get_mapped (tree) && !gtk_widget_get_mapped (pages));
  assert_fits (content, "tree");
  ui_save_screenshot (GTK_WIDGET (window), "narrow-tree");
  /* The window manager's answer to the narrowing can come after this
   * (GTK 4.8 under Xvfb), and GTK takes it as the window's new default
   * size: asked again until the window is wide */
  WAIT_FOR (widened (window, width, height) && both_sides_mapped (tree, pages));
}

static void
test_live_update (void)
{
  g_autofree char *token = sim_fixture_login (sim, ADMIN, "Admin!23");
  g_autofree char *kubeconfig = g_build_filename (sim->dir, "live.kubeconfig", NULL);
  g_autofree char *manifest = g_build_filename (sim->dir, "live.yaml", NULL);
  g_autofree char *config = g_strdup_printf (
    "apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: %s\n"
    "    certificate-authority: %s\nusers:\n- name: admin\n  user:\n    token: %s\n"
    "contexts:\n- name: sim\n  context: {cluster: sim, user: admin}\ncurrent-context: sim\n",
    sim->api_url, sim->ca_file, token);
  static const char tkc[]
    = "apiVersion: run.tanzu.vmware.com/v1alpha3\nkind: TanzuKubernetesCluster\n"
      "metadata: {name: made-with-kubectl, namespace: test}\n"
      "spec:\n  topology:\n    controlPlane:\n      replicas: 1\n"
      "      vmClass: best-effort-small\n      storageClass: vsan-default-storage-policy\n"
      "      tkr: {reference: {name: v1.26.5---vmware.2-fips.1-tkg.1}}\n"
      "    nodePools:\n    - name: workers\n      replicas: 1\n      vmClass: best-effort-small\n"
      "      storageClass: vsan-default-storage-policy\n";
  g_autofree char *kubectl = g_find_program_in_path ("kubectl");
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  PacNode *made;

  if (kubectl == NULL)
    {
      if (g_getenv ("PACIFIC_CI"))
        g_error ("kubectl is required under PACIFIC_CI");
      g_test_skip ("kubectl is not installed");
      return;
    }
  g_assert_true (
    g_file_set_contents_full (kubeconfig, config, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  g_assert_true (g_file_set_contents (manifest, tkc, -1, NULL));
  g_assert_null (find_node ("made-with-kubectl", NULL));
  g_spawn_sync (NULL,
                (char *[]){ kubectl, "--kubeconfig", kubeconfig, "apply", "-f", manifest, NULL },
                NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kubectl failed: %s", err);
  g_unlink (kubeconfig);

  /* No refresh: the watch brings it, then its phase as the simulator moves on */
  expand_node (wait_for_node ("test", NULL));
  made = wait_for_node ("made-with-kubectl", NULL);
  g_assert_cmpint (pac_node_get_health (made), ==, PAC_HEALTH_BUSY);
  UI_WAIT_FOR_SECONDS (pac_node_get_health (made) == PAC_HEALTH_OK, 30);
}

static gboolean
describes (GtkWidget *widget, gconstpointer text)
{
  const char *description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget));

  return description && strstr (description, text);
}

/* Clicks the response button labelled @label, as the user would (which
 * also closes the dialog); @dialog NULL: the message dialog shown */
static void
click_in_message_dialog (PacAlert *dialog, const char *label)
{
  GtkWidget *button;

  if (dialog == NULL)
    WAIT_FOR ((dialog = ui_find_alert ("")) != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  button = pac_alert_find_button (dialog, label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked"); /* see pac_alert_respond() */
  WAIT_FOR (ui_find_alert ("") == NULL);
}

static gboolean
row_subtitle_has (GtkWidget *widget, gconstpointer text)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return subtitle && strstr (subtitle, text);
}

/* Opens the certificate comparison through @action of @widget, checks that
 * it shows the pinned @old_pem beside what @address presents, and trusts */
static void
review_and_trust (GtkWidget *widget, const char *action, const char *old_pem, const char *address)
{
  g_autoptr (GTlsCertificate) old
    = old_pem ? g_tls_certificate_new_from_pem (old_pem, -1, NULL) : NULL;
  g_autofree char *old_fingerprint = old ? pac_trust_fingerprint (old) : NULL;
  g_autofree char *host = g_strdup (address);
  g_autoptr (GTlsCertificate) presented = NULL;
  g_autofree char *new_fingerprint = NULL;
  PacAlert *review = NULL;

  *strchr (host, ':') = '\0';
  presented = pac_trust_get_rejected (pac_trust_get_default (), host,
                                      (guint16) atoi (strchr (address, ':') + 1), NULL);
  g_assert_nonnull (presented);
  new_fingerprint = pac_trust_fingerprint (presented);
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  WAIT_FOR ((review = ui_find_alert ("")) != NULL && gtk_widget_get_mapped (GTK_WIDGET (review)));
  if (old_fingerprint)
    g_assert_nonnull (
      ui_find_widget (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, row_subtitle_has, old_fingerprint));
  else /* "Trusted Until Now" says there is none */
    g_assert_nonnull (ui_find_widget (GTK_WIDGET (review), ADW_TYPE_PREFERENCES_GROUP, describes,
                                      "trusts no certificate"));
  g_assert_nonnull (
    ui_find_widget (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, row_subtitle_has, new_fingerprint));
  ui_save_screenshot (GTK_WIDGET (review), old_pem ? "certificate-changed" : "certificate-new");
  /* Return keeps the old trust: trusting is a deliberate choice */
  g_assert_cmpstr (pac_alert_get_default_response (review), ==, "cancel");
  click_in_message_dialog (review, "_Trust the New Certificate");
}

static void
assert_pin_changed (const char *pin, const char *old_pem)
{
  g_autofree char *now = NULL;

  WAIT_FOR (g_file_get_contents (pin, &now, NULL, NULL) && g_strcmp0 (now, old_pem) != 0);
}

static PacAccount *
account_at (const char *address)
{
  GListModel *accounts = G_LIST_MODEL (pac_window_get_account_store (window));

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr (PacAccount) account = g_list_model_get_item (accounts, i);
      if (g_strcmp0 (pac_account_get_address (account), address) == 0)
        return account; /* the store holds it */
    }
  g_error ("no account for %s", address);
}

static PacNode *
root_of (PacAccount *account)
{
  GListModel *rows = pac_sidebar_get_rows (pac_window_get_sidebar (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PacNode) node = gtk_tree_list_row_get_item (row);
      PacSession *session = pac_session_of (node);

      if (pac_node_get_parent (node) == NULL && session
          && pac_session_get_account (session) == account)
        return node; /* the row holds it */
    }
  return NULL;
}

static gboolean
has_label (GtkWidget *widget, gconstpointer label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The account's root failed on its certificate, its page shown, with
 * Compare Certificates… on it */
static void
wait_for_compare_offered (PacAccount *account)
{
  PacNode *root = NULL;
  GtkWidget *compare;

  UI_WAIT_FOR_SECONDS (
    (root = root_of (account)) != NULL && pac_node_get_state (root) == PAC_NODE_FAILED, 20);
  select_node (root);
  compare
    = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, has_label, "_Compare Certificates…");
  WAIT_FOR (gtk_widget_get_mapped (compare));
}

/* The account's root connected and loaded */
static void
wait_until_loaded (PacAccount *account)
{
  PacNode *root = NULL;

  UI_WAIT_FOR_SECONDS ((root = root_of (account)) != NULL
                         && pac_node_get_state (root) != PAC_NODE_FAILED
                         && pac_node_get_state (root) != PAC_NODE_LOADING,
                       20);
}

static void
check_recovery_from_window (PacAccount *account, const char *pin, const char *old_pem)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reconnect-account", "s",
                              pac_account_get_id (account));
  wait_for_compare_offered (account);
  review_and_trust (GTK_WIDGET (window), "win.review-certificate", old_pem,
                    pac_account_get_address (account));
  assert_pin_changed (pin, old_pem);
  wait_until_loaded (account);
  /* Forgetting asks first (Return keeps it), then connects again at once:
   * the page offers the certificate to compare, none pinned */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-certificate", "s",
                              pac_account_get_id (account));
  WAIT_FOR (ui_find_alert ("") != NULL);
  g_assert_true (g_file_test (pin, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (pac_alert_get_default_response (ui_find_alert ("")), ==, "cancel");
  click_in_message_dialog (NULL, "_Forget");
  g_assert_false (g_file_test (pin, G_FILE_TEST_EXISTS));
  wait_for_compare_offered (account);
  review_and_trust (GTK_WIDGET (window), "win.review-certificate", NULL,
                    pac_account_get_address (account));
  WAIT_FOR (g_file_test (pin, G_FILE_TEST_EXISTS));
  wait_until_loaded (account);
  /* gone from the window again, so that the tests after it see what they did */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-account", "s",
                              pac_account_get_id (account));
  click_in_message_dialog (NULL, "_Remove");
  WAIT_FOR (root_of (account) == NULL);
}

static void
test_changed_certificate (void)
{
  const char *const args[] = { "--scenario=empty", NULL };
  SimFixture *other = sim_fixture_start (args);
  g_autofree char *pin = pin_path (other);
  g_autofree char *wrong = g_test_build_filename (G_TEST_DIST, "data", "test-ca.pem", NULL);
  g_autofree char *pem = NULL;
  PacAccountDialog *dialog;
  guint before = n_accounts ();

  /* A pin from before, which the server no longer matches */
  g_assert_true (g_file_get_contents (wrong, &pem, NULL, NULL));
  g_assert_true (g_file_set_contents (pin, pem, -1, NULL));
  dialog = open_account_dialog ();
  fill_dialog (dialog, 0, vcenter_address (other), ADMIN, "Admin!23");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.connect", NULL);
  WAIT_FOR (g_strcmp0 (dialog_page (dialog), "changed") == 0);
  /* Nothing offers to trust it, nothing connects, nothing is saved */
  g_assert_false (spinning (dialog));
  g_assert_false (gtk_widget_get_mapped (
    ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, has_title, "SHA-256 Fingerprint")));
  g_assert_cmpuint (n_accounts (), ==, before);
  {
    g_autofree char *still = NULL;
    g_assert_true (g_file_get_contents (pin, &still, NULL, NULL));
    g_assert_cmpstr (still, ==, pem);
  }
  /* Compared side by side, then trusted: the account connects */
  review_and_trust (GTK_WIDGET (dialog), "account.compare", pem, vcenter_address (other));
  WAIT_FOR (n_accounts () == before + 1);
  assert_pin_changed (pin, pem);
  /* The same change found by the window: its failed page compares and
   * trusts, and the account comes back without its password retyped */
  g_assert_true (g_file_set_contents (pin, pem, -1, NULL));
  check_recovery_from_window (account_at (vcenter_address (other)), pin, pem);
  g_unlink (pin);
  sim_fixture_stop (other);
}

/* A Supervisor whose Kubernetes API (6443) presents another certificate
 * than its sign-in (WCP): the prompt comes twice, the second saying so,
 * and each certificate is pinned for its own port */
static void
test_api_certificate_prompt (void)
{
  const char *const args[] = { "--scenario=empty", "--separate-api-certificate", NULL };
  SimFixture *other = sim_fixture_start (args);
  g_autofree char *host = g_strdup (supervisor_address (other));
  g_autofree char *api_pin
    = g_strdup_printf ("%s/pacific/trust/%s_6443.pem", g_get_user_config_dir (), host);
  PacAccountDialog *dialog;
  guint before = n_accounts ();

  dialog = open_account_dialog ();
  fill_dialog (dialog, 1, host, ADMIN, "Admin!23");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.connect", NULL);
  WAIT_FOR (g_strcmp0 (dialog_page (dialog), "certificate") == 0);
  g_assert_null (
    ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, describes, "Kubernetes API"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.trust", NULL);
  WAIT_FOR (g_strcmp0 (dialog_page (dialog), "certificate") == 0
            && ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, describes,
                               "Kubernetes API"));
  g_assert_false (g_file_test (api_pin, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.trust", NULL);
  WAIT_FOR (ui_find_dialog (PAC_TYPE_ACCOUNT_DIALOG) == NULL);
  g_assert_true (g_file_test (api_pin, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_accounts (), ==, before + 1);
  g_unlink (api_pin);
  sim_fixture_stop (other);
}

static gboolean
is_new_cluster_button (GtkWidget *widget, gconstpointer data)
{
  /* the header's, not the namespace page's */
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.new-cluster")
           == 0
         && gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL;
}

static void
test_viewer (void)
{
  PacAccountDialog *dialog = open_account_dialog ();
  GListModel *sessions = pac_window_get_sessions (window);
  g_autoptr (PacSession) session = NULL;
  PacNode *root;
  GtkWidget *button;

  fill_dialog (dialog, 1, supervisor_address (sim), "viewer@vsphere.local", "Viewer!23");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.connect", NULL);
  WAIT_FOR (ui_find_dialog (PAC_TYPE_ACCOUNT_DIALOG) == NULL);
  session = g_list_model_get_item (sessions, g_list_model_get_n_items (sessions) - 1);
  root = pac_session_get_root (session);
  g_assert_cmpint (pac_node_get_kind (root), ==, PAC_NODE_SUPERVISOR);

  /* The viewer sees its two namespaces, not prod */
  select_node (wait_for_node ("dev", root));
  g_assert_nonnull (wait_for_node ("test", root));
  g_assert_null (find_node ("prod", root));
  button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_new_cluster_button, NULL);
  g_assert_false (gtk_widget_is_sensitive (button));
  WAIT_FOR (strstr (gtk_widget_get_tooltip_text (button), "does not allow") != NULL);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "“dev”"));
  /* Above the namespaces there is nothing to create a cluster in yet */
  select_node (root);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "select a vSphere namespace"));

  /* The administrator's namespace: allowed */
  select_node (wait_for_node ("dev", pac_session_get_root (g_list_model_get_item (sessions, 0))));
  WAIT_FOR (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "New Cluster (Ctrl+N)");
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  const char *const args[] = { "--cluster-seconds=3", NULL };
  int status;

  if (g_getenv ("PAC_TEST_DEMO"))
    {
      /* Directories of its own: tests in parallel pin certificates in the shared ones. */
      g_autofree char *own = g_dir_make_tmp ("pacific-ui-demo-XXXXXX", NULL);
      g_autofree char *config = g_build_filename (own, "config", NULL);
      g_mkdir (config, 0700);
      g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    }
  gtk_test_init (&argc, &argv, NULL);
  app = pac_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  sim = sim_fixture_start (args);
  if (g_getenv ("PAC_TEST_DEMO"))
    {
      /* Alone, with a keyring of its own (libsecret's file backend), as tests
       * running in parallel share the session's gnome-keyring: any item in it
       * afterwards is the demo's. */
      g_autofree char *keyring = g_build_filename (g_get_tmp_dir (), "demo-test.keyring", NULL);
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "demo-test", TRUE);
      g_test_add_func ("/ui-session/demo-leaves-no-trace", test_demo_leaves_no_trace);
      status = g_test_run ();
      g_unlink (keyring);
      ui_close_all_windows ();
      sim_fixture_stop (sim);
      g_application_release (G_APPLICATION (app));
      g_clear_object (&app);
      return status;
    }
  g_test_add_func ("/ui-session/add-account", test_add_account);
  g_test_add_func ("/ui-session/tree", test_tree);
  g_test_add_func ("/ui-session/search", test_search);
  g_test_add_func ("/ui-session/details", test_details);
  g_test_add_func ("/ui-session/narrow", test_narrow);
  g_test_add_func ("/ui-session/live-update", test_live_update);
  g_test_add_func ("/ui-session/changed-certificate", test_changed_certificate);
  g_test_add_func ("/ui-session/viewer", test_viewer);
  g_test_add_func ("/ui-session/api-certificate-prompt", test_api_certificate_prompt);
  status = g_test_run ();
  ui_close_all_windows ();
  sim_fixture_stop (sim);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
