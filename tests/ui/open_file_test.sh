#!/usr/bin/env bash
# `convviz FILE`, as a double-click runs it, with files that cannot be read:
# the window still opens (exit 0) on the textbook example and its status
# line names the file and the reason.
# Usage: open_file_test.sh CONVVIZ SOURCE_DIR OUT_DIR
set -euo pipefail
convviz=$1 source=$2 out=$3
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
rm -rf "$out" && mkdir -p "$out"
printf '{"convviz_session": 1, "config": {"padding": 1e400}}' >"$out/huge.convviz.json"
head -c 300 "$source/assets/scene.png" >"$out/cut.png"
printf 'GIF89a' >"$out/empty.gif"
cases=(
  "huge.convviz.json|a number too large for a 64-bit float"
  "cut.png|truncated"
  "empty.gif|truncated"
)
failures=0
for entry in "${cases[@]}"; do
  file=${entry%%|*} reason=${entry#*|}
  if ! xvfb-run -a -s "-screen 0 1600x900x24" "$convviz" "$out/$file" --window-size 1280x720 \
      --screenshot "$out/$file.shot.png" --layout "$out/$file.layout.json" 2>"$out/$file.err"; then
    echo "FAIL ($file): the window did not open: $(cat "$out/$file.err")"
    failures=$((failures + 1)); continue
  fi
  python3 - "$out/$file.layout.json" "$out/$file" "$reason" <<'PY' || failures=$((failures + 1))
import json, sys
layout, path, reason = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
status = layout["texts"].get("status", "")
outputs = [c for c in layout["cells"] if c["grid"] == "output"]
ok = path in status and reason in status and len(outputs) == 25
print(("ok" if ok else "FAIL") + f" ({path}): status {status!r}, {len(outputs)} output cells")
sys.exit(0 if ok else 1)
PY
done
exit $((failures > 0))
