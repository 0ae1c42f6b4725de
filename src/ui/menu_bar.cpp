// The menu bar: File, Edit, View, Help.
#include <imgui.h>

#include "core/lesson/presets.h"
#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/panels.h"
#include "ui/picture_mode.h"
#include "ui/settings.h"
#include "ui/strings.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

// The pictures in assets/, opened as the input grid.
void samples_menu(AppState& state) {
  if (state.samples_dir.empty() || !ImGui::BeginMenu(tr(state, S::MenuSamples))) return;
  const std::pair<const char*, S> samples[] = {{"scene.png", S::SampleScene},
                                               {"digit.png", S::SampleDigit}};
  for (const auto& [file, name] : samples) {
    if (ImGui::MenuItem(tr(state, name))) open_picture_file(state, state.samples_dir + "/" + file);
    remember_item(state, std::string("samples.") + file);
  }
  ImGui::EndMenu();
}

void file_menu(AppState& state) {
  if (!ImGui::BeginMenu(label(state, S::MenuFile, "file").c_str())) return;
  if (ImGui::MenuItem(tr(state, S::MenuOpen), "Ctrl+O")) request_open(state);
  if (ImGui::MenuItem(tr(state, S::MenuOpenImage), "Ctrl+I")) request_open_picture(state);
  remember_item(state, "menu.open_image");
  if (ImGui::MenuItem(tr(state, S::MenuClosePicture), nullptr, false, state.picture.open())) {
    close_picture(state);
  }
  if (ImGui::MenuItem(tr(state, S::MenuSave), "Ctrl+S")) request_save(state, false);
  if (ImGui::MenuItem(tr(state, S::MenuSaveAs), "Ctrl+Shift+S")) request_save(state, true);
  ImGui::Separator();
  const bool idle = !state.export_progress.running;
  if (ImGui::MenuItem(tr(state, S::MenuExportStep), "Ctrl+E", false, idle)) {
    open_export_dialog(state, ExportTarget::StepImage);
  }
  if (ImGui::MenuItem(tr(state, S::MenuExportAll), nullptr, false, idle)) {
    open_export_dialog(state, ExportTarget::AllSteps);
  }
  if (ImGui::MenuItem(tr(state, S::MenuExportGif), nullptr, false, idle)) {
    open_export_dialog(state, ExportTarget::Animation);
  }
  ImGui::Separator();
  samples_menu(state);
  if (ImGui::BeginMenu(tr(state, S::MenuPresets))) {
    for (const Preset& p : presets()) {
      if (ImGui::MenuItem(preset_title(state, p).c_str())) apply(state, ReplaceSession{p.session});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preset_about(state, p).c_str());
    }
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::MenuItem(tr(state, S::MenuQuit), "Ctrl+Q")) request_quit(state);
  ImGui::EndMenu();
}

void edit_menu(AppState& state) {
  if (!ImGui::BeginMenu(label(state, S::MenuEdit, "edit").c_str())) return;
  if (ImGui::MenuItem(tr(state, S::MenuUndo), "Ctrl+Z", false, can_undo(state))) undo(state);
  if (ImGui::MenuItem(tr(state, S::MenuRedo), "Ctrl+Y", false, can_redo(state))) redo(state);
  ImGui::EndMenu();
}

void set_text_scale(AppState& state, float scale) {
  if (scale == state.view.text_scale) return;
  state.view.text_scale = scale;
  state.fonts_stale = true;
}

void view_menu(AppState& state) {
  if (!ImGui::BeginMenu(label(state, S::MenuView, "view").c_str())) return;
  if (ImGui::BeginMenu(tr(state, S::MenuTextSize))) {
    for (float scale : {1.0f, 1.5f, 2.0f, 2.5f, 3.0f}) {
      const std::string text = std::to_string(int(scale * 100)) + " %";
      if (ImGui::MenuItem(text.c_str(), nullptr, state.view.text_scale == scale)) {
        set_text_scale(state, scale);
      }
    }
    ImGui::Separator();
    if (ImGui::MenuItem(tr(state, S::MenuLarger), "Ctrl+=")) {
      set_text_scale(state, next_text_scale(state.view.text_scale, +1));
    }
    if (ImGui::MenuItem(tr(state, S::MenuSmaller), "Ctrl+-")) {
      set_text_scale(state, next_text_scale(state.view.text_scale, -1));
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(state, S::MenuTheme))) {
    if (ImGui::MenuItem(tr(state, S::ThemeDark), nullptr, state.view.theme == Theme::Dark)) {
      state.view.theme = Theme::Dark;
      state.fonts_stale = true;  // the style is rebuilt with the fonts
    }
    if (ImGui::MenuItem(tr(state, S::ThemeLight), nullptr, state.view.theme == Theme::Light)) {
      state.view.theme = Theme::Light;
      state.fonts_stale = true;
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(state, S::MenuLanguage))) {
    if (ImGui::MenuItem("English", nullptr, state.view.language == Language::En)) {
      state.view.language = Language::En;
    }
    if (ImGui::MenuItem("简体中文", nullptr, state.view.language == Language::Zh)) {
      state.view.language = Language::Zh;
    }
    ImGui::EndMenu();
  }
  const bool parameters_shown =
      state.parameters_docked ? state.view.show_parameters : state.parameters_drawer_open;
  if (ImGui::MenuItem(tr(state, S::PanelParameters), "Tab", parameters_shown)) {
    toggle_parameters(state);
  }
  ImGui::MenuItem(tr(state, S::MenuShowPicture), "P", &state.picture.visible, state.picture.open());
  if (ImGui::MenuItem(tr(state, S::MenuFullScreen), "F11")) state.fullscreen_requested = true;
  ImGui::MenuItem(tr(state, S::MenuRestore), nullptr, &state.view.restore_last_session);
  ImGui::EndMenu();
}

void help_menu(AppState& state) {
  if (!ImGui::BeginMenu(label(state, S::MenuHelp, "help").c_str())) return;
  if (ImGui::MenuItem(tr(state, S::MenuShortcuts))) state.show_shortcuts = true;
  ImGui::EndMenu();
}

}  // namespace

void draw_menu_bar(AppState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  file_menu(state);
  edit_menu(state);
  view_menu(state);
  help_menu(state);
  if (!state.session_path.empty()) {
    ImGui::TextDisabled("  %s%s", state.session_path.c_str(), state.dirty ? " *" : "");
  }
  ImGui::EndMainMenuBar();
  if (state.show_shortcuts) {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin(label(state, S::MenuShortcuts, "shortcuts").c_str(), &state.show_shortcuts,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse)) {
      ImGui::TextUnformatted(tr(state, S::ShortcutsText));
    }
    ImGui::End();
  }
}

}  // namespace convviz::ui
