/* pac-cluster-creator-private.h: what the creator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pac-cluster-choices.h"
#include "pac-cluster-creator.h"
#include "pac-creator-panes.h"
#include "pac-session.h"

G_BEGIN_DECLS

/* Where the creator is in its life */
typedef enum
{
  CREATOR_LOADING, /* the choices, then (editing) the live object: the spec is not the user's */
  CREATOR_EDITING, /* the form and the YAML are the user's */
  CREATOR_SENDING, /* a create or patch is under way: the YAML is read-only */
  CREATOR_DONE,    /* sent or discarded: the window closes without asking */
} CreatorPhase;

/* The YAML view against the spec */
typedef enum
{
  YAML_SHOWS_SPEC, /* the spec rendered */
  YAML_RENDERING,  /* being replaced by a rendering: its edits are not the user's */
  YAML_READING,    /* the user's text being read into the spec: not rendered back */
  YAML_BROKEN,     /* the user's text, which does not parse: kept as it is */
} YamlState;

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

  CreatorPhase phase;
  YamlState yaml;
  gboolean dirty;             /* changed by the user since loaded */
  GPtrArray *choice_bindings; /* the combo rows' (pac-cluster-creator-form.c) */
  char *cas_shown;            /* what the CA rows show, to skip a rebuild */
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
  PacCreatorPanes *panes; /* the form beside the YAML */
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
void pac_cluster_creator_class_init_form (GtkWidgetClass *widget_class);
void pac_cluster_creator_bind_form (PacClusterCreator *self);
void pac_cluster_creator_unbind_form (PacClusterCreator *self);
GtkWidget *pac_cluster_creator_field_widget (PacClusterCreator *self, const char *path);
gboolean pac_cluster_creator_add_ca (PacClusterCreator *self,
                                     const char *name,
                                     const char *pem,
                                     GError **error);

/* pac-cluster-creator-files.c */
void pac_cluster_creator_class_init_files (GtkWidgetClass *widget_class);

G_END_DECLS
