#pragma once
// What the grid context menu puts into an input or a kernel: constants,
// random values, the classic named kernels and PyTorch's default init.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/conv_spec.h"
#include "core/tensor.h"

namespace convviz {

enum class Fill {
  Zeros,
  Ones,
  RandomIntegers,  // uniform in -3..5, like the hand-made textbook grids
  RandomNormal,    // N(0, 1)
  Identity,
  BoxBlur,
  Gaussian,        // binomial weights, any size
  Sharpen,         // 2·identity − box blur, any size
  SobelX,          // 3×3 only
  SobelY,          // 3×3 only
  Laplacian,       // 3×3 only
  PyTorchDefault,  // nn.Conv2d's reset_parameters: U(−1/√fan_in, 1/√fan_in)
};

inline constexpr Fill kAllFills[] = {Fill::Zeros,        Fill::Ones,      Fill::RandomIntegers,
                                     Fill::RandomNormal, Fill::Identity,  Fill::BoxBlur,
                                     Fill::Gaussian,     Fill::Sharpen,   Fill::SobelX,
                                     Fill::SobelY,       Fill::Laplacian, Fill::PyTorchDefault};

std::string_view fill_name(Fill fill);
bool is_kernel_fill(Fill fill);  // a named kernel shape (identity .. Laplacian)

// The kh×kw plane of a named kernel, or nullopt when it has no such size.
std::optional<std::vector<float>> named_kernel(Fill fill, int64_t kh, int64_t kw);

// Fills every [.., .., h, w] plane of a rank-4 tensor. `fan_in` is only read
// by PyTorchDefault; `seed` makes the random fills repeatable. Returns false
// (tensor unchanged) when a named kernel does not exist at the plane's size.
bool fill_tensor(Tensor& t, Fill fill, uint32_t seed, int64_t fan_in = 1);

}  // namespace convviz
