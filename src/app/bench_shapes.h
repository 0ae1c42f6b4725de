#pragma once
// The shapes `convviz bench` times: a shapes file (bench/shapes.json's
// format) or one --config plus --input-shape N,C,H,W.
#include <array>
#include <string>
#include <vector>

#include "core/model/conv2d_spec.h"
#include "core/model/result.h"

namespace convviz {

struct BenchShape {
  std::string name;
  Conv2dProblem spec;
};

// {"shapes": [{"name": "...", "config": {nn.Conv2d's arguments, as
// --config takes them}, "input_shape": [N, C, H, W]}, ...]}. The config goes
// through the config parser; every shape is validated; errors name the shape.
Result<std::vector<BenchShape>> read_bench_shapes(const std::string& path);

// "1,3,224,224" -> the spec's batch, channels, height and width, checked
// against the config's in_channels.
Result<Conv2dProblem> with_input_shape(const Conv2dProblem& spec, const std::string& text);

}  // namespace convviz
