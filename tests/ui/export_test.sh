#!/usr/bin/env bash
# Exports a step picture with `convviz export` under Xvfb and checks it.
# Usage: export_test.sh CONVVIZ CHECK OUT_DIR NAME WxH R G B [export options...]
set -euo pipefail
convviz=$1 check=$2 out=$3 name=$4 size=$5 r=$6 g=$7 b=$8
shift 8
mkdir -p "$out"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
rm -f "$out/$name.png" "$out/$name.json"
xvfb-run -a -s "-screen 0 640x480x24" "$convviz" export "$@" \
  --out "$out/$name.png" --dump-layout "$out/$name.json"
"$check" "$out/$name.png" "$out/$name.json" "${size%x*}" "${size#*x}" "$r" "$g" "$b"
