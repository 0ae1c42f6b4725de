#!/usr/bin/env bash
# The real window under Xvfb with --layout, then grid_check on what it drew.
# Usage: grid_test.sh CONVVIZ GRID_CHECK OUT_DIR NAME WxH "CHECK OPTIONS" [convviz options...]
set -euo pipefail
convviz=$1 check=$2 out=$3 name=$4 size=$5 checks=$6
shift 6
mkdir -p "$out"
export CONVVIZ_CONFIG_DIR="$out/config-$name"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
rm -f "$out/$name.png" "$out/$name.json"
xvfb-run -a -s "-screen 0 1920x1200x24" "$convviz" "$@" --window-size "$size" --no-restore \
  --screenshot "$out/$name.png" --layout "$out/$name.json"
# shellcheck disable=SC2086 # the checks are separate words
"$check" "$out/$name.json" $checks
