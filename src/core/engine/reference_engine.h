#pragma once
#include "core/model/conv2d_spec.h"
#include "core/model/tensor.h"

namespace convviz {

// The oracle: plain loops over N, C_out, H_out, W_out, C_in/groups, k_h, k_w.
// Slow on purpose; every faster path is tested against it.
// Preconditions: validate(spec) and check_tensor_shapes(...) are empty.
// y is resized to output_shape(spec).
void conv2d_reference(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
                      Tensor& y);

}  // namespace convviz
