#include "core/model/conv2d_spec.h"

#include <gtest/gtest.h>

namespace convviz {
namespace {

Conv2dProblem textbook() {
  Conv2dProblem s;
  s.padding = {1, 1};
  return s;
}

// The messages of the errors validate() reports for `field`.
std::vector<std::string> messages_for(const Conv2dProblem& spec, const std::string& field) {
  std::vector<std::string> found;
  for (const SpecError& e : validate(spec)) {
    if (e.field == field) found.push_back(e.message);
  }
  return found;
}

TEST(OutputShape, TextbookKeepsFiveByFive) {
  EXPECT_EQ(output_shape(textbook()), (Shape4{1, 1, 5, 5}));
}

TEST(OutputShape, StrideTwoGivesThreeByThree) {
  Conv2dProblem s = textbook();
  s.stride = {2, 2};
  EXPECT_EQ(output_shape(s), (Shape4{1, 1, 3, 3}));
}

TEST(OutputShape, FollowsTheFormulaPerAxisForNonSquareParameters) {
  Conv2dProblem s;
  s.batch = 2;
  s.in_channels = 4;
  s.out_channels = 6;
  s.groups = 2;
  s.height = 9;
  s.width = 11;
  s.kernel_size = {3, 2};
  s.stride = {2, 3};
  s.padding = {1, 2};
  s.dilation = {2, 1};
  // H: floor((9 + 2 - 2·2 - 1)/2) + 1 = 4; W: floor((11 + 4 - 1 - 1)/3) + 1 = 5
  EXPECT_EQ(output_shape(s), (Shape4{2, 6, 4, 5}));
  EXPECT_EQ(weight_shape(s), (Shape4{6, 2, 3, 2}));
}

TEST(SidePadding, SameSplitsOddTotalsWithTheExtraAtBottomRight) {
  Conv2dProblem s;
  s.padding_preset = PaddingPreset::Same;
  s.kernel_size = {4, 3};
  s.dilation = {1, 3};
  const SidePadding p = side_padding(s);
  EXPECT_EQ(p.top, 1);
  EXPECT_EQ(p.bottom, 2);
  EXPECT_EQ(p.left, 3);
  EXPECT_EQ(p.right, 3);
  EXPECT_EQ(output_shape(s), (Shape4{1, 1, 5, 5}));
}

TEST(SidePadding, ValidIgnoresThePaddingField) {
  Conv2dProblem s;
  s.padding = {2, 2};
  s.padding_preset = PaddingPreset::Valid;
  EXPECT_EQ(output_shape(s), (Shape4{1, 1, 3, 3}));
}

TEST(Validate, AcceptsTheTextbookExample) { EXPECT_TRUE(validate(textbook()).empty()); }

TEST(Validate, GroupsMustDivideInChannels) {
  Conv2dProblem s = textbook();
  s.in_channels = 4;
  s.out_channels = 6;
  s.groups = 3;
  EXPECT_EQ(messages_for(s, "groups"),
            std::vector<std::string>{"groups (3) must divide in_channels (4)"});
}

TEST(Validate, GroupsMustDivideOutChannels) {
  Conv2dProblem s = textbook();
  s.in_channels = 4;
  s.out_channels = 3;
  s.groups = 2;
  EXPECT_EQ(messages_for(s, "groups"),
            std::vector<std::string>{"groups (2) must divide out_channels (3)"});
}

TEST(Validate, EverySizeMustBeAtLeastOne) {
  struct Case {
    void (*set)(Conv2dProblem&);
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {[](Conv2dProblem& s) { s.in_channels = 0; }, "in_channels",
       "in_channels (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.out_channels = -1; }, "out_channels",
       "out_channels (-1) must be at least 1"},
      {[](Conv2dProblem& s) { s.groups = 0; }, "groups", "groups (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.batch = 0; }, "batch", "batch size (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.height = 0; }, "height", "input height (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.width = 0; }, "width", "input width (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.kernel_size.h = 0; }, "kernel_size",
       "kernel_size height (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.stride.w = 0; }, "stride", "stride width (0) must be at least 1"},
      {[](Conv2dProblem& s) { s.dilation.h = -2; }, "dilation",
       "dilation height (-2) must be at least 1"},
  };
  for (const Case& c : cases) {
    Conv2dProblem s = textbook();
    c.set(s);
    EXPECT_EQ(messages_for(s, c.field), std::vector<std::string>{c.message}) << c.message;
  }
}

TEST(Validate, PaddingCannotBeNegativeWithZeros) {
  Conv2dProblem s = textbook();
  s.padding = {1, -1};
  EXPECT_EQ(messages_for(s, "padding"),
            std::vector<std::string>{
                "padding width (-1) cannot be negative with padding_mode 'zeros' (reflect, "
                "replicate and circular crop instead)"});
}

// nn.Conv2d(1, 1, 3, padding=(-1, 1), padding_mode='reflect') on 8×8 gives
// 1×1×4×8 in PyTorch 1.13: F.pad crops a row from the top and the bottom.
TEST(Validate, NegativePaddingCropsInTheOtherModes) {
  for (PaddingMode mode : {PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
    Conv2dProblem s = textbook();
    s.height = s.width = 8;
    s.padding = {-1, 1};
    s.padding_mode = mode;
    EXPECT_TRUE(validate(s).empty()) << join_messages(validate(s));
    EXPECT_EQ(output_shape(s), (Shape4{1, 1, 4, 8}));
  }
}

TEST(Validate, ACropMustLeaveSomeOfTheInput) {
  Conv2dProblem s = textbook();  // 5×5
  s.padding_mode = PaddingMode::Replicate;
  s.kernel_size = {1, 1};
  s.padding = {-3, 0};
  EXPECT_EQ(messages_for(s, "padding"),
            std::vector<std::string>{"padding height (-3) crops 3 rows from the top and 3 from "
                                     "the bottom, but the input has only 5 rows"});
  s.width = 6;
  s.padding = {0, -3};
  EXPECT_EQ(messages_for(s, "padding"),
            std::vector<std::string>{"padding width (-3) crops 3 columns from the left and 3 "
                                     "from the right, which is all 6 columns of the input"});
  EXPECT_TRUE(messages_for(s, "kernel_size").empty());  // one message for one mistake
}

TEST(Validate, TheKernelMustFitWhatTheCropLeaves) {
  Conv2dProblem s = textbook();
  s.height = s.width = 6;
  s.padding = {-2, -2};
  s.padding_mode = PaddingMode::Circular;
  EXPECT_EQ(messages_for(s, "kernel_size"),
            (std::vector<std::string>{
                "the kernel (3 rows) is larger than what padding height (-2) leaves of the "
                "input (2 of its 6 rows)",
                "the kernel (3 columns) is larger than what padding width (-2) leaves of the "
                "input (2 of its 6 columns)"}));
  s.height = s.width = 7;
  EXPECT_TRUE(validate(s).empty());
}

TEST(Validate, TheOtherAxisKeepsItsPaddingRules) {
  Conv2dProblem s = textbook();
  s.height = 8;
  s.width = 3;
  s.padding = {-1, 3};
  s.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(
      messages_for(s, "padding"),
      std::vector<std::string>{"reflect padding (3) must be smaller than the input width (3)"});
  s.padding_mode = PaddingMode::Circular;
  EXPECT_TRUE(validate(s).empty());
}

TEST(Validate, SameNeedsStrideOne) {
  Conv2dProblem s = textbook();
  s.padding_preset = PaddingPreset::Same;
  s.stride = {2, 1};
  ASSERT_EQ(messages_for(s, "padding").size(), 1u);
  EXPECT_EQ(
      messages_for(s, "padding")[0].rfind("padding 'same' needs stride 1, but stride is 2x1", 0),
      0u);
}

TEST(Validate, DilatedKernelMustFitThePaddedInput) {
  Conv2dProblem s;
  s.height = 4;
  s.width = 5;
  s.dilation = {2, 2};
  EXPECT_EQ(messages_for(s, "kernel_size"),
            std::vector<std::string>{
                "the dilated kernel (5 rows) is larger than the padded input (4 rows)"});
}

TEST(Validate, KernelMustFitInWidthToo) {
  Conv2dProblem s;
  s.height = 3;
  s.width = 4;
  s.kernel_size = {1, 5};
  EXPECT_EQ(messages_for(s, "kernel_size"),
            std::vector<std::string>{
                "the kernel (5 columns) is larger than the padded input (4 columns)"});
}

TEST(Validate, ReflectPaddingMustBeSmallerThanTheInput) {
  Conv2dProblem s = textbook();
  s.height = s.width = 3;
  s.padding = {3, 3};
  s.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(
      messages_for(s, "padding"),
      (std::vector<std::string>{"reflect padding (3) must be smaller than the input height (3)",
                                "reflect padding (3) must be smaller than the input width (3)"}));
  s.padding = {2, 2};
  EXPECT_TRUE(validate(s).empty());
}

TEST(Validate, CircularPaddingMayWrapAtMostOnce) {
  Conv2dProblem s = textbook();
  s.height = s.width = 3;
  s.padding = {3, 4};
  s.padding_mode = PaddingMode::Circular;
  EXPECT_EQ(messages_for(s, "padding"),
            std::vector<std::string>{"circular padding (4) cannot be larger than the input width "
                                     "(3): it would wrap around more than once"});
}

TEST(Validate, ReplicatePaddingHasNoLimit) {
  Conv2dProblem s = textbook();
  s.height = s.width = 2;
  s.padding = {10, 10};
  s.padding_mode = PaddingMode::Replicate;
  EXPECT_TRUE(validate(s).empty());
}

TEST(Validate, ReportsEveryBrokenRule) {
  Conv2dProblem s = textbook();
  s.in_channels = 4;
  s.out_channels = 5;
  s.groups = 3;
  EXPECT_EQ(validate(s).size(), 2u);
}

TEST(Validate, CapsHugeSizesWithoutOverflow) {
  Conv2dProblem s = textbook();
  s.height = s.width = kMaxExtent + 1;
  EXPECT_EQ(messages_for(s, "height"),
            std::vector<std::string>{"input height (1048577) is larger than ConvViz supports "
                                     "(1048576)"});
  s.height = s.width = kMaxExtent;
  s.batch = s.in_channels = 1;
  ASSERT_FALSE(messages_for(s, "height").empty());
  EXPECT_NE(messages_for(s, "height")[0].find("per tensor"), std::string::npos);
}

TEST(Validate, CapsProductsPerOutput) {
  Conv2dProblem s;
  s.in_channels = 4096;
  s.kernel_size = {17, 17};
  s.height = s.width = 17;
  s.out_channels = 1;
  s.bias = false;
  ASSERT_FALSE(messages_for(s, "kernel_size").empty());
  EXPECT_NE(messages_for(s, "kernel_size")[0].find("each output would sum"), std::string::npos);
}

TEST(Validate, CapsTheTotalWork) {
  Conv2dProblem s;
  s.height = s.width = 2048;
  s.kernel_size = {1024, 1024};
  s.padding = {512, 512};
  s.bias = false;
  ASSERT_FALSE(messages_for(s, "kernel_size").empty());
  EXPECT_EQ(messages_for(s, "kernel_size")[0].rfind("this layer needs 4,", 0), 0u)
      << messages_for(s, "kernel_size")[0];
}

// Issue 11: a 32×32 kernel over a 1×1 input padded by 3985 asks for 64.5
// billion multiplications (minutes of work); refused before any is done.
TEST(Validate, CapsTheWorkOfHugePaddingAroundATinyInput) {
  Conv2dProblem s;
  s.height = s.width = 1;
  s.kernel_size = {32, 32};
  s.padding = {3985, 3985};
  const std::vector<std::string> messages = messages_for(s, "kernel_size");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].rfind("this layer needs 64,", 0), 0u) << messages[0];
  EXPECT_NE(messages[0].find("17,179,869,184"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("fewer output channels"), std::string::npos) << messages[0];
}

TEST(Validate, WorkExactlyAtTheCapIsAccepted) {
  Conv2dProblem s;
  s.kernel_size = {32, 32};
  // 4096×4096 outputs × 1024 products = 2^34 multiplications exactly.
  s.height = s.width = 4096 + 31;
  EXPECT_TRUE(validate(s).empty()) << join_messages(validate(s));
  s.width += 1;  // one more output column passes the cap
  EXPECT_FALSE(messages_for(s, "kernel_size").empty());
}

TEST(Validate, APhotoThroughEightSevenBySevenKernelsPasses) {
  Conv2dProblem s;
  s.in_channels = 3;
  s.out_channels = 8;
  s.kernel_size = {7, 7};
  s.padding = {3, 3};
  // 4000×2000 RGB: 9.4 billion multiplications, the most a photo can ask
  // for within the per-tensor cap on the output (8×4000×3000 is refused
  // there first).
  s.height = 2000;
  s.width = 4000;
  EXPECT_TRUE(validate(s).empty()) << join_messages(validate(s));
}

TEST(PaddingModeNames, RoundTrip) {
  for (PaddingMode m :
       {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
    EXPECT_EQ(parse_padding_mode(padding_mode_name(m)), m);
  }
  EXPECT_EQ(parse_padding_mode("mirror"), std::nullopt);
}

}  // namespace
}  // namespace convviz
