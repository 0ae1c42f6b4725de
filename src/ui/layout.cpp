// The window's layout: menu bar, parameters on the left, the canvas in the
// middle, step and ops on the right, playback along the bottom. Sizes follow
// the window and the text size so nothing overlaps down to 1024×700.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

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
  if (state.status.empty() && state.fonts.warning.empty()) return;
  const Palette& colors = palette(state.view.theme);
  ImGui::SameLine();
  const std::string text = state.status.empty() ? state.fonts.warning : status_text(state);
  const bool error = state.status.empty() || state.status.error;
  const std::string shown = elided(text, ImGui::GetContentRegionAvail().x);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(error ? colors.error : colors.dim_text), "%s",
                     shown.c_str());
  remember_item(state, "status");
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

  const float font = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float top = ImGui::GetFrameHeight();
  const float width = io.DisplaySize.x, height = io.DisplaySize.y;
  const float transport_height =
      float(transport_rows(state, io.DisplaySize.x)) * ImGui::GetFrameHeightWithSpacing() +
      2 * style.WindowPadding.y;
  // The canvas is what the class looks at: the side panels get what their
  // text needs, within a share of the width.
  state.item_rects.erase("panel.parameters");
  const float left =
      state.view.show_parameters ? std::clamp(font * 16.0f, width * 0.2f, width * 0.3f) : 0.0f;
  const float right = std::clamp(font * 18.0f, width * 0.22f, width * 0.3f);
  const float body = height - top - transport_height;
  const float step_height = body * 0.62f;

  if (left > 0) {
    panel(state, S::PanelParameters, "parameters", ImVec2(0, top), ImVec2(left, body),
          draw_parameters_panel);
  }
  refresh(state);  // the parameters may have changed the spec
  // Image mode: the picture and its maps above, the step grid below.
  const bool picture = state.picture.open() && state.picture.visible;
  const float picture_height = picture ? std::floor(body * 0.55f) : 0.0f;
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
  draw_dialogs(state);
  refresh(state);
}

}  // namespace convviz::ui
