/* fuzz-kubeconfig-merge.c: libFuzzer target for merging into a kubeconfig:
 * whatever reads, merges and writes text that reads and merges the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-target.h"
#include "pac-error.h"
#include "pac-kubeconfig-private.h"

static char *
merge (const char *text, gsize length, GError **error)
{
  g_autoptr (KubeNode) root = kube_node_parse (text, length, error);
  g_autoptr (GPtrArray) operations = g_ptr_array_new ();
  g_autoptr (GPtrArray) changes
    = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_kubeconfig_change_free);
  Operation add = { pac_kubeconfig_entry_new ("10.0.0.9", "dev", "10.0.0.9", "wcp:10.0.0.9:devops",
                                              "https://10.0.0.9", NULL, "dev"),
                    NULL };
  Operation remove = { NULL, g_strdup ("10.0.0.8") };
  char *out = NULL;

  pac_kubeconfig_entry_set_token (add.add, "t");
  g_ptr_array_add (operations, &add);
  g_ptr_array_add (operations, &remove);
  if (root
      && kube_apply (root, NULL, operations, PAC_KUBECONFIG_CLASH_RENAME, TRUE, changes, error))
    out = kube_node_emit (root);
  pac_kubeconfig_entry_free (add.add);
  g_free (remove.remove_owner);
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *once = merge ((const char *) data, size, &error);
  g_autofree char *twice = NULL;

  if (once == NULL)
    {
      g_assert_true (error != NULL && error->domain == PAC_ERROR);
      return 0;
    }
  twice = merge (once, strlen (once), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (twice, ==, once);
  return 0;
}
