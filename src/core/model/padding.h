#pragma once
// Where each padded cell's value comes from, for all four padding modes.
// The engines read padded values through this map, and the GUI uses it to
// show which input cell a padding cell copies.
#include <cstdint>
#include <optional>

#include "core/model/conv2d_spec.h"

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
// A negative `pad_before` crops, as F.pad does: padded cell 0 is input cell
// -pad_before. nn.Conv2d crops both sides of an axis alike, so a cropped
// axis never reflects or wraps. A padded index below 0 (or past the padded
// extent) names a cropped cell: it still maps to the input cell it was, so
// the window can show it struck out, but no output reads it.
std::optional<int64_t> padding_source_index(PaddingMode mode, int64_t padded, int64_t pad_before,
                                            int64_t size);

// Both axes: the modes are separable, so a corner cell reflects, replicates
// or wraps in y and x independently, exactly as torch.nn.functional.pad.
std::optional<Cell> padding_source_cell(const Conv2dProblem& spec, int64_t padded_y,
                                        int64_t padded_x);

// True when (padded_y, padded_x) lies outside the input, whatever the mode.
bool is_padding_cell(const Conv2dProblem& spec, int64_t padded_y, int64_t padded_x);

// True when a negative padding crops the input cell at (padded_y, padded_x):
// the cell lies outside the padded (here: cropped) extent, so the
// convolution never reads it. Coordinates are padded ones, so the top
// cropped row of padding -2 is padded_y = -2.
bool is_cropped_cell(const Conv2dProblem& spec, int64_t padded_y, int64_t padded_x);

// The cells a negative padding crops from each side (0 where it pads).
SidePadding cropped_sides(const Conv2dProblem& spec);

}  // namespace convviz
