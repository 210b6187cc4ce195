#!/usr/bin/env bash
# Builds and serves Cascade Lab on http://127.0.0.1:8080 (installing whatever is missing first).
# Extra arguments go to `trunk serve`, e.g. `scripts/serve.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
bash scripts/setup.sh
echo "Cascade Lab: http://127.0.0.1:8080/"
exec trunk serve --release "$@"
