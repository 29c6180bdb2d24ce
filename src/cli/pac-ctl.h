/* pac-ctl.h: the commands of pacific-ctl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

int pac_ctl_fail (const char *command, const char *message, int status);

/* Running an async core call to its end: pass pac_ctl_on_done and the
 * PacCtlWait, then pac_ctl_wait_for() returns the result (transfer full) */
typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} PacCtlWait;

#define PAC_CTL_WAIT_INIT                                                                          \
  {                                                                                                \
    g_main_loop_new (NULL, FALSE), NULL                                                            \
  }
#include "pac-connection.h"

void pac_ctl_on_done (GObject *source, GAsyncResult *result, gpointer user_data);
char *pac_ctl_hex_only (const char *text);
JsonArray *pac_ctl_strv_array (const char *const *strings);
void pac_ctl_pause (guint ms);
GAsyncResult *pac_ctl_wait_for (PacCtlWait *wait);

int pac_ctl_credential (int argc, char **argv);
int pac_ctl_kubeconfig (int argc, char **argv);
int pac_ctl_pod_security (int argc, char **argv);
int pac_ctl_access (int argc, char **argv);
int pac_ctl_registry (int argc, char **argv);
int pac_ctl_prereqs (int argc, char **argv);
int pac_ctl_list (const char *what, int argc, char **argv);
int pac_ctl_cluster_get (int argc, char **argv);
int pac_ctl_cluster (int argc, char **argv);
int pac_ctl_account (int argc, char **argv);
int pac_ctl_trust (int argc, char **argv);
int pac_ctl_signout (int argc, char **argv);
gboolean pac_ctl_check_server (const char *url, GError **error);
gboolean pac_ctl_trust_ca_file (PacConnection *connection, const char *file, GError **error);
gboolean pac_ctl_log_in_supervisor (PacConnection *supervisor, GError **error);
JsonNode *pac_ctl_request (PacConnection *connection, const char *path, GError **error);
PacConnection *pac_ctl_log_in (PacConnection *supervisor,
                               const char *namespace,
                               const char *cluster,
                               GError **error);
