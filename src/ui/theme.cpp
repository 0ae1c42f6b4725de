#include "ui/theme.h"

namespace convviz::ui {
namespace {

constexpr Palette kDark = {
    IM_COL32(48, 52, 60, 255),    IM_COL32(90, 96, 108, 255),   IM_COL32(235, 238, 242, 255),
    IM_COL32(34, 37, 43, 255),    IM_COL32(150, 156, 168, 255), IM_COL32(255, 140, 0, 255),
    IM_COL32(255, 140, 0, 90),    IM_COL32(255, 140, 0, 255),   IM_COL32(40, 43, 50, 255),
    IM_COL32(255, 140, 0, 200),   IM_COL32(90, 170, 255, 255),  IM_COL32(80, 220, 140, 255),
    IM_COL32(60, 140, 255, 110),  IM_COL32(255, 90, 90, 255),   IM_COL32(150, 156, 168, 255),
    IM_COL32(120, 200, 255, 255), IM_COL32(255, 150, 130, 255), IM_COL32(255, 80, 220, 255),
};

constexpr Palette kLight = {
    IM_COL32(255, 255, 255, 255), IM_COL32(20, 20, 20, 255), IM_COL32(0, 0, 0, 255),
    IM_COL32(222, 222, 222, 255), IM_COL32(60, 60, 60, 255), IM_COL32(214, 90, 0, 255),
    IM_COL32(255, 160, 60, 110),  IM_COL32(214, 90, 0, 255), IM_COL32(245, 245, 245, 255),
    IM_COL32(214, 90, 0, 220),    IM_COL32(0, 80, 200, 255), IM_COL32(0, 130, 60, 255),
    IM_COL32(0, 90, 255, 80),     IM_COL32(200, 0, 0, 255),  IM_COL32(70, 70, 70, 255),
    IM_COL32(0, 70, 170, 255),    IM_COL32(170, 30, 0, 255), IM_COL32(190, 0, 160, 255),
};

}  // namespace

void apply_theme(Theme theme, float text_scale) {
  ImGuiStyle style;
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
    style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.6f);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.92f, 0.92f, 0.92f, 1);
    style.FrameBorderSize = 1.0f;
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.ScaleAllSizes(text_scale);
  ImGui::GetStyle() = style;
}

const Palette& palette(Theme theme) { return theme == Theme::Dark ? kDark : kLight; }

ImU32 faded(ImU32 colour, float alpha) {
  const ImU32 a = (colour >> IM_COL32_A_SHIFT) & 0xff;
  return (colour & ~IM_COL32_A_MASK) | (ImU32(float(a) * alpha) << IM_COL32_A_SHIFT);
}

}  // namespace convviz::ui
