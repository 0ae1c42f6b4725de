#!/usr/bin/env bash
# Opens the real window under Xvfb, takes a screenshot and checks it.
# Usage: screenshot_test.sh CONVVIZ CHECK OUT_DIR NAME WxH R G B [convviz options...]
set -euo pipefail
convviz=$1 check=$2 out=$3 name=$4 size=$5 r=$6 g=$7 b=$8
shift 8
mkdir -p "$out"
export CONVVIZ_CONFIG_DIR="$out/config-$name"
# Mesa and fontconfig keep caches for the life of the process; they are not ours.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
rm -f "$out/$name.png" "$out/$name.json"
xvfb-run -a -s "-screen 0 1920x1200x24" "$convviz" "$@" --window-size "$size" \
  --screenshot "$out/$name.png" --dump-layout "$out/$name.json"
"$check" "$out/$name.png" "$out/$name.json" "${size%x*}" "${size#*x}" "$r" "$g" "$b"
