/* manifest-samples.h: cluster specs used by the manifest tests and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pac-cluster-spec.h"

PacClusterSpec *manifest_sample_minimal (PacTkcApi api);
PacClusterSpec *manifest_sample_full (PacTkcApi api, const char *ca_pem);
PacClusterSpec *manifest_sample_article (PacTkcApi api, const char *cni);
