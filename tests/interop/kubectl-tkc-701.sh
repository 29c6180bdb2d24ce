#!/usr/bin/env bash
# interop: the source article's procedure on a vSphere 7.0.1 Supervisor,
# with vCenter REST for the prerequisites and real kubectl for the rest:
# subscribed library → releases appear; vSphere namespace with a storage
# policy; the article's v1alpha1 manifest → running; each admission rule;
# upgrade rules and a rolling update; deleting; failing from /_sim.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

sim_start --supervisor-version 7.0.1 --scenario empty --cluster-seconds 2
vc_login

# ---- prerequisites, through vCenter ----
expect "empty Supervisor: no releases" 'No resources found' k get tkr
expect "datastores" '^200 .*"datastore": ?"datastore-1001"' vc GET /api/vcenter/datastore
expect "storage policies" '"name": ?"vSAN Default Storage Policy"' vc GET /api/vcenter/storage/policies
wp='https://wp-content.vmware.com/v2/latest/lib.json'
probe=$(vc POST '/api/content/subscribed-library?action=probe' "{\"subscription_info\":{\"subscription_url\":\"$wp\"}}")
expect "probe reports the thumbprint" '"status": ?"SUCCESS"' echo "$probe"
expect "probe of an unknown host" '"status": ?"HOST_NOT_FOUND"' vc POST '/api/content/subscribed-library?action=probe' '{"subscription_info":{"subscription_url":"https://example.invalid/lib.json"}}'
thumb=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1].split(" ",1)[1])["ssl_thumbprint"])' "$probe")
library_spec() { # THUMBPRINT
  echo "{\"name\":\"Kubernetes\",\"type\":\"SUBSCRIBED\",\"storage_backings\":[{\"type\":\"DATASTORE\",\"datastore_id\":\"datastore-1001\"}],\"subscription_info\":{\"subscription_url\":\"$wp\",\"authentication_method\":\"NONE\",\"automatic_sync_enabled\":true,\"on_demand\":true,\"ssl_thumbprint\":\"$1\"}}"
}
expect "library without the right thumbprint is refused" '^400 .*INVALID_ARGUMENT.*thumbprint' vc POST /api/content/subscribed-library "$(library_spec 00:11)"
created=$(vc POST /api/content/subscribed-library "$(library_spec "$thumb")")
expect "library created (201, its id as a JSON string)" '^201 "[0-9a-f-]{36}"$' echo "$created"
library=$(sed -E 's/^201 "(.*)"$/\1/' <<<"$created")
expect "a second library of that name is refused" '^400 .*ALREADY_EXISTS' vc POST /api/content/subscribed-library "$(library_spec "$thumb")"
expect "attaching an unknown library is refused" '^400 .*INVALID_ARGUMENT' vc PATCH /api/vcenter/namespace-management/clusters/domain-c8 '{"default_kubernetes_service_content_library":"no-such-id"}'
expect "library attached to the Supervisor" '^204' vc PATCH /api/vcenter/namespace-management/clusters/domain-c8 "{\"default_kubernetes_service_content_library\":\"$library\"}"
expect "cluster info names the library" "\"default_kubernetes_service_content_library\": ?\"$library\"" vc GET /api/vcenter/namespace-management/clusters/domain-c8
expect "sync" '^204' vc POST "/api/content/subscribed-library/$library?action=sync"
eventually "after the sync, the article's release is Compatible" '^v1.17.8---vmware.1-tkg.1.5417466 +v1.17.8\+vmware.1-tkg.1.5417466 +True' 10 k get tkr
expect "and 1.20 is not, on 7.0.1" '^v1.20.2---vmware.1-tkg.1.1d4f79a +v1.20.2\+vmware.1-tkg.1.1d4f79a +False' k get tkr
expect "get virtualmachineimages: the 7.0 columns, VERSION among them" 'NAME +CONTENTSOURCENAME +VERSION +OSTYPE +FORMAT +AGE' k get virtualmachineimages
expect "an image's version" '^ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466 +[0-9a-f-]+ +v1.17.8\+vmware.1-tkg.1.5417466 +vmwarePhoton64Guest +ovf' k get virtualmachineimages

ns_spec='{"cluster":"domain-c8","namespace":"namespace001","description":"the article","storage_specs":[{"policy":"aa6d5a82-1c88-45da-85d3-3d74b91a5bad","limit":0}],"access_list":[{"subject_type":"USER","subject":"devops","domain":"vsphere.local","role":"EDIT"}],"vm_service_spec":{"vm_classes":["best-effort-small"]}}'
expect "namespace with a bad name is refused" '^400 .*INVALID_ARGUMENT' vc POST /api/vcenter/namespaces/instances '{"cluster":"domain-c8","namespace":"Namespace_001"}'
expect "namespace with an unknown policy is refused" '^400 .*INVALID_ARGUMENT.*policy' vc POST /api/vcenter/namespaces/instances '{"cluster":"domain-c8","namespace":"n2","storage_specs":[{"policy":"nope"}]}'
expect "vSphere namespace created" '^204' vc POST /api/vcenter/namespaces/instances "$ns_spec"
expect "created twice is refused" '^400 .*ALREADY_EXISTS' vc POST /api/vcenter/namespaces/instances "$ns_spec"
expect "namespace info keeps storage specs and access list" '"storage_specs": ?\[\{"policy": ?"aa6d5a82' vc GET /api/vcenter/namespaces/instances/namespace001
expect "namespace list" '"namespace": ?"namespace001"' vc GET /api/vcenter/namespaces/instances
expect "an unknown namespace is 404" '^404 .*NOT_FOUND' vc GET /api/vcenter/namespaces/instances/nope
expect "the Supervisor namespace appears" '^namespace001 +Active' k get namespace namespace001
expect "with its storage class" '^vsan-default-storage-policy ' k get storageclass
expect "and its quota" 'vsan-default-storage-policy.storageclass.storage.k8s.io/requests.storage' k get resourcequota -n namespace001 -o yaml
expect "the access list gives devops its role" '^yes$' k --context devops auth can-i create tanzukubernetesclusters.run.tanzu.vmware.com -n namespace001

# ---- the article's cluster ----
cat >"$work/guest.yaml" <<'YAML'
apiVersion: run.tanzu.vmware.com/v1alpha1
kind: TanzuKubernetesCluster
metadata:
  name: guest-cluster-01
  namespace: namespace001
spec:
  distribution:
    version: v1.17.8+vmware.1-tkg.1.5417466
  topology:
    controlPlane:
      count: 1
      class: best-effort-small
      storageClass: vsan-default-storage-policy
    workers:
      count: 2
      class: best-effort-small
      storageClass: vsan-default-storage-policy
  settings:
    network:
      cni:
        name: antrea
      services:
        cidrBlocks: ["198.51.100.0/12"]
      pods:
        cidrBlocks: ["192.0.2.0/16"]
      serviceDomain: "managedcluster.local"
YAML
expect "apply the article's v1alpha1 manifest" 'tanzukubernetescluster.run.tanzu.vmware.com/guest-cluster-01 created' k --context devops apply -f "$work/guest.yaml"
expect "get tkc: the v1alpha1 columns" 'NAME +CONTROL PLANE +WORKER +DISTRIBUTION +AGE +PHASE' k get tkc -n namespace001
expect "creating at first" '^guest-cluster-01 +1 +2 +v1.17.8\+vmware.1-tkg.1.5417466 +[0-9]+s +creating' k get tkc -n namespace001
eventually "running after --cluster-seconds" '^guest-cluster-01 +1 +2 +v1.17.8\+vmware.1-tkg.1.5417466 +[0-9]+s +running' 10 k get tkc -n namespace001
expect "get tkc -A" '^namespace001 +guest-cluster-01 +1 +2 ' k get tkc -A
expect "the endpoint is a loopback address of its own" '^127\.[0-9]+\.[0-9]+\.[0-9]+:6443$' k get tkc guest-cluster-01 -n namespace001 -o 'jsonpath={.status.clusterApiStatus.apiEndpoints[0].host}:{.status.clusterApiStatus.apiEndpoints[0].port}'
expect "three nodes, ready" '^ready ready ready $' k get tkc guest-cluster-01 -n namespace001 -o 'jsonpath={range .status.nodeStatus.*}{@} {end}'
expect "a v1alpha1 status write" 'patched' k patch tkc guest-cluster-01 -n namespace001 --subresource status --type merge -p '{"status":{"phase":"running"}}'
expect "keeps what it did not write: the nodes and the endpoint" '^ready ready ready 127\.[0-9.]+$' \
  k get tkc guest-cluster-01 -n namespace001 -o 'jsonpath={range .status.nodeStatus.*}{@} {end}{.status.clusterApiStatus.apiEndpoints[0].host}'
k get secret guest-cluster-01-kubeconfig -n namespace001 -o 'jsonpath={.data.value}' | base64 -d >"$work/guest.kubeconfig"
expect "the kubeconfig secret is a kubeconfig kubectl reads" '^https://127\.[0-9.]+:6443 guest-cluster-01-admin@guest-cluster-01$' kubectl --kubeconfig "$work/guest.kubeconfig" config view -o 'jsonpath={.clusters[0].cluster.server} {.current-context}'
expect "the ssh secret" 'BEGIN PRIVATE KEY' bash -c "kubectl --kubeconfig '$kc' get secret guest-cluster-01-ssh -n namespace001 -o jsonpath='{.data.ssh-privatekey}' | base64 -d"
expect "the ssh password secret" '^[a-z0-9]{24}$' bash -c "kubectl --kubeconfig '$kc' get secret guest-cluster-01-ssh-password -n namespace001 -o jsonpath='{.data.ssh-passwordkey}' | base64 -d"

# ---- admission rules ----
variant() { # SED-EXPRESSION: the manifest changed, named bad
  sed -e 's/name: guest-cluster-01/name: bad/' -e "$1" "$work/guest.yaml" >"$work/bad.yaml"
  k apply -f "$work/bad.yaml"
}
# Kubernetes 1.18 has no server-side field validation: kubectl checks the
# schema from /openapi/v2 first, and the Supervisor its own rules
expect "required fields, as kubectl checks them" 'missing required field "class" in com.vmware.tanzu.run.v1alpha1.TanzuKubernetesCluster.spec.topology.workers' variant '/^    workers:/,/^  settings/{/class:/d}'
expect "required fields, as the Supervisor checks them" 'spec.topology.workers.class: Required value' \
  api_post_yaml /apis/run.tanzu.vmware.com/v1alpha1/namespaces/namespace001/tanzukubernetesclusters "$work/bad.yaml"
expect "DNS-1123 name" 'metadata.name: Invalid value: "bad.cluster": a lowercase RFC 1123' variant 's/name: bad$/name: bad.cluster/;s/^  name: guest-cluster-01/  name: bad.cluster/'
expect "odd control plane" 'TanzuKubernetesCluster "bad" is invalid: spec.topology.controlPlane.count: Invalid value: 2: the control plane must have an odd number of nodes' variant 's/count: 1/count: 2/'
expect "VM class must exist" 'spec.topology.workers.class: Invalid value: "huge": VirtualMachineClass is not bound to namespace "namespace001"' variant '/^    workers:/,/^  settings/s/class: best-effort-small/class: huge/'
expect "storage class of the namespace" 'spec.topology.controlPlane.storageClass: Invalid value: "tanzu-gold": StorageClass is not assigned to namespace "namespace001"' variant '0,/storageClass: vsan-default-storage-policy/s//storageClass: tanzu-gold/'
expect "release must exist" 'spec.distribution.version: Invalid value: "v1.99.1": no TanzuKubernetesRelease matches' variant 's/version: v1.17.8.*/version: v1.99.1/'
expect "release must be Compatible" 'spec.distribution.fullVersion: Invalid value: "v1.20.2---vmware.1-tkg.1.1d4f79a": the TanzuKubernetesRelease is not compatible' variant 's/version: v1.17.8.*/version: v1.20/'
expect "CNI antrea or calico" 'spec.settings.network.cni.name: Unsupported value: "flannel"' variant 's/name: antrea/name: flannel/'
expect "CIDRs must be valid" 'spec.settings.network.pods.cidrBlocks\[0\]: Invalid value: "192.0.2.0/33": must be a valid IPv4 CIDR' variant 's#192.0.2.0/16#192.0.2.0/33#'
expect "CIDRs must not overlap" 'spec.settings.network.pods.cidrBlocks\[0\]: Invalid value: "198.51.0.0/16": overlaps with spec.settings.network.services.cidrBlocks\[0\]' variant 's#192.0.2.0/16#198.51.0.0/16#'
expect "wrong types, as kubectl checks them" 'invalid type for com.vmware.tanzu.run.v1alpha1.TanzuKubernetesCluster.spec.topology.controlPlane.count: got "string", expected "integer"' variant 's/count: 1/count: one/'
expect "wrong types in kube-apiserver's words" 'spec.topology.controlPlane.count: Invalid value: "one": spec.topology.controlPlane.count in body must be of type integer' \
  api_post_yaml /apis/run.tanzu.vmware.com/v1alpha1/namespaces/namespace001/tanzukubernetesclusters "$work/bad.yaml"
expect "nothing refused was stored" 'NotFound' k get tkc bad -n namespace001
sed -e 's/name: guest-cluster-01/name: hinted/' -e 's/version: v1.17.8.*/version: 1.17.8/' "$work/guest.yaml" >"$work/hinted.yaml"
expect "a version hint without its v, as the Supervisor takes it" 'dry run' k apply --dry-run=server -f "$work/hinted.yaml"
expect "resolved to the release it names" '^v1.17.8\+vmware.1-tkg.1.5417466$' \
  k apply --dry-run=server -f "$work/hinted.yaml" -o 'jsonpath={.spec.distribution.fullVersion}'

# ---- version changes, rolling update ----
nodes() { k get tkc guest-cluster-01 -n namespace001 -o json | python3 -c 'import json,sys; print(" ".join(sorted(json.load(sys.stdin)["status"]["vmStatus"])))'; }
before=$(nodes)
set_version() { k patch tkc guest-cluster-01 -n namespace001 --type merge -p "{\"spec\":{\"distribution\":{\"fullVersion\":\"$1\",\"version\":\"$1\"}}}"; }
expect "no downgrade" 'the version may not be decreased' set_version v1.16.8+vmware.1-tkg.3.60d2ffd
expect "one minor at a time" 'patched' set_version v1.18.5+vmware.1-tkg.1.c40d30d
# The phase may pass through updating faster than kubectl polls on a busy
# machine; the Supervisor's events keep the record
eventually "an upgrade rolls: updating" 'Updating +TanzuKubernetesCluster/guest-cluster-01 +Rolling update' 10 \
  k events -n namespace001
eventually "then running on the new version" '^running v1.18.5\+vmware.1-tkg.1.c40d30d$' 10 k get tkc guest-cluster-01 -n namespace001 -o 'jsonpath={.status.phase} {.status.version}'
eventually "the guest's API server reports the new release" '"gitVersion": "v1.18.5\+vmware.1"' 10 \
  kubectl --kubeconfig "$work/guest.kubeconfig" version -o json
expect "so do its nodes" '^(v1.18.5\+vmware.1 )+$' \
  kubectl --kubeconfig "$work/guest.kubeconfig" get nodes -o 'jsonpath={range .items[*]}{.status.nodeInfo.kubeletVersion} {end}'
after=$(nodes)
expect "with new nodes" '^changed$' bash -c "[ '$before' != '$after' ] && [ -n '$after' ] && echo changed || echo 'same: $before / $after'"
expect "network settings are immutable" 'spec.settings.network.serviceDomain: Invalid value: "other.local": field is immutable' k patch tkc guest-cluster-01 -n namespace001 --type merge -p '{"spec":{"settings":{"network":{"serviceDomain":"other.local"}}}}'
expect "scaling keeps the control plane" 'patched' k patch tkc guest-cluster-01 -n namespace001 --type merge -p '{"spec":{"topology":{"workers":{"count":3}}}}'
node_count() { k get tkc guest-cluster-01 -n namespace001 -o json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["status"]["phase"], len(o["status"]["nodeStatus"]))'; }
eventually "scaled to three workers" '^running 4$' 10 node_count

# ---- failing and deleting ----
expect "/_sim makes a cluster fail" '"ok"' sim_admin /_sim/clusters/fail '{"namespace":"namespace001","name":"guest-cluster-01","message":"disk full"}'
expect "failed" '^guest-cluster-01 .* failed$' k get tkc -n namespace001
expect "delete" 'deleted' k delete tkc guest-cluster-01 -n namespace001 --wait=false
expect "deleting" '^guest-cluster-01 .* deleting$' k get tkc -n namespace001
eventually "gone after --cluster-seconds" 'NotFound' 10 k get tkc guest-cluster-01 -n namespace001
expect "its secrets are gone too" 'No resources found' k get secrets -n namespace001
expect "vSphere namespace deleted" '^204' vc DELETE /api/vcenter/namespaces/instances/namespace001
eventually "and the Supervisor namespace with it" 'NotFound' 5 k get namespace namespace001

sim_stop
finish
