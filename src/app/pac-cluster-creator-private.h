/* pac-cluster-creator-private.h: what the creator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pac-cluster-choices.h"
#include "pac-cluster-creator.h"
#include "pac-session.h"

G_BEGIN_DECLS

struct _PacClusterCreator
{
  AdwWindow parent_instance;

  PacNode *node; /* the namespace (new cluster) or the cluster (edit) */
  PacSupervisorClient *client;
  GCancellable *cancellable;
  PacClusterChoices *choices;
  PacClusterSpec *spec;

  gboolean editing;
  char *edit_version;     /* the live object's TKC version: "v1alpha3" */
  JsonNode *original;     /* the live object, without status and server fields */
  char *resource_version; /* of the live object, for the patch */
  guint retries;          /* conflicts that were only status updates */

  gboolean form_bound;
  gboolean syncing; /* the form or the YAML is being set from the spec */
  gboolean yaml_broken;
  gboolean dirty;
  gboolean busy;
  gboolean may_close;
  GPtrArray *problems;        /* the spec's and the namespace's */
  GPtrArray *server_problems; /* the dry run's */
  gboolean dry_run_ok;
  guint dry_run_source;
  guint fold_source; /* the YAML toggle follows "folded" after the frame */
  GCancellable *dry_run_cancellable;
  GPtrArray *marked;    /* widgets showing a problem (held: a pool row may go meanwhile) */
  char *problems_shown; /* what the rows show (problems_shown_key), to skip a rebuild */

  AdwToastOverlay *toasts;
  AdwWindowTitle *window_title;
  GtkButton *apply_button;
  GtkToggleButton *yaml_toggle;
  GtkStack *stack;
  AdwStatusPage *failed_page;
  AdwLeaflet *leaflet;
  AdwPreferencesPage *form;
  AdwPreferencesGroup *problems_group;
  GtkListBox *problems_list;
  AdwEntryRow *name_row;
  AdwActionRow *namespace_row;
  AdwComboRow *release_row;
  AdwComboRow *control_plane_row;
  AdwComboRow *vm_class_row;
  AdwComboRow *storage_class_row;
  AdwPreferencesGroup *pools_group;
  GtkButton *add_pool_button;
  GtkListBox *pools_list;
  AdwComboRow *cni_row;
  AdwEntryRow *pods_row;
  AdwEntryRow *services_row;
  AdwEntryRow *domain_row;
  AdwComboRow *default_class_row;
  AdwPreferencesGroup *proxy_group;
  AdwEntryRow *http_proxy_row;
  AdwEntryRow *https_proxy_row;
  AdwEntryRow *no_proxy_row;
  AdwPreferencesGroup *trust_group;
  GtkListBox *cas_list;
  AdwComboRow *api_row;
  GtkLabel *version_note;
  GtkSourceView *yaml_view;
  GtkLabel *yaml_error;
  GtkLabel *yaml_note;
};

/* pac-cluster-creator-form.c */
void pac_cluster_creator_bind_form (PacClusterCreator *self);
void pac_cluster_creator_show_spec (PacClusterCreator *self);
void pac_cluster_creator_read_form (PacClusterCreator *self);
GtkWidget *pac_cluster_creator_field_widget (PacClusterCreator *self, const char *path);
gboolean pac_cluster_creator_add_ca (PacClusterCreator *self,
                                     const char *name,
                                     const char *pem,
                                     GError **error);
void pac_cluster_creator_form_changed (PacClusterCreator *self);

/* pac-cluster-creator-files.c */
void pac_cluster_creator_class_init_files (GtkWidgetClass *widget_class);

G_END_DECLS
