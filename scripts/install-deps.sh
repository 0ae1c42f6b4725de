#!/usr/bin/env bash
# Installs ConvViz's build and test dependencies from Debian 12 packages.
# Idempotent: when every package is already installed it changes nothing and
# does not touch the network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  nlohmann-json3-dev libcli11-dev libgtest-dev libbenchmark-dev libhwy-dev
  libimgui-dev libglfw3-dev python3-glad libstb-dev libgif-dev
  libfontconfig-dev fonts-dejavu-core fonts-wqy-microhei xvfb xauth
  desktop-file-utils appstream
  file  # CPack's .deb generator runs it before dpkg-shlibdeps
  clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
