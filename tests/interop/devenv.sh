#!/usr/bin/env bash
# interop: the README's Quick start runs Pacific from the build tree through
# `meson devenv` (build-aux/demo). There, a kubeconfig exported by Pacific
# must name this build's credential plugin, which kubectl then runs (not
# the one an install would put in bindir), and Pacific must speak German
# under a German locale from the build tree's own catalogues.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
build=${PACIFIC_BUILD_ROOT:?PACIFIC_BUILD_ROOT must name the build directory}
unset PACIFIC_CREDENTIAL_COMMAND
dev() { meson devenv -C "$build" "$@"; }

expect "pacific-ctl speaks German from the build tree" \
  'vSphere-with-Tanzu-Cluster aus Skripten' \
  dev env LANGUAGE=de LC_ALL=C.UTF-8 pacific-ctl --help
expect "so does the app" 'Mit simuliertem vCenter und Supervisor öffnen' \
  dev env LANGUAGE=de LC_ALL=C.UTF-8 pacific --help

sim_start --supervisor-version 8.0 --scenario demo --cluster-seconds 2
pin_supervisor
export PACIFIC_PASSWORD='DevOps!23'
sk="$work/devenv.kubeconfig"
check "pacific-ctl exports a Supervisor context from the build tree" \
  dev pacific-ctl kubeconfig --server "$url" --user devops@vsphere.local --namespace dev \
  --ca-file "$work/ca.pem" --kubeconfig "$sk" --current
expect "the stanza names the build tree's plugin" "^$build/src/cli/pacific-credential\$" \
  kubectl --kubeconfig "$sk" config view -o 'jsonpath={.users[0].user.exec.command}'
expect "kubectl runs it and gets through" 'dev-cluster-01' kubectl --kubeconfig "$sk" get tkc -n dev
forget_keys
sim_stop
finish
