/* pac-connection-reach.c: whether the server answers at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request and watch stream tells the connection how it went
 * (pac_connection_note_reach()). An answer of any HTTP status, or a TLS
 * handshake that failed on trust, means the server is there; a refused,
 * reset or timed-out connection means it is not, and the connection is
 * unreachable from then until the next answer. The watches keep retrying
 * meanwhile (pac-watch.c), so the state returns by itself; "reachable"
 * notifies each change, for the window to show it.
 */
#define G_LOG_DOMAIN "pac-connection"

#include "config.h"

#include "pac-connection-private.h"
#include "pac-error.h"

gboolean
pac_connection_is_reachable (PacConnection *self)
{
  return self->unreachable_since == 0;
}

/* Returns: unix seconds since the server stopped answering; 0 while it answers */
gint64
pac_connection_get_unreachable_since (PacConnection *self)
{
  return self->unreachable_since;
}

static gboolean
says_nothing_about_reach (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, PAC_ERROR, PAC_ERROR_CANCELLED) || error->domain == G_TLS_ERROR
         || error->domain == PAC_ERROR; /* ours: explained trust and HTTP problems */
}

/**
 * pac_connection_note_reach:
 * @transport_error: (nullable): why no answer came; %NULL: one came
 */
void
pac_connection_note_reach (PacConnection *self, const GError *transport_error)
{
  gint64 since = self->unreachable_since;

  if (transport_error == NULL)
    since = 0;
  else if (says_nothing_about_reach (transport_error))
    return;
  else if (since == 0)
    {
      since = g_get_real_time () / G_USEC_PER_SEC;
      g_debug ("%s stopped answering: %s", g_uri_get_host (self->base), transport_error->message);
    }
  if (since == self->unreachable_since)
    return;
  self->unreachable_since = since;
  g_object_notify_by_pspec (G_OBJECT (self), pac_connection_reachable_pspec);
}
