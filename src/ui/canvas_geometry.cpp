#include "ui/canvas_geometry.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace convviz::ui {
namespace {

constexpr float kGapCells = 1.0f;      // between columns, where the connectors run
constexpr float kWrapGapCells = 0.6f;  // between small multiples of one kind
constexpr float kMinCell = 6.0f;
constexpr int64_t kMaxWrap = 12;
constexpr float kLabelRows = 1.35f;  // a caption above each grid and a gap below it

struct Stack {  // the grids of one kind, in `wrap` columns of small multiples
  GridKind kind;
  int64_t count, rows, cols;
  int64_t wrap = 1;
  int64_t per_column() const { return (count + wrap - 1) / wrap; }
  float width_cells() const { return float(wrap * cols) + float(wrap - 1) * kWrapGapCells; }
};

// Columns of stacks; a column's stacks sit one below the other.
using Arrangement = std::vector<std::vector<Stack>>;

float total_columns(const Arrangement& columns) {
  float total = kGapCells * float(columns.size() - 1) + 1;
  for (const auto& column : columns) {
    float widest = 0;
    for (const Stack& s : column) widest = std::max(widest, s.width_cells());
    total += widest;
  }
  return total;
}

// A column's grid rows and caption rows.
std::pair<float, float> column_rows(const std::vector<Stack>& column) {
  float rows = 0, labels = 0;
  for (const Stack& s : column) {
    rows += float(s.per_column() * s.rows);
    labels += float(s.per_column()) * kLabelRows;
  }
  return {rows, labels};
}

float largest_cell(const Arrangement& columns, float width, float height, float label,
                   float max_cell) {
  float cell = std::min(max_cell, width / total_columns(columns));
  for (const auto& column : columns) {
    const auto [rows, labels] = column_rows(column);
    cell = std::min(cell, (height - labels * label) / std::max(rows, 1.0f));
  }
  return cell;
}

// Calls `visit` with every way of wrapping each kind into 1..kMaxWrap
// columns, set in `columns`.
template <class Visit>
void for_each_wrap(Arrangement& columns, Visit visit) {
  std::vector<Stack*> stacks;
  for (auto& column : columns) {
    for (Stack& s : column) stacks.push_back(&s);
  }
  std::vector<int64_t> wraps(stacks.size(), 1);
  for (;;) {
    for (size_t i = 0; i < stacks.size(); ++i) stacks[i]->wrap = wraps[i];
    visit();
    size_t i = 0;  // next combination, like an odometer
    while (i < stacks.size() && ++wraps[i] > std::min(kMaxWrap, stacks[i]->count)) wraps[i++] = 1;
    if (i == stacks.size()) return;
  }
}

// Tries every wrapping and keeps the one with the biggest cells.
float best_wraps(Arrangement& columns, float width, float height, float label, float max_cell) {
  Arrangement best = columns;
  float best_cell = -1;
  for_each_wrap(columns, [&] {
    const float cell = largest_cell(columns, width, height, label, max_cell);
    if (cell > best_cell + 0.01f) {
      best_cell = cell;
      best = columns;
    }
  });
  columns = best;
  return best_cell;
}

struct Arrangements {
  Arrangement side_by_side, kernel_below;
};

// Input | kernel | output side by side, or the kernels under the input
// (input | output).
Arrangements arrangements(const Conv2dProblem& spec) {
  const InputExtent extent = input_extent(spec);
  const Shape4 out = output_shape(spec);
  const Stack input{GridKind::Input, spec.in_channels, extent.rows, extent.cols};
  const Stack kernel{GridKind::Kernel, in_channels_per_group(spec), spec.kernel_size.h,
                     spec.kernel_size.w};
  const Stack output{GridKind::Output, spec.out_channels, out.h, out.w};
  return {{{input}, {kernel}, {output}}, {{input, kernel}, {output}}};
}

}  // namespace

InputExtent input_extent(const Conv2dProblem& spec) {
  const SidePadding pad = side_padding(spec);
  // A negative padding crops; the cropped cells are still drawn, so the grid
  // spans the input itself on that axis.
  auto outward = [](int64_t p) { return std::max<int64_t>(p, 0); };
  return {spec.height + outward(pad.top) + outward(pad.bottom),
          spec.width + outward(pad.left) + outward(pad.right), std::min<int64_t>(pad.top, 0),
          std::min<int64_t>(pad.left, 0)};
}

CanvasGeometry layout_canvas(const Conv2dProblem& spec, Rect area, float font_size, float zoom,
                             float pan_x, float pan_y, float max_cell) {
  const InputExtent extent = input_extent(spec);
  // Whichever arrangement gives bigger cells.
  auto [side_by_side, kernel_below] = arrangements(spec);
  const float width = area.x1 - area.x0, height = area.y1 - area.y0;
  // Captions scale with the cells (never above the UI font), so a large
  // text size does not eat the grids' room: lay out once with full-size
  // captions, size the captions from those cells, then lay out again.
  float label_size = font_size;
  float a = 0, b = 0;
  for (int pass = 0; pass < 2; ++pass) {
    const float label_height = label_size * 1.25f;
    a = best_wraps(side_by_side, width, height, label_height, max_cell);
    b = best_wraps(kernel_below, width, height, label_height, max_cell);
    label_size = std::clamp(std::max(a, b) * 0.55f, std::min(12.0f, font_size), font_size);
  }
  const float label_height = label_size * 1.25f;
  const Arrangement& chosen = b >= a ? kernel_below : side_by_side;

  CanvasGeometry g;
  g.kernel_below_input = b >= a;
  g.cell = std::max(std::max(a, b), kMinCell) * zoom;
  g.label_height = label_height;
  g.label_size = label_size;
  float x = area.x0 + g.cell * 0.5f + pan_x;
  for (const auto& column : chosen) {
    float y = area.y0 + pan_y;
    float widest = 0;
    for (const Stack& s : column) {
      const float stack_top = y;
      float stack_bottom = y;
      for (int64_t k = 0; k < s.count; ++k) {
        const int64_t sub_column = k % s.wrap, slot = k / s.wrap;  // reads row by row
        const float grid_x = x + float(sub_column) * (float(s.cols) + kWrapGapCells) * g.cell;
        const float grid_y = stack_top +
                             float(slot) * (float(s.rows) * g.cell + label_height * kLabelRows) +
                             label_height;
        GridPlacement placement{s.kind, k, grid_x, grid_y, s.rows, s.cols, g.cell};
        if (s.kind == GridKind::Input) {
          placement.first_row = extent.first_row;
          placement.first_col = extent.first_col;
        }
        g.grids.push_back(placement);
        stack_bottom = std::max(stack_bottom,
                                grid_y + float(s.rows) * g.cell + label_height * (kLabelRows - 1));
      }
      y = stack_bottom;
      widest = std::max(widest, s.width_cells());
    }
    x += (widest + kGapCells) * g.cell;
  }
  return g;
}

float needed_canvas_width(const Conv2dProblem& spec, float height, float label_height,
                          float min_cell) {
  float narrowest = std::numeric_limits<float>::infinity();
  auto [side_by_side, kernel_below] = arrangements(spec);
  for (Arrangement* columns : {&side_by_side, &kernel_below}) {
    for_each_wrap(*columns, [&] {
      for (const auto& column : *columns) {
        const auto [rows, labels] = column_rows(column);
        if (rows * min_cell + labels * label_height > height) return;
      }
      narrowest = std::min(narrowest, total_columns(*columns) * min_cell);
    });
  }
  return narrowest;
}

std::optional<GridCell> hit_test(const CanvasGeometry& g, float x, float y) {
  for (const GridPlacement& p : g.grids) {
    if (!p.bounds().contains(x, y)) continue;
    const auto row = static_cast<int64_t>((y - p.y0) / p.cell);
    const auto col = static_cast<int64_t>((x - p.x0) / p.cell);
    return GridCell{p.kind, p.channel, std::clamp<int64_t>(row, 0, p.rows - 1) + p.first_row,
                    std::clamp<int64_t>(col, 0, p.cols - 1) + p.first_col};
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
