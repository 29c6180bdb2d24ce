#!/usr/bin/env bash
# Every language in LINGUAS is complete (no untranslated or fuzzy message)
# and reaches the merged desktop and metainfo files.
# It also extracts the strings from the sources, so a string added to the
# code but not to a .po fails here too.
# Usage: check-translations.sh PO-DIR DESKTOP-FILE METAINFO-FILE
set -euo pipefail
podir=$(cd "$1" && pwd) desktop=$2 metainfo=$3
status=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The keywords of meson's 'glib' gettext preset.
(cd "$podir/.." && xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --output="$scratch/current.pot")
for lang in $(grep -v '^#' "$podir/LINGUAS"); do
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$podir/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$lang.po is incomplete"; status=1 ;;
  esac
  if ! msgcmp "$podir/$lang.po" "$scratch/current.pot" 2>"$scratch/msgcmp.log"; then
    echo "$lang.po lacks strings that the sources have (run: ninja -C _build pacific-update-po):"
    head -20 "$scratch/msgcmp.log"
    status=1
  fi
  grep -q "^Comment\[$lang\]=" "$desktop" || { echo "$desktop has no Comment[$lang]"; status=1; }
  grep -q "<summary xml:lang=\"$lang\">" "$metainfo" || { echo "$metainfo has no $lang summary"; status=1; }
done
exit $status
