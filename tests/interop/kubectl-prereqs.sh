#!/usr/bin/env bash
# interop: pacific-ctl prereqs (the app's readiness checks) against the
# empty scenario, and after the prerequisites are made through vCenter's
# REST API: every line missing then ok, the exit status with it, and
# kubectl seeing on the Supervisor what vCenter's changes made (the
# releases, the namespace's storage quota).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ctl=${PACIFIC_CTL:?PACIFIC_CTL must name pacific-ctl}
export PACIFIC_PASSWORD='Admin!23'

sim_start --supervisor-version 8.0 --scenario empty --cluster-seconds 1
pre() { "$ctl" prereqs --server "$url" --user administrator@vsphere.local --ca-file "$work/ca.pem" "$@"; }
status() { pre "$@" >/dev/null 2>&1; echo "exit $?"; }

expect "usage without --user" 'needed' "$ctl" prereqs --server "$url"
expect "usage is exit 2" '^exit 2$' bash -c "\"$ctl\" prereqs --server '$url' >/dev/null 2>&1; echo exit \$?"
expect "the library is missing" '^missing +library +None attached' pre --vcenter "$vcenter"
expect "no namespace" '^missing +namespace +None yet' pre --vcenter "$vcenter"
expect "not ready is exit 1" '^exit 1$' status --vcenter "$vcenter"
expect "Supervisor only: libraries unknown" '^unknown +subscription ' pre

expect "--fix without --vcenter is usage" '^exit 2$' status --fix
expect "--fix needs the datastore and thumbprint for a new library" 'needs --datastore' \
  pre --vcenter "$vcenter" --fix
expect "--fix with a wrong thumbprint changes nothing" 'not the one given' \
  pre --vcenter "$vcenter" --fix --datastore datastore-1001 --thumbprint 00:11
expect "so the library is still missing" '^missing +library ' pre --vcenter "$vcenter"

vc_login
thumbprint=$(vc POST '/api/content/subscribed-library?action=probe' \
  '{"subscription_info":{"subscription_url":"https://wp-content.vmware.com/v2/latest/lib.json"}}' |
  python3 -c 'import json,sys; print(json.loads(sys.stdin.read().split(" ",1)[1])["ssl_thumbprint"])')
library=$(vc POST /api/content/subscribed-library "{\"name\":\"Kubernetes\",\"type\":\"SUBSCRIBED\",
  \"storage_backings\":[{\"type\":\"DATASTORE\",\"datastore_id\":\"datastore-1001\"}],
  \"subscription_info\":{\"subscription_url\":\"https://wp-content.vmware.com/v2/latest/lib.json\",
  \"authentication_method\":\"NONE\",\"automatic_sync_enabled\":true,\"on_demand\":true,
  \"ssl_thumbprint\":\"$thumbprint\"}}" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().split(" ",1)[1]))')
expect "--fix attaches the existing library and waits for the releases" '^ok +releases ' \
  pre --vcenter "$vcenter" --fix --timeout 60
expect "vCenter says it is attached" "$library" \
  vc GET /api/vcenter/namespace-management/clusters/domain-c8
expect "kubectl lists them" 'v1\.' k get tkr -o name
check "a namespace with a storage policy, no VM class" vc POST /api/vcenter/namespaces/instances \
  '{"cluster":"domain-c8","namespace":"team-a","storage_specs":[{"policy":"aa6d5a82-1c88-45da-85d3-3d74b91a5bad","limit":20480}]}'
expect "its VM class is missing" '^missing +namespace-setup +team-a: no VM class' pre --vcenter "$vcenter"
expect "kubectl sees its storage quota" 'storage: 20480Mi' k get resourcequota -n team-a -o yaml
check "a VM class" vc PATCH /api/vcenter/namespaces/instances/team-a \
  '{"vm_service_spec":{"vm_classes":["best-effort-small"]}}'
expect "every line ok" '^ok +namespace-setup ' pre --vcenter "$vcenter" --cluster domain-c8
expect "ready is exit 0" '^exit 0$' status --vcenter "$vcenter"
expect "an unknown Supervisor id" 'NOT_FOUND|not found|does not' pre --vcenter "$vcenter" --cluster domain-c99
sim_stop

# A new library made by --fix, with the thumbprint the pipeline states
sim_start --supervisor-version 7.0.2 --scenario empty --cluster-seconds 1
vc_login
thumbprint=$(vc POST '/api/content/subscribed-library?action=probe' \
  '{"subscription_info":{"subscription_url":"https://wp-content.vmware.com/v2/latest/lib.json"}}' |
  python3 -c 'import json,sys; print(json.loads(sys.stdin.read().split(" ",1)[1])["ssl_thumbprint"])')
expect "--fix creates, attaches and syncs a library" '^fixed +library +Create' \
  pre --vcenter "$vcenter" --fix --datastore datastore-1001 --thumbprint "$thumbprint" --timeout 60
expect "then the releases are there" '^ok +releases ' pre --vcenter "$vcenter"
expect "kubectl lists them too" 'v1\.' k get tkr -o name
sim_stop
finish
