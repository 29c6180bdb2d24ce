#!/usr/bin/env bash
# test-node-script.sh: the DaemonSet's install-ca.sh against fake Photon OS
# and Ubuntu root directories: the CA lands once, a renewed CA replaces its
# own entry, containerd restarts only on a change, an unknown OS fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
script=${1:?usage: test-node-script.sh install-ca.sh}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
n=0

check() { # description, then a command that must succeed
  local what=$1; shift
  n=$((n + 1))
  if "$@"; then echo "ok $n $what"; else echo "not ok $n $what"; failures=$((failures + 1)); fi
}

pem() { # a stand-in certificate body; the script copies bytes, it parses nothing
  printf -- '-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n' "$1"
}

# Commands meant for the node are logged instead of run
cat > "$work/host-exec" <<'SH'
#!/bin/sh
echo "$*" >> "$HOST_LOG"
SH
chmod +x "$work/host-exec"

run() { # root, then runs the script with the CAs in $work/ca
  HOST_ROOT=$1 CA_DIR="$work/ca" HOST_EXEC="$work/host-exec" HOST_LOG="$1.log" sh "$script"
}

restarts() { grep -c "systemctl restart containerd" "$1.log" 2>/dev/null || true; }

mkdir -p "$work/ca"
pem HARBORONE > "$work/ca/harbor-ca.crt"

# ---- Photon OS ----
photon="$work/photon"
mkdir -p "$photon/etc/pki/tls/certs"
echo 'ID=photon' > "$photon/etc/os-release"
pem SYSTEMROOT > "$photon/etc/pki/tls/certs/ca-bundle.crt"

check "photon: first run says changed" test "$(run "$photon")" = changed
check "photon: the CA is in the bundle" grep -q HARBORONE "$photon/etc/pki/tls/certs/ca-bundle.crt"
check "photon: the system roots stay" grep -q SYSTEMROOT "$photon/etc/pki/tls/certs/ca-bundle.crt"
check "photon: containerd restarted once" test "$(restarts "$photon")" = 1
before=$(sha256sum < "$photon/etc/pki/tls/certs/ca-bundle.crt")
check "photon: second run says unchanged" test "$(run "$photon")" = unchanged
check "photon: the bundle is byte for byte the same" \
  test "$(sha256sum < "$photon/etc/pki/tls/certs/ca-bundle.crt")" = "$before"
check "photon: no second restart" test "$(restarts "$photon")" = 1

pem HARBORTWO > "$work/ca/harbor-ca.crt"
check "photon: a renewed CA is a change" test "$(run "$photon")" = changed
check "photon: the old CA is gone" bash -c "! grep -q HARBORONE '$photon/etc/pki/tls/certs/ca-bundle.crt'"
check "photon: the new CA is there once" \
  test "$(grep -c HARBORTWO "$photon/etc/pki/tls/certs/ca-bundle.crt")" = 1
check "photon: one block for the name" \
  test "$(grep -c 'BEGIN pacific registry CA harbor-ca' "$photon/etc/pki/tls/certs/ca-bundle.crt")" = 1
check "photon: restarted for the renewal" test "$(restarts "$photon")" = 2

pem OTHERROOT > "$work/ca/other-ca.crt"
check "photon: a second CA is added" test "$(run "$photon")" = changed
check "photon: both CAs present" bash -c \
  "grep -q HARBORTWO '$photon/etc/pki/tls/certs/ca-bundle.crt' && grep -q OTHERROOT '$photon/etc/pki/tls/certs/ca-bundle.crt'"
rm "$work/ca/other-ca.crt"

# A symlinked bundle stays a symlink
linked="$work/linked"
mkdir -p "$linked/etc/pki/tls/certs" "$linked/real"
echo 'ID=photon' > "$linked/etc/os-release"
pem SYSTEMROOT > "$linked/real/bundle.crt"
ln -s ../../../../real/bundle.crt "$linked/etc/pki/tls/certs/ca-bundle.crt"
check "photon: symlinked bundle changed" test "$(run "$linked")" = changed
check "photon: still a symlink" test -L "$linked/etc/pki/tls/certs/ca-bundle.crt"
check "photon: its target holds the CA" grep -q HARBORTWO "$linked/real/bundle.crt"

# ---- Ubuntu ----
ubuntu="$work/ubuntu"
mkdir -p "$ubuntu/etc"
printf 'NAME="Ubuntu"\nID=ubuntu\n' > "$ubuntu/etc/os-release"
check "ubuntu: first run says changed" test "$(run "$ubuntu")" = changed
check "ubuntu: the CA file is written" \
  cmp -s "$work/ca/harbor-ca.crt" "$ubuntu/usr/local/share/ca-certificates/pacific-harbor-ca.crt"
check "ubuntu: update-ca-certificates ran on the node" grep -qx update-ca-certificates "$ubuntu.log"
check "ubuntu: containerd restarted once" test "$(restarts "$ubuntu")" = 1
check "ubuntu: second run says unchanged" test "$(run "$ubuntu")" = unchanged
check "ubuntu: no second update or restart" \
  test "$(grep -c . "$ubuntu.log")" = 2

# ---- neither ----
other="$work/other"
mkdir -p "$other/etc"
echo 'ID=fedora' > "$other/etc/os-release"
check "unknown OS: fails" bash -c "! HOST_ROOT='$other' CA_DIR='$work/ca' HOST_EXEC='$work/host-exec' HOST_LOG='$other.log' sh '$script' 2>'$work/err'"
check "unknown OS: says which" grep -q fedora "$work/err"
check "unknown OS: restarts nothing" test ! -e "$other.log"

echo "1..$n"
exit $((failures > 0))
