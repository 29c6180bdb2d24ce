/* sim-present-cache.c: the JSON text of stored objects as each version serves them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list page used to copy every object it served (the version's
 * conversion works on a copy), put the copies in one tree and write the
 * tree out: at 10,000 clusters that was most of a list's time, far more
 * than sending it, so the simulator, not the client, set every list
 * measurement's pace. kube-apiserver keeps its watch cache in memory for
 * the same reason. Here each stored object's text, as one kind's version
 * presents it, is written once and kept until that object changes.
 *
 * Kept by the stored object's address, and checked against its uid and
 * resourceVersion (every write gives a new resourceVersion, so an address
 * the allocator reuses, or an object changed and put back, never matches
 * an old text). Texts of objects gone since are dropped all at once when
 * there are many more of them than a large list holds. Main thread only,
 * as the rest of the store.
 */
#include "sim-present-cache.h"

#include "sim-json.h"

/* Dropped all at once past these (a 50,000-cluster list fits) */
#define MAX_ENTRIES 200000
#define MAX_BYTES (512 * 1024 * 1024)

typedef struct
{
  const SimKind *kind;
  char *uid;
  char *resource_version;
  char *text;
  gsize length;
} Entry;

static GHashTable *entries; /* stored JsonObject * -> GPtrArray of Entry, one per kind */
static gsize total_entries, total_bytes;

static void
entry_free (Entry *entry)
{
  g_free (entry->uid);
  g_free (entry->resource_version);
  g_free (entry->text);
  g_free (entry);
}

static void
drop_all_if_full (void)
{
  if (entries && total_entries < MAX_ENTRIES && total_bytes < MAX_BYTES)
    return;
  g_clear_pointer (&entries, g_hash_table_unref);
  entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  total_entries = total_bytes = 0;
}

static Entry *
find (GPtrArray *kinds, const SimKind *kind)
{
  for (guint i = 0; kinds && i < kinds->len; i++)
    if (((Entry *) g_ptr_array_index (kinds, i))->kind == kind)
      return g_ptr_array_index (kinds, i);
  return NULL;
}

static char *
present (const SimKind *kind, JsonObject *stored, gsize *length)
{
  g_autoptr (JsonObject) shown = sim_kind_present (kind, stored);

  return sim_json_object_to_string (shown, length);
}

/**
 * sim_present_text:
 * @length: (out): the text's length
 *
 * Returns: (transfer none): @stored as @kind's version serves it, as JSON
 * text, valid until the next call
 */
const char *
sim_present_text (const SimKind *kind, JsonObject *stored, gsize *length)
{
  JsonObject *metadata = sim_json_get_object (stored, "metadata");
  const char *uid = sim_json_get_string (metadata, "uid");
  const char *rv = sim_json_get_string (metadata, "resourceVersion");
  GPtrArray *kinds;
  Entry *entry;

  drop_all_if_full ();
  kinds = g_hash_table_lookup (entries, stored);
  entry = find (kinds, kind);
  if (entry && g_strcmp0 (entry->uid, uid) == 0 && g_strcmp0 (entry->resource_version, rv) == 0
      && uid && rv)
    {
      *length = entry->length;
      return entry->text;
    }
  if (kinds == NULL)
    {
      kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_hash_table_insert (entries, stored, kinds);
    }
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->kind = kind;
      g_ptr_array_add (kinds, entry);
      total_entries++;
    }
  total_bytes -= entry->length;
  g_free (entry->uid);
  g_free (entry->resource_version);
  g_free (entry->text);
  entry->uid = g_strdup (uid);
  entry->resource_version = g_strdup (rv);
  entry->text = present (kind, stored, &entry->length);
  total_bytes += entry->length;
  *length = entry->length;
  return entry->text;
}
