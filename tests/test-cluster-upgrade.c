/* test-cluster-upgrade.c: which releases a cluster may move to, and the
 * move, against simulated Supervisors 7.0.1 (TKC v1alpha1) and 8.0
 * (v1alpha3): refused paths with their reasons, the 409 when the cluster
 * changed meanwhile, a view-only user refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-cluster-upgrade.h"
#include "pac-error.h"
#include "pac-json.h"
#include "sim-connection.h"
#include "sim-fixture.h"
#include "test-deadline.h"

static SimFixture *sim_701;
static SimFixture *sim_8;

static PacUpgradePlan *
load (PacSupervisorClient *client, const char *namespace, const char *name)
{
  g_autoptr (PacCapabilities) capabilities = sim_supervisor_discover (client);
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacUpgradePlan *plan;

  pac_cluster_upgrade_load_async (client, capabilities, namespace, name, NULL, sim_fixture_on_done,
                                  &result);
  plan = pac_cluster_upgrade_load_finish (sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return plan;
}

static gboolean
upgrade (PacSupervisorClient *client,
         PacUpgradePlan *plan,
         const PacUpgradeChoice *choice,
         GError **error)
{
  GAsyncResult *result = NULL;
  gboolean done;

  pac_cluster_upgrade_async (client, plan, choice, NULL, sim_fixture_on_done, &result);
  done = pac_cluster_upgrade_finish (sim_fixture_wait (&result), error);
  g_object_unref (result);
  return done;
}

static const PacUpgradeChoice *
find_choice (PacUpgradePlan *plan, const char *version_prefix)
{
  for (guint i = 0; i < plan->choices->len; i++)
    {
      const PacUpgradeChoice *choice = g_ptr_array_index (plan->choices, i);
      if (choice->version && g_str_has_prefix (choice->version, version_prefix))
        return choice;
    }
  g_error ("no release %s among the choices", version_prefix);
  return NULL;
}

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text ? text : "(null)", needle);
}

/* Reads the plan again until the cluster runs @version_prefix */
static void
wait_running (PacSupervisorClient *client,
              const char *namespace,
              const char *name,
              const char *version_prefix)
{
  for (gint64 deadline = test_deadline (30); test_before (deadline); test_pause_ms (250))
    {
      g_autoptr (PacUpgradePlan) plan = load (client, namespace, name);
      if (plan->current_version && g_str_has_prefix (plan->current_version, version_prefix)
          && g_strcmp0 (pac_json_string (plan->cluster, "status.phase"), "running") == 0)
        return;
    }
  g_error ("%s/%s did not come to run %s", namespace, name, version_prefix);
}

static void
test_choices_701 (void)
{
  g_autoptr (PacSupervisorClient) client
    = sim_supervisor_client_new (sim_701, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacUpgradePlan) plan = load (client, "dev", "dev-cluster-01");
  gboolean seen_refused = FALSE;

  assert_contains (plan->current_version, "v1.17.8");
  g_assert_true (find_choice (plan, "v1.18.5")->allowed);  /* the next minor */
  g_assert_true (find_choice (plan, "v1.17.11")->allowed); /* a patch release */
  assert_contains (find_choice (plan, "v1.16.8")->reason, "cannot be downgraded");
  assert_contains (find_choice (plan, "v1.17.8")->reason, "already runs");
  g_assert_false (find_choice (plan, "v1.22.9")->allowed); /* not compatible with 7.0.1 */
  g_assert_nonnull (find_choice (plan, "v1.22.9")->reason);
  /* Allowed first, newest first */
  g_assert_cmpstr (((PacUpgradeChoice *) g_ptr_array_index (plan->choices, 0))->version, ==,
                   find_choice (plan, "v1.18.5")->version);
  for (guint i = 0; i < plan->choices->len; i++)
    {
      const PacUpgradeChoice *choice = g_ptr_array_index (plan->choices, i);
      g_assert_true (choice->allowed == (choice->reason == NULL));
      if (!choice->allowed)
        seen_refused = TRUE;
      else
        g_assert_false (seen_refused);
    }
}

/* v1alpha1: the distribution version moves; the nodes roll to it */
static void
test_upgrade_701 (void)
{
  g_autoptr (PacSupervisorClient) client
    = sim_supervisor_client_new (sim_701, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacUpgradePlan) plan = load (client, "dev", "dev-cluster-01");
  g_autoptr (GError) error = NULL;

  /* A refused choice is refused here, with its reason */
  g_assert_false (upgrade (client, plan, find_choice (plan, "v1.16.8"), &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (upgrade (client, plan, find_choice (plan, "v1.18.5"), &error));
  g_assert_no_error (error);
  wait_running (client, "dev", "dev-cluster-01", "v1.18.5");
}

/* v1alpha3: the control plane's and the pools' release names move */
static void
test_upgrade_8 (void)
{
  g_autoptr (PacSupervisorClient) client
    = sim_supervisor_client_new (sim_8, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacUpgradePlan) plan = load (client, "test", "qa-cluster");
  g_autoptr (PacUpgradePlan) after = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *pools;

  assert_contains (plan->current_version, "v1.25.7");
  g_assert_true (upgrade (client, plan, find_choice (plan, "v1.26.5"), &error));
  g_assert_no_error (error);
  wait_running (client, "test", "qa-cluster", "v1.26.5");
  after = load (client, "test", "qa-cluster");
  pools = pac_json_array (after->cluster, "spec.topology.nodePools");
  for (guint i = 0; pools && i < json_array_get_length (pools); i++)
    assert_contains (
      pac_json_string (json_array_get_object_element (pools, i), "tkr.reference.name"), "v1.26.5");
  /* Nothing newer now: every choice says why not */
  for (guint i = 0; i < after->choices->len; i++)
    g_assert_false (((PacUpgradeChoice *) g_ptr_array_index (after->choices, i))->allowed);
}

/* The cluster changed after the plan was read: 409, nothing overwritten */
static void
test_conflict (void)
{
  g_autoptr (PacSupervisorClient) client
    = sim_supervisor_client_new (sim_701, "devops@vsphere.local", "DevOps!23");
  g_autoptr (PacUpgradePlan) plan = load (client, "test", "qa-cluster");
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sim_fixture_login (sim_701, "administrator@vsphere.local", "Admin!23");
  g_autoptr (SimReply) labelled = sim_fixture_request (
    sim_701, "PATCH",
    "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/test/tanzukubernetesclusters/qa-cluster", token,
    "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"team\":\"qa\"}}}");
  g_autoptr (PacUpgradePlan) again = NULL;

  g_assert_cmpuint (labelled->status, ==, 200);
  g_assert_false (upgrade (client, plan, find_choice (plan, "v1.17.8"), &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Read again, it goes */
  again = load (client, "test", "qa-cluster");
  g_assert_true (upgrade (client, again, find_choice (again, "v1.17.8"), &error));
  g_assert_no_error (error);
}

static void
test_view_only_refused (void)
{
  g_autoptr (PacSupervisorClient) client
    = sim_supervisor_client_new (sim_701, "viewer@vsphere.local", "Viewer!23");
  g_autoptr (PacUpgradePlan) plan = load (client, "dev", "dev-cluster-01");
  g_autoptr (GError) error = NULL;
  const PacUpgradeChoice *allowed = g_ptr_array_index (plan->choices, 0);

  g_assert_true (allowed->allowed);
  g_assert_false (upgrade (client, plan, allowed, &error));
  g_assert_error (error, PAC_ERROR, PAC_ERROR_FORBIDDEN);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sim_701 = sim_fixture_start ((const char *const[]){
    "--scenario=demo", "--supervisor-version=7.0.1", "--cluster-seconds=1", NULL });
  sim_8 = sim_fixture_start ((const char *const[]){ "--scenario=demo", "--supervisor-version=8.0",
                                                    "--cluster-seconds=1", NULL });
  g_test_add_func ("/cluster-upgrade/choices-7.0.1", test_choices_701);
  g_test_add_func ("/cluster-upgrade/view-only-refused", test_view_only_refused);
  g_test_add_func ("/cluster-upgrade/upgrade-7.0.1", test_upgrade_701);
  g_test_add_func ("/cluster-upgrade/upgrade-8.0", test_upgrade_8);
  g_test_add_func ("/cluster-upgrade/conflict", test_conflict);
  status = g_test_run ();
  sim_fixture_stop (sim_701);
  sim_fixture_stop (sim_8);
  return status;
}
