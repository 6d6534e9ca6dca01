#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Draftwatch needs to build and run, if missing.
# Idempotent: does nothing when everything is there. Needs root or sudo for apt.
set -euo pipefail

PACKAGES=(
  # Tauri 2 (WebKitGTK 4.1) build and run time
  libwebkit2gtk-4.1-dev libgtk-3-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  build-essential pkg-config file
  # Khmer text in the window and in test screenshots
  fonts-khmeros
)
if [[ "${DRAFTWATCH_SETUP_EXTRA:-}" != "" ]]; then
  read -r -a extra <<<"$DRAFTWATCH_SETUP_EXTRA"
  PACKAGES+=("${extra[@]}")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it from https://rustup.rs (stable), then run this again." >&2
  exit 1
fi
