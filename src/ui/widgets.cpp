#include "ui/widgets.h"

#include "ui/formula_lines.h"
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
  // A slider spreads its range over its width: stride 1..8 in a narrow
  // half row moved by one every few pixels. Dragged instead, the value
  // moves by one per font height whatever the width. Clamp only what the
  // drag reaches: a typed value outside the range is kept so validate()
  // can explain it.
  const float per_pixel = 1.0f / ImGui::GetFontSize();
  return ImGui::DragScalar(id, ImGuiDataType_S64, &value, per_pixel, &min, &max, "%lld",
                           ImGuiSliderFlags_None);
}

std::string wrapped_expression(const std::string& text, float width) {
  std::string out;
  for (const std::string& line : formula_lines(text, width, text_width)) {
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

float text_width(std::string_view text) {
  return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
}

DimmedWhileInvalid::DimmedWhileInvalid(AppState& state, const std::string& note_item)
    : dimmed_(!state.draft_errors.empty()) {
  if (!dimmed_) return;
  ImGui::PushStyleColor(ImGuiCol_Text,
                        ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error));
  ImGui::TextWrapped("%s", tr(state, S::LastValidFigures));
  ImGui::PopStyleColor();
  remember_item(state, note_item);
  ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45f);
}

DimmedWhileInvalid::~DimmedWhileInvalid() {
  if (dimmed_) ImGui::PopStyleVar();
}

void note_drag(AppState& state) {
  if (ImGui::IsItemActivated()) state.drag_edits = 0;
  if (!ImGui::IsItemEdited()) return;
  // The first edit of a grab is its own undo step; later ones join it.
  if (ImGui::IsItemActive() && state.drag_edits++ > 0) state.merge_next_edit = true;
}

}  // namespace convviz::ui
