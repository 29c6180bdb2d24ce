#!/usr/bin/env bash
# Installs what Pacific needs to build and test on Debian 12 or Ubuntu.
# Idempotent: installs only what is missing (after apt-get update); uses
# sudo when not run as root.
set -euo pipefail

packages=(
  # build
  gcc clang clang-format meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libyaml-dev libgtksourceview-5-dev libgnutls28-dev
  # libFuzzer and sanitizer runtimes for clang
  libclang-rt-dev
  # tests: session wrapper, validators
  dbus dbus-x11 gnome-keyring xvfb xauth openbox at-spi2-core libxtst-dev
  python3-gi gir1.2-atspi-2.0
  desktop-file-utils appstream python3 python3-yaml openssl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
