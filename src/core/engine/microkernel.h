#pragma once
// The microkernel the planner chose, and what each SIMD target has compiled.
// Plain data shared by the planner (conv_plan.cpp), which decides, and the
// per-target kernels (engine_kernels.cpp), which only run what they are told.
#include <cstdint>
#include <span>
#include <string>

namespace convviz {

enum class MicrokernelKind {
  // oc_block output channels x pixel_vectors vectors of outputs in registers,
  // one broadcast weight and one input load per vector per k.
  FmaTile,
  // AVX-512 only, one output channel (depthwise, or a single output per
  // group): each kernel row loads its inputs once and makes the other
  // columns' vectors by shifting lanes across a pair of registers.
  RowShift,
};

struct Microkernel {
  MicrokernelKind kind = MicrokernelKind::FmaTile;
  int oc_block = 1;       // output channels per tile
  int pixel_vectors = 1;  // vectors of outputs per tile
  int kernel_row = 1;     // RowShift: kernel columns read side by side (3, 5 or 7); else 1
  bool operator==(const Microkernel&) const = default;
};

// One FMA tile a target has compiled.
struct TileShape {
  int oc_block = 1;
  int pixel_vectors = 1;
};

// What the SIMD target chosen at run time can run; the planner picks from it.
struct SimdSupport {
  int64_t target = 0;                     // Highway's target bit (HWY_AVX3, ...)
  const char* target_name = "";           // hwy::TargetName(target)
  int lanes = 1;                          // floats per vector
  std::span<const TileShape> tiles;       // by oc_block, then pixel_vectors, ascending
  std::span<const int> row_shift_widths;  // empty where RowShift is not compiled
};

// XNNPACK-style name, operation then tile: "fma_tile_8x3v" (8 output
// channels x 3 vectors), "row_shift_k3_1x3v". --explain adds the target.
std::string microkernel_name(const Microkernel& kernel);

}  // namespace convviz
