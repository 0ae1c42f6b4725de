#include "core/lesson/image_grid.h"

#include <algorithm>

namespace convviz {

Tensor resample_to_grid(const Tensor& x, int64_t h, int64_t w) {
  const int64_t n = x.shape[0], c = x.shape[1], in_h = x.shape[2], in_w = x.shape[3];
  Tensor y = make_tensor({n, c, h, w});
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      for (int64_t i = 0; i < h; ++i) {
        const int64_t r0 = i * in_h / h, r1 = ((i + 1) * in_h + h - 1) / h;
        for (int64_t j = 0; j < w; ++j) {
          const int64_t c0 = j * in_w / w, c1 = ((j + 1) * in_w + w - 1) / w;
          double sum = 0;
          for (int64_t r = r0; r < r1; ++r) {
            for (int64_t col = c0; col < c1; ++col) sum += x.at(b, ch, r, col);
          }
          y.at(b, ch, i, j) = static_cast<float>(sum / double((r1 - r0) * (c1 - c0)));
        }
      }
    }
  }
  return y;
}

GridSize grid_size_for(int64_t height, int64_t width, int64_t longest) {
  const int64_t side = std::min(longest, std::max(height, width));
  if (height >= width) return {side, std::max<int64_t>(1, (width * side + height / 2) / height)};
  return {std::max<int64_t>(1, (height * side + width / 2) / width), side};
}

Tensor crop_region(const Tensor& x, int64_t top, int64_t left, int64_t h, int64_t w) {
  Tensor y = make_tensor({x.shape[0], x.shape[1], h, w});
  for (int64_t b = 0; b < x.shape[0]; ++b) {
    for (int64_t ch = 0; ch < x.shape[1]; ++ch) {
      for (int64_t i = 0; i < h; ++i) {
        for (int64_t j = 0; j < w; ++j) y.at(b, ch, i, j) = x.at(b, ch, top + i, left + j);
      }
    }
  }
  return y;
}

}  // namespace convviz
