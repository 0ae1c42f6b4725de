#pragma once
// Line breaking for formulas ("1×0+0×0+…=9", "sum + bias = result:  8 + 1 = 9"):
// a line may end between terms, never inside a number. Pure, so it is
// tested without a font; the panels pass ImGui's text measure.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace convviz::ui {

using TextMeasure = std::function<float(std::string_view)>;

// The pieces a line may end after: a term with its "+" or "=" ("1×7+"), a
// word with its spaces ("sum "). The "+" of an exponent ("1.5e+05") is part
// of its number.
std::vector<std::string> formula_pieces(std::string_view text);

// Lines no wider than `width`, broken only between pieces. A piece wider
// than a line on its own breaks after its "×", between the two operands;
// an operand wider than a line stays whole (a number is never cut).
std::vector<std::string> formula_lines(std::string_view text, float width,
                                       const TextMeasure& measure);

}  // namespace convviz::ui
