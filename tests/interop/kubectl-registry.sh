#!/usr/bin/env bash
# interop: pacific-ctl registry-ca (the app's logic) judged by real kubectl —
# on 8.0 a CA from a file into two clusters' specifications, re-adding
# unchanged, the nodes rolling until every one trusts it; a CA fetched
# from a registry only with the right fingerprint, by the DaemonSet route;
# on 7.0.1 the per-cluster route refused with its reason.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_PASSWORD='DevOps!23'

sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 1
ca() { "$ctl" registry-ca "$@" --server "$url" --user devops@vsphere.local --ca-file "$work/ca.pem"; }
cp "$work/ca.pem" "$work/registry.pem" # the simulator's CA stands for the registry's

expect "add to two clusters" '^dev/dev-cluster-01: added$' \
  ca add --name harbor-ca --from-file "$work/registry.pem" --cluster dev/dev-cluster-01 --cluster test/qa-cluster
expect "again: unchanged for both" '^test/qa-cluster: unchanged$' \
  ca add --name harbor-ca --from-file "$work/registry.pem" --cluster dev/dev-cluster-01 --cluster test/qa-cluster
expect "kubectl sees the entry, single base64" "^harbor-ca $(base64 -w0 "$work/registry.pem")\$" \
  k get tkc dev-cluster-01 -n dev -o 'jsonpath={.spec.settings.network.trust.additionalTrustedCAs[0].name} {.spec.settings.network.trust.additionalTrustedCAs[0].data}'
eventually "after the roll every node trusts it" '^dev/dev-cluster-01 harbor-ca cluster 3/3$' 30 \
  ca status --cluster dev/dev-cluster-01
expect "status -o json, clusters given as arguments" '^dev/dev-cluster-01 harbor-ca cluster 3 0$' bash -c \
  "$(declare -f ca); ctl='$ctl' url='$url' work='$work'; ca status dev/dev-cluster-01 -o json | python3 -c 'import json,sys; [print(e[\"cluster\"], e[\"name\"], e[\"route\"], len(e[\"trusting\"]), len(e[\"waiting\"])) for e in json.load(sys.stdin)]'"

fingerprint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_sha256"])' "$work/ready.json")
expect "a fetched CA needs a fingerprint" 'needs --fingerprint' \
  ca add --name fetched-ca --from-url "$url" --cluster test/qa-cluster
expect "a wrong fingerprint stops it" 'not the one given' \
  ca add --name fetched-ca --from-url "$url" --fingerprint 00:11 --cluster test/qa-cluster
expect "the right one, by DaemonSet" '^test/qa-cluster: added$' \
  ca add --name fetched-ca --from-url "$url" --fingerprint "$fingerprint" --route daemonset --cluster test/qa-cluster
k get secret qa-cluster-kubeconfig -n test -o 'jsonpath={.data.value}' | base64 -d >"$work/qa.kubeconfig"
expect "kubectl sees Pacific's DaemonSet" '^pacific-registry-trust IfNotPresent true$' \
  kubectl --kubeconfig "$work/qa.kubeconfig" get ds -n pacific-registry-trust \
  -o 'jsonpath={.items[0].metadata.name} {.items[0].spec.template.spec.containers[0].imagePullPolicy} {.items[0].spec.template.spec.containers[0].securityContext.privileged}'
eventually "every node ran it" '^test/qa-cluster fetched-ca daemonset 4/4$' 30 \
  ca status --cluster test/qa-cluster
expect "removal" '^test/qa-cluster: removed$' \
  ca remove --name fetched-ca --route daemonset --cluster test/qa-cluster
eventually "takes Pacific's namespace" 'NotFound|not found' 15 \
  kubectl --kubeconfig "$work/qa.kubeconfig" get ns pacific-registry-trust
sim_stop

sim_start --supervisor-version 7.0.1 --scenario demo --cluster-seconds 1
expect "7.0.1 has no per-cluster trust" 'v1alpha1' \
  ca add --name harbor-ca --from-file "$work/registry.pem" --route cluster --cluster dev/dev-cluster-01
expect "the default route there is the DaemonSet" '^dev/dev-cluster-01: added$' \
  ca add --name harbor-ca --from-file "$work/registry.pem" --cluster dev/dev-cluster-01
eventually "and every node trusts it" '^dev/dev-cluster-01 harbor-ca daemonset 3/3$' 30 \
  ca status --cluster dev/dev-cluster-01
sim_stop
finish
