#include "core/model/spec_text.h"

#include <gtest/gtest.h>

namespace convviz {
namespace {

TEST(OutputSizeFormula, TextbookFillsInTheNumbers) {
  Conv2dProblem s;
  s.padding = {1, 1};
  EXPECT_EQ(output_size_formula(s, Axis::Height), "H_out = ⌊(5 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 5");
  s.stride = {1, 2};
  s.width = 6;
  EXPECT_EQ(output_size_formula(s, Axis::Width), "W_out = ⌊(6 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 3");
}

TEST(OutputSizeFormula, SameWithAnEvenKernelShowsBothSides) {
  Conv2dProblem s;
  s.kernel_size = {4, 4};
  s.padding_preset = PaddingPreset::Same;
  EXPECT_EQ(output_size_formula(s, Axis::Height), "H_out = ⌊(5 + 1 + 2 − 1·(4−1) − 1)/1⌋ + 1 = 5");
}

TEST(OutputSizeFormula, AKernelTooLargeSaysNoOutput) {
  Conv2dProblem s;
  s.kernel_size = {7, 3};
  EXPECT_EQ(output_size_formula(s, Axis::Height),
            "H_out = ⌊(5 + 2·0 − 1·(7−1) − 1)/1⌋ + 1 (no output)");
}

TEST(PytorchExpression, ShowsNonDefaultsOnly) {
  Conv2dProblem s;
  s.padding = {1, 1};
  EXPECT_EQ(pytorch_expression(s), "nn.Conv2d(1, 1, kernel_size=3, stride=1, padding=1)");
  s.in_channels = 4;
  s.out_channels = 8;
  s.kernel_size = {3, 2};
  s.groups = 2;
  s.bias = false;
  s.dilation = {2, 2};
  s.padding_preset = PaddingPreset::Valid;
  s.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(pytorch_expression(s),
            "nn.Conv2d(4, 8, kernel_size=(3, 2), stride=1, padding='valid', dilation=2, groups=2, "
            "bias=False, padding_mode='reflect')");
}

TEST(WithThousands, GroupsDigits) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(225), "225");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
  EXPECT_EQ(with_thousands(-1000), "-1,000");
}

}  // namespace
}  // namespace convviz
