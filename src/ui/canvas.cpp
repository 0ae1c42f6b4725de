// The canvas: the padded input per channel with the sliding window, the
// kernels of the current output channel, and every output channel with the
// current cell, joined by a connector. Values come from the Session and the
// engine's output; the canvas only decides where and how to draw them.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/model/padding.h"
#include "ui/canvas_geometry.h"
#include "ui/cell_number.h"
#include "ui/edits.h"
#include "ui/fine_step.h"
#include "ui/kernel_library.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

struct Frame {
  AppState& state;
  const Conv2dProblem& spec;
  const Palette& colors;
  ImDrawList* draw;
  CanvasGeometry geometry{};
  OutputPosition at{};                     // the current step's output element
  int64_t group_first = 0, group_end = 0;  // input channels of the current group
  float alpha = 1.0f;                      // dimmed while the draft is invalid
  FineStep fine{};                         // fine steps: the current product, the running sum
  Rect area{};                             // the canvas on screen
  ImDrawListSplitter layers{};
  std::vector<std::pair<int64_t, Rect>> windows{};  // the window's outline per input channel
  float largest_weight = 1.0f;                      // |w| the kernel shades span
  std::vector<int64_t> loupe_channels{};            // whose window values the loupe shows
};

// Fills and grid lines at the bottom, connectors above them, numbers,
// captions and outlines on top: a connector never strikes through a digit.
enum Layer { kFillLayer = 0, kConnectorLayer = 1, kTopLayer = 2 };
void layer(Frame& f, Layer which) { f.layers.SetCurrentChannel(f.draw, which); }

ImVec2 v(float x, float y) { return ImVec2(x, y); }

DrawnCell drawn_cell(GridKind grid, int64_t n, int64_t c, int64_t y, int64_t x,
                     bool padding = false) {
  DrawnCell cell;
  cell.grid = grid;
  cell.n = n;
  cell.c = c;
  cell.y = y;
  cell.x = x;
  cell.padding = padding;
  return cell;
}

// The number the sum prints, as large as the cell allows (up to twice the
// panel text) and never smaller than the panel text; see cell_number.h.
// `cell` says which cell it is, for the layout report.
void cell_text(Frame& f, const Rect& r, float value, ImU32 colour, DrawnCell cell) {
  const FontSet& fonts = f.state.fonts;
  const float width = r.x1 - r.x0, height = r.y1 - r.y0;
  const float largest =
      fonts.mono_large ? std::min({fonts.size * 2, width * 0.45f, height * 0.9f}) : fonts.size;
  // ImGui's line is the font size tall: a cell lower than that shows no digits.
  const bool tall_enough = fonts.size <= height;
  const auto font_for = [&](float size) {
    return size > fonts.size && fonts.mono_large ? fonts.mono_large : fonts.mono;
  };
  // Off the canvas (zoomed or panned away): nothing to measure or show.
  const bool on_canvas =
      r.x1 > f.area.x0 && r.x0 < f.area.x1 && r.y1 > f.area.y0 && r.y0 < f.area.y1;
  const CellNumber number =
      tall_enough && on_canvas
          ? fit_cell_number(value, width * kDigitsShare, fonts.size, largest,
                            [&](std::string_view text, float size) {
                              return font_for(size)
                                  ->CalcTextSizeA(size, FLT_MAX, 0, text.data(),
                                                  text.data() + text.size())
                                  .x;
                            })
          : CellNumber{};
  cell.rect = r;
  cell.value = value;
  cell.text = number.text;
  cell.text_px = number.text.empty() ? 0.0f : number.size;
  cell.approximate = number.approximate;
  if (!number.text.empty()) {
    ImFont* font = font_for(number.size);
    const ImVec2 extent = font->CalcTextSizeA(number.size, FLT_MAX, 0, number.text.c_str());
    const ImVec2 at = v(r.center_x() - extent.x / 2, r.center_y() - extent.y / 2);
    cell.text_rect = {at.x, at.y, at.x + extent.x, at.y + extent.y};
    layer(f, kTopLayer);
    f.draw->AddText(font, number.size, at, faded(colour, f.alpha), number.text.c_str());
  }
  f.state.drawn.approximations |= number.approximate;
  f.state.drawn.hidden_numbers |= number.text.empty();
  f.state.drawn.cells.push_back(std::move(cell));
}

// Image mode shades every cell by its value, so a grid too fine for
// numbers still reads as the picture: the input in greys over the
// picture's scale, the kernel and the output in the feature maps' colours.
// 0 (transparent) outside image mode.
ImU32 value_shade(const Frame& f, GridKind grid, int64_t channel, float value) {
  const PictureView& picture = f.state.picture;
  if (!picture.open() || !std::isfinite(value)) return 0;
  const auto rgb = [](const Rgb& c) { return IM_COL32(c.r, c.g, c.b, 255); };
  if (grid == GridKind::Input) {
    const float t = std::clamp(value / (picture.unit_range ? 1.0f : 255.0f), 0.0f, 1.0f);
    const auto grey = static_cast<uint8_t>(std::lround(t * 255));
    return rgb({grey, grey, grey});
  }
  if (grid == GridKind::Kernel) {
    const MapRange range{-f.largest_weight, f.largest_weight, Colormap::Diverging};
    return rgb(colormap_table(range.map)[size_t(colormap_index(range, value))]);
  }
  if (size_t(channel) >= picture.ranges.size()) return 0;
  const MapRange& range = picture.ranges[size_t(channel)];
  return rgb(colormap_table(range.map)[size_t(colormap_index(range, value))]);
}

// Black or white digits, whichever reads on the shade.
ImU32 text_on(ImU32 shade) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(shade);
  const float luminance = 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
  return luminance > 0.5f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

// The running sum in the current output cell ("Σ 7"), in the current
// term's colour, so it never reads as the cell's value; the tooltip says
// why. The font is chosen as cell_text chooses it.
// Fine steps: the running sum, "Σ 7", in the current-term colour and the
// panel text size; just "Σ" when the number does not fit (the tooltip and
// the step panel have it). Never the result before the last product.
void partial_cell_text(Frame& f, const Rect& r, DrawnCell cell) {
  const FontSet& fonts = f.state.fonts;
  const float room = (r.x1 - r.x0) * kDigitsShare;
  std::string text = partial_sum_text(f.fine);
  const auto width = [&](const std::string& t) {
    return fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, t.c_str()).x;
  };
  if (width(text) > room) text.erase(text.find(' '), 1);  // "Σ11"
  if (width(text) > room) text = "\u03a3";
  if (width(text) > room || fonts.size > r.y1 - r.y0) text.clear();
  cell.rect = r;
  cell.value = float(f.fine.running_sum);
  cell.partial = true;
  cell.text = text;
  if (!text.empty()) {
    const ImVec2 extent = fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, text.c_str());
    const ImVec2 at = v(r.center_x() - extent.x / 2, r.center_y() - extent.y / 2);
    cell.text_rect = {at.x, at.y, at.x + extent.x, at.y + extent.y};
    cell.text_px = fonts.size;
    layer(f, kTopLayer);
    f.draw->AddText(fonts.mono, fonts.size, at, faded(f.colors.current_term, f.alpha),
                    text.c_str());
  }
  f.state.drawn.cells.push_back(std::move(cell));
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

// Fine steps: the input and kernel cells of the product just added.
void outline_current_term(Frame& f, const Rect& r, const std::string& name) {
  const float thickness = std::max(2.5f, f.geometry.cell * 0.1f);
  const Rect inset{r.x0 + thickness / 2, r.y0 + thickness / 2, r.x1 - thickness / 2,
                   r.y1 - thickness / 2};
  outline(f, inset, faded(f.colors.current_term, f.alpha), thickness);
  f.state.item_rects[name] = r;
}

const TraceTerm* current_term(const Frame& f) {
  const auto& terms = f.state.trace.terms;
  const int64_t i = f.fine.current_term;
  return i >= 0 && i < int64_t(terms.size()) ? &terms[size_t(i)] : nullptr;
}

// "canvas.input.0": the layout name tests find a grid by.
std::string grid_item_name(const GridPlacement& p) {
  const char* kind = p.kind == GridKind::Input    ? "canvas.input."
                     : p.kind == GridKind::Kernel ? "canvas.kernel."
                                                  : "canvas.output.";
  return kind + std::to_string(p.channel);
}

// A grid's caption in the canvas's caption size, or `short_text` when
// `text` is wider than the grid, in a smaller size (down to 11 px) when
// even that is too wide: never cut off mid-word. Without room for 11 px,
// the grid goes without (its cells' tooltips name it).
void grid_label(Frame& f, const GridPlacement& p, const std::string& text,
                const std::string& short_text, bool emphasised) {
  constexpr float kSmallestCaption = 11.0f;
  const Rect b = p.bounds();
  const float room = b.x1 - b.x0 + f.geometry.cell * 0.5f;
  const float top = p.y0 - f.geometry.label_height;
  ImFont* font = ImGui::GetFont();
  f.state.item_rects.erase(grid_item_name(p) + ".caption");
  for (float size = f.geometry.label_size;; size = std::max(kSmallestCaption, size * 0.85f)) {
    for (const std::string* caption : {&text, &short_text}) {
      if (font->CalcTextSizeA(size, FLT_MAX, 0, caption->c_str()).x > room) continue;
      layer(f, kTopLayer);
      const float y = top + (f.geometry.label_size - size);
      f.draw->AddText(font, size, v(p.x0, y),
                      faded(emphasised ? f.colors.text : f.colors.dim_text, f.alpha),
                      caption->c_str());
      // Where the caption's text is, for the tests that check it is drawn.
      const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, caption->c_str());
      f.state.item_rects[grid_item_name(p) + ".caption"] =
          Rect{p.x0, y, p.x0 + extent.x, y + extent.y};
      return;
    }
    if (size <= kSmallestCaption) return;
  }
}

// Does the window of output (oy, ox) sample padded cell (py, px)?
bool window_samples(const Conv2dProblem& s, int64_t oy, int64_t ox, int64_t py, int64_t px) {
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
Rect kept_rect(const Conv2dProblem& spec, const GridPlacement& p) {
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

// Where the loupe goes: right of every grid, else below them, else (image
// mode) in the canvas's bottom-right corner, over the grids.
std::optional<ImVec2> loupe_corner(const Frame& f, float width, float height) {
  float right = f.area.x0, bottom = f.area.y0;
  for (const GridPlacement& p : f.geometry.grids) {
    right = std::max(right, p.bounds().x1);
    bottom = std::max(bottom, p.bounds().y1);
  }
  const float gap = f.state.fonts.size * 0.5f;
  const float top = std::clamp(f.area.y0 + f.geometry.label_height, f.area.y0,
                               std::max(f.area.y0, f.area.y1 - height));
  if (right + gap + width <= f.area.x1) return v(right + gap, top);
  if (bottom + gap + height <= f.area.y1) return v(f.area.x0 + gap, bottom + gap);
  // Over the grids only for a picture, whose grid reads as shades anyway;
  // elsewhere the step table has the numbers.
  if (!f.state.picture.open()) return std::nullopt;
  return v(std::max(f.area.x0, f.area.x1 - width), std::max(f.area.y0, f.area.y1 - height));
}

// When the window's cells are too small for their numbers (a picture as
// the input), the values it reads on each channel of the group are drawn
// enlarged in one box, in the panel text size, over the canvas: the
// numbers of the current step are always on the canvas.
void draw_loupe(Frame& f, const std::vector<int64_t>& channels) {
  const Session& s = f.state.session;
  const FontSet& fonts = f.state.fonts;
  const int64_t rows = f.spec.kernel_size.h, cols = f.spec.kernel_size.w;
  // Wide enough for the values it shows (up to 7 characters; longer ones
  // get their ≈ form), and at least "≈.42".
  float widest = fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, "≈.42").x;
  for (int64_t c : channels) {
    for (int64_t ky = 0; ky < rows; ++ky) {
      for (int64_t kx = 0; kx < cols; ++kx) {
        const auto source =
            padding_source_cell(f.spec, f.at.y * f.spec.stride.h + ky * f.spec.dilation.h,
                                f.at.x * f.spec.stride.w + kx * f.spec.dilation.w);
        if (!source) continue;
        const std::string text = format_number(s.input.at(f.at.n, c, source->y, source->x));
        widest = std::max(
            widest, fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, text.substr(0, 7).c_str()).x);
      }
    }
  }
  const float cell = std::max(widest / kDigitsShare, fonts.size * 1.3f);
  const float pad = fonts.size * 0.3f;
  // The caption only where the canvas has the height for it.
  const bool captioned =
      ImGui::GetFontSize() * 1.2f + float(rows) * cell + 2 * pad <= f.area.y1 - f.area.y0;
  const float caption = captioned ? ImGui::GetFontSize() * 1.2f : 0.0f;
  // One channel's window and the gap after it; as many side by side as the
  // canvas is wide, the rest below.
  const float block = float(cols) * cell + pad, band = float(rows) * cell + pad;
  const float across = std::max(0.0f, (f.area.x1 - f.area.x0 - pad) / block);
  const size_t per_row = std::clamp<size_t>(size_t(across), 1, channels.size());
  const size_t bands = (channels.size() + per_row - 1) / per_row;
  const float width = float(per_row) * block + pad;
  const float height = caption + float(bands) * band + pad;
  const std::optional<ImVec2> at = loupe_corner(f, width, height);
  if (!at) return;
  const Rect frame{at->x, at->y, at->x + width, at->y + height};
  layer(f, kTopLayer);
  f.draw->AddRectFilled(v(frame.x0, frame.y0), v(frame.x1, frame.y1),
                        faded(f.colors.cell, f.alpha));
  f.draw->AddRect(v(frame.x0, frame.y0), v(frame.x1, frame.y1), faded(f.colors.window, f.alpha), 0,
                  0, 2.0f);
  if (captioned) {
    f.draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                    v(frame.x0 + pad, frame.y0 + pad * 0.5f), faded(f.colors.dim_text, f.alpha),
                    tr(f.state, S::LoupeCaption));
  }
  for (size_t k = 0; k < channels.size(); ++k) {
    for (int64_t ky = 0; ky < rows; ++ky) {
      for (int64_t kx = 0; kx < cols; ++kx) {
        const int64_t y = f.at.y * f.spec.stride.h + ky * f.spec.dilation.h;
        const int64_t x = f.at.x * f.spec.stride.w + kx * f.spec.dilation.w;
        const float x0 = frame.x0 + pad + float(k % per_row) * block + float(kx) * cell;
        const float y0 = frame.y0 + caption + pad + float(k / per_row) * band + float(ky) * cell;
        const Rect r{x0, y0, x0 + cell, y0 + cell};
        const auto source = padding_source_cell(f.spec, y, x);
        const float value = source ? s.input.at(f.at.n, channels[k], source->y, source->x) : 0.0f;
        const ImU32 shade = source ? value_shade(f, GridKind::Input, channels[k], value) : 0;
        layer(f, kTopLayer);
        f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1),
                              faded(shade ? shade : f.colors.padding_cell, f.alpha));
        f.draw->AddRect(v(r.x0, r.y0), v(r.x1, r.y1), faded(f.colors.cell_border, f.alpha));
        DrawnCell drawn =
            drawn_cell(GridKind::Input, f.at.n, channels[k], y, x, is_padding_cell(f.spec, y, x));
        drawn.loupe = true;
        cell_text(f, r, value, shade ? text_on(shade) : f.colors.padding_text, drawn);
      }
    }
  }
  f.state.item_rects["canvas.loupe"] = frame;
  f.state.drawn.loupe = true;
}

// Did the window's own cells (the last ones drawn) get their numbers?
bool window_numbers_shown(const Frame& f, int64_t channel) {
  for (const DrawnCell& c : f.state.drawn.cells) {
    if (c.grid == GridKind::Input && c.c == channel && !c.loupe &&
        window_samples(f.spec, f.at.y, f.at.x, c.y, c.x) && c.text.empty()) {
      return false;
    }
  }
  return true;
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
      const ImU32 shade = source ? value_shade(f, GridKind::Input, p.channel, value) : 0;
      cell_box(f, r, shade ? shade : padding ? f.colors.padding_cell : f.colors.cell);
      if (sampled)
        f.draw->AddRectFilled(v(r.x0, r.y0), v(r.x1, r.y1), faded(f.colors.window_sample, f.alpha));
      const ImU32 ink = shade     ? text_on(shade)
                        : padding ? f.colors.padding_text
                        : cropped ? f.colors.dim_text
                                  : f.colors.text;
      cell_text(f, r, value, ink, drawn_cell(GridKind::Input, f.at.n, p.channel, y, x, padding));
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
    // Thick enough to stand out on shaded picture cells too.
    outline(f, window, faded(f.colors.window, f.alpha), std::max(3.0f, f.geometry.cell * 0.1f));
    if (p.channel == f.group_first) f.state.item_rects["canvas.window"] = window;
    f.windows.emplace_back(p.channel, window);
    if (!window_numbers_shown(f, p.channel)) f.loupe_channels.push_back(p.channel);
    const TraceTerm* term = current_term(f);
    if (term && term->c_in == p.channel) {
      outline_current_term(f, p.cell_rect(term->padded_y, term->padded_x),
                           "canvas.current_term.input");
    }
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
      const float value = s.weight.at(f.at.c_out, p.channel, y, x);
      const ImU32 shade = value_shade(f, GridKind::Kernel, p.channel, value);
      cell_box(f, r, shade ? shade : f.colors.cell);
      cell_text(f, r, value, shade ? text_on(shade) : f.colors.text,
                drawn_cell(GridKind::Kernel, 0, p.channel, y, x));
    }
  }
  grid_lines(f, p);
  outline(f, p.bounds(), faded(f.colors.window, f.alpha), 2.0f);
  const TraceTerm* term = current_term(f);
  if (term && term->c_in - f.group_first == p.channel) {
    outline_current_term(f, p.cell_rect(term->ky, term->kx), "canvas.current_term.kernel");
  }
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
      const float value = f.state.output.at(f.at.n, p.channel, y, x);
      const ImU32 shade = blank ? 0 : value_shade(f, GridKind::Output, p.channel, value);
      cell_box(f, r, blank ? f.colors.output_blank : shade ? shade : f.colors.cell);
      const DrawnCell cell = drawn_cell(GridKind::Output, f.at.n, p.channel, y, x);
      if (step == current) {
        f.state.item_texts["canvas.current_output"] =
            f.fine.partial ? partial_sum_text(f.fine) : format_number(value);
      }
      if (step == current && f.fine.partial) {
        partial_cell_text(f, r, cell);
      } else if (blank) {
        f.state.drawn.cells.push_back(cell);
        f.state.drawn.cells.back().rect = r;
      } else {
        cell_text(f, r, value, shade ? text_on(shade) : f.colors.text, cell);
      }
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

// Where a connector may run across the grids of `kind` without touching a
// digit: the grid lines between their rows and the bands free of them
// (captions included), nearest to `wanted`.
float crossing_y(const Frame& f, GridKind kind, float wanted) {
  std::vector<std::pair<float, float>> taken;  // caption top .. grid bottom
  float best = wanted, distance = FLT_MAX;
  const auto consider = [&](float y) {
    if (y < f.area.y0 + 2 || y > f.area.y1 - 2 || std::fabs(y - wanted) >= distance) return;
    distance = std::fabs(y - wanted);
    best = y;
  };
  for (const GridPlacement& p : f.geometry.grids) {
    if (p.kind != kind) continue;
    taken.emplace_back(p.y0 - f.geometry.label_height, p.bounds().y1);
    for (int64_t row = 0; row <= p.rows; ++row) consider(p.y0 + float(row) * p.cell);
  }
  // Free bands: a point between the taken spans, or past them.
  const bool free_here = std::none_of(taken.begin(), taken.end(), [&](const auto& t) {
    return wanted > t.first - 2 && wanted < t.second + 2;
  });
  if (free_here) consider(wanted);
  for (const auto& [top, bottom] : taken) {
    for (float y : {top - 3.0f, bottom + 3.0f}) {
      const bool clear = std::none_of(taken.begin(), taken.end(), [&](const auto& t) {
        return y > t.first - 2 && y < t.second + 2;
      });
      if (clear) consider(y);
    }
  }
  return best;
}

// The x halfway across the gap after the grids of the kinds given (the
// column they make).
float gap_after(const Frame& f, std::initializer_list<GridKind> kinds) {
  const auto in_column = [&](const GridPlacement& p) {
    return std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end();
  };
  float right = -FLT_MAX, next = FLT_MAX;
  for (const GridPlacement& p : f.geometry.grids) {
    if (in_column(p)) right = std::max(right, p.bounds().x1);
  }
  for (const GridPlacement& p : f.geometry.grids) {
    if (!in_column(p) && p.x0 > right) next = std::min(next, p.x0);
  }
  return next == FLT_MAX ? right + f.geometry.cell * 0.5f : (right + next) / 2;
}

// From the window on each input channel of the group (the output sums them
// all) to the output cell, along grid lines and through the gaps between
// the grids, so no line crosses a digit: out of the window along a row's
// edge, down the gap, across the kernels' column between their rows or
// past them, and into the output along its row's edge.
void draw_connectors(Frame& f) {
  const auto cell = f.state.item_rects.find("canvas.current_output");
  if (cell == f.state.item_rects.end() || f.windows.empty()) return;
  const Rect& target = cell->second;
  const size_t shown = f.windows.size() <= 8 ? f.windows.size() : 1;
  layer(f, kConnectorLayer);
  const ImU32 colour = faded(f.colors.connector, f.alpha * (shown > 1 ? 0.75f : 1.0f));
  const float thickness = std::max(2.5f, f.geometry.cell * 0.04f);
  // With the kernels under the input, both make the first column.
  const float into_output = f.geometry.kernel_below_input
                                ? gap_after(f, {GridKind::Input, GridKind::Kernel})
                                : gap_after(f, {GridKind::Kernel});
  for (size_t i = 0; i < shown; ++i) {
    const Rect& w = f.windows[i].second;
    // The window's edge row nearer the output cell.
    const float start_y = std::fabs(w.y0 - target.y0) <= std::fabs(w.y1 - target.y0) ? w.y0 : w.y1;
    const float out_of_input =
        f.geometry.kernel_below_input ? into_output : gap_after(f, {GridKind::Input});
    std::vector<ImVec2> path = {v(w.x1, start_y), v(out_of_input, start_y)};
    if (!f.geometry.kernel_below_input) {
      const float across = crossing_y(f, GridKind::Kernel, (start_y + target.y0) / 2);
      path.push_back(v(out_of_input, across));
      path.push_back(v(into_output, across));
    }
    path.push_back(v(into_output, target.y0));
    path.push_back(v(target.x0, target.y0));
    path.push_back(v(target.x0, target.center_y()));
    f.draw->AddPolyline(path.data(), int(path.size()), colour, ImDrawFlags_None, thickness);
    auto& recorded = f.state.drawn.connectors.emplace_back();
    for (const ImVec2& point : path) recorded.emplace_back(point.x, point.y);
  }
  const ImVec2 end = v(target.x0, target.center_y());
  f.draw->AddCircleFilled(end, thickness * 1.6f, faded(f.colors.connector, f.alpha));
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
  const Conv2dProblem& s = f.spec;
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

// "5 of 9 products added so far: the result comes once all of them and the
// bias are in", for the current output cell in fine steps.
std::string partial_sum_note(const AppState& state, const FineStep& fine) {
  return replaced(replaced(tr(state, S::PartialSumNote), "{k}", std::to_string(fine.products)),
                  "{n}", std::to_string(fine.terms));
}

// Puts the coming tooltip above the hovered cell and, for a padding cell,
// the cell its value comes from (below them when there is no room above),
// so it never hides the cells it talks about.
void place_tooltip_clear_of(const Frame& f, const GridCell& c) {
  const GridPlacement* grid = find_grid(f.geometry, c.grid, c.channel);
  if (!grid) return;
  Rect avoid = grid->cell_rect(c.y, c.x);
  const auto src = padding_source_cell(f.spec, c.y, c.x);
  if (c.grid == GridKind::Input && src && is_padding_cell(f.spec, c.y, c.x)) {
    const SidePadding pad = side_padding(f.spec);
    const Rect source = grid->cell_rect(src->y + pad.top, src->x + pad.left);
    avoid = Rect{std::min(avoid.x0, source.x0), std::min(avoid.y0, source.y0),
                 std::max(avoid.x1, source.x1), std::max(avoid.y1, source.y1)};
  }
  const ImGuiIO& io = ImGui::GetIO();
  const float gap = ImGui::GetStyle().ItemSpacing.y;
  const float height = ImGui::GetTextLineHeight() + ImGui::GetStyle().WindowPadding.y * 2;
  const bool above = avoid.y0 - gap - height >= 0;
  const bool leftwards = io.MousePos.x > io.DisplaySize.x / 2;  // stay on the screen
  ImGui::SetNextWindowPos(v(io.MousePos.x, above ? avoid.y0 - gap : avoid.y1 + gap),
                          ImGuiCond_Always, v(leftwards ? 1.0f : 0.0f, above ? 1.0f : 0.0f));
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
    const bool partial = f.fine.partial && step == f.state.session.step;
    const std::string value =
        partial ? partial_sum_text(f.fine) + "   " + partial_sum_note(f.state, f.fine)
                : " = " + format_number(f.state.output.at(c.n, c.channel, c.y, c.x));
    text = tr(f.state, S::OutputTensor) + at({c.n, c.channel, c.y, c.x}) + (partial ? ":  " : "") +
           value + "   (" + step_words(f.state, S::StepN, step) + ")";
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
  place_tooltip_clear_of(f, c);
  ImGui::SetTooltip("%s", text.c_str());
}

void handle_mouse(Frame& f, bool canvas_hovered) {
  AppState& state = f.state;
  ImGuiIO& io = ImGui::GetIO();
  // The loupe lies over the grids: the cells under it are not the pointer's.
  const auto loupe = state.item_rects.find("canvas.loupe");
  const bool over_loupe =
      loupe != state.item_rects.end() && loupe->second.contains(io.MousePos.x, io.MousePos.y);
  auto cell = canvas_hovered && !over_loupe ? hit_test(f.geometry, io.MousePos.x, io.MousePos.y)
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
  if (canvas_hovered && !cell && !over_loupe && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    state.panning = true;
  }
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
    // The paint value stays what the toolbar says: typing one cell is not choosing a brush.
    if (auto edit = value_edit(f, *state.editing, typed)) apply(state, *edit);
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
      const auto channel =
          state.fill_one_channel ? std::optional(state.menu_channel) : std::nullopt;
      if (kernel) {
        apply_library_kernel(state, fill, channel);
      } else {
        apply(state, FillValues{TensorRole::Input, fill, channel, state.fill_seed++});
      }
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
  if (!state.parameters_docked) {
    if (ImGui::Button(tr(state, S::ParametersDrawer))) toggle_parameters(state);
    remember_item(state, "canvas.parameters_drawer");
    ImGui::SameLine();
  }
  ImGui::TextUnformatted(tr(state, S::Brush));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputFloat("##brush", &state.brush_value, 0, 0, "%g");
  // Folded into one row (large text on a small window): the zoom shows
  // only once it is not 100 %, with the button that puts it back.
  const bool moved = state.zoom != 1.0f || state.pan_x != 0.0f || state.pan_y != 0.0f;
  if (!state.transport_compact || moved) {
    const std::string zoom = std::string(tr(state, S::Zoom)) + " " +
                             std::to_string(int(std::lround(state.zoom * 100))) + "%";
    same_line_if_fits(ImGui::CalcTextSize(zoom.c_str()).x);
    ImGui::TextUnformatted(zoom.c_str());
    same_line_if_fits(ImGui::CalcTextSize(tr(state, S::ResetView)).x + ImGui::GetFontSize());
    if (ImGui::SmallButton(tr(state, S::ResetView))) {
      state.zoom = 1.0f;
      state.pan_x = state.pan_y = 0.0f;
    }
  }
  if (!state.draft_errors.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error), "%s",
                       tr(state, S::InvalidBanner));
  }
}

// "padding=(-1, 1) crops 1 row from the top and the bottom before the
// convolution (F.pad with a negative amount); …" (`note` is CropNote or
// CropNoteShort), or "" without a crop.
std::string crop_note(const AppState& state, const Conv2dProblem& spec, S note) {
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
FittedNote fitted_note(const AppState& state, const Conv2dProblem& spec, float width,
                       float height) {
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
float draw_crop_note(AppState& state, const Conv2dProblem& spec, Rect area, float alpha) {
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

// What the canvas's marks mean, along its bottom edge above any crop note:
// "≈" and missing numbers (as the last frame drew them), and image mode's
// shades. Returns the room it takes.
float draw_legend(AppState& state, Rect area, float alpha, bool approximations, bool hidden) {
  std::string text;
  const auto add = [&](const std::string& line) { text += (text.empty() ? "" : "\n") + line; };
  if (approximations) add(tr(state, S::LegendApproximate));
  if (hidden) add(tr(state, S::LegendHidden));
  if (state.picture.open()) {
    add(replaced(tr(state, S::LegendShading), "{max}", state.picture.unit_range ? "1" : "255"));
  }
  if (text.empty()) {
    state.item_rects.erase("canvas.legend");
    return 0.0f;
  }
  const float margin = ImGui::GetFontSize() * 0.5f;
  const float width = area.x1 - area.x0 - 2 * margin;
  const ImVec2 extent = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
  const Rect rect{area.x0 + margin, area.y1 - extent.y - margin * 0.5f, area.x0 + margin + extent.x,
                  area.y1 - margin * 0.5f};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(v(area.x0, area.y0), v(area.x1, area.y1), true);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), v(rect.x0, rect.y0),
                faded(palette(state.view.theme).dim_text, alpha), text.c_str(), nullptr, width);
  draw->PopClipRect();
  state.item_rects["canvas.legend"] = rect;
  return extent.y + margin;
}

// The largest |weight| of the kernels shown, which their shades span.
float largest_weight(const AppState& state, int64_t c_out) {
  float largest = 0;
  const Tensor& w = state.session.weight;
  if (w.shape.size() != 4 || c_out >= w.shape[0]) return 1.0f;
  for (int64_t c = 0; c < w.shape[1]; ++c) {
    for (int64_t y = 0; y < w.shape[2]; ++y) {
      for (int64_t x = 0; x < w.shape[3]; ++x) {
        largest = std::max(largest, std::fabs(w.at(c_out, c, y, x)));
      }
    }
  }
  return largest > 0 ? largest : 1.0f;
}

}  // namespace

float smallest_legible_cell(const FontSet& fonts) {
  if (!fonts.mono) return fonts.size * 2;
  return fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, "10").x / kDigitsShare;
}

void draw_canvas_scene(AppState& state, Rect area, bool interactive) {
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const float note_alpha = state.draft_errors.empty() || !interactive ? 1.0f : 0.4f;
  area.y1 -= draw_crop_note(state, spec, area, note_alpha);
  const DrawnCanvas last = std::exchange(state.drawn, DrawnCanvas{});
  // With the loupe, the numbers that matter are on the canvas after all.
  area.y1 -=
      draw_legend(state, area, note_alpha, last.approximations, last.hidden_numbers && !last.loupe);
  state.drawn.area = area;
  Frame f{state, spec, palette(state.view.theme), ImGui::GetWindowDrawList()};
  f.geometry = layout_canvas(spec, area, ImGui::GetFontSize(), state.zoom, state.pan_x, state.pan_y,
                             state.fonts.size * 4.0f);
  f.area = area;
  f.at = state.trace.position;
  f.group_first = state.trace.c_in_begin;
  f.group_end = state.trace.c_in_end;
  f.alpha = state.draft_errors.empty() || !interactive ? 1.0f : 0.4f;
  f.largest_weight = largest_weight(state, f.at.c_out);
  f.fine = fine_step(state.trace, state.view.fine_steps, state.products_shown);
  state.item_rects.erase("canvas.current_term.input");
  state.item_rects.erase("canvas.current_term.kernel");

  f.draw->PushClipRect(v(area.x0, area.y0), v(area.x1, area.y1), true);
  f.layers.Split(f.draw, 3);
  for (const GridPlacement& p : f.geometry.grids) {
    state.item_rects[grid_item_name(p)] = p.bounds();
    if (p.kind == GridKind::Input) draw_input_grid(f, p);
    if (p.kind == GridKind::Kernel) draw_kernel_grid(f, p);
    if (p.kind == GridKind::Output) draw_output_grid(f, p);
  }
  draw_connectors(f);
  state.item_rects.erase("canvas.loupe");
  if (!f.loupe_channels.empty()) draw_loupe(f, f.loupe_channels);
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
