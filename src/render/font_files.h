#pragma once
// Finds TrueType font files through fontconfig, so ConvViz uses the fonts
// the system has (DejaVu for ×, ⌊ ⌋, −, ·; a CJK font for 简体中文).
#include <optional>
#include <string>

namespace convviz::render {

// The file fontconfig picks for `pattern` (e.g. "DejaVu Sans Mono"), if that
// font has the code point `must_have` (checks it is a real match, not a
// fallback without the glyphs we need).
std::optional<std::string> find_font_file(const std::string& pattern, char32_t must_have);

}  // namespace convviz::render
