/* pacific-credential: the kubectl credential plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubectl runs it before every call, so the warm path is a few system
 * calls: the token from the kernel keyring, printed as an ExecCredential
 * that expires with the token. Anything else (no key, an expired one, a
 * token the server refused) goes to `pacific-ctl credential`, which logs
 * in with the keyring password or PACIFIC_PASSWORD and fills the cache.
 * It never reads stdin (interactiveMode: Never).
 *
 *   pacific-credential --server URL --user NAME [--namespace NS --cluster NAME]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "pac-key-cache.h"

/* A token within this many seconds of expiry is not handed out */
#define MARGIN_SECONDS 60

static const char *
option (int argc, char **argv, const char *name)
{
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp (argv[i], name) == 0)
      return argv[i + 1];
  return NULL;
}

static int
is_token_text (const char *token)
{
  for (const char *p = token; *p; p++)
    if (*p < 0x21 || *p > 0x7e || *p == '"' || *p == '\\')
      return 0;
  return *token != '\0';
}

static int
print_credential (const char *token, long long expiry)
{
  time_t when = (time_t) expiry;
  struct tm tm;
  char stamp[32];

  if (!gmtime_r (&when, &tm) || !strftime (stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm))
    return -1;
  printf ("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
          "\"status\":{\"token\":\"%s\",\"expirationTimestamp\":\"%s\"}}\n",
          token, stamp);
  return fflush (stdout) == 0 ? 0 : -1;
}

/* pacific-ctl beside this program (a build tree, a prefix), else BINDIR */
static void
hand_over (int argc, char **argv, int fresh)
{
  char self[PATH_MAX], ctl[PATH_MAX + 16];
  char *args[argc + 3];
  ssize_t length = readlink ("/proc/self/exe", self, sizeof self - 1);
  int n = 0;

  if (length > 0)
    {
      self[length] = '\0';
      snprintf (ctl, sizeof ctl, "%s/pacific-ctl", dirname (self));
    }
  if (length <= 0 || access (ctl, X_OK) != 0)
    snprintf (ctl, sizeof ctl, "%s/pacific-ctl", BINDIR);
  args[n++] = ctl;
  args[n++] = "credential";
  if (fresh)
    args[n++] = "--fresh";
  for (int i = 1; i < argc; i++)
    args[n++] = argv[i];
  args[n] = NULL;
  execv (ctl, args);
  fprintf (stderr, "pacific-credential: cannot run %s\n", ctl);
}

int
main (int argc, char **argv)
{
  const char *server = option (argc, argv, "--server");
  const char *user = option (argc, argv, "--user");
  char description[1024];
  static char token[PAC_KEY_CACHE_TOKEN_MAX];
  long long expiry = 0;
  int fresh = 0;
  int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);

  /* never a prompt, not even in what runs next */
  if (null >= 0)
    dup2 (null, STDIN_FILENO);
  if (server == NULL || user == NULL
      || pac_key_cache_describe (description, sizeof description, server, user,
                                 option (argc, argv, "--namespace"),
                                 option (argc, argv, "--cluster"))
           != 0)
    {
      fprintf (stderr, "pacific-credential: --server URL and --user NAME are needed\n");
      return 2;
    }
  if (pac_key_cache_lookup (description, token, sizeof token, &expiry) == 0
      && expiry > (long long) time (NULL) + MARGIN_SECONDS && is_token_text (token))
    {
      if (!pac_key_cache_claim (description))
        return print_credential (token, expiry) == 0 ? 0 : 1;
      fresh = 1; /* refused by the server: see pac-key-cache.c */
      pac_key_cache_forget (description);
    }
  memset (token, 0, sizeof token);
  hand_over (argc, argv, fresh);
  return 1;
}
