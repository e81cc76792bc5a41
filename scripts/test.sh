#!/usr/bin/env bash
# Sets up what is missing, then runs the tests, in layers:
#   rust     cargo fmt --check, clippy (native and wasm32), the native tests
#   wasm     the wasm tests in headless Chromium
#   e2e      release build, node unit tests, end-to-end tests in Chromium
#   firefox  release build (if dist/ is missing or older than the sources),
#            end-to-end tests in Firefox ESR
# With no layer named, runs all four in that order.
#   bash scripts/test.sh              # everything
#   bash scripts/test.sh rust e2e     # only those layers
set -euo pipefail
cd "$(dirname "$0")/.."

LAYERS=(rust wasm e2e firefox)

usage() {
  cat >&2 <<EOF
usage: bash scripts/test.sh [layer ...]
layers (default: all, in this order):
  rust     cargo fmt --check, clippy native and wasm32, native tests
  wasm     wasm tests in headless Chromium
  e2e      release trunk build, node unit tests, tests/e2e in Chromium
  firefox  release trunk build if dist/ is stale, tests/firefox in Firefox ESR
EOF
}

declare -A chosen=()
for arg in "$@"; do
  case "$arg" in
    rust | wasm | e2e | firefox) chosen[$arg]=1 ;;
    -h | --help) usage; exit 0 ;;
    *) printf 'test.sh: unknown layer "%s"\n' "$arg" >&2; usage; exit 2 ;;
  esac
done
if ((${#chosen[@]} == 0)); then
  for layer in "${LAYERS[@]}"; do chosen[$layer]=1; done
fi
wants() { [[ -n "${chosen[$1]:-}" ]]; }

bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

built=
build() {
  [[ -z "$built" ]] || return 0
  step "release build (trunk)"
  trunk build --release
  built=1
}

# True when dist/ is missing or some source of the page is newer than it.
dist_stale() {
  [[ -f dist/index.html ]] || return 0
  [[ -n $(find index.html Trunk.toml Cargo.toml Cargo.lock .cargo www crates \
    -newer dist/index.html -type f -not -path '*/target/*' -print -quit 2>/dev/null) ]]
}

if wants rust; then
  step "cargo fmt --check"
  cargo fmt --all --check

  step "clippy (native and wasm32)"
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo clippy -p descent-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
  # The comparison's module: descent-web with its `compare` feature alone.
  cargo clippy -p descent-web-compare --target wasm32-unknown-unknown --locked -- -D warnings

  step "native tests"
  cargo test --workspace --exclude descent-web --locked
  # The web crate's pure helpers (its browser tests run in the wasm layer, in Chromium).
  cargo test -p descent-web --lib --all-features --locked
fi

if wants wasm; then
  step "wasm tests in headless Chromium"
  (cd crates/web && cargo test --target wasm32-unknown-unknown --all-features --locked)
fi

if wants e2e; then
  build
  step "unit tests and browser end-to-end tests (Chromium)"
  node --test --test-concurrency=1 tests/unit/ tests/e2e/
fi

if wants firefox; then
  if dist_stale; then
    build
  else
    step "dist/ is up to date: no rebuild"
  fi
  step "browser end-to-end tests (Firefox ESR)"
  node --test --test-concurrency=1 tests/firefox/
fi
