#!/usr/bin/env bash
# Where the wasm's bytes go, and a build for CPU profiles with function names.
#
#   CARGO_TARGET_DIR=… bash bench/size-profile.sh
#
# Each web module (./x build's kyoto_chart_json, kyoto_chart, kyoto_browser,
# kyoto_widgets) is built so; the profile of the sizes is of the module of the
# page asked for (MODULE=chart_json|chart|browser|widgets, default chart_json,
# the module of the benchmark's chart page, a .json src).
#
# 1. `cargo build -p kyoto-widgets-wasm --lib --release --target wasm32-unknown-unknown`
#    (the crate in wasm/, as `x` builds it) with the module's features, then
#    wasm-bindgen (which keeps the name section) into bench/data/wasm-names/:
#    that wasm, before wasm-opt, is what twiggy reads (top and dominators,
#    written to bench/data/twiggy-*.txt); bench/size-groups.mjs sums the
#    items by crate and module into bench/data/size-groups.md.
# 2. The same wasm through `wasm-opt -g` with x's arguments (tools/wasm-opt.args: the release optimisation, names
#    kept) into bench/data/pkg-names/, served at /pkg-names/ by bench/server.mjs
#    for bench/profile.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
names=bench/data/wasm-names
pkg=bench/data/pkg-names
module=${MODULE:-chart_json}
declare -A FEATURES=([chart_json]=chart,read-json [chart]=chart,read-csv,read-json
  [browser]=browser,read-csv,read-json [widgets]=chart,browser,compare,read-csv,read-json)
rm -rf "$names" "$pkg"
mkdir -p "$names" "$pkg"
for m in chart_json chart browser widgets; do
  cargo build -p kyoto-widgets-wasm --lib --release --locked --target wasm32-unknown-unknown \
    --no-default-features --features "${FEATURES[$m]}" >&2
  wasm-bindgen --target web --out-dir "$names" --out-name "kyoto_$m" \
    "$target/wasm32-unknown-unknown/release/kyoto_widgets_wasm.wasm"
done
wasm=$names/kyoto_${module}_bg.wasm
twiggy top -n 25 "$wasm" > bench/data/twiggy-top.txt
twiggy top -n 100000 --format csv "$wasm" > bench/data/twiggy-top.csv
twiggy dominators -d 3 -r 60 "$wasm" > bench/data/twiggy-dominators.txt
twiggy garbage "$wasm" > bench/data/twiggy-garbage.txt || true

cp -r "$names"/. "$pkg"/
# x's wasm-opt arguments (tools/wasm-opt.args), read as x reads them.
mapfile -t WASM_OPT_ARGS < <(sed 's/#.*//' tools/wasm-opt.args | tr -s ' \t' '\n\n' | sed '/^$/d')
for m in chart_json chart browser widgets; do
  wasm-opt "${WASM_OPT_ARGS[@]}" -g "$names/kyoto_${m}_bg.wasm" -o "$pkg/kyoto_${m}_bg.wasm"
done
cp data/sample-activities.json "$pkg/"
mkdir -p "$pkg/i18n" && cp data/i18n/{ar,es,fr,ru,zh}.json "$pkg/i18n/"
cp src/web/js/kyoto.js "$pkg/"
twiggy top -n 100000 --format csv "$pkg/kyoto_${module}_bg.wasm" > bench/data/twiggy-opt.csv
{
  echo "## Before wasm-opt (twiggy's input)"; echo
  node bench/size-groups.mjs bench/data/twiggy-top.csv "$wasm"; echo
  echo "## After wasm-opt -Oz (names kept: the release build plus its name section)"; echo
  node bench/size-groups.mjs bench/data/twiggy-opt.csv "$pkg/kyoto_${module}_bg.wasm"
} > bench/data/size-groups.md
printf '%-44s %10s %10s\n' file raw "gzip -9"
for f in "$wasm" "$pkg/kyoto_${module}_bg.wasm" "pkg/kyoto_${module}_bg.wasm"; do
  [ -f "$f" ] && printf '%-44s %10d %10d\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
cat bench/data/twiggy-top.txt bench/data/size-groups.md
