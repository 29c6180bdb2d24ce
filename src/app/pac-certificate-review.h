/* pac-certificate-review.h: the pinned and the presented certificate side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-alert.h"

G_BEGIN_DECLS

/* A message dialog that shows the chain pinned for @host (nullable: none
 * is) beside the chain the server presents now; its "trust" response means
 * the user compared them and trusts @presented. "cancel" is the default. */
PacAlert *
pac_certificate_review_new (const char *host, GTlsCertificate *pinned, GTlsCertificate *presented);

G_END_DECLS
