#pragma once
// What the grid context menu puts into an input or a kernel: constants,
// random values, the classic named kernels and PyTorch's default init.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model/conv2d_spec.h"
#include "core/model/tensor.h"

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
  SobelX,          // odd sizes from 3
  SobelY,          // odd sizes from 3
  PrewittX,        // 3×3 only
  PrewittY,        // 3×3 only
  ScharrX,         // 3×3 only
  ScharrY,         // 3×3 only
  Laplacian,       // 3×3 only
  Emboss,          // 3×3 only
  Outline,         // 3×3 only
  MotionBlur,      // the diagonal, any square size
  PyTorchDefault,  // nn.Conv2d's reset_parameters: U(−1/√fan_in, 1/√fan_in)
};

inline constexpr Fill kAllFills[] = {
    Fill::Zeros,    Fill::Ones,     Fill::RandomIntegers, Fill::RandomNormal,  Fill::Identity,
    Fill::BoxBlur,  Fill::Gaussian, Fill::Sharpen,        Fill::SobelX,        Fill::SobelY,
    Fill::PrewittX, Fill::PrewittY, Fill::ScharrX,        Fill::ScharrY,       Fill::Laplacian,
    Fill::Emboss,   Fill::Outline,  Fill::MotionBlur,     Fill::PyTorchDefault};

std::string_view fill_name(Fill fill);
bool is_kernel_fill(Fill fill);  // a named kernel shape (identity .. motion blur)

// A Gaussian with this sigma (in cells), normalized to sum 1; sigma <= 0
// gives the binomial weights Fill::Gaussian uses.
std::vector<float> gaussian_kernel(int64_t kh, int64_t kw, double sigma);

// How one kernel plane becomes a [C_out, C_in/groups, kh, kw] weight when
// there are several input channels.
enum class ChannelMode {
  AsGiven,     // the same plane on every input channel: their responses add up
  PerChannel,  // output channel o sees only input channel o mod (C_in/groups)
  Luminance,   // planes weighted 0.2989, 0.587, 0.114 for RGB (an equal share
               // otherwise): the kernel applied to the picture's brightness
};

// Every plane of w from `plane` (kh·kw values) by `mode`.
void spread_kernel(Tensor& w, const std::vector<float>& plane, ChannelMode mode);

// The kh×kw plane of a named kernel, or nullopt when it has no such size.
std::optional<std::vector<float>> named_kernel(Fill fill, int64_t kh, int64_t kw);

// Fills every [.., .., h, w] plane of a rank-4 tensor. `fan_in` is only read
// by PyTorchDefault; `seed` makes the random fills repeatable. Returns false
// (tensor unchanged) when a named kernel does not exist at the plane's size.
bool fill_tensor(Tensor& t, Fill fill, uint32_t seed, int64_t fan_in = 1);

}  // namespace convviz
