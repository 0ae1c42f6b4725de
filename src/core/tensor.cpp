#include "core/tensor.h"

#include <limits>

namespace convviz {

float narrow_to_float(double value) {
  constexpr double kMax = std::numeric_limits<float>::max();
  if (value > kMax) return std::numeric_limits<float>::infinity();
  if (value < -kMax) return -std::numeric_limits<float>::infinity();
  return static_cast<float>(value);  // NaN stays NaN
}

Tensor make_tensor(std::vector<int64_t> shape, float fill) {
  const int64_t count = element_count(shape);
  return Tensor{std::move(shape), std::vector<float>(static_cast<size_t>(count), fill)};
}

int64_t element_count(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (__builtin_mul_overflow(count, d, &count)) return INT64_MAX;
  }
  return count;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::vector<int64_t> to_vector(const Shape4& s) { return {s.n, s.c, s.h, s.w}; }

std::vector<SpecError> check_tensor_shapes(const ConvSpec& spec, const Tensor& x, const Tensor& w,
                                           const Tensor* b) {
  std::vector<SpecError> errors;
  auto expect = [&](const char* field, const char* name, const Tensor& t,
                    std::vector<int64_t> expected, const char* layout) {
    if (t.shape != expected) {
      errors.push_back({field, std::string(name) + " has shape " + shape_text(t.shape) +
                                   " but the configuration needs " + shape_text(expected) + " " +
                                   layout});
    }
  };
  expect("input", "the input", x, to_vector(input_shape(spec)), "[N, in_channels, H, W]");
  expect("weight", "the weight", w, to_vector(weight_shape(spec)),
         "[out_channels, in_channels/groups, kernel_h, kernel_w]");
  if (spec.bias) {
    if (b == nullptr) {
      errors.push_back({"bias", "the configuration has bias on but no bias tensor was given"});
    } else {
      expect("bias", "the bias", *b, {spec.out_channels}, "[out_channels]");
    }
  } else if (b != nullptr) {
    errors.push_back({"bias", "a bias tensor was given but the configuration has bias off"});
  }
  return errors;
}

}  // namespace convviz
