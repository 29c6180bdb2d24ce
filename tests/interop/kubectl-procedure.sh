#!/usr/bin/env bash
# interop: the article's procedure through pacific-ctl on every Supervisor
# release the simulator claims (7.0.1, 7.0.3, 8.0, 8.0u3), judged by real
# kubectl: the prerequisites ready, a cluster created with the form's
# defaults and running, a kubeconfig exported with the credential plugin
# (on port 6443) that kubectl uses, pod security applied so that a
# Deployment's pods run, a registry CA trusted by every node, scaled,
# deleted.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_CREDENTIAL_COMMAND=${PACIFIC_CREDENTIAL_COMMAND:?}
export PACIFIC_PASSWORD='DevOps!23'

cat >"$work/hello.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello-kubernetes, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: hello-kubernetes}}
  template:
    metadata: {labels: {app: hello-kubernetes}}
    spec: {containers: [{name: hello-kubernetes, image: paulbouwer/hello-kubernetes:1.8}]}
YAML

for version in 7.0.1 7.0.3 8.0 8.0u3; do
  sim_start --supervisor-version "$version" --scenario demo --cluster-seconds 1
  T="--server $url --user devops@vsphere.local --ca-file $work/ca.pem"
  gk="$work/guest-$version.kubeconfig"
  expect "$version: the prerequisites are ready" '^exit 0$' bash -c \
    "PACIFIC_PASSWORD='Admin!23' '$ctl' prereqs --server '$url' --user administrator@vsphere.local --ca-file '$work/ca.pem' --vcenter '$vcenter' >/dev/null 2>&1; echo exit \$?"
  expect "$version: a cluster from the form's defaults" '^dev/article: created$' \
    "$ctl" cluster create $T -n dev --name article
  expect "$version: running" '^dev/article: running$' \
    "$ctl" cluster wait article $T -n dev --for running --timeout 60s
  check "$version: a kubeconfig with the credential plugin" \
    "$ctl" kubeconfig $T --namespace dev --cluster article --kubeconfig "$gk" --current
  expect "$version: the Supervisor's context names port 6443, the guest's its own API" '^https://127\.[0-9.]+:6443$' \
    kubectl --kubeconfig "$gk" config view --minify -o 'jsonpath={.clusters[0].cluster.server}'
  expect "$version: kubectl reaches the guest's nodes through the plugin" 'article-control-plane-.* Ready' \
    kubectl --kubeconfig "$gk" get nodes
  check "$version: pod security for the default namespace" \
    "$ctl" pod-security $T --namespace dev --cluster article --in default --level privileged
  expect "$version: a Deployment" 'created' kubectl --kubeconfig "$gk" apply -f "$work/hello.yaml"
  eventually "$version: its pods run" '^hello-kubernetes +2/2 ' 20 kubectl --kubeconfig "$gk" get deploy -n default
  cp "$work/ca.pem" "$work/registry.pem" # the simulator's CA stands for the registry's
  expect "$version: a registry CA" '^dev/article: added$' \
    "$ctl" registry-ca add --name harbor-ca --from-file "$work/registry.pem" --route daemonset \
    --cluster dev/article $T
  eventually "$version: every node trusts it" '^dev/article harbor-ca daemonset 3/3$' 30 \
    "$ctl" registry-ca status --cluster dev/article $T
  expect "$version: scaled" '^dev/article: scaled$' "$ctl" cluster scale article $T -n dev --workers 3 --yes
  eventually "$version: kubectl sees the fourth node" '^4$' 30 \
    bash -c "kubectl --kubeconfig '$gk' get nodes --no-headers | wc -l"
  expect "$version: deleted" '^dev/article: deleting$' "$ctl" cluster delete article $T -n dev --yes
  expect "$version: gone" '^dev/article: deleted$' \
    "$ctl" cluster wait article $T -n dev --for deleted --timeout 60s
  sim_stop
done
finish
