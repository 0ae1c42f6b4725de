#pragma once
// The font atlas, rebuilt at the text size (not scaled afterwards, so text
// stays crisp on a projector): a UI font with the CJK glyphs the strings use
// merged in, and fixed-width fonts for the numbers in the grids.
#include <string>

struct ImFont;

namespace convviz::ui {

struct FontSet {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;         // at the UI size
  ImFont* mono_medium = nullptr;  // 1.4 times, for the step's expression
  ImFont* mono_large = nullptr;   // twice the UI size, for big cells
  float size = 18.0f;             // the UI font's pixel size
  std::string warning;            // set when a system font was missing
};

inline constexpr float kBaseFontSize = 18.0f;

// Clears and rebuilds ImGui's font atlas for `text_scale` (1.0 = 100 %).
// Call between frames; the renderer must then re-upload the atlas texture.
FontSet build_fonts(float text_scale);

}  // namespace convviz::ui
