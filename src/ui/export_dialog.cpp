// File ▸ Export: the dialog that fills an ExportRequest, and the progress
// window with Cancel while the shell renders a sequence.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "ui/export_view.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

std::string beside_session(const AppState& state, const std::string& name) {
  std::error_code ec;
  const std::filesystem::path folder =
      state.session_path.empty() ? std::filesystem::current_path(ec)
                                 : std::filesystem::path(state.session_path).parent_path();
  return (folder / name).string();
}

S title_of(ExportTarget target) {
  switch (target) {
    case ExportTarget::StepImage:
      return S::MenuExportStep;
    case ExportTarget::AllSteps:
      return S::MenuExportAll;
    case ExportTarget::Animation:
      return S::MenuExportGif;
  }
  return S::ExportTitle;
}

void range_fields(AppState& state, ExportRequest& r) {
  const int64_t steps = step_count(state.session.spec);
  int64_t from = r.from + 1, to = r.to + 1;  // people count steps from 1
  const int64_t one = 1;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::SliderScalar(tr(state, S::ExportFrom), ImGuiDataType_S64, &from, &one, &steps)) {
    r.from = std::clamp<int64_t>(from - 1, 0, r.to);
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::SliderScalar(tr(state, S::ExportTo), ImGuiDataType_S64, &to, &one, &steps)) {
    r.to = std::clamp<int64_t>(to - 1, r.from, steps - 1);
  }
}

void progress_window(AppState& state) {
  ExportProgress& p = state.export_progress;
  if (!p.running) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::Begin(label(state, S::Exporting, "export_progress").c_str(), nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  const std::string text = std::to_string(p.done) + " / " + std::to_string(p.total);
  ImGui::ProgressBar(p.total > 0 ? float(p.done) / float(p.total) : 0.0f,
                     ImVec2(ImGui::GetFontSize() * 18, 0), text.c_str());
  if (ImGui::Button(tr(state, S::Cancel))) p.cancel_requested = true;
  remember_item(state, "export.cancel");
  ImGui::End();
}

}  // namespace

void open_export_dialog(AppState& state, ExportTarget target) {
  if (state.export_progress.running) return;
  ExportRequest r = state.export_draft;
  r.target = target;
  const LayerSpec& spec = state.session.spec;
  const int64_t steps = step_count(spec);
  r.from = 0;
  r.to = steps - 1;
  r.fps = state.view.steps_per_second;
  r.reveal_outputs = state.view.reveal_outputs;
  if (target == ExportTarget::StepImage) {
    r.path = beside_session(state, export_file_name(spec, state.session.step, "png"));
  }
  if (target == ExportTarget::AllSteps) r.path = beside_session(state, "convviz-steps");
  if (target == ExportTarget::Animation) r.path = beside_session(state, export_stem(spec) + ".gif");
  state.export_draft = r;
  state.export_dialog_open = true;
  state.file_dialog_error.clear();
}

void draw_export_dialog(AppState& state) {
  progress_window(state);
  const char* id = "##export_dialog";
  if (state.export_dialog_open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ExportRequest& r = state.export_draft;
  ImGui::TextUnformatted(tr(state, title_of(r.target)));
  ImGui::Separator();
  ImGui::TextUnformatted(tr(state, r.target == ExportTarget::AllSteps ? S::ExportFolder : S::Path));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  ImGui::InputText("##export_path", &r.path);
  remember_item(state, "export.path");
  ImGui::TextUnformatted(tr(state, S::ExportScale));
  for (int scale : {1, 2, 4}) {
    ImGui::SameLine();
    const std::string text = std::to_string(scale) + "× (" + std::to_string(kExportWidth * scale) +
                             "×" + std::to_string(kExportHeight * scale) + ")";
    if (ImGui::RadioButton(text.c_str(), r.scale == scale)) r.scale = scale;
    remember_item(state, "export.scale" + std::to_string(scale));
  }
  ImGui::Checkbox(tr(state, S::ExportWhite), &r.white_background);
  ImGui::Checkbox(tr(state, S::ExportWithText), &r.with_text);
  remember_item(state, "export.with_text");
  if (r.target == ExportTarget::Animation) {
    ImGui::Checkbox(tr(state, S::Reveal), &r.reveal_outputs);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    ImGui::SliderScalar(tr(state, S::ExportFps), ImGuiDataType_Double, &r.fps, &(const double&)0.25,
                        &(const double&)20.0, "%.2g");
  }
  if (r.target != ExportTarget::StepImage) range_fields(state, r);
  if (!state.file_dialog_error.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error), "%s",
                       state.file_dialog_error.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::Button(tr(state, S::ExportButton))) {
    if (r.target == ExportTarget::StepImage) r.from = r.to = state.session.step;
    state.export_request = r;
    state.export_dialog_open = false;
  }
  remember_item(state, "export.go");
  ImGui::SameLine();
  if (ImGui::Button(tr(state, S::Cancel))) state.export_dialog_open = false;
  if (!state.export_dialog_open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace convviz::ui
