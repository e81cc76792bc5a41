#!/usr/bin/env bash
# Sets up what is missing, then builds the page and serves it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "Serving at http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release
