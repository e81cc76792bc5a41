#!/usr/bin/env bash
# Installs everything building and testing need, skipping whatever is
# already there at the right version. Safe to run again and again.
# Needs: rustup's Rust, node/npm, and apt (root or sudo) on Debian/Ubuntu.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

TRUNK_VERSION=0.21.14
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores, once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (about 3 minutes, once)"
  # Not --locked: the CLI's own lockfile pins a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

missing=()
# firefox-esr: the Firefox end-to-end suite (tests/firefox/).
for pkg in chromium chromium-driver firefox-esr fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]} from Debian"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# wasm-opt (binaryen 132), playwright-core and puppeteer-core (the Firefox
# driver) come from npm, pinned in package-lock.json. Neither driver downloads
# a browser: they drive Debian's chromium and firefox-esr.
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/puppeteer-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# trunk builds offline: every crate must already be in cargo's cache.
cargo fetch --locked -q
