// Compiled once per SIMD target: Highway re-includes this file for each.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/engine/engine_kernels.cpp"
#include <hwy/foreach_target.h>  // must come before highway.h

#include <hwy/highway.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <utility>

#include "core/engine/engine_kernels.h"

// x86 numbers its targets in bits 0..14, a better one lower, so every x86
// target at or below HWY_AVX3 is an AVX-512 one: AVX3 and AVX3_DL in Highway
// 1.0.3, AVX3_ZEN4, AVX3_SPR and later ones in newer releases. The row
// kernel's lane shift (valignd) also needs the full 512-bit vectors.
#undef CONVVIZ_AVX512
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3 && HWY_MAX_BYTES == 64
#define CONVVIZ_AVX512 1
#else
#define CONVVIZ_AVX512 0
#endif

HWY_BEFORE_NAMESPACE();
namespace convviz {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// 32 vector registers with AVX-512, 16 below it (and assumed elsewhere).
constexpr int kVectorRegisters = CONVVIZ_AVX512 ? 32 : 16;

using D = hn::ScalableTag<float>;
using V = hn::Vec<D>;

// Input vector `index` floats into the grid. Only the last tiles of an
// in-place input can reach past its end (`limit` floats); those copy what
// exists into a zeroed vector, so no pointer past the end is ever formed.
template <bool kBounded>
HWY_INLINE V load_input(D d, const float* input, int64_t index, int64_t limit) {
  if constexpr (!kBounded) {
    return hn::LoadU(d, input + index);
  } else {
    const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
    if (index + lanes <= limit) return hn::LoadU(d, input + index);
    HWY_ALIGN float buffer[hn::MaxLanes(d)] = {};
    if (index < limit) {
      std::memcpy(buffer, input + index, static_cast<size_t>(limit - index) * sizeof(float));
    }
    return hn::Load(d, buffer);
  }
}

// Where one vector of a tile lands: grid position q = row * pitch + col.
struct GridPosition {
  int64_t q = 0, row = 0, col = 0;
  void advance(int64_t by, int64_t pitch) {
    q += by;
    col += by;
    while (col >= pitch) col -= pitch, ++row;
  }
};

// Stores one vector of outputs. Most go straight to the output row; one
// that runs past the row's real outputs (into the grid's extra columns, the
// next row or the next band) is stored row piece by row piece, with masked
// stores that write only real outputs (true masked stores on every x86
// target, so no lane outside them is read or written).
HWY_INLINE void store_outputs(D d, V v, GridPosition at, const BandJob& job, float* out,
                              int64_t out_offset) {
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  if (at.col + lanes <= job.out_width && at.q + lanes <= job.q_count) {
    hn::StoreU(v, d, out + at.row * job.out_width + at.col);
    return;
  }
  if (at.q >= job.q_count) return;
  for (int64_t i = 0; i < lanes && at.q < job.q_count;) {
    const int64_t n = std::min({lanes - i, job.row_pitch - at.col, job.q_count - at.q});
    const int64_t real = std::clamp<int64_t>(job.out_width - at.col, 0, n);
    if (real > 0) {
      // Lane i lands on (row, col): the vector's address is i floats earlier,
      // which near the output's start would be before it; copy those lanes.
      const int64_t at_index = at.row * job.out_width + at.col;
      if (out_offset + at_index - i >= 0) {
        const auto mask = hn::AndNot(hn::FirstN(d, static_cast<size_t>(i)),
                                     hn::FirstN(d, static_cast<size_t>(i + real)));
        hn::BlendedStore(v, mask, d, out + (at_index - i));
      } else {
        HWY_ALIGN float values[hn::MaxLanes(d)];
        hn::Store(v, d, values);
        std::memcpy(out + at_index, values + i, static_cast<size_t>(real) * sizeof(float));
      }
    }
    i += n;
    at.advance(n, job.row_pitch);
  }
}

// Writes a tile's accumulators to the outputs they stand for.
template <int MR, int NV>
HWY_INLINE void store_tile(D d, V (&acc)[MR][NV], const BandJob& job, int64_t oc0, int64_t q0) {
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const GridPosition first{q0, q0 / job.row_pitch, q0 % job.row_pitch};
  const bool one_row = first.col + NV * lanes <= job.out_width && q0 + NV * lanes <= job.q_count;
  const int64_t channels = std::min<int64_t>(MR, job.oc_count - oc0);
  for (int64_t m = 0; m < channels; ++m) {
    const int64_t out_offset = job.out_offset + (oc0 + m) * job.out_plane;
    float* out = job.out + (oc0 + m) * job.out_plane;
    if (one_row) {
      float* dst = out + first.row * job.out_width + first.col;
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) hn::StoreU(acc[m][v], d, dst + v * lanes);
      continue;
    }
    GridPosition at = first;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v, at.advance(lanes, job.row_pitch)) {
      store_outputs(d, acc[m][v], at, job, out, out_offset);
    }
  }
}

template <int MR, int NV, bool kBounded>
HWY_INLINE void run_tile(const BandJob& job, const float* weights, int64_t oc0, int64_t q0) {
  const D d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  V acc[MR][NV];
#pragma GCC unroll 8
  for (int m = 0; m < MR; ++m) {
    const int64_t oc = std::min(oc0 + m, job.oc_count - 1);
    const V start = job.bias != nullptr ? hn::Set(d, job.bias[oc]) : hn::Zero(d);
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[m][v] = start;
  }
  // Each output channel's weights are one row of K in the weight tensor
  // itself; channels past the group's last repeat it and are not stored.
  const float* w_rows[MR];
#pragma GCC unroll 8
  for (int m = 0; m < MR; ++m) {
    w_rows[m] = weights + std::min<int64_t>(m, job.oc_count - 1 - oc0) * job.k_count;
  }
  const int64_t limit = job.input_end - job.input;
  for (int64_t k = 0; k < job.k_count; ++k) {
    const int64_t row = job.k_offsets[k] + q0;
    V x[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) x[v] = load_input<kBounded>(d, job.input, row + v * lanes, limit);
#pragma GCC unroll 8
    for (int m = 0; m < MR; ++m) {
      const V wm = hn::Set(d, w_rows[m][k]);
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[m][v] = hn::MulAdd(wm, x[v], acc[m][v]);
    }
  }
  store_tile<MR, NV>(d, acc, job, oc0, q0);
}

// One output channel (depthwise): the generic tile would load every input
// vector once per kernel column, mostly across cache lines, and run out of
// load slots long before FMAs. Here each kernel row loads its inputs once
// and makes the other columns' vectors by shifting lanes across a pair of
// registers (valignd). The FMAs run in the same k order, so the results are
// bit-identical to the generic tile's. It reads one vector past the tile's
// outputs; the band's last tiles load that vector bounded.
#if CONVVIZ_AVX512
template <int NV, int KW, bool kBounded>
HWY_INLINE void run_row_tile(const BandJob& job, const float* weights, int64_t oc0, int64_t q0) {
  static_assert(KW > 1 && KW <= 16);
  const D d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const int64_t limit = job.input_end - job.input;
  V acc[1][NV];
  const V start = job.bias != nullptr ? hn::Set(d, job.bias[oc0]) : hn::Zero(d);
#pragma GCC unroll 8
  for (int v = 0; v < NV; ++v) acc[0][v] = start;
  for (int64_t k = 0; k < job.k_count; k += KW) {
    const int64_t row = job.k_offsets[k] + q0;
    V w[KW];
#pragma GCC unroll 16
    for (int kw = 0; kw < KW; ++kw) w[kw] = hn::Set(d, weights[k + kw]);
    V lo = load_input<kBounded>(d, job.input, row, limit);
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const V hi = load_input<kBounded>(d, job.input, row + (v + 1) * lanes, limit);
      acc[0][v] = hn::MulAdd(w[0], lo, acc[0][v]);
      [&]<int... kw>(std::integer_sequence<int, kw...>) {
        ((acc[0][v] =
              hn::MulAdd(w[kw + 1],
                         V{_mm512_castsi512_ps(_mm512_alignr_epi32(
                             _mm512_castps_si512(hi.raw), _mm512_castps_si512(lo.raw), kw + 1))},
                         acc[0][v])),
         ...);
      }
      (std::make_integer_sequence<int, KW - 1>());
      lo = hi;
    }
  }
  store_tile<1, NV>(d, acc, job, oc0, q0);
}
#endif

// A tile is a few dozen FMAs: a call per tile (GCC did not inline the
// lambda on its own) cost the depthwise shape 12-22 % (measured).
#define CONVVIZ_TILE_INLINE __attribute__((always_inline))

// Output-channel block by block, so a block's weights stay in L1 while the
// band's grid (sized for L2) streams past them. A tile that would read past
// the input's end (kAhead: vectors it reads past its last output) is told so.
template <int MR, int NV, int kAhead, class RunTile>
HWY_INLINE void sweep_band(const BandJob& job, const RunTile& run) {
  const D d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const int64_t step = NV * lanes;
  const int64_t limit = job.input_end - job.input;
  int64_t max_offset = 0;
  for (int64_t k = 0; k < job.k_count; ++k) max_offset = std::max(max_offset, job.k_offsets[k]);
  for (int64_t oc0 = 0; oc0 < job.oc_count; oc0 += MR) {
    const float* weights = job.weights + oc0 * job.k_count;
    for (int64_t q0 = 0; q0 < job.q_count; q0 += step) {
      run(weights, oc0, q0, max_offset + q0 + step + kAhead * lanes > limit);
    }
  }
}

template <int MR, int NV>
void run_fma_tile_band(const BandJob& job) {
  // Accumulators, one input vector per column of the tile and the broadcast
  // weight all stay in registers.
  static_assert(MR * NV + NV + 1 <= kVectorRegisters);
  sweep_band<MR, NV, 0>(
      job, [&](const float* weights, int64_t oc0, int64_t q0, bool bounded) CONVVIZ_TILE_INLINE {
        if (bounded) {
          run_tile<MR, NV, true>(job, weights, oc0, q0);
        } else {
          run_tile<MR, NV, false>(job, weights, oc0, q0);
        }
      });
}

// Exactly the FMA tiles plan_conv can choose on this target, and no others:
// oc_block 1, 2, 4 (and 8 with AVX-512's 32 registers; 16 registers take at
// most 4), each with 1 and every pixel_vectors of {2, 3, 4, 6, 8} whose
// accumulators, inputs and weight fit the registers. 20 tiles with AVX-512,
// 12 below it (the switch before compiled 24 on every target). The planner
// takes the largest pixel_vectors the band's outputs fill.
#if CONVVIZ_AVX512
constexpr TileShape kTiles[] = {{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 6}, {1, 8}, {2, 1},
                                {2, 2}, {2, 3}, {2, 4}, {2, 6}, {2, 8}, {4, 1}, {4, 2},
                                {4, 3}, {4, 4}, {4, 6}, {8, 1}, {8, 2}, {8, 3}};
#else
constexpr TileShape kTiles[] = {{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 6}, {2, 1},
                                {2, 2}, {2, 3}, {2, 4}, {4, 1}, {4, 2}, {4, 3}};
#endif

using BandFn = void (*)(const BandJob&);

template <size_t... I>
constexpr std::array<BandFn, sizeof...(I)> tile_runs(std::index_sequence<I...>) {
  return {&run_fma_tile_band<kTiles[I].oc_block, kTiles[I].pixel_vectors>...};
}
constexpr auto kTileRuns = tile_runs(std::make_index_sequence<std::size(kTiles)>());

#if CONVVIZ_AVX512
template <int NV, int KW>
void run_row_shift_band(const BandJob& job) {
  sweep_band<1, NV, 1>(
      job, [&](const float* weights, int64_t oc0, int64_t q0, bool bounded) CONVVIZ_TILE_INLINE {
        if (bounded) {
          run_row_tile<NV, KW, true>(job, weights, oc0, q0);
        } else {
          run_row_tile<NV, KW, false>(job, weights, oc0, q0);
        }
      });
}

// The row kernel's kernel widths, each with every pixel_vectors of the
// one-output-channel tiles above: the planner picks the tile first, then
// swaps in the row kernel of the same shape.
constexpr int kRowShiftWidths[] = {3, 5, 7};
constexpr auto kRowShiftVectors = [] {
  std::array<int, std::count_if(std::begin(kTiles), std::end(kTiles),
                                [](const TileShape& t) { return t.oc_block == 1; })>
      vectors{};
  size_t n = 0;
  for (const TileShape& t : kTiles) {
    if (t.oc_block == 1) vectors[n++] = t.pixel_vectors;
  }
  return vectors;
}();
constexpr size_t kRowShiftCount = std::size(kRowShiftWidths) * std::size(kRowShiftVectors);

template <size_t... I>
constexpr std::array<BandFn, sizeof...(I)> row_shift_runs(std::index_sequence<I...>) {
  constexpr size_t n = std::size(kRowShiftVectors);
  return {&run_row_shift_band<kRowShiftVectors[I % n], kRowShiftWidths[I / n]>...};
}
constexpr auto kRowShiftRuns = row_shift_runs(std::make_index_sequence<kRowShiftCount>());

BandFn row_shift_run(const Microkernel& kernel) {
  for (size_t i = 0; i < kRowShiftCount; ++i) {
    const size_t n = std::size(kRowShiftVectors);
    if (kRowShiftWidths[i / n] == kernel.kernel_row &&
        kRowShiftVectors[i % n] == kernel.pixel_vectors) {
      return kRowShiftRuns[i];
    }
  }
  return nullptr;
}
#else
BandFn row_shift_run(const Microkernel&) { return nullptr; }
#endif

BandFn fma_tile_run(const Microkernel& kernel) {
  for (size_t i = 0; i < std::size(kTiles); ++i) {
    if (kTiles[i].oc_block == kernel.oc_block && kTiles[i].pixel_vectors == kernel.pixel_vectors) {
      return kTileRuns[i];
    }
  }
  return nullptr;
}

// Runs what the plan chose; a microkernel this target lacks is a planner bug.
void RunBand(const BandJob& job) {
  const Microkernel& kernel = job.microkernel;
  const BandFn run =
      kernel.kind == MicrokernelKind::RowShift ? row_shift_run(kernel) : fma_tile_run(kernel);
  if (run == nullptr) {
    HWY_ABORT("%s has no microkernel %s", hwy::TargetName(HWY_TARGET),
              microkernel_name(kernel).c_str());
  }
  run(job);
}

SimdSupport Support() {
  SimdSupport support;
  support.target = HWY_TARGET;
  support.target_name = hwy::TargetName(HWY_TARGET);
  support.lanes = static_cast<int>(hn::Lanes(D()));
  support.tiles = kTiles;
#if CONVVIZ_AVX512
  support.row_shift_widths = kRowShiftWidths;
#endif
  return support;
}

double FmaLoop(int64_t iterations) {
  const D d;
  // Twelve independent chains hide the FMA latency on every x86 core we
  // know; distinct starts keep the compiler from merging them into one.
  V a0 = hn::Set(d, 1.00f), a1 = hn::Set(d, 1.01f), a2 = hn::Set(d, 1.02f);
  V a3 = hn::Set(d, 1.03f), a4 = hn::Set(d, 1.04f), a5 = hn::Set(d, 1.05f);
  V a6 = hn::Set(d, 1.06f), a7 = hn::Set(d, 1.07f), a8 = hn::Set(d, 1.08f);
  V a9 = hn::Set(d, 1.09f), a10 = hn::Set(d, 1.10f), a11 = hn::Set(d, 1.11f);
  const V m = hn::Set(d, 0.999999f);
  const V c = hn::Set(d, 1e-7f);
  for (int64_t i = 0; i < iterations; ++i) {
    a0 = hn::MulAdd(a0, m, c), a1 = hn::MulAdd(a1, m, c), a2 = hn::MulAdd(a2, m, c);
    a3 = hn::MulAdd(a3, m, c), a4 = hn::MulAdd(a4, m, c), a5 = hn::MulAdd(a5, m, c);
    a6 = hn::MulAdd(a6, m, c), a7 = hn::MulAdd(a7, m, c), a8 = hn::MulAdd(a8, m, c);
    a9 = hn::MulAdd(a9, m, c), a10 = hn::MulAdd(a10, m, c), a11 = hn::MulAdd(a11, m, c);
  }
  const V sum = hn::Add(hn::Add(hn::Add(a0, a1), hn::Add(a2, a3)),
                        hn::Add(hn::Add(hn::Add(a4, a5), hn::Add(a6, a7)),
                                hn::Add(hn::Add(a8, a9), hn::Add(a10, a11))));
  // Using the sum keeps the compiler from dropping the loop.
  volatile float sink = hn::GetLane(sum);
  (void)sink;
  return 2.0 * 12.0 * static_cast<double>(hn::Lanes(d)) * static_cast<double>(iterations);
}

}  // namespace HWY_NAMESPACE
}  // namespace convviz
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace convviz {

HWY_EXPORT(RunBand);
HWY_EXPORT(Support);
HWY_EXPORT(FmaLoop);

void run_band(const BandJob& job) { HWY_DYNAMIC_DISPATCH(RunBand)(job); }
SimdSupport simd_support() { return HWY_DYNAMIC_DISPATCH(Support)(); }
int simd_float_lanes() { return simd_support().lanes; }
const char* simd_target_name() { return simd_support().target_name; }
double run_fma_loop(int64_t iterations) { return HWY_DYNAMIC_DISPATCH(FmaLoop)(iterations); }

}  // namespace convviz
#endif
