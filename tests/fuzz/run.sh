#!/usr/bin/env bash
# Runs each fuzz target for a fixed time on its seed corpus and fails on the
# first crash, leak, timeout (10 s per input) or memory blow-up (2 GB).
# usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]
# New inputs libFuzzer finds go to BUILD_DIR/fuzz-corpus/ (kept between
# runs), a failing input to BUILD_DIR/fuzz-artifacts/: copy it to
# tests/fuzz/regressions/TARGET/ once it is understood.
set -euo pipefail
build=$1
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(npy config session settings image)
here=$(cd "$(dirname "$0")" && pwd)

# The longest input worth trying per format: room for a small tensor or
# picture, not so much that each run spends its time on bulk.
max_len() {
  case $1 in
    settings) echo 512 ;; config) echo 1024 ;; npy | session) echo 4096 ;; image) echo 8192 ;;
  esac
}

for target in "${targets[@]}"; do
  work=$build/fuzz-corpus/$target
  mkdir -p "$work" "$build/fuzz-artifacts"
  echo "fuzz_$target: ${seconds}s"
  "$build/tests/fuzz/fuzz_$target" "$work" "$here/corpus/$target" "$here/regressions/$target" \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 \
    -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
    2>"$build/fuzz-$target.log" || {
    tail -n 60 "$build/fuzz-$target.log"
    echo "fuzz_$target failed: the input is in $build/fuzz-artifacts/" >&2
    exit 1
  }
  grep -aE '^#[0-9]+[[:space:]]+DONE' "$build/fuzz-$target.log" | tail -n 1 || true
done
