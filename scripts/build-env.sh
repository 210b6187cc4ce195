# Where builds go, written once; every script that builds sources this file.
#
# One build folder per machine, outside the clone: CARGO_TARGET_DIR when it is set, otherwise
# $XDG_CACHE_HOME/cascade-lab/target (~/.cache/cascade-lab/target). Cargo, Trunk, the
# wasm-bindgen test runner, the e2e tests' CLI path (CASCADE_CLI), scripts/size.sh and the
# benchmarks all read it from here, so a second clone on the same machine rebuilds only this
# crate and leaves only its sources, dist/ and e2e/node_modules behind.
#
# Sourced (not run) by scripts/*.sh after `cd` to the repository root. Defines:
#   CARGO_TARGET_DIR   exported, absolute
#   CASCADE_CLI        exported: the debug `cascade` binary the e2e tests run
#   cascade_disk_check MIN_GB   stops with a message that says what to delete when the
#                      filesystem of the build folder has less than MIN_GB gigabytes free
export PATH="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin:$PATH"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cascade-lab/target}"
mkdir -p "$CARGO_TARGET_DIR"
CARGO_TARGET_DIR="$(cd "$CARGO_TARGET_DIR" && pwd)"
export CARGO_TARGET_DIR
export CASCADE_CLI="${CASCADE_CLI:-$CARGO_TARGET_DIR/debug/cascade}"
# Cargo names this crate's artifacts by a hash that does not depend on the clone's folder, so
# every clone (CI's included) reuses and overwrites the same files: the folder does not grow per
# clone. Keep CARGO_INCREMENTAL as it is: turning it off changes that hash, and a second set of
# this crate's artifacts (2.2 GB, measured) would sit beside the first.

# Free gigabytes on the filesystem that holds $1.
cascade_free_gb() { df -Pk "$1" | awk 'NR == 2 {printf "%d", $4 / 1048576}'; }

# Incremental caches are the part of the folder that grows (a set per configuration and per
# clone's sources); above `max` gigabytes they are dropped before a build: compiled dependencies
# stay, so the next build recompiles only this crate.
cascade_bound_folder() {
  local max="$1" size
  size=$(du -s --block-size=1G "$CARGO_TARGET_DIR" 2>/dev/null | awk '{print $1}')
  if [ "${size:-0}" -gt "$max" ]; then
    echo "build folder ${size} GB > ${max} GB: dropping its incremental caches (dependencies kept)"
    rm -rf "$CARGO_TARGET_DIR"/*/incremental "$CARGO_TARGET_DIR"/*/*/incremental
  fi
}

cascade_disk_check() {
  local min="$1" free size
  free=$(cascade_free_gb "$CARGO_TARGET_DIR")
  size=$(du -sh "$CARGO_TARGET_DIR" 2>/dev/null | awk '{print $1}')
  printf 'disk: %s GB free; shared build folder %s (%s)\n' "$free" "$CARGO_TARGET_DIR" "${size:-0}"
  if [ "$free" -lt "$min" ]; then
    cat >&2 <<EOF
Only $free GB free on the disk that holds $CARGO_TARGET_DIR; a full test run needs about $min GB.
Stopping now rather than failing with a linker error later.
  The shared build folder is $CARGO_TARGET_DIR ($size). Safe to delete:
    rm -rf "$CARGO_TARGET_DIR"                       # everything is rebuilt on the next run
    rm -rf "$CARGO_TARGET_DIR"/*/incremental          # keeps the compiled dependencies
  and old clones of this repository, with their dist/ and e2e/node_modules.
  To build elsewhere: CARGO_TARGET_DIR=/path/with/space bash scripts/test.sh
EOF
    return 1
  fi
}
