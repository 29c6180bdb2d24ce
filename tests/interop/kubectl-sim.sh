#!/usr/bin/env bash
# interop: real kubectl against pacific-sim, with nothing but --kubeconfig.
# No --validate=false, no insecure TLS: kubectl trusts the simulator's CA
# from the kubeconfig and validates through the server's OpenAPI v3.
# Skips (77) without kubectl, except under PACIFIC_CI=1, where it fails.
set -uo pipefail

if ! command -v kubectl >/dev/null; then
  if [ "${PACIFIC_CI:-}" = 1 ]; then
    echo "kubectl is missing, and PACIFIC_CI=1 makes that a failure"
    exit 1
  fi
  echo "skipped: kubectl is not installed"
  exit 77
fi

sim=${PACIFIC_SIM:?PACIFIC_SIM must name the pacific-sim binary}
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# kubectl's discovery cache lives under HOME: keep it private.
export HOME="$work/home"
mkdir -p "$HOME"
unset KUBECONFIG

# In the sanitizer build the simulator's leaks count (see tests/meson.build).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:fast_unwind_on_malloc=1" \
  "$sim" --scenario=large --ready-file "$work/ready.json" --ca-file "$work/ca.pem" >"$work/sim.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -s "$work/ready.json" ] && break; sleep 0.05; done
[ -s "$work/ready.json" ] || { echo "pacific-sim did not start"; cat "$work/sim.log"; exit 1; }

url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/ready.json")

login() {
  python3 - "$url" "$work/ca.pem" "$1" "$2" <<'PY'
import base64, json, ssl, sys, urllib.request
url, ca, user, password = sys.argv[1:]
request = urllib.request.Request(url + "/wcp/login", method="POST")
request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
context = ssl.create_default_context(cafile=ca)
print(json.load(urllib.request.urlopen(request, context=context))["session_id"])
PY
}

admin=$(login administrator@vsphere.local 'Admin!23') || exit 1
devops=$(login devops@vsphere.local 'DevOps!23') || exit 1
kc="$work/kubeconfig"
cat >"$kc" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster:
    server: $url
    certificate-authority-data: $(base64 -w0 "$work/ca.pem")
users:
- name: admin
  user:
    token: $admin
- name: devops
  user:
    token: $devops
contexts:
- name: admin
  context: {cluster: sim, user: admin}
- name: devops
  context: {cluster: sim, user: devops, namespace: dev}
current-context: admin
YAML
chmod 600 "$kc"

passed=0 failed=0
k() { kubectl --kubeconfig "$kc" "$@"; }
check() { # NAME COMMAND... ; the command must succeed
  local name=$1; shift
  if out=$("$@" 2>&1); then passed=$((passed + 1)); echo "ok - $name"
  else failed=$((failed + 1)); echo "not ok - $name"; echo "$out" | sed 's/^/    /'; fi
}
expect() { # NAME PATTERN COMMAND... ; output must match PATTERN (grep -E)
  local name=$1 pattern=$2; shift 2
  local out; out=$("$@" 2>&1)
  if grep -Eq -- "$pattern" <<<"$out"; then passed=$((passed + 1)); echo "ok - $name"
  else failed=$((failed + 1)); echo "not ok - $name (wanted /$pattern/)"; echo "$out" | sed 's/^/    /'; fi
}

expect "get namespaces" '^dev +Active' k get namespaces
expect "get -o wide storage classes" 'vsan-default-storage-policy +csi.vsphere.vmware.com +Delete +Immediate +true' k get storageclasses -o wide
expect "get -o json" '"kind": "ConfigMap"' k get configmap team-settings -n dev -o json
expect "get by short name across namespaces" '^test +team-settings +1 ' k get cm -A

cat >"$work/app.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: dev
data:
  colour: blue
YAML
expect "apply creates" 'configmap/app-config created' k apply -f "$work/app.yaml"
sed -i 's/blue/green/' "$work/app.yaml"
expect "apply changes" 'configmap/app-config configured' k apply -f "$work/app.yaml"
expect "apply again changes nothing" 'configmap/app-config unchanged' k apply -f "$work/app.yaml"
expect "the change is stored" '^green$' k get configmap app-config -n dev -o 'jsonpath={.data.colour}'

printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: dev\ndat:\n  a: b\n' >"$work/typo.yaml"
expect "apply refuses unknown fields (server-side validation)" 'strict decoding error: unknown field "dat"' k apply -f "$work/typo.yaml"

expect "strategic merge patch" 'configmap/app-config patched' k patch configmap app-config -n dev -p '{"data":{"size":"xl"}}'
expect "merge patch" 'configmap/app-config patched' k patch configmap app-config -n dev --type merge -p '{"data":{"size":null}}'
expect "JSON patch" 'configmap/app-config patched' k patch configmap app-config -n dev --type json -p '[{"op":"add","path":"/data/shape","value":"round"}]'
expect "patches applied" '^green/round/$' k get configmap app-config -n dev -o 'jsonpath={.data.colour}/{.data.shape}/{.data.size}'

k get configmap app-config -n dev --watch >"$work/watch.out" 2>&1 &
watcher=$!
sleep 1.5
k patch configmap app-config -n dev --type merge -p '{"data":{"watched":"yes"}}' >/dev/null
sleep 1.5
kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null
expect "get --watch sees the change" '^app-config +3 ' cat "$work/watch.out"

expect "delete" 'configmap "app-config" deleted' k delete configmap app-config -n dev
expect "deleted is gone" 'NotFound' k get configmap app-config -n dev

expect "auth can-i (allowed)" '^yes$' k --context devops auth can-i create configmaps -n dev
expect "auth can-i (denied)" '^no$' k --context devops auth can-i get secrets -n prod
expect "forbidden in kubectl's words" 'User "sso:devops@vsphere.local" cannot list resource "secrets" in API group "" in the namespace "prod"' k --context devops get secrets -n prod
expect "bad token is Unauthorized" 'You must be logged in to the server|Unauthorized' kubectl --kubeconfig "$kc" --token=not-a-token get cm -n dev

expect "get virtualmachineimages (Supervisor 8.0 columns)" 'DISPLAY NAME +IMAGE VERSION' k get virtualmachineimages -n dev
expect "get tkr by short name" '^v1.25.7---vmware.3-fips.1-tkg.1 +v1.25.7\+vmware.3-fips.1-tkg.1 +True +True' k --context devops get tkr
expect "get v1beta1 clusters" '^dev-classy-01 +tanzukubernetescluster +Provisioned +[0-9]+[smhd] +v1.26.5\+vmware.2-fips.1-tkg.1' k get clusters.cluster.x-k8s.io -n dev
expect "get across list chunks" '^5001$' bash -c "kubectl --kubeconfig '$kc' get cm -n dev --no-headers 2>&1 | wc -l"

# The simulator ends cleanly on SIGTERM (and, in the sanitizer build, leak-free).
kill -TERM "$pid"
if wait "$pid"; then passed=$((passed + 1)); echo "ok - pacific-sim exits cleanly"
else failed=$((failed + 1)); echo "not ok - pacific-sim exit status $?"; cat "$work/sim.log"; fi
pid=""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
