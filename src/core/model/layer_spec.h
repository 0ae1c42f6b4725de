#pragma once
// The layer a lesson shows: one of PyTorch's sliding-window modules, with the
// input's shape beside it. Callers use only the free functions below. Each
// dispatches over the variant in one place (layer_spec.cpp), so a new layer
// is one more alternative with its overloads, and no caller switches on it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model/conv2d_spec.h"
#include "core/model/op_counts.h"
#include "core/model/step_trace.h"
#include "core/model/tensor.h"

namespace convviz {

// The input tensor is [batch, channels, height, width].
struct InputShape {
  int64_t batch = 1;
  int64_t channels = 1;
  int64_t height = 5;
  int64_t width = 5;
  bool operator==(const InputShape&) const = default;
};

// Room for ConvTranspose2dSpec and Pool2dSpec.
using LayerModule = std::variant<Conv2dSpec>;

struct LayerSpec {
  LayerModule module;
  InputShape input;
  bool operator==(const LayerSpec&) const = default;
};

// The learned tensors a layer reads; null where it has none.
struct LayerParams {
  const Tensor* weight = nullptr;
  const Tensor* bias = nullptr;
};

// The nn module's name, as a config's "layer" key holds it: "Conv2d".
std::string_view layer_name(const LayerSpec& spec);
// Every name a config may give, in the order messages list them.
const std::vector<std::string_view>& layer_names();
// The module PyTorch builds from `name` with its defaults, or nullopt.
std::optional<LayerModule> default_module(std::string_view name);

// Every broken rule, one entry each; empty means PyTorch would accept it.
std::vector<SpecError> validate(const LayerSpec& spec);
// Preconditions below: validate(spec) is empty.
Shape4 input_shape(const LayerSpec& spec);
Shape4 output_shape(const LayerSpec& spec);
std::optional<Shape4> weight_shape(const LayerSpec& spec);  // nullopt: no weight
bool has_bias(const LayerSpec& spec);
int64_t step_count(const LayerSpec& spec);
OpCounts count_ops(const LayerSpec& spec);
// "nn.Conv2d(1, 1, kernel_size=3, stride=1, padding=1)"
std::string module_code(const LayerSpec& spec);
// One SpecError per tensor whose shape the spec does not imply.
std::vector<SpecError> check_tensor_shapes(const LayerSpec& spec, const Tensor& x,
                                           const LayerParams& params);
// Preconditions as compute (core/engine/layer_compute.h), 0 <= step < step_count.
StepTrace trace_step(const LayerSpec& spec, const Tensor& x, const LayerParams& params,
                     int64_t step);

// The window as it slides over the (padded) input, in Conv2d's terms: what
// the canvas, image mode and exports draw. Conv2d is its own window.
Conv2dProblem sliding_window(const LayerSpec& spec);

// Conv2d's problem: the module applied to the input. in_channels is the
// module's; validate(LayerSpec) checks that the input's channels agree.
Conv2dProblem conv2d_problem(const Conv2dSpec& conv, const InputShape& input);
LayerSpec layer_of(const Conv2dProblem& problem);
// Changes a Conv2d layer through its problem (arguments and input size
// alike), keeping the input's channels equal to in_channels: how the Conv2d
// parameter section and the tests edit a field.
template <class Change>
void edit_conv2d(LayerSpec& spec, Change&& change) {
  Conv2dProblem problem = sliding_window(spec);
  change(problem);
  spec = layer_of(problem);
}

// [N, C, H, W] of a rank-4 tensor.
InputShape input_shape_of(const Tensor& x);

}  // namespace convviz
