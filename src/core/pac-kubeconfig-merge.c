/* pac-kubeconfig-merge.c: Pacific's entries merged into a kubeconfig tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry named as ours is replaced when it is marked as written for the
 * same Supervisor; marked for another Supervisor, ours becomes
 * name@host; not marked at all, it is a clash that only the user's
 * choice settles (PacKubeconfigClash). Nothing else in the file changes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pac-error.h"
#include "pac-kubeconfig-private.h"

static const char *const sections[] = { "clusters", "users", "contexts" };
static const char *const inner_keys[] = { "cluster", "user", "context" };

/* Pacific's mark on an entry (owner, account, user…), or NULL */
static KubeNode *
mark_of (KubeNode *item, guint section)
{
  KubeNode *extensions
    = kube_node_lookup (kube_node_lookup (item, inner_keys[section]), "extensions");

  for (guint i = 0; kube_node_is_sequence (extensions) && i < extensions->children->len; i++)
    {
      KubeNode *extension = extensions->children->pdata[i];

      if (g_str_equal (kube_node_scalar (kube_node_lookup (extension, "name")),
                       PAC_KUBECONFIG_EXTENSION))
        return kube_node_lookup (extension, "extension");
    }
  return NULL;
}

/* The Supervisor an entry was written for, or NULL if not by Pacific */
static const char *
owner_of (KubeNode *item, guint section)
{
  KubeNode *mark = mark_of (item, section);

  return mark ? kube_node_scalar (kube_node_lookup (mark, "owner")) : NULL;
}

/* Whether the entry is ours and goes with the removal; entries written
 * before marks named the account go with their Supervisor's host */
static gboolean
is_removed (KubeNode *item, guint section, Operation *operation)
{
  KubeNode *mark = mark_of (item, section);
  const char *owner = owner_of (item, section);
  KubeNode *account = mark ? kube_node_lookup (mark, "account") : NULL;
  KubeNode *user = mark ? kube_node_lookup (mark, "user") : NULL;

  if (owner == NULL)
    return FALSE;
  if (operation->remove_cluster)
    return g_strcmp0 (operation->remove_owner, owner) == 0
           && g_strcmp0 (operation->remove_namespace,
                         kube_node_scalar (kube_node_lookup (mark, "namespace")))
                == 0
           && g_strcmp0 (operation->remove_cluster,
                         kube_node_scalar (kube_node_lookup (mark, "cluster")))
                == 0;
  if (operation->remove_account == NULL)
    return operation->remove_owner == NULL || g_str_equal (operation->remove_owner, owner);
  if (account == NULL)
    return g_str_equal (operation->remove_account, owner);
  return g_strcmp0 (operation->remove_account, kube_node_scalar (account)) == 0
         && (user == NULL || g_strcmp0 (operation->remove_user, kube_node_scalar (user)) == 0);
}

static int
find_item (KubeNode *list, const char *name)
{
  for (guint i = 0; kube_node_is_sequence (list) && i < list->children->len; i++)
    if (g_str_equal (kube_node_scalar (kube_node_lookup (list->children->pdata[i], "name")), name))
      return i;
  return -1;
}

/* The section's list, made where it is missing or null */
static gboolean
is_null (KubeNode *node)
{
  return node == NULL
         || (node->event.type == YAML_SCALAR_EVENT
             && g_strv_contains ((const char *const[]){ "", "~", "null", NULL },
                                 kube_node_scalar (node)));
}

/**
 * kube_check_loadable:
 *
 * Whether kubectl can load @root: a mapping whose clusters, users and
 * contexts are lists of {name, cluster|user|context} mappings. Pacific
 * does not write into a file kubectl then refuses (nor one it already
 * refuses): the user could not tell Pacific's doing from their own.
 */
gboolean
kube_check_loadable (KubeNode *root, GError **error)
{
  if (!kube_node_is_mapping (root) && !is_null (root))
    return g_set_error_literal (error, PAC_ERROR, PAC_ERROR_INVALID,
                                _ ("it is not a mapping of fields")),
           FALSE;
  for (guint section = 0; kube_node_is_mapping (root) && section < G_N_ELEMENTS (sections);
       section++)
    {
      KubeNode *list = kube_node_lookup (root, sections[section]);

      if (!is_null (list) && !kube_node_is_sequence (list))
        return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID, _ ("“%s” is not a list"),
                            sections[section]),
               FALSE;
      for (guint i = 0; kube_node_is_sequence (list) && i < list->children->len; i++)
        {
          KubeNode *item = list->children->pdata[i];
          KubeNode *inner = kube_node_lookup (item, inner_keys[section]);

          if (!kube_node_is_mapping (item) || (!is_null (inner) && !kube_node_is_mapping (inner)))
            return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                                _ ("%s[%u] is not a mapping with a “%s” mapping"),
                                sections[section], i, inner_keys[section]),
                   FALSE;
        }
    }
  return TRUE;
}

static KubeNode *
section_list (KubeNode *root, guint section, GError **error)
{
  KubeNode *list = kube_node_lookup (root, sections[section]);

  if (kube_node_is_sequence (list))
    return list;
  if (!is_null (list))
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                   _ ("The kubeconfig’s “%s” is not a list; it was left as it is"),
                   sections[section]);
      return NULL;
    }
  kube_node_set (root, sections[section], kube_node_new_sequence ());
  return kube_node_lookup (root, sections[section]);
}

static void
add_member (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* What marks an entry as ours: the Supervisor, and for sign-out and the
 * cluster page the account, its user and what the context reaches */
static JsonNode *
marker (PacKubeconfigEntry *entry)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, PAC_KUBECONFIG_EXTENSION);
  json_builder_set_member_name (builder, "extension");
  json_builder_begin_object (builder);
  add_member (builder, "owner", entry->owner);
  add_member (builder, "account", entry->account);
  add_member (builder, "user", entry->username);
  add_member (builder, "namespace", entry->target_namespace);
  add_member (builder, "cluster", entry->target_cluster);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* The entry's item of @section, with @names as finally chosen */
static KubeNode *
build_item (PacKubeconfigEntry *entry, guint section, char **names)
{
  JsonObject *inner = section == 1 && entry->user
                        ? json_object_ref (json_node_get_object (entry->user))
                        : json_object_new ();
  g_autoptr (JsonObject) item = json_object_new ();
  g_autoptr (JsonNode) root = NULL;

  if (section == 0)
    {
      g_autofree char *ca
        = entry->ca_pem ? g_base64_encode ((const guchar *) entry->ca_pem, strlen (entry->ca_pem))
                        : NULL;

      json_object_set_string_member (inner, "server", entry->server);
      if (ca)
        json_object_set_string_member (inner, "certificate-authority-data", ca);
    }
  else if (section == 2)
    {
      json_object_set_string_member (inner, "cluster", names[0]);
      json_object_set_string_member (inner, "user", names[1]);
      if (entry->namespace)
        json_object_set_string_member (inner, "namespace", entry->namespace);
    }
  json_object_set_member (inner, "extensions", marker (entry));
  json_object_set_string_member (item, "name", names[section]);
  json_object_set_object_member (item, inner_keys[section], inner);
  root = json_node_init_object (json_node_alloc (), item);
  return kube_node_from_json (root);
}

static void
record (GPtrArray *changes,
        PacKubeconfigChangeKind kind,
        guint section,
        const char *name,
        KubeNode *before,
        KubeNode *after)
{
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  if (kind == PAC_KUBECONFIG_CHANGE_UPDATE)
    {
      g_autofree char *before_raw = kube_node_emit (before);
      g_autofree char *after_raw = kube_node_emit (after);

      if (g_strcmp0 (before_raw, after_raw) == 0)
        return;
    }
  /* shown to people and written to pipeline logs: no credential in it */
  before_text = before ? kube_node_emit_redacted (before) : NULL;
  after_text = after ? kube_node_emit_redacted (after) : NULL;
  g_ptr_array_add (changes,
                   kube_change_new (kind, sections[section], name, before_text, after_text));
}

/* Picks the name of @entry's item in @section, and whether it replaces
 * the item at *index (-1: it is new) */
static char *
elsewhere_key (guint section, const char *name)
{
  return g_strconcat (sections[section], ":", name, NULL);
}

/**
 * kube_add_foreign_names:
 *
 * Adds to @names ("<section>:<name>") the entries of @root that Pacific
 * did not write: read from the other files of $KUBECONFIG, whose
 * entries kubectl merges with the target's by name.
 */
void
kube_add_foreign_names (KubeNode *root, GHashTable *names)
{
  for (guint section = 0; section < G_N_ELEMENTS (sections); section++)
    {
      KubeNode *list = kube_node_lookup (root, sections[section]);

      for (guint i = 0; kube_node_is_sequence (list) && i < list->children->len; i++)
        {
          KubeNode *item = list->children->pdata[i];
          const char *name = kube_node_scalar (kube_node_lookup (item, "name"));

          if (name && owner_of (item, section) == NULL)
            g_hash_table_add (names, elsewhere_key (section, name));
        }
    }
}

static gboolean
taken_elsewhere (GHashTable *elsewhere, guint section, const char *name)
{
  g_autofree char *key = elsewhere ? elsewhere_key (section, name) : NULL;

  return key && g_hash_table_contains (elsewhere, key);
}

static char *
choose_name (KubeNode *list,
             GHashTable *elsewhere,
             PacKubeconfigEntry *entry,
             guint section,
             PacKubeconfigClash clash,
             int *index,
             gboolean *clashes)
{
  g_autofree char *name = g_strdup (entry->names[section]);

  *clashes = FALSE;
  for (guint round = 0; round < 2; round++)
    {
      const char *owner;

      *index = find_item (list, name);
      /* The user's entry of that name in another file of $KUBECONFIG:
       * kubectl would take one for the other. Replacing it means ours
       * shadows it; it is never touched there. */
      if (*index < 0 && taken_elsewhere (elsewhere, section, name)
          && clash != PAC_KUBECONFIG_CLASH_REPLACE)
        {
          if (clash == PAC_KUBECONFIG_CLASH_ASK || round == 1)
            {
              *clashes = TRUE;
              break;
            }
          g_free (name);
          name = g_strdup_printf ("%s@%s", entry->names[section], entry->owner);
          continue;
        }
      if (*index < 0)
        break;
      owner = owner_of (list->children->pdata[*index], section);
      if (g_strcmp0 (owner, entry->owner) == 0)
        break; /* ours, for this Supervisor: updated */
      if (owner == NULL && clash == PAC_KUBECONFIG_CLASH_REPLACE)
        break;
      if (owner == NULL && clash == PAC_KUBECONFIG_CLASH_ASK)
        {
          *clashes = TRUE;
          break;
        }
      if (round == 1)
        {
          *clashes = TRUE; /* name@host is someone else's too */
          break;
        }
      g_free (name);
      name = g_strdup_printf ("%s@%s", entry->names[section], entry->owner);
    }
  return g_steal_pointer (&name);
}

/* The user's current context before Pacific made its own current: kept
 * in the mark of Pacific's context, so that removing that context gives
 * the user theirs back */
#define PREVIOUS_CONTEXT "previous-context"

static void
keep_previous_context (KubeNode *old_item, KubeNode *new_item, guint section)
{
  KubeNode *old_mark = mark_of (old_item, section);
  const char *previous
    = old_mark ? kube_node_scalar (kube_node_lookup (old_mark, PREVIOUS_CONTEXT)) : NULL;

  if (previous && *previous && mark_of (new_item, section))
    kube_node_set (mark_of (new_item, section), PREVIOUS_CONTEXT, kube_node_new_string (previous));
}

static void
set_current_context (KubeNode *root, const char *context)
{
  const char *old = kube_node_scalar (kube_node_lookup (root, "current-context"));
  KubeNode *list = kube_node_lookup (root, sections[2]);
  int index = find_item (list, context);
  KubeNode *mark = index >= 0 ? mark_of (list->children->pdata[index], 2) : NULL;

  if (mark && old && *old && !g_str_equal (old, context))
    kube_node_set (mark, PREVIOUS_CONTEXT, kube_node_new_string (old));
  kube_node_set (root, "current-context", kube_node_new_string (context));
}

/* What current-context becomes when Pacific's current context @item goes:
 * the one the user had before, if it is still there */
static const char *
context_after_removal (KubeNode *root, KubeNode *item, Operation *operation)
{
  KubeNode *mark = mark_of (item, 2);
  const char *previous = mark ? kube_node_scalar (kube_node_lookup (mark, PREVIOUS_CONTEXT)) : NULL;
  KubeNode *list = kube_node_lookup (root, sections[2]);
  int index = previous ? find_item (list, previous) : -1;

  if (index < 0 || is_removed (list->children->pdata[index], 2, operation))
    return "";
  return previous;
}

static gboolean
apply_add (KubeNode *root,
           GHashTable *elsewhere,
           PacKubeconfigEntry *entry,
           PacKubeconfigClash clash,
           GPtrArray *changes,
           char **context,
           GError **error)
{
  char *names[3] = { NULL };
  gboolean ok = TRUE;

  for (guint section = 0; ok && section < G_N_ELEMENTS (sections); section++)
    {
      KubeNode *list = section_list (root, section, error);
      KubeNode *item;
      gboolean clashes;
      int index;

      if (list == NULL)
        {
          ok = FALSE;
          break;
        }
      names[section] = choose_name (list, elsewhere, entry, section, clash, &index, &clashes);
      if (clashes)
        {
          record (changes, PAC_KUBECONFIG_CHANGE_CLASH, section, names[section],
                  index >= 0 ? list->children->pdata[index] : NULL, NULL);
          continue;
        }
      item = build_item (entry, section, names);
      if (index < 0)
        {
          record (changes, PAC_KUBECONFIG_CHANGE_ADD, section, names[section], NULL, item);
          g_ptr_array_add (list->children, item);
        }
      else
        {
          record (changes, PAC_KUBECONFIG_CHANGE_UPDATE, section, names[section],
                  list->children->pdata[index], item);
          keep_previous_context (list->children->pdata[index], item, section);
          kube_node_free (list->children->pdata[index]);
          list->children->pdata[index] = item;
        }
    }
  g_free (*context);
  *context = g_steal_pointer (&names[2]);
  g_free (names[0]);
  g_free (names[1]);
  return ok;
}

/* "<section>:<name>" of the clusters and users that the contexts staying
 * after the removal use: a cluster entry is shared by every user of a
 * Supervisor, so another account's context may still need it */
static GHashTable *
still_used (KubeNode *root, Operation *operation)
{
  GHashTable *used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KubeNode *list = kube_node_lookup (root, "contexts");

  for (guint i = 0; kube_node_is_sequence (list) && i < list->children->len; i++)
    {
      KubeNode *item = list->children->pdata[i];
      KubeNode *context = kube_node_lookup (item, "context");

      if (is_removed (item, 2, operation))
        continue;
      g_hash_table_add (
        used,
        g_strconcat ("clusters:", kube_node_scalar (kube_node_lookup (context, "cluster")), NULL));
      g_hash_table_add (
        used, g_strconcat ("users:", kube_node_scalar (kube_node_lookup (context, "user")), NULL));
    }
  return used;
}

static void
apply_remove (KubeNode *root, Operation *operation, GPtrArray *changes)
{
  KubeNode *current = kube_node_lookup (root, "current-context");
  g_autoptr (GHashTable) used = still_used (root, operation);

  for (guint section = 0; section < G_N_ELEMENTS (sections); section++)
    {
      KubeNode *list = kube_node_lookup (root, sections[section]);

      for (guint i = 0; kube_node_is_sequence (list) && i < list->children->len;)
        {
          KubeNode *item = list->children->pdata[i];
          const char *name = kube_node_scalar (kube_node_lookup (item, "name"));
          g_autofree char *key = g_strconcat (sections[section], ":", name, NULL);

          if (!is_removed (item, section, operation) || g_hash_table_contains (used, key))
            {
              i++;
              continue;
            }
          record (changes, PAC_KUBECONFIG_CHANGE_REMOVE, section, name, item, NULL);
          if (section == 2 && current && g_str_equal (kube_node_scalar (current), name))
            {
              kube_node_set (root, "current-context",
                             kube_node_new_string (context_after_removal (root, item, operation)));
              current = kube_node_lookup (root, "current-context");
            }
          g_ptr_array_remove_index (list->children, i);
        }
    }
}

/**
 * kube_apply:
 * @changes: (element-type PacKubeconfigChange): where each change is told
 *
 * @elsewhere: (nullable): kube_add_foreign_names() of the other files
 *
 * Applies @operations to @root. Clashes left for the user are recorded,
 * not applied.
 */
gboolean
kube_apply (KubeNode *root,
            GHashTable *elsewhere,
            GPtrArray *operations,
            PacKubeconfigClash clash,
            gboolean make_current,
            GPtrArray *changes,
            GError **error)
{
  g_autofree char *context = NULL;

  if (kube_node_lookup (root, "apiVersion") == NULL)
    kube_node_set (root, "apiVersion", kube_node_new_string ("v1"));
  if (kube_node_lookup (root, "kind") == NULL)
    kube_node_set (root, "kind", kube_node_new_string ("Config"));
  for (guint i = 0; i < operations->len; i++)
    {
      Operation *operation = operations->pdata[i];

      if (operation->add)
        {
          if (!apply_add (root, elsewhere, operation->add, clash, changes, &context, error))
            return FALSE;
        }
      else
        apply_remove (root, operation, changes);
    }
  if (make_current && context)
    set_current_context (root, context);
  return TRUE;
}

/**
 * kube_strip_own_credentials:
 *
 * Removes the token and the client key from the users Pacific wrote, for
 * the backup: a credential Pacific wrote lives in the file it was written
 * to and nowhere else, so a sign-out leaves none behind. The user's own
 * entries are not touched.
 *
 * Returns: whether anything was removed
 */
gboolean
kube_strip_own_credentials (KubeNode *root)
{
  KubeNode *users = kube_node_lookup (root, sections[1]);
  gboolean stripped = FALSE;

  for (guint i = 0; kube_node_is_sequence (users) && i < users->children->len; i++)
    {
      KubeNode *item = users->children->pdata[i];
      KubeNode *user = kube_node_lookup (item, inner_keys[1]);

      if (owner_of (item, 1) == NULL)
        continue;
      stripped |= kube_node_unset (user, "token");
      stripped |= kube_node_unset (user, "client-key-data");
    }
  return stripped;
}
