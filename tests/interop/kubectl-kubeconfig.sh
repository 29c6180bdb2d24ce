#!/usr/bin/env bash
# interop: kubeconfigs that pacific-ctl writes, judged by real kubectl —
# the credential plugin (warm, cold, after every token was revoked, with
# no password to be had), a static token and the admin kubeconfig, for
# the Supervisor and a guest cluster; no credential printed or left in a
# backup; debug lines on stderr; foreign entries kept byte for byte
# through 100 merges and a sign-out; clashes; kubectl writing at the same
# time.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_CREDENTIAL_COMMAND=${PACIFIC_CREDENTIAL_COMMAND:?}

sim_start --supervisor-version 7.0.1 --scenario demo --cluster-seconds 2
pin_supervisor
export PACIFIC_PASSWORD='DevOps!23'
user=devops@vsphere.local
server=$url

# --- the Supervisor, through the credential plugin ---
sk="$work/supervisor.kubeconfig"
expect "pacific-ctl writes a Supervisor context" '^@@ contexts: add dev$' \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --ca-file "$work/ca.pem" \
  --kubeconfig "$sk" --current
expect "the file is 0600" '^600$' stat -c %a "$sk"
expect "the context names the Kubernetes API: port 6443 of the Supervisor's address" "^https://$host:6443\$" \
  kubectl --kubeconfig "$sk" config view -o 'jsonpath={.clusters[0].cluster.server}'
expect "the stanza: client.authentication.k8s.io/v1, interactiveMode Never, an absolute command" \
  "^client.authentication.k8s.io/v1 Never /" \
  kubectl --kubeconfig "$sk" config view -o 'jsonpath={.users[0].user.exec.apiVersion} {.users[0].user.exec.interactiveMode} {.users[0].user.exec.command}'
expect "no secret in the kubeconfig" '^0$' bash -c "grep -ci 'token\|password' '$sk'"
expect "kubectl get tkc through the plugin (cold: a login)" 'dev-cluster-01' \
  kubectl --kubeconfig "$sk" get tkc -n dev
expect "the token is in the kernel keyring" "pacific:$url\|devops@vsphere.local" cat /proc/keys
expect "kubectl again (warm: the kernel keyring)" 'dev-cluster-01' \
  kubectl --kubeconfig "$sk" get tkc -n dev
expect "the plugin's warm path prints an ExecCredential with an expiry" \
  '"kind":"ExecCredential","status":\{"token":"[^"]+","expirationTimestamp":"20[0-9-]+T[0-9:]+Z"\}' \
  "$PACIFIC_CREDENTIAL_COMMAND" --server "$server" --user "$user"
sim_admin /_sim/expire-tokens '{}' >/dev/null
# client-go does not retry the request a 401 answered, but runs the plugin
# again at once; that call logs in afresh, so the next request works
kubectl --kubeconfig "$sk" get tkc -n dev >/dev/null 2>&1
expect "after every token was revoked, the plugin logged in again" 'dev-cluster-01' \
  kubectl --kubeconfig "$sk" get tkc -n dev
(
  unset PACIFIC_PASSWORD
  sim_admin /_sim/expire-tokens '{}' >/dev/null
  forget_keys
  expect "no password to be had: kubectl fails with the plugin's one-line reason" \
    'pacific-ctl credential: .*(keyring unlocked|PACIFIC_PASSWORD)' \
    kubectl --kubeconfig "$sk" get tkc -n dev
  echo "$passed $failed" >"$work/sub.count"
)
read -r passed failed <"$work/sub.count"

# The administrator may list namespaces
ak="$work/admin-sv.kubeconfig"
PACIFIC_PASSWORD='Admin!23' "$ctl" kubeconfig --server "$server" --user administrator@vsphere.local \
  --ca-file "$work/ca.pem" --kubeconfig "$ak" --current >/dev/null 2>&1
# The login above left its token in the Secret Service; revoked now, the
# plugin's cold path must not hand it to kubectl
sim_admin /_sim/expire-tokens '{}' >/dev/null
expect "kubectl get ns on the Supervisor, as the administrator (a revoked token in the Secret Service is not used)" '^dev +Active' \
  env PACIFIC_PASSWORD='Admin!23' kubectl --kubeconfig "$ak" get ns

# --- a guest cluster, in all three modes ---
gk="$work/guest.kubeconfig"
eventually "pacific-ctl writes a guest cluster's context (plugin)" '^@@ contexts: add dev-cluster-01$' 10 \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --kubeconfig "$gk" --current
expect "kubectl get ns in the guest, through the plugin" '^kube-system +Active' kubectl --kubeconfig "$gk" get ns
expect "and again, warm" '^kube-system +Active' kubectl --kubeconfig "$gk" get ns
sim_admin /_sim/expire-tokens '{}' >/dev/null
kubectl --kubeconfig "$gk" get ns >/dev/null 2>&1
expect "the guest after every token was revoked" '^kube-system +Active' kubectl --kubeconfig "$gk" get ns
tk="$work/token.kubeconfig"
expect "token mode warns" 'Warning: the token is written' \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --mode token --kubeconfig "$tk" --current
expect "kubectl get ns with the static token" '^kube-system +Active' kubectl --kubeconfig "$tk" get ns
xk="$work/adminmode.kubeconfig"
expect "admin mode warns" 'Warning: the admin kubeconfig' \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --mode admin --kubeconfig "$xk" --current
expect "kubectl get ns with the admin kubeconfig's certificate" '^kube-system +Active' kubectl --kubeconfig "$xk" get ns

# --- no credential in anything pacific-ctl prints, nor in the backups ---
printed="$work/printed.txt"
"$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --mode token --kubeconfig "$tk" --dry-run >"$printed" 2>&1
cp "$tk" "$work/token.before"
"$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --mode token --kubeconfig "$tk" >>"$printed" 2>&1
"$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --cluster dev-cluster-01 \
  --mode admin --kubeconfig "$xk" >>"$printed" 2>&1
token_value() { kubectl --kubeconfig "$1" config view --raw -o 'jsonpath={.users[0].user.token}'; }
key_value() { kubectl --kubeconfig "$1" config view --raw -o 'jsonpath={.users[0].user.client-key-data}'; }
secrets="$work/secrets.txt"
{ token_value "$work/token.before"; echo; token_value "$tk"; echo; key_value "$xk"; echo; } | grep -v '^$' | sort -u >"$secrets"
expect "three credentials were written (two tokens, one key)" '^3$' bash -c "wc -l <'$secrets'"
cp "$tk" "$work/token.last"
cp "$xk" "$work/admin.last"
"$ctl" signout --server "$server" --user "$user" --file "$tk" >>"$printed" 2>&1
"$ctl" signout --server "$server" --user "$user" --file "$xk" >>"$printed" 2>&1
expect "the diffs were printed, credentials shown by length" 'token: <redacted, [0-9]+ bytes>' cat "$printed"
expect "sign-out printed what it removed" '^- +client-key-data: <redacted, [0-9]+ bytes>' cat "$printed"
expect "no credential in anything printed" '^none$' \
  bash -c "grep -F -f '$secrets' '$printed' >/dev/null && echo found || echo none"
expect "nor in the backups after sign-out" '^none$' \
  bash -c "grep -F -f '$secrets' '$tk.pacific-backup' '$xk.pacific-backup' >/dev/null && echo found || echo none"
expect "the backup still reads as a kubeconfig with Pacific's context" '^dev-cluster-01$' \
  kubectl --kubeconfig "$xk.pacific-backup" config get-contexts -o name

# --- diagnostics go to stderr: kubectl reads the plugin's stdout ---
sim_admin /_sim/expire-tokens '{}' >/dev/null
forget_keys
expect "kubectl through the plugin with pacific-ctl's HTTP debug log on" '^kube-system +Active' \
  env G_MESSAGES_DEBUG=all kubectl --kubeconfig "$gk" get ns
expect "and the debug lines went to stderr" 'pac-http' \
  bash -c "G_MESSAGES_DEBUG=all '$ctl' namespaces list --server '$server' --user '$user' -o json 2>&1 >/dev/null"
expect "while stdout stays JSON" '^json$' \
  bash -c "G_MESSAGES_DEBUG=all '$ctl' namespaces list --server '$server' --user '$user' -o json 2>/dev/null | python3 -c 'import json, sys; json.load(sys.stdin); print(\"json\")'"

# --- foreign entries: untouched through 100 merges and a sign-out ---
rk="$work/rich.kubeconfig"
cp "$(dirname "$0")/../data/rich.kubeconfig" "$rk"
chmod 600 "$rk"
foreign() { # the entries Pacific did not write, as kubectl sees them
  kubectl --kubeconfig "$rk" config view --raw -o json | python3 -c '
import json, sys
c = json.load(sys.stdin)
ours = lambda e, k: any(x.get("name") == "io.github.pacificapp.Pacific" for x in e[k].get("extensions") or [])
for s, k in (("clusters", "cluster"), ("users", "user"), ("contexts", "context")):
    c[s] = [e for e in c.get(s) or [] if not ours(e, k)]
print(json.dumps(c, sort_keys=True))'
}
foreign >"$work/foreign.before"
for i in $(seq 100); do
  case $((i % 4)) in
    0) args=(--namespace dev) ;;
    1) args=(--namespace "$(sed -n "$((i % 2 + 1))p" <<<$'dev\ntest')") ;;
    2) args=(--namespace dev --cluster dev-cluster-01) ;;
    3) args=(--sign-out) ;;
  esac
  if [ "${args[0]}" = --sign-out ]; then
    "$ctl" kubeconfig --sign-out --kubeconfig "$rk" >/dev/null 2>&1 || echo "merge $i failed" >>"$work/merges.log"
  else
    "$ctl" kubeconfig --server "$server" --user "$user" "${args[@]}" --kubeconfig "$rk" \
      --on-clash rename >/dev/null 2>>"$work/merges.log" || echo "merge $i failed" >>"$work/merges.log"
  fi
done
expect "100 merges and sign-outs all succeeded" '^0$' bash -c "grep -c failed '$work/merges.log' || true"
foreign >"$work/foreign.after"
check "every foreign entry is identical in kubectl config view --raw -o json" cmp "$work/foreign.before" "$work/foreign.after"
expect "foreign scalar styles are kept (namespace \"0755\", 'on', !!str)" '^"0755" on 12 yes$' \
  kubectl --kubeconfig "$rk" config view --raw -o 'jsonpath="{.contexts[?(@.name=="octal")].context.namespace}" {.contexts[?(@.name=="truthy")].context.namespace} {.contexts[?(@.name=="tagged")].context.namespace} {.contexts[?(@.name=="yes")].name}'
expect "one backup is kept" '^1$' bash -c "ls '$work' | grep -c '^rich.kubeconfig.pacific-backup$'"
expect "a sign-out leaves no Pacific entry" '^0$' bash -c "'$ctl' kubeconfig --sign-out --kubeconfig '$rk' >/dev/null 2>&1; grep -c io.github.pacificapp.Pacific '$rk'"
check "and the foreign entries as they were" bash -c "$(declare -f foreign); rk='$rk' foreign | cmp - '$work/foreign.before'"

# --- clashes, symlinks, bad files ---
expect "a foreign context named dev is a clash: nothing written" 'not written by Pacific' \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --kubeconfig "$rk"
check "the file is unchanged by the refused merge" bash -c "$(declare -f foreign); rk='$rk' foreign | cmp - '$work/foreign.before'"
expect "--on-clash rename adds dev@host" "^@@ contexts: add dev@$host$" \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --kubeconfig "$rk" --on-clash rename
ln -s "$rk" "$work/link.kubeconfig"
expect "through a symlink, the target is written and the link stays" '^link$' bash -c \
  "'$ctl' kubeconfig --sign-out --kubeconfig '$work/link.kubeconfig' >/dev/null 2>&1 && test -L '$work/link.kubeconfig' && echo link"
printf 'apiVersion: v1\nclusters: [\n' >"$work/bad.kubeconfig"
cp "$work/bad.kubeconfig" "$work/bad.before"
expect "a malformed kubeconfig is refused with line and column" 'YAML line 3, column 1' \
  "$ctl" kubeconfig --server "$server" --user "$user" --namespace dev --kubeconfig "$work/bad.kubeconfig"
check "and left as it was" cmp "$work/bad.kubeconfig" "$work/bad.before"
expect "a --server that is not an https URL is refused plainly" '^pacific-ctl kubeconfig: --server must be an https:// URL' \
  "$ctl" kubeconfig --server "not a url" --user "$user" --kubeconfig "$rk"
expect "by the plugin too" '^pacific-ctl credential: --server must be an https:// URL' \
  "$PACIFIC_CREDENTIAL_COMMAND" --server "::bad" --user "$user"
touch "$rk.lock"
expect "a kubeconfig locked by kubectl is reported, not written" 'locked by another program' \
  "$ctl" kubeconfig --sign-out --kubeconfig "$rk"
rm -f "$rk.lock"

# --- kubectl config set-context at the same time ---
ck="$work/concurrent.kubeconfig"
cp "$(dirname "$0")/../data/rich.kubeconfig" "$ck"
(
  for i in $(seq 60); do
    kubectl --kubeconfig "$ck" config set-context "k$i" --cluster=plain --namespace="n$i" >/dev/null 2>&1 \
      && echo "k$i" >>"$work/kubectl.ok"
  done
) &
writer=$!
for i in $(seq 20); do
  # (a namespace that is not there is refused: the user's two, in turn)
  "$ctl" kubeconfig --server "$server" --user "$user" \
    --namespace "$(sed -n "$((i % 2 + 1))p" <<<$'dev\ntest')" --kubeconfig "$ck" \
    >/dev/null 2>&1 && echo "c$i" >>"$work/ctl.ok"
done
wait "$writer"
check "the file still reads" kubectl --kubeconfig "$ck" config view
# Pacific re-reads the file under the lock, so what kubectl wrote stays.
# (kubectl itself may drop a context Pacific wrote: client-go's
# ModifyConfig deletes what appeared between its unlocked read and its
# locked write, as it does to another kubectl's.)
missing() { # FILE-OF-NAMES: those not in the kubeconfig
  local have; have=$(kubectl --kubeconfig "$ck" config get-contexts -o name)
  for c in $(cat "$1" 2>/dev/null); do grep -qx "$c" <<<"$have" || echo "$c"; done
}
expect "every context kubectl reported is there" '^missing: *$' bash -c "$(declare -f missing); ck='$ck'; echo missing: \$(missing '$work/kubectl.ok')"
echo "# Pacific's contexts dropped by kubectl's lost update: $(missing "$work/ctl.ok" | wc -l) of $(wc -l <"$work/ctl.ok")"
expect "and both wrote some" '^[1-9][0-9]* [1-9][0-9]*$' bash -c "echo \$(wc -l <'$work/kubectl.ok') \$(wc -l <'$work/ctl.ok')"

forget_keys
sim_stop
finish
