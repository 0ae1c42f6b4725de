#include "core/lesson/named_kernels.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/lesson/presets.h"
#include "core/lesson/session.h"

namespace convviz {
namespace {

float sum(const std::vector<float>& v) {
  float s = 0;
  for (float x : v) s += x;
  return s;
}

TEST(NamedKernel, ClassicThreeByThreeKernels) {
  EXPECT_EQ(*named_kernel(Fill::Identity, 3, 3), (std::vector<float>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(*named_kernel(Fill::SobelX, 3, 3), (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
  EXPECT_EQ(*named_kernel(Fill::Laplacian, 3, 3), (std::vector<float>{0, 1, 0, 1, -4, 1, 0, 1, 0}));
  const auto gaussian = *named_kernel(Fill::Gaussian, 3, 3);
  EXPECT_FLOAT_EQ(gaussian[4], 4.0f / 16.0f);
  EXPECT_FLOAT_EQ(gaussian[0], 1.0f / 16.0f);
}

TEST(NamedKernel, BlursKeepBrightnessAtAnySize) {
  for (auto [kh, kw] : {std::pair{3, 3}, {5, 5}, {2, 4}, {1, 7}}) {
    EXPECT_NEAR(sum(*named_kernel(Fill::BoxBlur, kh, kw)), 1.0f, 1e-5);
    EXPECT_NEAR(sum(*named_kernel(Fill::Gaussian, kh, kw)), 1.0f, 1e-5);
    EXPECT_NEAR(sum(*named_kernel(Fill::Sharpen, kh, kw)), 1.0f, 1e-5);
  }
}

TEST(NamedKernel, SobelGrowsToOddSizesAsOpenCVBuildsIt) {
  // OpenCV's 5×5 Sobel x: [1 4 6 4 1]ᵀ · [-1 -2 0 2 1].
  const std::vector<float> x5 = *named_kernel(Fill::SobelX, 5, 5);
  EXPECT_EQ(std::vector<float>(x5.begin(), x5.begin() + 5), (std::vector<float>{-1, -2, 0, 2, 1}));
  EXPECT_EQ(std::vector<float>(x5.begin() + 10, x5.begin() + 15),
            (std::vector<float>{-6, -12, 0, 12, 6}));
  const std::vector<float> y35 = *named_kernel(Fill::SobelY, 3, 5);
  EXPECT_EQ(std::vector<float>(y35.begin(), y35.begin() + 5),
            (std::vector<float>{-1, -4, -6, -4, -1}));
  EXPECT_EQ(named_kernel(Fill::SobelX, 4, 4), std::nullopt);
  Tensor t = make_tensor({1, 1, 4, 4}, 2.0f);
  EXPECT_FALSE(fill_tensor(t, Fill::SobelY, 1));
  EXPECT_EQ(t.data[0], 2.0f) << "a refused fill leaves the tensor as it was";
}

TEST(FillTensor, PyTorchDefaultStaysWithinOneOverSqrtFanIn) {
  Tensor t = make_tensor({8, 4, 3, 3});
  ASSERT_TRUE(fill_tensor(t, Fill::PyTorchDefault, 5, 36));
  const float bound = 1.0f / 6.0f;
  float largest = 0;
  for (float v : t.data) largest = std::max(largest, std::fabs(v));
  EXPECT_LE(largest, bound);
  EXPECT_GT(largest, bound * 0.8f);
}

TEST(FillTensor, RandomFillsRepeatForTheSameSeed) {
  Tensor a = make_tensor({1, 1, 4, 4}), b = a, c = a;
  fill_tensor(a, Fill::RandomIntegers, 3);
  fill_tensor(b, Fill::RandomIntegers, 3);
  fill_tensor(c, Fill::RandomIntegers, 4);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(WithSpec, KeepsOverlappingValuesAndZeroFillsTheRest) {
  const Session s = *find_preset("textbook");
  Conv2dProblem bigger = sliding_window(s.spec);
  bigger.height = 6;
  bigger.in_channels = bigger.out_channels = 2;
  const Session t = with_spec(s, layer_of(bigger));
  EXPECT_TRUE(check_session(t).empty());
  EXPECT_EQ(t.input.at(0, 0, 1, 1), s.input.at(0, 0, 1, 1));
  EXPECT_EQ(t.input.at(0, 0, 5, 0), 0.0f);
  EXPECT_EQ(t.input.at(0, 1, 0, 0), 0.0f);
  EXPECT_EQ(t.weight.at(0, 0, 0, 2), s.weight.at(0, 0, 0, 2));
  EXPECT_EQ(t.bias.data, (std::vector<float>{1.0f, 0.0f}));
}

TEST(WithSpec, ClampsTheStepIntoTheNewOutput) {
  Session s = *find_preset("textbook");
  s.step = 24;
  Conv2dProblem strided = sliding_window(s.spec);
  strided.stride = {2, 2};
  EXPECT_EQ(with_spec(s, layer_of(strided)).step, 8);
}

float plane_sum(const std::vector<float>& plane) {
  float sum = 0;
  for (float v : plane) sum += v;
  return sum;
}

TEST(KernelLibrary, EdgeFindersSumToZeroAndBlursToOne) {
  for (Fill edge : {Fill::SobelX, Fill::SobelY, Fill::PrewittX, Fill::PrewittY, Fill::ScharrX,
                    Fill::ScharrY, Fill::Laplacian, Fill::Outline}) {
    EXPECT_EQ(plane_sum(*named_kernel(edge, 3, 3)), 0.0f) << fill_name(edge);  // flat: no answer
  }
  EXPECT_EQ(plane_sum(*named_kernel(Fill::Emboss, 3, 3)), 1.0f);  // keeps the brightness
  EXPECT_EQ(*named_kernel(Fill::ScharrX, 3, 3),
            (std::vector<float>{-3, 0, 3, -10, 0, 10, -3, 0, 3}));
  const std::vector<float> motion = *named_kernel(Fill::MotionBlur, 5, 5);
  EXPECT_NEAR(plane_sum(motion), 1.0f, 1e-6f);
  EXPECT_EQ(motion[6], 0.2f);  // (1, 1): on the diagonal
  EXPECT_EQ(motion[1], 0.0f);  // (0, 1): off it
  EXPECT_FALSE(named_kernel(Fill::MotionBlur, 3, 5));
  EXPECT_FALSE(named_kernel(Fill::PrewittX, 5, 5));
}

TEST(KernelLibrary, AGaussianFollowsItsSigma) {
  const std::vector<float> g = gaussian_kernel(5, 5, 1.0);
  EXPECT_NEAR(plane_sum(g), 1.0f, 1e-6f);
  // Neighbours along a row fall by exp(-1/2) per cell at sigma 1, and the
  // plane is symmetric.
  EXPECT_NEAR(g[11] / g[12], std::exp(-0.5f), 1e-6f);
  EXPECT_NEAR(g[10] / g[12], std::exp(-2.0f), 1e-6f);
  EXPECT_EQ(g[0], g[24]);
  const std::vector<float> wide = gaussian_kernel(5, 5, 3.0);
  EXPECT_GT(wide[0], g[0]);  // a bigger sigma spreads the weight outwards
  EXPECT_EQ(gaussian_kernel(3, 3, 0.0), *named_kernel(Fill::Gaussian, 3, 3));
}

TEST(KernelLibrary, ChannelModesSpreadOnePlane) {
  const std::vector<float> sobel = *named_kernel(Fill::SobelX, 3, 3);
  Tensor w = make_tensor({3, 3, 3, 3});
  spread_kernel(w, sobel, ChannelMode::AsGiven);
  EXPECT_EQ(w.at(2, 1, 0, 2), 1.0f);
  spread_kernel(w, sobel, ChannelMode::PerChannel);
  EXPECT_EQ(w.at(1, 1, 0, 2), 1.0f);
  EXPECT_EQ(w.at(1, 0, 0, 2), 0.0f);
  spread_kernel(w, sobel, ChannelMode::Luminance);
  EXPECT_FLOAT_EQ(w.at(0, 1, 1, 2), 2.0f * 0.587f);
  Tensor four = make_tensor({1, 4, 3, 3});
  spread_kernel(four, sobel, ChannelMode::Luminance);
  EXPECT_FLOAT_EQ(four.at(0, 3, 1, 2), 0.5f);  // 2 / 4: an equal share
}

}  // namespace
}  // namespace convviz
