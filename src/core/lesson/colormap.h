#pragma once
// How a feature map's values become colours: a perceptual sequential map
// (dark to bright, like matplotlib's viridis) for non-negative data and a
// diverging map (blue, white at 0, red) for signed data. The GPU samples the
// same 256-entry tables the colour bar and the tests read here.
#include <array>
#include <cstdint>
#include <vector>

#include "core/model/tensor.h"

namespace convviz {

enum class Colormap { Sequential, Diverging };

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

inline constexpr int kColormapEntries = 256;
using ColormapTable = std::array<Rgb, kColormapEntries>;
const ColormapTable& colormap_table(Colormap map);

// The values one map's colours span. Diverging maps put 0 at the centre
// entry: [lo, 0] spreads over the lower half, [0, hi] over the upper.
struct MapRange {
  float lo = 0.0f, hi = 1.0f;
  Colormap map = Colormap::Sequential;
  bool operator==(const MapRange&) const = default;
};

// Which table entry shows `value` (values outside the range clamp to the
// ends). The fragment shader computes the same formula.
int colormap_index(const MapRange& range, float value);
// The inverse, for reading a colour back: the value at the centre of entry i.
float colormap_value(const MapRange& range, int index);

enum class RangeMode {
  PerMap,  // each map from its own smallest to largest value
  Shared,  // every map over the smallest and largest value of all of them
  Fixed,   // a range the user types
};

// The smallest and largest finite value of each channel of y ([N, C, H, W]);
// {0, 0} for a channel with none.
struct Extremes {
  float lo = 0.0f, hi = 0.0f;
  bool operator==(const Extremes&) const = default;
};
std::vector<Extremes> channel_extremes(const Tensor& y);

// One range per output channel of y ([1, C, H, W]): sequential when the
// values it covers are all >= 0, else diverging and symmetric about 0 so
// equal magnitudes get equal strength. Fixed uses [fixed_lo, fixed_hi] as
// given (diverging when fixed_lo < 0 < fixed_hi).
std::vector<MapRange> map_ranges(const Tensor& y, RangeMode mode, float fixed_lo, float fixed_hi);
// The same from channel_extremes(y), which the background worker computes.
std::vector<MapRange> map_ranges(const std::vector<Extremes>& extremes, RangeMode mode,
                                 float fixed_lo, float fixed_hi);

}  // namespace convviz
