// Issue 12, the window as a desktop app behaves: library kernels bring
// their bias, undo after an invalid value, the keyboard never trapped in a
// field, tooltips clear of what they explain, linked (h, w) pairs, and the
// step and count panels honest about an invalid layer.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "core/lesson/presets.h"
#include "ui/edits.h"
#include "ui/keys.h"
#include "ui/strings.h"
#include "ui_harness.h"

namespace convviz {
namespace {

using testing::UiHarness;
namespace keys = ui::keys;

Session textbook() { return *find_preset("textbook"); }

std::pair<float, float> centre_of(const UiHarness& ui, const std::string& item, int64_t rows,
                                  int64_t cols, int64_t y, int64_t x) {
  const ui::Rect r = ui.rect(item);
  const float h = (r.y1 - r.y0) / float(rows), w = (r.x1 - r.x0) / float(cols);
  return {r.x0 + (float(x) + 0.5f) * w, r.y0 + (float(y) + 0.5f) * h};
}

bool any_popup_open() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId); }

void open_kernel_menu(UiHarness& ui) {
  const auto [x, y] = centre_of(ui, "canvas.kernel.0", 3, 3, 1, 1);
  ui.right_click(x, y);
  ui.frame(2);
}

// Item 6: the textbook's bias 1 would make every flat region read 1.
TEST(LibraryKernel, SobelXSetsTheBiasToZeroSaysSoAndOneUndoRestoresBoth) {
  UiHarness ui(textbook());
  ASSERT_EQ(ui.state.session.bias.data, (std::vector<float>{1.0f}));
  open_kernel_menu(ui);
  ui.click_item("fill.Sobel x");
  EXPECT_EQ(ui.state.session.weight.data, (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{0.0f}));
  EXPECT_EQ(ui::status_text(ui.state), "Sobel x: bias set to 0");
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.session.weight, textbook().weight);
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{1.0f})) << "the same undo step";
}

TEST(LibraryKernel, TheStatusLineSaysItInChineseToo) {
  UiHarness ui(textbook());
  ui.state.view.language = ui::Language::Zh;
  ui.frame();
  open_kernel_menu(ui);
  ui.click_item("fill.Laplacian");
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{0.0f}));
  EXPECT_EQ(ui::status_text(ui.state), "拉普拉斯: 偏置设为 0") << ui::status_text(ui.state);
}

TEST(LibraryKernel, ConstantFillsKeepTheBias) {
  UiHarness ui(textbook());
  open_kernel_menu(ui);
  ui.click_item("fill.ones");
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{1.0f}));
  EXPECT_TRUE(ui.state.status.empty());
}

TEST(LibraryKernel, OneChannelsKernelZeroesOnlyThatChannelsBias) {
  UiHarness ui(*find_preset("rgb-to-2"));
  ui.state.session.bias.data = {0.5f, 0.25f};  // as if typed
  ui.state.fill_one_channel = true;
  ui::apply(ui.state, ui::SetStep{0});
  open_kernel_menu(ui);  // the kernels of output channel 0
  ui.click_item("fill.Sobel y");
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{0.0f, 0.25f}));
}

// Item 8: the invalid draft is the newest change, so undo drops it first.
TEST(UndoInvalid, CtrlZFirstDropsTheInvalidDraftThenUndoesTheEdits) {
  UiHarness ui(textbook());
  ui.type_into("param.in_channels", "4");
  ui.click_item("param.groups");
  ui.replace_text("3");
  ASSERT_FALSE(ui.state.draft_errors.empty());
  ui.key(keys::kZ, true);
  EXPECT_TRUE(ui.state.draft_errors.empty());
  EXPECT_EQ(sliding_window(ui.state.draft).in_channels, 4) << "the last valid layer, as it was";
  EXPECT_EQ(sliding_window(ui.state.draft).groups, 1);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 4);
  ui.key(keys::kZ, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 1);
  // Redo retraces: in_channels 4, then the invalid draft with its message.
  ui.key(keys::kY, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 4);
  EXPECT_TRUE(ui.state.draft_errors.empty());
  ui.key(keys::kY, true);
  EXPECT_EQ(sliding_window(ui.state.draft).groups, 3);
  ASSERT_FALSE(ui.state.draft_errors.empty());
  EXPECT_EQ(ui.state.draft_errors[0].message, "groups (3) must divide in_channels (4)");
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 4);
  ui.key(keys::kY, true);  // nothing more to redo
  EXPECT_EQ(sliding_window(ui.state.draft).groups, 3);
}

TEST(UndoInvalid, AnInvalidDraftIsANewChangeSoRedoHasNothingLeft) {
  UiHarness ui(textbook());
  ui.type_into("param.in_channels", "4");
  ui.key(keys::kZ, true);
  ASSERT_EQ(sliding_window(ui.state.session.spec).in_channels, 1);
  ui.click_item("param.groups");
  ui.replace_text("3");  // groups 3 of 1 channel: invalid
  ASSERT_FALSE(ui.state.draft_errors.empty());
  ui.key(keys::kY, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 1)
      << "the undone edit is not redone over it";
  EXPECT_EQ(sliding_window(ui.state.draft).groups, 3);
}

// Item 9: Tab toggles the parameters, and nothing else.
TEST(Keyboard, AfterAClickInTheCanvasTabLeavesTheArrowsAndSpaceToTheLesson) {
  UiHarness ui(textbook());
  const ui::Rect canvas = ui.rect("canvas");
  ui.click(canvas.x1 - 5, canvas.y1 - 5);  // between the grids
  ASSERT_FALSE(ui.state.editing.has_value());
  ui.key(keys::kTab);
  EXPECT_FALSE(ui.state.view.show_parameters);
  EXPECT_FALSE(ImGui::GetIO().WantTextInput) << "no field took the keyboard";
  ui.key(keys::kRight);
  EXPECT_EQ(ui.state.session.step, 1);
  ui.key(keys::kSpace);
  EXPECT_TRUE(ui.state.playing);
  ui.key(keys::kTab);
  EXPECT_TRUE(ui.state.view.show_parameters);
  EXPECT_FALSE(ImGui::GetIO().WantTextInput);
}

TEST(Keyboard, EscapeClosesTheGridMenuAndTheArrowsStepWhileItIsOpen) {
  UiHarness ui(textbook());
  open_kernel_menu(ui);
  ASSERT_TRUE(any_popup_open());
  ui.key(keys::kRight);
  EXPECT_EQ(ui.state.session.step, 1);
  ui.key(keys::kEscape);
  EXPECT_FALSE(any_popup_open());
}

TEST(Keyboard, EscapeClosesAMenuOfTheMenuBar) {
  UiHarness ui(textbook());
  ui.frame(2);
  const ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
  ASSERT_NE(bar, nullptr);
  ui.click(bar->Pos.x + 12, bar->Pos.y + bar->Size.y / 2);  // "File"
  ui.frame(2);
  ASSERT_TRUE(any_popup_open());
  ui.key(keys::kEscape);
  EXPECT_FALSE(any_popup_open());
}

TEST(Keyboard, TypingACellValueLeavesThePaintValueAlone) {
  UiHarness ui(textbook());
  ui.state.brush_value = 2.0f;
  const auto [x, y] = centre_of(ui, "canvas.kernel.0", 3, 3, 1, 1);
  ui.click(x, y);
  ASSERT_TRUE(ui.state.editing.has_value());
  ui.replace_text("5");
  EXPECT_EQ(ui.state.session.weight.at(0, 0, 1, 1), 5.0f);
  EXPECT_EQ(ui.state.brush_value, 2.0f);
}

bool overlap(const ui::Rect& a, const ui::Rect& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// Item 10: reflect padding's tooltip names the cell a padding value comes from.
TEST(Tooltip, AReflectPaddingTooltipHidesNeitherTheCellNorItsSource) {
  Session s = textbook();
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.padding_mode = PaddingMode::Reflect; });
  UiHarness ui(s);
  const ui::Rect grid = ui.rect("canvas.input.0");
  const float cell = (grid.x1 - grid.x0) / 7;  // padded 7×7
  // Padded (1, 0) is input (0, -1): reflected, input (0, 1) = padded (1, 2).
  const ui::Rect hovered{grid.x0, grid.y0 + cell, grid.x0 + cell, grid.y0 + 2 * cell};
  const ui::Rect source{grid.x0 + 2 * cell, grid.y0 + cell, grid.x0 + 3 * cell, grid.y0 + 2 * cell};
  ui.move_to(hovered.x0 + cell * 0.5f, hovered.y0 + cell * 0.25f);
  ui.frame(2);
  ASSERT_EQ(ui.state.hovered.y, 1);
  ASSERT_EQ(ui.state.hovered.x, 0);
  const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  ASSERT_TRUE(tip && tip->Active);
  const ui::Rect shown{tip->Pos.x, tip->Pos.y, tip->Pos.x + tip->Size.x, tip->Pos.y + tip->Size.y};
  EXPECT_FALSE(overlap(shown, hovered));
  EXPECT_FALSE(overlap(shown, source));
  EXPECT_GE(shown.x0, 0.0f);
  EXPECT_LE(shown.x1, ImGui::GetIO().DisplaySize.x);
}

TEST(Pairs, StrideHasASquareLockLikeTheKernel) {
  UiHarness ui(textbook());
  ui.type_into("param.stride", "2");
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride, (Pair{2, 2}));
  ui.click_item("param.stride.square");  // unlinked: two fields
  ui.type_into("param.stride.w", "1");
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride, (Pair{2, 1}));
  ui.click_item("param.stride.square");  // linked again: the width follows the height
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride, (Pair{2, 2}));
  for (const char* pair : {"param.padding.square", "param.dilation.square"}) {
    EXPECT_EQ(ui.state.item_rects.count(pair), 1u) << pair;
  }
}

TEST(Pairs, DraggingStrideMovesItByOnePerFontHeight) {
  UiHarness ui(textbook());
  ui.click_item("param.stride.square");  // the narrow half-row field, the worst case
  const ui::Rect field = ui.rect("param.stride.h");
  const float font = ui.state.fonts.size;
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(field.x0 + 4, field.center_y());
  io.MouseDown[0] = true;
  ui.frame(2);
  ui.move_to(field.x0 + 4 + 3 * font, field.center_y());
  io.MouseDown[0] = false;
  ui.frame();
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 4) << "1 + three font heights";
}

// The dimmed panels: their figures are of the last valid layer.
float brightest_alpha_in(const char* window, const ui::Rect& r) {
  const ImGuiWindow* w = ImGui::FindWindowByName(window);
  float most = 0;
  for (const ImDrawVert& v : w->DrawList->VtxBuffer) {
    if (v.pos.x > r.x0 && v.pos.x < r.x1 && v.pos.y > r.y0 && v.pos.y < r.y1) {
      most = std::max(most, float((v.col >> IM_COL32_A_SHIFT) & 0xFF));
    }
  }
  return most;
}

TEST(InvalidLayer, TheStepAndCountPanelsAreDimmedAndSaySo) {
  UiHarness ui(textbook());
  ui.frame(2);
  EXPECT_EQ(brightest_alpha_in("###step", ui.rect("step.header")), 255.0f);
  EXPECT_EQ(ui.state.item_rects.count("step.last_valid"), 0u);
  ui.click_item("param.groups");
  ui.replace_text("3");
  ASSERT_FALSE(ui.state.draft_errors.empty());
  ui.frame(2);
  EXPECT_EQ(ui.state.item_rects.count("step.last_valid"), 1u);
  EXPECT_EQ(ui.state.item_rects.count("ops.last_valid"), 1u);
  EXPECT_LT(brightest_alpha_in("###step", ui.rect("step.header")), 160.0f);
  EXPECT_LT(brightest_alpha_in("###ops", ui.rect("ops.table")), 160.0f);
  ui.key(keys::kZ, true);
  ui.frame(2);
  EXPECT_EQ(brightest_alpha_in("###step", ui.rect("step.header")), 255.0f);
}

}  // namespace
}  // namespace convviz
