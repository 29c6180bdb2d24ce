/* pac-cluster-creator-form.c: the creator's form, to and from the spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PacClusterSpec is the one model: the form writes every widget into
 * it (read_form) and is filled from it (show_spec) after the YAML changed
 * it. Problems come back as field paths in the spec's API version, and
 * field_widget() finds the widget that shows each.
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
set_entry_list (AdwEntryRow *row, const char *const *items)
{
  g_autofree char *text = pac_join_list (items);

  pac_entry_row_show (row, text);
}

/* The entry's text, NULL when empty */
static const char *
entry_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return *text ? text : NULL;
}

static GStrv
entry_list (AdwEntryRow *row)
{
  return pac_split_list (gtk_editable_get_text (GTK_EDITABLE (row)));
}

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
        g_list_store_remove (pools, i);
        gtk_list_box_remove (self->pools_list, GTK_WIDGET (row));
        break;
      }
  pac_cluster_creator_show_spec (self);
  pac_cluster_creator_form_changed (self);
}

static void
on_pool_changed (PacNodePoolRow *row, PacClusterCreator *self)
{
  if (self->syncing)
    return;
  pac_cluster_creator_read_form (self);
  pac_cluster_creator_form_changed (self);
}

static void
show_pools (PacClusterCreator *self, PacTkcApi api)
{
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

static void
on_ca_remove (GtkButton *button, PacClusterCreator *self)
{
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (self->spec);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pac-index"));

  if (index < cas->len)
    g_ptr_array_remove_index (cas, index);
  pac_cluster_creator_show_spec (self);
  pac_cluster_creator_form_changed (self);
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

static void
show_cas (PacClusterCreator *self)
{
  GPtrArray *cas = pac_cluster_spec_get_trusted_cas (self->spec);
  GtkWidget *child;

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
      g_object_set_data (G_OBJECT (remove), "pac-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_ca_remove), self);
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
  pac_cluster_creator_show_spec (self);
  pac_cluster_creator_form_changed (self);
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

void
pac_cluster_creator_show_spec (PacClusterCreator *self)
{
  PacClusterSpec *spec = self->spec;
  PacTkcApi api = pac_cluster_spec_get_api (spec);
  g_autofree char *release
    = pac_cluster_spec_get_tkr (spec) ? release_version (pac_cluster_spec_get_tkr (spec)) : NULL;
  g_autofree char *replicas
    = g_strdup_printf ("%u", pac_cluster_spec_get_control_plane_replicas (spec));
  gboolean was_syncing = self->syncing;

  self->syncing = TRUE;
  pac_entry_row_show (self->name_row, pac_cluster_spec_get_name (spec));
  adw_action_row_set_subtitle (self->namespace_row, pac_cluster_spec_get_namespace (spec));
  pac_choice_combo_set (self->release_row, release);
  select_string (self->control_plane_row, replicas);
  pac_choice_combo_set (self->vm_class_row, pac_cluster_spec_get_control_plane_vm_class (spec));
  pac_choice_combo_set (self->storage_class_row,
                        pac_cluster_spec_get_control_plane_storage_class (spec));
  show_pools (self, api);
  select_string (self->cni_row, pac_cluster_spec_get_cni (spec));
  set_entry_list (self->pods_row, pac_cluster_spec_get_pod_cidrs (spec));
  set_entry_list (self->services_row, pac_cluster_spec_get_service_cidrs (spec));
  pac_entry_row_show (self->domain_row, pac_cluster_spec_get_service_domain (spec));
  pac_choice_combo_set (self->default_class_row, pac_cluster_spec_get_default_storage_class (spec));
  pac_entry_row_show (self->http_proxy_row, pac_cluster_spec_get_http_proxy (spec));
  pac_entry_row_show (self->https_proxy_row, pac_cluster_spec_get_https_proxy (spec));
  set_entry_list (self->no_proxy_row, pac_cluster_spec_get_no_proxy (spec));
  show_cas (self);
  select_string (self->api_row, strchr (pac_tkc_api_to_string (api), '/') + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_group), api != PAC_TKC_V1ALPHA1);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_group), api != PAC_TKC_V1ALPHA1);
  gtk_label_set_label (self->version_note, version_note (api));
  gtk_widget_set_visible (GTK_WIDGET (self->version_note), version_note (api) != NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !self->editing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_row), !self->editing);
  self->syncing = was_syncing;
}

void
pac_cluster_creator_read_form (PacClusterCreator *self)
{
  PacClusterSpec *spec = self->spec;
  g_auto (GStrv) pods = entry_list (self->pods_row);
  g_auto (GStrv) services = entry_list (self->services_row);
  g_auto (GStrv) no_proxy = entry_list (self->no_proxy_row);
  const char *replicas = selected_string (self->control_plane_row);

  pac_cluster_spec_set_name (spec, entry_text (self->name_row));
  pac_cluster_spec_set_tkr (spec, pac_choice_combo_get (self->release_row));
  pac_cluster_spec_set_control_plane_replicas (spec, replicas ? atoi (replicas) : 1);
  pac_cluster_spec_set_control_plane_vm_class (spec, pac_choice_combo_get (self->vm_class_row));
  pac_cluster_spec_set_control_plane_storage_class (spec,
                                                    pac_choice_combo_get (self->storage_class_row));
  for (guint i = 0; i < n_pool_rows (self); i++)
    pac_node_pool_row_read (PAC_NODE_POOL_ROW (pool_row_at (self, i)), pool_at (spec, i));
  pac_cluster_spec_set_cni (spec, selected_string (self->cni_row));
  pac_cluster_spec_set_pod_cidrs (spec, (const char *const *) pods);
  pac_cluster_spec_set_service_cidrs (spec, (const char *const *) services);
  pac_cluster_spec_set_service_domain (spec, entry_text (self->domain_row));
  pac_cluster_spec_set_default_storage_class (spec, pac_choice_combo_get (self->default_class_row));
  if (pac_cluster_spec_get_api (spec) != PAC_TKC_V1ALPHA1)
    pac_cluster_spec_set_proxy (spec, entry_text (self->http_proxy_row),
                                entry_text (self->https_proxy_row), (const char *const *) no_proxy);
}

static void
on_api_changed (PacClusterCreator *self)
{
  g_autofree char *api_version = NULL;
  PacTkcApi api;

  if (self->syncing || selected_string (self->api_row) == NULL)
    return;
  api_version = g_strconcat ("run.tanzu.vmware.com/", selected_string (self->api_row), NULL);
  if (!pac_tkc_api_from_string (api_version, &api) || api == pac_cluster_spec_get_api (self->spec))
    return;
  pac_cluster_creator_read_form (self);
  pac_cluster_spec_set_api (self->spec, api);
  pac_cluster_creator_show_spec (self);
  pac_cluster_creator_form_changed (self);
}

static void
on_changed (PacClusterCreator *self)
{
  if (self->syncing)
    return;
  pac_cluster_creator_read_form (self);
  pac_cluster_creator_form_changed (self);
}

void
pac_cluster_creator_bind_form (PacClusterCreator *self)
{
  AdwEntryRow *entries[]
    = { self->name_row,       self->pods_row,        self->services_row, self->domain_row,
        self->http_proxy_row, self->https_proxy_row, self->no_proxy_row };
  AdwComboRow *combos[]
    = { self->release_row,       self->control_plane_row, self->vm_class_row,
        self->storage_class_row, self->cni_row,           self->default_class_row };
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
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (on_changed), self);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->api_row, "notify::selected", G_CALLBACK (on_api_changed), self);
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
