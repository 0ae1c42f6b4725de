#pragma once
// The spec as people read it: the output-size formula with the numbers
// filled in, and the equivalent PyTorch line.
#include <string>

#include "core/model/conv2d_spec.h"

namespace convviz {

enum class Axis { Height, Width };

// "H_out = ⌊(5 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 5"
std::string output_size_formula(const Conv2dProblem& spec, Axis axis);

// "nn.Conv2d(1, 1, kernel_size=3, stride=1, padding=1)"; parameters at
// PyTorch's defaults (other than kernel_size, stride, padding) are left out.
std::string pytorch_expression(const Conv2dProblem& spec);

// "1,234,567"
std::string with_thousands(int64_t value);

}  // namespace convviz
