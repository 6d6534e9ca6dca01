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

# Node.js 20.19 or newer builds the window's front end (Vite). Debian 12's own
# nodejs is 18: a newer one comes from the npm registry's `node` package.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing: nodejs npm" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  if ! node_ok; then
    echo "Installing Node.js 20 from the npm registry (found $(node --version 2>/dev/null || echo none))" >&2
    $sudo npm install -g --no-audit --no-fund node@20 >/dev/null
    hash -r
  fi
  node_ok || { echo "Node.js 20.19 or newer is needed to build the window; found $(node --version 2>/dev/null || echo none)." >&2; exit 1; }
fi

# The front end: installed from ui/package-lock.json, built into ui/dist,
# which the app embeds at compile time.
cd "$(dirname "$0")/../ui"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build >/dev/null
