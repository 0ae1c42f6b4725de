#pragma once
// A picture made small enough to step through: the window draws grids of
// at most kMaxGridSide cells, so a photo is averaged down to a grid first.
#include <cstdint>

#include "core/model/tensor.h"

namespace convviz {

// PyTorch's adaptive_avg_pool2d: output cell (i, j) averages input rows
// [floor(i·H/h), ceil((i+1)·H/h)) and the same for columns. x is [N, C, H, W].
Tensor resample_to_grid(const Tensor& x, int64_t h, int64_t w);

// The grid for a picture: `longest` cells along its longer side (never more
// than it has), the other side in proportion, at least 1.
struct GridSize {
  int64_t h = 1, w = 1;
};
GridSize grid_size_for(int64_t height, int64_t width, int64_t longest);

// The h×w pixels of x ([N, C, H, W]) whose top-left is (top, left), as they
// are: the region box of the image view. The region must lie inside x.
Tensor crop_region(const Tensor& x, int64_t top, int64_t left, int64_t h, int64_t w);

}  // namespace convviz
