#pragma once
// A dense float32 tensor in C order (NCHW for 4-D), as PyTorch and NumPy
// lay it out by default.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/conv2d_spec.h"

namespace convviz {

struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;

  bool operator==(const Tensor&) const = default;

  // NCHW access; only for rank-4 tensors.
  float at(int64_t n, int64_t c, int64_t y, int64_t x) const {
    return data[static_cast<size_t>(((n * shape[1] + c) * shape[2] + y) * shape[3] + x)];
  }
  float& at(int64_t n, int64_t c, int64_t y, int64_t x) {
    return data[static_cast<size_t>(((n * shape[1] + c) * shape[2] + y) * shape[3] + x)];
  }
};

// double -> float without UB: values beyond float's range become ±infinity,
// as IEEE rounding would give (a plain cast of them is undefined in C++).
float narrow_to_float(double value);

Tensor make_tensor(std::vector<int64_t> shape, float fill = 0.0f);
int64_t element_count(const std::vector<int64_t>& shape);   // INT64_MAX on overflow
std::string shape_text(const std::vector<int64_t>& shape);  // "[1, 1, 5, 5]"
std::vector<int64_t> to_vector(const Shape4& shape);

// Checks that x, w and b have the shapes the spec implies (b only when the
// spec has a bias). One SpecError per mismatch, naming the tensor.
std::vector<SpecError> check_tensor_shapes(const Conv2dProblem& spec, const Tensor& x,
                                           const Tensor& w, const Tensor* b);
// An [N, C, H, W] or unbatched [C, H, W] input whose C is not in_channels,
// in words (with the permute that fixes a channels-last one).
std::string channels_mismatch(const std::vector<int64_t>& shape, int64_t in_channels);

}  // namespace convviz
