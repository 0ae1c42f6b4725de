#include "core/model/step_trace.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace convviz {
namespace {

// Negative operands get parentheses, as in "(-1)×2+(-0.5)".
std::string operand(double value) {
  const std::string text = format_number(value);
  return text.front() == '-' ? "(" + text + ")" : text;
}

std::string expression_text(const StepTrace& trace) {
  std::string text = partial_expression(trace, int64_t(trace.terms.size()));
  if (trace.has_bias) text += "+" + operand(trace.bias);
  return text + "=" + format_number(trace.result);
}

}  // namespace

int64_t step_count(const Conv2dProblem& spec) {
  const Shape4 out = output_shape(spec);
  return out.n * out.c * out.h * out.w;
}

OutputPosition step_position(const Conv2dProblem& spec, int64_t step) {
  const Shape4 out = output_shape(spec);
  OutputPosition p;
  p.x = step % out.w;
  step /= out.w;
  p.y = step % out.h;
  step /= out.h;
  p.c_out = step % out.c;
  p.n = step / out.c;
  return p;
}

int64_t step_index(const Conv2dProblem& spec, const OutputPosition& p) {
  const Shape4 out = output_shape(spec);
  return ((p.n * out.c + p.c_out) * out.h + p.y) * out.w + p.x;
}

StepTrace trace_step(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
                     int64_t step) {
  StepTrace trace;
  trace.step = step;
  trace.position = step_position(spec, step);
  trace.group = group_of(spec, trace.position.c_out);
  trace.c_in_begin = trace.group * in_channels_per_group(spec);
  trace.c_in_end = trace.c_in_begin + in_channels_per_group(spec);
  trace.terms.reserve(
      static_cast<size_t>(in_channels_per_group(spec) * spec.kernel_size.h * spec.kernel_size.w));
  WindowSum acc;
  for_each_window_term(spec, x, w, trace.position, [&](const WindowTerm& t) {
    acc.add(t);
    trace.terms.push_back({t.c_in, t.ky, t.kx, t.padded_y, t.padded_x,
                           is_padding_cell(spec, t.padded_y, t.padded_x), t.source, t.input,
                           t.weight, double(t.weight) * t.input});
  });
  trace.sum = acc.sum;
  trace.has_bias = b != nullptr;
  if (b) trace.bias = b->data[static_cast<size_t>(trace.position.c_out)];
  trace.result = acc.result(b, trace.position.c_out);
  trace.expression = expression_text(trace);
  return trace;
}

std::string partial_expression(const StepTrace& trace, int64_t products) {
  std::string text;
  const size_t count = std::min(trace.terms.size(), size_t(std::max<int64_t>(products, 0)));
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += "+";
    text += operand(trace.terms[i].weight) + "\u00d7" + operand(trace.terms[i].input);
  }
  return text;
}

double partial_sum(const StepTrace& trace, int64_t products) {
  // Products are exact in double, summed in the engine's order: the last
  // partial sum is the trace's sum.
  double sum = 0.0;
  const size_t count = std::min(trace.terms.size(), size_t(std::max<int64_t>(products, 0)));
  for (size_t i = 0; i < count; ++i) sum += trace.terms[i].product;
  return sum;
}

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));  // also turns -0 into "0"
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

}  // namespace convviz
