#pragma once
// What a grid cell shows for its value. The grid is the lesson, so a cell
// shows the very number the step's sum prints (format_number), at least as
// large as the panel text; when that cannot fit, a shorter form marked "≈"
// (the tooltip and the canvas legend give the exact value); when not even
// that fits, no number at all (the cell's shade and tooltip still tell).
#include <functional>
#include <string>
#include <string_view>

namespace convviz::ui {

struct CellNumber {
  std::string text;  // empty: no number fits the cell
  float size = 0;    // the digits' pixel size
  bool approximate = false;
};

// The width of `text` drawn at `size` pixels.
using TextWidth = std::function<float(std::string_view text, float size)>;

// The most exact text of `value` that fits `width` at a size in
// [min_size, max_size], largest first.
CellNumber fit_cell_number(double value, float width, float min_size, float max_size,
                           const TextWidth& measure);

// The same number without its leading zero (".25", "-.5"), as textbooks
// write a crowded grid; `text` when it has none.
std::string without_leading_zero(std::string text);

inline constexpr std::string_view kApproximately = "≈";

// The share of a cell's width its digits may fill: the canvas draws them so,
// and image mode sizes its region by it.
inline constexpr float kDigitsShare = 0.92f;

}  // namespace convviz::ui
