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
# Every grid says what it is; with --with-text the slide names the layer,
# its shapes and the step (screenshot_check saw that each holds text).
for key in canvas.input.0.caption canvas.kernel.0.caption canvas.output.0.caption; do
  grep -q "\"$key\"" "$out/$name.json" || { echo "no $key in the layout"; exit 1; }
done
if [[ " $* " == *" --with-text "* ]]; then
  for key in export.text.code export.text.step export.text.expression export.text.counts; do
    grep -q "\"$key\"" "$out/$name.json" || { echo "no $key in the layout"; exit 1; }
  done
elif grep -q '"export.text.' "$out/$name.json"; then
  echo "text drawn without --with-text"
  exit 1
fi
