#!/usr/bin/env bash
# Installs everything Cascade Lab needs, from the package registries only (crates.io, Debian, npm).
# Idempotent: each step checks first and skips what is already there, so a second run costs ~1 s.
# A fresh machine needs ~22 minutes (Trunk ≈ 8 min, wasm-opt ≈ 9 min, wasm-bindgen-cli ≈ 2 min,
# wasm-split-cli ≈ 2 min).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22.x needs rustc ≥ 1.96.1
WASM_BINDGEN_VERSION=0.2.130   # MUST equal `wasm-bindgen` in Cargo.lock and Trunk.toml [tools]
WASM_OPT_VERSION=0.116.1       # binaryen 116 from crates.io; never Debian 12's binaryen 108 (broken modules)
TWIGGY_VERSION=0.8.0           # wasm code-size profiler (scripts/size.sh)
WASM_SPLIT_VERSION=0.2.4       # wasm_split_cli_support: splits the page's wasm per lab (scripts/split.sh)

ROOT="${CARGO_INSTALL_ROOT:-$HOME/.cargo}"
# Tools build in cargo install's own temporary folder, removed when done, not in the shared
# build folder of the project (scripts/build-env.sh).
unset CARGO_TARGET_DIR
export PATH="$ROOT/bin:$PATH"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Guard: the pinned wasm-bindgen must match Cargo.lock, or Trunk and the test runner refuse.
locked=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$locked" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock has wasm-bindgen $locked but scripts/setup.sh pins $WASM_BINDGEN_VERSION" >&2
  exit 1
fi

# 1. Debian packages: headless Chromium + driver for tests, g++ for wasm-opt, brotli/curl.
pkgs=()
for p in chromium chromium-driver g++ brotli curl ca-certificates; do
  dpkg -s "$p" >/dev/null 2>&1 || pkgs+=("$p")
done
if ((${#pkgs[@]})); then
  log "apt-get install ${pkgs[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi

# 2. Rust: wasm target, rustfmt and clippy.
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

has() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

# 3. Trunk.
if ! has trunk "trunk $TRUNK_VERSION"; then
  log "cargo install trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install --locked --root "$ROOT" trunk --version "$TRUNK_VERSION"
fi

# 4. wasm-bindgen CLI (wasm-bindgen + wasm-bindgen-test-runner), exactly Cargo.lock's version.
if ! has wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" || ! has wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  if ! cargo install --locked --root "$ROOT" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"; then
    # Its shipped Cargo.lock pins webpki-roots 1.0.11, which the crates.io index lacks: keep every
    # other lock entry, move only that one to 1.0.10, and install from the .crate, which the
    # failed install has already put in cargo's own cache.
    tmp="$(mktemp -d)"
    crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION".crate | awk 'NR == 1')
    tar xzf "$crate" -C "$tmp"
    (cd "$tmp/wasm-bindgen-cli-$WASM_BINDGEN_VERSION" &&
      cargo update -p webpki-roots --precise 1.0.10 &&
      cargo install --locked --root "$ROOT" --path .)
    rm -rf "$tmp"
  fi
fi

# 5. wasm-opt (binaryen 116, compiled from C++; slow).
if ! has wasm-opt "version 116"; then
  log "cargo install wasm-opt $WASM_OPT_VERSION (about 9 minutes)"
  cargo install --locked --root "$ROOT" wasm-opt --version "$WASM_OPT_VERSION"
fi

# 5b. twiggy: where the wasm's bytes go (scripts/size.sh prints it with the size budget).
if ! has twiggy " $TWIGGY_VERSION"; then
  log "cargo install twiggy $TWIGGY_VERSION (about 2 minutes)"
  cargo install --locked --root "$ROOT" twiggy --version "$TWIGGY_VERSION"
fi

# 5c. wasm-split-cli: one chunk per lab view (scripts/split.sh, Trunk's post-build hook). It has
# no --version; cargo's own record of installed crates says which version is there.
if ! command -v wasm-split-cli >/dev/null 2>&1 ||
  ! grep -qF "\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$ROOT/.crates.toml" 2>/dev/null; then
  log "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (about 2 minutes)"
  cargo install --locked --root "$ROOT" wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# 6. Crates for the app (later builds run offline).
cargo fetch --locked >/dev/null
cargo fetch --locked --manifest-path fuzz/Cargo.toml >/dev/null

# 7. End-to-end test dependencies (Playwright's library only; it drives Debian's Chromium).
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  log "npm ci (e2e)"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
log "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | awk 'NR == 1'), $(twiggy --version), $(chromium --version 2>/dev/null | awk 'NR == 1')"
