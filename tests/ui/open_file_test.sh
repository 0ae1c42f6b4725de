#!/usr/bin/env bash
# `convviz FILE`, as a double-click runs it, with files that cannot be read:
# the window still opens (exit 0) on the last session, its status line names
# the file and the reason, and quitting (here by SIGTERM) keeps that last
# session: a bad double-click loses nothing.
# Usage: open_file_test.sh CONVVIZ SOURCE_DIR OUT_DIR
set -euo pipefail
convviz=$1 source=$2 out=$3
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
rm -rf "$out" && mkdir -p "$out/config"
export CONVVIZ_CONFIG_DIR="$out/config"
printf '{"convviz_session": 1, "config": {"padding": 1e400}}' >"$out/huge.convviz.json"
head -c 300 "$source/assets/scene.png" >"$out/cut.png"
printf 'GIF89a' >"$out/empty.gif"
last_session="$source/tests/fuzz/corpus/session/stride-2.json"  # 7x7, stride 2: 3x3 outputs
cases=(
  "huge.convviz.json|a number too large for a 64-bit float"
  "cut.png|truncated"
  "empty.gif|truncated"
)
failures=0
for entry in "${cases[@]}"; do
  file=${entry%%|*} reason=${entry#*|}
  cp "$last_session" "$out/config/last_session.json"
  if ! xvfb-run -a -s "-screen 0 1600x900x24" "$convviz" "$out/$file" --restore \
      --window-size 1280x720 --screenshot "$out/$file.shot.png" --layout "$out/$file.layout.json" \
      2>"$out/$file.err"; then
    echo "FAIL ($file): the window did not open: $(cat "$out/$file.err")"
    failures=$((failures + 1)); continue
  fi
  python3 - "$out/$file.layout.json" "$out/$file" "$reason" <<'PY' || failures=$((failures + 1))
import json, sys
layout, path, reason = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
status = layout["texts"].get("status", "")
outputs = [c for c in layout["cells"] if c["grid"] == "output"]
ok = path in status and reason in status and len(outputs) == 9
print(("ok" if ok else "FAIL") + f" ({path}): status {status!r}, {len(outputs)} output cells")
sys.exit(0 if ok else 1)
PY
done

# A real start and quit: the window saves the last session as it quits, and
# that must still be the stride-2 one, not an example put in the bad file's place.
cp "$last_session" "$out/config/last_session.json"
xvfb-run -a -s "-screen 0 1600x900x24" "$convviz" "$out/huge.convviz.json" \
  --window-size 1280x720 >"$out/quit.log" 2>&1 &
runner=$!
for _ in $(seq 1 100); do
  pid=$(pgrep -n -f "^$convviz $out/huge.convviz.json" || true)
  [ -n "$pid" ] && break
  sleep 0.1
done
sleep 3  # past the first frames, so the quit goes through the frame loop's save
[ -n "${pid:-}" ] && kill -TERM "$pid"
wait "$runner" || true
python3 - "$out/config/last_session.json" <<'PY' || failures=$((failures + 1))
import json, sys
config = json.load(open(sys.argv[1]))["config"]
ok = config.get("stride") == 2
print(("ok" if ok else "FAIL") + f": the last session after the quit has stride {config.get('stride')}")
sys.exit(0 if ok else 1)
PY
exit $((failures > 0))
