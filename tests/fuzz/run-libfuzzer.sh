#!/usr/bin/env bash
# Runs a libFuzzer binary for a bounded time over its seed corpus.
# New inputs go to a scratch directory, never into the source tree.
# Usage: run-libfuzzer.sh FUZZER SEED-CORPUS-DIR [LIBFUZZER-FLAGS…]
set -euo pipefail
fuzzer=$1 seeds=$2
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$fuzzer" "$@" -max_total_time="${PACIFIC_FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
  -artifact_prefix="${PACIFIC_FUZZ_ARTIFACTS:-$PWD}/" "$scratch" "$seeds"
