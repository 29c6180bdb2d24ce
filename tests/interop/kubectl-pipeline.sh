#!/usr/bin/env bash
# interop: pacific-ctl as pipelines use it. The GitLab example's script
# (doc/examples/gitlab-ci.yml) runs line by line outside the session
# wrapper: no D-Bus, no keyring, a fresh HOME, stdin a pipe that never
# ends (a command that read it would hang and time out). kubectl then uses
# the exported kubeconfig. Every other subcommand against the simulator:
# JSON and YAML parsed, the documented exit statuses, idempotent re-runs.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
examples=$(cd "$(dirname "$0")/../../doc/examples" && pwd)

sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 1
runner="$work/runner"
mkdir -p "$runner/home" "$runner/fresh" "$runner/run" "$runner/job"
chmod 700 "$runner/run"
# headless COMMAND...: as on a CI runner (only what the job's variables give);
# stdin is a pipe that stays open, so a command reading it would hang
headless() {
  # (the test build's own settings pass: its schema, the sanitizers', and
  # GLib's dummy proxy resolver, since libproxy aborts under AddressSanitizer)
  env -i PATH="$PATH" HOME="${RUNNER_HOME:-$runner/home}" XDG_RUNTIME_DIR="$runner/run" \
    ${GIO_USE_PROXY_RESOLVER:+GIO_USE_PROXY_RESOLVER=$GIO_USE_PROXY_RESOLVER} \
    GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-}" ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-}" PACIFIC_PASSWORD="${RUNNER_PASSWORD-DevOps!23}" \
    PACIFIC_SERVER="$url" PACIFIC_USER=devops@vsphere.local PACIFIC_CA_FILE="$work/ca.pem" \
    NAMESPACE=dev CLUSTER=review-main CTL="$ctl" \
    timeout 120 bash -c "cd '$runner/job' && pacific-ctl() { \"\$CTL\" \"\$@\"; } && $*" \
    < <(exec timeout 130 sleep 600 >/dev/null 2>&1)
}
T="--server $url --user devops@vsphere.local --ca-file $work/ca.pem"
status() { headless "$@" '>/dev/null 2>&1; echo exit $?'; }

# The GitLab job, as written
mapfile -t script < <(python3 -c '
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["create-cluster"]
for line in job["script"]: print(line)' "$examples/gitlab-ci.yml")
check "the example has its four steps" test "${#script[@]}" -ge 5
joined=$(printf '%s && ' "${script[@]}")
expect "the GitLab job runs headless, kubectl sees the nodes" 'review-main-control-plane.* Ready' \
  headless "${joined% && }"
expect "its kubeconfig holds no password" '^0$' bash -c "grep -c 'DevOps' '$runner/job/kubeconfig'"
expect "the job again: the cluster unchanged" 'dev/review-main: unchanged' \
  headless "${joined% && }"
check "no session bus was there" test ! -e "$runner/run/bus"

# The Ansible play's commands, its variables filled in (Ansible is not installed here)
mapfile -t play < <(python3 -c '
import sys, yaml
play = yaml.safe_load(open(sys.argv[1]))[0]
for task in play["tasks"]:
    command = task["ansible.builtin.command"]
    print(command.replace("{{ target }}", sys.argv[2]).replace("{{ cluster }}", play["vars"]["cluster"]))' \
  "$examples/ansible-cluster.yml" "$T -n dev")
check "the play has three tasks" test "${#play[@]}" -eq 3
expect "the play: create" 'dev/team-a: created' headless "${play[0]/pacific-ctl/\$CTL}"
expect "the play: wait" 'dev/team-a: running' headless "${play[1]/pacific-ctl/\$CTL}"
expect "the play: export with the plugin" 'exec' headless "${play[2]/pacific-ctl/\$CTL}"
expect "the play again: unchanged, so not 'changed'" 'dev/team-a: unchanged' headless "${play[0]/pacific-ctl/\$CTL}"

# Lists, parsed
expect "namespaces list -o json" '^dev test$' headless "pacific-ctl namespaces list $T -o json |
  python3 -c 'import json,sys; print(*[n[\"name\"] for n in json.load(sys.stdin)])'"
expect "releases list -o json: compatible ones" 'v1.26.5\+vmware.2-fips.1-tkg.1 True' headless \
  "pacific-ctl releases list $T -o json | python3 -c 'import json,sys; [print(r[\"version\"], r[\"compatible\"]) for r in json.load(sys.stdin)]'"
expect "images list -n dev -o yaml" 'os: ubuntu64Guest' headless "pacific-ctl images list $T -n dev -o yaml"
expect "clusters list -A -o json" 'dev/dev-cluster-01 test/qa-cluster' headless \
  "pacific-ctl clusters list $T -A -o json | python3 -c 'import json,sys; rows = json.load(sys.stdin); print(*[r[\"namespace\"] + \"/\" + r[\"name\"] for r in rows if r[\"name\"] in (\"dev-cluster-01\", \"qa-cluster\")])'"
expect "cluster get -o yaml" '^workers: 2$' headless \
  "pacific-ctl cluster get review-main $T -n dev -o yaml | python3 -c 'import yaml,sys; print(\"workers:\", yaml.safe_load(sys.stdin)[\"workers\"])'"
expect "a table" '^NAMESPACE +NAME +PHASE' headless "pacific-ctl clusters list $T -n dev"

# The exit statuses
expect "usage is 2" '^exit 2$' status "pacific-ctl clusters list $T"
expect "a mistyped namespace is not found (3), not an empty list" '^exit 3$' status "pacific-ctl clusters list $T -n nosuch"
expect "and says which namespaces there are" 'no vSphere namespace .nosuch.*dev, test' headless "pacific-ctl clusters list $T -n nosuch"
expect "export to a mistyped namespace writes nothing" '^exit 3 absent$' \
  headless "pacific-ctl kubeconfig export $T -n nosuch --kubeconfig nosuch.kubeconfig >/dev/null 2>&1; echo exit \$? \$(test -e nosuch.kubeconfig && echo present || echo absent)"
expect "a cluster that is not there: checked before the file is named or a warning given" '^exit 3 0$' \
  headless "pacific-ctl kubeconfig export $T -n dev --cluster nothing --mode token --kubeconfig none.kubeconfig >out.txt 2>&1; echo exit \$? \$(grep -c -e '^kubeconfig:' -e Warning out.txt)"
RUNNER_PASSWORD= expect "no D-Bus and no password: 4, with where a password comes from" '^exit 4 1$' \
  headless "pacific-ctl namespaces list $T >out.txt 2>&1; echo exit \$? \$(grep -c -- '--password-stdin or PACIFIC_PASSWORD' out.txt)"
expect "not found is 3" '^exit 3$' status "pacific-ctl cluster get nothing $T -n dev"
RUNNER_PASSWORD=wrong expect "a wrong password is 4" '^exit 4$' status "pacific-ctl namespaces list $T"
RUNNER_HOME="$runner/fresh" expect "an untrusted server is 5" '^exit 5$' status "pacific-ctl namespaces list --server $url --user devops@vsphere.local"
# A runner without a system trust store (a minimal container): the system
# database is NULL; pins and --ca-file still work, anything else is refused
# with the certificate shown, and nothing is critical. /etc/ssl/certs is
# hidden in a mount namespace of its own, never touched.
if unshare --mount true 2>/dev/null; then
  no_trust_store() { unshare --mount bash -c 'mount -t tmpfs none /etc/ssl/certs && "$@" 2>&1 | grep -v "Failed to load TLS database"' _ "$@"; }
  expect "no trust store: --ca-file still works" '^dev$' \
    no_trust_store env PACIFIC_PASSWORD='DevOps!23' HOME="$runner/fresh" "$ctl" namespaces list $T
  expect "no trust store: anything else is refused with the certificate" 'is not trusted.*SHA-256' \
    no_trust_store env PACIFIC_PASSWORD='DevOps!23' HOME="$runner/fresh" "$ctl" namespaces list --server "$url" --user devops@vsphere.local
  check "no trust store: no critical, no assertion" bash -c "! { $(declare -f no_trust_store); no_trust_store env PACIFIC_PASSWORD='DevOps!23' HOME='$runner/fresh' '$ctl' namespaces list --server '$url' --user devops@vsphere.local; } | grep -E 'CRITICAL|assertion'"
else
  echo "# skipped: no mount namespace here for the missing trust store"
fi
check "cluster create for the timeout" headless "pacific-ctl cluster create $T -n dev --name slow-01 --workers 1"
expect "a timeout is 6" '^exit 6$' status "pacific-ctl cluster wait slow-01 $T -n dev --timeout 0s"
# --timeout is a deadline for the whole command (sign-in, retries, reads):
# against a server that takes the connection and never answers, and
# against the simulator stopped in the middle of a wait (held to +2 s)
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True); time.sleep(300)' >"$work/mute.port" &
mute=$!
for _ in $(seq 100); do [ -s "$work/mute.port" ] && break; sleep 0.1; done
expect "--timeout 3s holds against a server that never answers" '^exit 6 [3-5]$' \
  headless "s=\$SECONDS; pacific-ctl cluster wait x --server https://127.0.0.1:$(cat "$work/mute.port") --user devops@vsphere.local -n dev --timeout 3s >/dev/null 2>&1; echo exit \$? \$((SECONDS - s))"
kill "$mute"
check "a cluster to fail" headless "pacific-ctl cluster create $T -n dev --name frozen-01 --workers 1"
( sleep 2; kill -STOP "$pid"; sleep 8; kill -CONT "$pid" ) &
stopper=$!
expect "--timeout 5s holds when the server stops mid-wait" '^exit 6 [5-7]$' \
  headless "s=\$SECONDS; pacific-ctl cluster wait dev-cluster-01 $T -n dev --for deleted --timeout 5s >/dev/null 2>&1; echo exit \$? \$((SECONDS - s))"
wait "$stopper"
check "the simulator fails the cluster" sim_admin /_sim/clusters/fail '{"namespace":"dev","name":"frozen-01","message":"disk full"}'
expect "a failed cluster ends the wait at once (not after 10m), with why" '^exit 1 .*frozen-01 failed: disk full' \
  headless "pacific-ctl cluster wait frozen-01 $T -n dev --timeout 10m >out.txt 2>&1; echo exit \$? \$(cat out.txt)"
expect "-o json for delete, and wait --for deleted" '^deleting deleted$' \
  headless "pacific-ctl cluster delete frozen-01 $T -n dev --yes -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"status\"], end=\" \")' && pacific-ctl cluster wait frozen-01 $T -n dev --for deleted -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"status\"])'"
expect "--dry-run -o json prints JSON" '^TanzuKubernetesCluster$' \
  headless "pacific-ctl cluster create $T -n dev --name json-01 --dry-run -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"kind\"])'"
expect "a different spec is refused without --apply" 'differs: --apply' \
  headless "pacific-ctl cluster create $T -n dev --name slow-01 --workers 2"
expect "with --apply it is changed" 'dev/slow-01: configured' \
  headless "pacific-ctl cluster create $T -n dev --name slow-01 --workers 2 --apply"
expect "--dry-run prints the YAML, changes nothing" '^kind: TanzuKubernetesCluster' \
  headless "pacific-ctl cluster create $T -n dev --name dry-01 --dry-run"
expect "nothing was made by it" '^exit 3$' status "pacific-ctl cluster get dry-01 $T -n dev"
expect "a bad name, the form's check" 'name' headless "pacific-ctl cluster create $T -n dev --name Bad_Name"
expect "--workers -1 is refused, not taken as 'not given'" '^exit 2$' status "pacific-ctl cluster create $T -n dev --name neg-01 --workers -1"
expect "--control-plane 0 is refused, not replaced by 1" 'control-plane: must be 1 or 3' headless "pacific-ctl cluster create $T -n dev --name zero-01 --control-plane 0 2>&1"
expect "beyond int32 is refused by the option parser" '^exit 2$' status "pacific-ctl cluster scale slow-01 $T -n dev --workers 99999999999 --yes"
expect "a manifest of two clusters is refused, not cut to the first" 'line [0-9]*, column 1: a second document begins here' \
  headless "pacific-ctl cluster create $T -n dev --name two-a --dry-run > two.yaml && echo --- >> two.yaml && pacific-ctl cluster create $T -n dev --name two-b --dry-run >> two.yaml && pacific-ctl cluster create $T -n dev -f two.yaml 2>&1"
expect "and nothing was made" '^exit 3$' status "pacific-ctl cluster get two-a $T -n dev"
expect "a manifest's replicas: -1 is refused on its field" 'nodePools\[0\].replicas: must be zero or more' \
  headless "pacific-ctl cluster create $T -n dev --name neg-01 --dry-run | sed 's/replicas: .*/replicas: -1/' > neg.yaml && pacific-ctl cluster create $T -n dev -f neg.yaml 2>&1"

# Day 2
expect "scale asks for --yes" '--yes' headless "pacific-ctl cluster scale slow-01 $T -n dev --workers 3"
expect "scale" 'dev/slow-01: scaled' headless "pacific-ctl cluster scale slow-01 $T -n dev --workers 3 --yes"
eventually "kubectl sees three workers" '^3$' 20 k get tkc slow-01 -n dev -o 'jsonpath={.spec.topology.nodePools[0].replicas}'
expect "a downgrade refused with its reason" 'cannot be downgraded' \
  headless "pacific-ctl cluster upgrade slow-01 $T -n dev --release v1.25 --yes"
expect "delete" 'dev/slow-01: deleting' headless "pacific-ctl cluster delete slow-01 $T -n dev --yes"
expect "wait for deleted" 'dev/slow-01: deleted' \
  headless "pacific-ctl cluster wait slow-01 $T -n dev --for deleted --timeout 60s"
expect "delete again: absent" 'dev/slow-01: absent' \
  headless "pacific-ctl cluster delete slow-01 $T -n dev --yes"

# Passwords, trust, accounts, sign-out
expect "--password-stdin" '^NAME' bash -c "printf 'DevOps!23\n' | env -i PATH='$PATH' HOME='$runner/home' \
  ${GIO_USE_PROXY_RESOLVER:+GIO_USE_PROXY_RESOLVER=$GIO_USE_PROXY_RESOLVER} \
  GSETTINGS_SCHEMA_DIR='${GSETTINGS_SCHEMA_DIR:-}' ASAN_OPTIONS='${ASAN_OPTIONS:-}' \
  '$ctl' namespaces list $T --password-stdin"
fingerprint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_sha256"])' "$work/ready.json")
leaf=$(python3 - "$url" "$work/ca.pem" <<'PY'
import hashlib, ssl, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
pem = ssl.get_server_certificate((u.hostname, u.port or 443), ca_certs=sys.argv[2])
print(hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest())
PY
)
RUNNER_HOME="$runner/fresh" expect "trust of a server that does not answer: a failure, not 'trusted'" '^exit [1-9][0-9]* 0$' \
  headless 'pacific-ctl trust https://127.0.0.1:1 --fingerprint 00 >trust.out 2>&1; echo exit $? $(grep -c trusted trust.out)'
RUNNER_HOME="$runner/fresh" expect "trust without a fingerprint: shown, exit 5" 'SHA-256:' headless "pacific-ctl trust $url"
RUNNER_HOME="$runner/fresh" expect "trust with the CA's (not the server's) fingerprint: refused" 'not the one given' \
  headless "pacific-ctl trust $url --fingerprint $fingerprint"
RUNNER_HOME="$runner/fresh" expect "trust with the server's: pinned" 'pinned$' headless "pacific-ctl trust $url --fingerprint $leaf"
RUNNER_HOME="$runner/fresh" expect "then no --ca-file is needed" '^dev$' headless \
  "pacific-ctl namespaces list --server $url --user devops@vsphere.local -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"name\"])'"
expect "account add" ': added$' headless "pacific-ctl account add $T --name Lab"
expect "account add again" ': unchanged$' headless "pacific-ctl account add $T --name Lab"
expect "account list -o json" '^Lab supervisor$' headless \
  "pacific-ctl account list -o json | python3 -c 'import json,sys; [print(a[\"name\"], a[\"kind\"]) for a in json.load(sys.stdin)]'"
expect "commands take the account for --server and --user" '^dev-cluster-01$' headless \
  "pacific-ctl cluster get dev-cluster-01 --account $url --ca-file $work/ca.pem -n dev -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"name\"])'"
# Every command that talks to a server takes the same connection options
for c in "kubeconfig export --cluster dev-cluster-01 -n dev --kubeconfig acct.kubeconfig" \
         "pod-security --cluster dev-cluster-01 -n dev --in default --level baseline --dry-run" \
         "access list --cluster dev-cluster-01 -n dev" \
         "registry-ca status dev/dev-cluster-01"; do
  expect "--account and --password-stdin: $c" '^exit 0$' \
    headless "printf 'DevOps!23\\n' | PACIFIC_PASSWORD= pacific-ctl $c --account $url --ca-file $work/ca.pem --password-stdin >out.txt 2>&1; echo exit \$?; cat out.txt"
done
expect "signout takes --account" 'cleaned|unchanged|nothing' headless "pacific-ctl signout --account $url --file acct.kubeconfig"
expect "an unknown account is not found (3)" '^exit 3$' status "pacific-ctl clusters list --account nobody -n dev"
expect "--remember on a runner: said, not kept" 'not kept' \
  headless "pacific-ctl account add --server https://127.0.0.2:1 --user x@vsphere.local --kind vcenter --remember"
expect "account remove" ': removed$' headless "pacific-ctl account remove $url"
expect "signout cleans the job's kubeconfig" 'cleaned' \
  headless "pacific-ctl signout --server $url --user devops@vsphere.local --file kubeconfig"
expect "Pacific's entries are gone" '^0$' bash -c "kubectl --kubeconfig '$runner/job/kubeconfig' config get-contexts -o name | grep -c review-main"
expect "every command has --help" '^ok$' bash -c "for c in 'namespaces list' 'releases list' 'images list' 'clusters list' 'cluster get' 'cluster create' 'cluster wait' 'cluster scale' 'cluster upgrade' 'cluster delete' 'account add' 'account list' 'account remove' trust signout prereqs 'kubeconfig export' credential 'pod-security' 'access list' 'registry-ca add'; do '$ctl' \$c --help </dev/null | grep -q Usage || { echo \"no help: \$c\"; exit 1; }; done; echo ok"
sim_stop

# A Supervisor whose Kubernetes API (6443) presents another certificate than
# its sign-in: pacific-ctl trust shows both and pins each one named
sim_start --supervisor-version 8.0 --scenario demo --separate-api-certificate
leaf_of() { python3 - "$1" "$2" "$work/ca.pem" <<'PY'
import hashlib, ssl, sys
pem = ssl.get_server_certificate((sys.argv[1], int(sys.argv[2])), ca_certs=sys.argv[3])
print(hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest())
PY
}
api_host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname)' "$url")
wcp_port=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port or 443)' "$url")
sign_in_leaf=$(leaf_of "$api_host" "$wcp_port")
api_leaf=$(leaf_of "$api_host" 6443)
expect "the two ports present two certificates" '^differ$' bash -c "[ '$sign_in_leaf' != '$api_leaf' ] && echo differ"
RUNNER_HOME="$runner/fresh3" RUNNER_PASSWORD= expect "trust with no password to be had: still shown, exit 5 (it said 'trusted')" \
  'SHA-256: .* exit 5' headless "pacific-ctl trust $url 2>&1 | tr '\n' ' '; echo exit \${PIPESTATUS[0]}"
RUNNER_HOME="$runner/fresh2" expect "trust with the sign-in's fingerprint only: the API's is shown, exit 5" \
  'Kubernetes API \(port 6443\).*exit 5' \
  headless "pacific-ctl trust $url --fingerprint $sign_in_leaf 2>&1 | tr '\n' ' '; echo exit \${PIPESTATUS[0]}"
RUNNER_HOME="$runner/fresh2" expect "trust with both: the API's pinned too" ":6443: pinned$" \
  headless "pacific-ctl trust $url --fingerprint $sign_in_leaf --fingerprint $api_leaf"
RUNNER_HOME="$runner/fresh2" expect "then both are trusted" '^exit 0 .*: trusted .*:6443: trusted' \
  headless "pacific-ctl trust $url >t.out 2>&1; echo exit \$? \$(tr '\n' ' ' <t.out)"
RUNNER_HOME="$runner/fresh2" expect "and kubectl's way in works without --ca-file" '^dev$' headless \
  "pacific-ctl namespaces list --server $url --user devops@vsphere.local -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"name\"])'"
RUNNER_HOME="$runner/fresh2" expect "an exported context names the API's pinned certificate: kubectl reaches 6443" \
  'dev-cluster-01' headless "pacific-ctl kubeconfig export -n dev --mode token --server $url --user devops@vsphere.local --file '$runner/api-pin.kubeconfig' --current >/dev/null 2>&1; kubectl --kubeconfig '$runner/api-pin.kubeconfig' get tkc -n dev -o name 2>&1"
RUNNER_HOME="$runner/fresh2" expect "a vCenter is one port to trust" ': pinned$' \
  headless "pacific-ctl trust $vcenter --fingerprint \$(python3 -c 'import hashlib,ssl,sys,urllib.parse; u=urllib.parse.urlsplit(sys.argv[1]); print(hashlib.sha256(ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((u.hostname,u.port),ca_certs=sys.argv[2]))).hexdigest())' $vcenter $work/ca.pem) 2>&1 | tail -1"
sim_stop
finish
