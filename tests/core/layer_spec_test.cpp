// The layer variant's seams: every operation over a LayerSpec reaches the
// module's own rules and kernels, the input shape beside the module is
// checked against it, and configs and sessions name the layer.
#include "core/model/layer_spec.h"

#include <gtest/gtest.h>

#include <random>

#include "core/engine/layer_compute.h"
#include "core/engine/reference_engine.h"
#include "core/io/session_json.h"
#include "core/io/spec_json.h"
#include "core/lesson/presets.h"
#include "random_specs.h"

namespace convviz {
namespace {

using nlohmann::json;

TEST(LayerSpec, EveryOperationOnAConv2dLayerMatchesTheOracleOnRandomSpecs) {
  std::mt19937 rng(14);
  for (int i = 0; i < 200; ++i) {
    const Conv2dProblem problem = testing::random_valid_spec(rng);
    const Session s = testing::random_session(problem, rng);
    const LayerSpec& layer = s.spec;
    SCOPED_TRACE(module_code(layer));
    ASSERT_TRUE(validate(layer).empty()) << join_messages(validate(layer));
    EXPECT_EQ(layer_name(layer), "Conv2d");
    EXPECT_EQ(layer.input,
              (InputShape{problem.batch, problem.in_channels, problem.height, problem.width}));
    EXPECT_EQ(sliding_window(layer), problem);
    EXPECT_EQ(output_shape(layer), output_shape(problem));
    EXPECT_EQ(weight_shape(layer), weight_shape(problem));
    EXPECT_EQ(has_bias(layer), problem.bias);
    EXPECT_TRUE(check_tensor_shapes(layer, s.input, params_of(s)).empty());
    // The reference loop is the oracle for both the engine and the tracer.
    Tensor expected, fast, reference;
    conv2d_reference(problem, s.input, s.weight, bias_or_null(s), expected);
    compute(layer, s.input, params_of(s), fast);
    compute_reference(layer, s.input, params_of(s), reference);
    EXPECT_EQ(reference, expected);
    ASSERT_EQ(fast.shape, expected.shape);
    for (size_t k = 0; k < fast.data.size(); ++k) {
      ASSERT_NEAR(fast.data[k], expected.data[k], 1e-4f * (1.0f + std::fabs(expected.data[k])));
    }
    int64_t multiplications = 0;
    for (int64_t step = 0; step < step_count(layer); ++step) {
      const StepTrace t = trace_step(layer, s.input, params_of(s), step);
      multiplications += int64_t(t.terms.size());
      EXPECT_EQ(t.result, expected.data[size_t(step)]) << "step " << step;
    }
    EXPECT_EQ(multiplications, count_ops(layer).multiplications);
  }
}

TEST(LayerSpec, TheInputsChannelsMustBeTheModulesInChannels) {
  LayerSpec layer = find_preset("textbook")->spec;
  ASSERT_TRUE(validate(layer).empty());
  layer.input.channels = 3;
  const std::vector<SpecError> errors = validate(layer);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "input");
  EXPECT_NE(errors[0].message.find("the channels (3)"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("in_channels is 1"), std::string::npos) << errors[0].message;
}

TEST(LayerSpec, EveryKnownNameBuildsItsModule) {
  ASSERT_FALSE(layer_names().empty());
  for (std::string_view name : layer_names()) {
    const std::optional<LayerModule> module = default_module(name);
    ASSERT_TRUE(module) << name;
    EXPECT_EQ(layer_name(LayerSpec{*module, {}}), name);
  }
  EXPECT_FALSE(default_module("MaxPool3d"));
}

TEST(LayerConfig, AMissingLayerKeyMeansConv2d) {
  const json config = {{"in_channels", 1}, {"out_channels", 2}, {"kernel_size", 3}};
  json named = config;
  named["layer"] = "Conv2d";
  const InputShape input{2, 1, 6, 7};
  Result<LayerSpec> plain = layer_from_config(config, input);
  Result<LayerSpec> explicit_layer = layer_from_config(named, input);
  ASSERT_TRUE(plain) << plain.error().message;
  ASSERT_TRUE(explicit_layer) << explicit_layer.error().message;
  EXPECT_EQ(*plain, *explicit_layer);
  EXPECT_EQ(plain->input, input);
  EXPECT_EQ(sliding_window(*plain).out_channels, 2);
  EXPECT_EQ(sliding_window(*plain).kernel_size, (Pair{3, 3}));
}

TEST(LayerConfig, AnUnknownLayerIsRefusedWithTheKnownOnes) {
  const json config = {{"layer", "MaxPool3d"}, {"kernel_size", 3}};
  Result<LayerSpec> spec = layer_from_config(config, {});
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().message, "unknown layer \"MaxPool3d\" (ConvViz knows Conv2d)");
  Result<LayerSpec> number = layer_from_config({{"layer", 2}}, {});
  ASSERT_FALSE(number);
  EXPECT_NE(number.error().message.find("config key \"layer\" must be a layer name"),
            std::string::npos)
      << number.error().message;
  // The Conv2d reader alone refuses a config of another layer too.
  EXPECT_FALSE(spec_from_config(config));
}

TEST(LayerConfig, WritingThenReadingGivesTheSameLayer) {
  std::mt19937 rng(7);
  for (int i = 0; i < 100; ++i) {
    const LayerSpec layer = layer_of(testing::random_valid_spec(rng));
    const json config = layer_to_config(layer);
    EXPECT_EQ(config.at("layer"), "Conv2d");
    Result<LayerSpec> back = layer_from_config(config, layer.input);
    ASSERT_TRUE(back) << back.error().message << "\n" << config.dump();
    // 'same' and 'valid' keep no numbers, so compare what the config says.
    EXPECT_EQ(layer_to_config(*back), config);
    EXPECT_EQ(back->input, layer.input);
    EXPECT_EQ(output_shape(*back), output_shape(layer));
  }
}

TEST(LayerConfig, SessionsWriteTheLayerAndReadOnesWithoutIt) {
  const Session textbook = *find_preset("textbook");
  json doc = session_to_json(textbook);
  EXPECT_EQ(doc["config"]["layer"], "Conv2d");
  doc["config"].erase("layer");  // as every session before the key was written
  Result<Session> read = session_from_json(doc);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, textbook);
  doc["config"]["layer"] = "Conv3d";
  Result<Session> refused = session_from_json(doc);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("unknown layer \"Conv3d\""), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace convviz
