#include "core/lesson/session.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/step_trace.h"

namespace convviz {

const Tensor* bias_or_null(const Session& s) { return has_bias(s.spec) ? &s.bias : nullptr; }

LayerParams params_of(const Session& s) {
  return {weight_shape(s.spec) ? &s.weight : nullptr, bias_or_null(s)};
}

namespace {

// Copies the overlap of two tensors of equal rank, index by index.
Tensor resized(const Tensor& from, std::vector<int64_t> shape) {
  Tensor to = make_tensor(shape);
  if (from.shape.size() != shape.size()) return to;
  const size_t rank = shape.size();
  std::vector<int64_t> index(rank, 0);
  for (size_t i = 0; i < to.data.size(); ++i) {
    int64_t source = 0;
    bool inside = true;
    for (size_t d = 0; d < rank; ++d) {
      inside = inside && index[d] < from.shape[d];
      source = source * from.shape[d] + index[d];
    }
    if (inside) to.data[i] = from.data[size_t(source)];
    for (size_t d = rank; d-- > 0;) {  // advance the row-major index
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return to;
}

}  // namespace

Session with_spec(const Session& s, const LayerSpec& spec) {
  Session next;
  next.spec = spec;
  next.input = resized(s.input, to_vector(input_shape(spec)));
  if (const std::optional<Shape4> weight = weight_shape(spec)) {
    next.weight = resized(s.weight, to_vector(*weight));
  }
  if (has_bias(spec)) next.bias = resized(s.bias, {output_shape(spec).c});
  next.step = std::clamp<int64_t>(s.step, 0, step_count(spec) - 1);
  return next;
}

std::vector<SpecError> check_session(const Session& s) {
  std::vector<SpecError> errors = validate(s.spec);
  if (!errors.empty()) return errors;
  errors = check_tensor_shapes(s.spec, s.input, {&s.weight, bias_or_null(s)});
  if (!errors.empty()) return errors;
  if (s.step < 0 || s.step >= step_count(s.spec)) {
    errors.push_back({"step", "step " + std::to_string(s.step) + " is outside 0.." +
                                  std::to_string(step_count(s.spec) - 1)});
  }
  return errors;
}

}  // namespace convviz
