#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting, lints, native
# tests, wasm tests in headless Chromium, the release build, and the
# browser end-to-end tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (native and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p descent-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests"
cargo test --workspace --exclude descent-web --locked
# The web crate's pure helpers (its browser tests run below, in Chromium).
cargo test -p descent-web --lib --locked

step "wasm tests in headless Chromium"
(cd crates/web && cargo test --target wasm32-unknown-unknown --locked)

step "release build (trunk)"
trunk build --release

step "browser end-to-end tests"
node --test --test-concurrency=1 tests/unit/ tests/e2e/
