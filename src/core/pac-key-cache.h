/* pac-key-cache.h: tokens in the Linux kernel keyring, for the kubectl
 * credential plugin's warm path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C without GLib: pacific-credential links nothing else.
 */
#pragma once

#include <stddef.h>

/* Longest token the cache holds */
#define PAC_KEY_CACHE_TOKEN_MAX 16384

int pac_key_cache_describe (char *out,
                            size_t size,
                            const char *server,
                            const char *user,
                            const char *namespace,
                            const char *cluster);
int pac_key_cache_lookup (const char *description, char *token, size_t size, long long *expiry);
int pac_key_cache_store (const char *description, const char *token, long long expiry);
void pac_key_cache_forget (const char *description);
int pac_key_cache_forget_user (const char *host, const char *user);
int pac_key_cache_claim (const char *description);
void pac_key_cache_note_served (const char *description);
