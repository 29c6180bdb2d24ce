/* pac-kubeconfig-find.c: which kubeconfig contexts reach a namespace or
 * a guest cluster, and with what credential
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the cluster page's status: Pacific's contexts are found by their
 * mark (Supervisor, namespace, cluster); a context that Pacific did not
 * write but is named as `kubectl vsphere login` names it is reported too,
 * so the user knows what a new export would clash with. Files are only
 * read; one that cannot be read is told, not fatal.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pac-json.h"
#include "pac-jwt.h"
#include "pac-kubeconfig-private.h"
#include "pac-kubeconfig.h"
#include "pac-yaml.h"

G_DEFINE_BOXED_TYPE (PacKubeconfigContext,
                     pac_kubeconfig_context,
                     pac_kubeconfig_context_copy,
                     pac_kubeconfig_context_free)

PacKubeconfigContext *
pac_kubeconfig_context_copy (const PacKubeconfigContext *context)
{
  PacKubeconfigContext *copy = g_memdup2 (context, sizeof *context);

  copy->file = g_strdup (context->file);
  copy->name = g_strdup (context->name);
  copy->problem = g_strdup (context->problem);
  return copy;
}

void
pac_kubeconfig_context_free (PacKubeconfigContext *context)
{
  if (context == NULL)
    return;
  g_free (context->file);
  g_free (context->name);
  g_free (context->problem);
  g_free (context);
}

/**
 * pac_kubeconfig_search_paths:
 *
 * The files kubectl reads: $KUBECONFIG's list, else ~/.kube/config.
 *
 * Returns: (transfer full): the paths
 */
GStrv
pac_kubeconfig_search_paths (void)
{
  const char *list = g_getenv ("KUBECONFIG");
  g_auto (GStrv) paths = list ? g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1) : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; paths && paths[i]; i++)
    if (paths[i][0] != '\0')
      {
        g_strv_builder_add (builder, paths[i]);
        any = TRUE;
      }
  if (!any)
    {
      g_autofree char *fallback = g_build_filename (g_get_home_dir (), ".kube", "config", NULL);

      g_strv_builder_add (builder, fallback);
    }
  return g_strv_builder_end (builder);
}

/* The text a kubeconfig's *-data holds (base64 PEM), or NULL when it is
 * not base64 of text */
char *
kube_decode_text (const char *base64)
{
  gsize length = 0;
  g_autofree guchar *data = base64 ? g_base64_decode (base64, &length) : NULL;

  if (data == NULL || length == 0 || memchr (data, '\0', length))
    return NULL;
  return g_strndup ((const char *) data, length);
}

/* When a base64 PEM client certificate stops working, or 0 */
gint64
kube_certificate_expiry (const char *certificate_data)
{
  g_autofree char *pem = kube_decode_text (certificate_data);
  g_autoptr (GTlsCertificate) certificate
    = pem ? g_tls_certificate_new_from_pem (pem, -1, NULL) : NULL;
  g_autoptr (GDateTime) until = NULL;

  if (certificate == NULL)
    return 0;
  g_object_get (certificate, "not-valid-after", &until, NULL);
  return until ? g_date_time_to_unix (until) : 0;
}

static JsonObject *
named (JsonObject *config, const char *list, const char *name)
{
  JsonArray *items = pac_json_array (config, list);

  for (guint i = 0; name && items && i < json_array_get_length (items); i++)
    {
      JsonObject *item = pac_json_node_object (json_array_get_element (items, i));

      if (g_strcmp0 (pac_json_string (item, "name"), name) == 0)
        return item;
    }
  return NULL;
}

static JsonObject *
mark_of (JsonObject *inner)
{
  JsonArray *extensions = pac_json_array (inner, "extensions");

  for (guint i = 0; extensions && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = pac_json_node_object (json_array_get_element (extensions, i));

      if (g_strcmp0 (pac_json_string (extension, "name"), PAC_KUBECONFIG_EXTENSION) == 0)
        return pac_json_object (extension, "extension");
    }
  return NULL;
}

static gboolean
is_our_plugin (JsonObject *exec)
{
  JsonArray *args = pac_json_array (exec, "args");
  g_autofree char *base = pac_json_string (exec, "command")
                            ? g_path_get_basename (pac_json_string (exec, "command"))
                            : NULL;

  if (g_strcmp0 (base, "pacific-credential") == 0)
    return TRUE;
  for (guint i = 0; args && i < json_array_get_length (args); i++)
    if (g_strcmp0 (json_array_get_string_element (args, i), "--command=pacific-credential") == 0)
      return TRUE;
  return FALSE;
}

/* How the context's user signs in, and until when */
static void
read_credential (PacKubeconfigContext *found, JsonObject *user)
{
  const char *token = pac_json_string (user, "token");

  if (pac_json_object (user, "exec"))
    found->credential = is_our_plugin (pac_json_object (user, "exec"))
                          ? PAC_KUBECONFIG_CREDENTIAL_PLUGIN
                          : PAC_KUBECONFIG_CREDENTIAL_OTHER;
  else if (token)
    {
      found->credential = PAC_KUBECONFIG_CREDENTIAL_TOKEN;
      if (!pac_jwt_read_claims (token, &found->expiry, NULL, NULL))
        found->expiry = 0;
    }
  else if (pac_json_string (user, "client-certificate-data"))
    {
      found->credential = PAC_KUBECONFIG_CREDENTIAL_CERTIFICATE;
      found->expiry = kube_certificate_expiry (pac_json_string (user, "client-certificate-data"));
    }
  else
    found->credential = PAC_KUBECONFIG_CREDENTIAL_OTHER;
}

static gboolean
mark_matches (JsonObject *mark, const char *owner, const char *namespace, const char *cluster)
{
  return mark && g_strcmp0 (pac_json_string (mark, "owner"), owner) == 0
         && g_strcmp0 (pac_json_string (mark, "namespace"), namespace) == 0
         && g_strcmp0 (pac_json_string (mark, "cluster"), cluster) == 0;
}

static void
find_in_file (GPtrArray *found,
              const char *file,
              const char *owner,
              const char *namespace,
              const char *cluster)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *config;
  JsonArray *contexts;
  const char *name_as_kubectl_vsphere = cluster ? cluster : namespace;

  if (!g_file_get_contents (file, &text, &length, &error))
    return; /* most often: it does not exist */
  root = pac_yaml_load (text, length, &error);
  if ((config = pac_json_node_object (root)) == NULL)
    {
      PacKubeconfigContext *unreadable = g_new0 (PacKubeconfigContext, 1);

      unreadable->file = g_strdup (file);
      unreadable->problem = g_strdup (error ? error->message : _ ("not a kubeconfig"));
      g_ptr_array_add (found, unreadable);
      return;
    }
  contexts = pac_json_array (config, "contexts");
  for (guint i = 0; contexts && i < json_array_get_length (contexts); i++)
    {
      JsonObject *item = pac_json_node_object (json_array_get_element (contexts, i));
      JsonObject *context = pac_json_object (item, "context");
      JsonObject *mark = mark_of (context);
      const char *name = pac_json_string (item, "name");
      PacKubeconfigContext *match;

      if (!mark_matches (mark, owner, namespace, cluster)
          && (mark || g_strcmp0 (name, name_as_kubectl_vsphere) != 0))
        continue;
      match = g_new0 (PacKubeconfigContext, 1);
      match->file = g_strdup (file);
      match->name = g_strdup (name);
      match->ours = mark != NULL;
      match->current = g_strcmp0 (pac_json_string (config, "current-context"), name) == 0;
      read_credential (
        match,
        pac_json_object (named (config, "users", pac_json_string (context, "user")), "user"));
      g_ptr_array_add (found, match);
    }
}

/**
 * pac_kubeconfig_find_contexts:
 * @files: (nullable): the files to read (NULL: pac_kubeconfig_search_paths())
 * @owner: the Supervisor's host
 * @namespace: the vSphere namespace
 * @cluster: (nullable): a guest cluster in it, or NULL for the namespace's
 *   own context
 *
 * Returns: (transfer full) (element-type PacKubeconfigContext): the
 *   contexts found, Pacific's and those named as kubectl vsphere names
 *   them; a file that cannot be parsed is one item with its problem
 */
GPtrArray *
pac_kubeconfig_find_contexts (const char *const *files,
                              const char *owner,
                              const char *namespace,
                              const char *cluster)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) pac_kubeconfig_context_free);
  g_auto (GStrv) search = files ? NULL : pac_kubeconfig_search_paths ();
  const char *const *paths = files ? files : (const char *const *) search;

  for (guint i = 0; paths[i]; i++)
    find_in_file (found, paths[i], owner, namespace, cluster);
  return found;
}
