#!/usr/bin/env bash
# Benchmarks: criterion natively (core), then the browser timing harness on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin:$PATH"
cargo bench --offline --locked --bench core
trunk build --release
node e2e/bench.mjs
# The shell alone (labs as placeholders): its own size target.
trunk build --release --features shell-only --dist dist-shell >/dev/null
for f in dist-shell/*.wasm; do
  printf '%s: %s bytes raw, %s bytes gzip\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
