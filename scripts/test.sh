#!/usr/bin/env bash
# Runs every test tier (installing whatever is missing first) and reports counts and sizes:
#   1-2. scripts/check.sh: cargo fmt --check, clippy -D warnings (native and wasm32), cargo doc
#        without warnings, native cargo test (core, CLI, property tests, architecture)
#   3. wasm-bindgen-test in headless Chromium (components)
#   4. release build (+ a sub-path build) driven end to end in headless Chromium (Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
cascade_bound_folder 16
cascade_disk_check 10
bash scripts/setup.sh
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export TRUNK_SKIP_VERSION_CHECK=true
logs="$(mktemp -d)"
step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
count() { # sums "N passed" over cargo test result lines
  grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}'
}

# Format, lint (native and wasm32), docs and native tests: exactly what scripts/check.sh runs.
CHECK_LOG="$logs/native.txt" bash scripts/check.sh
native=$(count "$logs/native.txt")

step "fuzz (libFuzzer, coverage-guided, ${FUZZ_SECONDS:-20} s a target)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}" 2>&1 | tee "$logs/fuzz.txt"

step "release build"
# Trunk's log is long; show its tail, or all of it (with cargo's error) when the build fails.
trunk_build() {
  if trunk build --release "$@" >"$logs/trunk.txt" 2>&1; then
    tail -n 2 "$logs/trunk.txt"
  else
    cat "$logs/trunk.txt" >&2
    df -h . >&2 || true
    echo "trunk build --release $* failed" >&2
    exit 1
  fi
}
trunk_build
trunk_build --public-url /cascade/ --dist dist-sub

step "browser component tests (wasm-bindgen-test, headless Chromium)"
cargo test --offline --locked --target wasm32-unknown-unknown --test web 2>&1 | tee "$logs/wasm.txt"
wasm=$(count "$logs/wasm.txt")

step "end-to-end tests of the release build (headless Chromium)"
cargo build --offline --locked --bin cascade
(cd e2e && node --test --test-concurrency=1 ./*.test.mjs) 2>&1 | tee "$logs/e2e.txt"
e2e=$(grep -E '^# pass ' "$logs/e2e.txt" | awk '{print $3}')
e2e_fail=$(grep -E '^# fail ' "$logs/e2e.txt" | awk '{print $3}')
[ "${e2e_fail:-1}" = 0 ] || { echo "end-to-end tests failed" >&2; exit 1; }

step "size budget"
bash scripts/size.sh dist

wasm_file=$(ls dist/cascade-lab-*_bg.wasm | awk 'NR == 1')
raw=$(stat -c %s "$wasm_file")
gz=$(gzip -9 -c "$wasm_file" | wc -c)
step "build folder"
# Everything built went to the shared folder: nothing in the clone but dist/ and node_modules.
[ -x "$CASCADE_CLI" ] || { echo "the CLI is not at $CASCADE_CLI" >&2; exit 1; }
if [ "$(pwd -P)/target" != "$CARGO_TARGET_DIR" ] && [ -e target ]; then
  echo "something built into ./target instead of $CARGO_TARGET_DIR" >&2; exit 1
fi
printf 'builds in %s (%s); this clone holds %s MB\n' "$CARGO_TARGET_DIR" \
  "$(du -sh "$CARGO_TARGET_DIR" | awk '{print $1}')" "$(du -sm . | awk '{print $1}')"

step "summary"
printf 'native tests:      %s passed\n' "$native"
printf 'browser tests:     %s passed\n' "$wasm"
printf 'end-to-end tests:  %s passed\n' "$e2e"
cat "$CARGO_TARGET_DIR/malformed-corpus.txt" 2>/dev/null || true
grep -E '^fuzz' "$logs/fuzz.txt" || true
printf 'page shell wasm:   %s bytes raw, %s bytes gzip (%s; each lab loads apart: scripts/size.sh above)\n' "$raw" "$gz" "$(basename "$wasm_file")"
printf '%s passed, 0 failed\n' "$((native + wasm + e2e))"
