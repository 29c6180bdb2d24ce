/* pac-registry-group.c: which registry CAs a cluster's nodes trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per CA and route, from PacRegistryTrust's status: how many
 * nodes trust it already, which still wait (a rolling update not done,
 * a DaemonSet pod not Ready yet), and a remove button behind a
 * confirmation that says what removing does and does not undo.
 */
#define G_LOG_DOMAIN "pac-registry-group"

#include "config.h"

#include <glib/gi18n.h>

#include "pac-alert.h"
#include "pac-cluster.h"
#include "pac-detail-list.h"
#include "pac-registry-group.h"
#include "pac-registry-trust.h"
#include "pac-session.h"

struct _PacRegistryGroup
{
  AdwPreferencesGroup parent_instance;

  PacNode *node;
  PacRegistryTrust *trust;
  GCancellable *cancellable;        /* the shown node's work */
  GCancellable *status_cancellable; /* the latest reading only */
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (PacRegistryGroup, pac_registry_group, ADW_TYPE_PREFERENCES_GROUP)

static PacCluster *
shown_cluster (PacRegistryGroup *self)
{
  gpointer item = self->node ? pac_node_get_item (self->node) : NULL;

  return PAC_IS_CLUSTER (item) ? item : NULL;
}

static void
toast (PacRegistryGroup *self, const char *message)
{
  /* the window's action: a group needs no header of the window's */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static char *
describe_entry (PacRegistryEntry *entry)
{
  guint trusting = g_strv_length (entry->trusting);
  guint total = trusting + g_strv_length (entry->waiting);
  g_autofree char *waiting = g_strjoinv (", ", entry->waiting);
  g_autofree char *count = NULL;

  /* Translators: how many of a cluster's nodes trust a CA */
  count = g_strdup_printf (ngettext ("%u of %u node trusts it", "%u of %u nodes trust it", total),
                           trusting, total);
  if (entry->waiting[0] == NULL)
    return g_strdup_printf ("%s · %s", pac_registry_route_title (entry->route), count);
  /* Translators: a route, a node count, and the nodes that do not trust the CA yet */
  return g_strdup_printf (_ ("%s · %s; waiting: %s"), pac_registry_route_title (entry->route),
                          count, waiting);
}

static const char *
removal_effect (PacRegistryRoute route)
{
  switch (route)
    {
      case PAC_REGISTRY_ROUTE_CLUSTER:
        return _ (
          "The CA leaves the cluster’s trust settings, and its nodes are replaced once more "
          "by a rolling update.");
      case PAC_REGISTRY_ROUTE_GLOBAL:
        return _ ("The CA leaves the Supervisor’s configuration. Every cluster keeps it until its "
                  "next rolling update.");
      case PAC_REGISTRY_ROUTE_DAEMON_SET:
      default:
        return _ ("Pacific deletes its namespace, DaemonSet and Secret when no CA is left, else "
                  "just this CA from the Secret. Nodes keep the CA in their trust store until "
                  "they are replaced.");
    }
}

static void
on_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacRegistryGroup) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  if (!pac_registry_trust_change_finish (PAC_REGISTRY_TRUST (source), result, &changed, &error))
    {
      if (!pac_error_is_cancelled (error))
        toast (self, error->message);
      return;
    }
  toast (self, changed ? _ ("Registry CA removed") : _ ("The registry CA was gone already"));
  pac_registry_group_refresh (self);
}

/**
 * pac_registry_group_remove:
 * @route: as pac_registry_route_to_string() names it
 *
 * What the confirmation's Remove does.
 */
void
pac_registry_group_remove (PacRegistryGroup *self, const char *name, const char *route)
{
  PacCluster *cluster = shown_cluster (self);
  PacRegistryRoute value;

  if (cluster == NULL || self->trust == NULL || !pac_registry_route_from_string (route, &value))
    return;
  pac_registry_trust_remove_async (self->trust, value, name, pac_cluster_get_namespace (cluster),
                                   pac_cluster_get_name (cluster), self->cancellable, on_removed,
                                   g_object_ref (self));
}

/* "Remove Registry CA?" about one CA */
typedef struct
{
  PacRegistryGroup *group;
  char *name;
  char *route;
} RemoveQuestion;

static void
remove_question_free (gpointer data, GClosure *closure)
{
  RemoveQuestion *question = data;

  g_object_unref (question->group);
  g_free (question->name);
  g_free (question->route);
  g_free (question);
}

static void
on_confirmed (PacAlert *dialog, const char *response, RemoveQuestion *question)
{
  if (g_strcmp0 (response, "remove") == 0)
    pac_registry_group_remove (question->group, question->name, question->route);
}

/* registry.remove, with the CA's name and route */
static void
remove_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacRegistryGroup *self = PAC_REGISTRY_GROUP (widget);
  PacRegistryRoute value = PAC_REGISTRY_ROUTE_DAEMON_SET;
  RemoveQuestion *question = g_new0 (RemoveQuestion, 1);
  PacAlert *dialog;

  question->group = g_object_ref (self);
  g_variant_get (parameter, "(ss)", &question->name, &question->route);
  pac_registry_route_from_string (question->route, &value);
  /* Translators: a registry CA's name */
  dialog = pac_alert_new (_ ("Remove Registry CA?"), NULL);
  pac_alert_format_body (PAC_ALERT (dialog), "“%s”: %s", question->name, removal_effect (value));
  pac_alert_add_responses (PAC_ALERT (dialog), "cancel", _ ("_Cancel"), "remove", _ ("_Remove"),
                           NULL);
  pac_alert_set_response_appearance (PAC_ALERT (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  pac_alert_set_close_response (PAC_ALERT (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirmed), question,
                         remove_question_free, 0);
  pac_alert_present (dialog, widget);
}

static void
add_entry_row (PacRegistryGroup *self, PacRegistryEntry *entry)
{
  g_autofree char *subtitle = describe_entry (entry);
  AdwActionRow *row = pac_detail_list_add (self->list, entry->name, subtitle);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_ ("Remove “%s”"), entry->name);

  pac_detail_list_add_icon (
    row, entry->waiting[0] ? "content-loading-symbolic" : "object-select-symbolic",
    entry->waiting[0] ? NULL : "success");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "registry.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(ss)", entry->name,
                                    pac_registry_route_to_string (entry->route));
  adw_action_row_add_suffix (row, remove);
}

static void
on_status (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacRegistryGroup) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries
    = pac_registry_trust_status_finish (PAC_REGISTRY_TRUST (source), result, &error);

  if (pac_error_is_cancelled (error))
    return;
  pac_detail_list_clear (self->list);
  if (entries == NULL)
    pac_detail_list_placeholder (self->list, error->message);
  else if (entries->len == 0)
    pac_detail_list_placeholder (self->list, _ ("None: the nodes trust only public CAs"));
  for (guint i = 0; entries && i < entries->len; i++)
    add_entry_row (self, g_ptr_array_index (entries, i));
}

void
pac_registry_group_refresh (PacRegistryGroup *self)
{
  PacCluster *cluster = shown_cluster (self);

  if (cluster == NULL || self->trust == NULL)
    return;
  if (pac_cluster_is_class_based (cluster))
    {
      /* doc/protocols.md, "Registry CAs on guest clusters": a Secret, double base64 */
      pac_detail_list_placeholder (
        self->list, _ ("Pacific adds registry CAs to TanzuKubernetesClusters; for this "
                       "ClusterClass-based cluster use its trust variable and the Secret "
                       "<cluster>-user-trusted-ca-secret, as VMware documents"));
      return;
    }
  if (!pac_cluster_get_ready (cluster))
    {
      pac_detail_list_placeholder (self->list, _ ("The cluster is not ready yet"));
      return;
    }
  /* A reading still under way would rebuild the list after this one */
  if (self->status_cancellable)
    g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);
  self->status_cancellable = g_cancellable_new ();
  pac_detail_list_placeholder (self->list, _ ("Loading…"));
  pac_registry_trust_status_async (self->trust, pac_cluster_get_namespace (cluster),
                                   pac_cluster_get_name (cluster), self->status_cancellable,
                                   on_status, g_object_ref (self));
}

void
pac_registry_group_set_node (PacRegistryGroup *self, PacNode *node)
{
  PacSession *session = node ? pac_session_of (node) : NULL;
  PacSupervisorClient *client = session ? pac_session_get_client (session, node) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->status_cancellable)
    g_cancellable_cancel (self->status_cancellable);
  g_set_object (&self->node, node);
  g_clear_object (&self->trust);
  if (client)
    self->trust = pac_registry_trust_new (client, pac_session_get_capabilities (session, node));
  pac_detail_list_clear (self->list);
  pac_registry_group_refresh (self);
}

GtkListBox *
pac_registry_group_get_list (PacRegistryGroup *self)
{
  return self->list;
}

static void
pac_registry_group_dispose (GObject *object)
{
  PacRegistryGroup *self = PAC_REGISTRY_GROUP (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->status_cancellable)
    g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->status_cancellable);
  g_clear_object (&self->trust);
  g_clear_object (&self->node);
  G_OBJECT_CLASS (pac_registry_group_parent_class)->dispose (object);
}

static void
pac_registry_group_class_init (PacRegistryGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pac_registry_group_dispose;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "registry.remove", "(ss)",
                                   remove_activated);
}

static void
pac_registry_group_init (PacRegistryGroup *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_Add…"));

  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _ ("Registry CAs"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self),
    _ ("Private registries’ root CAs the nodes trust, so that they can pull images from them."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.registry-ca");
  gtk_widget_set_tooltip_text (add, _ ("Trust a registry’s CA (Ctrl+Shift+R)"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
}
