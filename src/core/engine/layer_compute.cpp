#include "core/engine/layer_compute.h"

#include "core/engine/reference_engine.h"

namespace convviz {

void compute(const LayerSpec& spec, const Tensor& x, const LayerParams& params, Tensor& y,
             LayerWorkspace& workspace, ThreadPool& pool) {
  std::visit(
      [&](const Conv2dSpec& conv) {
        conv2d(conv2d_problem(conv, spec.input), x, *params.weight, params.bias, y, workspace.conv,
               pool);
      },
      spec.module);
}

void compute(const LayerSpec& spec, const Tensor& x, const LayerParams& params, Tensor& y) {
  std::visit(
      [&](const Conv2dSpec& conv) {
        conv2d(conv2d_problem(conv, spec.input), x, *params.weight, params.bias, y);
      },
      spec.module);
}

void compute_reference(const LayerSpec& spec, const Tensor& x, const LayerParams& params,
                       Tensor& y) {
  std::visit(
      [&](const Conv2dSpec& conv) {
        conv2d_reference(conv2d_problem(conv, spec.input), x, *params.weight, params.bias, y);
      },
      spec.module);
}

}  // namespace convviz
