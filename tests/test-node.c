/* test-node.c: the inventory tree's nodes, without network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pac-node.h"

static PacNode *
child_at (PacNode *node, guint position)
{
  g_autoptr (PacNode) child = g_list_model_get_item (pac_node_get_children (node), position);

  return child; /* the list holds it */
}

static void
count_change (GListModel *list, guint position, guint removed, guint added, guint *changes)
{
  (*changes)++;
}

static void
test_children_sorted (void)
{
  g_autoptr (PacNode) root = pac_node_new (PAC_NODE_SUPERVISOR, NULL, "domain-c8");
  const char *names[] = { "test", "dev", "prod" };
  g_autoptr (GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  guint changes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (PacNode) child = pac_node_new (PAC_NODE_NAMESPACE, root, names[i]);
      pac_node_add_child (root, child);
    }
  g_assert_cmpstr (pac_node_get_key (child_at (root, 0)), ==, "dev");
  g_assert_cmpstr (pac_node_get_key (child_at (root, 2)), ==, "test");
  g_assert_true (pac_node_get_parent (child_at (root, 1)) == root);
  g_assert_true (pac_node_find_child (root, "prod") == child_at (root, 1));
  g_assert_null (pac_node_find_child (root, "staging"));
  {
    g_autoptr (PacNode) leaf = pac_node_new (PAC_NODE_CLUSTER, NULL, "c");
    g_assert_null (pac_node_get_children (leaf));
  }

  /* Keeping some removes the rest one by one; the kept ones are the same objects */
  g_hash_table_add (keep, "dev");
  g_hash_table_add (keep, "test");
  {
    PacNode *dev = child_at (root, 0);
    GListModel *children = pac_node_get_children (root);
    g_signal_connect (children, "items-changed", G_CALLBACK (count_change), &changes);
    pac_node_keep_children (root, keep);
    g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
    g_assert_true (child_at (root, 0) == dev);
    g_assert_cmpuint (changes, ==, 1);
  }
  g_assert_cmpstr (pac_node_get_key (child_at (root, 1)), ==, "test");
}

static void
test_search_and_label (void)
{
  g_autoptr (PacNode) root = pac_node_new (PAC_NODE_SUPERVISOR, NULL, "domain-c8");
  g_autoptr (PacNode) ns = pac_node_new (PAC_NODE_NAMESPACE, root, "prod");
  g_autoptr (PacNode) cluster = pac_node_new (PAC_NODE_CLUSTER, ns, "payments");
  g_autofree char *label = NULL;

  pac_node_add_child (root, ns);
  pac_node_add_child (ns, cluster);
  pac_node_set_subtitle (cluster, "v1.26.5+vmware.2 · 3 + 5 nodes");
  pac_node_set_status (cluster, "Running");
  pac_node_set_search_text (cluster, "prod v1.26.5 running");
  g_assert_true (pac_node_matches (cluster, "pay"));
  g_assert_true (pac_node_matches (cluster, "running"));
  g_assert_false (pac_node_matches (cluster, "dev"));
  g_assert_true (pac_node_matches (cluster, ""));
  g_assert_true (pac_node_matches_below (root, "payments"));
  g_assert_false (pac_node_matches_below (root, "qa-cluster"));
  /* Changing what a row shows changes what finds it */
  pac_node_set_title (cluster, "billing");
  g_assert_false (pac_node_matches (cluster, "payments"));
  g_assert_true (pac_node_matches (cluster, "billing"));
  g_assert_true (pac_node_get_ancestor (cluster, PAC_NODE_SUPERVISOR) == root);
  g_assert_null (pac_node_get_ancestor (ns, PAC_NODE_CLUSTER));

  label = pac_node_dup_accessible_label (cluster);
  g_assert_cmpstr (label, ==, "billing, v1.26.5+vmware.2 · 3 + 5 nodes, Running");
}

static guint loads;

static void
count_load (PacNode *node, gpointer user_data)
{
  loads++;
  pac_node_loading (node);
}

static void
test_loading (void)
{
  g_autoptr (PacNode) root = pac_node_new (PAC_NODE_VCENTER, NULL, "vc");
  g_autoptr (PacNode) child = pac_node_new (PAC_NODE_SUPERVISOR, root, "domain-c8");
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "unreachable");
  g_autofree char *label = NULL;

  pac_node_add_child (root, child);
  pac_node_set_loader (root, count_load, NULL, NULL);
  pac_node_load (root);
  pac_node_load (root); /* under way: not again */
  g_assert_cmpuint (loads, ==, 1);
  g_assert_true (pac_node_is_busy (root));
  pac_node_loaded (root, NULL);
  pac_node_load (root); /* loaded: not again */
  g_assert_cmpuint (loads, ==, 1);
  pac_node_reload (root);
  g_assert_cmpuint (loads, ==, 2);
  pac_node_loaded (root, error);
  g_assert_cmpint (pac_node_get_state (root), ==, PAC_NODE_FAILED);
  g_assert_cmpstr (pac_node_get_error (root), ==, "unreachable");
  label = pac_node_dup_accessible_label (root);
  g_assert_cmpstr (label, ==, "vc, unreachable");
  pac_node_load (root); /* failed: again */
  g_assert_cmpuint (loads, ==, 3);
  g_assert_null (pac_node_get_error (root));

  /* A child's load keeps the parent busy */
  pac_node_loaded (root, NULL);
  pac_node_loading (child);
  g_assert_true (pac_node_is_busy (root));
  pac_node_loaded (child, NULL);
  g_assert_false (pac_node_is_busy (root));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/node/children-sorted", test_children_sorted);
  g_test_add_func ("/node/search-and-label", test_search_and_label);
  g_test_add_func ("/node/loading", test_loading);
  return g_test_run ();
}
