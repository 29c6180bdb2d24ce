/* pac-kubeconfig-private.h: a kubeconfig as a tree of YAML events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by pac-kubeconfig.c and pac-kubeconfig-tree.c.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <yaml.h>

#include "pac-kubeconfig.h"

G_BEGIN_DECLS

/* One node: the event that starts it, as read (tag, anchor, style and
 * all), and for a sequence its items, for a mapping key, value, key, … */
typedef struct _KubeNode KubeNode;
struct _KubeNode
{
  yaml_event_t event;
  GPtrArray *children; /* KubeNode, owned; NULL for scalars and aliases */
};

KubeNode *kube_node_parse (const char *text, gsize length, GError **error);
void kube_node_free (KubeNode *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KubeNode, kube_node_free)
char *kube_node_emit (KubeNode *node);
char *kube_node_emit_redacted (KubeNode *node);
KubeNode *kube_node_from_json (JsonNode *json);
gboolean kube_node_is_mapping (KubeNode *node);
gboolean kube_node_is_sequence (KubeNode *node);
const char *kube_node_scalar (KubeNode *node);
KubeNode *kube_node_lookup (KubeNode *mapping, const char *key);
void kube_node_set (KubeNode *mapping, const char *key, KubeNode *value);
gboolean kube_node_unset (KubeNode *mapping, const char *key);
KubeNode *kube_node_new_mapping (void);
KubeNode *kube_node_new_sequence (void);
KubeNode *kube_node_new_string (const char *value);

struct _PacKubeconfigEntry
{
  char *owner;
  char *names[3]; /* cluster, user, context: as sections[] */
  char *server;
  char *ca_pem;
  char *namespace;
  JsonNode *user; /* the user's auth: exec, token or client certificate */
  /* for the mark: whose entry it is and what it reaches */
  char *account;
  char *username;
  char *target_namespace;
  char *target_cluster;
};

typedef struct
{
  PacKubeconfigEntry *add; /* or NULL: remove */
  char *remove_owner;      /* NULL with add NULL: all of Pacific's */
  char *remove_account;    /* else: the entries of this account… */
  char *remove_user;       /* …and user */
  char *remove_namespace;  /* with remove_cluster: the entries of the guest cluster */
  char *remove_cluster;    /* remove_owner's @remove_namespace/@remove_cluster */
} Operation;

PacKubeconfigChange *kube_change_new (PacKubeconfigChangeKind kind,
                                      const char *section,
                                      const char *name,
                                      const char *before,
                                      const char *after);
void kube_add_foreign_names (KubeNode *root, GHashTable *names);
gboolean kube_check_loadable (KubeNode *root, GError **error);
gboolean kube_apply (KubeNode *root,
                     GHashTable *elsewhere,
                     GPtrArray *operations,
                     PacKubeconfigClash clash,
                     gboolean make_current,
                     GPtrArray *changes,
                     GError **error);
gboolean kube_strip_own_credentials (KubeNode *root);

char *kube_decode_text (const char *base64);
gint64 kube_certificate_expiry (const char *certificate_data);

G_END_DECLS
