#!/usr/bin/env bash
# Where the wasm's bytes go, and a build for CPU profiles with function names.
#
#   CARGO_TARGET_DIR=… bash bench/size-profile.sh
#
# 1. `cargo build --lib --release --target wasm32-unknown-unknown`, then
#    wasm-bindgen (which keeps the name section) into bench/data/wasm-names/:
#    that wasm, before wasm-opt, is what twiggy reads (top and dominators,
#    written to bench/data/twiggy-*.txt); bench/size-groups.mjs sums the
#    items by crate and module into bench/data/size-groups.md.
# 2. The same wasm through `wasm-opt -Oz -g` (the release optimisation of `x`, names
#    kept) into bench/data/pkg-names/, served at /pkg-names/ by bench/server.mjs
#    for bench/profile.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
names=bench/data/wasm-names
pkg=bench/data/pkg-names
cargo build --lib --release --locked --target wasm32-unknown-unknown >&2
rm -rf "$names" "$pkg"
mkdir -p "$names" "$pkg"
wasm-bindgen --target web --out-dir "$names" --out-name kyoto_widgets \
  "$target/wasm32-unknown-unknown/release/kyoto_widgets.wasm"
wasm=$names/kyoto_widgets_bg.wasm
twiggy top -n 25 "$wasm" > bench/data/twiggy-top.txt
twiggy top -n 100000 --format csv "$wasm" > bench/data/twiggy-top.csv
twiggy dominators -d 3 -r 60 "$wasm" > bench/data/twiggy-dominators.txt
twiggy garbage "$wasm" > bench/data/twiggy-garbage.txt || true

cp -r "$names"/. "$pkg"/
wasm-opt -Oz -g --one-caller-inline-max-function-size 100 --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$wasm" -o "$pkg/kyoto_widgets_bg.wasm"
cp src/web/js/kyoto.js "$pkg/"
twiggy top -n 100000 --format csv "$pkg/kyoto_widgets_bg.wasm" > bench/data/twiggy-opt.csv
{
  echo "## Before wasm-opt (twiggy's input)"; echo
  node bench/size-groups.mjs bench/data/twiggy-top.csv "$wasm"; echo
  echo "## After wasm-opt -Oz (names kept: the release build plus its name section)"; echo
  node bench/size-groups.mjs bench/data/twiggy-opt.csv "$pkg/kyoto_widgets_bg.wasm"
} > bench/data/size-groups.md
printf '%-44s %10s %10s\n' file raw "gzip -9"
for f in "$wasm" "$pkg/kyoto_widgets_bg.wasm" pkg/kyoto_widgets_bg.wasm; do
  [ -f "$f" ] && printf '%-44s %10d %10d\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
cat bench/data/twiggy-top.txt bench/data/size-groups.md
