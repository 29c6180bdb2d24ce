/* pac-cluster-creator-form.c: the creator's form, to and from the spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PacClusterSpec is the one model and the form is bound to it both
 * ways: entries through GBinding, combo rows through ChoiceBinding (their
 * choices are a list model, the spec holds a string), node pools and
 * trusted CAs through the spec's pool store and "changed" signal. The
 * spec notifies only what changes, so a value going round settles at once,
 * and YAML read into the spec (pac_cluster_spec_assign) shows in the form
 * by the same way. Problems come back as field paths in the spec's API
 * version, and field_widget() finds the widget that shows each.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-choice-combo.h"
#include "pac-cluster-creator-private.h"
#include "pac-form-text.h"
#include "pac-node-pool-row.h"
#include "pac-trust.h"
#include "pac-version.h"

/* ---- small helpers ---- */

static void
select_string (AdwComboRow *row, const char *value)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; value && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Releases are offered as versions ("+"); v1alpha2 on names them ("---").
 * What is no version at all is shown as it is, marked as not offered. */
static char *
release_version (const char *tkr)
{
  char *version = pac_version_string_from_tkr_name (tkr);

  return version ? version : g_strdup (tkr);
}

static PacNodePool *
pool_at (PacClusterSpec *spec, guint index)
{
  g_autoptr (PacNodePool) pool
    = g_list_model_get_item (G_LIST_MODEL (pac_cluster_spec_get_node_pools (spec)), index);

  return pool; /* the spec keeps it */
}

static GtkWidget *
pool_row_at (PacClusterCreator *self, guint index)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->pools_list));

  for (guint i = 0; row && i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  return row;
}

static guint
n_pool_rows (PacClusterCreator *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->pools_list)); row;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* ---- node pools ---- */

static void
on_pool_remove (PacNodePoolRow *row, PacClusterCreator *self)
{
  GListStore *pools = pac_cluster_spec_get_node_pools (self->spec);

  for (guint i = 0; i < n_pool_rows (self); i++)
    if (pool_row_at (self, i) == GTK_WIDGET (row))
      {
        g_list_store_remove (pools, i); /* show_pools() takes the row away */
        break;
      }
  pac_cluster_spec_emit_changed (self->spec);
}

static void
on_pool_changed (PacNodePoolRow *row, PacClusterCreator *self)
{
  for (guint i = 0; i < n_pool_rows (self); i++)
    if (pool_row_at (self, i) == GTK_WIDGET (row))
      pac_node_pool_row_read (row, pool_at (self->spec, i));
  pac_cluster_spec_emit_changed (self->spec);
}

/* The pool store changed (a pool added or removed, or YAML read) or the
 * API version did: one row per pool, each showing its pool */
static void
show_pools (PacClusterCreator *self)
{
  PacTkcApi api = pac_cluster_spec_get_api (self->spec);
  GListModel *pools = G_LIST_MODEL (pac_cluster_spec_get_node_pools (self->spec));
  guint n = g_list_model_get_n_items (pools);

  while (n_pool_rows (self) > n)
    gtk_list_box_remove (self->pools_list, pool_row_at (self, n_pool_rows (self) - 1));
  while (n_pool_rows (self) < n)
    {
      PacNodePoolRow *row
        = pac_node_pool_row_new (pac_cluster_choices_get_vm_classes (self->choices),
                                 pac_cluster_choices_get_storage_classes (self->choices));
      g_signal_connect (row, "changed", G_CALLBACK (on_pool_changed), self);
      g_signal_connect (row, "remove", G_CALLBACK (on_pool_remove), self);
      gtk_list_box_append (self->pools_list, GTK_WIDGET (row));
    }
  for (guint i = 0; i < n; i++)
    {
      PacNodePoolRow *row = PAC_NODE_POOL_ROW (pool_row_at (self, i));
      pac_node_pool_row_show (row, pool_at (self->spec, i), api);
      pac_node_pool_row_set_removable (row, n > 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->add_pool_button), api != PAC_TKC_V1ALPHA1);
}

/* ---- trusted CAs ---- */

/* creator.remove-ca, with the CA's name */
static void
remove_ca_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (self->spec);
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < cas->len; i++)
    if (g_strcmp0 (((PacTrustedCa *) g_ptr_array_index (cas, i))->name, name) == 0)
      g_ptr_array_remove_index (cas, i--);
  pac_cluster_spec_emit_changed (self->spec);
}

static char *
describe_ca (const char *pem)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_autofree char *subject = NULL;
  g_autofree char *fingerprint = NULL;

  if (certificate == NULL)
    return g_strdup_printf (_ ("Not a certificate: %s"), error->message);
  g_object_get (certificate, "subject-name", &subject, NULL);
  fingerprint = pac_trust_fingerprint (certificate);
  return g_strdup_printf ("%s\nSHA-256 %s", subject ? subject : "?", fingerprint);
}

/* What the CA rows show: they are rebuilt only when it changes, not on
 * every keystroke elsewhere in the form */
static char *
cas_key (GPtrArray *cas)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < cas->len; i++)
    {
      PacTrustedCa *ca = g_ptr_array_index (cas, i);
      g_string_append_printf (key, "%s\n%s\n", ca->name ? ca->name : "", ca->pem ? ca->pem : "");
    }
  return g_string_free (key, FALSE);
}

static void
show_cas (PacClusterCreator *self)
{
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (self->spec);
  g_autofree char *key = cas_key (cas);
  GtkWidget *child;

  if (g_strcmp0 (key, self->cas_shown) == 0)
    return;
  g_free (self->cas_shown);
  self->cas_shown = g_steal_pointer (&key);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cas_list))))
    gtk_list_box_remove (self->cas_list, child);
  for (guint i = 0; i < cas->len; i++)
    {
      PacTrustedCa *ca = g_ptr_array_index (cas, i);
      g_autofree char *subtitle = describe_ca (ca->pem);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ca->name ? ca->name : "?");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _ ("Remove This CA"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "creator.remove-ca");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", ca->name ? ca->name : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->cas_list, row);
    }
  if (cas->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("None"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->cas_list, row);
    }
}

/* A file name part: letters, digits, "-", "_" and "." */
static char *
ca_name_from (const char *name)
{
  g_autofree char *base = g_path_get_basename (name ? name : "ca");
  char *dot = strrchr (base, '.');

  if (dot && dot != base)
    *dot = '\0';
  for (char *p = base; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("-_.", *p))
      *p = '-';
  return g_strdup (base);
}

/* Adds a PEM CA (replacing one of the same name); refuses what is not one */
gboolean
pac_cluster_creator_add_ca (PacClusterCreator *self,
                            const char *name,
                            const char *pem,
                            GError **error)
{
  g_autoptr (GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, error);
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (self->spec);
  g_autofree char *clean = ca_name_from (name);

  if (certificate == NULL)
    return FALSE;
  for (guint i = 0; i < cas->len; i++)
    if (g_strcmp0 (((PacTrustedCa *) g_ptr_array_index (cas, i))->name, clean) == 0)
      g_ptr_array_remove_index (cas, i--);
  g_ptr_array_add (cas, pac_trusted_ca_new (clean, pem));
  pac_cluster_spec_emit_changed (self->spec);
  return TRUE;
}

/* ---- the whole form ---- */

static const char *
version_note (PacTkcApi api)
{
  if (api == PAC_TKC_V1ALPHA1)
    return _ ("API version v1alpha1 has one worker pool and no node labels, taints, volumes, "
              "proxy or trusted CAs. From vSphere 7.0.2 on, the Tanzu Kubernetes Grid service "
              "configuration sets a proxy and trusted CAs for new clusters (see Registry CA); "
              "node labels can be set with kubectl on the running cluster.");
  return NULL;
}

/* The parts that depend on the API version */
static void
show_api (PacClusterCreator *self)
{
  PacTkcApi api = pac_cluster_spec_get_api (self->spec);

  gtk_widget_set_visible (GTK_WIDGET (self->proxy_group), api != PAC_TKC_V1ALPHA1);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_group), api != PAC_TKC_V1ALPHA1);
  gtk_label_set_label (self->version_note, version_note (api));
  gtk_widget_set_visible (GTK_WIDGET (self->version_note), version_note (api) != NULL);
  show_pools (self);
}

/* ---- entries: GBinding ---- */

static gboolean
spec_to_text (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");
  return TRUE;
}

static gboolean
list_to_text (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_take_string (to, pac_join_list (g_value_get_boxed (from)));
  return TRUE;
}

static gboolean
text_to_list (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_take_boxed (to, pac_split_list (g_value_get_string (from)));
  return TRUE;
}

/* Both ways; the spec makes "" none. GBinding does not echo a value back
 * to where it came from, so what is being typed ("10.0.0.0/16, ") stays. */
static void
bind_entry (PacClusterCreator *self, const char *property, AdwEntryRow *row, gboolean list)
{
  g_object_bind_property_full (
    self->spec, property, row, "text", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
    list ? list_to_text : spec_to_text, list ? text_to_list : NULL, NULL, NULL);
}

/* ---- combo rows: ChoiceBinding ---- */

/* A combo row bound to a spec property: the row offers strings (a
 * GtkStringList, or PacChoices through pac-choice-combo), the property is
 * a string, or a number or version written as one by the two functions */
typedef struct
{
  PacClusterSpec *spec;
  AdwComboRow *row;
  const char *property;
  char *(*to_choice) (PacClusterSpec *spec);              /* NULL: the string property */
  void (*to_spec) (PacClusterSpec *spec, const char *id); /* NULL: the string property */
} ChoiceBinding;

static char *
choice_in_spec (ChoiceBinding *binding)
{
  char *value = NULL;

  if (binding->to_choice)
    return binding->to_choice (binding->spec);
  g_object_get (binding->spec, binding->property, &value, NULL);
  return value;
}

static const char *
choice_in_row (ChoiceBinding *binding)
{
  if (GTK_IS_STRING_LIST (adw_combo_row_get_model (binding->row)))
    return selected_string (binding->row);
  return pac_choice_combo_get (binding->row);
}

static void
show_choice (ChoiceBinding *binding)
{
  g_autofree char *value = choice_in_spec (binding);

  if (GTK_IS_STRING_LIST (adw_combo_row_get_model (binding->row)))
    select_string (binding->row, value);
  else
    pac_choice_combo_set (binding->row, value);
}

/* Written only when the row means another value than the spec holds: a
 * release the spec names "v1.26.5---vmware.2-tkg.1" is the row's
 * "v1.26.5+vmware.2-tkg.1" and stays as the YAML spelled it */
static void
take_choice (ChoiceBinding *binding)
{
  g_autofree char *value = choice_in_spec (binding);
  const char *chosen = choice_in_row (binding);

  if (g_strcmp0 (value, chosen) == 0)
    return;
  if (binding->to_spec)
    binding->to_spec (binding->spec, chosen);
  else
    g_object_set (binding->spec, binding->property, chosen, NULL);
}

static void
bind_choice (PacClusterCreator *self,
             const char *property,
             AdwComboRow *row,
             char *(*to_choice) (PacClusterSpec *spec),
             void (*to_spec) (PacClusterSpec *spec, const char *id))
{
  ChoiceBinding *binding = g_new0 (ChoiceBinding, 1);
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  *binding = (ChoiceBinding){ self->spec, row, property, to_choice, to_spec };
  g_ptr_array_add (self->choice_bindings, binding);
  g_signal_connect_swapped (self->spec, signal, G_CALLBACK (show_choice), binding);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (take_choice), binding);
  show_choice (binding);
}

/* Releases are offered as versions ("+"); v1alpha2 on names them ("---") */
static char *
release_choice (PacClusterSpec *spec)
{
  const char *tkr = pac_cluster_spec_get_tkr (spec);

  return tkr ? release_version (tkr) : NULL;
}

static char *
replicas_choice (PacClusterSpec *spec)
{
  return g_strdup_printf ("%u", pac_cluster_spec_get_control_plane_replicas (spec));
}

static void
replicas_to_spec (PacClusterSpec *spec, const char *id)
{
  pac_cluster_spec_set_control_plane_replicas (spec, id ? (guint) atoi (id) : 1);
}

/* "v1alpha3" */
static char *
api_choice (PacClusterSpec *spec)
{
  return g_strdup (strchr (pac_tkc_api_to_string (pac_cluster_spec_get_api (spec)), '/') + 1);
}

static void
api_to_spec (PacClusterSpec *spec, const char *id)
{
  g_autofree char *api_version = g_strconcat ("run.tanzu.vmware.com/", id, NULL);
  PacTkcApi api;

  if (id && pac_tkc_api_from_string (api_version, &api))
    pac_cluster_spec_set_api (spec, api);
}

/* ---- the whole form ---- */

static void
bind_choice_models (PacClusterCreator *self)
{
  g_autoptr (GtkStringList) versions
    = gtk_string_list_new (pac_cluster_choices_get_api_versions (self->choices));

  pac_choice_combo_bind (self->release_row, pac_cluster_choices_get_releases (self->choices), NULL);
  pac_choice_combo_bind (self->vm_class_row, pac_cluster_choices_get_vm_classes (self->choices),
                         NULL);
  pac_choice_combo_bind (self->storage_class_row,
                         pac_cluster_choices_get_storage_classes (self->choices), NULL);
  pac_choice_combo_bind (self->default_class_row,
                         pac_cluster_choices_get_storage_classes (self->choices), _ ("None"));
  adw_combo_row_set_model (self->api_row, G_LIST_MODEL (versions));
}

/* Once, when the choices and the spec are there: from then on the form
 * shows the spec and writes into it by itself */
void
pac_cluster_creator_bind_form (PacClusterCreator *self)
{
  bind_choice_models (self);
  bind_entry (self, "name", self->name_row, FALSE);
  g_object_bind_property (self->spec, "namespace", self->namespace_row, "subtitle",
                          G_BINDING_SYNC_CREATE);
  bind_choice (self, "tkr", self->release_row, release_choice, NULL);
  bind_choice (self, "control-plane-replicas", self->control_plane_row, replicas_choice,
               replicas_to_spec);
  bind_choice (self, "control-plane-vm-class", self->vm_class_row, NULL, NULL);
  bind_choice (self, "control-plane-storage-class", self->storage_class_row, NULL, NULL);
  bind_choice (self, "cni", self->cni_row, NULL, NULL);
  bind_entry (self, "pod-cidrs", self->pods_row, TRUE);
  bind_entry (self, "service-cidrs", self->services_row, TRUE);
  bind_entry (self, "service-domain", self->domain_row, FALSE);
  bind_choice (self, "default-storage-class", self->default_class_row, NULL, NULL);
  bind_entry (self, "http-proxy", self->http_proxy_row, FALSE);
  bind_entry (self, "https-proxy", self->https_proxy_row, FALSE);
  bind_entry (self, "no-proxy", self->no_proxy_row, TRUE);
  bind_choice (self, "api", self->api_row, api_choice, api_to_spec);
  g_signal_connect_swapped (self->spec, "notify::api", G_CALLBACK (show_api), self);
  g_signal_connect_swapped (pac_cluster_spec_get_node_pools (self->spec), "items-changed",
                            G_CALLBACK (show_pools), self);
  g_signal_connect_swapped (self->spec, "changed", G_CALLBACK (show_cas), self);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !self->editing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_row), !self->editing);
  show_api (self);
  show_cas (self);
}

/* Before the spec goes: nothing of the form may answer it any more */
void
pac_cluster_creator_unbind_form (PacClusterCreator *self)
{
  if (self->spec == NULL)
    return;
  for (guint i = 0; i < self->choice_bindings->len; i++)
    g_signal_handlers_disconnect_by_data (self->spec, g_ptr_array_index (self->choice_bindings, i));
  g_signal_handlers_disconnect_by_data (self->spec, self);
  g_signal_handlers_disconnect_by_data (pac_cluster_spec_get_node_pools (self->spec), self);
}

void
pac_cluster_creator_class_init_form (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "creator.remove-ca", "s", remove_ca_activated);
}

/* ---- problems to widgets ---- */

/* "spec.topology.nodePools[1].vmClass" → 1, "vmClass" */
static gboolean
split_pool_path (const char *path, guint *index, const char **field)
{
  const char *rest;

  if (g_str_has_prefix (path, "spec.topology.workers"))
    {
      *index = 0;
      rest = path + strlen ("spec.topology.workers");
      *field = *rest == '.' ? rest + 1 : "";
      return TRUE;
    }
  if (!g_str_has_prefix (path, "spec.topology.nodePools["))
    return FALSE;
  *index = (guint) g_ascii_strtoull (path + strlen ("spec.topology.nodePools["), NULL, 10);
  rest = strchr (path, ']');
  *field = rest && rest[1] == '.' ? rest + 2 : "";
  return TRUE;
}

typedef struct
{
  const char *prefix;
  gsize offset; /* of the widget in PacClusterCreator */
} FieldWidget;

#define FIELD(prefix, member)                                                                      \
  {                                                                                                \
    prefix, G_STRUCT_OFFSET (PacClusterCreator, member)                                            \
  }

static const FieldWidget fields[] = {
  FIELD ("metadata.name", name_row),
  FIELD ("metadata.namespace", namespace_row),
  FIELD ("spec.distribution", release_row),
  FIELD ("spec.topology.controlPlane.tkr", release_row),
  FIELD ("spec.topology.controlPlane.replicas", control_plane_row),
  FIELD ("spec.topology.controlPlane.count", control_plane_row),
  FIELD ("spec.topology.controlPlane.vmClass", vm_class_row),
  FIELD ("spec.topology.controlPlane.class", vm_class_row),
  FIELD ("spec.topology.controlPlane.storageClass", storage_class_row),
  FIELD ("spec.settings.network.cni", cni_row),
  FIELD ("spec.settings.network.pods", pods_row),
  FIELD ("spec.settings.network.services", services_row),
  FIELD ("spec.settings.network.serviceDomain", domain_row),
  FIELD ("spec.settings.network.proxy.httpsProxy", https_proxy_row),
  FIELD ("spec.settings.network.proxy.noProxy", no_proxy_row),
  FIELD ("spec.settings.network.proxy", http_proxy_row),
  FIELD ("spec.settings.network.trust", cas_list),
  FIELD ("spec.settings.storage.defaultClass", default_class_row),
  FIELD ("metadata.annotations", api_row),
  FIELD ("apiVersion", api_row),
};

/* The widget that shows the field at @path, or NULL */
GtkWidget *
pac_cluster_creator_field_widget (PacClusterCreator *self, const char *path)
{
  guint index;
  const char *field;

  if (path == NULL)
    return NULL;
  if (split_pool_path (path, &index, &field))
    {
      GtkWidget *row = pool_row_at (self, index);
      g_autofree char *first = g_strdup (field);
      char *end = first + strcspn (first, ".[");

      *end = '\0';
      return row ? pac_node_pool_row_get_field (PAC_NODE_POOL_ROW (row), first) : NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (path, fields[i].prefix))
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
