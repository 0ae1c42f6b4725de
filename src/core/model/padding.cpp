#include "core/model/padding.h"

namespace convviz {

std::optional<int64_t> padding_source_index(PaddingMode mode, int64_t padded, int64_t pad_before,
                                            int64_t size) {
  const int64_t i = padded - pad_before;
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case PaddingMode::Zeros:
      return std::nullopt;
    case PaddingMode::Reflect:  // mirror without repeating the edge: -1 -> 1
      return i < 0 ? -i : 2 * (size - 1) - i;
    case PaddingMode::Replicate:  // repeat the edge
      return i < 0 ? 0 : size - 1;
    case PaddingMode::Circular:  // wrap around: -1 -> size - 1
      return ((i % size) + size) % size;
  }
  return std::nullopt;
}

std::optional<Cell> padding_source_cell(const Conv2dProblem& spec, int64_t padded_y,
                                        int64_t padded_x) {
  const SidePadding pad = side_padding(spec);
  const auto y = padding_source_index(spec.padding_mode, padded_y, pad.top, spec.height);
  const auto x = padding_source_index(spec.padding_mode, padded_x, pad.left, spec.width);
  if (!y || !x) return std::nullopt;
  return Cell{*y, *x};
}

bool is_padding_cell(const Conv2dProblem& spec, int64_t padded_y, int64_t padded_x) {
  const SidePadding pad = side_padding(spec);
  const int64_t y = padded_y - pad.top;
  const int64_t x = padded_x - pad.left;
  return y < 0 || y >= spec.height || x < 0 || x >= spec.width;
}

SidePadding cropped_sides(const Conv2dProblem& spec) {
  const SidePadding pad = side_padding(spec);
  auto crop = [](int64_t p) { return p < 0 ? -p : int64_t{0}; };
  return {crop(pad.top), crop(pad.bottom), crop(pad.left), crop(pad.right)};
}

bool is_cropped_cell(const Conv2dProblem& spec, int64_t padded_y, int64_t padded_x) {
  const SidePadding pad = side_padding(spec), crop = cropped_sides(spec);
  const int64_t y = padded_y - pad.top, x = padded_x - pad.left;  // input coordinates
  const bool inside = y >= 0 && y < spec.height && x >= 0 && x < spec.width;
  return inside && (y < crop.top || y >= spec.height - crop.bottom || x < crop.left ||
                    x >= spec.width - crop.right);
}

}  // namespace convviz
