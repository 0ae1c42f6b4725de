#include "core/engine/engine.h"

#include <algorithm>
#include <cstring>

#include "core/engine/engine_kernels.h"
#include "core/engine/reference_engine.h"
#include "core/model/padding.h"

namespace convviz {
namespace {

// Offsets into the grid (or the input, read in place) of every (c, kh, kw),
// relative to the output's grid position; the kernels add the output's index.
void fill_k_offsets(const Conv2dProblem& spec, const ConvPlan& plan,
                    std::vector<int64_t>& offsets) {
  offsets.clear();
  const Pair s = spec.stride, d = spec.dilation, k = spec.kernel_size;
  for (int64_t c = 0; c < in_channels_per_group(spec); ++c) {
    for (int64_t kh = 0; kh < k.h; ++kh) {
      for (int64_t kw = 0; kw < k.w; ++kw) {
        const int64_t dy = kh * d.h, dx = kw * d.w;
        if (plan.reads_input_in_place) {
          offsets.push_back(c * plan.phase_plane + dy * spec.width + dx);
          continue;
        }
        const int64_t plane = (c * plan.row_phases + dy % s.h) * plan.column_phases + dx % s.w;
        offsets.push_back(plane * plan.phase_plane + (dy / s.h) * plan.row_pitch + dx / s.w);
      }
    }
  }
}

// The input index padded index `at` copies along one axis, or -1 for a
// zero (zero padding, or past the padded extent, which no output reads).
int32_t source_index(PaddingMode mode, int64_t at, int64_t pad_before, int64_t size,
                     int64_t padded) {
  if (at >= padded) return -1;
  const auto source = padding_source_index(mode, at, pad_before, size);
  return source ? static_cast<int32_t>(*source) : -1;
}

// For each column phase and grid column: the input column it copies.
void fill_column_sources(const Conv2dProblem& spec, const ConvPlan& plan,
                         std::vector<int32_t>& table) {
  table.resize(static_cast<size_t>(plan.column_phases * plan.row_pitch));
  const SidePadding pad = side_padding(spec);
  const int64_t padded_w = spec.width + pad.left + pad.right;
  for (int64_t phase = 0; phase < plan.column_phases; ++phase) {
    for (int64_t j = 0; j < plan.row_pitch; ++j) {
      table[static_cast<size_t>(phase * plan.row_pitch + j)] = source_index(
          spec.padding_mode, j * spec.stride.w + phase, pad.left, spec.width, padded_w);
    }
  }
}

// The same for rows: [grid row][row phase], over every row a band may read.
void fill_row_sources(const Conv2dProblem& spec, const ConvPlan& plan,
                      std::vector<int32_t>& table) {
  const SidePadding pad = side_padding(spec);
  const int64_t padded_h = spec.height + pad.top + pad.bottom;
  const int64_t rows = plan.bands * plan.band_rows + plan.band_input_rows - plan.band_rows;
  table.resize(static_cast<size_t>(rows * plan.row_phases));
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t phase = 0; phase < plan.row_phases; ++phase) {
      table[static_cast<size_t>(r * plan.row_phases + phase)] = source_index(
          spec.padding_mode, r * spec.stride.h + phase, pad.top, spec.height, padded_h);
    }
  }
}

// The grid columns [begin, end) of one column phase that read the input
// row itself (not padding): column j reads input column first + j * stride.
struct Interior {
  int64_t begin = 0, end = 0, first = 0;
};

Interior interior_of(const Conv2dProblem& spec, int64_t pitch, int64_t phase) {
  const SidePadding pad = side_padding(spec);
  const int64_t s = spec.stride.w, left = pad.left;
  auto first_at_or_after = [&](int64_t col) {  // smallest j with j * s + phase >= col
    return std::clamp<int64_t>(col - phase <= 0 ? 0 : (col - phase + s - 1) / s, 0, pitch);
  };
  // A negative padding crops: the interior starts at input column -left and
  // ends where the cropped right side begins, like the source table.
  const int64_t begin = first_at_or_after(left);
  const int64_t interior_end = left + spec.width + std::min<int64_t>(pad.right, 0);
  const int64_t end = std::max(begin, first_at_or_after(interior_end));
  return {begin, end, begin * s + phase - left};
}

// Copies one input row into one grid row of one column phase: the padding
// at the borders through the table, the interior as a (strided) copy.
void fill_grid_row(int64_t stride, int64_t pitch, const Interior& interior, const int32_t* sources,
                   const float* src, float* dst) {
  if (src == nullptr) {
    std::fill(dst, dst + pitch, 0.0f);
    return;
  }
  for (int64_t j = 0; j < interior.begin; ++j) dst[j] = sources[j] < 0 ? 0.0f : src[sources[j]];
  const int64_t n = interior.end - interior.begin;
  // Formed only when it points into the row (with no interior it may not).
  const float* from = n > 0 ? src + interior.first : src;
  float* to = dst + interior.begin;
  if (n == 0) {
  } else if (stride == 1) {
    std::memcpy(to, from, static_cast<size_t>(n) * sizeof(float));
  } else if (stride == 2) {  // a constant stride the compiler vectorizes
    for (int64_t j = 0; j < n; ++j) to[j] = from[2 * j];
  } else {
    for (int64_t j = 0; j < n; ++j) to[j] = from[stride * j];
  }
  for (int64_t j = interior.end; j < pitch; ++j) dst[j] = sources[j] < 0 ? 0.0f : src[sources[j]];
}

// Pads the rows one band reads, for one image and group, into the grid.
void fill_band_grid(const Conv2dProblem& spec, const ConvWorkspace& ws, const float* x_group,
                    int64_t first_out_row, float* grid) {
  const ConvPlan& plan = ws.plan;
  for (int64_t c = 0; c < in_channels_per_group(spec); ++c) {
    const float* channel = x_group + c * spec.height * spec.width;
    for (int64_t ph = 0; ph < plan.row_phases; ++ph) {
      for (int64_t i = 0; i < plan.band_input_rows; ++i) {
        const size_t r = static_cast<size_t>((first_out_row + i) * plan.row_phases + ph);
        const int32_t source = ws.row_sources[r];
        const float* src = source >= 0 ? channel + source * spec.width : nullptr;
        for (int64_t pw = 0; pw < plan.column_phases; ++pw) {
          const int64_t plane = (c * plan.row_phases + ph) * plan.column_phases + pw;
          float* dst = grid + plane * plan.phase_plane + i * plan.row_pitch;
          const int64_t* interior = ws.column_interiors.data() + 3 * pw;
          fill_grid_row(spec.stride.w, plan.row_pitch, {interior[0], interior[1], interior[2]},
                        ws.column_sources.data() + pw * plan.row_pitch, src, dst);
        }
      }
    }
  }
}

// Task t's place: one band of output rows of one group of one image.
struct Band {
  int64_t n = 0, g = 0, first_row = 0;
};

Band band_of(const Conv2dProblem& spec, const ConvPlan& plan, int64_t t) {
  return {t / (plan.bands * spec.groups), (t / plan.bands) % spec.groups,
          (t % plan.bands) * plan.band_rows};
}

// Where the band's image and group start in x.
const float* group_input(const Conv2dProblem& spec, const Tensor& x, const Band& band) {
  const int64_t channel = band.n * spec.in_channels + band.g * in_channels_per_group(spec);
  return x.data.data() + channel * spec.height * spec.width;
}

// Everything the kernels need for one band.
BandJob band_job(const Conv2dProblem& spec, const ConvWorkspace& ws, const Tensor& x,
                 const Tensor& w, const Tensor* b, Tensor& y, const Band& band, int slot) {
  const ConvPlan& plan = ws.plan;
  const Shape4 out{y.shape[0], y.shape[1], y.shape[2], y.shape[3]};  // sized by conv2d
  const int64_t g = band.g, first_row = band.first_row;
  const int64_t out_per_group = out_channels_per_group(spec);
  const float* x_group = group_input(spec, x, band);
  BandJob job;
  if (plan.reads_input_in_place) {
    job.input = x_group + first_row * spec.width;
    job.input_end = x.data.data() + x.data.size();
  } else {
    const std::vector<float>& grid = ws.scratch[static_cast<size_t>(slot)];
    job.input = grid.data();
    job.input_end = grid.data() + grid.size();
  }
  job.k_offsets = ws.k_offsets.data();
  job.k_count = plan.k_count;
  job.weights = w.data.data() + g * out_per_group * plan.k_count;
  job.bias = b != nullptr ? b->data.data() + g * out_per_group : nullptr;
  job.oc_count = out_per_group;
  job.microkernel = plan.microkernel;
  job.q_count = std::min(plan.band_rows, out.h - first_row) * plan.row_pitch;
  job.row_pitch = plan.row_pitch;
  job.out_width = out.w;
  job.out_plane = out.h * out.w;
  job.out_offset = ((band.n * out.c + g * out_per_group) * out.h + first_row) * out.w;
  job.out = y.data.data() + job.out_offset;
  return job;
}

}  // namespace

const ConvPlan& prepare_workspace(ConvWorkspace& ws, const Conv2dProblem& spec, int threads) {
  // The SIMD target only changes under tests that force one, but a plan made
  // for another target names a microkernel it may lack and sizes the grid's
  // slack for its vectors.
  if (ws.threads == threads && ws.spec == spec && ws.plan.simd_target == simd_support().target) {
    return ws.plan;
  }
  ws.spec = spec;
  ws.threads = threads;
  ws.plan = plan_conv(spec, threads);
  fill_k_offsets(spec, ws.plan, ws.k_offsets);
  fill_column_sources(spec, ws.plan, ws.column_sources);
  fill_row_sources(spec, ws.plan, ws.row_sources);
  ws.column_interiors.clear();
  for (int64_t pw = 0; pw < ws.plan.column_phases; ++pw) {
    const Interior interior = interior_of(spec, ws.plan.row_pitch, pw);
    ws.column_interiors.insert(ws.column_interiors.end(),
                               {interior.begin, interior.end, interior.first});
  }
  // Zeroed once: the read-past slack at each grid's end must hold numbers.
  // (Copies of one zeroed grid: this allocation order measured up to 25 %
  // faster on small 2-thread shapes than sizing each grid in turn, through
  // where the allocator places the grids and later tensors.)
  ws.scratch.assign(static_cast<size_t>(ws.plan.threads),
                    std::vector<float>(static_cast<size_t>(ws.plan.scratch_floats), 0.0f));
  return ws.plan;
}

void conv2d(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y,
            ConvWorkspace& ws, ThreadPool& pool) {
  const ConvPlan& plan = prepare_workspace(ws, spec, pool.size());
  const Shape4 out = output_shape(spec);
  const bool same_shape = y.shape.size() == 4 && y.shape[0] == out.n && y.shape[1] == out.c &&
                          y.shape[2] == out.h && y.shape[3] == out.w;
  if (!same_shape) y.shape = to_vector(out);  // calls on the same shape allocate nothing
  y.data.resize(static_cast<size_t>(element_count(y.shape)));

  if (plan.algorithm == Algorithm::Reference) {
    conv2d_reference(spec, x, w, b, y);
    return;
  }
  auto task = [&](int64_t t, int slot) {
    const Band band = band_of(spec, plan, t);
    if (!plan.reads_input_in_place) {
      fill_band_grid(spec, ws, group_input(spec, x, band), band.first_row,
                     ws.scratch[static_cast<size_t>(slot)].data());
    }
    run_band(band_job(spec, ws, x, w, b, y, band, slot));
  };
  if (plan.threads == 1) {
    for (int64_t t = 0; t < plan.tasks; ++t) task(t, 0);
  } else {
    pool.run(plan.tasks, task);
  }
}

void conv2d(const Conv2dProblem& spec, const Tensor& x, const Tensor& w, const Tensor* b,
            Tensor& y) {
  thread_local ConvWorkspace workspace;
  conv2d(spec, x, w, b, y, workspace, default_thread_pool());
}

}  // namespace convviz
