#include "core/model/padding.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/io/npy.h"
#include "core/io/spec_json.h"
#include "test_paths.h"

namespace convviz {
namespace {

using testing::golden_path;

TEST(PaddingSourceIndex, InsideTheInputEveryModeReadsTheCellItself) {
  for (PaddingMode m :
       {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
    EXPECT_EQ(padding_source_index(m, 2, 2, 4), 0);
    EXPECT_EQ(padding_source_index(m, 5, 2, 4), 3);
  }
}

TEST(PaddingSourceIndex, EachModeFillsTheBorderItsOwnWay) {
  // Input length 4 with 2 padding cells before: padded 0, 1 | 2..5 | 6, 7.
  const int64_t padded[] = {0, 1, 6, 7};
  const std::optional<int64_t> reflect[] = {2, 1, 2, 1};
  const std::optional<int64_t> replicate[] = {0, 0, 3, 3};
  const std::optional<int64_t> circular[] = {2, 3, 0, 1};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(padding_source_index(PaddingMode::Zeros, padded[i], 2, 4), std::nullopt);
    EXPECT_EQ(padding_source_index(PaddingMode::Reflect, padded[i], 2, 4), reflect[i]);
    EXPECT_EQ(padding_source_index(PaddingMode::Replicate, padded[i], 2, 4), replicate[i]);
    EXPECT_EQ(padding_source_index(PaddingMode::Circular, padded[i], 2, 4), circular[i]);
  }
}

TEST(PaddingSourceCell, ZeroPaddingCellsHaveNoSource) {
  Conv2dProblem s;
  s.padding = {1, 1};
  EXPECT_EQ(padding_source_cell(s, 0, 3), std::nullopt);
  EXPECT_EQ(padding_source_cell(s, 1, 1), (Cell{0, 0}));
  EXPECT_TRUE(is_padding_cell(s, 0, 3));
  EXPECT_FALSE(is_padding_cell(s, 1, 1));
}

TEST(PaddingSourceCell, ReflectCornerMirrorsBothAxes) {
  Conv2dProblem s;
  s.padding = {1, 1};
  s.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(padding_source_cell(s, 0, 0), (Cell{1, 1}));
  EXPECT_EQ(padding_source_cell(s, 6, 6), (Cell{3, 3}));
  EXPECT_TRUE(is_padding_cell(s, 0, 0));
}

// torch.nn.functional.pad of a 4×5 arange with asymmetric pads, every mode.
TEST(PaddingSourceIndex, MatchesTorchFunctionalPad) {
  const Tensor input = *read_npy(golden_path("padding/input.npy"));
  const nlohmann::json pads = *read_json_file(golden_path("padding/pads.json"));
  const int64_t top = pads["top"], left = pads["left"];
  const std::pair<const char*, PaddingMode> modes[] = {{"constant", PaddingMode::Zeros},
                                                       {"reflect", PaddingMode::Reflect},
                                                       {"replicate", PaddingMode::Replicate},
                                                       {"circular", PaddingMode::Circular}};
  for (const auto& [file, mode] : modes) {
    Result<Tensor> expected = read_npy(golden_path(std::string("padding/") + file + ".npy"));
    ASSERT_TRUE(expected) << expected.error().message;
    for (int64_t y = 0; y < expected->shape[2]; ++y) {
      for (int64_t x = 0; x < expected->shape[3]; ++x) {
        const auto sy = padding_source_index(mode, y, top, input.shape[2]);
        const auto sx = padding_source_index(mode, x, left, input.shape[3]);
        const float value = sy && sx ? input.at(0, 0, *sy, *sx) : 0.0f;
        EXPECT_EQ(value, expected->at(0, 0, y, x)) << file << " at " << y << "," << x;
      }
    }
  }
}

// F.pad with a negative amount crops: columns cropped, rows padded, in the
// three modes nn.Conv2d sends through F.pad.
TEST(PaddingSourceIndex, NegativePadCropsLikeTorchFunctionalPad) {
  const Tensor input = *read_npy(golden_path("padding/input.npy"));
  const nlohmann::json pads = *read_json_file(golden_path("padding/crop_pads.json"));
  const int64_t top = pads["top"], left = pads["left"];
  ASSERT_LT(left, 0);
  const std::pair<const char*, PaddingMode> modes[] = {{"reflect", PaddingMode::Reflect},
                                                       {"replicate", PaddingMode::Replicate},
                                                       {"circular", PaddingMode::Circular}};
  for (const auto& [file, mode] : modes) {
    Result<Tensor> expected = read_npy(golden_path(std::string("padding/crop_") + file + ".npy"));
    ASSERT_TRUE(expected) << expected.error().message;
    for (int64_t y = 0; y < expected->shape[2]; ++y) {
      for (int64_t x = 0; x < expected->shape[3]; ++x) {
        const auto sy = padding_source_index(mode, y, top, input.shape[2]);
        const auto sx = padding_source_index(mode, x, left, input.shape[3]);
        ASSERT_TRUE(sy && sx);
        EXPECT_EQ(input.at(0, 0, *sy, *sx), expected->at(0, 0, y, x))
            << file << " at " << y << "," << x;
      }
    }
  }
}

TEST(CroppedCell, NegativePaddingStrikesTheOuterRowsOnly) {
  Conv2dProblem s;  // 5×5
  s.padding = {-1, 2};
  s.padding_mode = PaddingMode::Replicate;
  // Padded row -1 is input row 0, cropped; row 0 is input row 1, kept.
  EXPECT_TRUE(is_cropped_cell(s, -1, 3));
  EXPECT_TRUE(is_cropped_cell(s, 3, 3));  // input row 4
  EXPECT_FALSE(is_cropped_cell(s, 0, 3));
  EXPECT_FALSE(is_cropped_cell(s, 2, 2));
  // Columns are padded: a padding cell is not a cropped one.
  EXPECT_FALSE(is_cropped_cell(s, 1, 0));
  EXPECT_FALSE(is_padding_cell(s, -1, 3));
  EXPECT_EQ(padding_source_cell(s, -1, 2), (Cell{0, 0}));
  EXPECT_EQ(padding_source_cell(s, 0, 2), (Cell{1, 0}));
  const SidePadding crop = cropped_sides(s);
  EXPECT_EQ(crop.top, 1);
  EXPECT_EQ(crop.bottom, 1);
  EXPECT_EQ(crop.left, 0);
}

}  // namespace
}  // namespace convviz
