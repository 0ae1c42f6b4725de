#include "core/model/tensor.h"

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

// The shape's other dimensions are read from the input itself, so a wrong
// channel count is the one thing to name; channels-last (a picture as most
// libraries hold it) is the usual cause.
std::string channels_mismatch(const std::vector<int64_t>& shape, int64_t in_channels) {
  const bool unbatched = shape.size() == 3;
  const size_t channel_dim = unbatched ? 0 : 1;
  std::string message =
      std::string(unbatched ? "the unbatched input" : "the input") + " has shape " +
      shape_text(shape) + ": dimension " + std::to_string(channel_dim) + " holds the channels (" +
      std::to_string(shape[channel_dim]) + "), but in_channels is " + std::to_string(in_channels);
  if (shape.back() == in_channels) {
    message += unbatched ? "; it looks channels-last [H, W, C]: pass x.permute(2, 0, 1)"
                         : "; it looks channels-last [N, H, W, C]: pass x.permute(0, 3, 1, 2)";
  }
  return message;
}

std::vector<SpecError> check_tensor_shapes(const Conv2dProblem& spec, const Tensor& x,
                                           const Tensor& w, const Tensor* b) {
  std::vector<SpecError> errors;
  auto expect = [&](const char* field, const char* name, const Tensor& t,
                    std::vector<int64_t> expected, const char* layout) {
    if (t.shape != expected) {
      errors.push_back({field, std::string(name) + " has shape " + shape_text(t.shape) +
                                   " but the configuration needs " + shape_text(expected) + " " +
                                   layout});
    }
  };
  if (x.shape.size() == 4 && x.shape[1] != spec.in_channels) {
    errors.push_back({"input", channels_mismatch(x.shape, spec.in_channels)});
  } else {
    expect("input", "the input", x, to_vector(input_shape(spec)), "[N, in_channels, H, W]");
  }
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
