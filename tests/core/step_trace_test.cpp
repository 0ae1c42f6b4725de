#include "core/model/step_trace.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/engine/engine.h"
#include "core/engine/reference_engine.h"
#include "core/lesson/presets.h"
#include "core/model/op_counts.h"
#include "random_specs.h"

namespace convviz {
namespace {

StepTrace trace(const Session& s, int64_t step) {
  return trace_step(s.spec, s.input, params_of(s), step);
}

TEST(TraceStep, TextbookTopLeftIsNine) {
  const Session s = *find_preset("textbook");
  const StepTrace t = trace(s, 0);
  EXPECT_EQ(t.expression, "1×0+0×0+1×0+0×0+1×1+0×8+1×0+0×6+1×7+1=9");
  EXPECT_EQ(t.result, 9.0f);
  EXPECT_EQ(t.sum, 8.0);
  EXPECT_EQ(t.bias, 1.0f);
  ASSERT_EQ(t.terms.size(), 9u);
  // The first row and column of the window lie on the zero padding.
  for (int i : {0, 1, 2, 3, 6}) {
    EXPECT_TRUE(t.terms[i].is_padding) << i;
    EXPECT_EQ(t.terms[i].source, std::nullopt) << i;
  }
  EXPECT_EQ(t.terms[8].source, (Cell{1, 1}));
  EXPECT_EQ(t.terms[8].input, 7.0f);
  EXPECT_EQ(t.terms[8].product, 7.0f);
}

TEST(TraceStep, ReflectPaddingNamesTheCellItCopies) {
  Session s = *find_preset("reflect-padding");
  const StepTrace t = trace(s, 0);
  EXPECT_TRUE(t.terms[0].is_padding);
  EXPECT_EQ(t.terms[0].source, (Cell{1, 1}));
  EXPECT_EQ(t.terms[0].input, 7.0f);
}

TEST(TraceStep, PartialExpressionsBuildUpToTheWholeSum) {
  const Session s = *find_preset("textbook");
  const StepTrace t = trace(s, 0);
  EXPECT_EQ(partial_expression(t, 0), "");
  EXPECT_EQ(partial_expression(t, 2), "1×0+0×0");
  EXPECT_EQ(partial_sum(t, 5), 1.0);
  EXPECT_EQ(partial_sum(t, 9), t.sum);
  EXPECT_EQ(partial_expression(t, 9) + "+1=9", t.expression);
}

TEST(TraceStep, NegativeOperandsGetParentheses) {
  Session s = *find_preset("textbook");
  s.weight.data[0] = -1;
  s.bias.data[0] = -2.5f;
  s.input.data[0] = -3;  // read by term (1, 1) of step 0
  const StepTrace t = trace(s, 0);
  EXPECT_EQ(t.expression, "(-1)×0+0×0+1×0+0×0+1×(-3)+0×8+1×0+0×6+1×7+(-2.5)=1.5");
}

TEST(TraceStep, WithoutBiasTheExpressionEndsAtTheProducts) {
  const Session s = *find_preset("torch-ones");
  const StepTrace t = trace(s, 0);
  EXPECT_FALSE(t.has_bias);
  EXPECT_EQ(t.expression, "1×0+1×0+1×0+1×0+1×1+1×1+1×0+1×1+1×1=4");
}

TEST(TraceStep, DepthwiseStepsReadOnlyTheirGroupsChannel) {
  const Session s = *find_preset("depthwise");
  const int64_t per_channel = 6 * 6;
  const StepTrace t = trace(s, per_channel + 7);  // channel 1, y 1, x 1
  EXPECT_EQ(t.position, (OutputPosition{0, 1, 1, 1}));
  EXPECT_EQ(t.group, 1);
  EXPECT_EQ(t.c_in_begin, 1);
  EXPECT_EQ(t.c_in_end, 2);
  for (const TraceTerm& term : t.terms) EXPECT_EQ(term.c_in, 1);
}

TEST(StepPosition, RunsRowMajorOverNCYXAndRoundTrips) {
  Conv2dProblem s;
  s.batch = 2;
  s.out_channels = 3;
  s.padding = {1, 1};
  s.width = 4;
  EXPECT_EQ(step_count(s), 2 * 3 * 5 * 4);
  EXPECT_EQ(step_position(s, 1), (OutputPosition{0, 0, 0, 1}));
  EXPECT_EQ(step_position(s, 4), (OutputPosition{0, 0, 1, 0}));
  EXPECT_EQ(step_position(s, 20), (OutputPosition{0, 1, 0, 0}));
  EXPECT_EQ(step_position(s, 60), (OutputPosition{1, 0, 0, 0}));
  for (int64_t i = 0; i < step_count(s); ++i) EXPECT_EQ(step_index(s, step_position(s, i)), i);
}

TEST(FormatNumber, IntegralValuesHaveNoDecimalsOthersFourDigits) {
  EXPECT_EQ(format_number(9), "9");
  EXPECT_EQ(format_number(-3), "-3");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333");
  EXPECT_EQ(format_number(-2.71828), "-2.718");
  EXPECT_EQ(format_number(1.5e-5), "1.5e-05");
  EXPECT_EQ(format_number(123456.5), "1.235e+05");
}

// Invariant 1: for every output element the tracer equals the engine.
TEST(TraceStep, EqualsTheReferenceOnEveryPositionOfRandomSpecs) {
  std::mt19937 rng(7);
  int crops = 0;  // specs with a negative padding
  for (int i = 0; i < 300; ++i) {
    const Conv2dProblem spec = testing::random_valid_spec(rng);
    const Session s = testing::random_session(spec, rng);
    if (side_padding(spec).top < 0 || side_padding(spec).left < 0) ++crops;
    Tensor y;
    conv2d_reference(spec, s.input, s.weight, bias_or_null(s), y);
    ASSERT_EQ(static_cast<int64_t>(y.data.size()), step_count(spec));
    for (int64_t step = 0; step < step_count(spec); ++step) {
      const StepTrace t = trace(s, step);
      const OutputPosition& p = t.position;
      ASSERT_EQ(t.result, y.at(p.n, p.c_out, p.y, p.x)) << "spec " << i << " step " << step;
    }
  }
  EXPECT_GT(crops, 20);
}

// padding=(-1, 1), reflect, on 8×8 (input value 10·row + column): F.pad
// crops row 0 and row 7, then reflects the columns. The window of output
// (0, 0) starts on input row 1; its left column is the reflection of column 1.
TEST(TraceStep, ANegativePaddingStartsTheWindowBelowTheCroppedRow) {
  Session s;
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.height = p.width = 8; });
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.padding = {-1, 1}; });
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.padding_mode = PaddingMode::Reflect; });
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.bias = false; });
  s.input = make_tensor({1, 1, 8, 8});
  for (int64_t y = 0; y < 8; ++y) {
    for (int64_t x = 0; x < 8; ++x) s.input.at(0, 0, y, x) = float(10 * y + x);
  }
  s.weight = make_tensor({1, 1, 3, 3}, 1.0f);
  const StepTrace t = trace(s, 0);
  ASSERT_EQ(t.terms.size(), 9u);
  EXPECT_TRUE(t.terms[0].is_padding);
  EXPECT_EQ(t.terms[0].source, (Cell{1, 1}));
  EXPECT_EQ(t.terms[1].source, (Cell{1, 0}));
  EXPECT_FALSE(t.terms[1].is_padding);
  EXPECT_EQ(t.terms[8].source, (Cell{3, 1}));
  // Rows 1..3, columns (1, 0, 1): (11 + 10 + 11) + (21 + 20 + 21) + (31 + 30 + 31).
  EXPECT_EQ(t.result, 186.0f);
  // The last output row reads input rows 4..6: row 7 is cropped.
  const StepTrace last = trace(s, step_count(s.spec) - 1);
  EXPECT_EQ(last.terms[8].source, (Cell{6, 6}));
}

// Invariant 1 against the vectorized engine, on the specs that crop.
TEST(TraceStep, EqualsTheEngineOnRandomSpecsWithNegativePadding) {
  std::mt19937 rng(23);
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    const Conv2dProblem spec = testing::random_valid_spec(rng);
    if (side_padding(spec).top >= 0 && side_padding(spec).left >= 0) continue;
    ++checked;
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y);
    for (int64_t step = 0; step < step_count(spec); ++step) {
      const StepTrace t = trace(s, step);
      double magnitude = std::fabs(t.bias);
      for (const TraceTerm& term : t.terms) magnitude += std::fabs(term.product);
      const OutputPosition& p = t.position;
      ASSERT_NEAR(t.result, y.at(p.n, p.c_out, p.y, p.x), 1e-5 * std::max(1.0, magnitude))
          << "spec " << checked << " step " << step;
    }
  }
  EXPECT_GT(checked, 120);
}

// Invariant 2: the tracer's tally over all steps equals count_ops.
TEST(TraceStep, TallyOverAllStepsEqualsCountOps) {
  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {
    const Conv2dProblem spec = testing::random_valid_spec(rng);
    const Session s = testing::random_session(spec, rng);
    int64_t multiplications = 0, additions = 0;
    for (int64_t step = 0; step < step_count(spec); ++step) {
      const StepTrace t = trace(s, step);
      multiplications += static_cast<int64_t>(t.terms.size());
      additions += static_cast<int64_t>(t.terms.size()) - 1 + (t.has_bias ? 1 : 0);
    }
    const OpCounts ops = count_ops(spec);
    ASSERT_EQ(multiplications, ops.multiplications) << "spec " << i;
    ASSERT_EQ(additions, ops.additions) << "spec " << i;
  }
}

}  // namespace
}  // namespace convviz
