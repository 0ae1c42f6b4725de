// What a cell shows for its value, against a fixed-width measure (each
// character 0.6 of the size, as DejaVu Sans Mono): the number the sum
// prints, or a marked approximation, never smaller than the panel text.
#include "ui/cell_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace convviz::ui {
namespace {

float characters(std::string_view text) {
  float n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // UTF-8: count code points
  return n;
}

float mono(std::string_view text, float size) { return characters(text) * 0.6f * size; }

// Room for `n` characters at `size`.
float room(int n, float size) { return float(n) * 0.6f * size + 0.01f; }

// Half a unit of the last digit `text` shows ("≈.42": 0.005, "≈1.2e3": 50).
double half_last_digit(std::string text) {
  if (text.rfind("≈", 0) == 0) text = text.substr(std::string("≈").size());
  const size_t e = text.find('e');
  const int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
  const std::string mantissa = text.substr(0, e);
  const size_t point = mantissa.find('.');
  const int decimals = point == std::string::npos ? 0 : int(mantissa.size() - point - 1);
  return 0.5 * std::pow(10.0, exponent - decimals);
}

double parsed(std::string text) {
  if (text.rfind("≈", 0) == 0) text = text.substr(std::string("≈").size());
  if (text.rfind(".", 0) == 0) text = "0" + text;
  if (text.rfind("-.", 0) == 0) text = "-0" + text.substr(1);
  return std::stod(text);
}

TEST(CellNumber, ShowsTheExactNumberWhenItFits) {
  const CellNumber n = fit_cell_number(15.5, room(4, 18), 18, 18, mono);
  EXPECT_EQ(n.text, "15.5");
  EXPECT_FALSE(n.approximate);
  EXPECT_EQ(n.size, 18);
}

TEST(CellNumber, MarksARoundedNumber) {
  // rgb-to-2's 15.5 in a cell with room for three characters: not "16".
  const CellNumber n = fit_cell_number(15.5, room(3, 18), 18, 18, mono);
  EXPECT_EQ(n.text, "≈16");
  EXPECT_TRUE(n.approximate);
}

TEST(CellNumber, DropsTheLeadingZeroBeforeRounding) {
  EXPECT_EQ(fit_cell_number(0.25, room(3, 18), 18, 18, mono).text, ".25");
  EXPECT_EQ(fit_cell_number(-0.5, room(3, 18), 18, 18, mono).text, "-.5");
}

TEST(CellNumber, ATinyValueInACrowdedCellIsApproximatelyZero) {
  EXPECT_EQ(fit_cell_number(0.003922, room(2, 18), 18, 18, mono).text, "≈0");
}

TEST(CellNumber, ShowsNothingRatherThanShrinkBelowThePanelText) {
  const CellNumber n = fit_cell_number(-12.75, room(2, 18), 18, 18, mono);
  EXPECT_EQ(n.text, "");
}

TEST(CellNumber, GrowsWithTheCellUpToTheLargestSize) {
  const CellNumber n = fit_cell_number(9, room(1, 36), 18, 36, mono);
  EXPECT_EQ(n.text, "9");
  EXPECT_FLOAT_EQ(n.size, 36);
  const CellNumber smaller = fit_cell_number(9, room(1, 30), 18, 36, mono);
  EXPECT_LE(smaller.size, 30);
  EXPECT_GE(smaller.size, 18);
}

// Random values and cells: whatever is shown fits, is at least the panel
// text, and is the value to four significant digits unless it is marked.
TEST(CellNumber, NeverShowsAnUnmarkedNumberOtherThanTheValue) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> exponent(-4, 6), mantissa(-10, 10);
  std::uniform_int_distribution<int> chars(1, 9);
  int exact = 0, marked = 0, empty = 0;
  for (int i = 0; i < 20000; ++i) {
    const double value = double(float(mantissa(random) * std::pow(10.0, exponent(random))));
    const float width = room(chars(random), 18);
    const CellNumber n = fit_cell_number(value, width, 18, 30, mono);
    if (n.text.empty()) {
      ++empty;
      continue;
    }
    ASSERT_LE(mono(n.text, n.size), width) << n.text;
    ASSERT_GE(n.size, 18);
    const double shown = parsed(n.text);
    if (n.approximate) {
      ++marked;
      ASSERT_EQ(n.text.rfind("≈", 0), 0u);
      // Correctly rounded to the digits it shows.
      ASSERT_LE(std::fabs(shown - value), half_last_digit(n.text) * (1 + 1e-9))
          << n.text << " for " << value;
    } else {
      ++exact;
      ASSERT_EQ(n.text.find("≈"), std::string::npos);
      ASSERT_LE(std::fabs(shown - value), std::fabs(value) * 5e-4) << n.text << " for " << value;
    }
  }
  EXPECT_GT(exact, 1000);
  EXPECT_GT(marked, 1000);
  EXPECT_GT(empty, 100);
}

}  // namespace
}  // namespace convviz::ui
