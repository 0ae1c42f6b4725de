#pragma once
#include <cstdint>

#include "core/model/conv2d_spec.h"

namespace convviz {

struct OpCounts {
  int64_t multiplications = 0;  // N·C_out·H_out·W_out·(C_in/groups)·k_h·k_w
  int64_t additions = 0;        // per output: products − 1, plus 1 for the bias
  int64_t macs = 0;             // = multiplications
  int64_t flops = 0;            // multiplications + additions
  int64_t params = 0;           // C_out·(C_in/groups)·k_h·k_w + [bias]·C_out
  int64_t output_elements = 0;  // N·C_out·H_out·W_out
};

// Precondition: validate(spec) is empty.
OpCounts count_ops(const Conv2dProblem& spec);

}  // namespace convviz
