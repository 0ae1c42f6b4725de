#include "core/model/layer_spec.h"

#include "core/model/spec_text.h"

namespace convviz {
namespace {

// Conv2d's part of each operation, overloaded on the module type: std::visit
// below picks the overload, so a layer without one does not compile.

std::vector<SpecError> validate_layer(const Conv2dSpec& conv, const InputShape& input) {
  std::vector<SpecError> errors = validate(conv2d_problem(conv, input));
  // The module's rules first: a channel count of 0 has its own sentence.
  if (errors.empty() && input.channels != conv.in_channels) {
    errors.push_back(
        {"input", channels_mismatch({input.batch, input.channels, input.height, input.width},
                                    conv.in_channels)});
  }
  return errors;
}

std::optional<Shape4> weight_of(const Conv2dSpec& conv, const InputShape& input) {
  return weight_shape(conv2d_problem(conv, input));
}

template <class F>
decltype(auto) visit_layer(const LayerSpec& spec, F&& f) {
  return std::visit([&](const auto& module) -> decltype(auto) { return f(module, spec.input); },
                    spec.module);
}

}  // namespace

std::string_view layer_name(const LayerSpec& spec) {
  return visit_layer(spec, [](const Conv2dSpec&, const InputShape&) { return "Conv2d"; });
}

const std::vector<std::string_view>& layer_names() {
  static const std::vector<std::string_view> names = {"Conv2d"};
  return names;
}

std::optional<LayerModule> default_module(std::string_view name) {
  if (name == "Conv2d") return Conv2dSpec{};
  return std::nullopt;
}

std::vector<SpecError> validate(const LayerSpec& spec) {
  return visit_layer(spec,
                     [](const auto& m, const InputShape& in) { return validate_layer(m, in); });
}

Shape4 input_shape(const LayerSpec& spec) {
  const InputShape& in = spec.input;
  return {in.batch, in.channels, in.height, in.width};
}

Shape4 output_shape(const LayerSpec& spec) { return output_shape(sliding_window(spec)); }

std::optional<Shape4> weight_shape(const LayerSpec& spec) {
  return visit_layer(spec, [](const auto& m, const InputShape& in) { return weight_of(m, in); });
}

bool has_bias(const LayerSpec& spec) {
  return visit_layer(spec, [](const Conv2dSpec& conv, const InputShape&) { return conv.bias; });
}

int64_t step_count(const LayerSpec& spec) { return step_count(sliding_window(spec)); }

OpCounts count_ops(const LayerSpec& spec) {
  return visit_layer(spec, [](const Conv2dSpec& conv, const InputShape& in) {
    return count_ops(conv2d_problem(conv, in));
  });
}

std::string module_code(const LayerSpec& spec) {
  return visit_layer(spec, [](const Conv2dSpec& conv, const InputShape& in) {
    return pytorch_expression(conv2d_problem(conv, in));
  });
}

std::vector<SpecError> check_tensor_shapes(const LayerSpec& spec, const Tensor& x,
                                           const LayerParams& params) {
  return visit_layer(spec, [&](const Conv2dSpec& conv, const InputShape& in) {
    static const Tensor kNoWeight;
    return check_tensor_shapes(conv2d_problem(conv, in), x,
                               params.weight ? *params.weight : kNoWeight, params.bias);
  });
}

StepTrace trace_step(const LayerSpec& spec, const Tensor& x, const LayerParams& params,
                     int64_t step) {
  return visit_layer(spec, [&](const Conv2dSpec& conv, const InputShape& in) {
    return trace_step(conv2d_problem(conv, in), x, *params.weight, params.bias, step);
  });
}

Conv2dProblem sliding_window(const LayerSpec& spec) {
  return visit_layer(
      spec, [](const Conv2dSpec& conv, const InputShape& in) { return conv2d_problem(conv, in); });
}

Conv2dProblem conv2d_problem(const Conv2dSpec& conv, const InputShape& input) {
  Conv2dProblem problem;
  static_cast<Conv2dSpec&>(problem) = conv;
  problem.batch = input.batch;
  problem.height = input.height;
  problem.width = input.width;
  return problem;
}

LayerSpec layer_of(const Conv2dProblem& problem) {
  return {static_cast<const Conv2dSpec&>(problem),
          {problem.batch, problem.in_channels, problem.height, problem.width}};
}

InputShape input_shape_of(const Tensor& x) {
  return {x.shape.at(0), x.shape.at(1), x.shape.at(2), x.shape.at(3)};
}

}  // namespace convviz
