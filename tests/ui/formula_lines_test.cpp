// Line breaking of formulas and what the current output cell shows in fine
// steps: pure functions, checked without a font or a window.
#include "ui/formula_lines.h"

#include <gtest/gtest.h>

#include "core/lesson/presets.h"
#include "ui/fine_step.h"

namespace convviz {
namespace {

using ui::fine_step;
using ui::formula_lines;

// One unit per character (UTF-8 continuation bytes are not characters).
float characters(std::string_view text) {
  float n = 0;
  for (unsigned char c : text) n += (c & 0xc0) != 0x80 ? 1.0f : 0.0f;
  return n;
}

bool number_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// A break at `at` cuts a number when digits stand on both sides of it, or
// when it falls right after an exponent's sign ("1.5e+" / "05").
bool cuts_a_number(const std::string& text, size_t at) {
  if (at == 0 || at >= text.size()) return false;
  if (number_char(text[at - 1]) && number_char(text[at])) return true;
  if (number_char(text[at - 1]) && text[at] == 'e') return true;
  return at >= 2 && (text[at - 1] == '+' || text[at - 1] == '-') && text[at - 2] == 'e';
}

// Every line boundary of `lines` as an offset into the joined text.
void expect_whole_numbers(const std::string& text, const std::vector<std::string>& lines) {
  std::string again;
  for (const std::string& line : lines) {
    again += line;
    EXPECT_FALSE(cuts_a_number(text, again.size())) << "break after '" << again << "'";
  }
  EXPECT_EQ(again, text);
}

TEST(FormulaLines, TextbookExpressionBreaksBetweenTerms) {
  const std::vector<std::string> expected = {"1×0+0×0+", "1×0+0×0+", "1×1+0×8+", "1×0+0×6+",
                                             "1×7+1=9"};
  EXPECT_EQ(formula_lines("1×0+0×0+1×0+0×0+1×1+0×8+1×0+0×6+1×7+1=9", 8, characters), expected);
}

TEST(FormulaLines, AShortFormulaIsOneLine) {
  EXPECT_EQ(formula_lines("1×7+1=8", 40, characters), (std::vector<std::string>{"1×7+1=8"}));
  EXPECT_EQ(formula_lines("", 40, characters), (std::vector<std::string>{""}));
}

TEST(FormulaLines, AnExponentsPlusIsPartOfItsNumber) {
  EXPECT_EQ(ui::formula_pieces("1.5e+05×2+3=3e+05"),
            (std::vector<std::string>{"1.5e+05×2+", "3=", "3e+05"}));
  EXPECT_EQ(formula_lines("1.5e+05×2+3", 6, characters),
            (std::vector<std::string>{"1.5e+05×", "2+3"}));
}

TEST(FormulaLines, ATermWiderThanTheLineBreaksAtItsTimesSign) {
  EXPECT_EQ(formula_lines("(-0.3333)×(-0.3333)+1", 12, characters),
            (std::vector<std::string>{"(-0.3333)×", "(-0.3333)+1"}));
}

TEST(FormulaLines, ANumberWiderThanTheLineStaysWhole) {
  EXPECT_EQ(formula_lines("123456789+1", 4, characters),
            (std::vector<std::string>{"123456789+", "1"}));
}

TEST(FormulaLines, TheSumLineBreaksBetweenWords) {
  const std::vector<std::string> expected = {"sum + bias = ", "result:  8.071 ", "+ 1 = 9.071"};
  EXPECT_EQ(formula_lines("sum + bias = result:  8.071 + 1 = 9.071", 15, characters), expected);
}

// Every step's expression of several presets, at every width from 1 to
// 60 characters: the lines put together are the expression, and no break
// falls inside a number.
TEST(FormulaLines, NoWidthCutsANumberInAnyPresetsExpressions) {
  for (const char* name : {"textbook", "rgb-to-2", "stride-2", "depthwise", "dilation-2"}) {
    const Session s = *find_preset(name);
    for (int64_t step = 0; step < step_count(s.spec); step += 3) {
      const StepTrace t = trace_step(s.spec, s.input, params_of(s), step);
      for (int width = 1; width <= 60; ++width) {
        expect_whole_numbers(t.expression, formula_lines(t.expression, float(width), characters));
      }
    }
  }
  const std::string decimals = "(-0.3333)×0.25+1.5e-05×(-2.5e+10)+0.07071×7.071+0.5=-6.25e+05";
  for (int width = 1; width <= 60; ++width) {
    expect_whole_numbers(decimals, formula_lines(decimals, float(width), characters));
  }
}

StepTrace textbook_trace(int64_t step) {
  const Session s = *find_preset("textbook");
  return trace_step(s.spec, s.input, params_of(s), step);
}

// Step 7 of the textbook (output y=1, x=1) reads input rows and columns
// 0..2, [[1,8,3],[6,7,1],[2,0,9]], under the X kernel: products 1,0,3,0,7,
// 0,2,0,9, sum 22, bias 1, result 23.
TEST(FineStep, HalfwayTheCellShowsTheRunningSumNotTheResult) {
  const StepTrace t = textbook_trace(6);
  ASSERT_EQ(t.result, 23.0f);
  const ui::FineStep fine = fine_step(t, true, 5);
  EXPECT_TRUE(fine.partial);
  EXPECT_EQ(fine.current_term, 4);
  EXPECT_EQ(fine.running_sum, 1.0 + 0 + 3 + 0 + 7);
  EXPECT_EQ(ui::partial_sum_text(fine), "Σ 11");
  EXPECT_EQ(fine.products, 5);
  EXPECT_EQ(fine.terms, 9);
}

TEST(FineStep, BeforeTheFirstProductNothingIsCurrentAndTheSumIsZero) {
  const ui::FineStep fine = fine_step(textbook_trace(6), true, 0);
  EXPECT_TRUE(fine.partial);
  EXPECT_EQ(fine.current_term, -1);
  EXPECT_EQ(ui::partial_sum_text(fine), "Σ 0");
}

TEST(FineStep, AfterTheLastProductTheCellShowsItsValue) {
  const ui::FineStep fine = fine_step(textbook_trace(6), true, 9);
  EXPECT_FALSE(fine.partial);
  EXPECT_EQ(fine.current_term, 8);
  EXPECT_EQ(fine.running_sum, 22.0);
}

TEST(FineStep, WithoutFineStepsNothingIsCurrent) {
  const ui::FineStep fine = fine_step(textbook_trace(6), false, 3);
  EXPECT_FALSE(fine.partial);
  EXPECT_EQ(fine.current_term, -1);
  EXPECT_EQ(fine.products, 9);
}

}  // namespace
}  // namespace convviz
