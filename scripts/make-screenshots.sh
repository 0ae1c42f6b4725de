#!/usr/bin/env bash
# Regenerates the README's screenshots with the real window under Xvfb.
# Usage: scripts/make-screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
convviz="${1:-build}/convviz"
export CONVVIZ_CONFIG_DIR="$(mktemp -d)"
shot() {
  local out=$1
  shift
  xvfb-run -a -s "-screen 0 1920x1200x24" "$convviz" "$@" --screenshot "docs/$out"
  echo "wrote docs/$out"
}
shot textbook.png --preset textbook --step 7 --window-size 1600x900
shot depthwise-zh-light.png --preset depthwise --step 40 --lang zh --theme light --window-size 1600x900
shot image-sobel.png --image assets/scene.png --kernel sobel-x --region 176,176 --step 27 \
  --window-size 1600x900
shot projector-300.png --preset textbook --step 12 --text-scale 3 --theme light --window-size 1920x1080
