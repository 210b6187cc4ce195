#!/usr/bin/env bash
# The fast checks CI runs, with no installs (the toolchain must be there: scripts/setup.sh):
# format, lint natively and for wasm32, native tests, and the API docs without a warning.
# scripts/test.sh runs this first; the Pages workflow runs it before deploying.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
step "format"
cargo fmt --all -- --check
step "lint (native, wasm32)"
cargo clippy --offline --locked --all-targets -- -D warnings
cargo clippy --offline --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
# The page as served: each lab's view a split point (scripts/split.sh builds it this way).
cargo clippy --offline --locked --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings
step "docs (native, wasm32)"
RUSTDOCFLAGS="-D warnings" cargo doc --offline --locked --no-deps --lib
RUSTDOCFLAGS="-D warnings" cargo doc --offline --locked --no-deps --lib --target wasm32-unknown-unknown
step "native tests"
cargo test --offline --locked 2>&1 | tee "${CHECK_LOG:-/dev/null}"
