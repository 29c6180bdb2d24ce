/* pac-key-cache.c: tokens in the Linux kernel keyring, for the kubectl
 * credential plugin's warm path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "user" key in the user keyring holds "<expiry>\n<token>"; its kernel
 * timeout is the token's expiry, so the kernel drops it then. Any process
 * of the user can read it, the same exposure as an unlocked Secret
 * Service. glibc has no wrappers for these calls, and libkeyutils is one
 * library more than the warm path needs: the system calls are made
 * directly.
 *
 * client-go runs the plugin again within one kubectl process only when
 * the credential expired or the server answered 401. So a second call
 * from the same parent process means the cached token was refused (the
 * Supervisor revoked it, say): a key "<description>#served" remembers
 * which process was served last, and such a call goes to a fresh login.
 */
#define _GNU_SOURCE
#include "pac-key-cache.h"

#include <errno.h>
#include <linux/keyctl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long
find_key (const char *description)
{
  return syscall (SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", description, 0);
}

/* "pacific:<server>|<user>[|<namespace>/<cluster>]"; 0 when it fits */
int
pac_key_cache_describe (char *out,
                        size_t size,
                        const char *server,
                        const char *user,
                        const char *namespace,
                        const char *cluster)
{
  int n;

  if (namespace && cluster)
    n = snprintf (out, size, "pacific:%s|%s|%s/%s", server, user, namespace, cluster);
  else
    n = snprintf (out, size, "pacific:%s|%s", server, user);
  return n > 0 && (size_t) n < size ? 0 : -1;
}

/* Whether "pacific:<server>|<user>[|…]" is @user's on @host: the
 * server's host is taken from between "://" and the port or path */
static int
describes (const char *description, const char *host, const char *user)
{
  const char *server = strncmp (description, "pacific:", 8) == 0 ? description + 8 : NULL;
  const char *start = server ? strstr (server, "://") : NULL;
  const char *bar = server ? strchr (server, '|') : NULL;
  size_t host_length = strlen (host), user_length = strlen (user);
  const char *end;

  if (start == NULL || bar == NULL || start > bar)
    return 0;
  start += 3;
  end = *start == '[' ? strchr (start, ']') : start + strcspn (start, ":/|");
  if (*start == '[')
    start++;
  if (end == NULL || (size_t) (end - start) != host_length || strncmp (start, host, host_length))
    return 0;
  return strncmp (bar + 1, user, user_length) == 0
         && (bar[1 + user_length] == '\0' || bar[1 + user_length] == '|'
             || bar[1 + user_length] == '#');
}

/* Forgets every token cached for @user on @host (sign-out); the number
 * of keys dropped */
int
pac_key_cache_forget_user (const char *host, const char *user)
{
  int32_t serials[2048]; /* key_serial_t */
  long length = syscall (SYS_keyctl, KEYCTL_READ, KEY_SPEC_USER_KEYRING, serials, sizeof serials);
  int dropped = 0;

  if (length <= 0)
    return 0;
  if ((size_t) length > sizeof serials)
    length = sizeof serials;
  for (size_t i = 0; i < (size_t) length / sizeof serials[0]; i++)
    {
      int32_t serial = serials[i];
      char info[2048];
      long n = syscall (SYS_keyctl, KEYCTL_DESCRIBE, serial, info, sizeof info - 1);
      const char *description;

      if (n <= 0 || (size_t) n >= sizeof info - 1)
        continue;
      info[n] = '\0';
      /* "type;uid;gid;perm;description" */
      description = info;
      for (int field = 0; field < 4 && description; field++)
        description = strchr (description, ';') ? strchr (description, ';') + 1 : NULL;
      if (strncmp (info, "user;", 5) == 0 && description && describes (description, host, user)
          && syscall (SYS_keyctl, KEYCTL_INVALIDATE, serial) == 0)
        dropped++;
    }
  return dropped;
}

/* 0 and the token when one is cached */
int
pac_key_cache_lookup (const char *description, char *token, size_t size, long long *expiry)
{
  char payload[PAC_KEY_CACHE_TOKEN_MAX + 32];
  long key = find_key (description);
  long length;
  char *newline;

  if (key < 0)
    return -1;
  length = syscall (SYS_keyctl, KEYCTL_READ, key, payload, sizeof payload - 1);
  if (length <= 0 || (size_t) length >= sizeof payload - 1)
    return -1;
  payload[length] = '\0';
  newline = strchr (payload, '\n');
  if (newline == NULL || strlen (newline + 1) >= size)
    return -1;
  *newline = '\0';
  *expiry = strtoll (payload, NULL, 10);
  strcpy (token, newline + 1);
  return 0;
}

static long
add_key (const char *description, const char *payload, long long expiry)
{
  long key
    = syscall (SYS_add_key, "user", description, payload, strlen (payload), KEY_SPEC_USER_KEYRING);
  long long left = expiry - (long long) time (NULL);

  if (key >= 0 && left > 0)
    syscall (SYS_keyctl, KEYCTL_SET_TIMEOUT, key,
             (unsigned) (left > 0x7fffffff ? 0x7fffffff : left));
  return key;
}

/* 0 when cached; fails where the kernel keyring is not there (Flatpak) */
int
pac_key_cache_store (const char *description, const char *token, long long expiry)
{
  size_t size = strlen (token) + 32;
  char *payload = malloc (size);
  long key;

  if (payload == NULL || expiry <= (long long) time (NULL))
    {
      free (payload);
      return -1;
    }
  snprintf (payload, size, "%lld\n%s", expiry, token);
  key = add_key (description, payload, expiry);
  memset (payload, 0, size);
  free (payload);
  return key < 0 ? -1 : 0;
}

static void
unlink_key (const char *description)
{
  long key = find_key (description);

  if (key >= 0)
    syscall (SYS_keyctl, KEYCTL_INVALIDATE, key);
}

void
pac_key_cache_forget (const char *description)
{
  char served[1024];

  unlink_key (description);
  snprintf (served, sizeof served, "%s#served", description);
  unlink_key (served);
}

/* The parent process, told apart from a later one with its PID: its start
 * time (field 22 of /proc/PID/stat) */
static int
parent_identity (char *out, size_t size)
{
  char path[64], stat[1024];
  pid_t parent = getppid ();
  FILE *file;
  size_t length;
  char *field;

  snprintf (path, sizeof path, "/proc/%d/stat", (int) parent);
  file = fopen (path, "re");
  if (file == NULL)
    return -1;
  length = fread (stat, 1, sizeof stat - 1, file);
  fclose (file);
  stat[length] = '\0';
  /* the name (field 2) may hold spaces: count from its closing ")" */
  field = strrchr (stat, ')');
  for (int i = 2; field && i < 22; i++)
    field = strchr (field + 1, ' ');
  if (field == NULL)
    return -1;
  snprintf (out, size, "%d:%lld", (int) parent, strtoll (field + 1, NULL, 10));
  return 0;
}

static int
served_to (const char *served, const char *who)
{
  char last[64];
  long key = find_key (served);
  long length;

  if (key < 0)
    return 0;
  length = syscall (SYS_keyctl, KEYCTL_READ, key, last, sizeof last - 1);
  if (length <= 0 || length >= (long) sizeof last - 1)
    return 0;
  last[length] = '\0';
  return strcmp (last, who) == 0;
}

static void
note_served_to (const char *served, const char *who)
{
  add_key (served, who, (long long) time (NULL) + 24 * 3600);
}

/* 1 when this parent process was served the cached token already (it
 * was refused); else 0, noting that it is served now */
int
pac_key_cache_claim (const char *description)
{
  char served[1024], who[64];

  snprintf (served, sizeof served, "%s#served", description);
  if (parent_identity (who, sizeof who) != 0)
    return 0;
  if (served_to (served, who))
    return 1;
  note_served_to (served, who);
  return 0;
}

void
pac_key_cache_note_served (const char *description)
{
  char served[1024], who[64];

  snprintf (served, sizeof served, "%s#served", description);
  if (parent_identity (who, sizeof who) == 0)
    note_served_to (served, who);
}
