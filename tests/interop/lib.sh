# Shared by the interop scripts: start pacific-sim, log in as its users,
# write a kubeconfig, count results. Source it; then call sim_start ARGS.
# No --validate=false, no insecure TLS: kubectl trusts the simulator's CA
# from the kubeconfig and validates through the server's OpenAPI v3.
# Skips (77) without kubectl, except under PACIFIC_CI=1, where it fails.

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
passed=0 failed=0
kc="$work/kubeconfig"

# sim_start [pacific-sim flags]: starts it and writes $kc with the
# contexts admin (administrator) and devops (namespace dev).
sim_start() {
  rm -f "$work/ready.json"
  # In the sanitizer build the simulator's leaks count (see tests/meson.build).
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:fast_unwind_on_malloc=1" \
    "$sim" "$@" --ready-file "$work/ready.json" --ca-file "$work/ca.pem" >"$work/sim.log" 2>&1 &
  pid=$!
  # up to 60 s (times PACIFIC_TEST_TIMEOUT_FACTOR): key generation under a
  # sanitizer on a loaded machine is slow
  for _ in $(seq $((1200 * ${PACIFIC_TEST_TIMEOUT_FACTOR:-1}))); do [ -s "$work/ready.json" ] && break; sleep 0.05; done
  [ -s "$work/ready.json" ] || { echo "pacific-sim did not start"; cat "$work/sim.log"; exit 1; }
  # The Supervisor's WCP address (what a user types), its Kubernetes API
  # (port 6443 of that address) and vCenter (an address of its own)
  read -r url api vcenter < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["supervisor_url"], d["api_url"], d["vcenter_url"])' "$work/ready.json")
  admin=$(login administrator@vsphere.local 'Admin!23') || exit 1
  devops=$(login devops@vsphere.local 'DevOps!23') || exit 1
  cat >"$kc" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster:
    server: $api
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
}

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

k() { kubectl --kubeconfig "$kc" "$@"; }

# vc METHOD PATH [JSON]: a vCenter REST call with the administrator's
# session (vc_login first); prints the status, a space, the body.
vc_login() {
  vc_session=$(python3 - "$vcenter" "$work/ca.pem" <<'PY'
import base64, json, ssl, sys, urllib.request
url, ca = sys.argv[1:]
request = urllib.request.Request(url + "/api/session", method="POST")
request.add_header("Authorization", "Basic " + base64.b64encode(b"administrator@vsphere.local:Admin!23").decode())
response = urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca))
assert response.status == 201, response.status
print(json.load(response))
PY
) || exit 1
}
vc() {
  python3 - "$vcenter" "$work/ca.pem" "$vc_session" "$@" <<'PY'
import json, ssl, sys, urllib.error, urllib.request
url, ca, session, method, path = sys.argv[1:6]
body = sys.argv[6].encode() if len(sys.argv) > 6 else None
request = urllib.request.Request(url + path, data=body, method=method)
request.add_header("vmware-api-session-id", session)
if body is not None:
    request.add_header("Content-Type", "application/json")
try:
    response = urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca))
    print(response.status, response.read().decode())
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode())
PY
}
# api_post PATH JSON: a Kubernetes API POST as the administrator; prints
# the status code and the body's message (kubectl rewrites 422 messages)
api_post() {
  python3 - "$api" "$work/ca.pem" "$admin" "$@" <<'PY'
import json, ssl, sys, urllib.error, urllib.request
url, ca, token, path, body = sys.argv[1:]
request = urllib.request.Request(url + path, data=body.encode(), method="POST")
request.add_header("Authorization", "Bearer " + token)
request.add_header("Content-Type", "application/json")
try:
    response = urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca))
    print(response.status)
except urllib.error.HTTPError as error:
    print(error.code, json.load(error).get("message"))
PY
}
# api_post_yaml PATH FILE: api_post of a YAML manifest (as JSON), so that
# the server's own answer is seen where kubectl would validate first
api_post_yaml() {
  api_post "$1" "$(python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' "$2")"
}
# guest_login USER PASSWORD NAMESPACE CLUSTER FILE: a guest cluster
# login through /wcp/login, written as a kubeconfig to FILE (the way
# kubectl-vsphere does it: the session token, the guest's CA)
guest_login() {
  python3 - "$url" "$work/ca.pem" "$@" <<'PY'
import base64, json, ssl, sys, urllib.request
url, ca, user, password, namespace, cluster, path = sys.argv[1:]
request = urllib.request.Request(url + "/wcp/login", method="POST",
    data=json.dumps({"guest_cluster_name": cluster, "guest_cluster_namespace": namespace}).encode())
request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
request.add_header("Content-Type", "application/json")
answer = json.load(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca)))
assert answer["guest_cluster_server"], answer
with open(path, "w") as f:
    f.write(f"""apiVersion: v1
kind: Config
clusters:
- name: {cluster}
  cluster:
    server: https://{answer['guest_cluster_server']}:6443
    certificate-authority-data: {answer['guest_cluster_ca']}
users:
- name: wcp:{user}
  user:
    token: {answer['session_id']}
contexts:
- name: {cluster}
  context: {{cluster: {cluster}, user: "wcp:{user}"}}
current-context: {cluster}
""")
PY
}
# sim_admin PATH JSON: a /_sim call
sim_admin() {
  python3 - "$url" "$work/ca.pem" "$@" <<'PY'
import ssl, sys, urllib.request
url, ca, path, body = sys.argv[1:]
request = urllib.request.Request(url + path, data=body.encode(), method="POST")
print(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca)).read().decode())
PY
}
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
# eventually NAME PATTERN SECONDS COMMAND...: as expect, retried until SECONDS pass
eventually() {
  local name=$1 pattern=$2 seconds=$(($3 * ${PACIFIC_TEST_TIMEOUT_FACTOR:-1})); shift 3
  local out deadline=$((SECONDS + seconds))
  while :; do
    out=$("$@" 2>&1)
    if grep -Eq -- "$pattern" <<<"$out"; then passed=$((passed + 1)); echo "ok - $name"; return; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      failed=$((failed + 1)); echo "not ok - $name (wanted /$pattern/ within ${seconds}s)"
      echo "$out" | sed 's/^/    /'; return
    fi
    sleep 0.2
  done
}

# sim_stop: the simulator ends cleanly on SIGTERM (and, in the sanitizer
# build, leak-free).
sim_stop() {
  kill -TERM "$pid"
  if wait "$pid"; then passed=$((passed + 1)); echo "ok - pacific-sim exits cleanly"
  else failed=$((failed + 1)); echo "not ok - pacific-sim exit status $?"; cat "$work/sim.log"; fi
  pid=""
}

finish() {
  # A failure keeps the simulator's own account of it in the test log
  if [ "$failed" -ne 0 ] && [ -s "$work/sim.log" ]; then
    echo "--- the last lines of pacific-sim's log:"; tail -n 40 "$work/sim.log"
    # the whole log, for a failure to look into (G_MESSAGES_DEBUG=all makes it say more)
    [ -n "${PACIFIC_KEEP_LOGS:-}" ] && cp "$work/sim.log" "$PACIFIC_KEEP_LOGS/$(basename "$0" .sh)-sim.log"
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
# pin_supervisor: sets $host and $port from $url and pins the certificate
# the Supervisor presents there, as Pacific does when the user accepts it
pin_supervisor() {
  host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname)' "$url")
  port=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port or 443)' "$url")
  local pins="${XDG_CONFIG_HOME:-$HOME/.config}/pacific/trust"
  mkdir -p "$pins"
  python3 -c 'import ssl, sys; print(ssl.get_server_certificate((sys.argv[1], int(sys.argv[2]))))' \
    "$host" "$port" >"$pins/${host}_${port}.pem"
}
# forget_keys: drops the credential plugin's kernel keys for $url. The
# simulator's port differs each run, and so do the keys' descriptions
# (pacific:URL|USER…); the user keyring outlives the test.
forget_keys() { grep -o "pacific:$url[^ ]*" /proc/keys 2>/dev/null | sed 's/:$//' | while read -r d; do keyctl_forget "$d"; done; }
keyctl_forget() { python3 - "$1" <<'PY'
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
SYS_keyctl, KEYCTL_SEARCH, KEYCTL_INVALIDATE, USER = 250, 10, 21, -4
key = libc.syscall(SYS_keyctl, KEYCTL_SEARCH, USER, b"user", sys.argv[1].encode(), 0)
if key > 0:
    libc.syscall(SYS_keyctl, KEYCTL_INVALIDATE, key)
PY
}
# http_status URL: the HTTP status of an unauthenticated GET, trusting the simulator's CA
http_status() {
  python3 - "$1" "$work/ca.pem" <<'PY'
import ssl, sys, urllib.error, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], context=ssl.create_default_context(cafile=sys.argv[2])).status)
except urllib.error.HTTPError as error:
    print(error.code)
PY
}
# fingerprint HOST PORT: the SHA-256 of the certificate the server presents
fingerprint() {
  python3 - "$1" "$2" <<'PY'
import hashlib, ssl, sys
pem = ssl.get_server_certificate((sys.argv[1], int(sys.argv[2])))
print(hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest())
PY
}
