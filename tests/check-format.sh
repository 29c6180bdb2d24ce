#!/usr/bin/env bash
# The C sources follow .clang-format. Usage: check-format.sh SOURCE-ROOT
set -euo pipefail
cd "$1"
if ! command -v clang-format >/dev/null; then
  echo "skipped: clang-format is not installed"
  exit 77
fi
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src tests bench -name '*.[ch]')
clang-format --dry-run --Werror $files
echo "$(wc -w <<<"$files") files formatted"
