#pragma once
// How the vectorized engine will run one Conv2dProblem: which algorithm, how the
// input is laid out for the kernels, how work is split between threads and
// how much memory it takes. Plain data, so `convviz bench --explain` can
// print it and tests can check it.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/engine/microkernel.h"
#include "core/model/conv2d_spec.h"

namespace convviz {

enum class Algorithm {
  Direct,        // few input channels per group (images): K = C·kh·kw is small
  ImplicitGemm,  // many channels: the same microkernel as a GEMM over a long K
  Depthwise,     // one input channel per group
  Pointwise,     // 1×1, stride 1, no padding: reads the input where it lies
  Reference,     // the plain loops: shapes whose grid would not fit kMaxWorkspaceBytes
};

// No shape may make the engine allocate more than this; the few valid specs
// that would (huge padding with huge dilation) run on the reference loops,
// which need no workspace and have little to compute there.
inline constexpr int64_t kMaxWorkspaceBytes = int64_t{256} << 20;
std::string_view algorithm_name(Algorithm algorithm);

struct ConvPlan {
  Algorithm algorithm = Algorithm::Direct;
  // Every path reads a "grid": the padded input split into stride phases,
  // so each output row reads contiguous input whatever the stride and
  // dilation. Stride 1 without padding reads the input itself.
  bool reads_input_in_place = false;
  int64_t row_pitch = 0;        // grid columns per output row (>= W_out)
  int64_t band_rows = 0;        // output rows per task
  int64_t band_input_rows = 0;  // grid rows each phase plane holds per band
  int64_t phase_plane = 0;      // floats per (channel, row phase, column phase)
  int64_t row_phases = 0;       // stride phases the kernel reads: min(stride, dilated extent)
  int64_t column_phases = 0;
  int64_t planes = 0;             // (C_in/groups) · row_phases · column_phases
  int64_t k_count = 0;            // (C_in/groups) · kh · kw
  Microkernel microkernel;        // what engine_kernels.cpp runs on every band
  int64_t simd_target = 0;        // the Highway target the plan was made for
  int lanes = 1;                  // floats per vector on that target
  int64_t bands = 0;              // per image and group
  int64_t tasks = 0;              // batch · groups · bands
  int threads = 1;                // threads this shape is worth
  int64_t scratch_floats = 0;     // per thread, including read-past slack
  int64_t workspace_bytes = 0;    // everything the engine allocates for this shape
  double grid_bytes_refused = 0;  // Reference: what the grid would have needed
};

// Preconditions: validate(spec) is empty; threads >= 1. Plans for the SIMD
// target chosen at run time, or for `simd` (tests plan for every target).
ConvPlan plan_conv(const Conv2dProblem& spec, int threads);
ConvPlan plan_conv(const Conv2dProblem& spec, int threads, const SimdSupport& simd);

// The plan in a few lines of plain words, for --explain.
std::string describe_plan(const Conv2dProblem& spec, const ConvPlan& plan);

}  // namespace convviz
