#include "ui/canvas_geometry.h"

#include <algorithm>

namespace convviz::ui {
namespace {

constexpr float kGapCells = 1.5f;  // between columns, room for the connector
constexpr float kMinCell = 6.0f;

struct Stack {  // one kind of grid, stacked top to bottom
  GridKind kind;
  int64_t count, rows, cols;
  float height(float cell, float label) const {
    return float(count) * (float(rows) * cell + label * 1.6f);
  }
};

// Columns of stacks; a column's stacks sit one below the other.
using Arrangement = std::vector<std::vector<Stack>>;

float largest_cell(const Arrangement& columns, float width, float height, float label,
                   float max_cell) {
  float total_cols = kGapCells * float(columns.size() - 1) + 1;
  for (const auto& column : columns) {
    int64_t widest = 0;
    for (const Stack& s : column) widest = std::max(widest, s.cols);
    total_cols += float(widest);
  }
  float cell = std::min(max_cell, width / total_cols);
  for (const auto& column : columns) {
    float rows = 0, labels = 0;
    for (const Stack& s : column) {
      rows += float(s.count * s.rows);
      labels += float(s.count) * label * 1.6f;
    }
    cell = std::min(cell, (height - labels) / std::max(rows, 1.0f));
  }
  return cell;
}

}  // namespace

CanvasGeometry layout_canvas(const ConvSpec& spec, Rect area, float label_height, float zoom,
                             float pan_x, float pan_y, float max_cell) {
  const SidePadding pad = side_padding(spec);
  const Shape4 out = output_shape(spec);
  const Stack input{GridKind::Input, spec.in_channels, spec.height + pad.top + pad.bottom,
                    spec.width + pad.left + pad.right};
  const Stack kernel{GridKind::Kernel, in_channels_per_group(spec), spec.kernel_size.h,
                     spec.kernel_size.w};
  const Stack output{GridKind::Output, spec.out_channels, out.h, out.w};
  // Input | kernel | output side by side, or the kernels under the input
  // (input | output): whichever gives bigger cells.
  const Arrangement side_by_side = {{input}, {kernel}, {output}};
  const Arrangement kernel_below = {{input, kernel}, {output}};
  const float width = area.x1 - area.x0, height = area.y1 - area.y0;
  const float a = largest_cell(side_by_side, width, height, label_height, max_cell);
  const float b = largest_cell(kernel_below, width, height, label_height, max_cell);
  const Arrangement& chosen = b >= a ? kernel_below : side_by_side;

  CanvasGeometry g;
  g.kernel_below_input = b >= a;
  g.cell = std::max(std::max(a, b), kMinCell) * zoom;
  g.label_height = label_height;
  float x = area.x0 + g.cell * 0.5f + pan_x;
  for (const auto& column : chosen) {
    float y = area.y0 + pan_y;
    int64_t widest = 0;
    for (const Stack& s : column) {
      for (int64_t k = 0; k < s.count; ++k) {
        y += label_height;
        g.grids.push_back({s.kind, k, x, y, s.rows, s.cols, g.cell});
        y += float(s.rows) * g.cell + label_height * 0.6f;
      }
      widest = std::max(widest, s.cols);
    }
    x += (float(widest) + kGapCells) * g.cell;
  }
  return g;
}

std::optional<GridCell> hit_test(const CanvasGeometry& g, float x, float y) {
  for (const GridPlacement& p : g.grids) {
    if (!p.bounds().contains(x, y)) continue;
    const auto row = static_cast<int64_t>((y - p.y0) / p.cell);
    const auto col = static_cast<int64_t>((x - p.x0) / p.cell);
    return GridCell{p.kind, p.channel, std::clamp<int64_t>(row, 0, p.rows - 1),
                    std::clamp<int64_t>(col, 0, p.cols - 1)};
  }
  return std::nullopt;
}

const GridPlacement* find_grid(const CanvasGeometry& g, GridKind kind, int64_t channel) {
  for (const GridPlacement& p : g.grids) {
    if (p.kind == kind && p.channel == channel) return &p;
  }
  return nullptr;
}

}  // namespace convviz::ui
