/* pac-pod-security.h: which pods a guest cluster admits, and how to change
 * it: PodSecurityPolicy bindings up to Kubernetes 1.24, Pod Security
 * Admission labels from 1.25
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-guest-state.h"

G_BEGIN_DECLS

#define PAC_TYPE_POD_SECURITY (pac_pod_security_get_type ())

G_DECLARE_FINAL_TYPE (PacPodSecurity, pac_pod_security, PAC, POD_SECURITY, GObject)

/* PSP knows VMware's privileged and restricted; PSA all four */
typedef enum
{
  PAC_POD_SECURITY_NONE, /* PSP: no binding of Pacific's; PSA: no label */
  PAC_POD_SECURITY_PRIVILEGED,
  PAC_POD_SECURITY_BASELINE,
  PAC_POD_SECURITY_RESTRICTED,
} PacPodSecurityLevel;

typedef enum
{
  PAC_POD_SECURITY_NAMESPACES, /* PSP: service accounts of the chosen namespaces */
  PAC_POD_SECURITY_CLUSTER,    /* PSP: every authenticated user, every namespace */
} PacPodSecurityScope;

typedef struct
{
  PacPodSecurityLevel level; /* PSP: the policy bound; PSA: enforce */
  PacPodSecurityLevel audit; /* PSA only */
  PacPodSecurityLevel warn;  /* PSA only */
  PacPodSecurityScope scope; /* PSP only */
  const char *const *namespaces;
} PacPodSecurityRequest;

void pac_pod_security_load_async (PacGuestClient *client,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
PacPodSecurity *
pac_pod_security_load_finish (PacGuestClient *client, GAsyncResult *result, GError **error);

PacGuestClient *pac_pod_security_get_client (PacPodSecurity *self);
gboolean pac_pod_security_uses_psp (PacPodSecurity *self);
const char *pac_pod_security_get_version (PacPodSecurity *self);
GStrv pac_pod_security_dup_namespaces (PacPodSecurity *self);
char *pac_pod_security_describe_namespace (PacPodSecurity *self, const char *namespace);
PacPodSecurityLevel
pac_pod_security_get_label (PacPodSecurity *self, const char *namespace, const char *mode);
GPtrArray *pac_pod_security_list_bindings (PacPodSecurity *self);
GPtrArray *
pac_pod_security_plan (PacPodSecurity *self, const PacPodSecurityRequest *request, GError **error);

const char *pac_pod_security_level_to_string (PacPodSecurityLevel level);
gboolean pac_pod_security_level_from_string (const char *text, PacPodSecurityLevel *level);
gboolean pac_pod_security_is_refusal (const char *message);

G_END_DECLS
