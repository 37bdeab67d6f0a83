#!/usr/bin/env bash
# Fuzz smoke test, part of ./x test: builds the cargo-fuzz targets in fuzz/
# and runs each for a few seconds over its committed corpus (fuzz/corpus/),
# with its dictionary. Prints one line per target,
#   fuzz <target>: N execs, 0 crashes
# and exits non-zero if a target crashes (an invariant broke or the code
# panicked), leaving the input under fuzz/artifacts/<target>/.
#
# New corpus entries go to a temporary directory, so the committed corpus is
# only read. Long campaigns and their figures: docs/fuzzing.md.
#
#   FUZZ_SMOKE_SECONDS  seconds per target (default 5)
#   FUZZ_SMOKE_RUNS     most inputs per target (default 1000000)
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes -Z flags to rustc; this lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1

seconds=${FUZZ_SMOKE_SECONDS:-5}
runs=${FUZZ_SMOKE_RUNS:-1000000}
targets=(csv_import json_import paragraph_refs dates progress_tables progress_workbook progress_digest)

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is missing (./x setup installs it)" >&2; exit 2; }
# Release with debug assertions (so arithmetic overflow panics); no sanitizer:
# the code under test has no unsafe, and the fuzzer runs about twice as fast.
if ! cargo fuzz build -O -a -s none >&2; then
  echo "fuzz: the targets do not build" >&2
  exit 2
fi
host=$(rustc -vV | sed -n 's/^host: //p')
bin=fuzz/target/$host/release

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for t in "${targets[@]}"; do
  case $t in
    csv_import | json_import | progress_tables | progress_workbook | progress_digest) max_len=65536 ;;
    *) max_len=4096 ;;
  esac
  mkdir -p "$scratch/$t" "fuzz/artifacts/$t"
  before=$(ls "fuzz/artifacts/$t" | wc -l)
  "$bin/$t" -max_total_time="$seconds" -runs="$runs" -max_len="$max_len" \
    -rss_limit_mb=2048 -timeout=10 -dict="fuzz/dicts/$t.dict" -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" "$scratch/$t" "fuzz/corpus/$t" \
    >"$scratch/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$t.log" | tail -n 1)
  crashes=$(($(ls "fuzz/artifacts/$t" | wc -l) - before))
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  echo "fuzz $t: ${execs:-0} execs, $crashes crashes"
  if [ "$crashes" -ne 0 ]; then
    failed=1
    grep -E -A 12 "panicked at|ERROR: libFuzzer|Test unit written" "$scratch/$t.log" | head -n 40 >&2
  fi
done
exit "$failed"
