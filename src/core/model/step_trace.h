#pragma once
// One output element explained: every product, the sum, the bias, the result
// and the expression as a textbook writes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/window_terms.h"

namespace convviz {

struct TraceTerm {
  int64_t c_in = 0, ky = 0, kx = 0;
  int64_t padded_y = 0, padded_x = 0;
  bool is_padding = false;     // outside the input, whatever the mode
  std::optional<Cell> source;  // the input cell the value comes from
  float input = 0.0f;
  float weight = 0.0f;
  double product = 0.0;  // exact: a product of two floats fits a double
};

struct StepTrace {
  int64_t step = 0;
  OutputPosition position;
  int64_t group = 0;
  int64_t c_in_begin = 0, c_in_end = 0;  // the group's input channels [begin, end)
  std::vector<TraceTerm> terms;
  double sum = 0.0;  // of the products, before the bias
  bool has_bias = false;
  float bias = 0.0f;
  float result = 0.0f;     // equals the engine's output at `position`
  std::string expression;  // "1×0+0×0+...+1×7+1=9"
};

// Steps run over (n, c_out, y, x) in row-major order.
int64_t step_count(const Conv2dProblem& spec);
OutputPosition step_position(const Conv2dProblem& spec, int64_t step);
int64_t step_index(const Conv2dProblem& spec, const OutputPosition& position);

// Preconditions as conv2d_reference, and 0 <= step < step_count(spec).
StepTrace trace_step(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
                     int64_t step);

// The first `products` terms of the expression ("1×0+0×0") and their sum,
// for stepping one multiplication at a time.
std::string partial_expression(const StepTrace& trace, int64_t products);
double partial_sum(const StepTrace& trace, int64_t products);

// Integral values without decimals ("9", "-3"), others in at most four
// significant digits ("0.5", "0.3333", "1.5e-05").
std::string format_number(double value);

}  // namespace convviz
