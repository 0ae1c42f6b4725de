#include "core/model/op_counts.h"

namespace convviz {

OpCounts count_ops(const Conv2dProblem& spec) {
  const Shape4 out = output_shape(spec);
  const int64_t products_per_output =
      in_channels_per_group(spec) * spec.kernel_size.h * spec.kernel_size.w;
  const int64_t bias = spec.bias ? 1 : 0;
  OpCounts ops;
  ops.output_elements = out.n * out.c * out.h * out.w;
  ops.multiplications = ops.output_elements * products_per_output;
  ops.additions = ops.output_elements * (products_per_output - 1 + bias);
  ops.macs = ops.multiplications;
  ops.flops = ops.multiplications + ops.additions;
  ops.params = spec.out_channels * products_per_output + bias * spec.out_channels;
  return ops;
}

}  // namespace convviz
