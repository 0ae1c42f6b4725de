#include "ui/widgets.h"

#include "ui/strings.h"
#include "ui/theme.h"

namespace convviz::ui {

void remember_item(AppState& state, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  state.item_rects[name] = Rect{a.x, a.y, b.x, b.y};
}

void field_errors(const AppState& state, const char* field) {
  for (const SpecError& e : state.draft_errors) {
    if (e.field != field) continue;
    ImGui::PushStyleColor(ImGuiCol_Text,
                          ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error));
    ImGui::TextWrapped("%s", error_text(state, e).c_str());
    ImGui::PopStyleColor();
  }
}

namespace {
float label_column = 0.0f;  // set by the panel before its rows, read by row_label
}

void set_label_column(float width) { label_column = width; }

void row_label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  // In a narrow panel (large text) the widgets go under their label, at
  // full width, rather than being squeezed beside it.
  if (label_column < ImGui::GetContentRegionAvail().x * 0.45f) {
    ImGui::SameLine(label_column + ImGui::GetStyle().WindowPadding.x);
  }
}

void same_line_if_fits(float width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

bool int_slider(const char* id, int64_t& value, int64_t min, int64_t max, float width) {
  ImGui::SetNextItemWidth(width);
  // Clamp only what the slider shows: a typed value outside the range is
  // kept so validate() can explain it.
  return ImGui::SliderScalar(id, ImGuiDataType_S64, &value, &min, &max, "%lld",
                             ImGuiSliderFlags_None);
}

std::string wrapped_expression(const std::string& text, float width) {
  std::string out, line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("+=", start + 1);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string token = text.substr(start, end - start);
    if (!line.empty() && ImGui::CalcTextSize((line + token).c_str()).x > width) {
      out += line + "\n";
      line.clear();
    }
    line += token;
    start = end;
  }
  return out + line;
}

void note_drag(AppState& state) {
  if (ImGui::IsItemActivated()) state.drag_edits = 0;
  if (!ImGui::IsItemEdited()) return;
  // The first edit of a grab is its own undo step; later ones join it.
  if (ImGui::IsItemActive() && state.drag_edits++ > 0) state.merge_next_edit = true;
}

}  // namespace convviz::ui
