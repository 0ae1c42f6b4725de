#!/usr/bin/env bash
# The real window under Xvfb with each kind of corrupt file in its config
# folder: it must open (exit 0, a screenshot), set the file aside as *.bad
# and keep what it set aside byte for byte.
# Usage: corrupt_config_test.sh CONVVIZ OUT_DIR
set -euo pipefail
convviz=$1 out=$2
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
mkdir -p "$out"

deep=$(printf '[%.0s' $(seq 1 5000))
cases=(
  'number beyond double|{"text_scale": 1e400, "language": "zh"}'
  'unclosed|{"convviz_session": 1, "input": {"shape": [1, 1'
  'empty|'
  'nested 5000 deep|'"$deep"
  'utf-16 text|'$'\xff\xfe{\x00}\x00'
)
failures=0
for entry in "${cases[@]}"; do
  name=${entry%%|*} bytes=${entry#*|}
  config="$out/config-${name// /_}"
  rm -rf "$config" && mkdir -p "$config"
  printf '%s' "$bytes" >"$config/settings.json"
  printf '%s' "$bytes" >"$config/last_session.json"
  # A NUL cannot live in a shell string: the session also gets bytes after one.
  [ "$name" = empty ] && printf '{}\0{"text_scale": 3}' >"$config/last_session.json"
  cp "$config/settings.json" "$config/settings.expected"
  cp "$config/last_session.json" "$config/last_session.expected"
  if ! CONVVIZ_CONFIG_DIR="$config" xvfb-run -a -s "-screen 0 1280x800x24" "$convviz" --restore \
      --window-size 1280x720 --screenshot "$config/shot.png" --dump-layout "$config/layout.json"; then
    echo "FAIL ($name): the window did not open"; failures=$((failures + 1)); continue
  fi
  for file in settings last_session; do
    if [ -e "$config/$file.json" ] || ! cmp -s "$config/$file.json.bad" "$config/$file.expected"; then
      echo "FAIL ($name): $file.json was not set aside as $file.json.bad"
      failures=$((failures + 1))
    fi
  done
  [ -s "$config/shot.png" ] || { echo "FAIL ($name): no screenshot"; failures=$((failures + 1)); }
  # The status line is drawn only when it has something to say.
  grep -q '"status"' "$config/layout.json" ||
    { echo "FAIL ($name): the status line does not say what was set aside"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] && echo "the window opened past all ${#cases[@]} kinds of corrupt config file"
[ "$failures" -eq 0 ]
