#include "core/tensor_fills.h"

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
    case Fill::Laplacian:
      return "Laplacian";
    case Fill::PyTorchDefault:
      return "PyTorch default init";
  }
  return "";
}

bool is_kernel_fill(Fill fill) { return fill >= Fill::Identity && fill <= Fill::Laplacian; }

std::optional<std::vector<float>> named_kernel(Fill fill, int64_t kh, int64_t kw) {
  const bool three = kh == 3 && kw == 3;
  const float box = 1.0f / float(kh * kw);
  switch (fill) {
    case Fill::Identity:
      return identity(kh, kw);
    case Fill::BoxBlur:
      return std::vector<float>(size_t(kh * kw), box);
    case Fill::Gaussian:
      return normalized(outer(binomial_row(kh), binomial_row(kw)));
    case Fill::Sharpen: {
      std::vector<float> plane = identity(kh, kw);
      for (float& v : plane) v = 2.0f * v - box;
      return plane;
    }
    case Fill::SobelX:
      if (three) return std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1};
      return std::nullopt;
    case Fill::SobelY:
      if (three) return std::vector<float>{-1, -2, -1, 0, 0, 0, 1, 2, 1};
      return std::nullopt;
    case Fill::Laplacian:
      if (three) return std::vector<float>{0, 1, 0, 1, -4, 1, 0, 1, 0};
      return std::nullopt;
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
