/* sim-connection.c: Pacific's clients signed in to a test simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept apart from sim-fixture.c: the simulator's own tests share no code
 * with src/core, these do.
 */
#include "sim-connection.h"

/* A connection that trusts the simulator's CA (pins in a fresh folder)
 * and has @password in memory, as pacific-ctl's headless runs do */
PacConnection *
sim_connection_new (SimFixture *sim, const char *user, const char *password)
{
  g_autofree char *dir = g_dir_make_tmp ("pacific-pins-XXXXXX", NULL);
  g_autoptr (PacTrust) trust = pac_trust_new (dir);
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);
  PacConnection *connection = pac_connection_new (sim->url, user, trust);

  pac_trust_add_anchor (trust, pac_connection_get_host (connection),
                        pac_connection_get_port (connection), ca);
  pac_connection_set_password (connection, password);
  return connection;
}

/* A vCenter client for the simulator's vCenter API, trusting its CA */
PacVcenterClient *
sim_vcenter_client_new (SimFixture *sim, const char *user, const char *password)
{
  g_autoptr (PacConnection) connection = sim_connection_new (sim, user, password);
  PacTrust *trust = pac_connection_get_trust (connection);
  PacVcenterClient *client = pac_vcenter_client_new (sim->vcenter_url, user, trust);
  g_autoptr (GUri) uri = g_uri_parse (sim->vcenter_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GTlsCertificate) ca = g_tls_certificate_new_from_file (sim->ca_file, NULL);

  pac_trust_add_anchor (trust, g_uri_get_host (uri), (guint16) g_uri_get_port (uri), ca);

  pac_vcenter_client_set_password (client, password);
  return client;
}

PacSupervisorClient *
sim_supervisor_client_new (SimFixture *sim, const char *user, const char *password)
{
  g_autoptr (PacConnection) connection = sim_connection_new (sim, user, password);

  return pac_supervisor_client_new (connection);
}

/* The Supervisor's capabilities; fails the test on an error */
PacCapabilities *
sim_supervisor_discover (PacSupervisorClient *client)
{
  GAsyncResult *result = NULL;
  g_autoptr (GError) error = NULL;
  PacCapabilities *capabilities;

  pac_supervisor_client_discover_async (client, NULL, sim_fixture_on_done, &result);
  capabilities = pac_supervisor_client_discover_finish (client, sim_fixture_wait (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return capabilities;
}
