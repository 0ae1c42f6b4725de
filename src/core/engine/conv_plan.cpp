#include "core/engine/conv_plan.h"

#include <hwy/targets.h>

#include <algorithm>
#include <sstream>

#include "core/engine/engine_kernels.h"

namespace convviz {
namespace {

// Per-band grid budget: small enough to stay in a core's L2 cache while every
// output channel block sweeps over it.
constexpr int64_t kBandScratchFloats = 64 * 1024;
// Below this many multiply-adds a thread wake-up costs more than it saves.
constexpr int64_t kMacsPerExtraThread = 200'000;

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

std::string counted(int64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Algorithm choose_algorithm(const Conv2dProblem& spec, bool in_place) {
  const int64_t per_group = in_channels_per_group(spec);
  if (spec.kernel_size == Pair{1, 1} && in_place) return Algorithm::Pointwise;
  if (per_group == 1 && spec.groups > 1) return Algorithm::Depthwise;
  return per_group <= 16 ? Algorithm::Direct : Algorithm::ImplicitGemm;
}

// The largest tile the target compiled (its table holds only tiles whose
// accumulators, inputs and one broadcast weight fit its vector registers):
// output channels first, then as many vectors as the band's outputs fill.
Microkernel choose_tile(int64_t oc_per_group, const SimdSupport& simd, int64_t grid_outputs) {
  int max_block = 1;
  for (const TileShape& t : simd.tiles) max_block = std::max(max_block, t.oc_block);
  Microkernel kernel;
  while (kernel.oc_block < max_block && kernel.oc_block < oc_per_group) kernel.oc_block *= 2;
  const int64_t needed = std::max<int64_t>(ceil_div(grid_outputs, simd.lanes), 1);
  for (const TileShape& t : simd.tiles) {  // ascending pixel_vectors, 1 first
    if (t.oc_block == kernel.oc_block && t.pixel_vectors <= needed) {
      kernel.pixel_vectors = t.pixel_vectors;
    }
  }
  return kernel;
}

// One output channel whose kernel rows read neighbouring inputs (stride and
// dilation 1 along x) runs the row kernel where the target has it for kw.
Microkernel choose_microkernel(const Conv2dProblem& spec, const SimdSupport& simd,
                               int64_t grid_outputs) {
  Microkernel kernel = choose_tile(out_channels_per_group(spec), simd, grid_outputs);
  const int64_t kw = spec.kernel_size.w;
  const bool rows = spec.stride.w == 1 && spec.dilation.w == 1;
  if (kernel.oc_block == 1 && rows &&
      std::find(simd.row_shift_widths.begin(), simd.row_shift_widths.end(), kw) !=
          simd.row_shift_widths.end()) {
    kernel.kind = MicrokernelKind::RowShift;
    kernel.kernel_row = static_cast<int>(kw);
  }
  return kernel;
}

// Splits each image and group into bands of output rows: enough tasks that
// the threads finish together, each band's grid within the cache budget.
void choose_bands(const Conv2dProblem& spec, int64_t out_h, int64_t halo, ConvPlan& plan) {
  const int64_t units = spec.batch * spec.groups;
  for (int64_t wanted = 1;; ++wanted) {
    const int64_t rows = ceil_div(out_h, wanted);
    const int64_t bands = ceil_div(out_h, rows);
    const int64_t tasks = units * bands;
    // In double: on absurd shapes the product passes int64's range.
    const double scratch = static_cast<double>(plan.planes) * static_cast<double>(rows + halo) *
                           static_cast<double>(plan.row_pitch);
    const double balance = static_cast<double>(tasks) /
                           static_cast<double>(plan.threads * ceil_div(tasks, plan.threads));
    const bool fits = plan.reads_input_in_place || scratch <= double{kBandScratchFloats};
    if ((balance >= 0.95 && fits) || rows == 1) {
      plan.band_rows = rows;
      plan.bands = bands;
      plan.tasks = tasks;
      return;
    }
  }
}

ConvPlan reference_plan(const Conv2dProblem& spec, const SimdSupport& simd, double grid_bytes) {
  ConvPlan plan;
  plan.algorithm = Algorithm::Reference;
  plan.simd_target = simd.target;
  plan.lanes = simd.lanes;
  plan.k_count = in_channels_per_group(spec) * spec.kernel_size.h * spec.kernel_size.w;
  plan.grid_bytes_refused = grid_bytes;
  return plan;
}

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Direct:
      return "direct";
    case Algorithm::ImplicitGemm:
      return "implicit-gemm";
    case Algorithm::Depthwise:
      return "depthwise";
    case Algorithm::Pointwise:
      return "pointwise";
    case Algorithm::Reference:
      return "reference";
  }
  return "direct";
}

std::string microkernel_name(const Microkernel& kernel) {
  const std::string tile =
      std::to_string(kernel.oc_block) + "x" + std::to_string(kernel.pixel_vectors) + "v";
  if (kernel.kind == MicrokernelKind::RowShift) {
    return "row_shift_k" + std::to_string(kernel.kernel_row) + "_" + tile;
  }
  return "fma_tile_" + tile;
}

ConvPlan plan_conv(const Conv2dProblem& spec, int threads) {
  return plan_conv(spec, threads, simd_support());
}

ConvPlan plan_conv(const Conv2dProblem& spec, int threads, const SimdSupport& simd) {
  ConvPlan plan;
  const Shape4 out = output_shape(spec);
  const SidePadding pad = side_padding(spec);
  const bool no_padding = pad.top == 0 && pad.bottom == 0 && pad.left == 0 && pad.right == 0;
  plan.reads_input_in_place = no_padding && spec.stride == Pair{1, 1};
  plan.algorithm = choose_algorithm(spec, plan.reads_input_in_place);
  plan.simd_target = simd.target;
  plan.lanes = simd.lanes;
  const int64_t per_group = in_channels_per_group(spec);
  plan.k_count = per_group * spec.kernel_size.h * spec.kernel_size.w;
  // A phase p of the stride is read only if some kernel tap lands on it:
  // k · dilation ≡ p (mod stride) for k < kernel, so at most min(stride,
  // dilated extent) phases, numbered k · dilation mod stride.
  plan.row_phases = std::min(spec.stride.h, (spec.kernel_size.h - 1) * spec.dilation.h + 1);
  plan.column_phases = std::min(spec.stride.w, (spec.kernel_size.w - 1) * spec.dilation.w + 1);
  plan.planes = per_group * plan.row_phases * plan.column_phases;
  const int64_t padded_w = spec.width + pad.left + pad.right;
  plan.row_pitch = plan.reads_input_in_place ? spec.width : ceil_div(padded_w, spec.stride.w);
  const int64_t halo = (spec.kernel_size.h - 1) * spec.dilation.h / spec.stride.h;

  const int64_t macs = out.n * out.c * out.h * out.w * plan.k_count;
  // All of the pool or none of it: the pool hands out every thread's slot.
  plan.threads = macs >= kMacsPerExtraThread ? threads : 1;
  plan.microkernel = choose_microkernel(spec, simd, out.h * plan.row_pitch);
  choose_bands(spec, out.h, halo, plan);

  plan.band_input_rows = plan.band_rows + halo;
  // Kernels read up to one vector past a tile's last output (the row kernel
  // loads a vector ahead to shift kernel columns out of it).
  const int64_t slack = (int64_t{plan.microkernel.pixel_vectors} + 1) * plan.lanes;
  // Sized in double first: on absurd shapes (huge padding and dilation) the
  // products pass int64's range, and such a grid is refused anyway.
  const double grid =
      plan.reads_input_in_place
          ? 0.0
          : double(plan.planes) * double(plan.band_input_rows) * double(plan.row_pitch) +
                double(slack);
  const double column_table = double(plan.column_phases) * double(plan.row_pitch);
  const double row_table = double(plan.bands * plan.band_rows + halo) * double(plan.row_phases);
  const double bytes =
      grid * plan.threads * 4 + double(plan.k_count) * 8 + (column_table + row_table) * 4;
  if (bytes > double{kMaxWorkspaceBytes}) return reference_plan(spec, simd, bytes);
  if (plan.reads_input_in_place) {
    plan.phase_plane = spec.height * spec.width;
  } else {
    plan.phase_plane = plan.band_input_rows * plan.row_pitch;
    plan.scratch_floats = static_cast<int64_t>(grid);
  }
  plan.workspace_bytes = static_cast<int64_t>(bytes);
  return plan;
}

std::string describe_plan(const Conv2dProblem& spec, const ConvPlan& plan) {
  const Shape4 out = output_shape(spec);
  std::ostringstream text;
  if (plan.algorithm == Algorithm::Reference) {
    text << "algorithm: reference (the plain loops): the padded grid would need "
         << static_cast<long long>(plan.grid_bytes_refused) << " bytes, more than the "
         << kMaxWorkspaceBytes << " allowed\nworkspace: 0 bytes\n";
    return text.str();
  }
  text << "algorithm: " << algorithm_name(plan.algorithm) << " (SIMD target "
       << hwy::TargetName(plan.simd_target) << ", " << counted(plan.lanes, "float")
       << " per vector)\n";
  const Microkernel& kernel = plan.microkernel;
  text << "microkernel: " << microkernel_name(kernel) << " ("
       << counted(kernel.oc_block, "output channel") << " x "
       << counted(kernel.pixel_vectors, "vector") << " = "
       << counted(int64_t{kernel.pixel_vectors} * plan.lanes, "output") << " per tile, "
       << counted(plan.k_count, "multiply-add") << " each";
  if (kernel.kind == MicrokernelKind::RowShift) {
    text << "; kernel rows of " << kernel.kernel_row << " loaded once and shifted in registers";
  }
  text << ")\n";
  if (plan.reads_input_in_place) {
    text << "input: read in place (stride 1, no padding)\n";
  } else {
    text << "input: padded once per band into a grid of " << counted(plan.planes, "plane") << " x "
         << counted(plan.band_input_rows, "row") << " x " << counted(plan.row_pitch, "column")
         << " (" << padding_mode_name(spec.padding_mode) << " padding, "
         << counted(plan.row_phases * plan.column_phases, "stride phase") << ")\n";
  }
  text << "work: " << counted(plan.tasks, "task") << " of " << plan.band_rows << " output rows (of "
       << out.h << ") on " << counted(plan.threads, "thread") << "\n";
  text << "workspace: " << plan.workspace_bytes << " bytes (" << plan.scratch_floats * 4
       << " per thread for the grid; weights are read where they lie)\n";
  return text.str();
}

}  // namespace convviz
