#!/usr/bin/env bash
# Builds and serves Cascade Lab on http://127.0.0.1:8080 (installing whatever is missing first).
# Extra arguments go to `trunk serve`, e.g. `scripts/serve.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
bash scripts/setup.sh
echo "Cascade Lab: http://127.0.0.1:8080/"
# No auto-reload: Trunk injects it as an inline script, which the page's Content-Security-Policy
# (script-src 'self' 'wasm-unsafe-eval') refuses with a console error on every load. Reload by hand
# after an edit (Trunk still rebuilds on save).
exec trunk serve --release --no-autoreload "$@"
