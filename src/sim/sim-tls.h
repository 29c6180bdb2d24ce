/* sim-tls.h: the simulator's own certificate authority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SIM_TYPE_TLS (sim_tls_get_type ())

G_DECLARE_FINAL_TYPE (SimTls, sim_tls, SIM, TLS, GObject)

SimTls *sim_tls_new (GError **error);
SimTls *sim_tls_new_from_pem (const char *ca_pem, const char *ca_key_pem, GError **error);
char *sim_tls_dup_ca_key_pem (SimTls *self);
const char *sim_tls_get_ca_pem (SimTls *self);
char *sim_tls_get_ca_sha256 (SimTls *self);
GTlsCertificate *sim_tls_issue_server (SimTls *self,
                                       const char *const *ip_addresses,
                                       const char *const *dns_names,
                                       GError **error);
gboolean sim_tls_issue_client (SimTls *self,
                               const char *common_name,
                               const char *organization,
                               char **cert_pem,
                               char **key_pem,
                               GError **error);

GTlsCertificate *sim_tls_get_ca_certificate (SimTls *self);
GTlsDatabase *sim_tls_get_ca_database (SimTls *self, GError **error);
gboolean
sim_tls_seeded_client (SimTls *self, const char **cert_pem, const char **key_pem, GError **error);

G_END_DECLS
