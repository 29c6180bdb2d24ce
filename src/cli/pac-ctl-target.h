/* pac-ctl-target.h: connection options, output and exit statuses shared
 * by pacific-ctl's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-account-store.h"
#include "pac-ctl.h"
#include "pac-supervisor-client.h"
#include "pac-yaml.h"

G_BEGIN_DECLS

/* The documented exit statuses */
enum
{
  PAC_CTL_OK = 0,
  PAC_CTL_ERROR = 1,
  PAC_CTL_USAGE = 2,
  PAC_CTL_NOT_FOUND = 3,
  PAC_CTL_AUTHENTICATION = 4,
  PAC_CTL_TLS_UNTRUSTED = 5,
  PAC_CTL_TIMEOUT = 6,
};

typedef struct
{
  char *server, *user, *ca_file, *password_from, *output, *namespace, *account;
  char *password; /* read from stdin, kept for a second sign-in (vCenter) */
  gboolean password_stdin;
} PacCtlTarget;

void pac_ctl_target_clear (PacCtlTarget *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PacCtlTarget, pac_ctl_target_clear)

void pac_ctl_target_add_entries (GOptionContext *context, PacCtlTarget *t, gboolean with_namespace);
void pac_ctl_target_add_connection_entries (GOptionContext *context,
                                            PacCtlTarget *t,
                                            gboolean with_namespace);
PacConnection *pac_ctl_target_prepare (PacCtlTarget *t, GError **error);
gboolean pac_ctl_target_check (PacCtlTarget *t, GError **error);
PacConnection *pac_ctl_target_connect (PacCtlTarget *t, GError **error);
PacSupervisorClient *
pac_ctl_target_open (PacCtlTarget *t, PacCapabilities **capabilities, GError **error);

GStrv pac_ctl_workload_namespaces (PacSupervisorClient *client, GError **error);
gboolean pac_ctl_require_namespace (PacSupervisorClient *client, const char *ns, GError **error);
int pac_ctl_status_for (const GError *error);
char *pac_ctl_read_password (GError **error);
PacAccount *pac_ctl_find_account (PacAccountStore *store, const char *id);
int pac_ctl_fail_with (const char *command, const GError *error);
int pac_ctl_fail_usage (const char *command, const GError *error);

typedef struct
{
  const char *header;
  const char *field; /* a member of each row */
} PacCtlColumn;

/* @data: an array of rows (or one object) with stable field names */
void pac_ctl_print (const PacCtlTarget *t, JsonNode *data, const PacCtlColumn *columns);
void pac_ctl_progress (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
