#include "core/lesson/image_grid.h"

#include <gtest/gtest.h>

namespace convviz {
namespace {

TEST(ResampleToGrid, AveragesLikeAdaptiveAvgPool2d) {
  Tensor x = make_tensor({1, 1, 5, 7});
  for (size_t i = 0; i < x.data.size(); ++i) x.data[i] = float(i);
  const Tensor y = resample_to_grid(x, 3, 4);
  ASSERT_EQ(y.shape, (std::vector<int64_t>{1, 1, 3, 4}));
  // Cell (1, 2): rows [floor(5/3), ceil(10/3)) = [1, 4), columns [floor(14/4), ceil(21/4)) = [3,
  // 6).
  double sum = 0;
  for (int r = 1; r < 4; ++r) {
    for (int c = 3; c < 6; ++c) sum += x.at(0, 0, r, c);
  }
  EXPECT_FLOAT_EQ(y.at(0, 0, 1, 2), float(sum / 9));
  EXPECT_EQ(resample_to_grid(x, 5, 7), x);  // the same size changes nothing
}

TEST(ResampleToGrid, KeepsThePicturesProportions) {
  EXPECT_EQ(grid_size_for(60, 40, 28).h, 28);
  EXPECT_EQ(grid_size_for(60, 40, 28).w, 19);
  EXPECT_EQ(grid_size_for(10, 1000, 28).h, 1);  // never zero
  EXPECT_EQ(grid_size_for(12, 9, 28).h, 12);    // never more cells than pixels
  EXPECT_EQ(grid_size_for(12, 9, 28).w, 9);
}

}  // namespace
}  // namespace convviz
