/* pac-node.h: one row of the inventory tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PAC_NODE_VCENTER,
  PAC_NODE_SUPERVISOR,
  PAC_NODE_NAMESPACE,
  PAC_NODE_CLUSTER,
} PacNodeKind;

/* What a row's status icon says */
typedef enum
{
  PAC_HEALTH_UNKNOWN,
  PAC_HEALTH_OK,
  PAC_HEALTH_BUSY, /* creating, updating, deleting, configuring */
  PAC_HEALTH_WARNING,
  PAC_HEALTH_ERROR,
} PacHealth;

typedef enum
{
  PAC_NODE_IDLE, /* children not asked for yet */
  PAC_NODE_LOADING,
  PAC_NODE_LOADED,
  PAC_NODE_FAILED,
} PacNodeState;

#define PAC_TYPE_NODE (pac_node_get_type ())
G_DECLARE_FINAL_TYPE (PacNode, pac_node, PAC, NODE, GObject)

typedef void (*PacNodeLoadFunc) (PacNode *node, gpointer user_data);

PacNode *pac_node_new (PacNodeKind kind, PacNode *parent, const char *key);
PacNodeKind pac_node_get_kind (PacNode *self);
PacNode *pac_node_get_parent (PacNode *self);
PacNode *pac_node_get_ancestor (PacNode *self, PacNodeKind kind);
const char *pac_node_get_key (PacNode *self);
const char *pac_node_get_title (PacNode *self);
void pac_node_set_title (PacNode *self, const char *title);
const char *pac_node_get_subtitle (PacNode *self);
void pac_node_set_subtitle (PacNode *self, const char *subtitle);
const char *pac_node_get_status (PacNode *self);
void pac_node_set_status (PacNode *self, const char *status);
PacHealth pac_node_get_health (PacNode *self);
void pac_node_set_health (PacNode *self, PacHealth health);
gboolean pac_node_get_read_only (PacNode *self);
void pac_node_set_read_only (PacNode *self, gboolean read_only);
gint64 pac_node_get_offline_since (PacNode *self);
void pac_node_set_offline_since (PacNode *self, gint64 since);
gpointer pac_node_get_item (PacNode *self);
void pac_node_set_item (PacNode *self, gpointer item);
void pac_node_set_search_text (PacNode *self, const char *text);
char *pac_node_dup_accessible_label (PacNode *self);

GListModel *pac_node_get_children (PacNode *self);
PacNode *pac_node_find_child (PacNode *self, const char *key);
void pac_node_add_child (PacNode *self, PacNode *child);
void pac_node_remove_child (PacNode *self, PacNode *child);
void pac_node_keep_children (PacNode *self, GHashTable *keys);

void pac_node_set_loader (PacNode *self,
                          PacNodeLoadFunc load,
                          gpointer user_data,
                          GDestroyNotify destroy);
void pac_node_load (PacNode *self);
void pac_node_reload (PacNode *self);
void pac_node_loading (PacNode *self);
void pac_node_loaded (PacNode *self, const GError *error);
PacNodeState pac_node_get_state (PacNode *self);
const char *pac_node_get_error (PacNode *self);
gboolean pac_node_is_busy (PacNode *self);

gboolean pac_node_matches (PacNode *self, const char *needle);
gboolean pac_node_matches_below (PacNode *self, const char *needle);

G_END_DECLS
