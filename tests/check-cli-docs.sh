#!/usr/bin/env bash
# pacific-ctl's man page and bash completion: the page renders without
# warnings and names every command and exit status pacific-ctl has; the
# completion script loads and completes commands and subcommands.
# Usage: check-cli-docs.sh SOURCE-ROOT
set -uo pipefail
cd "$1"
status=0
page=doc/pacific-ctl.1
if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "$page: $warnings"; status=1; }
fi
for command in account trust "namespaces list" "releases list" "images list" "clusters list" \
  "cluster get" "cluster create" "cluster wait" "cluster scale" "cluster upgrade" "cluster delete" \
  "kubeconfig export" signout pod-security access registry-ca prereqs credential; do
  grep -q -- "^\.B.*${command%% *}" "$page" || { echo "$page does not document $command"; status=1; }
done
for code in 0 1 2 3 4 5 6; do
  grep -qx ".B $code" "$page" || { echo "$page does not document exit status $code"; status=1; }
done
bash -n data/pacific-ctl.bash || status=1
complete_words() {
  bash -c '. data/pacific-ctl.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pacific_ctl; echo "${COMPREPLY[*]}"' _ "$@"
}
[ "$(complete_words pacific-ctl clu)" = "clusters cluster" ] || { echo "completion: clu → $(complete_words pacific-ctl clu)"; status=1; }
[ "$(complete_words pacific-ctl cluster cr)" = "create" ] || { echo "completion: cluster cr"; status=1; }
[ "$(complete_words pacific-ctl clusters list -o j)" = "json" ] || { echo "completion: -o j"; status=1; }
[ "$status" = 0 ] && echo "man page and bash completion agree with pacific-ctl"
exit $status
