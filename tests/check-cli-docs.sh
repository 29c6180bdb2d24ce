#!/usr/bin/env bash
# pacific-ctl's man page and bash completion: the page renders without
# warnings and names every command and exit status pacific-ctl has; the
# completion script loads, completes commands and verbs, and offers every
# option each command's --help lists (it asks the program, so a new option
# must appear there); the front door answers --help with exit 0 for every
# command and a missing verb with usage and exit 2.
# Usage: check-cli-docs.sh SOURCE-ROOT PACIFIC-CTL
set -uo pipefail
ctl=$(realpath "$2")
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
[ "$(complete_words "$ctl" clu)" = "clusters cluster" ] || { echo "completion: clu → $(complete_words "$ctl" clu)"; status=1; }
[ "$(complete_words "$ctl" cluster cr)" = "create" ] || { echo "completion: cluster cr"; status=1; }
[ "$(complete_words "$ctl" clusters list -o j)" = "json" ] || { echo "completion: -o j"; status=1; }
[ "$(complete_words "$ctl" registry-ca add --route d)" = "daemonset" ] || { echo "completion: --route d"; status=1; }
commands=(account "account add" "account list" "account remove" trust "namespaces list" "releases list"
  "images list" "clusters list" "cluster get" "cluster create" "cluster wait" "cluster scale"
  "cluster upgrade" "cluster delete" "kubeconfig export" signout pod-security "pod-security apply"
  access registry-ca "registry-ca add" "registry-ca remove" "registry-ca status" prereqs
  "prereqs check" credential)
for command in "${commands[@]}"; do
  read -r -a words <<<"$command"
  "$ctl" "${words[@]}" --help >/tmp/pacific-ctl-help.$$ 2>&1
  code=$?
  [ "$code" = 0 ] || { echo "pacific-ctl $command --help: exit $code"; status=1; }
  grep -q "pacific-ctl $command" /tmp/pacific-ctl-help.$$ ||
    { echo "pacific-ctl $command --help does not name itself"; status=1; }
  offered=" $(complete_words "$ctl" "${words[@]}" --) "
  for option in $(grep -oE -- '(^|[ ,])--[a-z][a-z-]*' /tmp/pacific-ctl-help.$$ | tr -d ' ,' | sort -u); do
    [[ $offered == *" $option "* ]] || { echo "completion of pacific-ctl $command lacks $option"; status=1; }
  done
done
rm -f /tmp/pacific-ctl-help.$$
for command in account cluster registry-ca namespaces; do
  "$ctl" "$command" >/dev/null 2>&1
  code=$?
  [ "$code" = 2 ] || { echo "pacific-ctl $command (no verb): exit $code, not 2"; status=1; }
done
"$ctl" >/dev/null 2>&1
[ $? = 2 ] || { echo "pacific-ctl alone: not a usage error"; status=1; }
[ "$status" = 0 ] && echo "man page and bash completion agree with pacific-ctl"
exit $status
