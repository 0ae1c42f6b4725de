#!/usr/bin/env bash
# What a lab admin gets: the desktop entry and metainfo validate; the build
# installs into any prefix and the installed binary, run from /, finds its
# sample pictures, opens one and a session the way a double-click does (the
# desktop entry's Exec line), and draws under Xvfb; `cpack -G DEB` makes
# convviz_<version>_<arch>.deb whose Depends come from the binary and whose
# unpacked binary runs.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR VERSION OUT_DIR
set -euo pipefail
version=$3
mkdir -p "$4"
build=$(realpath "$1") source=$(realpath "$2") out=$(realpath "$4")
id=io.github.convviz.ConvViz
rm -rf "${out:?}"/*
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has() { grep -qF -- "$2" <<<"$1" || fail "$3: expected '$2' in: $1"; }

# 1. The desktop entry and the AppStream metainfo, by Debian's validators.
desktop-file-validate "$source/packaging/$id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$build/$id.metainfo.xml" || fail "appstreamcli validate"

# 2. Installed into a temporary prefix, run from / (nothing relative to the
#    source or build folder can help it).
prefix="$out/prefix"
cmake --install "$build" --prefix "$prefix" >"$out/install.log"
for f in bin/convviz share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
    share/mime/packages/$id.xml share/icons/hicolor/48x48/apps/$id.png \
    share/icons/hicolor/128x128/apps/$id.png share/icons/hicolor/256x256/apps/$id.png \
    share/icons/hicolor/scalable/apps/$id.svg share/man/man1/convviz.1.gz \
    share/convviz/scene.png share/convviz/digit.png share/doc/convviz/copyright; do
  [ -s "$prefix/$f" ] || fail "cmake --install did not install $f"
done
cd /
version_text=$("$prefix/bin/convviz" --version)
has "$version_text" "convviz $version" "--version"
has "$version_text" "sample pictures: $prefix/share/convviz" "--version"
zcat "$prefix/share/man/man1/convviz.1.gz" | grep -q -- "\\\\-\\\\-with\\\\-text" ||
  fail "the man page does not render with the export options"

# The Exec line with %f replaced, as a file manager runs it.
exec_line=$(sed -n 's/^Exec=//p' "$prefix/share/applications/$id.desktop")
[ "$exec_line" = "convviz %f" ] || fail "Exec is '$exec_line'"
cp "$source/tests/fuzz/corpus/session/stride-2.json" "$out/lesson.convviz.json"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
for file in "$prefix/share/convviz/digit.png" "$out/lesson.convviz.json"; do
  name=$(basename "$file")
  if ! xvfb-run -a -s "-screen 0 1600x900x24" "$prefix/bin/convviz" "$file" \
      --window-size 1280x720 --screenshot "$out/$name.png" --layout "$out/$name.layout.json" \
      >"$out/$name.log" 2>&1; then
    fail "the installed binary did not open $name: $(cat "$out/$name.log")"; continue
  fi
  [ -s "$out/$name.png" ] || fail "no screenshot of $name"
  python3 - "$out/$name.layout.json" "$file" <<'PY' || fail "the window did not show $name"
import json, sys
layout = json.load(open(sys.argv[1]))
status = layout["texts"].get("status", "")
assert layout["cells"], "no cells drawn"
assert status.startswith("Opened ") and sys.argv[2] in status, status
if sys.argv[2].endswith(".png"):  # the picture's panel is there
    assert "panel.picture" in layout, "no picture panel"
else:  # the session's layer: stride 2 on 7x7 makes a 3x3 output
    assert status.startswith("Opened ") and sys.argv[2] in status, status
    outputs = {(c["y"], c["x"]) for c in layout["cells"] if c["grid"] == "output"}
    assert outputs == {(y, x) for y in range(3) for x in range(3)}, outputs
PY
done

# The session type: *.convviz.json is a ConvViz session, other JSON is not
# (needs shared-mime-info and gio, usually on a desktop; said when missing).
if command -v update-mime-database >/dev/null && command -v gio >/dev/null; then
  update-mime-database "$prefix/share/mime" >/dev/null 2>&1
  cp "$out/lesson.convviz.json" "$out/other.json"
  types=$(XDG_DATA_DIRS="$prefix/share:/usr/share" gio info -a standard::content-type \
    "$out/lesson.convviz.json" "$out/other.json" 2>/dev/null | sed -n 's/.*content-type: //p')
  [ "$types" = $'application/x-convviz-session\napplication/json' ] ||
    fail "MIME types: $types"
else
  echo "note: no update-mime-database or gio here: the MIME type was not resolved"
fi

# 3. The .deb, made in a temporary folder, read and unpacked (not installed).
(cd "$build" && cpack -G DEB -B "$out/deb" >"$out/cpack.log" 2>&1) ||
  fail "cpack -G DEB: $(tail -5 "$out/cpack.log")"
deb="$out/deb/convviz_${version}_$(dpkg --print-architecture).deb"
if [ -s "$deb" ]; then
  depends=$(dpkg-deb -f "$deb" Depends)
  has "$depends" "libglfw3" "Depends (from dpkg-shlibdeps)"
  has "$depends" "libc6" "Depends (from dpkg-shlibdeps)"
  has "$depends" "libgl1" "Depends (glad opens libGL at run time)"
  has "$(dpkg-deb -f "$deb" Recommends)" "fonts-wqy-microhei" "Recommends"
  [ "$(dpkg-deb -f "$deb" Section)" = science ] || fail "Section"
  [ -n "$(dpkg-deb -f "$deb" Homepage)" ] || fail "no Homepage"
  [ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
  dpkg-deb -x "$deb" "$out/unpacked"
  for f in usr/bin/convviz usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
      usr/share/icons/hicolor/scalable/apps/$id.svg usr/share/man/man1/convviz.1.gz \
      usr/share/convviz/scene.png usr/share/doc/convviz/copyright; do
    [ -s "$out/unpacked/$f" ] || fail "the .deb has no $f"
  done
  unpacked_version=$("$out/unpacked/usr/bin/convviz" --version) || fail "the unpacked binary fails"
  has "$unpacked_version" "convviz $version" "the unpacked binary's --version"
  has "$unpacked_version" "sample pictures: $out/unpacked/usr/share/convviz" \
    "the unpacked binary's --version"
else
  fail "no $deb (made: $(ls "$out/deb" 2>/dev/null | tr '\n' ' '))"
fi

[ "$failures" -eq 0 ] && echo "package: all checks passed"
exit $((failures > 0))
