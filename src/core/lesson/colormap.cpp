#include "core/lesson/colormap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace convviz {
namespace {

struct Stop {
  float at;
  float r, g, b;
};

// Key colours of viridis (monotone lightness, readable in grey and by the
// colour-blind) and of a blue-white-red diverging map; the tables
// interpolate linearly between them.
constexpr Stop kSequential[] = {
    {0.000f, 68, 1, 84},    {0.125f, 71, 44, 122},  {0.250f, 59, 82, 139},
    {0.375f, 44, 114, 142}, {0.500f, 33, 145, 140}, {0.625f, 39, 173, 129},
    {0.750f, 92, 200, 99},  {0.875f, 170, 220, 50}, {1.000f, 253, 231, 37}};
constexpr Stop kDiverging[] = {
    {0.00f, 5, 48, 97},     {0.15f, 33, 102, 172},  {0.30f, 103, 169, 207},
    {0.42f, 209, 229, 240}, {0.50f, 247, 247, 247}, {0.58f, 253, 219, 199},
    {0.70f, 239, 138, 98},  {0.85f, 178, 24, 43},   {1.00f, 103, 0, 31}};

template <size_t N>
ColormapTable build_table(const Stop (&stops)[N]) {
  ColormapTable table{};
  for (int i = 0; i < kColormapEntries; ++i) {
    const float t = float(i) / float(kColormapEntries - 1);
    size_t k = 1;
    while (k + 1 < N && stops[k].at < t) ++k;
    const Stop& a = stops[k - 1];
    const Stop& b = stops[k];
    const float u = std::clamp((t - a.at) / (b.at - a.at), 0.0f, 1.0f);
    auto mix = [u](float from, float to) { return uint8_t(std::lround(from + (to - from) * u)); };
    table[size_t(i)] = Rgb{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
  }
  return table;
}

// Where `value` falls along the table, 0 .. 1.
float position(const MapRange& range, float value) {
  if (range.map == Colormap::Diverging && range.lo < 0 && range.hi > 0) {
    return value < 0 ? 0.5f - 0.5f * value / range.lo : 0.5f + 0.5f * value / range.hi;
  }
  const float span = range.hi - range.lo;
  return span > 0 ? (value - range.lo) / span : 0.5f;
}

MapRange range_over(float lo, float hi) {
  if (lo >= 0) return {lo, hi > lo ? hi : lo + 1.0f, Colormap::Sequential};
  const float extent = std::max(-lo, hi);
  return {-extent, extent, Colormap::Diverging};
}

}  // namespace

const ColormapTable& colormap_table(Colormap map) {
  static const ColormapTable sequential = build_table(kSequential);
  static const ColormapTable diverging = build_table(kDiverging);
  return map == Colormap::Sequential ? sequential : diverging;
}

int colormap_index(const MapRange& range, float value) {
  const float t = std::clamp(position(range, value), 0.0f, 1.0f);
  return std::clamp(int(t * float(kColormapEntries - 1) + 0.5f), 0, kColormapEntries - 1);
}

float colormap_value(const MapRange& range, int index) {
  const float t = float(index) / float(kColormapEntries - 1);
  if (range.map == Colormap::Diverging && range.lo < 0 && range.hi > 0) {
    return t < 0.5f ? range.lo * (1.0f - 2.0f * t) : range.hi * (2.0f * t - 1.0f);
  }
  return range.lo + t * (range.hi - range.lo);
}

namespace {

// Smallest and largest of `count` values. The comparisons skip NaN and the
// loop vectorizes; a rare infinity sends the plane to the slow, exact scan.
Extremes plane_extremes(const float* values, int64_t count) {
  float lo = std::numeric_limits<float>::max(), hi = -lo;
  for (int64_t i = 0; i < count; ++i) {
    const float v = values[i];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  if (std::isinf(lo) || std::isinf(hi)) {
    lo = std::numeric_limits<float>::max(), hi = -lo;
    for (int64_t i = 0; i < count; ++i) {
      if (!std::isfinite(values[i])) continue;
      lo = std::min(lo, values[i]);
      hi = std::max(hi, values[i]);
    }
  }
  return lo <= hi ? Extremes{lo, hi} : Extremes{};
}

}  // namespace

std::vector<Extremes> channel_extremes(const Tensor& y) {
  if (y.shape.size() != 4) return {};
  const int64_t batch = y.shape[0], channels = y.shape[1], plane = y.shape[2] * y.shape[3];
  std::vector<Extremes> extremes;
  for (int64_t c = 0; c < channels; ++c) {
    std::optional<Extremes> all;
    for (int64_t n = 0; n < batch; ++n) {
      const float* values = y.data.data() + (n * channels + c) * plane;
      bool any = false;
      for (int64_t i = 0; i < plane && !any; ++i) any = std::isfinite(values[i]);
      if (!any) continue;
      const Extremes e = plane_extremes(values, plane);
      all = all ? Extremes{std::min(all->lo, e.lo), std::max(all->hi, e.hi)} : e;
    }
    extremes.push_back(all.value_or(Extremes{}));
  }
  return extremes;
}

std::vector<MapRange> map_ranges(const Tensor& y, RangeMode mode, float fixed_lo, float fixed_hi) {
  return map_ranges(channel_extremes(y), mode, fixed_lo, fixed_hi);
}

std::vector<MapRange> map_ranges(const std::vector<Extremes>& extremes, RangeMode mode,
                                 float fixed_lo, float fixed_hi) {
  if (mode == RangeMode::Fixed) {
    const Colormap map = fixed_lo < 0 && fixed_hi > 0 ? Colormap::Diverging : Colormap::Sequential;
    return std::vector<MapRange>(extremes.size(), MapRange{fixed_lo, fixed_hi, map});
  }
  std::vector<MapRange> ranges;
  for (const Extremes& e : extremes) ranges.push_back(range_over(e.lo, e.hi));
  if (mode == RangeMode::Shared && !extremes.empty()) {
    Extremes all = extremes[0];
    for (const Extremes& e : extremes) all = {std::min(all.lo, e.lo), std::max(all.hi, e.hi)};
    std::fill(ranges.begin(), ranges.end(), range_over(all.lo, all.hi));
  }
  return ranges;
}

}  // namespace convviz
