/* sim-auth.c: vSphere SSO users, WCP tokens and namespace roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /wcp/login hands out a JWT that lives ~10 hours (--token-ttl); the
 * Kubernetes API accepts it as a bearer token. vSphere namespace roles
 * become RBAC the way the Supervisor syncs them: Owner and Edit map to
 * the "edit" ClusterRole in the namespace, View to "view" (no Secrets);
 * members of the vCenter Administrators group may do everything.
 */
#define G_LOG_DOMAIN "sim-auth"

#include "sim-auth.h"

#include <string.h>

#include "sim-json.h"

/* The default users, documented in README.md. */
static const char default_users[]
  = "# pacific-sim users: [user] with password=, administrator=true or\n"
    "# roles=<namespace>:<OWNER|EDIT|VIEW>;...\n"
    "[administrator@vsphere.local]\n"
    "password=Admin!23\n"
    "administrator=true\n"
    "\n"
    "[devops@vsphere.local]\n"
    "password=DevOps!23\n"
    "roles=dev:OWNER;test:EDIT\n"
    "\n"
    "[viewer@vsphere.local]\n"
    "password=Viewer!23\n"
    "roles=dev:VIEW;test:VIEW\n";

struct _SimAuth
{
  GObject parent_instance;

  GKeyFile *users;
  guchar key[32];
  gint64 generation; /* tokens of an older generation are expired (admin endpoint) */
};

G_DEFINE_FINAL_TYPE (SimAuth, sim_auth, G_TYPE_OBJECT)

const char *
sim_auth_default_users (void)
{
  return default_users;
}

SimAuth *
sim_auth_new (const char *users_file, GError **error)
{
  g_autoptr (SimAuth) self = g_object_new (SIM_TYPE_AUTH, NULL);
  gboolean ok;

  if (users_file)
    ok = g_key_file_load_from_file (self->users, users_file, G_KEY_FILE_NONE, error);
  else
    ok = g_key_file_load_from_data (self->users, default_users, -1, G_KEY_FILE_NONE, error);
  if (!ok)
    return NULL;
  for (guint i = 0; i < sizeof self->key; i++)
    self->key[i] = (guchar) g_random_int_range (0, 256);
  return g_steal_pointer (&self);
}

gboolean
sim_auth_check_password (SimAuth *self, const char *user, const char *password)
{
  g_autofree char *stored = NULL;

  if (user == NULL || password == NULL || !g_key_file_has_group (self->users, user))
    return FALSE;
  stored = g_key_file_get_string (self->users, user, "password", NULL);
  return stored != NULL && g_str_equal (stored, password);
}

static char *
base64url (const guchar *data, gsize length)
{
  char *text = g_base64_encode (data, length);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  for (char *p = text + strlen (text); p > text && p[-1] == '='; p--)
    p[-1] = '\0';
  return text;
}

static char *
sign (SimAuth *self, const char *signing_input)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, sizeof self->key);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &length);
  return base64url (digest, length);
}

char *
sim_auth_issue_token (SimAuth *self, const char *user, gint64 ttl_seconds)
{
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *payload = NULL;
  g_autofree char *h = base64url ((const guchar *) header, strlen (header));
  g_autofree char *p = NULL;
  g_autofree char *input = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *escaped = g_strescape (user, NULL);

  payload = g_strdup_printf (
    "{\"sub\":\"%s\",\"iss\":\"pacific-sim\",\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT
    ",\"jti\":\"%08x%08x\",\"gen\":%" G_GINT64_FORMAT "}",
    escaped, now, now + ttl_seconds, g_random_int (), g_random_int (), self->generation);
  p = base64url ((const guchar *) payload, strlen (payload));
  input = g_strdup_printf ("%s.%s", h, p);
  signature = sign (self, input);
  return g_strdup_printf ("%s.%s", input, signature);
}

static JsonObject *
decode_payload (const char *part)
{
  g_autofree char *padded = NULL;
  g_autofree guchar *raw = NULL;
  g_autoptr (JsonNode) node = NULL;
  gsize length = 0;
  size_t n = strlen (part);

  padded = g_strnfill (n + (4 - n % 4) % 4, '=');
  memcpy (padded, part, n);
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');
  raw = g_base64_decode (padded, &length);
  node = sim_json_parse ((const char *) raw, length, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* Returns: (nullable): the user the token was issued to, or %NULL with
 * @why_not saying why it is refused */
char *
sim_auth_verify_token (SimAuth *self, const char *token, const char **why_not)
{
  g_auto (GStrv) parts = g_strsplit (token ? token : "", ".", -1);
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (JsonObject) payload = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  *why_not = "invalid bearer token";
  if (g_strv_length (parts) != 3)
    return NULL;
  input = g_strdup_printf ("%s.%s", parts[0], parts[1]);
  expected = sign (self, input);
  if (!g_str_equal (expected, parts[2]) || (payload = decode_payload (parts[1])) == NULL)
    return NULL;
  if (json_object_get_int_member_with_default (payload, "exp", 0) <= now
      || json_object_get_int_member_with_default (payload, "gen", -1) != self->generation)
    {
      *why_not = "token has expired";
      return NULL;
    }
  *why_not = NULL;
  return g_strdup (sim_json_get_string (payload, "sub"));
}

/* Every token issued until now stops working, as after a Supervisor's
 * signing key rotated. */
void
sim_auth_expire_all (SimAuth *self)
{
  self->generation++;
}

gboolean
sim_auth_is_admin (SimAuth *self, const char *user)
{
  return g_key_file_get_boolean (self->users, user, "administrator", NULL);
}

/* Returns: (nullable): "OWNER", "EDIT" or "VIEW" */
const char *
sim_auth_role (SimAuth *self, const char *user, const char *namespace)
{
  g_auto (GStrv) roles = g_key_file_get_string_list (self->users, user, "roles", NULL, NULL);

  for (guint i = 0; roles && roles[i]; i++)
    {
      const char *colon = strchr (roles[i], ':');
      if (colon && strncmp (roles[i], namespace, colon - roles[i]) == 0
          && namespace[colon - roles[i]] == '\0')
        {
          if (g_str_equal (colon + 1, "OWNER"))
            return "OWNER";
          if (g_str_equal (colon + 1, "EDIT"))
            return "EDIT";
          if (g_str_equal (colon + 1, "VIEW"))
            return "VIEW";
        }
    }
  return NULL;
}

/* Grants (or with @role %NULL revokes) a namespace role, as a vSphere
 * namespace's access list does; users unknown to SSO are ignored. */
void
sim_auth_set_role (SimAuth *self, const char *user, const char *namespace, const char *role)
{
  g_auto (GStrv) roles = g_key_file_get_string_list (self->users, user, "roles", NULL, NULL);
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
  g_autofree char *prefix = g_strdup_printf ("%s:", namespace);
  g_auto (GStrv) list = NULL;

  if (!g_key_file_has_group (self->users, user))
    return;
  for (guint i = 0; roles && roles[i]; i++)
    if (!g_str_has_prefix (roles[i], prefix))
      g_strv_builder_add (kept, roles[i]);
  if (role)
    {
      g_autofree char *entry = g_strdup_printf ("%s%s", prefix, role);
      g_strv_builder_add (kept, entry);
    }
  list = g_strv_builder_end (kept);
  g_key_file_set_string_list (self->users, user, "roles", (const char *const *) list,
                              g_strv_length (list));
}

/* Every SSO user (the key file's groups) */
GStrv
sim_auth_users (SimAuth *self)
{
  return g_key_file_get_groups (self->users, NULL);
}

GStrv
sim_auth_namespaces_of (SimAuth *self, const char *user)
{
  g_auto (GStrv) roles = g_key_file_get_string_list (self->users, user, "roles", NULL, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; roles && roles[i]; i++)
    {
      const char *colon = strchr (roles[i], ':');
      if (colon)
        {
          g_autofree char *ns = g_strndup (roles[i], colon - roles[i]);
          g_strv_builder_add (builder, ns);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
is_read (const char *verb)
{
  return g_str_equal (verb, "get") || g_str_equal (verb, "list") || g_str_equal (verb, "watch");
}

gboolean
sim_auth_authorize (SimAuth *self,
                    const char *user,
                    const char *verb,
                    const char *resource,
                    const char *namespace,
                    const char *name,
                    gboolean public_read)
{
  const char *role;

  if (sim_auth_is_admin (self, user))
    return TRUE;
  if (g_str_equal (resource, "selfsubjectaccessreviews")
      || g_str_equal (resource, "selfsubjectrulesreviews"))
    return g_str_equal (verb, "create");
  if (namespace == NULL)
    {
      /* A user may read the namespaces they have a role in, one by one. */
      if (g_str_equal (resource, "namespaces") && name && g_str_equal (verb, "get"))
        return sim_auth_role (self, user, name) != NULL;
      return public_read && is_read (verb);
    }
  role = sim_auth_role (self, user, namespace);
  if (role == NULL)
    return FALSE;
  if (g_str_equal (role, "VIEW"))
    return is_read (verb) && !g_str_equal (resource, "secrets");
  return TRUE;
}

/* kube-apiserver's RBAC wording. */
char *
sim_auth_forbidden_message (const char *user,
                            const char *verb,
                            const char *group,
                            const char *resource,
                            const char *namespace,
                            const char *name)
{
  g_autofree char *subject
    = name ? g_strdup_printf ("%s \"%s\"", resource, name) : g_strdup (resource);
  g_autofree char *scope = namespace ? g_strdup_printf ("in the namespace \"%s\"", namespace)
                                     : g_strdup ("at the cluster scope");

  /* SSO users show as sso:<user>; others (guest users) as they are. */
  return g_strdup_printf ("%s is forbidden: User \"%s%s\" cannot %s resource \"%s\" in API group "
                          "\"%s\" %s",
                          subject,
                          strchr (user, '@') && !g_str_has_prefix (user, "sso:") ? "sso:" : "",
                          user, verb, resource, group, scope);
}

static void
sim_auth_finalize (GObject *object)
{
  g_key_file_unref (SIM_AUTH (object)->users);
  G_OBJECT_CLASS (sim_auth_parent_class)->finalize (object);
}

static void
sim_auth_class_init (SimAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sim_auth_finalize;
}

static void
sim_auth_init (SimAuth *self)
{
  self->users = g_key_file_new ();
}
