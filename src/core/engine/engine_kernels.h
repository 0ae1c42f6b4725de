#pragma once
// The vectorized inner loops, compiled once per SIMD target (Highway) and
// chosen at run time. Everything here is plain data; the planner and the
// driver in engine.cpp decide what to run.
#include <cstdint>

#include "core/engine/microkernel.h"

namespace convviz {

// One task's worth of work: every output channel of one group over one band
// of output rows, read from a padded, stride-phase-split input ("the grid").
// Output q = row * row_pitch + column of the grid reads input[k_offsets[k] + q]
// for every k = (channel, kh, kw); columns >= out_width are computed and dropped.
struct BandJob {
  const float* input = nullptr;
  const float* input_end = nullptr;  // reads stop here (in-place input has no slack)
  const int64_t* k_offsets = nullptr;
  int64_t k_count = 0;
  const float* weights = nullptr;  // the group's first output channel's [k] row
  const float* bias = nullptr;     // this group's, or nullptr
  int64_t oc_count = 0;            // output channels in the group
  Microkernel microkernel;         // the plan's; one of simd_support()'s
  int64_t q_count = 0;             // band rows * row_pitch
  int64_t row_pitch = 0;
  int64_t out_width = 0;
  float* out = nullptr;    // the group's first channel, at the band's first row
  int64_t out_offset = 0;  // floats from the output tensor's start to `out`
  int64_t out_plane = 0;   // floats between output channels
};

// Runs job.microkernel, which must be one simd_support() lists.
void run_band(const BandJob& job);

// The target chosen at run time (or forced by a test) and what it compiled.
SimdSupport simd_support();
int simd_float_lanes();
const char* simd_target_name();

// A register-only FMA loop for measuring the machine's peak: returns the
// floating-point operations it performed (2 per lane per FMA).
double run_fma_loop(int64_t iterations);

}  // namespace convviz
