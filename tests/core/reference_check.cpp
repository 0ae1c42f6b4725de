#include "reference_check.h"

#include <cmath>

#include "core/engine/reference_engine.h"
#include "core/model/step_trace.h"
#include "core/model/tensor.h"

namespace convviz::testing {

double tolerance(const Conv2dProblem& spec, const Session& s, const OutputPosition& at) {
  double magnitude = spec.bias ? std::fabs(s.bias.data[static_cast<size_t>(at.c_out)]) : 0.0;
  for_each_window_term(spec, s.input, s.weight, at, [&](const WindowTerm& t) {
    magnitude += std::fabs(static_cast<double>(t.weight) * t.input);
  });
  return 1e-5 * std::max(1.0, magnitude);
}

::testing::AssertionResult matches_reference(const Session& s, const Tensor& y) {
  Tensor expected;
  conv2d_reference(sliding_window(s.spec), s.input, s.weight, bias_or_null(s), expected);
  if (y.shape != expected.shape) {
    return ::testing::AssertionFailure()
           << "shape " << shape_text(y.shape) << " != " << shape_text(expected.shape);
  }
  for (int64_t i = 0; i < step_count(s.spec); ++i) {
    const OutputPosition at = step_position(sliding_window(s.spec), i);
    const size_t k = static_cast<size_t>(i);
    if (!(std::fabs(y.data[k] - expected.data[k]) <= tolerance(sliding_window(s.spec), s, at))) {
      return ::testing::AssertionFailure()
             << "output " << i << " (n " << at.n << ", c " << at.c_out << ", y " << at.y << ", x "
             << at.x << "): engine " << y.data[k] << ", reference " << expected.data[k];
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace convviz::testing
