/* sim-tls-front.h: TLS in front of the simulator's HTTP servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SIM_TYPE_TLS_FRONT (sim_tls_front_get_type ())

G_DECLARE_FINAL_TYPE (SimTlsFront, sim_tls_front, SIM, TLS_FRONT, GObject)

SimTlsFront *sim_tls_front_new (SoupServer *soup,
                                GTlsCertificate *certificate,
                                GTlsAuthenticationMode mode,
                                GHashTable *peer_certificates);
GInetSocketAddress *
sim_tls_front_listen (SimTlsFront *self, GInetSocketAddress *address, GError **error);
void sim_tls_front_stop (SimTlsFront *self);
char *sim_tls_front_address_key (GSocketAddress *address);

G_END_DECLS
