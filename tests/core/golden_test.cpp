// The reference engine against PyTorch: fixtures made by make_golden.py with
// torch.nn.Conv2d, read here without torch.
#include <gtest/gtest.h>

#include <cmath>

#include "core/engine/reference_engine.h"
#include "core/io/npy.h"
#include "core/io/spec_json.h"
#include "core/lesson/session.h"
#include "core/model/step_trace.h"
#include "test_paths.h"

namespace convviz {
namespace {

using nlohmann::json;
using testing::golden_path;

struct GoldenCase {
  Session session;
  Tensor expected;
};

GoldenCase load_case(const json& entry) {
  const std::string dir = golden_path(entry["name"].get<std::string>()) + "/";
  GoldenCase c;
  Session& s = c.session;
  s.input = *read_npy(dir + "x.npy");
  s.weight = *read_npy(dir + "w.npy");
  if (entry["has_bias"].get<bool>()) s.bias = *read_npy(dir + "b.npy");
  Result<LayerSpec> spec =
      layer_from_config(*read_json_file(dir + "config.json"), input_shape_of(s.input));
  EXPECT_TRUE(spec) << spec.error().message;
  if (spec) s.spec = *spec;
  c.expected = *read_npy(dir + "y.npy");
  return c;
}

TEST(Golden, ReferenceMatchesPyTorchOnEveryFixture) {
  const json manifest = *read_json_file(golden_path("manifest.json"));
  ASSERT_GE(manifest.size(), 15u);
  for (const json& entry : manifest) {
    SCOPED_TRACE(entry["name"].get<std::string>());
    const GoldenCase c = load_case(entry);
    ASSERT_TRUE(check_session(c.session).empty()) << join_messages(check_session(c.session));
    EXPECT_EQ(to_vector(output_shape(c.session.spec)),
              entry["output_shape"].get<std::vector<int64_t>>());
    Tensor y;
    conv2d_reference(sliding_window(c.session.spec), c.session.input, c.session.weight,
                     bias_or_null(c.session), y);
    ASSERT_EQ(y.shape, c.expected.shape);
    for (int64_t step = 0; step < step_count(c.session.spec); ++step) {
      // 1e-5 relative to the size of the terms, since PyTorch sums in float.
      const StepTrace t = trace_step(c.session.spec, c.session.input, params_of(c.session), step);
      double magnitude = std::fabs(t.bias);
      for (const TraceTerm& term : t.terms) magnitude += std::fabs(term.product);
      const size_t i = static_cast<size_t>(step);
      ASSERT_NEAR(y.data[i], c.expected.data[i], 1e-5 * std::max(1.0, magnitude))
          << "step " << step;
    }
  }
}

// Invariant 3: validate() rejects exactly what PyTorch rejects.
TEST(Golden, ValidateAgreesWithPyTorchOnEveryCase) {
  const json cases = *read_json_file(golden_path("validation_cases.json"));
  ASSERT_GE(cases.size(), 25u);
  for (const json& c : cases) {
    const auto shape = c["input_shape"].get<std::vector<int64_t>>();
    Conv2dProblem base;
    base.batch = shape[0];
    base.height = shape[2];
    base.width = shape[3];
    Result<Conv2dProblem> spec = spec_from_config(c["config"], base);
    ASSERT_TRUE(spec) << spec.error().message;
    const std::vector<SpecError> errors = validate(*spec);
    EXPECT_EQ(errors.empty(), c["torch_accepts"].get<bool>())
        << c["name"] << ": torch says '" << c["torch_message"].get<std::string>()
        << "', validate says '" << join_messages(errors) << "'";
  }
}

}  // namespace
}  // namespace convviz
