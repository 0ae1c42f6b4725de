// Keyboard control for the classroom: stepping, playback, undo, files,
// text size and full screen. Ignored while a text field has the keyboard.
#include <imgui.h>

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

}  // namespace

void handle_shortcuts(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (pressed(keys::kF11)) state.fullscreen_requested = true;
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
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
  if (pressed(keys::kSpace)) state.playing = !state.playing;
  if (pressed(keys::kTab)) toggle_parameters(state);
  if (pressed(keys::kP)) state.picture.visible = !state.picture.visible;
  if (pressed(keys::kRight, true)) step_forward(state);
  if (pressed(keys::kLeft, true)) step_back(state);
  if (pressed(keys::kHome)) apply(state, SetStep{0});
  if (pressed(keys::kEnd)) apply(state, SetStep{step_count(state.session.spec) - 1});
}

}  // namespace convviz::ui
