#!/usr/bin/env bash
# Benchmarks: criterion natively (core), then the browser timing harness on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
bash scripts/setup.sh
b="$CARGO_TARGET_DIR/bench"   # generated files and the Python venv
mkdir -p "$b"
cargo bench --offline --locked --bench core
trunk build --release
node e2e/bench.mjs
node e2e/bench.mjs load   # page weight: each lab from a cold load, and switching to it
# The Telephone metrics against sacrebleu and rouge-score on the same chains (PyPI, in a venv).
cargo build --release --locked --bin cascade
venv="$b/venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if "$venv/bin/pip" install -q sacrebleu==2.6.0 rouge-score==0.1.2; then
  "$venv/bin/python" scripts/bench_text_metrics.py "$b"/telephone_150x16.jsonl \
    "$CARGO_TARGET_DIR"/release/cascade "$b"/browser.json
  # The real upload format: a Broken Telephone evaluation JSON of 3 MB and of twice that (the
  # time must not more than double), and the libraries on the 3 MB one.
  python3 scripts/gen_broken_telephone.py 200 "$b"/broken_telephone_3mb.json
  python3 scripts/gen_broken_telephone.py 400 "$b"/broken_telephone_6mb.json
  TIMEFORMAT="%R s"
  for f in "$b"/broken_telephone_3mb.json "$b"/broken_telephone_6mb.json; do
    printf '%s: cascade telephone analyze ' "$(basename "$f")"
    { time "$CARGO_TARGET_DIR"/release/cascade telephone analyze "$f" --json >/dev/null; } 2>&1
  done
  "$venv/bin/python" scripts/bench_text_metrics.py "$b"/broken_telephone_3mb.json "$CARGO_TARGET_DIR"/release/cascade
else
  echo "bench: could not install sacrebleu and rouge-score from PyPI; comparison skipped" >&2
fi
# The Search lab on the format people upload: a search-and-learn JSONL of 500 problems × 256
# completions (62 MB, the released shape) and a generic CSV of 500 × 16.
cargo build --release --locked --bin cascade
python3 scripts/gen_search_and_learn.py 500 256 "$b"/search_and_learn_500x256.jsonl
TIMEFORMAT="%R s"
printf 'search_and_learn_500x256.jsonl: cascade search analyze '
{ time "$CARGO_TARGET_DIR"/release/cascade search analyze "$b"/search_and_learn_500x256.jsonl --json >/dev/null; } 2>&1
# The page as served, split per lab: the shell, each lab's chunk, each lab opened cold, the worker.
bash scripts/size.sh dist
