#pragma once
// Drives the real panels through Dear ImGui without a window or renderer:
// synthetic mouse and keyboard input, frame by frame, as in the app.
#include <string>

struct ImGuiContext;

#include "core/lesson/session.h"
#include "ui/app_state.h"

namespace convviz::testing {

class UiHarness {
 public:
  explicit UiHarness(const Session& session, float width = 1600, float height = 900,
                     float text_scale = 1.0f);
  ~UiHarness();
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  void frame(int count = 1, float seconds = 1.0f / 60.0f);
  void move_to(float x, float y);
  void click(float x, float y, bool ctrl = false);
  void click_item(const std::string& name, bool ctrl = false);
  void right_click(float x, float y);
  // Presses and releases a key (GLFW code, see ui/keys.h) with modifiers.
  void key(int code, bool ctrl = false, bool shift = false);
  void type(const std::string& text);
  // Selects the focused text field's content, types `text` and presses Enter.
  void replace_text(const std::string& text);
  // Ctrl+click on a slider or field, then replace_text: how a user types a value.
  void type_into(const std::string& item, const std::string& text);

  ui::Rect rect(const std::string& item) const;
  ui::AppState state;

 private:
  void set_modifiers(bool ctrl, bool shift);
  ImGuiContext* context_;  // each harness has its own ImGui context; methods make it current
};

}  // namespace convviz::testing
