#include "core/engine/reference_engine.h"

#include "core/model/window_terms.h"

namespace convviz {

void conv2d_reference(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
                      Tensor& y) {
  const Shape4 out = output_shape(spec);
  y = make_tensor(to_vector(out));
  for (int64_t n = 0; n < out.n; ++n) {
    for (int64_t co = 0; co < out.c; ++co) {
      for (int64_t oy = 0; oy < out.h; ++oy) {
        for (int64_t ox = 0; ox < out.w; ++ox) {
          WindowSum acc;
          for_each_window_term(spec, x, w, {n, co, oy, ox},
                               [&](const WindowTerm& t) { acc.add(t); });
          y.at(n, co, oy, ox) = acc.result(b, co);
        }
      }
    }
  }
}

}  // namespace convviz
