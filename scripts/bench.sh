#!/usr/bin/env bash
# Benchmarks: criterion natively (core), then the browser timing harness on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin:$PATH"
cargo bench --offline --locked --bench core
trunk build --release
node e2e/bench.mjs
