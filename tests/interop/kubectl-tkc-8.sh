#!/usr/bin/env bash
# interop: TanzuKubernetesCluster on vSphere 8.0 (v1alpha3 and v1alpha2)
# and on 7.0.3 (v1alpha1 and v1alpha2, converted both ways), with real
# kubectl: columns, trust, proxy, bindings, compatibility, rolling update.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 2

expect "get tkc -A: the v1alpha2/3 columns" '^NAMESPACE +NAME +CONTROL PLANE +WORKER +TKR NAME +AGE +READY +TKR COMPATIBLE +UPDATES AVAILABLE' k get tkc -A
expect "a seeded cluster's row" '^dev +dev-cluster-01 +1 +2 +v1.26.5---vmware.2-fips.1-tkg.1 +[0-9]+[smhd] +True +True +\[\]' k get tkc -A
expect "updates available, in TKC's message format" '^test +qa-cluster +1 +3 +v1.25.7---vmware.3-fips.1-tkg.1 +[0-9]+[smhd] +True +True +\[v1.26.5\+vmware.2-fips.1-tkg.1\]' k get tkc -A
expect "releases carry version-prefix labels" '^v1.25.7---vmware.3-fips.1-tkg.1 ' k get tkr -l v1.25 --no-headers
expect "down to the whole name" '^v1.26.5---vmware.2-fips.1-tkg.1 ' k get tkr -l v1.26.5---vmware.2 --no-headers
expect "v1alpha1 is not served on 8.0" "doesn't have a resource type" k get tanzukubernetesclusters.v1alpha1.run.tanzu.vmware.com -A
expect "v1alpha2 is" '^run.tanzu.vmware.com/v1alpha2$' k get tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com dev-cluster-01 -n dev -o 'jsonpath={.apiVersion}'
expect "get virtualmachineimages: the 8.0 columns" 'NAME +DISPLAY NAME +IMAGE VERSION +OS NAME +OS VERSION +HARDWARE VERSION +CAPABILITIES' k get virtualmachineimages -n dev
expect "VM class bindings of the namespace" '^best-effort-small +best-effort-small ' k get virtualmachineclassbindings -n dev

ca_data=$(base64 -w0 "$work/ca.pem")
cat >"$work/v3.yaml" <<YAML
apiVersion: run.tanzu.vmware.com/v1alpha3
kind: TanzuKubernetesCluster
metadata:
  name: tkc-v3
  namespace: dev
spec:
  topology:
    controlPlane:
      replicas: 3
      vmClass: best-effort-small
      storageClass: vsan-default-storage-policy
      tkr:
        reference:
          name: v1.25.7---vmware.3-fips.1-tkg.1
    nodePools:
    - name: workers
      replicas: 2
      vmClass: best-effort-medium
      storageClass: tanzu-gold
      failureDomain: zone-a
      volumes:
      - name: containerd
        mountPath: /var/lib/containerd
        capacity:
          storage: 50Gi
  settings:
    storage:
      defaultClass: vsan-default-storage-policy
    network:
      cni:
        name: antrea
      trust:
        additionalTrustedCAs:
        - name: harbor-ca
          data: $ca_data
YAML
expect "apply a v1alpha3 manifest" 'tanzukubernetescluster.run.tanzu.vmware.com/tkc-v3 created' k --context devops apply -f "$work/v3.yaml"
eventually "running after --cluster-seconds" '^dev +tkc-v3 +3 +2 +v1.25.7---vmware.3-fips.1-tkg.1 +[0-9]+s +True +True' 10 k get tkc -A
expect "apply again changes nothing" 'unchanged' k --context devops apply -f "$work/v3.yaml"
expect "kubectl events: the cluster's story, and its machines'" 'Normal +Running +TanzuKubernetesCluster/tkc-v3 +The cluster is running' \
  k --context devops events -n dev
expect "kubectl events: a machine made" 'CreateSuccess +VirtualMachine/tkc-v3-control-plane-' k --context devops events -n dev
expect "the same events as events.k8s.io/v1" '^TanzuKubernetesCluster$' \
  k --context devops get events.v1.events.k8s.io -n dev --field-selector involvedObject.name=tkc-v3,reason=Running -o 'jsonpath={.items[0].regarding.kind}'
expect "kubectl describe shows the events" 'Normal +Creating .*Creating the cluster' k --context devops describe tkc tkc-v3 -n dev
expect "defaults filled in" '^antrea 192.168.0.0/16 10.96.0.0/12 cluster.local$' k get tkc tkc-v3 -n dev -o 'jsonpath={.spec.settings.network.cni.name} {.spec.settings.network.pods.cidrBlocks[0]} {.spec.settings.network.services.cidrBlocks[0]} {.spec.settings.network.serviceDomain}'
expect "failureDomain kept in v1alpha3" '^zone-a$' k get tkc tkc-v3 -n dev -o 'jsonpath={.spec.topology.nodePools[0].failureDomain}'
expect "and not shown in v1alpha2" '^$' k get tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com tkc-v3 -n dev -o 'jsonpath={.spec.topology.nodePools[0].failureDomain}'

variant() { # SED-EXPRESSION: the manifest changed, named bad
  sed -e 's/name: tkc-v3/name: bad/' -e "$1" "$work/v3.yaml" >"$work/bad.yaml"
  k apply -f "$work/bad.yaml"
}
expect "required fields (v1alpha3 paths), as kubectl checks them on 1.24" 'missing required field "vmClass" in com.vmware.tanzu.run.v1alpha3.TanzuKubernetesCluster.spec.topology.nodePools' variant '/vmClass: best-effort-medium/d'
expect "required fields (v1alpha3 paths), as the Supervisor checks them" 'spec.topology.nodePools\[0\].vmClass: Required value' \
  api_post_yaml /apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/tanzukubernetesclusters "$work/bad.yaml"
expect "odd control plane" 'spec.topology.controlPlane.replicas: Invalid value: 2: the control plane must have an odd number of nodes' variant 's/replicas: 3/replicas: 2/'
expect "replicas fit Go's int32 (the controller would make that many nodes)" 'spec.topology.nodePools\[0\].replicas: Invalid value: 99999999999: must be less than or equal to 2147483647' variant 's/replicas: 2$/replicas: 99999999999/'
expect "webhook denials name the webhook, as kube-apiserver does" '^422 admission webhook "default.validating.tanzukubernetescluster.run.tanzu.vmware.com" denied the request: TanzuKubernetesCluster.run.tanzu.vmware.com "even" is invalid: spec.topology.controlPlane.replicas' api_post /apis/run.tanzu.vmware.com/v1alpha3/namespaces/dev/tanzukubernetesclusters '{"apiVersion":"run.tanzu.vmware.com/v1alpha3","kind":"TanzuKubernetesCluster","metadata":{"name":"even"},"spec":{"topology":{"controlPlane":{"replicas":2,"vmClass":"best-effort-small","storageClass":"vsan-default-storage-policy","tkr":{"reference":{"name":"v1.25.7---vmware.3-fips.1-tkg.1"}}},"nodePools":[]}}}'
expect "VM class bound to the namespace" 'spec.topology.nodePools\[0\].vmClass: Invalid value: "guaranteed-medium": VirtualMachineClass is not bound to namespace "dev"' variant 's/vmClass: best-effort-medium/vmClass: guaranteed-medium/'
expect "release exists" 'spec.topology.controlPlane.tkr.reference.name: Not found: "v1.99.0---vmware.1"' variant 's/name: v1.25.7---vmware.3-fips.1-tkg.1/name: v1.99.0---vmware.1/'
expect "1.24 is not Compatible on 8.0" 'spec.topology.controlPlane.tkr.reference.name: Invalid value: "v1.24.9---vmware.1-tkg.4": the TanzuKubernetesRelease is not compatible' variant 's/name: v1.25.7---vmware.3-fips.1-tkg.1/name: v1.24.9---vmware.1-tkg.4/'
expect "trust data must be base64 PEM" 'additionalTrustedCAs\[0\].data: Invalid value: .*must be a PEM certificate encoded as one base64 string' variant 's/data: .*/data: bm90IGEgY2VydGlmaWNhdGU=/'
expect "trust names: no spaces" 'additionalTrustedCAs\[0\].name: Invalid value: "harbor ca"' variant 's/name: harbor-ca/name: "harbor ca"/'
cat >>"$work/v3.yaml" <<'YAML'
      proxy:
        httpProxy: http://proxy.example.com:3128
        httpsProxy: https://proxy.example.com:3128
        noProxy: [10.0.0.0/8]
YAML
expect "proxies must be http://" 'spec.settings.network.proxy.httpsProxy: Invalid value: "https://proxy.example.com:3128": the proxy URL must use the http scheme' variant ''
expect "the storage classes of the namespace only" 'spec.settings.storage.defaultClass: Invalid value: "vsan-default-storage-policy"' bash -c "sed -e 's/name: tkc-v3/name: bad/' -e 's/namespace: dev/namespace: prod/' -e 's/best-effort-[a-z]*/guaranteed-small/' '$work/v3.yaml' | sed '/proxy:/,\$d' | kubectl --kubeconfig '$kc' apply -f -"

expect "no downgrade" 'the version may not be decreased' k patch tkc dev-cluster-01 -n dev --type merge -p '{"spec":{"topology":{"controlPlane":{"tkr":{"reference":{"name":"v1.25.7---vmware.3-fips.1-tkg.1"}}}}}}'
expect "a new CA for the trust" 'patched' k patch tkc tkc-v3 -n dev --type json -p "[{\"op\":\"add\",\"path\":\"/spec/settings/network/trust/additionalTrustedCAs/-\",\"value\":{\"name\":\"second\",\"data\":\"$ca_data\"}}]"
eventually "rolls the nodes: Ready False while updating" '^False RollingUpdateInProgress$' 5 k get tkc tkc-v3 -n dev -o "jsonpath={.status.conditions[?(@.type=='Ready')].status} {.status.conditions[?(@.type=='Ready')].reason}"
eventually "and back to Ready" '^True$' 10 k get tkc tkc-v3 -n dev -o "jsonpath={.status.conditions[?(@.type=='Ready')].status}"
sim_stop

# ---- 7.0.3: v1alpha1 and v1alpha2, converted ----
sim_start --supervisor-version 7.0.3 --scenario demo --cluster-seconds 1
cat >"$work/v1.yaml" <<'YAML'
apiVersion: run.tanzu.vmware.com/v1alpha1
kind: TanzuKubernetesCluster
metadata:
  name: old-style
  namespace: dev
spec:
  distribution:
    version: v1.20
  topology:
    controlPlane: {count: 1, class: best-effort-small, storageClass: vsan-default-storage-policy}
    workers: {count: 2, class: best-effort-small, storageClass: vsan-default-storage-policy}
YAML
expect "apply v1alpha1 on 7.0.3" 'created' k apply -f "$work/v1.yaml"
expect "the version hint resolved" '^v1.20.2\+vmware.1-tkg.1.1d4f79a$' k get tanzukubernetesclusters.v1alpha1.run.tanzu.vmware.com old-style -n dev -o 'jsonpath={.spec.distribution.fullVersion}'
expect "read as v1alpha2: workers became nodePools[0], the release its name" '^workers 2 best-effort-small v1.20.2---vmware.1-tkg.1.1d4f79a$' k get tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com old-style -n dev -o 'jsonpath={.spec.topology.nodePools[0].name} {.spec.topology.nodePools[0].replicas} {.spec.topology.nodePools[0].vmClass} {.spec.topology.controlPlane.tkr.reference.name}'
eventually "v1alpha1 readers see the phase" '^running$' 10 k get tanzukubernetesclusters.v1alpha1.run.tanzu.vmware.com old-style -n dev -o 'jsonpath={.status.phase}'
expect "v1alpha2 readers see the conditions" '^True$' k get tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com old-style -n dev -o "jsonpath={.status.conditions[?(@.type=='Ready')].status}"
expect "a v1alpha2 trust is invisible in v1alpha1" '^$' bash -c "kubectl --kubeconfig '$kc' patch tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com old-style -n dev --type merge -p '{\"spec\":{\"settings\":{\"network\":{\"trust\":{\"additionalTrustedCAs\":[{\"name\":\"ca\",\"data\":\"$ca_data\"}]}}}}}' >/dev/null && kubectl --kubeconfig '$kc' get tanzukubernetesclusters.v1alpha1.run.tanzu.vmware.com old-style -n dev -o 'jsonpath={.spec.settings.network.trust}'"
expect "and kept in v1alpha2" '^ca$' k get tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com old-style -n dev -o 'jsonpath={.spec.settings.network.trust.additionalTrustedCAs[0].name}'
expect "skipping a minor is refused" 'skipping minor versions is not supported' k patch tanzukubernetesclusters.v1alpha2.run.tanzu.vmware.com old-style -n dev --type merge -p '{"spec":{"topology":{"controlPlane":{"tkr":{"reference":{"name":"v1.22.9---vmware.1-tkg.1.cc71bc8"}}}}}}'
sim_stop
finish
