#pragma once
// The products that make one output element, in PyTorch's index order
// (c_in, ky, kx). The reference engine and the step tracer both walk this,
// so a traced step equals the reference output bit for bit.
#include <cstdint>
#include <optional>

#include "core/model/conv2d_spec.h"
#include "core/model/padding.h"
#include "core/model/tensor.h"

namespace convviz {

struct OutputPosition {
  int64_t n = 0, c_out = 0, y = 0, x = 0;
  bool operator==(const OutputPosition&) const = default;
};

struct WindowTerm {
  int64_t c_in = 0;  // absolute input channel
  int64_t ky = 0, kx = 0;
  int64_t padded_y = 0, padded_x = 0;  // in the padded input
  std::optional<Cell> source;          // the input cell read; none for zero padding
  float input = 0.0f;
  float weight = 0.0f;
};

inline int64_t group_of(const Conv2dProblem& spec, int64_t c_out) {
  return c_out / out_channels_per_group(spec);
}

// Calls visit(const WindowTerm&) for every product of output element `at`.
template <class Visit>
void for_each_window_term(const Conv2dProblem& spec, const Tensor& x, const Tensor& w,
                          const OutputPosition& at, Visit&& visit) {
  const int64_t per_group = in_channels_per_group(spec);
  const int64_t first_c_in = group_of(spec, at.c_out) * per_group;
  WindowTerm term;
  for (int64_t ci = 0; ci < per_group; ++ci) {
    term.c_in = first_c_in + ci;
    for (int64_t ky = 0; ky < spec.kernel_size.h; ++ky) {
      for (int64_t kx = 0; kx < spec.kernel_size.w; ++kx) {
        term.ky = ky;
        term.kx = kx;
        term.padded_y = at.y * spec.stride.h + ky * spec.dilation.h;
        term.padded_x = at.x * spec.stride.w + kx * spec.dilation.w;
        term.source = padding_source_cell(spec, term.padded_y, term.padded_x);
        term.input = term.source ? x.at(at.n, term.c_in, term.source->y, term.source->x) : 0.0f;
        term.weight = w.at(at.c_out, ci, ky, kx);
        visit(static_cast<const WindowTerm&>(term));
      }
    }
  }
}

// Sums like the reference engine: each float product exactly in double, the
// bias added last, one rounding to float at the end.
struct WindowSum {
  double sum = 0.0;
  void add(const WindowTerm& t) { sum += static_cast<double>(t.weight) * t.input; }
  float result(const Tensor* bias, int64_t c_out) const {
    const double b = bias ? bias->data[static_cast<size_t>(c_out)] : 0.0;
    return narrow_to_float(sum + b);
  }
};

}  // namespace convviz
