#!/usr/bin/env bash
# Generates the benchmark's exports into bench/data/ (git-ignored), once per
# run: for 100, 10,000 and 100,000 activities, `kyoto generate N --seed 1` as
# JSON and CSV, and `--seed 2` as JSON (the data pushed by the update benchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin kyoto >&2
bin="${CARGO_TARGET_DIR:-target}/release/kyoto"
mkdir -p bench/data
for n in ${BENCH_SIZES:-100 10000 100000}; do
  "$bin" generate "$n" --seed 1 --to json --out "bench/data/activities-$n.json"
  "$bin" generate "$n" --seed 1 --to csv --out "bench/data/activities-$n.csv"
  "$bin" generate "$n" --seed 2 --to json --out "bench/data/activities-$n-seed2.json"
done
ls -l bench/data/activities-* >&2
