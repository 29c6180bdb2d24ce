#!/bin/sh
# install-ca.sh: puts the registry CAs of Pacific's Secret into a guest
# node's trust store, run by Pacific's DaemonSet on every node.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   CA_DIR     the Secret's files, one NAME.crt per CA (default /pacific/ca)
#   HOST_ROOT  where the node's directories are mounted (default /host)
#   HOST_EXEC  runs a command on the node itself (default: nsenter into
#              PID 1's namespaces; the pod has hostPID)
#
# Photon OS: each CA is appended once to /etc/pki/tls/certs/ca-bundle.crt
# between marker lines; a renewed CA of the same name replaces its block.
# Ubuntu: /usr/local/share/ca-certificates/pacific-NAME.crt, then
# update-ca-certificates. containerd restarts only when a store changed.
# Prints "changed" or "unchanged"; exits non-zero on an unknown OS.
set -eu

CA_DIR=${CA_DIR:-/pacific/ca}
HOST_ROOT=${HOST_ROOT:-/host}
HOST_EXEC=${HOST_EXEC:-nsenter --target 1 --mount --uts --ipc --net --pid --}

os_id() {
  # shellcheck disable=SC1090,SC1091
  (. "$HOST_ROOT/etc/os-release" && echo "${ID:-}") 2>/dev/null || true
}

# The bundle without NAME's block, on stdout
without_block() {
  awk -v begin="# BEGIN pacific registry CA $1" -v end="# END pacific registry CA $1" '
    $0 == begin { skip = 1; next }
    $0 == end { skip = 0; next }
    !skip { print }' "$2"
}

install_photon() {
  bundle="$HOST_ROOT/etc/pki/tls/certs/ca-bundle.crt"
  changed=1
  [ -f "$bundle" ] || { echo "install-ca: $bundle is missing" >&2; exit 1; }
  for ca in "$CA_DIR"/*.crt; do
    [ -f "$ca" ] || continue
    name=$(basename "$ca" .crt)
    wanted=$(mktemp)
    {
      echo "# BEGIN pacific registry CA $name"
      cat "$ca"
      echo "# END pacific registry CA $name"
    } > "$wanted"
    current=$(mktemp)
    awk -v begin="# BEGIN pacific registry CA $name" -v end="# END pacific registry CA $name" '
      $0 == begin { on = 1 } on { print } $0 == end { on = 0 }' "$bundle" > "$current"
    if ! cmp -s "$wanted" "$current"; then
      # Rewritten in place (cat >), so that a symlinked bundle stays one
      next_bundle=$(mktemp)
      without_block "$name" "$bundle" > "$next_bundle"
      cat "$wanted" >> "$next_bundle"
      cat "$next_bundle" > "$bundle"
      rm -f "$next_bundle"
      changed=0
    fi
    rm -f "$wanted" "$current"
  done
  return $changed
}

install_ubuntu() {
  dir="$HOST_ROOT/usr/local/share/ca-certificates"
  changed=1
  mkdir -p "$dir"
  for ca in "$CA_DIR"/*.crt; do
    [ -f "$ca" ] || continue
    target="$dir/pacific-$(basename "$ca")"
    if ! cmp -s "$ca" "$target"; then
      cat "$ca" > "$target"
      changed=0
    fi
  done
  if [ $changed = 0 ]; then
    $HOST_EXEC update-ca-certificates
  fi
  return $changed
}

case "$(os_id)" in
  photon) if install_photon; then result=changed; else result=unchanged; fi ;;
  ubuntu) if install_ubuntu; then result=changed; else result=unchanged; fi ;;
  *)
    echo "install-ca: unknown node OS “$(os_id)” (Photon OS and Ubuntu are known)" >&2
    exit 1
    ;;
esac

if [ "$result" = changed ]; then
  $HOST_EXEC systemctl restart containerd
fi
echo "$result"
