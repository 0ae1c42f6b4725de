// The core of image mode: region crops, colour maps and their ranges, the
// background convolution, and what Sobel x makes of a real edge.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/engine/background_conv.h"
#include "core/engine/engine.h"
#include "core/engine/layer_compute.h"
#include "core/engine/reference_engine.h"
#include "core/lesson/colormap.h"
#include "core/lesson/image_grid.h"
#include "core/lesson/named_kernels.h"

namespace convviz {
namespace {

using namespace std::chrono_literals;

Tensor counting(std::vector<int64_t> shape) {
  Tensor t = make_tensor(std::move(shape));
  for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = float(i);
  return t;
}

TEST(CropRegion, TakesThePixelsUnderTheBox) {
  const Tensor x = counting({1, 2, 6, 7});
  const Tensor y = crop_region(x, 2, 3, 3, 4);
  ASSERT_EQ(y.shape, (std::vector<int64_t>{1, 2, 3, 4}));
  for (int64_t c = 0; c < 2; ++c) {
    for (int64_t i = 0; i < 3; ++i) {
      for (int64_t j = 0; j < 4; ++j) EXPECT_EQ(y.at(0, c, i, j), x.at(0, c, 2 + i, 3 + j));
    }
  }
}

// A picture dark on the left half, bright on the right: Sobel x answers
// 4·(step) in the two columns beside the edge and 0 everywhere else.
TEST(SobelX, FindsAVerticalStepEdgeInItsColumns) {
  Conv2dProblem spec;
  spec.height = 9;
  spec.width = 12;
  spec.padding = {1, 1};
  spec.padding_mode = PaddingMode::Replicate;
  spec.bias = false;
  Tensor x = make_tensor({1, 1, 9, 12});
  for (int64_t r = 0; r < 9; ++r) {
    for (int64_t c = 6; c < 12; ++c) x.at(0, 0, r, c) = 0.75f;
  }
  Tensor w = make_tensor({1, 1, 3, 3});
  ASSERT_TRUE(fill_tensor(w, Fill::SobelX, 1));
  Tensor y;
  conv2d(spec, x, w, nullptr, y);
  for (int64_t r = 0; r < 9; ++r) {
    for (int64_t c = 0; c < 12; ++c) {
      const float expected = c == 5 || c == 6 ? 3.0f : 0.0f;
      EXPECT_FLOAT_EQ(y.at(0, 0, r, c), expected) << r << "," << c;
    }
  }
}

TEST(Colormap, EveryEntryReadsBackToItsValue) {
  for (const MapRange range :
       {MapRange{0.0f, 2.0f, Colormap::Sequential}, MapRange{-3.0f, 3.0f, Colormap::Diverging},
        MapRange{-1.0f, 4.0f, Colormap::Diverging}}) {
    for (int i = 0; i < kColormapEntries; ++i) {
      EXPECT_EQ(colormap_index(range, colormap_value(range, i)), i) << range.lo << " " << i;
    }
    EXPECT_EQ(colormap_index(range, range.lo - 10), 0);  // beyond the range: clamped
    EXPECT_EQ(colormap_index(range, range.hi + 10), kColormapEntries - 1);
  }
  // Diverging: 0 sits at the centre, white.
  const MapRange signed_range{-1.0f, 4.0f, Colormap::Diverging};
  const Rgb centre = colormap_table(Colormap::Diverging)[size_t(colormap_index(signed_range, 0))];
  EXPECT_GT(std::min({centre.r, centre.g, centre.b}), 240);
}

TEST(Colormap, SequentialGetsBrighterAllTheWay) {
  const ColormapTable& table = colormap_table(Colormap::Sequential);
  auto luma = [](Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; };
  for (size_t i = 1; i < table.size(); ++i)
    EXPECT_GE(luma(table[i]) + 0.5, luma(table[i - 1])) << i;
  // The inverse tells entries apart by colour: most neighbours differ.
  int same = 0;
  for (size_t i = 1; i < table.size(); ++i) same += table[i] == table[i - 1];
  EXPECT_LT(same, 8);
}

TEST(MapRanges, PerMapSharedAndFixed) {
  Tensor y = make_tensor({1, 2, 1, 3});
  y.data = {0.0f, 1.0f, 2.0f, -1.0f, 0.5f, 3.0f};
  const auto per_map = map_ranges(y, RangeMode::PerMap, 0, 1);
  ASSERT_EQ(per_map.size(), 2u);
  EXPECT_EQ(per_map[0], (MapRange{0.0f, 2.0f, Colormap::Sequential}));
  EXPECT_EQ(per_map[1], (MapRange{-3.0f, 3.0f, Colormap::Diverging}));  // symmetric about 0
  const auto shared = map_ranges(y, RangeMode::Shared, 0, 1);
  EXPECT_EQ(shared[0], shared[1]);
  EXPECT_EQ(shared[0], (MapRange{-3.0f, 3.0f, Colormap::Diverging}));
  const auto fixed = map_ranges(y, RangeMode::Fixed, -0.5f, 2.0f);
  EXPECT_EQ(fixed[1], (MapRange{-0.5f, 2.0f, Colormap::Diverging}));
  // Infinities and NaN do not stretch a range; a channel of only those gets {0, 0}.
  Tensor odd = make_tensor({1, 2, 1, 3});
  odd.data = {INFINITY, -2.0f, NAN, NAN, -INFINITY, NAN};
  EXPECT_EQ(channel_extremes(odd), (std::vector<Extremes>{{-2.0f, -2.0f}, {0.0f, 0.0f}}));
  Tensor flat = make_tensor({1, 1, 2, 2}, 5.0f);
  const MapRange one = map_ranges(flat, RangeMode::PerMap, 0, 1)[0];
  EXPECT_LT(one.lo, one.hi) << "a flat map still gets a range to divide by";
}

ConvJob random_job(uint64_t id, std::mt19937& rng) {
  ConvJob job;
  job.id = id;
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.in_channels = 3; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.out_channels = 2; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.height = 40 + int64_t(rng() % 30); });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.width = 50; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.padding = {1, 2}; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.kernel_size = {3, 5}; });
  Tensor x = make_tensor({1, 3, sliding_window(job.spec).height, sliding_window(job.spec).width});
  std::uniform_real_distribution<float> value(-1, 1);
  for (float& v : x.data) v = value(rng);
  job.input = std::make_shared<const Tensor>(std::move(x));
  job.weight = make_tensor({2, 3, 3, 5});
  for (float& v : job.weight.data) v = value(rng);
  job.bias = make_tensor({2}, 0.25f);
  return job;
}

TEST(BackgroundConv, ComputesWhatTheReferenceDoes) {
  BackgroundConv worker(2);
  std::mt19937 rng(7);
  const ConvJob job = random_job(1, rng);
  worker.submit(job);
  const std::optional<ConvJobResult> result = worker.take(10s);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->id, 1u);
  EXPECT_TRUE(result->error.empty());
  Tensor expected;
  compute_reference(job.spec, *job.input, {&job.weight, &job.bias}, expected);
  ASSERT_EQ(result->output.shape, expected.shape);
  for (size_t i = 0; i < expected.data.size(); ++i) {
    EXPECT_NEAR(result->output.data[i], expected.data[i], 1e-4f) << i;
  }
  EXPECT_FALSE(worker.busy());
  EXPECT_FALSE(worker.take(0ms)) << "a result is handed out once";
}

TEST(BackgroundConv, TheNewestJobWins) {
  BackgroundConv worker(1);
  std::mt19937 rng(3);
  for (uint64_t id = 1; id <= 20; ++id) worker.submit(random_job(id, rng));
  // However many of the older jobs ran (that depends on timing), waiting
  // hands out the newest one's result, never an older one after it.
  const std::optional<ConvJobResult> result = worker.take(10s);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->id, 20u);
  EXPECT_FALSE(worker.take(0ms));
  EXPECT_FALSE(worker.busy());
}

TEST(BackgroundConv, AnInvalidJobComesBackAsAMessage) {
  BackgroundConv worker(1);
  std::mt19937 rng(5);
  ConvJob job = random_job(4, rng);
  edit_conv2d(job.spec, [](Conv2dProblem& p) { p.in_channels = 2; });  // the picture has 3
  worker.submit(job);
  const std::optional<ConvJobResult> result = worker.take(10s);
  ASSERT_TRUE(result);
  EXPECT_NE(result->error.find("input"), std::string::npos) << result->error;
  EXPECT_TRUE(result->output.data.empty());
}

}  // namespace
}  // namespace convviz
