/* sim-api-apply.c: server-side apply (PATCH application/apply-patch+yaml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As kube-apiserver does it since 1.16 (GA 1.22), in outline: the client
 * sends the whole configuration it wants to own, named by ?fieldManager.
 * Each manager's fields are kept in metadata.managedFields (fieldsV1:
 * {"f:data":{"f:colour":{}}}); a field the manager owned and no longer
 * sends is removed unless another manager owns it; a field another
 * manager owns with another value is a 409 conflict, unless ?force=true
 * moves it over. A first apply creates the object. Simplifications, said
 * in doc/simulator.md: lists are owned whole (no per-key ownership).
 * Ordinary writes (create, update, patch) are tracked too, as
 * kube-apiserver tracks them: their manager (?fieldManager, else the
 * client's name from its User-Agent) owns, with operation "Update", the
 * fields it set or changed, taken from whoever owned them before; so an
 * apply after a `kubectl edit` of its field is a conflict with
 * "kubectl-edit".
 * kubectl sends the configuration as JSON, which is YAML.
 */
#define G_LOG_DOMAIN "sim-api"

#include <string.h>

#include "sim-api-private.h"

#include "sim-json.h"

/* What a manager does not own: what the server sets, and status */
static gboolean
ignored (guint depth, const char *parent, const char *member)
{
  static const char *const server_metadata[] = { "name",          "namespace",
                                                 "uid",           "resourceVersion",
                                                 "generation",    "creationTimestamp",
                                                 "managedFields", "deletionTimestamp",
                                                 "selfLink",      NULL };

  if (depth == 0)
    return g_str_equal (member, "apiVersion") || g_str_equal (member, "kind")
           || g_str_equal (member, "status");
  return depth == 1 && g_strcmp0 (parent, "metadata") == 0
         && g_strv_contains (server_metadata, member);
}

/* The fieldsV1 set of what @object says: objects nested, the rest leaves */
static JsonObject *
fields_of (JsonObject *object, guint depth, const char *parent)
{
  JsonObject *set = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      g_autofree char *key = g_strconcat ("f:", (char *) l->data, NULL);

      if (ignored (depth, parent, l->data))
        continue;
      if (JSON_NODE_HOLDS_OBJECT (value) && json_object_get_size (json_node_get_object (value)) > 0)
        {
          JsonObject *inner = fields_of (json_node_get_object (value), depth + 1, l->data);

          /* metadata with nothing but its name owns nothing */
          if (json_object_get_size (inner) > 0)
            json_object_set_object_member (set, key, inner);
          else
            json_object_unref (inner);
        }
      else
        json_object_set_object_member (set, key, json_object_new ());
    }
  return set;
}

/* Every leaf of a fieldsV1 set, as member paths ("data", "colour") */
static void
leaves (JsonObject *set, GPtrArray *prefix, GPtrArray *paths)
{
  g_autoptr (GList) keys = json_object_get_members (set);

  for (GList *l = keys; l; l = l->next)
    {
      JsonObject *child = json_object_get_object_member (set, l->data);

      g_ptr_array_add (prefix, (char *) l->data + 2);
      if (child == NULL || json_object_get_size (child) == 0)
        {
          GStrvBuilder *builder = g_strv_builder_new ();
          for (guint i = 0; i < prefix->len; i++)
            g_strv_builder_add (builder, g_ptr_array_index (prefix, i));
          g_ptr_array_add (paths, g_strv_builder_end (builder));
          g_strv_builder_unref (builder);
        }
      else
        leaves (child, prefix, paths);
      g_ptr_array_remove_index (prefix, prefix->len - 1);
    }
}

static GPtrArray *
paths_of (JsonObject *set)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) prefix = g_ptr_array_new ();

  if (set)
    leaves (set, prefix, paths);
  return paths;
}

/* Whether @set owns @path, or a field around it */
static gboolean
owns (JsonObject *set, char **path)
{
  for (guint i = 0; set && path[i]; i++)
    {
      g_autofree char *key = g_strconcat ("f:", path[i], NULL);
      JsonObject *child
        = json_object_has_member (set, key) ? json_object_get_object_member (set, key) : NULL;
      if (child == NULL)
        return FALSE;
      if (json_object_get_size (child) == 0)
        return TRUE;
      set = child;
    }
  return set != NULL;
}

static JsonNode *
value_at (JsonObject *object, char **path)
{
  JsonNode *node = NULL;

  for (guint i = 0; object && path[i]; i++)
    {
      node = json_object_get_member (object, path[i]);
      object
        = node && JSON_NODE_HOLDS_OBJECT (node) && path[i + 1] ? json_node_get_object (node) : NULL;
      if (node == NULL || (path[i + 1] && object == NULL))
        return NULL;
    }
  return node;
}

static void
remove_at (JsonObject *object, char **path)
{
  guint n = g_strv_length (path);

  for (guint i = 0; object && i + 1 < n; i++)
    object = json_object_has_member (object, path[i])
               ? json_object_get_object_member (object, path[i])
               : NULL;
  if (object && n > 0 && json_object_has_member (object, path[n - 1]))
    json_object_remove_member (object, path[n - 1]);
}

/* Takes @path out of a fieldsV1 set, and the objects it leaves empty */
static void
disown (JsonObject *set, char **path)
{
  g_autofree char *key = path[0] ? g_strconcat ("f:", path[0], NULL) : NULL;
  JsonObject *child;

  if (key == NULL || !json_object_has_member (set, key))
    return;
  child = json_object_get_object_member (set, key);
  if (path[1] && child)
    {
      disown (child, path + 1);
      if (json_object_get_size (child) > 0)
        return;
    }
  json_object_remove_member (set, key);
}

/* Objects merge member by member; anything else is replaced */
static void
merge (JsonObject *target, JsonObject *applied)
{
  g_autoptr (GList) members = json_object_get_members (applied);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (applied, l->data);
      JsonNode *existing = json_object_get_member (target, l->data);

      if (JSON_NODE_HOLDS_OBJECT (value) && existing && JSON_NODE_HOLDS_OBJECT (existing))
        merge (json_node_get_object (existing), json_node_get_object (value));
      else
        json_object_set_member (target, l->data, sim_json_node_copy (value));
    }
}

/* A managedFields entry: @operation is "Apply" or "Update" */
static JsonObject *
entry_for (const char *manager, const char *operation, const char *api_version, JsonObject *set)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *now = sim_json_now_rfc3339 ();

  json_object_set_string_member (entry, "manager", manager);
  json_object_set_string_member (entry, "operation", operation);
  json_object_set_string_member (entry, "apiVersion", api_version);
  json_object_set_string_member (entry, "time", now);
  json_object_set_string_member (entry, "fieldsType", "FieldsV1");
  json_object_set_object_member (entry, "fieldsV1", set);
  return entry;
}

static char *
dotted (char **path)
{
  g_autofree char *joined = g_strjoinv (".", path);

  return g_strconcat (".", joined, NULL);
}

/* The other managers' fields this apply would change: kube-apiserver's
 * "Apply failed with 1 conflict: conflict with "m": .data.colour" */
static char *
conflicts (JsonArray *managed,
           const char *manager,
           JsonObject *live,
           JsonObject *applied,
           GPtrArray *wanted)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint count = 0;

  for (guint e = 0; managed && e < json_array_get_length (managed); e++)
    {
      JsonObject *entry = json_array_get_object_element (managed, e);
      JsonObject *set = sim_json_get_object (entry, "fieldsV1");

      if (g_strcmp0 (sim_json_get_string (entry, "manager"), manager) == 0)
        continue;
      for (guint i = 0; i < wanted->len; i++)
        {
          char **path = g_ptr_array_index (wanted, i);
          JsonNode *now = value_at (live, path);
          JsonNode *then = value_at (applied, path);

          if (!owns (set, path) || (now && then && sim_json_equal (now, then)))
            continue;
          {
            g_autofree char *where = dotted (path);
            g_string_append_printf (text, "%sconflict with \"%s\" using %s: %s",
                                    count++ ? ", " : "", sim_json_get_string (entry, "manager"),
                                    sim_json_get_string (entry, "apiVersion"), where);
          }
        }
    }
  if (count == 0)
    return NULL;
  return g_strdup_printf ("Apply failed with %u conflict%s: %s", count, count == 1 ? "" : "s",
                          text->str);
}

/* The new managedFields: this manager's set, the others' less what it took */
static JsonArray *
new_managed (JsonArray *managed, const char *manager, JsonObject *entry, GPtrArray *taken)
{
  JsonArray *result = json_array_new ();

  for (guint e = 0; managed && e < json_array_get_length (managed); e++)
    {
      JsonObject *other = sim_json_object_copy (json_array_get_object_element (managed, e));
      JsonObject *set = sim_json_get_object (other, "fieldsV1");

      if (g_strcmp0 (sim_json_get_string (other, "manager"), manager) == 0)
        {
          json_object_unref (other);
          continue;
        }
      for (guint i = 0; set && taken && i < taken->len; i++)
        disown (set, g_ptr_array_index (taken, i));
      if (set && json_object_get_size (set) == 0)
        json_object_unref (other);
      else
        json_array_add_object_element (result, other);
    }
  json_array_add_object_element (result, entry);
  return result;
}

static gboolean
owned_by_another (JsonArray *managed, const char *manager, char **path)
{
  for (guint e = 0; managed && e < json_array_get_length (managed); e++)
    {
      JsonObject *entry = json_array_get_object_element (managed, e);
      if (g_strcmp0 (sim_json_get_string (entry, "manager"), manager) != 0
          && owns (sim_json_get_object (entry, "fieldsV1"), path))
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
set_of (JsonArray *managed, const char *manager)
{
  for (guint e = 0; managed && e < json_array_get_length (managed); e++)
    {
      JsonObject *entry = json_array_get_object_element (managed, e);
      if (g_strcmp0 (sim_json_get_string (entry, "manager"), manager) == 0
          && g_strcmp0 (sim_json_get_string (entry, "operation"), "Apply") == 0)
        return sim_json_get_object (entry, "fieldsV1");
    }
  return NULL;
}

static void
apply_to (Request *r, JsonObject *old, JsonObject *applied, const char *manager, gboolean force)
{
  g_autoptr (JsonObject) live = sim_kind_present (r->kind, old);
  JsonArray *managed = sim_json_get_array (sim_json_get_object (live, "metadata"), "managedFields");
  g_autoptr (JsonObject) wanted_set = fields_of (applied, 0, NULL);
  g_autoptr (GPtrArray) wanted = paths_of (wanted_set);
  g_autoptr (GPtrArray) had = paths_of (set_of (managed, manager));
  g_autofree char *conflict = conflicts (managed, manager, live, applied, wanted);
  g_autoptr (JsonObject) result = sim_json_object_copy (live);
  g_autofree char *api_version = sim_kind_api_version (r->kind);
  JsonArray *fields;

  if (conflict && !force)
    {
      sim_respond_status (r->msg, 409, "Conflict", conflict, NULL);
      return;
    }
  for (guint i = 0; i < had->len; i++)
    {
      char **path = g_ptr_array_index (had, i);
      if (!owns (wanted_set, path) && !owned_by_another (managed, manager, path))
        remove_at (result, path);
    }
  merge (result, applied);
  fields = new_managed (managed, manager,
                        entry_for (manager, "Apply", api_version, json_object_ref (wanted_set)),
                        force ? wanted : NULL);
  json_object_set_array_member (sim_json_ensure_object (result, "metadata"), "managedFields",
                                fields);
  sim_api_store_update (r, old, result, TRUE);
}

void
sim_api_apply (Request *r, const char *data, gsize length)
{
  const char *manager = sim_request_query (r, "fieldManager");
  gboolean force = sim_request_query_true (r, "force");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = sim_json_parse (data ? data : "", length, &error);
  JsonObject *applied = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *old;

  if (manager == NULL || *manager == '\0')
    {
      sim_request_bad_request (r, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: "
                                  "Required value: is required for apply patch");
      return;
    }
  if (applied == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        "error decoding YAML: %s", error ? error->message : "the configuration is not an object");
      sim_request_bad_request (r, message);
      return;
    }
  if (sim_json_get_path_string (applied, "metadata.name") == NULL)
    json_object_set_string_member (sim_json_ensure_object (applied, "metadata"), "name", r->name);
  old = sim_store_get (sim_server_get_store (r->server), r->storage_key,
                       r->kind->namespaced ? r->namespace : NULL, r->name);
  if (old == NULL)
    {
      g_autoptr (JsonObject) object = sim_json_object_copy (applied);
      g_autofree char *api_version = sim_kind_api_version (r->kind);
      JsonArray *fields = json_array_new ();

      json_array_add_object_element (
        fields, entry_for (manager, "Apply", api_version, fields_of (applied, 0, NULL)));
      json_object_set_array_member (sim_json_ensure_object (object, "metadata"), "managedFields",
                                    fields);
      sim_api_create_object (r, object);
      return;
    }
  old = json_object_ref (old);
  apply_to (r, old, applied, manager, force);
  json_object_unref (old);
}

/* ---- ordinary writes ---- */

/* Adds @path to a fieldsV1 set */
static void
own (JsonObject *set, char **path)
{
  for (guint i = 0; path[i]; i++)
    {
      g_autofree char *key = g_strconcat ("f:", path[i], NULL);

      if (!json_object_has_member (set, key))
        json_object_set_object_member (set, key, json_object_new ());
      set = json_object_get_object_member (set, key);
    }
}

/* Whether @r is a server-side apply, which keeps its own books */
gboolean
sim_api_is_apply (Request *r)
{
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (r->msg), NULL);

  return g_strcmp0 (type, "application/apply-patch+yaml") == 0;
}

/* ?fieldManager, else the client's name: its User-Agent up to the first
 * "/" ("kubectl/v1.32.0 (linux/amd64) …" is "kubectl") */
static char *
update_manager (Request *r)
{
  const char *given = sim_request_query (r, "fieldManager");
  const char *agent
    = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg), "User-Agent");

  if (given && *given)
    return g_strdup (given);
  if (agent && *agent)
    return g_strndup (agent, strcspn (agent, "/"));
  return g_strdup ("unknown");
}

/* The paths of @after whose values @before (nullable) does not have */
static GPtrArray *
changed_paths (JsonObject *before, JsonObject *after)
{
  g_autoptr (JsonObject) set = fields_of (after, 0, NULL);
  GPtrArray *all = paths_of (set);
  GPtrArray *changed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < all->len; i++)
    {
      char **path = g_ptr_array_index (all, i);
      JsonNode *was = before ? value_at (before, path) : NULL;

      if (was == NULL || !sim_json_equal (was, value_at (after, path)))
        g_ptr_array_add (changed, g_strdupv (path));
    }
  g_ptr_array_unref (all);
  return changed;
}

/**
 * sim_api_track_update:
 * @old: (nullable): the object before, in storage; NULL for a create
 * @stored: the object as it will be stored; its managedFields are set
 *
 * The books of an ordinary write: its manager owns what it set or
 * changed, and the others lose those fields.
 */
void
sim_api_track_update (Request *r, JsonObject *old, JsonObject *stored)
{
  g_autoptr (JsonObject) before = old ? sim_kind_present (r->kind, old) : NULL;
  g_autoptr (JsonObject) after = sim_kind_present (r->kind, stored);
  g_autoptr (GPtrArray) changed = changed_paths (before, after);
  g_autofree char *manager = update_manager (r);
  g_autofree char *api_version = sim_kind_api_version (r->kind);
  JsonArray *managed
    = before ? sim_json_get_array (sim_json_get_object (before, "metadata"), "managedFields")
             : NULL;
  JsonArray *result = json_array_new ();
  gboolean found = FALSE;

  for (guint e = 0; managed && e < json_array_get_length (managed); e++)
    {
      JsonObject *entry = sim_json_object_copy (json_array_get_object_element (managed, e));
      JsonObject *set = sim_json_get_object (entry, "fieldsV1");
      gboolean mine = g_strcmp0 (sim_json_get_string (entry, "manager"), manager) == 0
                      && g_strcmp0 (sim_json_get_string (entry, "operation"), "Update") == 0;

      for (guint i = 0; set && i < changed->len; i++)
        {
          if (mine)
            own (set, g_ptr_array_index (changed, i));
          else
            disown (set, g_ptr_array_index (changed, i));
        }
      if (mine && changed->len > 0)
        {
          g_autofree char *now = sim_json_now_rfc3339 ();
          json_object_set_string_member (entry, "time", now);
        }
      found = found || mine;
      if (set && json_object_get_size (set) == 0)
        json_object_unref (entry);
      else
        json_array_add_object_element (result, entry);
    }
  if (!found && changed->len > 0)
    {
      JsonObject *set = json_object_new ();

      for (guint i = 0; i < changed->len; i++)
        own (set, g_ptr_array_index (changed, i));
      json_array_add_object_element (result, entry_for (manager, "Update", api_version, set));
    }
  if (json_array_get_length (result) > 0)
    json_object_set_array_member (sim_json_ensure_object (stored, "metadata"), "managedFields",
                                  result);
  else
    {
      json_object_remove_member (sim_json_ensure_object (stored, "metadata"), "managedFields");
      json_array_unref (result);
    }
}
