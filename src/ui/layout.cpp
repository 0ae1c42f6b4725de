// The window's layout: menu bar, parameters on the left, the canvas in the
// middle, step and ops on the right, playback along the bottom. Sizes follow
// the window and the text size so nothing overlaps down to 1024×700.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/model/padding.h"
#include "ui/canvas_geometry.h"
#include "ui/panels.h"
#include "ui/picture_mode.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

// NoNavInputs: Tab toggles the parameters (shortcuts.cpp) and must not also
// focus the next field of the clicked panel (ImGui 1.86 cycles Tab focus
// through a window's fields even without keyboard navigation), which would
// take the arrow keys and Space away from stepping.
constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
    ImGuiWindowFlags_NoNavInputs;

template <class Draw>
void panel(AppState& state, S title, const char* id, ImVec2 pos, ImVec2 size, Draw draw,
           ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  state.item_rects[std::string("panel.") + id] = Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  if (ImGui::Begin(label(state, title, id).c_str(), nullptr, kPanelFlags | extra)) draw(state);
  ImGui::End();
}

// The longest UTF-8 prefix of `text` that fits `width` with "…" after it.
std::string elided(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const float ellipsis = ImGui::CalcTextSize("…").x;
  size_t end = 0;
  for (size_t next = 0; next < text.size(); end = next) {
    do ++next;  // the next character's start: skip UTF-8 continuation bytes
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80);
    if (ImGui::CalcTextSize(text.data(), text.data() + next).x + ellipsis > width) break;
  }
  return text.substr(0, end) + "…";
}

// A message longer than the room left shows its start, and all of it on
// hover: a file name or reason is never cut off unseen.
void status_line(AppState& state) {
  if (state.status.empty() && state.fonts.warning.empty()) {
    state.item_rects.erase("status");
    state.item_texts.erase("status");
    return;
  }
  const Palette& colors = palette(state.view.theme);
  ImGui::SameLine();
  const std::string text = state.status.empty() ? state.fonts.warning : status_text(state);
  const bool error = state.status.empty() || state.status.error;
  const std::string shown = elided(text, ImGui::GetContentRegionAvail().x);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(error ? colors.error : colors.dim_text), "%s",
                     shown.c_str());
  remember_item(state, "status");
  state.item_texts["status"] = text;
  if (shown != text && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// Large text on a short window leaves too little room for the step and the
// counts one above the other: then they share the column as two tabs.
bool right_column_fits_both(const AppState& state, float body_height) {
  return body_height > ImGui::GetTextLineHeightWithSpacing() * 22 || state.view.text_scale < 1.5f;
}

void step_and_ops_tabs(AppState& state) {
  if (!ImGui::BeginTabBar("##right")) return;
  if (ImGui::BeginTabItem(label(state, S::PanelStep, "step_tab").c_str())) {
    draw_step_panel(state);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(label(state, S::PanelOps, "ops_tab").c_str())) {
    draw_ops_panel(state);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// How the window shares its room. The canvas is what the class looks at,
// so it gets the room the whole layer needs with digits as large as the
// panel text first. When the panels would leave less, playback folds into
// one row (its options behind a button), then the parameters become a
// drawer over the canvas and the step column narrows to its minimum.
struct WindowLayout {
  float left = 0, right = 0, drawer_width = 0;
  float transport_height = 0, body = 0, picture_height = 0;
  bool parameters_docked = true, compact = false;
};

WindowLayout choose_layout(AppState& state, float width, float height, float top) {
  const float font = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float parameters = std::clamp(font * 16.0f, width * 0.2f, width * 0.3f);
  const float step_column = std::clamp(font * 18.0f, width * 0.22f, width * 0.3f);
  const float narrowest_step_column = std::min(step_column, std::max(font * 9.0f, width * 0.2f));
  const bool picture = state.picture.open() && state.picture.visible;
  const float cell = smallest_legible_cell(state.fonts);
  // Room for the lines under the grids, decided by the layer alone (what
  // they say depends on the cells, which depend on this layout): one for a
  // ≈ legend, one more for a picture's shades or a crop note.
  const SidePadding crop = cropped_sides(sliding_window(state.session.spec));
  const bool second_line = state.picture.open() || crop.top > 0 || crop.left > 0;
  const float notes = ImGui::GetTextLineHeightWithSpacing() * (second_line ? 2.0f : 1.0f);
  WindowLayout layout;
  layout.drawer_width = std::min(parameters * 1.1f, width * 0.45f);
  const auto fits = [&](bool docked, bool compact) {
    state.transport_compact = compact;
    layout.compact = compact;
    layout.parameters_docked = docked;
    layout.transport_height =
        float(transport_rows(state, width)) * ImGui::GetFrameHeightWithSpacing() +
        2 * style.WindowPadding.y;
    layout.body = height - top - layout.transport_height;
    layout.picture_height = picture ? std::floor(layout.body * 0.45f) : 0.0f;
    // The canvas panel's title, toolbar (one row when compact) and padding.
    const float chrome = ImGui::GetFrameHeight() +
                         float(compact ? 1 : 2) * ImGui::GetFrameHeightWithSpacing() +
                         2 * style.WindowPadding.y + notes;
    const float needed =
        needed_canvas_width(sliding_window(state.session.spec),
                            layout.body - layout.picture_height - chrome, font * 1.25f, cell) +
        2 * style.WindowPadding.x;
    layout.left = docked && state.view.show_parameters ? parameters : 0.0f;
    layout.right =
        docked ? step_column : std::clamp(width - needed, narrowest_step_column, step_column);
    return width - layout.left - layout.right >= needed;
  };
  for (const auto& [docked, compact] :
       {std::pair{true, false}, {true, true}, {false, false}, {false, true}}) {
    if (fits(docked, compact)) return layout;
  }
  // A picture too big for legible digits even on the whole width gains
  // nothing from hidden panels: it is shaded instead, with playback in one
  // row at large text to leave it some height. Any other layer gets all
  // the room there is, so at least its short numbers show.
  if (picture || state.picture.open()) {
    fits(true, state.view.text_scale >= 1.5f);
  } else {
    fits(false, true);
  }
  return layout;
}

// The parameters over the canvas's left side, on top of it, until Tab, the
// canvas's button or Escape closes them.
void parameters_drawer(AppState& state, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (std::exchange(state.parameters_drawer_focus, false)) ImGui::SetNextWindowFocus();
  state.item_rects["panel.parameters"] = Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  const std::string title = label(state, S::PanelParameters, "parameters");
  bool open = true;
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoNavInputs)) {
    draw_parameters_panel(state);
    const bool editing =
        ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup);
    if (!editing && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      open = false;
    }
  }
  ImGui::End();
  if (!open) state.parameters_drawer_open = false;
}

}  // namespace

void draw_app(AppState& state) {
  ImGuiIO& io = ImGui::GetIO();
  state.merge_next_edit = false;
  // What was hovered last frame links the panels this frame.
  state.hovered_term = std::exchange(state.hovered_term_next, -1);
  handle_shortcuts(state);
  advance_playback(state, io.DeltaTime);
  refresh(state);
  draw_menu_bar(state);
  refresh(state);  // a menu may have replaced the session

  const float top = ImGui::GetFrameHeight();
  const float width = io.DisplaySize.x, height = io.DisplaySize.y;
  const WindowLayout sides = choose_layout(state, width, height, top);
  state.parameters_docked = sides.parameters_docked;
  if (sides.parameters_docked) state.parameters_drawer_open = false;
  state.item_rects.erase("panel.parameters");
  const float left = sides.left, right = sides.right, body = sides.body;
  const float picture_height = sides.picture_height, transport_height = sides.transport_height;
  const float step_height = body * 0.62f;

  if (left > 0) {
    panel(state, S::PanelParameters, "parameters", ImVec2(0, top), ImVec2(left, body),
          draw_parameters_panel);
  }
  refresh(state);  // the parameters may have changed the spec
  // Image mode: the picture and its maps above, the step grid below.
  state.item_rects.erase("panel.picture");
  if (picture_height > 0) {
    panel(state, S::PanelPicture, "picture", ImVec2(left, top),
          ImVec2(width - left - right, picture_height), draw_image_view,
          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    refresh(state);
  }
  panel(state, S::PanelCanvas, "canvas", ImVec2(left, top + picture_height),
        ImVec2(width - left - right, body - picture_height), draw_canvas,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  fit_region_to_canvas(state);
  refresh(state);
  state.item_rects.erase("panel.ops");
  if (right_column_fits_both(state, body)) {
    panel(state, S::PanelStep, "step", ImVec2(width - right, top), ImVec2(right, step_height),
          draw_step_panel);
    panel(state, S::PanelOps, "ops", ImVec2(width - right, top + step_height),
          ImVec2(right, body - step_height), draw_ops_panel);
  } else {
    panel(state, S::PanelStep, "step", ImVec2(width - right, top), ImVec2(right, body),
          step_and_ops_tabs, ImGuiWindowFlags_NoTitleBar);
  }
  panel(
      state, S::PanelTransport, "transport", ImVec2(0, top + body), ImVec2(width, transport_height),
      [](AppState& s) {
        draw_transport(s);
        status_line(s);
      },
      ImGuiWindowFlags_NoTitleBar);
  if (!sides.parameters_docked && state.parameters_drawer_open) {
    parameters_drawer(state, ImVec2(0, top), ImVec2(sides.drawer_width, body));
  }
  draw_dialogs(state);
  refresh(state);
}

void toggle_parameters(AppState& state) {
  if (state.parameters_docked) {
    state.view.show_parameters = !state.view.show_parameters;
  } else {
    state.parameters_drawer_open = !state.parameters_drawer_open;
    state.parameters_drawer_focus = state.parameters_drawer_open;
  }
}

}  // namespace convviz::ui
