/* pac-credential.c: the kubectl exec stanza of Pacific's credential plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desktop session's PATH is short and not the shell's, so the command
 * is absolute. Inside Flatpak the plugin runs through `flatpak run
 * --command=…`: the sandbox has no kernel keyring (seccomp), so there the
 * cold path does the work, from the Secret Service through the portal.
 */
#include "config.h"

#include "pac-credential.h"

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The warm-path program: PACIFIC_CREDENTIAL_COMMAND where set (an
 * uninstalled build), else the installed one */
char *
pac_credential_command (void)
{
  const char *override = g_getenv ("PACIFIC_CREDENTIAL_COMMAND");

  if (override && g_path_is_absolute (override))
    return g_strdup (override);
  return g_build_filename (BINDIR, "pacific-credential", NULL);
}

/**
 * pac_credential_stanza:
 * @password_host: (nullable): the account whose keyring password logs in,
 *   where it is not the Supervisor's (a vCenter's host)
 * @namespace: (nullable): a guest cluster's namespace
 * @cluster: (nullable): a guest cluster's name
 *
 * Returns: (transfer full): the "exec" object of a kubeconfig user
 */
JsonNode *
pac_credential_stanza (const char *supervisor_url,
                       const char *username,
                       const char *password_host,
                       const char *namespace,
                       const char *cluster)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *command = pac_credential_command ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, PAC_CREDENTIAL_API_VERSION);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, in_flatpak () ? "flatpak" : command);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  if (in_flatpak ())
    {
      json_builder_add_string_value (builder, "run");
      json_builder_add_string_value (builder, "--command=pacific-credential");
      json_builder_add_string_value (builder, APP_ID);
    }
  json_builder_add_string_value (builder, "--server");
  json_builder_add_string_value (builder, supervisor_url);
  json_builder_add_string_value (builder, "--user");
  json_builder_add_string_value (builder, username);
  if (password_host)
    {
      json_builder_add_string_value (builder, "--password-from");
      json_builder_add_string_value (builder, password_host);
    }
  if (namespace && cluster)
    {
      json_builder_add_string_value (builder, "--namespace");
      json_builder_add_string_value (builder, namespace);
      json_builder_add_string_value (builder, "--cluster");
      json_builder_add_string_value (builder, cluster);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "interactiveMode");
  json_builder_add_string_value (builder, "Never");
  json_builder_set_member_name (builder, "provideClusterInfo");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
