#!/usr/bin/env bash
# interop: real kubectl against pacific-sim, with nothing but --kubeconfig.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

sim_start --scenario=large --namespaces 1000 --clusters-per-namespace 10

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
# The 8.0 Supervisor runs Kubernetes 1.24: no server-side field validation,
# kubectl validates against /openapi/v2 (8.0u3 validates on the server)
expect "apply refuses unknown fields (kubectl, from the OpenAPI v2 schema)" 'ValidationError\(ConfigMap\): unknown field "dat"' k apply -f "$work/typo.yaml"

expect "strategic merge patch" 'configmap/app-config patched' k patch configmap app-config -n dev -p '{"data":{"size":"xl"}}'
expect "merge patch" 'configmap/app-config patched' k patch configmap app-config -n dev --type merge -p '{"data":{"size":null}}'
expect "JSON patch" 'configmap/app-config patched' k patch configmap app-config -n dev --type json -p '[{"op":"add","path":"/data/shape","value":"round"}]'
# Server-side apply (beta from 1.16, GA 1.22: every Supervisor release)
cat >"$work/ssa.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: ssa
  namespace: dev
  labels: {team: a}
data:
  colour: blue
  size: xl
YAML
expect "apply --server-side creates" 'configmap/ssa serverside-applied' k apply --server-side -f "$work/ssa.yaml"
expect "the applier's fields are kept in managedFields" '^kubectl Apply$' \
  k get configmap ssa -n dev --show-managed-fields -o 'jsonpath={.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}'
sed -i 's/blue/green/' "$work/ssa.yaml"
expect "diff --server-side shows the change, changes nothing" '\+  colour: green' k diff --server-side -f "$work/ssa.yaml"
expect "still blue" '^blue$' k get configmap ssa -n dev -o 'jsonpath={.data.colour}'
sed -i '/size: xl/d' "$work/ssa.yaml"
expect "apply --server-side again" 'serverside-applied' k apply --server-side -f "$work/ssa.yaml"
expect "a field the manager no longer sends is gone" '^green/$' k get configmap ssa -n dev -o 'jsonpath={.data.colour}/{.data.size}'
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: dev\ndata:\n  colour: red\n' >"$work/other.yaml"
expect "another manager's different value is a conflict" 'Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.colour' \
  k apply --server-side --field-manager=other -f "$work/other.yaml"
expect "--force-conflicts takes the field over" 'serverside-applied' k apply --server-side --field-manager=other --force-conflicts -f "$work/other.yaml"
expect "now red, owned by the other manager" '^red other$' \
  k get configmap ssa -n dev --show-managed-fields -o 'jsonpath={.data.colour} {.metadata.managedFields[1].manager}'
# ordinary writes have managers too (operation Update), and own what they change
expect "kubectl patch of the applied field" 'patched' k patch configmap ssa -n dev --type merge -p '{"data":{"colour":"blue"}}'
expect "the patch's manager owns it, as an Update" 'kubectl-patch:Update' \
  k get configmap ssa -n dev --show-managed-fields -o 'jsonpath={range .metadata.managedFields[*]}{.manager}:{.operation} {end}'
expect "an apply of that field now conflicts with the patch" 'conflict with "kubectl-patch"' \
  k apply --server-side --field-manager=other -f "$work/other.yaml"
expect "kubectl create records its manager" 'kubectl-create:Update' bash -c \
  "kubectl --kubeconfig '$kc' create configmap made -n dev --from-literal=a=b >/dev/null && kubectl --kubeconfig '$kc' get configmap made -n dev --show-managed-fields -o 'jsonpath={range .metadata.managedFields[*]}{.manager}:{.operation} {end}'; kubectl --kubeconfig '$kc' delete configmap made -n dev >/dev/null"
expect "and gone again" 'deleted' k delete configmap ssa -n dev
expect "patches applied" '^green/round/$' k get configmap app-config -n dev -o 'jsonpath={.data.colour}/{.data.shape}/{.data.size}'

k get configmap app-config -n dev --watch >"$work/watch.out" 2>&1 &
watcher=$!
# the watch has printed the object as it is, so it is established
eventually "get --watch lists the object first" '^app-config +2 ' 60 cat "$work/watch.out"
k patch configmap app-config -n dev --type merge -p '{"data":{"watched":"yes"}}' >/dev/null
eventually "get --watch sees the change" '^app-config +3 ' 60 cat "$work/watch.out"
kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null

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
expect "10,003 clusters in pages of 500" '^10003$' bash -c "kubectl --kubeconfig '$kc' get tkc -A --chunk-size=500 --no-headers 2>&1 | wc -l"
expect "one namespace's clusters" '^cluster-009 +1 +2 +v1.26.5---vmware.2-fips.1-tkg.1 ' k get tkc -n department-999

sim_stop
finish
