#include "ui/cell_number.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/model/step_trace.h"

namespace convviz::ui {
namespace {

// "1.2e+02" → "1.2e2": an exponent's sign and zeros cost a crowded cell
// two characters.
std::string short_exponent(std::string text) {
  const size_t e = text.find('e');
  if (e == std::string::npos) return text;
  size_t digits = e + 1;
  std::string sign;
  if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) {
    if (text[digits] == '-') sign = "-";
    ++digits;
  }
  while (digits + 1 < text.size() && text[digits] == '0') ++digits;
  return text.substr(0, e + 1) + sign + text.substr(digits);
}

std::string printed(const char* format, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return short_exponent(buffer);
}

// Shorter forms of `value`, most precise first, each differing from the
// exact text (otherwise it would not need the mark).
std::vector<std::string> approximations(double value, const std::string& exact) {
  std::vector<std::string> forms;
  const auto add = [&](std::string text) {
    if (std::strtod(text.c_str(), nullptr) == 0.0) text = "0";  // not "-0" or "-.0"
    text = without_leading_zero(text);
    if (text == exact || text == without_leading_zero(exact)) return;
    for (const std::string& f : forms) {
      if (f == text) return;
    }
    forms.push_back(std::move(text));
  };
  add(printed("%.3g", value));
  if (std::fabs(value) >= 10 && std::fabs(value) < 1e9) add(printed("%.0f", value));
  add(printed("%.2g", value));
  add(printed("%.1g", value));
  // Last, tenths and units where they keep the value's size: 0.078 is
  // "≈.1", 0.0039 (zero to the two decimals a crowded grid shows) "≈0".
  const double size = std::fabs(value);
  if (size >= 0.05 && size < 1e9) add(printed("%.1f", value));
  if ((size >= 1 && size < 1e9) || size < 0.005) add(printed("%.0f", value));
  return forms;
}

}  // namespace

std::string without_leading_zero(std::string text) {
  if (text.rfind("0.", 0) == 0) return text.substr(1);
  if (text.rfind("-0.", 0) == 0) return "-" + text.substr(2);
  return text;
}

CellNumber fit_cell_number(double value, float width, float min_size, float max_size,
                           const TextWidth& measure) {
  const std::string exact = format_number(value);
  const std::string exact_forms[] = {exact, without_leading_zero(exact)};
  // Larger digits for larger cells, in steps; never below min_size.
  std::vector<float> sizes;
  for (float size = std::max(max_size, min_size); size > min_size; size *= 0.9f) {
    sizes.push_back(size);
  }
  sizes.push_back(min_size);
  for (float size : sizes) {
    for (const std::string& text : exact_forms) {
      if (measure(text, size) <= width) return {text, size, false};
    }
  }
  for (const std::string& text : approximations(value, exact)) {
    const std::string marked = std::string(kApproximately) + text;
    if (measure(marked, min_size) <= width) return {marked, min_size, true};
  }
  return {"", min_size, false};
}

}  // namespace convviz::ui
