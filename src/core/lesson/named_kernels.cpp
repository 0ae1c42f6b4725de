#include "core/lesson/named_kernels.h"

#include <array>
#include <cmath>
#include <random>

namespace convviz {
namespace {

std::vector<float> binomial_row(int64_t n) {
  std::vector<float> row(static_cast<size_t>(n), 1.0f);
  for (int64_t i = 1; i < n; ++i) {
    for (int64_t j = i - 1; j > 0; --j) row[size_t(j)] += row[size_t(j - 1)];
  }
  return row;
}

std::vector<float> outer(const std::vector<float>& a, const std::vector<float>& b) {
  std::vector<float> plane;
  for (float x : a) {
    for (float y : b) plane.push_back(x * y);
  }
  return plane;
}

std::vector<float> normalized(std::vector<float> plane) {
  float sum = 0;
  for (float v : plane) sum += v;
  for (float& v : plane) v /= sum;
  return plane;
}

std::vector<float> identity(int64_t kh, int64_t kw) {
  std::vector<float> plane(size_t(kh * kw), 0.0f);
  plane[size_t((kh / 2) * kw + kw / 2)] = 1.0f;  // the centre; top-left of it for even sizes
  return plane;
}

// The kernels that exist only as 3×3, row by row.
const float* three_by_three(Fill fill) {
  static constexpr std::pair<Fill, std::array<float, 9>> kKernels[] = {
      {Fill::PrewittX, {-1, 0, 1, -1, 0, 1, -1, 0, 1}},
      {Fill::PrewittY, {-1, -1, -1, 0, 0, 0, 1, 1, 1}},
      {Fill::ScharrX, {-3, 0, 3, -10, 0, 10, -3, 0, 3}},
      {Fill::ScharrY, {-3, -10, -3, 0, 0, 0, 3, 10, 3}},
      {Fill::Laplacian, {0, 1, 0, 1, -4, 1, 0, 1, 0}},
      {Fill::Emboss, {-2, -1, 0, -1, 1, 1, 0, 1, 2}},
      {Fill::Outline, {-1, -1, -1, -1, 8, -1, -1, -1, -1}}};
  for (const auto& [name, plane] : kKernels) {
    if (name == fill) return plane.data();
  }
  return nullptr;
}

// Sobel at any odd size (as OpenCV builds it): binomial smoothing across the
// edge times a binomial-smoothed central difference along the gradient.
std::optional<std::vector<float>> sobel(int64_t along, int64_t across, bool x) {
  if (along < 3 || across < 3 || along % 2 == 0 || across % 2 == 0) return std::nullopt;
  std::vector<float> difference(size_t(along), 0.0f);
  const std::vector<float> smooth = binomial_row(along - 2);
  for (size_t i = 0; i < smooth.size(); ++i) {
    difference[i] -= smooth[i];
    difference[i + 2] += smooth[i];
  }
  return x ? outer(binomial_row(across), difference) : outer(difference, binomial_row(across));
}

}  // namespace

std::string_view fill_name(Fill fill) {
  switch (fill) {
    case Fill::Zeros:
      return "zeros";
    case Fill::Ones:
      return "ones";
    case Fill::RandomIntegers:
      return "random integers";
    case Fill::RandomNormal:
      return "random normal";
    case Fill::Identity:
      return "identity";
    case Fill::BoxBlur:
      return "box blur";
    case Fill::Gaussian:
      return "Gaussian";
    case Fill::Sharpen:
      return "sharpen";
    case Fill::SobelX:
      return "Sobel x";
    case Fill::SobelY:
      return "Sobel y";
    case Fill::PrewittX:
      return "Prewitt x";
    case Fill::PrewittY:
      return "Prewitt y";
    case Fill::ScharrX:
      return "Scharr x";
    case Fill::ScharrY:
      return "Scharr y";
    case Fill::Laplacian:
      return "Laplacian";
    case Fill::Emboss:
      return "emboss";
    case Fill::Outline:
      return "outline";
    case Fill::MotionBlur:
      return "motion blur";
    case Fill::PyTorchDefault:
      return "PyTorch default init";
  }
  return "";
}

bool is_kernel_fill(Fill fill) { return fill >= Fill::Identity && fill <= Fill::MotionBlur; }

std::vector<float> gaussian_kernel(int64_t kh, int64_t kw, double sigma) {
  if (sigma <= 0) return normalized(outer(binomial_row(kh), binomial_row(kw)));
  auto row = [&](int64_t n) {
    std::vector<float> r;
    for (int64_t i = 0; i < n; ++i) {
      const double d = double(i) - double(n - 1) / 2;
      r.push_back(float(std::exp(-d * d / (2 * sigma * sigma))));
    }
    return r;
  };
  return normalized(outer(row(kh), row(kw)));
}

void spread_kernel(Tensor& w, const std::vector<float>& plane, ChannelMode mode) {
  const int64_t out = w.shape[0], in = w.shape[1], size = w.shape[2] * w.shape[3];
  static constexpr float kLuma[3] = {0.2989f, 0.587f, 0.114f};
  for (int64_t o = 0; o < out; ++o) {
    for (int64_t i = 0; i < in; ++i) {
      float scale = 1.0f;
      if (mode == ChannelMode::PerChannel) scale = o % in == i ? 1.0f : 0.0f;
      if (mode == ChannelMode::Luminance) scale = in == 3 ? kLuma[i] : 1.0f / float(in);
      for (int64_t k = 0; k < size; ++k) {
        w.data[size_t((o * in + i) * size + k)] = scale * plane[size_t(k)];
      }
    }
  }
}

std::optional<std::vector<float>> named_kernel(Fill fill, int64_t kh, int64_t kw) {
  if (const float* plane = three_by_three(fill)) {
    if (kh != 3 || kw != 3) return std::nullopt;
    return std::vector<float>(plane, plane + 9);
  }
  const float box = 1.0f / float(kh * kw);
  switch (fill) {
    case Fill::Identity:
      return identity(kh, kw);
    case Fill::BoxBlur:
      return std::vector<float>(size_t(kh * kw), box);
    case Fill::Gaussian:
      return gaussian_kernel(kh, kw, 0.0);
    case Fill::SobelX:
      return sobel(kw, kh, true);
    case Fill::SobelY:
      return sobel(kh, kw, false);
    case Fill::Sharpen: {
      std::vector<float> plane = identity(kh, kw);
      for (float& v : plane) v = 2.0f * v - box;
      return plane;
    }
    case Fill::MotionBlur: {
      if (kh != kw) return std::nullopt;
      std::vector<float> plane(size_t(kh * kw), 0.0f);
      for (int64_t i = 0; i < kh; ++i) plane[size_t(i * kw + i)] = 1.0f / float(kh);
      return plane;
    }
    default:
      return std::nullopt;
  }
}

bool fill_tensor(Tensor& t, Fill fill, uint32_t seed, int64_t fan_in) {
  std::mt19937 rng(seed);
  if (is_kernel_fill(fill)) {
    const int64_t kh = t.shape.size() == 4 ? t.shape[2] : 1;
    const int64_t kw = t.shape.size() == 4 ? t.shape[3] : int64_t(t.data.size());
    const auto plane = named_kernel(fill, kh, kw);
    if (!plane) return false;
    for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = (*plane)[i % plane->size()];
    return true;
  }
  const float bound = 1.0f / std::sqrt(float(std::max<int64_t>(fan_in, 1)));
  std::uniform_int_distribution<int> integers(-3, 5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> uniform(-bound, bound);
  for (float& v : t.data) {
    switch (fill) {
      case Fill::Zeros:
        v = 0.0f;
        break;
      case Fill::Ones:
        v = 1.0f;
        break;
      case Fill::RandomIntegers:
        v = float(integers(rng));
        break;
      case Fill::RandomNormal:
        v = normal(rng);
        break;
      default:
        v = uniform(rng);
        break;  // PyTorchDefault
    }
  }
  return true;
}

}  // namespace convviz
