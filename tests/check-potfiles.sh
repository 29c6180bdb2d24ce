#!/usr/bin/env bash
# Every file with translatable strings is listed in po/POTFILES.in, and
# every listed file exists. Usage: check-potfiles.sh SOURCE-ROOT
set -euo pipefail
cd "$1"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
# C: _( or N_( or C_( ; .ui: translatable="yes"; data: files xgettext reads.
found=$( { grep -rlE '\b(N|C|NC)?_ ?\(' --include='*.c' src || true
           grep -rl 'translatable="yes"' --include='*.ui' ui || true
           ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true; } | sort -u)
for f in $found; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done
[ "$status" = 0 ] && echo "POTFILES.in lists all $(wc -w <<<"$found") files with translatable strings"
exit $status
