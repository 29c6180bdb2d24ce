/* pac-kubeconfig.h: Pacific's entries in the user's kubeconfig
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The name of the extension that marks an entry as Pacific's */
#define PAC_KUBECONFIG_EXTENSION "io.github.pacificapp.Pacific"

/* How a name already taken by an entry Pacific did not write is settled */
typedef enum
{
  PAC_KUBECONFIG_CLASH_ASK,     /* show it; write nothing until settled */
  PAC_KUBECONFIG_CLASH_RENAME,  /* ours becomes name@host */
  PAC_KUBECONFIG_CLASH_REPLACE, /* theirs is replaced (the user agreed) */
} PacKubeconfigClash;

typedef enum
{
  PAC_KUBECONFIG_CHANGE_ADD,
  PAC_KUBECONFIG_CHANGE_UPDATE,
  PAC_KUBECONFIG_CHANGE_REMOVE,
  PAC_KUBECONFIG_CHANGE_CLASH, /* not written: needs the user's choice */
} PacKubeconfigChangeKind;

typedef struct
{
  PacKubeconfigChangeKind kind;
  char *section; /* "clusters", "users", "contexts" */
  char *name;    /* as it will be written */
  char *before;  /* the entry's YAML now, or NULL */
  char *after;   /* its YAML then, or NULL */
} PacKubeconfigChange;

#define PAC_TYPE_KUBECONFIG_CHANGE (pac_kubeconfig_change_get_type ())
GType pac_kubeconfig_change_get_type (void) G_GNUC_CONST;
PacKubeconfigChange *pac_kubeconfig_change_copy (const PacKubeconfigChange *change);
void pac_kubeconfig_change_free (PacKubeconfigChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacKubeconfigChange, pac_kubeconfig_change_free)
char *pac_kubeconfig_changes_to_diff (GPtrArray *changes);

/* One cluster, user and context to write, all marked as @owner's (the
 * Supervisor's host) */
typedef struct _PacKubeconfigEntry PacKubeconfigEntry;
PacKubeconfigEntry *pac_kubeconfig_entry_new (const char *owner,
                                              const char *context,
                                              const char *cluster,
                                              const char *user,
                                              const char *server,
                                              const char *ca_pem,
                                              const char *namespace);
void pac_kubeconfig_entry_set_exec (PacKubeconfigEntry *entry, JsonNode *exec);
void pac_kubeconfig_entry_set_token (PacKubeconfigEntry *entry, const char *token);
void pac_kubeconfig_entry_set_client_certificate (PacKubeconfigEntry *entry,
                                                  const char *certificate_data,
                                                  const char *key_data);
void pac_kubeconfig_entry_set_account (PacKubeconfigEntry *entry,
                                       const char *account,
                                       const char *username,
                                       const char *namespace,
                                       const char *cluster);
const char *pac_kubeconfig_entry_get_context (PacKubeconfigEntry *entry);
PacKubeconfigEntry *pac_kubeconfig_entry_copy (const PacKubeconfigEntry *entry);
void pac_kubeconfig_entry_free (PacKubeconfigEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacKubeconfigEntry, pac_kubeconfig_entry_free)

#define PAC_TYPE_KUBECONFIG (pac_kubeconfig_get_type ())

G_DECLARE_FINAL_TYPE (PacKubeconfig, pac_kubeconfig, PAC, KUBECONFIG, GObject)

char *pac_kubeconfig_default_path (void);
PacKubeconfig *pac_kubeconfig_new (const char *path);
const char *pac_kubeconfig_get_path (PacKubeconfig *self);
char *pac_kubeconfig_get_target (PacKubeconfig *self);
void pac_kubeconfig_add (PacKubeconfig *self, PacKubeconfigEntry *entry);
void pac_kubeconfig_remove_owner (PacKubeconfig *self, const char *owner);
void pac_kubeconfig_remove_account (PacKubeconfig *self, const char *account, const char *username);
void pac_kubeconfig_remove_cluster (PacKubeconfig *self,
                                    const char *owner,
                                    const char *namespace,
                                    const char *cluster);
void pac_kubeconfig_set_current_context (PacKubeconfig *self, gboolean make_current);
void pac_kubeconfig_set_clash (PacKubeconfig *self, PacKubeconfigClash clash);
GPtrArray *pac_kubeconfig_preview (PacKubeconfig *self, GError **error);
GPtrArray *pac_kubeconfig_write (PacKubeconfig *self, GError **error);
void pac_kubeconfig_preview_async (PacKubeconfig *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
GPtrArray *
pac_kubeconfig_preview_finish (PacKubeconfig *self, GAsyncResult *result, GError **error);
void pac_kubeconfig_write_async (PacKubeconfig *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GPtrArray *pac_kubeconfig_write_finish (PacKubeconfig *self, GAsyncResult *result, GError **error);

/* A context that reaches a namespace or a guest cluster */
typedef enum
{
  PAC_KUBECONFIG_CREDENTIAL_PLUGIN,      /* Pacific's credential plugin: renewed */
  PAC_KUBECONFIG_CREDENTIAL_TOKEN,       /* a static token */
  PAC_KUBECONFIG_CREDENTIAL_CERTIFICATE, /* a client certificate (admin kubeconfig) */
  PAC_KUBECONFIG_CREDENTIAL_OTHER,       /* another exec plugin, or none known */
} PacKubeconfigCredential;

typedef struct
{
  char *file;
  char *name;    /* NULL when the file could not be read */
  char *problem; /* why not */
  gboolean ours; /* marked as Pacific's */
  gboolean current;
  PacKubeconfigCredential credential;
  gint64 expiry; /* the token's or certificate's end; 0: none or unknown */
} PacKubeconfigContext;

#define PAC_TYPE_KUBECONFIG_CONTEXT (pac_kubeconfig_context_get_type ())
GType pac_kubeconfig_context_get_type (void) G_GNUC_CONST;
PacKubeconfigContext *pac_kubeconfig_context_copy (const PacKubeconfigContext *context);
void pac_kubeconfig_context_free (PacKubeconfigContext *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PacKubeconfigContext, pac_kubeconfig_context_free)

GStrv pac_kubeconfig_search_paths (void);
GPtrArray *pac_kubeconfig_find_contexts (const char *const *files,
                                         const char *owner,
                                         const char *namespace,
                                         const char *cluster);

G_END_DECLS
