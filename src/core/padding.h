#pragma once
// Where each padded cell's value comes from, for all four padding modes.
// The engines read padded values through this map, and the GUI uses it to
// show which input cell a padding cell copies.
#include <cstdint>
#include <optional>

#include "core/conv_spec.h"

namespace convviz {

struct Cell {
  int64_t y = 0;
  int64_t x = 0;
  bool operator==(const Cell&) const = default;
};

// One axis: `padded` counts from the first padding cell, `pad_before` cells
// precede the input's first cell, `size` is the input's length. Returns the
// input index the padded cell copies, or nullopt for a zero-padding cell.
// Valid only for what validate() accepts (reflect pad < size, circular
// pad <= size), so one reflection or wrap always lands inside the input.
std::optional<int64_t> padding_source_index(PaddingMode mode, int64_t padded, int64_t pad_before,
                                            int64_t size);

// Both axes: the modes are separable, so a corner cell reflects, replicates
// or wraps in y and x independently, exactly as torch.nn.functional.pad.
std::optional<Cell> padding_source_cell(const ConvSpec& spec, int64_t padded_y, int64_t padded_x);

// True when (padded_y, padded_x) lies outside the input, whatever the mode.
bool is_padding_cell(const ConvSpec& spec, int64_t padded_y, int64_t padded_x);

}  // namespace convviz
