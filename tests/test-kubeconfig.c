/* test-kubeconfig.c: marks, sign-out by account, finding a cluster's
 * contexts, credentials kept out of diffs and backups, the plugin stanza,
 * kept anchors and the kernel-keyring cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No network: files in a temporary directory. kubectl's view of the same
 * files is judged in test-ui-kubeconfig and interop/kubectl-kubeconfig.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pac-credential.h"
#include "pac-error.h"
#include "pac-key-cache.h"
#include "pac-kubeconfig.h"
#include "pac-trust.h"

static char *work;

static char *
path_in_work (const char *name)
{
  return g_build_filename (work, name, NULL);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A plugin entry for @user of @account on Supervisor @owner */
static PacKubeconfigEntry *
entry_for (const char *owner, const char *account, const char *user, const char *cluster)
{
  g_autofree char *user_name = g_strdup_printf ("wcp:%s:%s", owner, user);
  g_autofree char *server = g_strdup_printf ("https://%s:6443", owner);
  g_autofree char *url = g_strdup_printf ("https://%s", owner);
  g_autoptr (JsonNode) exec = pac_credential_stanza (url, user, NULL, "dev", cluster);
  PacKubeconfigEntry *entry
    = pac_kubeconfig_entry_new (owner, cluster, owner, user_name, server, NULL, NULL);

  pac_kubeconfig_entry_set_exec (entry, exec);
  pac_kubeconfig_entry_set_account (entry, account, user, "dev", cluster);
  return entry;
}

static void
write_entries (const char *path, PacKubeconfigEntry *first, ...)
{
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (PacKubeconfigEntry *e = first; e; e = va_arg (args, PacKubeconfigEntry *))
    pac_kubeconfig_add (kubeconfig, e);
  va_end (args);
  pac_kubeconfig_set_clash (kubeconfig, PAC_KUBECONFIG_CLASH_RENAME);
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
}

static const char foreign[] = "apiVersion: v1\n"
                              "kind: Config\n"
                              "clusters:\n"
                              "- name: theirs\n"
                              "  cluster: {server: 'https://10.0.0.1:6443'}\n"
                              "users:\n"
                              "- name: them\n"
                              "  user: {token: \"abc\"}\n"
                              "contexts:\n"
                              "- name: cluster-b\n"
                              "  context: {cluster: theirs, user: them, namespace: \"0755\"}\n"
                              "# written before marks named the account:\n"
                              "- name: old\n"
                              "  context:\n"
                              "    cluster: theirs\n"
                              "    user: them\n"
                              "    extensions:\n"
                              "    - name: io.github.pacificapp.Pacific\n"
                              "      extension: {owner: sv.example.com}\n";

static void
test_remove_account (void)
{
  g_autofree char *path = path_in_work ("accounts");
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *diff = NULL;

  g_assert_true (g_file_set_contents (path, foreign, -1, NULL));
  /* two users of vc.example.com on one Supervisor, and another account */
  write_entries (path, entry_for ("sv.example.com", "vc.example.com", "bob", "cluster-c"),
                 entry_for ("sv.example.com", "vc.example.com", "alice", "cluster-a"),
                 entry_for ("sv2.example.com", "sv2.example.com", "alice", "cluster-d"), NULL);
  pac_kubeconfig_remove_account (kubeconfig, "vc.example.com", "alice");
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  diff = pac_kubeconfig_changes_to_diff (changes);
  text = read_text (path);
  /* alice's of vc.example.com went; bob's, the other account's and the
   * foreign ones stayed (the foreign text byte for byte) */
  g_assert_nonnull (strstr (diff, "@@ contexts: remove cluster-a\n"));
  g_assert_null (strstr (text, "name: cluster-a"));
  g_assert_nonnull (strstr (text, "name: cluster-c"));
  g_assert_nonnull (strstr (text, "name: cluster-d"));
  /* the cluster entry alice's write marked last stays: bob's context uses it */
  g_assert_null (strstr (diff, "@@ clusters: remove sv.example.com\n"));
  g_assert_nonnull (strstr (text, "- name: sv.example.com\n"));
  g_assert_nonnull (strstr (text,
                            "- name: cluster-b\n"
                            "  context: {cluster: theirs, user: them, namespace: \"0755\"}\n"));
  /* an entry marked only with its Supervisor goes with an account of that host */
  g_assert_nonnull (strstr (text, "- name: old\n"));
  g_clear_object (&kubeconfig);
  g_clear_pointer (&changes, g_ptr_array_unref);
  kubeconfig = pac_kubeconfig_new (path);
  pac_kubeconfig_remove_account (kubeconfig, "sv.example.com", "carol");
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  g_free (text);
  text = read_text (path);
  g_assert_null (strstr (text, "- name: old\n"));
  g_assert_nonnull (strstr (text, "name: cluster-c"));
}

static char *
fake_jwt (gint64 expiry)
{
  g_autofree char *payload
    = g_strdup_printf ("{\"sub\":\"alice\",\"exp\":%" G_GINT64_FORMAT "}", expiry);
  g_autofree char *header = g_base64_encode ((const guchar *) "{\"alg\":\"none\"}", 14);
  g_autofree char *body = g_base64_encode ((const guchar *) payload, strlen (payload));

  g_strdelimit (header, "=", '\0');
  g_strdelimit (body, "=", '\0');
  return g_strdup_printf ("%s.%s.sig", header, body);
}

static void
test_find_contexts (void)
{
  g_autofree char *path = path_in_work ("find");
  g_autofree char *bad = path_in_work ("find-bad");
  g_autofree char *missing = path_in_work ("find-missing");
  const char *const files[] = { path, bad, missing, NULL };
  PacKubeconfigEntry *token = entry_for ("sv.example.com", "vc.example.com", "tina", "tok");
  g_autofree char *jwt = fake_jwt (4102444800); /* 2100-01-01 */
  g_autoptr (GPtrArray) found = NULL;
  PacKubeconfigContext *context;

  g_assert_true (g_file_set_contents (path, foreign, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "contexts: [\n", -1, NULL));
  pac_kubeconfig_entry_set_token (token, jwt);
  write_entries (path, entry_for ("sv.example.com", "vc.example.com", "alice", "cluster-a"), token,
                 NULL);
  found = pac_kubeconfig_find_contexts (files, "sv.example.com", "dev", "cluster-a");
  g_assert_cmpuint (found->len, ==, 2);
  context = found->pdata[0];
  g_assert_cmpstr (context->name, ==, "cluster-a");
  g_assert_true (context->ours);
  g_assert_cmpint (context->credential, ==, PAC_KUBECONFIG_CREDENTIAL_PLUGIN);
  g_assert_cmpint (context->expiry, ==, 0);
  context = found->pdata[1];
  g_assert_null (context->name);
  g_assert_cmpstr (context->file, ==, bad);
  g_assert_nonnull (context->problem);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = pac_kubeconfig_find_contexts (files, "sv.example.com", "dev", "tok");
  context = found->pdata[0];
  g_assert_cmpint (context->credential, ==, PAC_KUBECONFIG_CREDENTIAL_TOKEN);
  g_assert_cmpint (context->expiry, ==, 4102444800);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* a context Pacific did not write, named as kubectl vsphere names it */
  found = pac_kubeconfig_find_contexts (files, "sv.example.com", "dev", "cluster-b");
  context = found->pdata[0];
  g_assert_cmpstr (context->name, ==, "cluster-b");
  g_assert_false (context->ours);
  g_assert_cmpint (context->credential, ==, PAC_KUBECONFIG_CREDENTIAL_TOKEN);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* another Supervisor's cluster-a is not this one */
  found = pac_kubeconfig_find_contexts (files, "sv9.example.com", "dev", "cluster-a");
  g_assert_cmpuint (found->len, ==, 1); /* only the unreadable file */
}

static GPtrArray *
write_one (const char *path, PacKubeconfigEntry *entry)
{
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  g_autoptr (GError) error = NULL;
  GPtrArray *changes;

  pac_kubeconfig_add (kubeconfig, entry);
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return changes;
}

/* Neither the diff (printed by pacific-ctl into pipeline logs) nor the
 * backup holds a credential Pacific wrote; the user's own stay in the
 * backup as they were */
static void
test_secrets_kept_out (void)
{
  g_autofree char *path = path_in_work ("secrets");
  g_autofree char *backup = g_strconcat (path, ".pacific-backup", NULL);
  g_autofree char *first = fake_jwt (4102444800);
  g_autofree char *second = fake_jwt (4102444801); /* as long as the first */
  const char key[] = "UFJJVkFURUtFWUJZVEVT";
  PacKubeconfigEntry *token = entry_for ("sv.example.com", "vc.example.com", "tina", "tok");
  PacKubeconfigEntry *admin = entry_for ("sv.example.com", "vc.example.com", "tina", "adm");
  g_autoptr (PacKubeconfig) kubeconfig = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *shown = g_strdup_printf ("token: <redacted, %zu bytes>", strlen (first));

  g_assert_true (g_file_set_contents (path, foreign, -1, NULL));
  pac_kubeconfig_entry_set_token (token, first);
  changes = write_one (path, pac_kubeconfig_entry_copy (token));
  diff = pac_kubeconfig_changes_to_diff (changes);
  g_assert_null (strstr (diff, first));
  g_assert_nonnull (strstr (diff, shown));
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_clear_pointer (&diff, g_free);

  /* a new token of the same length is still a change, and written */
  pac_kubeconfig_entry_set_token (token, second);
  changes = write_one (path, token);
  diff = pac_kubeconfig_changes_to_diff (changes);
  text = read_text (path);
  g_assert_nonnull (strstr (text, second));
  g_assert_null (strstr (diff, second));
  g_assert_nonnull (strstr (diff, "@@ users: update wcp:sv.example.com:tina\n"));
  kept = read_text (backup);
  g_assert_null (strstr (kept, first));
  g_assert_nonnull (strstr (kept, "{token: \"abc\"}")); /* the user's own, as written */
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_clear_pointer (&diff, g_free);
  g_clear_pointer (&kept, g_free);

  pac_kubeconfig_entry_set_client_certificate (admin, "Q0VSVElGSUNBVEU=", key);
  changes = write_one (path, admin);
  diff = pac_kubeconfig_changes_to_diff (changes);
  g_assert_null (strstr (diff, key));
  g_assert_nonnull (strstr (diff, "client-key-data: <redacted, 20 bytes>"));
  g_assert_nonnull (strstr (diff, "Q0VSVElGSUNBVEU=")); /* a certificate is no secret */
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_clear_pointer (&diff, g_free);

  /* sign-out: neither the diff nor the backup keeps what went */
  kubeconfig = pac_kubeconfig_new (path);
  pac_kubeconfig_remove_account (kubeconfig, "vc.example.com", "tina");
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  diff = pac_kubeconfig_changes_to_diff (changes);
  kept = read_text (backup);
  g_free (text);
  text = read_text (path);
  g_assert_nonnull (strstr (diff, "@@ users: remove wcp:sv.example.com:tina\n"));
  g_assert_null (strstr (text, second));
  for (const char *const *secret = (const char *const[]){ second, key, NULL }; *secret; secret++)
    {
      g_assert_null (strstr (diff, *secret));
      g_assert_null (strstr (kept, *secret));
    }
  g_assert_nonnull (strstr (kept, "name: adm")); /* the entries themselves are backed up */
  g_assert_nonnull (strstr (kept, "{token: \"abc\"}"));
}

static void
test_stanza (void)
{
  g_autoptr (JsonNode) direct
    = pac_credential_stanza ("https://sv.example.com", "alice", NULL, "dev", "c");
  g_autoptr (JsonNode) through
    = pac_credential_stanza ("https://sv.example.com", "alice", "vc.example.com", "dev", "c");
  g_autofree char *direct_json = json_to_string (direct, FALSE);
  g_autofree char *through_json = json_to_string (through, FALSE);

  g_assert_null (strstr (direct_json, "--password-from"));
  g_assert_nonnull (strstr (through_json, "\"--password-from\",\"vc.example.com\""));
  g_assert_nonnull (strstr (through_json, "\"interactiveMode\":\"Never\""));
}

static void
test_keep_anchor (void)
{
  g_autofree char *dir = path_in_work ("trust");
  g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "data", "test-ca.pem", NULL);
  g_autofree char *pem = read_text (ca_path);
  g_autoptr (GTlsCertificate) ca = pac_trust_parse_ca (pem, -1, NULL);
  g_autoptr (PacTrust) app = pac_trust_new (dir);
  g_autoptr (PacTrust) plugin = NULL;
  g_autoptr (PacTrust) later = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (ca);
  /* nothing to keep: nothing written */
  g_assert_true (pac_trust_keep_anchor (app, "sv.example.com", 443, &error));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  pac_trust_add_anchor (app, "sv.example.com", 443, ca);
  g_assert_true (pac_trust_keep_anchor (app, "sv.example.com", 443, &error));
  g_assert_no_error (error);
  /* another process of the user (the plugin) trusts it */
  plugin = pac_trust_new (dir);
  g_assert_nonnull (pac_trust_get_anchor (plugin, "sv.example.com", 443));
  g_assert_true (
    g_tls_certificate_is_same (pac_trust_get_anchor (plugin, "sv.example.com", 443), ca));
  g_assert_null (pac_trust_get_anchor (plugin, "sv.example.com", 6443));
  g_assert_true (pac_trust_forget (app, "sv.example.com", 443, &error));
  g_assert_null (pac_trust_get_anchor (app, "sv.example.com", 443));
  later = pac_trust_new (dir);
  g_assert_null (pac_trust_get_anchor (later, "sv.example.com", 443));
}

static void
test_key_cache_forget_user (void)
{
  g_autofree char *tag = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *host = g_strdup_printf ("sv%s.example.com", tag);
  g_autofree char *url = g_strdup_printf ("https://%s:6443", host);
  g_autofree char *other_url = g_strdup_printf ("https://x%s:6443", host);
  char mine[1024], guest[1024], other[1024], other_user[1024], token[256];
  long long expiry = g_get_real_time () / G_USEC_PER_SEC + 600, read_expiry;

  pac_key_cache_describe (mine, sizeof mine, url, "alice", NULL, NULL);
  pac_key_cache_describe (guest, sizeof guest, url, "alice", "dev", "c");
  pac_key_cache_describe (other, sizeof other, other_url, "alice", NULL, NULL);
  pac_key_cache_describe (other_user, sizeof other_user, url, "alice2", NULL, NULL);
  if (pac_key_cache_store (mine, "t1", expiry) != 0)
    {
      g_test_skip ("no kernel keyring here");
      return;
    }
  g_assert_cmpint (pac_key_cache_store (guest, "t2", expiry), ==, 0);
  g_assert_cmpint (pac_key_cache_store (other, "t3", expiry), ==, 0);
  g_assert_cmpint (pac_key_cache_store (other_user, "t4", expiry), ==, 0);
  g_assert_cmpint (pac_key_cache_forget_user (host, "alice"), ==, 2);
  g_assert_cmpint (pac_key_cache_lookup (mine, token, sizeof token, &read_expiry), !=, 0);
  g_assert_cmpint (pac_key_cache_lookup (guest, token, sizeof token, &read_expiry), !=, 0);
  /* another host whose name ends like it, and another user, stay */
  g_assert_cmpint (pac_key_cache_lookup (other, token, sizeof token, &read_expiry), ==, 0);
  g_assert_cmpint (pac_key_cache_lookup (other_user, token, sizeof token, &read_expiry), ==, 0);
  pac_key_cache_forget (other);
  pac_key_cache_forget (other_user);
}

/* Export with "make current", then sign-out left current-context "":
 * the user's own context comes back */
static void
test_current_context_restored (void)
{
  g_autofree char *path = path_in_work ("current");
  g_autofree char *with_current = g_strconcat (foreign, "current-context: cluster-b\n", NULL);
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  g_autoptr (PacKubeconfig) signing_out = pac_kubeconfig_new (path);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, with_current, -1, NULL));
  pac_kubeconfig_add (kubeconfig, entry_for ("sv3.example.com", "sv3.example.com", "al", "c1"));
  pac_kubeconfig_set_current_context (kubeconfig, TRUE);
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "current-context: c1\n"));
  /* exported again, still current: the user's is still remembered */
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_clear_object (&kubeconfig);
  kubeconfig = pac_kubeconfig_new (path);
  pac_kubeconfig_add (kubeconfig, entry_for ("sv3.example.com", "sv3.example.com", "al", "c1"));
  pac_kubeconfig_set_current_context (kubeconfig, TRUE);
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);
  pac_kubeconfig_remove_owner (signing_out, "sv3.example.com");
  changes = pac_kubeconfig_write (signing_out, &error);
  g_assert_no_error (error);
  g_free (text);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "current-context: cluster-b\n"));
}

/* KUBECONFIG=f1:f2 with the user's "dev" in f2: Pacific's "dev" in f1
 * would have shadowed it for kubectl. And kubectl writes new entries to
 * the first file that exists. */
static void
test_kubeconfig_list (void)
{
  g_autofree char *missing = path_in_work ("list-missing");
  g_autofree char *f1 = path_in_work ("list-1");
  g_autofree char *f2 = path_in_work ("list-2");
  g_autofree char *list = g_strjoin (":", missing, f1, f2, NULL);
  g_autofree char *old = g_strdup (g_getenv ("KUBECONFIG"));
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  g_autoptr (PacKubeconfig) asking = NULL;
  g_autoptr (PacKubeconfig) renaming = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (f1, "apiVersion: v1\nkind: Config\n", -1, NULL));
  g_assert_true (g_file_set_contents (
    f2, "apiVersion: v1\nkind: Config\ncontexts:\n- name: dev\n  context: {cluster: x, user: y}\n",
    -1, NULL));
  g_setenv ("KUBECONFIG", list, TRUE);
  target = pac_kubeconfig_default_path ();
  g_assert_cmpstr (target, ==, f1);

  asking = pac_kubeconfig_new (NULL);
  pac_kubeconfig_add (asking, entry_for ("sv4.example.com", "sv4.example.com", "al", "dev"));
  changes = pac_kubeconfig_write (asking, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "another file of KUBECONFIG"));
  g_assert_null (changes);
  g_clear_error (&error);

  renaming = pac_kubeconfig_new (NULL);
  pac_kubeconfig_add (renaming, entry_for ("sv4.example.com", "sv4.example.com", "al", "dev"));
  pac_kubeconfig_set_clash (renaming, PAC_KUBECONFIG_CLASH_RENAME);
  changes = pac_kubeconfig_write (renaming, &error);
  g_assert_no_error (error);
  text = read_text (f1);
  g_assert_nonnull (strstr (text, "name: dev@sv4.example.com\n"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  if (old)
    g_setenv ("KUBECONFIG", old, TRUE);
  else
    g_unsetenv ("KUBECONFIG");
}

/* The file keeps its mode (it became 0600); a directory Pacific may not
 * write in is said so, not called "locked by another program" */
static void
test_file_mode_and_directory (void)
{
  g_autofree char *path = path_in_work ("mode");
  g_autofree char *dir = path_in_work ("read-only");
  g_autofree char *inside = g_build_filename (dir, "config", NULL);
  g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
  g_autoptr (PacKubeconfig) blocked = pac_kubeconfig_new (inside);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf after;

  g_assert_true (g_file_set_contents (path, foreign, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  pac_kubeconfig_add (kubeconfig, entry_for ("sv5.example.com", "sv5.example.com", "al", "m"));
  changes = pac_kubeconfig_write (kubeconfig, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 0777, ==, 0640);

  if (geteuid () == 0)
    {
      g_test_skip ("root writes in read-only directories");
      return;
    }
  g_assert_cmpint (g_mkdir (dir, 0500), ==, 0);
  pac_kubeconfig_add (blocked, entry_for ("sv5.example.com", "sv5.example.com", "al", "m"));
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = pac_kubeconfig_write (blocked, &error);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_UNAVAILABLE);
  g_assert_null (strstr (error->message, "locked"));
  g_chmod (dir, 0700);
}

/* A file kubectl cannot load was written to (exit 0): now refused, and
 * left as it was */
static void
test_unloadable (void)
{
  static const char *const texts[] = {
    "apiVersion: v1\nkind: Config\nclusters: 5\n",
    "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster: 7\n",
    "apiVersion: v1\nkind: Config\nusers:\n- just a string\n",
    "- a list\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = path_in_work ("unloadable");
      g_autoptr (PacKubeconfig) kubeconfig = pac_kubeconfig_new (path);
      g_autoptr (GPtrArray) changes = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
      pac_kubeconfig_add (kubeconfig, entry_for ("sv6.example.com", "sv6.example.com", "al", "u"));
      changes = pac_kubeconfig_write (kubeconfig, &error);
      g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
      g_assert_null (changes);
      after = read_text (path);
      g_assert_cmpstr (after, ==, texts[i]);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work = g_dir_make_tmp ("pacific-kubeconfig-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/kubeconfig/remove-account", test_remove_account);
  g_test_add_func ("/kubeconfig/find-contexts", test_find_contexts);
  g_test_add_func ("/kubeconfig/secrets-kept-out", test_secrets_kept_out);
  g_test_add_func ("/kubeconfig/stanza", test_stanza);
  g_test_add_func ("/kubeconfig/keep-anchor", test_keep_anchor);
  g_test_add_func ("/kubeconfig/key-cache-forget-user", test_key_cache_forget_user);
  g_test_add_func ("/kubeconfig/current-context-restored", test_current_context_restored);
  g_test_add_func ("/kubeconfig/kubeconfig-list", test_kubeconfig_list);
  g_test_add_func ("/kubeconfig/file-mode-and-directory", test_file_mode_and_directory);
  g_test_add_func ("/kubeconfig/unloadable", test_unloadable);
  status = g_test_run ();
  g_free (work);
  return status;
}
