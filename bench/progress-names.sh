#!/usr/bin/env bash
# The progress widgets' modules with their function names, for CPU profiles
# (node bench/progress.mjs --profile --pkg bench/data/pkg-names-progress).
#
#   bash bench/progress-names.sh      (after ./x build: it copies pkg/)
#
# Each module (kyoto_indicators, kyoto_reporting) is built as ./x build
# builds it (`cargo build -p kyoto-widgets-wasm --lib --release --target
# wasm32-unknown-unknown`, the crate in wasm/, with its features), then
# wasm-bindgen, which keeps the name section, and no wasm-opt (which would
# drop it): the same code, named, a little less optimised. The rest of the
# package (kyoto.js, the sample, the languages) is pkg/'s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
out=bench/data/pkg-names-progress
[ -f pkg/kyoto.js ] || { echo "pkg/ is not built: run ./x build" >&2; exit 2; }
rm -rf "$out"
cp -r pkg "$out"
for m in indicators reporting; do
  cargo build -p kyoto-widgets-wasm --lib --release --locked --target wasm32-unknown-unknown \
    --no-default-features --features "$m,read-csv,read-json" >&2
  wasm-bindgen --target web --out-dir "$out" --out-name "kyoto_$m" \
    "$target/wasm32-unknown-unknown/release/kyoto_widgets_wasm.wasm"
done
rm -f "$out"/*.d.ts
ls -l "$out"/kyoto_indicators_bg.wasm "$out"/kyoto_reporting_bg.wasm >&2
