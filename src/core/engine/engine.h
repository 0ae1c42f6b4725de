#pragma once
// The vectorized engine: what the window, image mode, exports and the CLI
// compute with. Same contract as conv2d_reference, which stays as its oracle.
#include <cstdint>
#include <vector>

#include "core/engine/conv_plan.h"
#include "core/engine/thread_pool.h"
#include "core/model/conv2d_spec.h"
#include "core/model/tensor.h"

namespace convviz {

// Memory one shape needs, kept between calls so that calling again with the
// same spec (every edit in the window, every benchmark repeat) allocates
// nothing. A new spec or thread count replans and reallocates.
struct ConvWorkspace {
  Conv2dProblem spec{};
  int threads = 0;  // 0: nothing planned yet
  ConvPlan plan{};
  std::vector<int64_t> k_offsets;
  std::vector<int32_t> column_sources;      // [column phase][grid column] -> input column, -1 = 0
  std::vector<int64_t> column_interiors;    // per column phase: begin, end, first input column
  std::vector<int32_t> row_sources;         // padded row -> input row, -1 = 0
  std::vector<std::vector<float>> scratch;  // one grid per thread
};

// Plans (or keeps the plan for) spec on `threads` threads and sizes the
// buffers. Preconditions: validate(spec) is empty.
const ConvPlan& prepare_workspace(ConvWorkspace& workspace, const Conv2dProblem& spec, int threads);

// Preconditions as conv2d_reference: validate(spec) and
// check_tensor_shapes(...) are empty. y is resized to output_shape(spec);
// its buffer is reused when it already has that size. Results are
// bit-identical for every thread count: each output is one fixed chain of
// fused multiply-adds over (channel, kh, kw), starting from the bias.
void conv2d(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y,
            ConvWorkspace& workspace, ThreadPool& pool);

// With this thread's own workspace and the default pool.
void conv2d(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
            Tensor& y);

}  // namespace convviz
