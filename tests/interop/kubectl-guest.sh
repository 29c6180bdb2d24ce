#!/usr/bin/env bash
# interop: guest clusters with real kubectl — login, nodes, RBAC, the
# article's pod security symptom and its fix (PSP, 1.17), Pod Security
# Admission (1.26), DaemonSets and node trust.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

sim_start --supervisor-version 7.0.1 --scenario demo --cluster-seconds 2
g="$work/guest.kubeconfig"
eventually "guest login to a running cluster" '^ok$' 10 bash -c "$(declare -f guest_login); url='$url' work='$work' guest_login devops@vsphere.local 'DevOps!23' dev dev-cluster-01 '$g' && echo ok"
kg() { kubectl --kubeconfig "$g" "$@"; }
expect "get nodes: one control plane, two workers, Ready" '^dev-cluster-01-control-plane-[a-z0-9]{5} +Ready +control-plane +[0-9]+s +v1.17.8\+vmware.1' kg get nodes
expect "two workers" '^2$' bash -c "kubectl --kubeconfig '$g' get nodes --no-headers | grep -c workers"
expect "the guest's version" 'Server Version: v1.17.8\+vmware.1' kg version
expect "VMware's PodSecurityPolicies (1.17)" '^vmware-system-privileged +true' kg get psp
expect "the Owner is cluster-admin, by vSphere's role sync" '^yes$' kg auth can-i '*' '*' --all-namespaces

cat >"$work/hello.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-kubernetes
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: {app: hello-kubernetes}
  template:
    metadata:
      labels: {app: hello-kubernetes}
    spec:
      containers:
      - name: hello-kubernetes
        image: paulbouwer/hello-kubernetes:1.8
YAML
expect "a Deployment is accepted" 'deployment.apps/hello-kubernetes created' kg apply -f "$work/hello.yaml"
eventually "its ReplicaSet fails as in the article" 'pods "hello-kubernetes-[a-z0-9]+-" is forbidden: unable to validate against any pod security policy: \[\]' 5 kg get rs -n default -o "jsonpath={.items[0].status.conditions[?(@.type=='ReplicaFailure')].message}"
eventually "with the ReplicaFailure condition on the Deployment" '^FailedCreate$' 5 kg get deploy hello-kubernetes -o "jsonpath={.status.conditions[?(@.type=='ReplicaFailure')].reason}"
eventually "and a FailedCreate event" 'FailedCreate +replicaset/hello-kubernetes-[a-z0-9]+ +Error creating: pods "hello-kubernetes-[a-z0-9]+-" is forbidden: unable to validate against any pod security policy' 5 kg get events -n default
expect "no pods" 'No resources found' kg get pods -n default
expect "the article's fix" 'rolebinding.rbac.authorization.k8s.io/rolebinding-default-privileged-sa-ns_default created' kg create rolebinding rolebinding-default-privileged-sa-ns_default --namespace=default --clusterrole=psp:vmware-system-privileged --group=system:serviceaccounts
eventually "then the pods come" '^hello-kubernetes +2/2 +2 +2 ' 10 kg get deploy -n default
expect "running, on workers" '^hello-kubernetes-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 ' kg get pods -n default
expect "admitted by the privileged policy" '^vmware-system-privileged$' kg get pods -n default -o "jsonpath={.items[0].metadata.annotations.kubernetes\.io/psp}"
expect "auth can-i --as a service account" '^no$' kg auth can-i create pods --as system:serviceaccount:default:default -n default
expect "auth can-i --as the Owner" '^yes$' kg auth can-i create pods --as sso:devops@vsphere.local -n default
expect "auth can-i --as someone without rights" '^no$' kg auth can-i create deployments --as nobody -n default
expect "a viewer is not cluster-admin" 'Forbidden|forbidden' bash -c "$(declare -f guest_login); url='$url' work='$work' guest_login viewer@vsphere.local 'Viewer!23' dev dev-cluster-01 '$work/viewer.kubeconfig' && kubectl --kubeconfig '$work/viewer.kubeconfig' get pods -n default"

# The admin kubeconfig of the Supervisor secret works with its client certificate.
k get secret dev-cluster-01-kubeconfig -n dev -o 'jsonpath={.data.value}' | base64 -d >"$work/admin.kubeconfig"
expect "the <cluster>-kubeconfig certificate is cluster-admin" '^yes$' kubectl --kubeconfig "$work/admin.kubeconfig" auth can-i '*' '*'
expect "and reads nodes" 'control-plane' kubectl --kubeconfig "$work/admin.kubeconfig" get nodes

# DaemonSets: one pod per worker; scaling the cluster adds one.
cat >"$work/ds.yaml" <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: default}
spec:
  selector: {matchLabels: {app: node-agent}}
  template:
    metadata: {labels: {app: node-agent}}
    spec:
      containers: [{name: agent, image: busybox}]
YAML
expect "a DaemonSet" 'created' kg apply -f "$work/ds.yaml"
eventually "one pod per worker" '^node-agent +2 +2 +2 +2 +2 ' 5 kg get ds -n default
expect "scale the cluster" 'patched' k patch tkc dev-cluster-01 -n dev --type merge -p '{"spec":{"topology":{"workers":{"count":3}}}}'
eventually "the new node gets its pod" '^node-agent +3 +3 +3 +3 +3 ' 15 kg get ds -n default

# Node trust: nothing but a privileged pod that writes a Secret into the trust store.
trusting() { # NAMESPACE CLUSTER: how many nodes trust the simulator's CA
  sim_admin /_sim/guests/trust "{\"namespace\":\"$1\",\"name\":\"$2\"}" | python3 -c '
import json, sys
ca = open(sys.argv[1]).read().strip()
print(sum(any(p.strip() == ca for p in pems) for pems in json.load(sys.stdin).values()))' "$work/ca.pem"
}
expect "no node trusts the registry CA yet" '^0$' trusting dev dev-cluster-01
expect "a Secret with the CA" 'created' kg create secret generic harbor-ca -n default --from-file=ca.crt="$work/ca.pem"
cat >"$work/trust-ds.yaml" <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ca-writer, namespace: default}
spec:
  selector: {matchLabels: {app: ca-writer}}
  template:
    metadata: {labels: {app: ca-writer}}
    spec:
      containers:
      - name: writer
        image: photon:3.0
        securityContext: {privileged: true}
        volumeMounts:
        - {name: ca, mountPath: /ca}
        - {name: store, mountPath: /host/etc/pki/tls/certs}
      volumes:
      - {name: ca, secret: {secretName: harbor-ca}}
      - {name: store, hostPath: {path: /etc/pki/tls/certs}}
YAML
expect "a privileged DaemonSet writing it" 'created' kg apply -f "$work/trust-ds.yaml"
eventually "every worker trusts the CA" '^3$' 10 trusting dev dev-cluster-01
sim_stop

# ---- vSphere 8: Pod Security Admission, and TKC trust ----
sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 2
eventually "guest login on 8.0 (v1.26)" '^ok$' 10 bash -c "$(declare -f guest_login); url='$url' work='$work' guest_login devops@vsphere.local 'DevOps!23' dev dev-cluster-01 '$g' && echo ok"
expect "1.26 has no PodSecurityPolicy" "doesn't have a resource type" kg get psp
expect "kubectl auth can-i --list on a guest: its RBAC rules" '^\*\.\* +\[\] +\[\] +\[\*\]' kg auth can-i --list
expect "PSA enforces restricted by default" 'pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web" must set securityContext.allowPrivilegeEscalation=false\), unrestricted capabilities' kg run web --image=nginx -n default
cat >"$work/compliant.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: compliant, namespace: default}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: nginxinc/nginx-unprivileged
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
YAML
expect "a compliant pod passes" 'pod/compliant created' kg apply -f "$work/compliant.yaml"
cat >"$work/privileged-deployment.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: privileged, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: privileged}}
  template:
    metadata: {labels: {app: privileged}}
    spec:
      containers:
      - {name: app, image: nginx}
YAML
expect "a Deployment whose pods would be refused: kube-apiserver's warning, in its words" \
  'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation' \
  kg apply -f "$work/privileged-deployment.yaml"
expect "the label fix" 'namespace/default labeled' kg label --overwrite ns default pod-security.kubernetes.io/enforce=privileged
expect "then the pod is admitted" 'pod/web created' kg run web --image=nginx -n default
eventually "and runs" '^web +1/1 +Running' 5 kg get pods -n default
# The commands people type, whose bodies kubectl sends as protobuf
expect "kubectl create namespace" 'namespace/team-a created' kg create namespace team-a
expect "kubectl create deployment" 'deployment.apps/shop created' kg create deployment shop --image=nginx --port=80 -n default
expect "kubectl scale deploy (the scale subresource)" 'deployment.apps/shop scaled' kg scale deploy shop --replicas=2 -n default
expect "kubectl rollout status" 'successfully rolled out' kg rollout status deploy/shop -n default --timeout=30s
expect "scaled: two ready" '^shop +2/2 ' kg get deploy shop -n default
expect "kubectl create serviceaccount, role, rolebinding, clusterrolebinding" \
  '^serviceaccount/robot created role.rbac.authorization.k8s.io/reader created rolebinding.rbac.authorization.k8s.io/robot-reads created clusterrolebinding.rbac.authorization.k8s.io/robot-views created$' \
  bash -c "echo \$(kubectl --kubeconfig '$g' create serviceaccount robot -n team-a; kubectl --kubeconfig '$g' create role reader --verb=get --resource=pods -n team-a; kubectl --kubeconfig '$g' create rolebinding robot-reads --role=reader --serviceaccount=team-a:robot -n team-a; kubectl --kubeconfig '$g' create clusterrolebinding robot-views --clusterrole=view --serviceaccount=team-a:robot)"
expect "kubectl debug of a pod that is not there: a clear error, no panic" '^Error from server \(NotFound\): pods "nosuch" not found$' \
  bash -c "kubectl --kubeconfig '$g' debug pod/nosuch -n default --image=busybox --profile=general 2>&1 | grep -v '^--profile'"
eventually "guest login to the 1.25 cluster" '^ok$' 10 bash -c "$(declare -f guest_login); url='$url' work='$work' guest_login devops@vsphere.local 'DevOps!23' test qa-cluster '$work/qa.kubeconfig' && echo ok"
expect "1.25 only warns" 'Warning: would violate PodSecurity "restricted:latest"' kubectl --kubeconfig "$work/qa.kubeconfig" run web --image=nginx -n default
expect "and admits" '^web ' kubectl --kubeconfig "$work/qa.kubeconfig" get pods -n default --no-headers

expect "nodes built without the CA do not trust it" '^0$' trusting dev dev-cluster-01
ca_data=$(base64 -w0 "$work/ca.pem")
expect "TKC trust for the registry CA" 'patched' k patch tkc dev-cluster-01 -n dev --type merge -p "{\"spec\":{\"settings\":{\"network\":{\"trust\":{\"additionalTrustedCAs\":[{\"name\":\"harbor-ca\",\"data\":\"$ca_data\"}]}}}}}"
eventually "after the rolling update every node trusts it" '^3$' 15 trusting dev dev-cluster-01
expect "deleting the cluster" 'deleted' k delete tkc dev-cluster-01 -n dev --wait=false
eventually "stops its API" 'was refused|connection refused|Unable to connect' 15 kg get nodes --request-timeout=2s
sim_stop
finish
