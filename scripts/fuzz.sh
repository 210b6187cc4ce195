#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser (libFuzzer through libfuzzer-sys; fuzz/). Built with
# the sanitizer-coverage flags cargo-fuzz passes, with plain cargo on the stable toolchain; each
# target starts from the test fixtures, the malformed corpus (tests/support/corpus.rs) and the
# regressions in tests/fuzz_regressions/, runs for SECONDS (default 20) and prints its counts.
# A crash is copied to tests/fuzz_regressions/<target>/ (tests/malformed.rs replays every file
# there through every lab) and fails the run.
#   bash scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(resampling search snowball telephone links sessions)
host="$(rustc -vV | sed -n 's/^host: //p')"
out="$CARGO_TARGET_DIR/fuzz"
# The flags cargo-fuzz passes (without a sanitizer: the code is safe Rust; panics, hangs and
# memory are what is looked for). --target keeps them off build scripts and proc-macros.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
echo "fuzz: building ${#targets[@]} targets"
cargo build --release --offline --locked --manifest-path fuzz/Cargo.toml --target "$host" --target-dir "$out" \
  $(printf -- '--bin %s ' "${targets[@]}") 2>&1 | tail -n 3
unset RUSTFLAGS
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo run --quiet --offline --locked --example malformed_corpus -- "$work/seeds" >/dev/null
find tests/fixtures -type f ! -name '*.md' -exec cp {} "$work/seeds/" \;
# Seeds of up to 256 KB (the big files are tests/malformed.rs's: here they would only slow
# every mutation down).
find "$work/seeds" -type f -size +256k -delete
status=0
total_runs=0
for t in "${targets[@]}"; do
  corpus="$work/corpus-$t"
  artifacts="$work/crashes-$t"
  mkdir -p "$corpus" "$artifacts"
  seeds=("$work/seeds")
  [ -d "tests/fuzz_regressions/$t" ] && seeds+=("tests/fuzz_regressions/$t")
  if [ "$t" = links ] || [ "$t" = sessions ]; then
    # Links and sessions start from what the page writes, not from uploads.
    seeds=("fuzz/seeds/$t")
    [ -d "tests/fuzz_regressions/$t" ] && seeds+=("tests/fuzz_regressions/$t")
  fi
  log="$work/$t.log"
  set +e
  "$out/$host/release/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" "${seeds[@]}" >"$log" 2>&1
  code=$?
  set -e
  runs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -n 1)
  files=$(find "$corpus" -type f | wc -l)
  crashes=$(find "$artifacts" -type f | wc -l)
  total_runs=$((total_runs + ${runs:-0}))
  echo "fuzz $t: ${runs:-0} executions in ${seconds} s, corpus ${files} files, crashes ${crashes}"
  if [ "$crashes" -gt 0 ] || [ "$code" -ne 0 ]; then
    status=1
    mkdir -p "tests/fuzz_regressions/$t"
    cp "$artifacts"/* "tests/fuzz_regressions/$t/" 2>/dev/null || true
    grep -E -A 15 'panicked|ERROR: libFuzzer' "$log" | head -n 40 >&2 || tail -n 40 "$log" >&2
    echo "fuzz $t: crash kept in tests/fuzz_regressions/$t/ (exit $code)" >&2
  fi
done
echo "fuzz: ${#targets[@]} targets, ${total_runs} executions, crashes: $([ $status = 0 ] && echo 0 || echo 'see above')"
exit $status
