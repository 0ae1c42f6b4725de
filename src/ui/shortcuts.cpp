// Keyboard control for the classroom: stepping, playback, undo, files,
// text size and full screen. Ignored while a text field has the keyboard.
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/keys.h"
#include "ui/panels.h"
#include "ui/settings.h"

namespace convviz::ui {
namespace {

bool pressed(int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); }

void change_text_scale(AppState& state, int direction) {
  const float next = next_text_scale(state.view.text_scale, direction);
  if (next == state.view.text_scale) return;
  state.view.text_scale = next;
  state.fonts_stale = true;
}

// Stepping and playback: the keys a teacher presses most.
void transport_keys(AppState& state) {
  if (pressed(keys::kSpace)) state.playing = !state.playing;
  if (pressed(keys::kRight, true)) step_forward(state);
  if (pressed(keys::kLeft, true)) step_back(state);
  if (pressed(keys::kHome)) apply(state, SetStep{0});
  if (pressed(keys::kEnd)) apply(state, SetStep{step_count(state.session.spec) - 1});
}

// Escape closes the innermost menu, combo or context menu (not a modal
// dialog: those have their own Cancel), as on every desktop.
void close_top_popup() {
  const ImGuiContext& g = *GImGui;
  if (g.OpenPopupStack.empty()) return;
  const ImGuiWindow* top = g.OpenPopupStack.back().Window;
  if (top && (top->Flags & ImGuiWindowFlags_Modal)) return;
  ImGui::ClosePopupToLevel(g.OpenPopupStack.Size - 1, true);
}

}  // namespace

void handle_shortcuts(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (pressed(keys::kF11)) state.fullscreen_requested = true;
  if (io.WantTextInput) return;  // the keys belong to the field being typed in
  if (pressed(keys::kEscape)) close_top_popup();
  // A modal question waits for its answer; an open menu does not stop the lesson.
  if (ImGui::GetTopMostPopupModal()) return;
  if (!io.KeyCtrl) transport_keys(state);
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  if (io.KeyCtrl) {
    if (pressed(keys::kZ, true)) io.KeyShift ? redo(state) : undo(state);
    if (pressed(keys::kY, true)) redo(state);
    if (pressed(keys::kS)) request_save(state, io.KeyShift);
    if (pressed(keys::kO)) request_open(state);
    if (pressed(keys::kI)) request_open_picture(state);
    if (pressed(keys::kQ)) request_quit(state);
    if (pressed(keys::kE)) open_export_dialog(state, ExportTarget::StepImage);
    if (pressed(keys::kEqual) || pressed(keys::kKeypadAdd)) change_text_scale(state, +1);
    if (pressed(keys::kMinus) || pressed(keys::kKeypadSubtract)) change_text_scale(state, -1);
    return;
  }
  // The panels' windows take no Tab focus (see layout.cpp), so Tab only does this.
  if (pressed(keys::kTab)) toggle_parameters(state);
  if (pressed(keys::kP)) state.picture.visible = !state.picture.visible;
}

}  // namespace convviz::ui
