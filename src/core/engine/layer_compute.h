#pragma once
// Any layer through the fast engine or the reference loops (its oracle),
// with one signature: every caller computes through these two.
#include "core/engine/engine.h"
#include "core/engine/thread_pool.h"
#include "core/model/layer_spec.h"

namespace convviz {

// What the engine keeps between calls with the same spec (see ConvWorkspace).
struct LayerWorkspace {
  ConvWorkspace conv;
};

// Preconditions: validate(spec) and check_tensor_shapes(spec, x, params) are
// empty. y is resized to output_shape(spec), reusing its buffer when it fits.
void compute(const LayerSpec& spec, const Tensor& x, const LayerParams& params, Tensor& y,
             LayerWorkspace& workspace, ThreadPool& pool);
// With this thread's own workspace and the default pool.
void compute(const LayerSpec& spec, const Tensor& x, const LayerParams& params, Tensor& y);
void compute_reference(const LayerSpec& spec, const Tensor& x, const LayerParams& params,
                       Tensor& y);

}  // namespace convviz
