// The vectorized engine against its oracle (the reference loops), against
// PyTorch's fixtures, and against itself on other thread counts.
#include "core/engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/npy.h"
#include "core/reference_engine.h"
#include "core/session.h"
#include "core/spec_json.h"
#include "core/step_trace.h"
#include "core/window_terms.h"
#include "random_specs.h"
#include "test_paths.h"

namespace convviz {
namespace {

#ifdef CONVVIZ_SANITIZED
constexpr int kRandomSpecs = 300;  // the sanitizers run ~20x slower
#else
constexpr int kRandomSpecs = 2000;
#endif

// PyTorch sums in float, so agreement is judged relative to the terms' size.
double tolerance(const ConvSpec& spec, const Session& s, const OutputPosition& at) {
  double magnitude = spec.bias ? std::fabs(s.bias.data[static_cast<size_t>(at.c_out)]) : 0.0;
  for_each_window_term(spec, s.input, s.weight, at, [&](const WindowTerm& t) {
    magnitude += std::fabs(static_cast<double>(t.weight) * t.input);
  });
  return 1e-5 * std::max(1.0, magnitude);
}

::testing::AssertionResult matches_reference(const Session& s, const Tensor& y) {
  Tensor expected;
  conv2d_reference(s.spec, s.input, s.weight, bias_or_null(s), expected);
  if (y.shape != expected.shape) {
    return ::testing::AssertionFailure()
           << "shape " << shape_text(y.shape) << " != " << shape_text(expected.shape);
  }
  for (int64_t i = 0; i < step_count(s.spec); ++i) {
    const OutputPosition at = step_position(s.spec, i);
    const size_t k = static_cast<size_t>(i);
    if (!(std::fabs(y.data[k] - expected.data[k]) <= tolerance(s.spec, s, at))) {
      return ::testing::AssertionFailure()
             << "output " << i << " (n " << at.n << ", c " << at.c_out << ", y " << at.y << ", x "
             << at.x << "): engine " << y.data[k] << ", reference " << expected.data[k];
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(Engine, MatchesTheReferenceOnRandomSpecs) {
  std::mt19937 rng(20261126);
  ThreadPool pool(2);
  ConvWorkspace workspace;
  int paths[4] = {};
  for (int i = 0; i < kRandomSpecs; ++i) {
    const ConvSpec spec = testing::random_engine_spec(rng, 400'000);
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y, workspace, pool);
    ++paths[static_cast<int>(workspace.plan.algorithm)];
    ASSERT_TRUE(matches_reference(s, y)) << "spec " << i << ": " << spec_to_config(spec).dump()
                                         << " input " << shape_text(s.input.shape);
  }
  // The generator must reach every algorithm, or the sweep proves less than it says.
  for (int count : paths) EXPECT_GT(count, kRandomSpecs / 50);
}

}  // namespace
}  // namespace convviz
