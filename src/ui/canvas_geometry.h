#pragma once
// Where the canvas puts each grid and cell: pure arithmetic over the spec
// and the available space, so drawing and hit-testing agree.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/conv2d_spec.h"
#include "ui/app_state.h"

namespace convviz::ui {

struct GridPlacement {
  GridKind kind = GridKind::None;
  int64_t channel = 0;   // input: c_in; kernel: index within the group; output: c_out
  float x0 = 0, y0 = 0;  // top-left of cell (0, 0)
  int64_t rows = 0, cols = 0;
  float cell = 0;
  // The index of the grid's first row and column. 0, except on an input
  // cropped by a negative padding: its cells keep their padded coordinates,
  // so the rows cropped from the top are -1, -2, … and drawn above row 0.
  int64_t first_row = 0, first_col = 0;
  Rect cell_rect(int64_t y, int64_t x) const {
    const float cy = float(y - first_row), cx = float(x - first_col);
    return {x0 + cx * cell, y0 + cy * cell, x0 + (cx + 1) * cell, y0 + (cy + 1) * cell};
  }
  Rect bounds() const { return {x0, y0, x0 + float(cols) * cell, y0 + float(rows) * cell}; }
};

struct CanvasGeometry {
  std::vector<GridPlacement> grids;
  float cell = 0;
  float label_height = 0;           // the caption row above each grid
  float label_size = 0;             // the captions' font size
  bool kernel_below_input = false;  // else input | kernel | output side by side
};

// The rows and columns the canvas draws for the input: the padded input,
// plus the cells a negative padding crops (struck out, never read).
struct InputExtent {
  int64_t rows = 0, cols = 0, first_row = 0, first_col = 0;
};
InputExtent input_extent(const Conv2dProblem& spec);

// Lays out the padded input (every input channel), the kernels of the
// current output channel (one per input channel of its group) and every
// output channel, each kind stacked top to bottom, at the largest cell size
// that fits `area` (then times `zoom`, moved by the pan).
CanvasGeometry layout_canvas(const Conv2dProblem& spec, Rect area, float font_size, float zoom,
                             float pan_x, float pan_y, float max_cell);

// The narrowest canvas `height` high that shows the whole layer with cells
// of at least `min_cell` (infinity when no arrangement is that low): the
// window gives the canvas this room before the side panels get theirs.
float needed_canvas_width(const Conv2dProblem& spec, float height, float label_height,
                          float min_cell);

std::optional<GridCell> hit_test(const CanvasGeometry& g, float x, float y);
const GridPlacement* find_grid(const CanvasGeometry& g, GridKind kind, int64_t channel);

}  // namespace convviz::ui
