/* sim-auth.h: vSphere SSO users, WCP tokens and namespace roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SIM_TYPE_AUTH (sim_auth_get_type ())

G_DECLARE_FINAL_TYPE (SimAuth, sim_auth, SIM, AUTH, GObject)

SimAuth *sim_auth_new (const char *users_file, GError **error);
gboolean sim_auth_check_password (SimAuth *self, const char *user, const char *password);
char *sim_auth_issue_token (SimAuth *self, const char *user, gint64 ttl_seconds);
char *sim_auth_verify_token (SimAuth *self, const char *token, const char **why_not);
void sim_auth_expire_all (SimAuth *self);
gboolean sim_auth_is_admin (SimAuth *self, const char *user);
const char *sim_auth_role (SimAuth *self, const char *user, const char *namespace);
void sim_auth_set_role (SimAuth *self, const char *user, const char *namespace, const char *role);
GStrv sim_auth_users (SimAuth *self);
GStrv sim_auth_namespaces_of (SimAuth *self, const char *user);
gboolean sim_auth_authorize (SimAuth *self,
                             const char *user,
                             const char *verb,
                             const char *resource,
                             const char *namespace,
                             const char *name,
                             gboolean public_read);
char *sim_auth_forbidden_message (const char *user,
                                  const char *verb,
                                  const char *group,
                                  const char *resource,
                                  const char *namespace,
                                  const char *name);
const char *sim_auth_default_users (void);

G_END_DECLS
