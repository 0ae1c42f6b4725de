// Modal questions: the open/save dialog and "save the changes first?".
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <utility>

#include "render/image_file.h"
#include "ui/file_actions.h"
#include "ui/panels.h"
#include "ui/picture_mode.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

namespace fs = std::filesystem;

bool listed(const AppState& state, const fs::path& file) {
  if (state.file_dialog_picture) return render::has_picture_extension(file.string());
  return file.extension() == ".json";
}

// Folders and the files the dialog opens (sessions, or pictures) beside the
// typed path, to click instead of type.
void folder_listing(AppState& state) {
  std::error_code ec;
  fs::path dir = fs::path(state.file_dialog_path).parent_path();
  if (dir.empty()) dir = fs::current_path(ec);
  std::vector<fs::directory_entry> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_directory(ec) || listed(state, e.path())) entries.push_back(e);
    if (entries.size() > 500) break;
  }
  std::sort(entries.begin(), entries.end());
  const float height = ImGui::GetTextLineHeightWithSpacing() * 8;
  ImGui::BeginChild("##listing", ImVec2(ImGui::GetFontSize() * 30, height), true);
  if (ImGui::Selectable("..")) state.file_dialog_path = (dir.parent_path() / "").string();
  for (const auto& e : entries) {
    const bool folder = e.is_directory(ec);
    const std::string name = e.path().filename().string() + (folder ? "/" : "");
    if (!ImGui::Selectable(name.c_str())) continue;
    state.file_dialog_path = folder ? (e.path() / "").string() : e.path().string();
  }
  ImGui::EndChild();
}

void file_dialog(AppState& state) {
  const char* id = "##file_dialog";
  if (state.file_dialog_open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(tr(state, state.file_dialog_saving    ? S::SaveTitle
                                   : state.file_dialog_picture ? S::OpenImageTitle
                                                               : S::OpenTitle));
  ImGui::Separator();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool confirmed =
      ImGui::InputText("##path", &state.file_dialog_path, ImGuiInputTextFlags_EnterReturnsTrue);
  remember_item(state, "dialog.path");
  folder_listing(state);
  if (!state.file_dialog_error.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(state.view.theme).error), "%s",
                       state.file_dialog_error.c_str());
    ImGui::PopTextWrapPos();
  }
  confirmed |= ImGui::Button(tr(state, state.file_dialog_saving ? S::Save : S::Ok));
  remember_item(state, "dialog.ok");
  ImGui::SameLine();
  const bool cancelled = ImGui::Button(tr(state, S::Cancel));
  if (confirmed) {
    const bool done = state.file_dialog_saving ? save_session_file(state, state.file_dialog_path)
                      : state.file_dialog_picture
                          ? open_picture_file(state, state.file_dialog_path)
                          : open_session_file(state, state.file_dialog_path);
    state.file_dialog_error = done ? "" : status_text(state);
    if (done) state.file_dialog_open = false;
    if (done && state.file_dialog_saving && state.after_save != PendingAction::None) {
      state.pending = std::exchange(state.after_save, PendingAction::None);
      continue_pending(state);  // quit, or open the next file
    }
  }
  if (cancelled) {
    state.file_dialog_open = false;
    state.file_dialog_error.clear();
    state.after_save = PendingAction::None;
  }
  if (!state.file_dialog_open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void unsaved_question(AppState& state) {
  const char* id = "##unsaved";
  if (state.pending != PendingAction::None && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(tr(state, S::UnsavedTitle));
  ImGui::Separator();
  ImGui::TextUnformatted(tr(state, S::UnsavedQuestion));
  if (ImGui::Button(tr(state, S::Save))) {
    if (state.session_path.empty()) {
      // Choose a file first; quitting (or opening) follows a successful save.
      state.after_save = std::exchange(state.pending, PendingAction::None);
      request_save(state, true);
    } else if (save_session_file(state, state.session_path)) {
      continue_pending(state);
    }
    ImGui::CloseCurrentPopup();
  }
  remember_item(state, "unsaved.save");
  ImGui::SameLine();
  if (ImGui::Button(tr(state, S::DontSave))) {
    continue_pending(state);
    ImGui::CloseCurrentPopup();
  }
  remember_item(state, "unsaved.discard");
  ImGui::SameLine();
  if (ImGui::Button(tr(state, S::Cancel))) {
    state.pending = PendingAction::None;
    ImGui::CloseCurrentPopup();
  }
  remember_item(state, "unsaved.cancel");
  ImGui::EndPopup();
}

}  // namespace

void draw_dialogs(AppState& state) {
  unsaved_question(state);
  file_dialog(state);
  draw_export_dialog(state);
}

}  // namespace convviz::ui
