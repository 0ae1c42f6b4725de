// The canvas: the padded input per channel with the sliding window, the
// kernels of the current output channel, and every output channel with the
// current cell, joined by a connector. Values come from the Session and the
// engine's output; the canvas only decides where and how to draw them.
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "core/padding.h"
#include "ui/canvas_geometry.h"
#include "ui/edits.h"
#include "ui/kernel_library.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

struct Frame {
  AppState& state;
  const ConvSpec& spec;
  const Palette& colors;
  ImDrawList* draw;
  CanvasGeometry geometry{};
  OutputPosition at{};                     // the current step's output element
  int64_t group_first = 0, group_end = 0;  // input channels of the current group
  float alpha = 1.0f;                      // dimmed while the draft is invalid
  Rect area{};                             // the canvas on screen
  ImDrawListSplitter layers{};
  std::vector<std::pair<int64_t, Rect>> windows{};  // the window's outline per input channel
};

// Fills and grid lines at the bottom, connectors above them, numbers,
// captions and outlines on top: a connector never strikes through a digit.
enum Layer { kFillLayer = 0, kConnectorLayer = 1, kTopLayer = 2 };
void layer(Frame& f, Layer which) { f.layers.SetCurrentChannel(f.draw, which); }

ImVec2 v(float x, float y) { return ImVec2(x, y); }

struct FittedText {
  std::string text;
  float size = 0;
};

// The number as exactly as fits `width`: four significant digits, then a
// leading "0." dropped (".05"), then fewer digits, then a smaller font. A
// value never disappears: when nothing fits, a dot marks the cell (its
// tooltip has the value).
FittedText fitted_number(float value, float width, ImFont* font, float size) {
  std::vector<std::string> candidates = {format_number(value)};
  std::string compact = candidates[0];
  if (compact.rfind("0.", 0) == 0) compact.erase(0, 1);
  if (compact.rfind("-0.", 0) == 0) compact.erase(1, 1);
  candidates.push_back(compact);
  for (const char* format : {"%.3g", "%.2g", "%.1g"}) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, format, double(value));
    candidates.emplace_back(buffer);
  }
  for (float scale : {1.0f, 0.8f, 0.65f}) {
    for (const std::string& text : candidates) {
      if (font->CalcTextSizeA(size * scale, FLT_MAX, 0, text.c_str()).x <= width) {
        return {text, size * scale};
      }
    }
  }
  return {"·", size};
}

void cell_text(Frame& f, const Rect& r, float value, ImU32 colour) {
  const FontSet& fonts = f.state.fonts;
  const float cell = r.x1 - r.x0;
  ImFont* font = fonts.mono;
  float size = std::min(fonts.size, cell * 0.56f);
  if (cell > fonts.size * 2.6f && fonts.mono_large) {
    font = fonts.mono_large;
    size = std::min(fonts.size * 2, cell * 0.42f);
  }
  if (size < 7.0f) return;  // too small to read: the tooltip has the value
  const FittedText fitted = fitted_number(value, cell * 0.9f, font, size);
  const ImVec2 extent = font->CalcTextSizeA(fitted.size, FLT_MAX, 0, fitted.text.c_str());
  layer(f, kTopLayer);
  f.draw->AddText(font, fitted.size, v(r.center_x() - extent.x / 2, r.center_y() - extent.y / 2),
                  faded(colour, f.alpha), fitted.text.c_str());
}

void cell_box(Frame& f, const Rect& r, ImU32 fill) {
  layer(f, kFillLayer);
  f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1), faded(fill, f.alpha));
}

// The grid's lines, once per row and column rather than a border per cell:
// a 32×32 grid stays a few hundred vertices.
void grid_lines(Frame& f, const GridPlacement& p) {
  layer(f, kFillLayer);
  const Rect b = p.bounds();
  const ImU32 colour = faded(f.colors.cell_border, f.alpha);
  for (int64_t y = 0; y <= p.rows; ++y) {
    const float at = p.y0 + float(y) * p.cell;
    f.draw->AddLine(v(b.x0, at), v(b.x1, at), colour);
  }
  for (int64_t x = 0; x <= p.cols; ++x) {
    const float at = p.x0 + float(x) * p.cell;
    f.draw->AddLine(v(at, b.y0), v(at, b.y1), colour);
  }
}

void outline(Frame& f, const Rect& r, ImU32 colour, float thickness) {
  layer(f, kTopLayer);
  f.draw->AddRect(v(r.x0, r.y0), v(r.x1, r.y1), colour, 0, 0, thickness);
}

// "canvas.input.0": the layout name tests find a grid by.
std::string grid_item_name(const GridPlacement& p) {
  const char* kind = p.kind == GridKind::Input    ? "canvas.input."
                     : p.kind == GridKind::Kernel ? "canvas.kernel."
                                                  : "canvas.output.";
  return kind + std::to_string(p.channel);
}

// A grid's caption, clipped to the grid's width so captions never run into
// the next column.
// A grid's caption in the canvas's caption size, `short_text` when `text`
// is wider than the grid, clipped to the grid so captions never collide.
void grid_label(Frame& f, const GridPlacement& p, const std::string& text,
                const std::string& short_text, bool emphasised) {
  layer(f, kTopLayer);
  const Rect b = p.bounds();
  const float size = f.geometry.label_size;
  const float top = p.y0 - f.geometry.label_height;
  const float room = b.x1 - b.x0 + f.geometry.cell * 0.5f;
  ImFont* font = ImGui::GetFont();
  const bool fits = font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= room;
  const std::string& shown = fits ? text : short_text;
  f.draw->PushClipRect(v(b.x0, top), v(b.x0 + room, p.y0), true);
  f.draw->AddText(font, size, v(p.x0, top),
                  faded(emphasised ? f.colors.text : f.colors.dim_text, f.alpha), shown.c_str());
  f.draw->PopClipRect();
  // Where the caption's text is, for the tests that check it is drawn.
  const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, shown.c_str());
  f.state.item_rects[grid_item_name(p) + ".caption"] =
      Rect{p.x0, top, std::min(p.x0 + extent.x, b.x0 + room), std::min(top + extent.y, p.y0)};
}

// Does the window of output (oy, ox) sample padded cell (py, px)?
bool window_samples(const ConvSpec& s, int64_t oy, int64_t ox, int64_t py, int64_t px) {
  const int64_t dy = py - oy * s.stride.h, dx = px - ox * s.stride.w;
  return dy >= 0 && dx >= 0 && dy % s.dilation.h == 0 && dx % s.dilation.w == 0 &&
         dy / s.dilation.h < s.kernel_size.h && dx / s.dilation.w < s.kernel_size.w;
}

// Does output (oy, ox) read the value of padded cell (py, px)? For the
// non-zero modes that includes every padding cell that copies its source.
bool output_reads(const Frame& f, int64_t oy, int64_t ox, int64_t py, int64_t px) {
  const auto source = padding_source_cell(f.spec, py, px);
  for (int64_t ky = 0; ky < f.spec.kernel_size.h; ++ky) {
    for (int64_t kx = 0; kx < f.spec.kernel_size.w; ++kx) {
      const int64_t ty = oy * f.spec.stride.h + ky * f.spec.dilation.h;
      const int64_t tx = ox * f.spec.stride.w + kx * f.spec.dilation.w;
      if (ty == py && tx == px) return true;
      if (source && padding_source_cell(f.spec, ty, tx) == source) return true;
    }
  }
  return false;
}

// The part of the input grid the convolution reads: all of it, unless a
// negative padding crops rows or columns (drawn outside this rectangle).
Rect kept_rect(const ConvSpec& spec, const GridPlacement& p) {
  const SidePadding pad = side_padding(spec);
  const int64_t rows = spec.height + pad.top + pad.bottom;
  const int64_t cols = spec.width + pad.left + pad.right;
  const Rect a = p.cell_rect(0, 0), b = p.cell_rect(rows - 1, cols - 1);
  return {a.x0, a.y0, b.x1, b.y1};
}

// Cropped rows and columns stay visible with their values, dimmed and
// struck through: F.pad removed them before the convolution.
void strike_cropped(Frame& f, const GridPlacement& p) {
  const Rect kept = kept_rect(f.spec, p), all = p.bounds();
  layer(f, kTopLayer);
  const ImU32 colour = faded(f.colors.error, f.alpha * 0.85f);
  const float thickness = std::max(1.5f, p.cell * 0.06f);
  for (int64_t y = p.first_row; y < p.first_row + p.rows; ++y) {
    const Rect r = p.cell_rect(y, p.first_col);
    if (r.center_y() > kept.y0 && r.center_y() < kept.y1) continue;
    f.draw->AddLine(v(all.x0, r.center_y()), v(all.x1, r.center_y()), colour, thickness);
  }
  for (int64_t x = p.first_col; x < p.first_col + p.cols; ++x) {
    const Rect r = p.cell_rect(p.first_row, x);
    if (r.center_x() > kept.x0 && r.center_x() < kept.x1) continue;
    f.draw->AddLine(v(r.center_x(), all.y0), v(r.center_x(), all.y1), colour, thickness);
  }
  outline(f, kept, faded(f.colors.text, f.alpha * 0.8f), std::max(1.5f, p.cell * 0.05f));
}

void draw_input_grid(Frame& f, const GridPlacement& p) {
  const Session& s = f.state.session;
  const bool in_group = p.channel >= f.group_first && p.channel < f.group_end;
  const float saved = f.alpha;
  if (!in_group) f.alpha *= 0.35f;
  const std::string channel = "c" + std::to_string(p.channel);
  grid_label(f, p, std::string(tr(f.state, S::InputGrid)) + "  " + channel, channel, in_group);
  // Padded coordinates: a cropped row above the kept ones is -1.
  for (int64_t y = p.first_row; y < p.first_row + p.rows; ++y) {
    for (int64_t x = p.first_col; x < p.first_col + p.cols; ++x) {
      const Rect r = p.cell_rect(y, x);
      const bool padding = is_padding_cell(f.spec, y, x);
      const bool cropped = is_cropped_cell(f.spec, y, x);
      const auto source = padding_source_cell(f.spec, y, x);
      const float value = source ? s.input.at(f.at.n, p.channel, source->y, source->x) : 0.0f;
      const bool sampled = in_group && window_samples(f.spec, f.at.y, f.at.x, y, x);
      const float alpha = f.alpha;
      if (cropped) f.alpha *= 0.45f;
      cell_box(f, r, padding ? f.colors.padding_cell : f.colors.cell);
      if (sampled)
        f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1), faded(f.colors.window_sample, f.alpha));
      cell_text(f, r, value,
                padding   ? f.colors.padding_text
                : cropped ? f.colors.dim_text
                          : f.colors.text);
      f.alpha = alpha;
    }
  }
  grid_lines(f, p);
  const std::string kept = "canvas.input." + std::to_string(p.channel) + ".kept";
  if (p.first_row < 0 || p.first_col < 0) {
    strike_cropped(f, p);
    f.state.item_rects[kept] = kept_rect(f.spec, p);
  } else {
    f.state.item_rects.erase(kept);
  }
  if (in_group) {
    // The window's extent, dilation gaps included.
    const int64_t y0 = f.at.y * f.spec.stride.h, x0 = f.at.x * f.spec.stride.w;
    const int64_t y1 = y0 + f.spec.dilation.h * (f.spec.kernel_size.h - 1);
    const int64_t x1 = x0 + f.spec.dilation.w * (f.spec.kernel_size.w - 1);
    const Rect a = p.cell_rect(y0, x0), b = p.cell_rect(y1, x1);
    const Rect window{a.x0, a.y0, b.x1, b.y1};
    outline(f, window, faded(f.colors.window, f.alpha), std::max(2.0f, f.geometry.cell * 0.08f));
    if (p.channel == f.group_first) f.state.item_rects["canvas.window"] = window;
    f.windows.emplace_back(p.channel, window);
  }
  f.alpha = saved;
}

void draw_kernel_grid(Frame& f, const GridPlacement& p) {
  const Session& s = f.state.session;
  const std::string weight =
      "w[" + std::to_string(f.at.c_out) + "," + std::to_string(p.channel) + "]";
  grid_label(f, p, std::string(tr(f.state, S::KernelGrid)) + "  " + weight, weight, true);
  for (int64_t y = 0; y < p.rows; ++y) {
    for (int64_t x = 0; x < p.cols; ++x) {
      const Rect r = p.cell_rect(y, x);
      cell_box(f, r, f.colors.cell);
      cell_text(f, r, s.weight.at(f.at.c_out, p.channel, y, x), f.colors.text);
    }
  }
  grid_lines(f, p);
  outline(f, p.bounds(), faded(f.colors.window, f.alpha), 2.0f);
}

void draw_output_grid(Frame& f, const GridPlacement& p) {
  const int64_t per_group = out_channels_per_group(f.spec);
  const bool in_group = p.channel / per_group == f.at.c_out / per_group;
  const float saved = f.alpha;
  if (!in_group) f.alpha *= 0.5f;
  const std::string channel = "c" + std::to_string(p.channel);
  grid_label(f, p, std::string(tr(f.state, S::OutputGrid)) + "  " + channel, channel, in_group);
  const int64_t current = f.state.session.step;
  for (int64_t y = 0; y < p.rows; ++y) {
    for (int64_t x = 0; x < p.cols; ++x) {
      const Rect r = p.cell_rect(y, x);
      const int64_t step = step_index(f.spec, {f.at.n, p.channel, y, x});
      const bool blank = f.state.view.reveal_outputs && step > current;
      cell_box(f, r, blank ? f.colors.output_blank : f.colors.cell);
      if (!blank) cell_text(f, r, f.state.output.at(f.at.n, p.channel, y, x), f.colors.text);
    }
  }
  grid_lines(f, p);
  if (p.channel == f.at.c_out) {
    const Rect r = p.cell_rect(f.at.y, f.at.x);
    f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1), faded(f.colors.window_sample, f.alpha));
    outline(f, r, faded(f.colors.output_current, f.alpha), std::max(2.0f, f.geometry.cell * 0.08f));
    f.state.item_rects["canvas.current_output"] = r;
  }
  f.alpha = saved;
}

// Hover feedback: a padding cell's source, the outputs an input cell feeds,
// and the input and kernel cells of a hovered term of the step panel.
void draw_hover(Frame& f) {
  const GridCell& h = f.state.hovered;
  if (h.grid == GridKind::Input) {
    const GridPlacement* grid = find_grid(f.geometry, GridKind::Input, h.channel);
    if (const auto src = padding_source_cell(f.spec, h.y, h.x);
        src && is_padding_cell(f.spec, h.y, h.x)) {
      const SidePadding pad = side_padding(f.spec);
      outline(f, grid->cell_rect(src->y + pad.top, src->x + pad.left), f.colors.source_cell, 3.0f);
    }
    const int64_t per_group = out_channels_per_group(f.spec);
    const int64_t group = h.channel / in_channels_per_group(f.spec);
    for (int64_t co = group * per_group; co < (group + 1) * per_group; ++co) {
      const GridPlacement* out = find_grid(f.geometry, GridKind::Output, co);
      for (int64_t y = 0; y < out->rows; ++y) {
        for (int64_t x = 0; x < out->cols; ++x) {
          if (!output_reads(f, y, x, h.y, h.x)) continue;
          layer(f, kFillLayer);
          const Rect r = out->cell_rect(y, x);
          f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1), f.colors.contributes);
        }
      }
    }
  }
  const int64_t term = f.state.hovered_term;
  if (term >= 0 && term < int64_t(f.state.trace.terms.size())) {
    const TraceTerm& t = f.state.trace.terms[size_t(term)];
    if (const GridPlacement* in = find_grid(f.geometry, GridKind::Input, t.c_in)) {
      outline(f, in->cell_rect(t.padded_y, t.padded_x), f.colors.hover, 3.0f);
    }
    if (const GridPlacement* k = find_grid(f.geometry, GridKind::Kernel, t.c_in - f.group_first)) {
      outline(f, k->cell_rect(t.ky, t.kx), f.colors.hover, 3.0f);
    }
  }
}

// A curve from the window on each input channel of the group (the output
// sums them all) to the output cell, routed around the kernels and kept on
// the canvas.
void draw_connectors(Frame& f) {
  const auto cell = f.state.item_rects.find("canvas.current_output");
  if (cell == f.state.item_rects.end() || f.windows.empty()) return;
  const size_t shown = f.windows.size() <= 8 ? f.windows.size() : 1;
  // The kernels' column, when it stands between the input and the output.
  float top = FLT_MAX, bottom = -FLT_MAX, left = FLT_MAX, right = 0;
  for (const GridPlacement& p : f.geometry.grids) {
    if (p.kind != GridKind::Kernel || f.geometry.kernel_below_input) continue;
    top = std::min(top, p.y0 - f.geometry.label_height);
    bottom = std::max(bottom, p.bounds().y1);
    left = std::min(left, p.bounds().x0);
    right = std::max(right, p.bounds().x1);
  }
  layer(f, kConnectorLayer);
  const ImU32 colour = faded(f.colors.connector, f.alpha * (shown > 1 ? 0.75f : 1.0f));
  const float thickness = std::max(2.5f, f.geometry.cell * 0.04f);
  const ImVec2 b = v(cell->second.x0, cell->second.center_y());
  for (size_t i = 0; i < shown; ++i) {
    const Rect& w = f.windows[i].second;
    const ImVec2 a = v(w.x1, w.center_y());
    const float middle = (a.y + b.y) / 2;
    if (!(middle > top && middle < bottom)) {  // the straight path misses the kernels
      const float bend = (b.x - a.x) * 0.5f;
      f.draw->AddBezierCubic(a, v(a.x + bend, a.y), v(b.x - bend, b.y), b, colour, thickness);
      continue;
    }
    // Pass above or below the kernels, whichever is nearer, turning towards
    // the output cell only once past them; stay on the canvas.
    // Prefer the nearer side, unless the canvas has no room there.
    const float gap = f.geometry.cell * 0.5f;
    const float above = top - gap, below = bottom + gap;
    const bool room_above = above > f.area.y0, room_below = below < f.area.y1;
    const bool go_above = room_above && (!room_below || middle - top < bottom - middle);
    const float route = std::clamp(go_above ? above : below, f.area.y0 + 4, f.area.y1 - 4);
    // In before the kernels, along beside them, out towards the output.
    const ImVec2 in = v(left - gap, route), out = v(right + gap, route);
    const float first = (in.x - a.x) * 0.5f, last = (b.x - out.x) * 0.5f;
    f.draw->AddBezierCubic(a, v(a.x + first, a.y), v(in.x - first, route), in, colour, thickness);
    f.draw->AddLine(in, out, colour, thickness);
    f.draw->AddBezierCubic(out, v(out.x + last, route), v(b.x - last, b.y), b, colour, thickness);
  }
  f.draw->AddCircleFilled(b, thickness * 1.6f, faded(f.colors.connector, f.alpha));
}

// The term of the current step that reads this input or kernel cell.
int64_t term_at(const AppState& state, const GridCell& cell, int64_t group_first) {
  const auto& terms = state.trace.terms;
  for (size_t i = 0; i < terms.size(); ++i) {
    const TraceTerm& t = terms[i];
    if (cell.grid == GridKind::Input && t.c_in == cell.channel && t.padded_y == cell.y &&
        t.padded_x == cell.x) {
      return int64_t(i);
    }
    if (cell.grid == GridKind::Kernel && t.c_in - group_first == cell.channel && t.ky == cell.y &&
        t.kx == cell.x) {
      return int64_t(i);
    }
  }
  return -1;
}

// The SetValue for a grid cell, or nullopt for cells that hold no value of
// their own (padding, outputs).
// A cell remembers its batch item and output channel, so a value typed
// while playback moves on still lands where it was clicked. Cells that hold
// no value of their own (padding, outputs) or no longer exist give nullopt.
std::optional<SetValue> value_edit(const Frame& f, const GridCell& c, float value) {
  const ConvSpec& s = f.spec;
  if (c.grid == GridKind::Input && c.n < s.batch && c.channel < s.in_channels &&
      !is_padding_cell(s, c.y, c.x)) {
    const SidePadding pad = side_padding(s);
    const int64_t index =
        ((c.n * s.in_channels + c.channel) * s.height + c.y - pad.top) * s.width + c.x - pad.left;
    return SetValue{TensorRole::Input, size_t(index), value};
  }
  if (c.grid == GridKind::Kernel && c.c_out < s.out_channels &&
      c.channel < in_channels_per_group(s) && c.y < s.kernel_size.h && c.x < s.kernel_size.w) {
    const int64_t index =
        ((c.c_out * in_channels_per_group(s) + c.channel) * s.kernel_size.h + c.y) *
            s.kernel_size.w +
        c.x;
    return SetValue{TensorRole::Weight, size_t(index), value};
  }
  return std::nullopt;
}

float value_at(const Frame& f, const GridCell& c) {
  const Session& s = f.state.session;
  if (c.grid == GridKind::Kernel) return s.weight.at(c.c_out, c.channel, c.y, c.x);
  const auto src = padding_source_cell(f.spec, c.y, c.x);
  return src ? s.input.at(c.n, c.channel, src->y, src->x) : 0.0f;
}

// The exact value under the pointer, and where it comes from: the grids
// show numbers rounded to fit their cells.
void cell_tooltip(const Frame& f, const GridCell& c) {
  const auto at = [](std::initializer_list<int64_t> index) {
    std::string text = "[";
    for (int64_t i : index) text += (text.size() > 1 ? ", " : "") + std::to_string(i);
    return text + "]";
  };
  std::string text;
  if (c.grid == GridKind::Output) {
    const int64_t step = step_index(f.spec, {c.n, c.channel, c.y, c.x});
    text = tr(f.state, S::OutputTensor) + at({c.n, c.channel, c.y, c.x}) + " = " +
           format_number(f.state.output.at(c.n, c.channel, c.y, c.x)) + "   (" +
           step_words(f.state, S::StepN, step) + ")";
  } else if (c.grid == GridKind::Kernel) {
    text = tr(f.state, S::WeightTensor) + at({c.c_out, c.channel, c.y, c.x}) + " = " +
           format_number(value_at(f, c));
  } else if (is_cropped_cell(f.spec, c.y, c.x)) {
    const auto src = padding_source_cell(f.spec, c.y, c.x);
    text = tr(f.state, S::InputTensor) + at({c.n, c.channel, src->y, src->x}) + " = " +
           format_number(value_at(f, c)) + "   (" + tr(f.state, S::CroppedCell) + ")";
  } else if (const auto src = padding_source_cell(f.spec, c.y, c.x); !src) {
    text = std::string(tr(f.state, S::PaddingCell)) + " (zeros) = 0";
  } else {
    const std::string value = tr(f.state, S::InputTensor) + at({c.n, c.channel, src->y, src->x}) +
                              " = " + format_number(value_at(f, c));
    text = is_padding_cell(f.spec, c.y, c.x)
               ? std::string(tr(f.state, S::PaddingCell)) + " (" +
                     std::string(padding_mode_name(f.spec.padding_mode)) + ") ← " + value
               : value;
  }
  ImGui::SetTooltip("%s", text.c_str());
}

void handle_mouse(Frame& f, bool canvas_hovered) {
  AppState& state = f.state;
  ImGuiIO& io = ImGui::GetIO();
  auto cell = canvas_hovered ? hit_test(f.geometry, io.MousePos.x, io.MousePos.y)
                             : std::optional<GridCell>{};
  if (cell) {
    cell->n = f.at.n;
    cell->c_out = f.at.c_out;
  }
  state.hovered = cell.value_or(GridCell{});
  if (cell && (cell->grid == GridKind::Input || cell->grid == GridKind::Kernel)) {
    const int64_t term = term_at(state, *cell, f.group_first);
    if (term >= 0) state.hovered_term = state.hovered_term_next = term;
  }
  if (canvas_hovered && io.MouseWheel != 0.0f) {
    state.zoom = std::clamp(state.zoom * std::pow(1.1f, io.MouseWheel), 0.25f, 6.0f);
  }
  // Pan with the middle button, or the left one pressed between the grids.
  if (canvas_hovered && !cell && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) state.panning = true;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) state.panning = false;
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Middle) || state.panning) {
    state.pan_x += io.MouseDelta.x;
    state.pan_y += io.MouseDelta.y;
  }
  if (cell && !state.pressed && !state.panning) cell_tooltip(f, *cell);
  if (canvas_hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && cell) {
    if (cell->grid == GridKind::Output) {
      apply(state, SetStep{step_index(f.spec, {f.at.n, cell->channel, cell->y, cell->x})});
    } else if (value_edit(f, *cell, 0.0f)) {
      state.pressed = cell;
      state.painting = false;
    }
  }
  if (state.pressed && ImGui::IsMouseDown(ImGuiMouseButton_Left) && cell &&
      cell->grid == state.pressed->grid && !(*cell == *state.pressed)) {
    if (!state.painting) {  // the drag starts: paint where it began too
      state.painting = true;
      if (auto first = value_edit(f, *state.pressed, state.brush_value)) apply(state, *first);
    }
    if (auto edit = value_edit(f, *cell, state.brush_value)) {
      state.merge_next_edit = true;
      apply(state, *edit);
    }
  }
  if (state.pressed && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    if (!state.painting) {
      state.editing = state.pressed;
      state.playing = false;  // the step stays put while a value is typed
      ImGui::OpenPopup("##edit_cell");
    }
    state.pressed.reset();
    state.painting = false;
  }
  if (canvas_hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && cell &&
      cell->grid != GridKind::Output) {
    state.menu_grid = cell->grid;
    state.menu_channel = cell->grid == GridKind::Input ? cell->channel : f.at.c_out;
    ImGui::OpenPopup("##grid_menu");
  }
}

void edit_cell_popup(Frame& f) {
  AppState& state = f.state;
  if (!ImGui::BeginPopup("##edit_cell")) return;
  if (!state.editing) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  static float typed = 0.0f;
  if (ImGui::IsWindowAppearing()) {
    typed = value_at(f, *state.editing);
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::InputFloat(tr(state, S::EditValue), &typed, 0, 0, "%g",
                        ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (auto edit = value_edit(f, *state.editing, typed)) apply(state, *edit);
    state.brush_value = typed;
    state.editing.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// With several input channels a named kernel can see each one alike, only
// its own, or the picture's brightness.
void channel_mode_choice(AppState& state) {
  const std::pair<ChannelMode, S> modes[] = {{ChannelMode::AsGiven, S::ChannelsAsGiven},
                                             {ChannelMode::PerChannel, S::ChannelsPerChannel},
                                             {ChannelMode::Luminance, S::ChannelsLuminance}};
  for (const auto& [mode, name] : modes) {
    if (ImGui::RadioButton(tr(state, name), state.kernel_channels == mode)) {
      state.kernel_channels = mode;
    }
    remember_item(state, "fill.channels." + std::to_string(int(mode)));
  }
}

// Why a named kernel is not offered at this size.
S kernel_size_note(Fill fill) {
  if (fill == Fill::SobelX || fill == Fill::SobelY) return S::OnlyOddSizes;
  return fill == Fill::MotionBlur ? S::OnlySquare : S::OnlyThreeByThree;
}

void grid_menu(Frame& f) {
  AppState& state = f.state;
  if (!ImGui::BeginPopup("##grid_menu")) return;
  const bool kernel = state.menu_grid == GridKind::Kernel;
  const TensorRole role = kernel ? TensorRole::Weight : TensorRole::Input;
  ImGui::Checkbox(tr(state, S::FillThisChannel), &state.fill_one_channel);
  if (kernel && in_channels_per_group(f.spec) > 1) channel_mode_choice(state);
  ImGui::Separator();
  const S none = S::FillThisChannel;  // fills of the input explain themselves
  std::vector<LibraryKernel> items = {{Fill::Zeros, S::FillZeros, none},
                                      {Fill::Ones, S::FillOnes, none},
                                      {Fill::RandomIntegers, S::FillRandomIntegers, none},
                                      {Fill::RandomNormal, S::FillRandomNormal, none}};
  if (kernel) items.insert(items.end(), kernel_library().begin(), kernel_library().end());
  for (const auto& [fill, name, purpose] : items) {
    if (fill == Fill::Identity) ImGui::Separator();
    const bool available =
        named_kernel(fill, f.spec.kernel_size.h, f.spec.kernel_size.w) || !is_kernel_fill(fill);
    if (ImGui::MenuItem(tr(state, name), nullptr, false, available)) {
      FillValues edit{role, fill, std::nullopt, state.fill_seed++, state.kernel_channels};
      if (state.fill_one_channel) edit.channel = state.menu_channel;
      if (fill == Fill::Gaussian) edit.sigma = state.gaussian_sigma;
      apply(state, edit);
    }
    remember_item(state, "fill." + std::string(fill_name(fill)));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && purpose != none) {
      if (available) {
        ImGui::SetTooltip("%s", tr(state, purpose));
      } else {
        ImGui::SetTooltip("%s (%s)", tr(state, purpose), tr(state, kernel_size_note(fill)));
      }
    }
    if (fill == Fill::Gaussian) sigma_slider(state, ImGui::GetFontSize() * 8);
  }
  ImGui::EndPopup();
}

void toolbar(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(state, S::Brush));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputFloat("##brush", &state.brush_value, 0, 0, "%g");
  const std::string zoom = std::string(tr(state, S::Zoom)) + " " +
                           std::to_string(int(std::lround(state.zoom * 100))) + "%";
  same_line_if_fits(ImGui::CalcTextSize(zoom.c_str()).x);
  ImGui::TextUnformatted(zoom.c_str());
  same_line_if_fits(ImGui::CalcTextSize(tr(state, S::ResetView)).x + ImGui::GetFontSize());
  if (ImGui::SmallButton(tr(state, S::ResetView))) {
    state.zoom = 1.0f;
    state.pan_x = state.pan_y = 0.0f;
  }
  if (!state.draft_errors.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error), "%s",
                       tr(state, S::InvalidBanner));
  }
}

// "padding=(-1, 1) crops 1 row from the top and the bottom before the
// convolution (F.pad with a negative amount); …" (`note` is CropNote or
// CropNoteShort), or "" without a crop.
std::string crop_note(const AppState& state, const ConvSpec& spec, S note) {
  const SidePadding crop = cropped_sides(spec);
  std::string what;
  if (crop.top > 0) {
    what = replaced(replaced(tr(state, S::CropRows), "{n}", std::to_string(crop.top)), "{rows}",
                    tr(state, crop.top == 1 ? S::OneRow : S::ManyRows));
  }
  if (crop.left > 0) {
    if (!what.empty()) what += tr(state, S::CropJoin);
    what += replaced(replaced(tr(state, S::CropColumns), "{n}", std::to_string(crop.left)),
                     "{columns}", tr(state, crop.left == 1 ? S::OneColumn : S::ManyColumns));
  }
  if (what.empty()) return "";
  const std::string pad =
      spec.padding.h == spec.padding.w
          ? std::to_string(spec.padding.h)
          : "(" + std::to_string(spec.padding.h) + ", " + std::to_string(spec.padding.w) + ")";
  return replaced(replaced(tr(state, note), "{pad}", pad), "{what}", what);
}

struct FittedNote {
  std::string text;
  float size = 0;
  ImVec2 extent{};
};

// The whole note in the UI font, else the short one, else the short one in
// the captions' smallest size: never more than a third of the canvas, so
// at large text sizes on a small canvas the grids keep their room.
FittedNote fitted_note(const AppState& state, const ConvSpec& spec, float width, float height) {
  const float size = ImGui::GetFontSize();
  const std::pair<S, float> choices[] = {
      {S::CropNote, size}, {S::CropNoteShort, size}, {S::CropNoteShort, std::min(size, 13.0f)}};
  FittedNote fitted;
  for (const auto& [note, font_size] : choices) {
    fitted.text = crop_note(state, spec, note);
    fitted.size = font_size;
    fitted.extent = ImGui::GetFont()->CalcTextSizeA(font_size, FLT_MAX, width, fitted.text.c_str());
    if (fitted.extent.y <= height / 3) break;
  }
  return fitted;
}

// The crop note along the canvas's bottom edge; returns the room it takes.
float draw_crop_note(AppState& state, const ConvSpec& spec, Rect area, float alpha) {
  if (cropped_sides(spec).top == 0 && cropped_sides(spec).left == 0) {
    state.item_rects.erase("canvas.crop_note");
    return 0.0f;
  }
  const float margin = ImGui::GetFontSize() * 0.5f;
  const float width = area.x1 - area.x0 - 2 * margin;
  const FittedNote note = fitted_note(state, spec, width, area.y1 - area.y0);
  const float height = std::min(note.extent.y, area.y1 - area.y0);
  const Rect rect{area.x0 + margin, area.y1 - height - margin * 0.5f,
                  area.x0 + margin + note.extent.x, area.y1 - margin * 0.5f};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(v(area.x0, area.y0), v(area.x1, area.y1), true);
  draw->AddText(ImGui::GetFont(), note.size, v(rect.x0, rect.y0),
                faded(palette(state.view.theme).text, alpha), note.text.c_str(), nullptr, width);
  draw->PopClipRect();
  state.item_rects["canvas.crop_note"] = rect;
  return height + margin;
}

}  // namespace

void draw_canvas_scene(AppState& state, Rect area, bool interactive) {
  const ConvSpec& spec = state.session.spec;
  const float note_alpha = state.draft_errors.empty() || !interactive ? 1.0f : 0.4f;
  area.y1 -= draw_crop_note(state, spec, area, note_alpha);
  Frame f{state, spec, palette(state.view.theme), ImGui::GetWindowDrawList()};
  f.geometry = layout_canvas(spec, area, ImGui::GetFontSize(), state.zoom, state.pan_x, state.pan_y,
                             state.fonts.size * 4.0f);
  f.area = area;
  f.at = state.trace.position;
  f.group_first = state.trace.c_in_begin;
  f.group_end = state.trace.c_in_end;
  f.alpha = state.draft_errors.empty() || !interactive ? 1.0f : 0.4f;

  f.draw->PushClipRect(v(area.x0, area.y0), v(area.x1, area.y1), true);
  f.layers.Split(f.draw, 3);
  for (const GridPlacement& p : f.geometry.grids) {
    state.item_rects[grid_item_name(p)] = p.bounds();
    if (p.kind == GridKind::Input) draw_input_grid(f, p);
    if (p.kind == GridKind::Kernel) draw_kernel_grid(f, p);
    if (p.kind == GridKind::Output) draw_output_grid(f, p);
  }
  draw_connectors(f);
  if (interactive) {
    handle_mouse(f, ImGui::IsItemHovered());
    draw_hover(f);
  }
  f.layers.Merge(f.draw);
  f.draw->PopClipRect();
  if (interactive) {
    edit_cell_popup(f);
    grid_menu(f);
  }
}

void draw_canvas(AppState& state) {
  toolbar(state);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (avail.x < 8 || avail.y < 8) return;
  ImGui::InvisibleButton("##canvas", avail,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  remember_item(state, "canvas");
  draw_canvas_scene(state, Rect{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y}, true);
}

}  // namespace convviz::ui
