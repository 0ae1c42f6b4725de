// Image mode's panel: the picture at full resolution beside its feature
// maps (colour-mapped on the GPU), the grid's place on the picture, the
// current window on both, and the choices that go with them.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/kernel_library.h"
#include "ui/panels.h"
#include "ui/picture_mode.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

constexpr float kMaxZoom = 64.0f;

// The part of every image the view shows, as fractions of its size.
struct Visible {
  float u0, v0, u1, v1;
};

Visible visible_part(const PictureView& p) {
  const float half = 0.5f / std::clamp(p.zoom, 1.0f, kMaxZoom);
  const float cx = std::clamp(p.centre_x, half, 1.0f - half);
  const float cy = std::clamp(p.centre_y, half, 1.0f - half);
  return {cx - half, cy - half, cx + half, cy + half};
}

// An image of `width`×`height` pixels placed in a cell: the visible part
// scaled to fit, centred. `to_screen` maps image pixels onto it.
struct Placed {
  Rect rect;
  Visible part;
  double image_h = 1, image_w = 1;
  ImVec2 to_screen(double y, double x) const {
    const double fy = y / image_h, fx = x / image_w;
    return ImVec2(rect.x0 + float((fx - part.u0) / (part.u1 - part.u0)) * (rect.x1 - rect.x0),
                  rect.y0 + float((fy - part.v0) / (part.v1 - part.v0)) * (rect.y1 - rect.y0));
  }
  // The image pixel under a screen point (fractional).
  ImVec2 to_image(ImVec2 s) const {
    const float fx = part.u0 + (s.x - rect.x0) / (rect.x1 - rect.x0) * (part.u1 - part.u0);
    const float fy = part.v0 + (s.y - rect.y0) / (rect.y1 - rect.y0) * (part.v1 - part.v0);
    return ImVec2(fx * float(image_w), fy * float(image_h));
  }
};

Placed place_image(Rect cell, double height, double width, const Visible& part) {
  const double shown_w = width * (part.u1 - part.u0), shown_h = height * (part.v1 - part.v0);
  const float cw = cell.x1 - cell.x0, ch = cell.y1 - cell.y0;
  const float scale = float(std::min(cw / shown_w, ch / shown_h));
  const float w = float(shown_w) * scale, h = float(shown_h) * scale;
  const float x0 = cell.x0 + (cw - w) / 2, y0 = cell.y0;
  return {Rect{x0, y0, x0 + w, y0 + h}, part, height, width};
}

void draw_texture(ImDrawList* draw, uintptr_t texture, const Placed& at, ImU32 placeholder) {
  const ImVec2 a(at.rect.x0, at.rect.y0), b(at.rect.x1, at.rect.y1);
  if (texture) {
    draw->AddImage(reinterpret_cast<ImTextureID>(texture), a, b, ImVec2(at.part.u0, at.part.v0),
                   ImVec2(at.part.u1, at.part.v1));
  } else {
    draw->AddRectFilled(a, b, placeholder);
  }
}

void outline_box(ImDrawList* draw, const Placed& at, const PixelBox& box, ImU32 colour,
                 float thickness) {
  ImVec2 a = at.to_screen(box.y0, box.x0), b = at.to_screen(box.y1, box.x1);
  // At least a few pixels wide, so a one-pixel output stays visible unzoomed.
  const float least = thickness * 3;
  if (b.x - a.x < least) a.x -= (least - (b.x - a.x)) / 2, b.x = a.x + least;
  if (b.y - a.y < least) a.y -= (least - (b.y - a.y)) / 2, b.y = a.y + least;
  draw->AddRect(a, b, colour, 0, 0, thickness);
}

// Mouse wheel zooms about the pointer; right or middle drag pans.
void zoom_and_pan(PictureView& p, const Placed& at) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    const ImVec2 under = at.to_image(io.MousePos);
    const float fx = under.x / float(at.image_w), fy = under.y / float(at.image_h);
    const float zoom = std::clamp(p.zoom * std::pow(1.25f, io.MouseWheel), 1.0f, kMaxZoom);
    p.centre_x = fx - (fx - p.centre_x) * p.zoom / zoom;
    p.centre_y = fy - (fy - p.centre_y) * p.zoom / zoom;
    p.zoom = zoom;
  }
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
                                ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    p.centre_x -= io.MouseDelta.x / (at.rect.x1 - at.rect.x0) / p.zoom;
    p.centre_y -= io.MouseDelta.y / (at.rect.y1 - at.rect.y0) / p.zoom;
  }
  const Visible part = visible_part(p);
  p.centre_x = (part.u0 + part.u1) / 2;
  p.centre_y = (part.v0 + part.v1) / 2;
}

// Region mode: dragging on the picture carries the box (centred on the
// pointer); the whole drag is one undo step.
void drag_region(AppState& state, const Placed& at) {
  PictureView& p = state.picture;
  if (p.placement.source != GridSource::Region) return;
  if (ImGui::IsItemActivated() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    p.dragging_region = true;
    state.drag_edits = 0;
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) p.dragging_region = false;
  if (!p.dragging_region) return;
  const ImVec2 under = at.to_image(ImGui::GetIO().MousePos);
  const Conv2dProblem spec = sliding_window(state.session.spec);
  PicturePlacement next = p.placement;
  next.top = int64_t(std::floor(under.y)) - spec.height / 2;
  next.left = int64_t(std::floor(under.x)) - spec.width / 2;
  const PicturePlacement before = p.placement;
  // Frames that move nothing do not count: the drag's first move is its own undo step.
  state.merge_next_edit = state.drag_edits > 0;
  apply(state, PlaceGrid{next});
  if (!(p.placement == before)) ++state.drag_edits;
}

// The grid output (y, x) that map pixel (y, x) is, or outside the grid's
// output when the region does not reach it.
OutputPosition grid_output_of(const AppState& state, const Placed& at, int64_t y, int64_t x) {
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const PictureView& p = state.picture;
  OutputPosition position = state.trace.position;
  if (p.placement.source == GridSource::Region) {
    position.y = y - p.placement.top / spec.stride.h;
    position.x = x - p.placement.left / spec.stride.w;
  } else {
    const Shape4 grid = output_shape(spec);
    position.y = int64_t(double(y) * double(grid.h) / at.image_h);
    position.x = int64_t(double(x) * double(grid.w) / at.image_w);
  }
  return position;
}

// Region mode, a map pixel the region does not reach: the region moves so
// its middle is over the middle of that pixel's window on the picture (one
// undo step). A region as big as the picture cannot move: the status line
// says why.
void move_region_to(AppState& state, int64_t y, int64_t x) {
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const SidePadding pad = side_padding(spec);
  const int64_t centre_y =
      y * spec.stride.h - pad.top + (spec.kernel_size.h - 1) * spec.dilation.h / 2;
  const int64_t centre_x =
      x * spec.stride.w - pad.left + (spec.kernel_size.w - 1) * spec.dilation.w / 2;
  const PicturePlacement before = state.picture.placement;
  apply(state,
        PlaceGrid{{GridSource::Region, centre_y - spec.height / 2, centre_x - spec.width / 2}});
  const PictureView& p = state.picture;
  if (!(p.placement == before)) {
    report_status(state, said(S::RegionMoved));
  } else if (spec.height >= p.pixels->shape[2] && spec.width >= p.pixels->shape[3]) {
    report_status(state, said(S::RegionCoversPicture));
  }
}

// Clicking a map pixel steps there, moving the region first when it does
// not reach that pixel.
void click_map(AppState& state, const Placed& at) {
  if (!ImGui::IsItemClicked(ImGuiMouseButton_Left)) return;
  const ImVec2 under = at.to_image(ImGui::GetIO().MousePos);
  const int64_t y = int64_t(std::floor(under.y)), x = int64_t(std::floor(under.x));
  if (y < 0 || x < 0 || y >= int64_t(at.image_h) || x >= int64_t(at.image_w)) return;
  const auto inside = [&](const OutputPosition& o) {
    const Shape4 grid = output_shape(state.session.spec);
    return o.y >= 0 && o.x >= 0 && o.y < grid.h && o.x < grid.w;
  };
  OutputPosition position = grid_output_of(state, at, y, x);
  if (!inside(position)) {
    move_region_to(state, y, x);
    position = grid_output_of(state, at, y, x);
    if (!inside(position)) return;
  }
  apply(state, SetStep{step_index(sliding_window(state.session.spec), position)});
}

std::string number(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", double(v));
  return text;
}

// A horizontal colour bar under a map with its range written at the ends
// (and 0 in the middle of a diverging one).
void colour_bar(ImDrawList* draw, Rect r, const MapRange& range, ImU32 text) {
  const ColormapTable& table = colormap_table(range.map);
  constexpr int kPieces = 64;
  auto colour = [&](int piece) {
    const Rgb c = table[size_t(piece * (kColormapEntries - 1) / kPieces)];
    return IM_COL32(c.r, c.g, c.b, 255);
  };
  const float bar_h = (r.y1 - r.y0) * 0.45f;
  for (int i = 0; i < kPieces; ++i) {
    const float x0 = r.x0 + (r.x1 - r.x0) * float(i) / kPieces;
    const float x1 = r.x0 + (r.x1 - r.x0) * float(i + 1) / kPieces;
    draw->AddRectFilledMultiColor(ImVec2(x0, r.y0), ImVec2(x1, r.y0 + bar_h), colour(i),
                                  colour(i + 1), colour(i + 1), colour(i));
  }
  const float y = r.y0 + bar_h + 1;
  const std::string lo = number(range.lo), hi = number(range.hi);
  draw->AddText(ImVec2(r.x0, y), text, lo.c_str());
  draw->AddText(ImVec2(r.x1 - ImGui::CalcTextSize(hi.c_str()).x, y), text, hi.c_str());
  if (range.map == Colormap::Diverging && range.lo < 0 && range.hi > 0) {
    const float zero_x = r.x0 + (r.x1 - r.x0) * 0.5f;
    const float room = (r.x1 - r.x0) / 2 - std::max(ImGui::CalcTextSize(lo.c_str()).x,
                                                    ImGui::CalcTextSize(hi.c_str()).x);
    if (room > ImGui::GetFontSize()) draw->AddText(ImVec2(zero_x - 3, y), text, "0");
  }
}

void picture_choices(AppState& state) {
  PictureView& p = state.picture;
  const std::string name = std::filesystem::path(p.path).filename().string() + "  " +
                           std::to_string(p.pixels->shape[3]) + "×" +
                           std::to_string(p.pixels->shape[2]) +
                           (p.pixels->shape[1] == 3 ? " RGB" : "");
  ImGui::TextWrapped("%s", name.c_str());
  bool grayscale = p.grayscale;
  if (ImGui::Checkbox(tr(state, S::Grayscale), &grayscale)) {
    reload_picture(state, grayscale, p.unit_range);
  }
  remember_item(state, "picture.grayscale");
  same_line_if_fits(ImGui::GetFontSize() * 7);
  ImGui::SetNextItemWidth(-1);
  int values = p.unit_range ? 0 : 1;
  const char* names[] = {tr(state, S::ValuesUnit), tr(state, S::Values255)};
  if (ImGui::Combo("##values", &values, names, 2)) reload_picture(state, p.grayscale, values == 0);
  remember_item(state, "picture.values");
  int source = int(p.placement.source);
  bool moved = ImGui::RadioButton(tr(state, S::GridWhole), &source, 0);
  remember_item(state, "picture.whole");
  same_line_if_fits(ImGui::CalcTextSize(tr(state, S::GridRegion)).x + ImGui::GetFontSize() * 2);
  moved |= ImGui::RadioButton(tr(state, S::GridRegion), &source, 1);
  remember_item(state, "picture.region");
  if (moved) apply(state, grid_switched_to(state, GridSource(source)));
  if (p.placement.source == GridSource::Region) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", tr(state, S::RegionHint));
    ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_kernel_choice(AppState& state) {
  if (!state.picture.open()) return;
  const char* current = tr(state, S::Custom);
  const FillSource* named = intact_named_kernel(state);
  if (named) {
    for (const LibraryKernel& k : kernel_library()) {
      if (k.fill == named->fill) current = tr(state, k.name);
    }
  }
  row_label(tr(state, S::KernelPick));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##kernel_pick", current)) {
    const Conv2dProblem spec = sliding_window(state.session.spec);
    for (const LibraryKernel& k : kernel_library()) {
      const bool available =
          named_kernel(k.fill, spec.kernel_size.h, spec.kernel_size.w) || !is_kernel_fill(k.fill);
      if (ImGui::Selectable(tr(state, k.name), false,
                            available ? 0 : ImGuiSelectableFlags_Disabled)) {
        apply_library_kernel(state, k.fill);
      }
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("%s", tr(state, k.purpose));
      }
    }
    ImGui::EndCombo();
  }
  remember_item(state, "picture.kernel");
  if (named && named->fill == Fill::Gaussian) {
    row_label("");
    sigma_slider(state, ImGui::GetContentRegionAvail().x);
  }
}

namespace {

// One row above the images: colours, which maps, zoom, and the time.
void map_choices(AppState& state) {
  PictureView& p = state.picture;
  const float font = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(state, S::Colours));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 6);
  int mode = int(p.range_mode);
  const char* modes[] = {tr(state, S::RangePerMap), tr(state, S::RangeShared),
                         tr(state, S::RangeFixed)};
  bool changed = ImGui::Combo("##range_mode", &mode, modes, 3);
  remember_item(state, "picture.range_mode");
  p.range_mode = RangeMode(mode);
  if (p.range_mode == RangeMode::Fixed) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 3.5f);
    changed |= ImGui::InputFloat("##lo", &p.fixed_lo, 0, 0, "%g");
    remember_item(state, "picture.fixed_lo");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 3.5f);
    changed |= ImGui::InputFloat("##hi", &p.fixed_hi, 0, 0, "%g");
    remember_item(state, "picture.fixed_hi");
    if (p.fixed_hi <= p.fixed_lo) p.fixed_hi = p.fixed_lo + 1.0f;
  }
  if (changed) p.ranges = map_ranges(p.extremes, p.range_mode, p.fixed_lo, p.fixed_hi);
  const int64_t channels = p.maps.shape.size() == 4 ? p.maps.shape[1] : 0;
  if (channels > 1) {
    same_line_if_fits(ImGui::CalcTextSize(tr(state, S::MapsFrom)).x + font * 5);
    ImGui::TextUnformatted(tr(state, S::MapsFrom));
    ImGui::SameLine();
    int_slider("##first_map", p.first_map, 0, channels - 1, font * 4);
    p.first_map = std::clamp<int64_t>(p.first_map, 0, channels - 1);  // Ctrl+click types any value
  }
  same_line_if_fits(ImGui::CalcTextSize(tr(state, S::Zoom)).x + font * 6);
  ImGui::TextUnformatted(tr(state, S::Zoom));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(font * 5);
  ImGui::SliderFloat("##picture_zoom", &p.zoom, 1.0f, kMaxZoom, "×%.1f",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  remember_item(state, "picture.zoom");
}

void maps_status(AppState& state) {
  const PictureView& p = state.picture;
  const Palette& colors = palette(state.view.theme);
  const std::string& error = p.maps_error.empty() ? p.texture_error : p.maps_error;
  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors.error);
    ImGui::TextWrapped("%s", error.c_str());
    ImGui::PopStyleColor();
    return;
  }
  char text[128];
  if (p.worker && p.worker->busy()) {
    std::snprintf(text, sizeof text, "%s", tr(state, S::MapsComputing));
  } else {
    const bool quick = p.maps_ms < 0.1;  // a 28×28 picture takes microseconds
    std::snprintf(text, sizeof text, quick ? "%s %.0f µs" : "%s %.1f ms", tr(state, S::MapsTime),
                  quick ? p.maps_ms * 1000 : p.maps_ms);
  }
  same_line_if_fits(ImGui::CalcTextSize(text).x);
  ImGui::TextDisabled("%s", text);
}

// The picture, then the maps, side by side in `area`.
// An invisible button over a placed image (for hover, clicks and drags),
// remembered under `name`.
void image_button(AppState& state, const char* id, const Placed& at, const std::string& name) {
  ImGui::SetCursorScreenPos(ImVec2(at.rect.x0, at.rect.y0));
  ImGui::InvisibleButton(
      id, ImVec2(std::max(1.0f, at.rect.x1 - at.rect.x0), std::max(1.0f, at.rect.y1 - at.rect.y0)),
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
          ImGuiButtonFlags_MouseButtonMiddle);
  remember_item(state, name);
}

// The picture, with the grid's region and the current window on it.
void picture_cell(AppState& state, Rect cell, const Visible& part) {
  PictureView& p = state.picture;
  const Palette& colors = palette(state.view.theme);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetFontSize() * 0.15f;
  const Placed picture =
      place_image(cell, double(p.pixels->shape[2]), double(p.pixels->shape[3]), part);
  image_button(state, "##picture", picture, "picture.image");
  drag_region(state, picture);
  zoom_and_pan(p, picture);
  draw->PushClipRect(ImVec2(picture.rect.x0, picture.rect.y0),
                     ImVec2(picture.rect.x1, picture.rect.y1), true);
  draw_texture(draw, p.picture_texture, picture, colors.cell);
  if (p.placement.source == GridSource::Region) {
    outline_box(draw, picture, grid_on_picture(state), colors.contributes, line);
  }
  const PixelBox window = window_on_picture(state);
  outline_box(draw, picture, window, colors.window, line);
  draw->PopClipRect();
  const ImVec2 a = picture.to_screen(window.y0, window.x0);
  const ImVec2 b = picture.to_screen(window.y1, window.x1);
  state.item_rects["picture.window"] = Rect{a.x, a.y, b.x, b.y};
}

// Map `c` (the i-th shown) with the current step's output marked and its
// colour bar in the `bar` rows below the cell.
void map_cell(AppState& state, int64_t c, size_t i, Rect cell, float bar, const Visible& part) {
  PictureView& p = state.picture;
  const Palette& colors = palette(state.view.theme);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  const Placed map = place_image(cell, double(p.maps.shape[2]), double(p.maps.shape[3]), part);
  const std::string id = "##map" + std::to_string(c);
  image_button(state, id.c_str(), map, "picture.map." + std::to_string(c));
  click_map(state, map);
  zoom_and_pan(p, map);
  draw->PushClipRect(ImVec2(map.rect.x0, map.rect.y0), ImVec2(map.rect.x1, map.rect.y1), true);
  draw_texture(draw, i < p.map_textures.size() ? p.map_textures[i] : 0, map, colors.cell);
  if (c == state.trace.position.c_out) {
    outline_box(draw, map, step_on_map(state), colors.window, font * 0.15f);
  }
  draw->PopClipRect();
  if (size_t(c) < p.ranges.size()) {
    colour_bar(draw, Rect{map.rect.x0, map.rect.y1 + font * 0.3f, map.rect.x1, cell.y1 + bar},
               p.ranges[size_t(c)], colors.text);
  }
}

// The picture, then as many maps as fit, side by side in `area`, each
// under its label.
void images(AppState& state, Rect area) {
  const PictureView& p = state.picture;
  const ImU32 text = palette(state.view.theme).text;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize(), gap = font * 0.75f;
  const int64_t channels = p.maps.shape.size() == 4 ? p.maps.shape[1] : 0;
  const float width = area.x1 - area.x0;
  const int64_t fit = std::max<int64_t>(0, int64_t(width / (font * 7)) - 1);
  const int64_t maps_shown =
      std::max<int64_t>(0, std::min({channels - p.first_map, fit, PictureView::kMaxMapsShown}));
  const float cell_w = (width - gap * float(maps_shown)) / float(maps_shown + 1);
  const float label_h = ImGui::GetTextLineHeightWithSpacing(), bar_h = font * 2.2f;
  const float cell_h = area.y1 - area.y0 - label_h - bar_h;
  if (cell_w < font * 3 || cell_h < font * 3) return;
  const Visible part = visible_part(p);
  const float top = area.y0 + label_h;
  draw->AddText(ImVec2(area.x0, area.y0), text, tr(state, S::PictureLabel));
  picture_cell(state, Rect{area.x0, top, area.x0 + cell_w, top + cell_h}, part);
  for (int64_t i = 0; i < maps_shown; ++i) {
    const int64_t c = p.first_map + i;
    const float x0 = area.x0 + float(i + 1) * (cell_w + gap);
    const std::string title = std::string(tr(state, S::MapOut)) + " " + std::to_string(c);
    draw->AddText(ImVec2(x0, area.y0), text, title.c_str());
    map_cell(state, c, size_t(i), Rect{x0, top, x0 + cell_w, top + cell_h}, bar_h, part);
  }
}

}  // namespace

void draw_picture_choices(AppState& state) {
  if (state.picture.open()) picture_choices(state);
}

void draw_image_view(AppState& state) {
  if (!state.picture.open()) return;
  map_choices(state);
  maps_status(state);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  images(state, Rect{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y});
}

}  // namespace convviz::ui
