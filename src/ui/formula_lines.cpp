#include "ui/formula_lines.h"

namespace convviz::ui {
namespace {

constexpr std::string_view kTimes = "\u00d7";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "1.5e+05": the sign belongs to the number before it.
bool is_exponent_sign(std::string_view text, size_t at) {
  return at >= 2 && (text[at - 1] == 'e' || text[at - 1] == 'E') &&
         (is_digit(text[at - 2]) || text[at - 2] == '.');
}

// The piece starting at `start` ends after its "+" or "=" (with the spaces
// after it) or after a run of spaces.
size_t piece_end(std::string_view text, size_t start) {
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    const bool operator_end = (c == '+' && !is_exponent_sign(text, i)) || c == '=';
    if (operator_end || c == ' ') {
      size_t end = i + 1;
      while (end < text.size() && text[end] == ' ') ++end;
      return end;
    }
  }
  return text.size();
}

// "(-0.25)×(-0.5)+" as "(-0.25)×" and "(-0.5)+".
std::vector<std::string> split_after_times(const std::string& piece) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at = piece.find(kTimes); at != std::string::npos; at = piece.find(kTimes, start)) {
    parts.push_back(piece.substr(start, at + kTimes.size() - start));
    start = at + kTimes.size();
  }
  if (start < piece.size()) parts.push_back(piece.substr(start));
  return parts;
}

}  // namespace

std::vector<std::string> formula_pieces(std::string_view text) {
  std::vector<std::string> pieces;
  for (size_t start = 0; start < text.size();) {
    const size_t end = piece_end(text, start);
    pieces.emplace_back(text.substr(start, end - start));
    start = end;
  }
  return pieces;
}

std::vector<std::string> formula_lines(std::string_view text, float width,
                                       const TextMeasure& measure) {
  std::vector<std::string> pieces;
  for (std::string& piece : formula_pieces(text)) {
    if (measure(piece) <= width) {
      pieces.push_back(std::move(piece));
    } else {
      for (std::string& part : split_after_times(piece)) pieces.push_back(std::move(part));
    }
  }
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& piece : pieces) {
    if (!line.empty() && measure(line + piece) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line += piece;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace convviz::ui
