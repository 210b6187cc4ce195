#!/usr/bin/env bash
# The page's wasm, split so that a visitor downloads the shell and the lab they open, not every lab.
# Trunk runs this after its own build (Trunk.toml, [[hooks]] post_build), for `trunk build` and
# `trunk serve` alike; it reads Trunk's TRUNK_STAGING_DIR, TRUNK_PROFILE and TRUNK_PUBLIC_URL.
#
# Trunk 0.21 cannot split by itself (the module must be split before wasm-bindgen, and a page
# whose lab views are split points imports them from the split loader, which Trunk's own
# pipeline cannot resolve), so this owns the page's whole pipeline, as cargo-leptos --split does:
#   1. cargo: the page binary with `--features split` (each lab's view a wasm-split split point,
#      src/ui/labs/mod.rs), linked with --emit-relocs (wasm-split reads the relocations). The
#      link argument goes to this binary only (`cargo rustc -- …`), so no dependency rebuilds.
#   2. wasm-split-cli: the main module (shell, About, link decoding, lessons' numbers), one
#      chunk per lab view, chunks of code two or more views share, and the loader module that
#      fetches them (`new URL("./chunk.wasm", import.meta.url)`: same origin, under the CSP).
#   3. wasm-bindgen on the main module (--keep-lld-exports: the chunks call into it).
#   4. wasm-opt -Oz on every piece (release).
#   5. One content hash of the whole build in every file name (a chunk only fits the main module
#      it was split from, so all change together and a cache never mixes two builds), the files
#      into Trunk's staging folder, and the boot tag and preloads into its index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-env.sh
stage="${TRUNK_STAGING_DIR:?scripts/split.sh is the post-build hook of Trunk: run trunk build or scripts/serve.sh}"
base="${TRUNK_PUBLIC_URL:-/}"
name=cascade-lab
target=wasm32-unknown-unknown
if [ "${TRUNK_PROFILE:-release}" = release ]; then profile=release; cargo_profile=(--release); else profile=debug; cargo_profile=(); fi

cargo rustc --offline --locked --target "$target" --bin "$name" --features split "${cargo_profile[@]}" \
  -- -Clink-args=--emit-relocs
linked="$CARGO_TARGET_DIR/$target/$profile/$name.wasm"

work="$CARGO_TARGET_DIR/wasm-split/$profile"
rm -rf "$work"
mkdir -p "$work/split" "$work/out"
wasm-split-cli --target web --out-name "$name" "$linked" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work/out" --out-name "$name" "$work/split/$name.wasm"
loader="$work/split/__wasm_split.js"
[ -f "$loader" ] || { echo "split: wasm-split-cli wrote no loader ($loader)" >&2; exit 1; }
chunks=()
for f in "$work"/split/*.wasm; do
  [ "$(basename "$f")" = "$name.wasm" ] || chunks+=("$(basename "$f" .wasm)")
done
if [ "${#chunks[@]}" = 0 ]; then echo "split: no chunks (was the page built with --features split?)" >&2; exit 1; fi
for c in "${chunks[@]}"; do cp "$work/split/$c.wasm" "$work/out/$c.wasm"; done
cp "$loader" "$work/out/__wasm_split.js"
if [ "$profile" = release ]; then
  for f in "$work"/out/*.wasm; do
    # Its only chatter is about wasm-split's name section (harmless): shown only on a failure.
    wasm-opt -Oz --output="$f.opt" "$f" 2>"$work/wasm-opt.log" || { cat "$work/wasm-opt.log" >&2; exit 1; }
    mv "$f.opt" "$f"
  done
fi

# One hash for the build; every name carries it.
hash=$(cat "$work"/out/*.wasm "$work"/out/*.js | sha256sum | cut -c1-16)
js="$name-$hash.js"
bg="$name-${hash}_bg.wasm"
link="__wasm_split-$hash.js"
out="$work/out"
# Only the JS import statements name the hashed file: the wasm's own import module stays
# "./__wasm_split.js" (the key of the imports object).
grep -qE "from [\"']\./__wasm_split\.js[\"']" "$out/$name.js" || { echo "split: $name.js does not import ./__wasm_split.js" >&2; exit 1; }
sed -E -e "s#from ([\"'])\./__wasm_split\.js([\"'])#from \1./$link\2#g" -e "s#([\"'])${name}_bg\.wasm([\"'])#\1$bg\2#g" "$out/$name.js" >"$stage/$js"
cp "$out/${name}_bg.wasm" "$stage/$bg"
sed_args=(-e "s#\"./$name.js\"#\"./$js\"#g")
for c in "${chunks[@]}"; do
  cp "$out/$c.wasm" "$stage/$c-$hash.wasm"
  sed_args+=(-e "s#\"./$c.wasm\"#\"./$c-$hash.wasm\"#g")
done
# Each fetch of a chunk first asks boot.js for a module it has compiled already (the opened lab's,
# compiled while the shell loads and mounts), and otherwise fetches and compiles it as before.
sed_args+=(-E
  -e 's#^( *)const src = fetch\(new URL\(("[^"]+"), import\.meta\.url\)\);$#\1const url = new URL(\2, import.meta.url), early = globalThis.__cascadeEarly?.(url.href);\n\1const src = early ?? fetch(url);#'
  -e 's#WebAssembly\.instantiateStreaming\(src, imports\)#(early ? WebAssembly.instantiate(await early, imports) : WebAssembly.instantiateStreaming(src, imports))#')
sed "${sed_args[@]}" "$out/__wasm_split.js" >"$stage/$link"
fetches=$(grep -c 'const src = early ?? fetch(url);' "$stage/$link" || true)
instantiations=$(grep -c 'early ? WebAssembly.instantiate(await early, imports)' "$stage/$link" || true)
if [ "$fetches" = 0 ] || [ "$fetches" != "$instantiations" ]; then
  echo "split: the loader's chunk fetches changed shape (wasm-split-cli $(grep -o 'wasm_split_cli_support [0-9.]*' "${CARGO_INSTALL_ROOT:-$HOME/.cargo}/.crates.toml" || true)): $fetches fetches, $instantiations instantiations rewritten" >&2
  exit 1
fi
if [ -d "$out/snippets" ]; then cp -r "$out/snippets" "$stage/"; fi

# Which files each page needs, read from the loader, whose entries look like
#   export const __wasm_split_load_<lab>_page = wrapAsyncCb(makeLoad(() => {
#       const src = fetch(new URL("./split_<lab>_page-<hash>.wasm", import.meta.url)); …
#   }
#   , [__chunk_6, __chunk_9]));
# as "lab:file,file;lab:file…" (the page's own chunk last). boot.js fetches the opened lab's files
# beside the shell's (rather than after it starts), and scripts/size.sh adds up each lab's bytes.
manifest=$(awk -v hash="$hash" '
  /^export const __wasm_split_load_/ { lab = $3; sub(/^__wasm_split_load_/, "", lab); sub(/_page$/, "", lab); own = ""; next }
  lab != "" && own == "" && match($0, /"\.\/split_[A-Za-z0-9_]+-[0-9a-f]+\.wasm"/) { own = substr($0, RSTART + 3, RLENGTH - 4); next }
  lab != "" && /^, \[/ {
    n = split($0, ids, /[^0-9]+/); files = ""
    for (i = 1; i <= n; i++) if (ids[i] != "") files = files "chunk_" ids[i] "-" hash ".wasm,"
    printf "%s%s:%s%s", sep, lab, files, own; sep = ";"; lab = ""
  }' "$stage/$link")
[ -n "$manifest" ] || { echo "split: no split points found in the loader $link" >&2; exit 1; }

# The boot tag (www/index.html) learns the files; the browser fetches the shell's while boot.js
# loads.
html="$stage/index.html"
grep -qF 'data-js="{split:js}"' "$html" || { echo "split: $html has no boot tag with data-js=\"{split:js}\"" >&2; exit 1; }
preload="<link rel=\"modulepreload\" href=\"$base$js\"><link rel=\"modulepreload\" href=\"$base$link\"><link rel=\"preload\" href=\"$base$bg\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">"
sed -i -e "s#{split:base}#$base#g" -e "s#{split:js}#$base$js#g" -e "s#{split:wasm}#$base$bg#g" \
  -e "s#{split:chunks}#$manifest#g" -e "s#</head>#$preload</head>#" "$html"
printf 'split: %s + %s chunks (%s) → %s\n' "$bg" "${#chunks[@]}" "${chunks[*]}" "$stage"
