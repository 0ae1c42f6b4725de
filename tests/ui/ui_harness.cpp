#include "ui_harness.h"

#include <imgui.h>

#include <stdexcept>

#include "ui/fonts.h"
#include "ui/keys.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace convviz::testing {

using namespace convviz::ui;

UiHarness::UiHarness(const Session& session, float width, float height, float text_scale)
    : state(make_app_state(session)) {
  state.view.text_scale = text_scale;
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(width, height);
  // As the OpenGL 3 backend declares: draw lists may pass 64K vertices.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  // The GLFW backend's key map: io.KeysDown is indexed by GLFW key codes.
  const std::pair<ImGuiKey, int> map[] = {{ImGuiKey_Tab, keys::kTab},
                                          {ImGuiKey_LeftArrow, keys::kLeft},
                                          {ImGuiKey_RightArrow, keys::kRight},
                                          {ImGuiKey_UpArrow, keys::kUp},
                                          {ImGuiKey_DownArrow, keys::kDown},
                                          {ImGuiKey_Home, keys::kHome},
                                          {ImGuiKey_End, keys::kEnd},
                                          {ImGuiKey_Delete, keys::kDelete},
                                          {ImGuiKey_Backspace, keys::kBackspace},
                                          {ImGuiKey_Space, keys::kSpace},
                                          {ImGuiKey_Enter, keys::kEnter},
                                          {ImGuiKey_Escape, keys::kEscape},
                                          {ImGuiKey_KeyPadEnter, keys::kKeypadEnter},
                                          {ImGuiKey_A, 65},
                                          {ImGuiKey_C, 67},
                                          {ImGuiKey_V, 86},
                                          {ImGuiKey_X, 88},
                                          {ImGuiKey_Y, keys::kY},
                                          {ImGuiKey_Z, keys::kZ}};
  for (const auto& [imgui_key, code] : map) io.KeyMap[imgui_key] = code;
  frame();
}

UiHarness::~UiHarness() { ImGui::DestroyContext(context_); }

void UiHarness::frame(int count, float seconds) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < count; ++i) {
    if (state.fonts_stale) {  // as the shell does, minus the GL texture upload
      state.fonts = build_fonts(state.view.text_scale);
      apply_theme(state.view.theme, state.view.text_scale);
      state.fonts_stale = false;
    }
    io.DeltaTime = seconds;
    ImGui::NewFrame();
    draw_app(state);
    ImGui::Render();
  }
}

void UiHarness::move_to(float x, float y) {
  ImGui::SetCurrentContext(context_);
  ImGui::GetIO().MousePos = ImVec2(x, y);
  frame();
}

void UiHarness::set_modifiers(bool ctrl, bool shift) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = io.KeysDown[keys::kLeftControl] = ctrl;
  io.KeyShift = io.KeysDown[keys::kLeftShift] = shift;
}

void UiHarness::click(float x, float y, bool ctrl) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  move_to(x, y);
  set_modifiers(ctrl, false);
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
  set_modifiers(false, false);
  frame();
}

void UiHarness::right_click(float x, float y) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  move_to(x, y);
  io.MouseDown[1] = true;
  frame();
  io.MouseDown[1] = false;
  frame();
}

ui::Rect UiHarness::rect(const std::string& item) const {
  auto it = state.item_rects.find(item);
  if (it == state.item_rects.end()) throw std::runtime_error("no item drawn as " + item);
  return it->second;
}

void UiHarness::click_item(const std::string& name, bool ctrl) {
  const ui::Rect r = rect(name);
  click(r.center_x(), r.center_y(), ctrl);
}

void UiHarness::key(int code, bool ctrl, bool shift) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  set_modifiers(ctrl, shift);
  io.KeysDown[code] = true;
  frame();
  io.KeysDown[code] = false;
  frame();
  set_modifiers(false, false);
  frame();
}

void UiHarness::type(const std::string& text) {
  ImGui::SetCurrentContext(context_);
  ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
  frame();
}

void UiHarness::replace_text(const std::string& text) {
  key(65, true);  // Ctrl+A
  type(text);
  key(keys::kEnter);
}

void UiHarness::type_into(const std::string& item, const std::string& text) {
  click_item(item, true);
  replace_text(text);
}

}  // namespace convviz::testing
