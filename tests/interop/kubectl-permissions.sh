#!/usr/bin/env bash
# interop: pacific-ctl pod-security and access (the app's logic) judged
# by real kubectl — the article's refused Deployment fixed on a 1.17 guest,
# re-applying unchanged; PSA labels on a 1.26 guest; SSO access granted,
# listed and revoked, checked with `kubectl auth can-i --as`.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_PASSWORD='DevOps!23'

sim_start --supervisor-version 7.0.1 --scenario demo --cluster-seconds 2
on() { "$ctl" "$@" --server "$url" --user devops@vsphere.local --ca-file "$work/ca.pem" \
  --namespace dev --cluster dev-cluster-01; }
k get secret dev-cluster-01-kubeconfig -n dev -o 'jsonpath={.data.value}' | base64 -d >"$work/admin.kubeconfig"
ka() { kubectl --kubeconfig "$work/admin.kubeconfig" "$@"; }

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
expect "a Deployment is accepted" 'created' ka apply -f "$work/hello.yaml"
eventually "its pods are refused as in the article" 'unable to validate against any pod security policy' 5 \
  ka get rs -n default -o "jsonpath={.items[0].status.conditions[?(@.type=='ReplicaFailure')].message}"
expect "pacific-ctl shows the regime" 'Kubernetes v1.17.8\+vmware.1: PodSecurityPolicy' on pod-security --show
expect "and what is missing" '^default +No policy bound' on pod-security --show
expect "--dry-run prints the RoleBinding" 'name: psp:vmware-system-privileged' on pod-security --in default --dry-run
expect "and changes nothing" 'No resources found' ka get rolebindings -n default
expect "apply binds the service accounts" 'kind: RoleBinding' on pod-security --in default
expect "the binding kubectl sees" '^psp:vmware-system-privileged Group system:serviceaccounts$' \
  ka get rolebinding pacific:psp:privileged:serviceaccounts -n default -o 'jsonpath={.roleRef.name} {.subjects[0].kind} {.subjects[0].name}'
eventually "then the pods come" '^hello-kubernetes +2/2 +2 +2 ' 10 ka get deploy -n default
rv=$(ka get rolebinding pacific:psp:privileged:serviceaccounts -n default -o 'jsonpath={.metadata.resourceVersion}')
expect "re-applying changes nothing" '^unchanged$' on pod-security --in default
expect "not even the resourceVersion" "^$rv\$" ka get rolebinding pacific:psp:privileged:serviceaccounts -n default -o 'jsonpath={.metadata.resourceVersion}'
# As kube-apiserver does, an impersonated service account has its groups
expect "a role for the namespace's service accounts" 'created' \
  ka create rolebinding sa-view --clusterrole=view --group=system:serviceaccounts:default -n default
expect "reaches a service account impersonated" '^yes$' \
  ka auth can-i list pods --as system:serviceaccount:default:default -n default
expect "baseline is refused on 1.17" 'privileged and restricted' on pod-security --in default --level baseline
expect "a bad level is a usage error" 'levels are' on pod-security --in default --level superuser
sim_stop

sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 2
k get secret dev-cluster-01-kubeconfig -n dev -o 'jsonpath={.data.value}' | base64 -d >"$work/admin.kubeconfig"
expect "PSA refuses a privileged pod" 'violates PodSecurity "restricted:latest"' \
  ka run tool --image=busybox -n default --privileged
expect "pacific-ctl labels the namespace" 'pod-security.kubernetes.io/enforce: privileged' \
  on pod-security --in default --level privileged --warn restricted
expect "kubectl sees the labels" '^privileged restricted$' \
  ka get ns default -o 'jsonpath={.metadata.labels.pod-security\.kubernetes\.io/enforce} {.metadata.labels.pod-security\.kubernetes\.io/warn}'
expect "the privileged pod runs" 'pod/tool created' ka run tool --image=busybox -n default --privileged
expect "labelling again changes nothing" '^unchanged$' on pod-security --in default --level privileged --warn restricted
expect "removing the labels" 'pod-security.kubernetes.io/enforce: null' on pod-security --in default --level none
expect "refuses it again" 'violates PodSecurity' ka run tool2 --image=busybox -n default --privileged

expect "alice may not yet" '^no$' ka auth can-i create deployments --as sso:alice@vsphere.local -n default
expect "grant edit in default" 'kind: RoleBinding' on access grant alice@vsphere.local --role edit --in default
expect "alice may now" '^yes$' ka auth can-i create deployments --as sso:alice@vsphere.local -n default
expect "only there" '^no$' ka auth can-i create deployments --as sso:alice@vsphere.local -n kube-public
expect "nor roles" '^no$' ka auth can-i create rolebindings --as sso:alice@vsphere.local -n default
expect "granting again changes nothing" '^unchanged$' on access grant sso:alice@vsphere.local --role edit --in default
expect "a group, cluster-wide" 'kind: ClusterRoleBinding' on access grant ops@vsphere.local --group --role view
expect "its members may read" '^yes$' ka auth can-i list pods --as someone --as-group sso:ops@vsphere.local -n kube-public
expect "the list shows alice" '^sso:alice@vsphere.local +User +edit +default +pacific:access:edit:user:alice@vsphere.local$' on access list
expect "the list shows the group" '^sso:ops@vsphere.local +Group +view +\* ' on access list
expect "and vSphere's own grant" '^sso:devops@vsphere.local +User +cluster-admin +\* +vmware-system-auth-sync' on access list
expect "access list -o json, parsed" '^sso:alice@vsphere.local edit default False$' bash -c \
  "$(declare -f on); ctl='$ctl' url='$url' work='$work'; on access list -o json | python3 -c 'import json,sys; [print(g[\"subject\"], g[\"role\"], g[\"namespace\"], g[\"fromVsphere\"]) for g in json.load(sys.stdin) if g[\"subject\"].startswith(\"sso:alice\")]'"
expect "vSphere's grant is not revoked" 'restore it' on access revoke devops@vsphere.local --role cluster-admin
expect "a bad name is refused" 'name@domain' on access grant alice --role edit
expect "revoke alice" 'Delete RoleBinding' on access revoke alice@vsphere.local --role edit --in default
expect "alice may no longer" '^no$' ka auth can-i create deployments --as sso:alice@vsphere.local -n default
expect "revoking again changes nothing" '^unchanged$' on access revoke alice@vsphere.local --role edit --in default
sim_stop
finish
