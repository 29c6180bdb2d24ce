#!/usr/bin/env bash
# interop: the simulator listens as real vSphere does (doc/simulator.md,
# "Addresses and ports"), on every Supervisor version: vCenter on its own
# address; WCP on port 443 of the Supervisor's address and the Kubernetes
# API on port 6443 of it, neither answering for the other; the same
# certificate after a restart with --state. Judged by real kubectl, and
# Pacific (pacific-ctl) finds the API from the address a user types.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_PASSWORD='Admin!23'
admin_ctl() { "$ctl" "$@" --user administrator@vsphere.local --ca-file "$work/ca.pem"; }
# discovery_kind: what /apis answers to the Accept header kubectl 1.32 sends
discovery_kind() {
  python3 - "$api" "$work/ca.pem" "$admin" <<'PY'
import json, ssl, sys, urllib.request
api, ca, token = sys.argv[1:]
request = urllib.request.Request(api + "/apis")
request.add_header("Authorization", "Bearer " + token)
request.add_header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                   "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")
response = urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca))
print(response.headers["Content-Type"], json.load(response)["kind"])
PY
}
host_of() { python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname)' "$1"; }
port_of() { python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port or 443)' "$1"; }

for version in 7.0.1 7.0.3 8.0 8.0u3; do
  sim_start --supervisor-version "$version" --scenario demo
  host=$(host_of "$url")
  expect "$version: the API is port 6443 of the Supervisor's address" "^https://$host:6443\$" echo "$api"
  expect "$version: WCP is port 443 of that address" "^https://$host\$" echo "$url"
  expect "$version: vCenter has an address of its own" '^https://127\.0\.0\.1:[0-9]+$' echo "$vcenter"
  expect "$version: kubectl on 6443" '^dev +Active' k get namespaces
  expect "$version: kubectl create configmap without -n (protobuf, the context's namespace)" \
    'configmap/from-context created' k --context devops create configmap from-context --from-literal=a=b
  expect "$version: every namespace has its service account \"default\"" '^default ' \
    k get serviceaccounts -n dev --no-headers
  expect "$version: a namespace's editor creates a service account, a role and a binding" \
    '^serviceaccount/robot created role.rbac.authorization.k8s.io/reader created rolebinding.rbac.authorization.k8s.io/robot-reads created$' \
    bash -c "echo \$(kubectl --kubeconfig '$kc' --context devops create serviceaccount robot; kubectl --kubeconfig '$kc' --context devops create role reader --verb=get --resource=configmaps; kubectl --kubeconfig '$kc' --context devops create rolebinding robot-reads --role=reader --serviceaccount=dev:robot)"
  expect "$version: kubectl auth can-i --list (SelfSubjectRulesReview)" '^\*\.\* +\[\] +\[\] +\[\*\]' \
    k auth can-i --list -n dev
  expect "$version: kubectl on the WCP port finds no Kubernetes API" \
    'the server could not find the requested resource|NotFound|404' \
    kubectl --kubeconfig "$kc" --server "$url" get namespaces
  expect "$version: /wcp/loginbanner on the WCP port" '^200$' http_status "$url/wcp/loginbanner"
  expect "$version: /wcp/loginbanner not on 6443" '^404$' http_status "$api/wcp/loginbanner"
  expect "$version: /version on 6443" '^200$' http_status "$api/version"
  expect "$version: /version not on the WCP port" '^404$' http_status "$url/version"
  expect "$version: neither on vCenter's" '^404 404$' \
    bash -c "echo \$($(declare -f http_status); work='$work' http_status '$vcenter/version') \$($(declare -f http_status); work='$work' http_status '$vcenter/wcp/loginbanner')"
  vc_login
  expect "$version: vCenter names the Supervisor's address alone as its endpoint" \
    "\"api_server_cluster_endpoint\": ?\"$host\"" vc GET /api/vcenter/namespace-management/clusters/domain-c8
  if [ "$version" = 7.0.1 ]; then
    expect "$version: no VM Service: no VM classes API" '^404 ' vc GET /api/vcenter/namespace-management/virtual-machine-classes
    dev_info=$(vc GET /api/vcenter/namespaces/instances/dev)
    expect "$version: no VM Service: namespaces have no vm_service_spec" '^200 absent$' \
      bash -c "grep -q vm_service_spec <<<'$dev_info' && echo '${dev_info%% *} present' || echo '${dev_info%% *} absent'"
    expect "$version: no VirtualMachineClassBindings" "doesn't have a resource type" k get virtualmachineclassbindings -n dev
    expect "$version: pacific-ctl takes a version hint as the Supervisor does, and says what it is" \
      '.v1\.17. is release v1\.17\.11\+vmware' \
      admin_ctl cluster create --server "$url" -n dev --name hinted --release v1.17 --dry-run
  else
    expect "$version: VM classes from vCenter" '^200 ' vc GET /api/vcenter/namespace-management/virtual-machine-classes
    expect "$version: namespaces name their VM classes" '"vm_service_spec"' vc GET /api/vcenter/namespaces/instances/dev
  fi
  expect "$version: one certificate on both ports" "^$(fingerprint "$host" 443)\$" fingerprint "$host" 6443
  expect "$version: the chain passes strict X.509 checks (Python 3.13's default: key identifiers)" '^200$' \
    python3 -c 'import ssl, sys, urllib.request
context = ssl.create_default_context(cafile=sys.argv[1])
context.verify_flags |= ssl.VERIFY_X509_STRICT
print(urllib.request.urlopen(sys.argv[2] + "/wcp/loginbanner", context=context).status)' "$work/ca.pem" "$url"
  expect "$version: pacific-ctl reaches the API from the address a user types" '^dev$' \
    admin_ctl namespaces list --server "$url"

  # What the Supervisor's Kubernetes serves (v1.18, v1.21, v1.24, v1.28):
  # OpenAPI v2 always, v3 from 1.24, fieldValidation from 1.25 (ignored before)
  minor=$(k version -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["minor"])')
  expect "$version: /openapi/v2 (JSON)" '"swagger": ?"2.0"' k get --raw /openapi/v2
  if [ "$minor" -ge 27 ]; then
    expect "$version: aggregated discovery (v2beta1 before 1.30), as kubectl asks for it" \
      '^application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList APIGroupDiscoveryList$' discovery_kind
  else
    expect "$version: no aggregated discovery on Kubernetes 1.$minor: the group list" \
      '^application/json APIGroupList$' discovery_kind
  fi
  if [ "$minor" -ge 24 ]; then
    expect "$version: /openapi/v3 (Kubernetes 1.$minor)" '"paths"' k get --raw /openapi/v3
  else
    expect "$version: no /openapi/v3 on Kubernetes 1.$minor" 'NotFound|could not find' k get --raw /openapi/v3
  fi
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: dev\ndat:\n  a: b\n' >"$work/typo.yaml"
  strict='{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict"},"dat":{"a":"b"}}'
  if [ "$minor" -ge 25 ]; then
    expect "$version: the server validates fields (1.$minor)" 'strict decoding error: unknown field "dat"' \
      k apply -f "$work/typo.yaml"
    expect "$version: fieldValidation=Strict refuses" '^400 strict decoding error' \
      api_post '/api/v1/namespaces/dev/configmaps?fieldValidation=Strict' "$strict"
  else
    expect "$version: kubectl validates on its side, from /openapi/v2 in protobuf" \
      'ValidationError\(ConfigMap\): unknown field "dat"' k apply -f "$work/typo.yaml"
    expect "$version: fieldValidation=Strict is ignored before 1.25: created" '^201$' \
      api_post '/api/v1/namespaces/dev/configmaps?fieldValidation=Strict' "$strict"
    expect "$version: the unknown field was dropped" '^strict$' \
      k get configmap strict -n dev -o 'jsonpath={.dat}{.metadata.name}'
  fi
  sim_stop
done

# A restart with --state presents the same certificate on the same addresses
state="$work/state.json"
sim_start --state "$state" --scenario demo
first_url=$url first_vcenter=$vcenter first=$(fingerprint "$(host_of "$url")" 6443)
expect "--state keeps the identity in a file of its own, private" '^600$' stat -c %a "$state.identity"
cp "$work/ca.pem" "$work/first-ca.pem"
sim_stop
sim_start --state "$state"
expect "after a restart: the same Supervisor address" "^$first_url\$" echo "$url"
expect "after a restart: the same vCenter address" "^$first_vcenter\$" echo "$vcenter"
expect "after a restart: the same certificate" "^$first\$" fingerprint "$(host_of "$url")" 6443
expect "after a restart: the same CA" '^same$' bash -c "cmp -s '$work/first-ca.pem' '$work/ca.pem' && echo same"
expect "after a restart: kubectl with the CA it had" '^dev +Active' \
  kubectl --kubeconfig "$kc" --certificate-authority "$work/first-ca.pem" get namespaces
sim_stop

# WCP elsewhere than 443 (a process that may not bind it): the API stays on 6443
sim_start --wcp-port 0 --scenario demo
host=$(host_of "$url") port=$(port_of "$url")
expect "--wcp-port 0: a free port" '^[0-9]+$' bash -c "[ '$port' != 443 ] && echo '$port'"
vc_login
expect "vCenter's endpoint then carries the WCP port" "\"api_server_cluster_endpoint\": ?\"$host:$port\"" \
  vc GET /api/vcenter/namespace-management/clusters/domain-c8
expect "the API is still on 6443" '^200$' http_status "https://$host:6443/version"
expect "pacific-ctl: WCP on that port, the API on 6443" '^dev$' admin_ctl namespaces list --server "$url"
sim_stop

# A namespace whose /wcp/workloads item names another master_host (the
# Supervisor's other address): its exported context names that host, as
# kubectl vsphere login writes it; other namespaces keep the Supervisor's
other=127.$((RANDOM % 200 + 20)).$((RANDOM % 250)).$((RANDOM % 250 + 1))
sim_start --scenario demo --namespace-host "test=$other"
host=$(host_of "$url")
expect "--namespace-host: /wcp/workloads names it for that namespace" \
  "\"namespace\": ?\"test\", ?\"master_host\": ?\"$other\"" \
  curl -s --cacert "$work/ca.pem" -u 'administrator@vsphere.local:Admin!23' "$url/wcp/workloads"
expect "--namespace-host: the API answers there too" '^200$' http_status "https://$other:6443/version"
hk="$work/hosts.kubeconfig"
admin_ctl kubeconfig --server "$url" --namespace test --mode token --kubeconfig "$hk" >/dev/null 2>&1
admin_ctl kubeconfig --server "$url" --namespace dev --mode token --kubeconfig "$hk" >/dev/null 2>&1
expect "the namespace's context names its master_host, port 6443" "^https://$other:6443 wcp:$other:administrator@vsphere.local\$" \
  kubectl --kubeconfig "$hk" config view -o 'jsonpath={.clusters[?(@.name=="'"$other"'")].cluster.server} {.contexts[?(@.name=="test")].context.user}'
expect "another namespace's context names the Supervisor's address" "^https://$host:6443\$" \
  kubectl --kubeconfig "$hk" config view -o 'jsonpath={.clusters[?(@.name=="'"$host"'")].cluster.server}'
expect "kubectl works through the namespace's own host" '^qa-cluster ' \
  kubectl --kubeconfig "$hk" --context test get tkc
expect "and through the Supervisor's" 'dev-cluster-01' kubectl --kubeconfig "$hk" --context dev get tkc
sim_stop
finish
