// The real panels driven by synthetic mouse and keyboard input, headless.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/lesson/presets.h"
#include "ui/edits.h"
#include "ui/export_view.h"
#include "ui/keys.h"
#include "ui/panels.h"
#include "ui_harness.h"

namespace convviz {
namespace {

using testing::UiHarness;
namespace keys = ui::keys;

Session textbook() { return *find_preset("textbook"); }

// The screen centre of output cell (y, x) of output channel c.
std::pair<float, float> output_cell(const UiHarness& ui, int64_t c, int64_t y, int64_t x) {
  const ui::Rect grid = ui.rect("canvas.output." + std::to_string(c));
  const Shape4 out = output_shape(ui.state.session.spec);
  const float w = (grid.x1 - grid.x0) / float(out.w), h = (grid.y1 - grid.y0) / float(out.h);
  return {grid.x0 + (float(x) + 0.5f) * w, grid.y0 + (float(y) + 0.5f) * h};
}

TEST(Ui, NextButtonAdvancesTheStep) {
  UiHarness ui(textbook());
  EXPECT_EQ(ui.state.session.step, 0);
  ui.click_item("transport.next");
  EXPECT_EQ(ui.state.session.step, 1);
  EXPECT_EQ(ui.state.trace.position, (OutputPosition{0, 0, 0, 1}));
  ui.click_item("transport.last");
  EXPECT_EQ(ui.state.session.step, 24);
  ui.click_item("transport.first");
  EXPECT_EQ(ui.state.session.step, 0);
}

TEST(Ui, TypingStrideTwoGivesAThreeByThreeOutput) {
  UiHarness ui(textbook());
  ui.type_into("param.stride", "2");  // square: one field for both
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride, (Pair{2, 2}));
  EXPECT_EQ(output_shape(ui.state.session.spec), (Shape4{1, 1, 3, 3}));
  EXPECT_EQ(ui.state.output.shape, (std::vector<int64_t>{1, 1, 3, 3}));
  EXPECT_EQ(step_count(ui.state.session.spec), 9);
}

TEST(Ui, ClickingAnOutputCellSelectsItsStep) {
  UiHarness ui(textbook());
  const auto [x, y] = output_cell(ui, 0, 2, 1);
  ui.click(x, y);
  EXPECT_EQ(ui.state.session.step, 2 * 5 + 1);
  EXPECT_EQ(ui.state.trace.position, (OutputPosition{0, 0, 2, 1}));
}

TEST(Ui, GroupsThatDoNotDivideTheChannelsShowWhyAndKeepTheLastValidLayer) {
  UiHarness ui(textbook());
  ui.type_into("param.in_channels", "4");
  ASSERT_EQ(sliding_window(ui.state.session.spec).in_channels, 4);
  ui.click_item("param.groups");
  ui.replace_text("3");
  EXPECT_EQ(sliding_window(ui.state.draft).groups, 3);
  ASSERT_FALSE(ui.state.draft_errors.empty());
  EXPECT_EQ(ui.state.draft_errors[0].message, "groups (3) must divide in_channels (4)");
  EXPECT_EQ(sliding_window(ui.state.session.spec).groups, 1) << "the last valid layer stays";
  ui.frame(5);  // and the app keeps running
  EXPECT_EQ(ui.state.output.shape, (std::vector<int64_t>{1, 1, 5, 5}));
}

TEST(Ui, CtrlZRestoresThePreviousSpecAndCtrlYRedoes) {
  UiHarness ui(textbook());
  ui.type_into("param.stride.h", "2");
  ASSERT_EQ(sliding_window(ui.state.session.spec).stride.h, 2);
  ui.key(keys::kZ, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 1);
  EXPECT_EQ(sliding_window(ui.state.draft).stride.h, 1) << "the widgets show the restored spec";
  ui.key(keys::kY, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 2);
  ui.key(keys::kZ, true, true);  // Ctrl+Shift+Z is redo too, nothing left to redo
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 2);
}

TEST(Ui, EditingAKernelCellChangesTheOutputAndTheExpression) {
  UiHarness ui(textbook());
  const ui::Rect kernel = ui.rect("canvas.kernel.0");
  const float cell = (kernel.x1 - kernel.x0) / 3;
  ui.click(kernel.x0 + cell * 1.5f, kernel.y0 + cell * 1.5f);  // the centre weight
  ASSERT_TRUE(ui.state.editing.has_value());
  ui.replace_text("5");
  EXPECT_EQ(ui.state.session.weight.at(0, 0, 1, 1), 5.0f);
  EXPECT_EQ(ui.state.trace.expression, "1×0+0×0+1×0+0×0+5×1+0×8+1×0+0×6+1×7+1=13");
  EXPECT_EQ(ui.state.output.at(0, 0, 0, 0), 13.0f);
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.output.at(0, 0, 0, 0), 9.0f);
}

TEST(Ui, DraggingAcrossInputCellsPaintsThemAsOneUndoStep) {
  UiHarness ui(textbook());
  ui.state.brush_value = 4;
  const ui::Rect input = ui.rect("canvas.input.0");
  const float cell = (input.x1 - input.x0) / 7;  // padded 7×7
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(input.x0 + cell * 1.5f, input.y0 + cell * 1.5f);  // input (0, 0)
  io.MouseDown[0] = true;
  ui.frame();
  for (int x = 2; x <= 3; ++x)
    ui.move_to(input.x0 + cell * (float(x) + 0.5f), input.y0 + cell * 1.5f);
  io.MouseDown[0] = false;
  ui.frame();
  EXPECT_EQ(ui.state.session.input.at(0, 0, 0, 0), 4.0f);
  EXPECT_EQ(ui.state.session.input.at(0, 0, 0, 1), 4.0f);
  EXPECT_EQ(ui.state.session.input.at(0, 0, 0, 2), 4.0f);
  EXPECT_FALSE(ui.state.editing.has_value()) << "a drag paints, it does not open the editor";
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.session.input.at(0, 0, 0, 1), 8.0f) << "one undo takes back the whole drag";
}

TEST(Ui, KeyboardStepsAndPlaybackFollowsTheTimerNotTheFrameRate) {
  UiHarness ui(textbook());
  ui.key(keys::kRight);
  ui.key(keys::kRight);
  EXPECT_EQ(ui.state.session.step, 2);
  ui.key(keys::kLeft);
  EXPECT_EQ(ui.state.session.step, 1);
  ui.key(keys::kEnd);
  EXPECT_EQ(ui.state.session.step, 24);
  ui.key(keys::kHome);
  EXPECT_EQ(ui.state.session.step, 0);

  ui.state.view.steps_per_second = 4;
  ui.key(keys::kSpace);
  ASSERT_TRUE(ui.state.playing);
  const int64_t before = ui.state.session.step;
  ui.frame(120, 1.0f / 120);  // one second at 120 frames per second
  const int64_t fast = ui.state.session.step - before;
  ui.frame(10, 0.1f);  // one second at 10 frames per second
  const int64_t slow = ui.state.session.step - before - fast;
  EXPECT_EQ(fast, 4);
  EXPECT_EQ(slow, 4);
  ui.key(keys::kSpace);
  EXPECT_FALSE(ui.state.playing);
}

TEST(Ui, FineStepsRevealOneMultiplicationAtATime) {
  UiHarness ui(textbook());
  ui.click_item("transport.fine");
  ASSERT_TRUE(ui.state.view.fine_steps);
  EXPECT_EQ(ui.state.products_shown, 0);
  for (int i = 0; i < 9; ++i) ui.key(keys::kRight);
  EXPECT_EQ(ui.state.products_shown, 9);
  EXPECT_EQ(ui.state.session.step, 0);
  ui.key(keys::kRight);
  EXPECT_EQ(ui.state.session.step, 1);
  EXPECT_EQ(ui.state.products_shown, 0);
}

TEST(Ui, AKernelLargerThanTheInputIsExplainedNotCrashed) {
  UiHarness ui(textbook());
  ui.type_into("param.kernel", "9");
  EXPECT_EQ(sliding_window(ui.state.draft).kernel_size, (Pair{9, 9}));
  ASSERT_FALSE(ui.state.draft_errors.empty());
  EXPECT_EQ(ui.state.draft_errors[0].message,
            "the kernel (9 rows) is larger than the padded input (7 rows)");
  EXPECT_EQ(sliding_window(ui.state.session.spec).kernel_size, (Pair{3, 3}));
}

TEST(Ui, SameAndValidButtonsSetThePaddingPreset) {
  UiHarness ui(textbook());
  ui.click_item("param.padding.valid'");
  EXPECT_EQ(sliding_window(ui.state.session.spec).padding_preset, PaddingPreset::Valid);
  EXPECT_EQ(output_shape(ui.state.session.spec), (Shape4{1, 1, 3, 3}));
  ui.click_item("param.padding.same'");
  EXPECT_EQ(sliding_window(ui.state.session.spec).padding_preset, PaddingPreset::Same);
  EXPECT_EQ(output_shape(ui.state.session.spec), (Shape4{1, 1, 5, 5}));
}

TEST(Ui, PanelsTileTheWindowWithoutOverlapAtEverySizeAndTextScale) {
  for (auto [w, h] : {std::pair{1600.0f, 900.0f}, {1024.0f, 700.0f}, {1920.0f, 1080.0f}}) {
    for (float scale : {1.0f, 2.0f, 3.0f}) {
      UiHarness ui(*find_preset("rgb-to-2"), w, h, scale);
      ui.frame(2);
      std::vector<ui::Rect> panels;
      for (const char* name :
           {"panel.parameters", "panel.canvas", "panel.step", "panel.ops", "panel.transport"}) {
        if (!ui.state.item_rects.count(name) && std::string(name) == "panel.ops") {
          continue;  // large text on a short window: step and counts share a tabbed column
        }
        if (std::string(name) == "panel.parameters" && !ui.state.parameters_docked) {
          EXPECT_FALSE(ui.state.item_rects.count(name)) << "a closed drawer is not drawn";
          continue;  // large text: the canvas has the room, the parameters are a drawer
        }
        const ui::Rect r = ui.rect(name);
        EXPECT_GE(r.x0, 0);
        EXPECT_LE(r.x1, w + 0.5f) << name << " at " << w << "x" << h << " scale " << scale;
        EXPECT_LE(r.y1, h + 0.5f) << name;
        EXPECT_GT(r.x1 - r.x0, 100) << name << " is too narrow to use";
        panels.push_back(r);
      }
      for (size_t i = 0; i < panels.size(); ++i) {
        for (size_t j = i + 1; j < panels.size(); ++j) {
          const ui::Rect& a = panels[i];
          const ui::Rect& b = panels[j];
          const bool overlap =
              a.x0 < b.x1 - 0.5f && b.x0 < a.x1 - 0.5f && a.y0 < b.y1 - 0.5f && b.y0 < a.y1 - 0.5f;
          EXPECT_FALSE(overlap) << "panels " << i << " and " << j << " overlap";
        }
      }
    }
  }
}

TEST(Ui, TabHidesTheParametersAndTheCanvasTakesTheRoom) {
  UiHarness ui(textbook());
  const float before = ui.rect("panel.canvas").x1 - ui.rect("panel.canvas").x0;
  ui.key(keys::kTab);
  EXPECT_FALSE(ui.state.view.show_parameters);
  EXPECT_GT(ui.rect("panel.canvas").x1 - ui.rect("panel.canvas").x0, before);
}

// The whole textbook layer in view, every cell with its number at least
// as large as the panel text, at every text size the issue names.
TEST(Ui, TheTextbookGridIsReadableAtEveryTextSize) {
  for (auto [w, h, largest] : {std::tuple{1920.0f, 1080.0f, 3.0f}, {1280.0f, 720.0f, 2.0f}}) {
    for (float scale = 1.0f; scale <= largest + 0.01f; scale += 0.25f) {
      UiHarness ui(textbook(), w, h, scale);
      ui.frame(2);
      const ui::Rect canvas = ui.state.drawn.area;
      int counts[4] = {0, 0, 0, 0};
      for (const ui::DrawnCell& c : ui.state.drawn.cells) {
        ++counts[int(c.grid)];
        EXPECT_FALSE(c.text.empty())
            << w << "x" << h << " at " << scale << ": a cell without its number";
        EXPECT_GE(c.text_px, ui.state.fonts.size) << w << "x" << h << " at " << scale;
        EXPECT_TRUE(c.rect.x0 >= canvas.x0 && c.rect.x1 <= canvas.x1 + 0.5f &&
                    c.rect.y0 >= canvas.y0 && c.rect.y1 <= canvas.y1 + 0.5f)
            << w << "x" << h << " at " << scale << ": a cell outside the canvas";
      }
      EXPECT_EQ(counts[int(ui::GridKind::Input)], 49) << w << "x" << h << " at " << scale;
      EXPECT_EQ(counts[int(ui::GridKind::Kernel)], 9);
      EXPECT_EQ(counts[int(ui::GridKind::Output)], 25);
    }
  }
}

TEST(Ui, LargeTextTurnsTheParametersIntoADrawerThatTabOpens) {
  UiHarness ui(textbook(), 1280, 720, 2.0f);
  ui.frame(2);
  EXPECT_FALSE(ui.state.parameters_docked);
  EXPECT_FALSE(ui.state.item_rects.count("panel.parameters"));
  ui.key(keys::kTab);
  ui.frame();
  const ui::Rect drawer = ui.rect("panel.parameters");
  EXPECT_LT(drawer.x0, ui.rect("panel.canvas").x1) << "over the canvas";
  ui.key(keys::kTab);
  ui.frame();
  EXPECT_FALSE(ui.state.item_rects.count("panel.parameters"));
  ui.click_item("canvas.parameters_drawer");
  ui.frame();
  EXPECT_TRUE(ui.state.item_rects.count("panel.parameters"));
  EXPECT_TRUE(ui.state.view.show_parameters) << "the preference is untouched";
  // At 100 % the parameters are docked again, beside the canvas.
  UiHarness small(textbook(), 1280, 720, 1.0f);
  small.frame(2);
  EXPECT_TRUE(small.state.parameters_docked);
  EXPECT_LE(small.rect("panel.parameters").x1, small.rect("panel.canvas").x0 + 0.5f);
}

TEST(Ui, ChoosingAnExampleResetsZoomAndPan) {
  UiHarness ui(textbook());
  ui.state.zoom = 4.0f;
  ui.state.pan_x = 300;
  ui.state.pan_y = -200;
  ui::apply(ui.state, ui::ReplaceSession{*find_preset("stride-2")});
  ui.frame();
  EXPECT_EQ(ui.state.zoom, 1.0f);
  EXPECT_EQ(ui.state.pan_x, 0.0f);
  EXPECT_EQ(ui.state.pan_y, 0.0f);
  for (const ui::DrawnCell& c : ui.state.drawn.cells) {
    EXPECT_TRUE(c.rect.x1 <= ui.state.drawn.area.x1 + 0.5f &&
                c.rect.y1 <= ui.state.drawn.area.y1 + 0.5f);
  }
}

TEST(Ui, CtrlEqualsRebuildsTheFontsLarger) {
  UiHarness ui(textbook());
  const float before = ui.state.fonts.size;
  ui.key(keys::kEqual, true);
  ui.frame();
  EXPECT_GT(ui.state.view.text_scale, 1.0f);
  EXPECT_GT(ui.state.fonts.size, before);
  ui.key(keys::kMinus, true);
  ui.frame();
  EXPECT_EQ(ui.state.fonts.size, before);
}

TEST(Ui, ChineseLabelsRenderWithoutMissingGlyphs) {
  UiHarness ui(textbook());
  ui.state.view.language = ui::Language::Zh;
  ui.frame(2);
  ImFont* font = ui.state.fonts.ui;
  for (const char* text : {"参数", "卷积", "步骤", "运算量", "播放"}) {
    for (const char* p = text; *p;) {
      unsigned int c = 0;
      p += ImTextCharFromUtf8(&c, p, nullptr);
      const ImFontGlyph* glyph = font->FindGlyphNoFallback(ImWchar(c));
      EXPECT_NE(glyph, nullptr) << "no glyph for U+" << std::hex << c;
    }
  }
  EXPECT_TRUE(ui.state.fonts.warning.empty()) << ui.state.fonts.warning;
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

TEST(Ui, SixteenChannelsOf32x32StayWithinAFewDrawCalls) {
  Session s = *find_preset("textbook");
  Conv2dProblem spec = sliding_window(s.spec);
  spec.in_channels = spec.out_channels = 16;
  spec.height = spec.width = 32;
  testing::UiHarness ui(with_spec(s, layer_of(spec)));
  ui.frame(3);
  ASSERT_EQ(ui.state.output.shape, (std::vector<int64_t>{1, 16, 32, 32}));
  // Grid lines per row and column, not a border per cell.
  EXPECT_LT(ImGui::GetDrawData()->TotalVtxCount, 400000);
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

using testing::UiHarness;

// The centre of cell (y, x) of a grid drawn as `item` with `rows`×`cols` cells.
std::pair<float, float> cell_centre(const UiHarness& ui, const std::string& item, int64_t rows,
                                    int64_t cols, int64_t y, int64_t x) {
  const ui::Rect r = ui.rect(item);
  const float h = (r.y1 - r.y0) / float(rows), w = (r.x1 - r.x0) / float(cols);
  return {r.x0 + (float(x) + 0.5f) * w, r.y0 + (float(y) + 0.5f) * h};
}

TEST(Ui, HoveringAWindowCellPointsAtItsTermInTheStepPanel) {
  UiHarness ui(*find_preset("textbook"));
  const auto [x, y] =
      cell_centre(ui, "canvas.input.0", 7, 7, 2, 2);  // padded (2, 2) = input (1, 1)
  ui.move_to(x, y);
  EXPECT_EQ(ui.state.hovered.grid, ui::GridKind::Input);
  EXPECT_EQ(ui.state.hovered_term, 8);  // ky = 2, kx = 2 of step 0
  const auto [kx, ky] = cell_centre(ui, "canvas.kernel.0", 3, 3, 0, 1);
  ui.move_to(kx, ky);
  EXPECT_EQ(ui.state.hovered_term, 1);
}

TEST(Ui, SizesTheWindowCannotDrawAreExplained) {
  UiHarness ui(*find_preset("textbook"));
  ui.type_into("param.height", "30000");
  ASSERT_FALSE(ui.state.draft_errors.empty());
  EXPECT_EQ(ui.state.draft_errors[0].message,
            "the padded input (30002x7) is larger than the window draws (96 a side); convviz "
            "compute handles any size");
  EXPECT_EQ(sliding_window(ui.state.session.spec).height, 5);
  ui.type_into("param.padding.h", "200");
  EXPECT_EQ(sliding_window(ui.state.session.spec).padding.h, 1);
}

// Issue 11: F.pad crops with a negative amount. The window accepts it in
// every mode but zeros and draws the cropped rows struck out, with a note.
TEST(Ui, NegativePaddingIsRefusedWithZerosAndCropsWithReflect) {
  UiHarness ui(*find_preset("textbook"));  // 5×5, 3×3 kernel, padding 1, zeros
  ui.type_into("param.padding.h", "-1");
  ASSERT_FALSE(ui.state.draft_errors.empty());
  EXPECT_EQ(ui.state.draft_errors[0].message,
            "padding height (-1) cannot be negative with padding_mode 'zeros' (reflect, "
            "replicate and circular crop instead)");
  EXPECT_EQ(sliding_window(ui.state.session.spec).padding.h, 1) << "the last valid layer stays";

  Session reflect = *find_preset("textbook");
  edit_conv2d(reflect.spec, [&](Conv2dProblem& p) { p.padding_mode = PaddingMode::Reflect; });
  UiHarness crop(reflect);
  crop.click_item("param.padding.square");  // the height alone
  crop.type_into("param.padding.h", "-1");
  EXPECT_TRUE(crop.state.draft_errors.empty());
  ASSERT_EQ(sliding_window(crop.state.session.spec).padding, (Pair{-1, 1}));
  // Rows: 5 − 2 = 3 left, one output row; columns: 5 + 2 = 7, five outputs.
  EXPECT_EQ(crop.state.output.shape, (std::vector<int64_t>{1, 1, 1, 5}));
  crop.frame(2);
  const ui::Rect grid = crop.rect("canvas.input.0"), kept = crop.rect("canvas.input.0.kept");
  const float cell = (grid.x1 - grid.x0) / 7;  // the 5 input rows stay drawn, 7 columns
  EXPECT_NEAR(grid.y1 - grid.y0, 5 * cell, 1.0f);
  EXPECT_NEAR(kept.y0 - grid.y0, cell, 1.0f);  // the top row is struck out
  EXPECT_NEAR(kept.y1 - kept.y0, 3 * cell, 1.0f);
  EXPECT_NEAR(kept.x1 - kept.x0, grid.x1 - grid.x0, 1.0f);
  const ui::Rect note = crop.rect("canvas.crop_note");
  EXPECT_GE(note.y0, grid.y1) << "the note sits under the grids";
  EXPECT_LE(note.y1, crop.rect("canvas").y1 + 1.0f);
  // The cropped top row is padded row -1: it copies input row 0 and feeds no
  // output.
  crop.move_to(grid.x0 + 3.5f * cell, grid.y0 + 0.5f * cell);
  EXPECT_EQ(crop.state.hovered.grid, ui::GridKind::Input);
  EXPECT_EQ(crop.state.hovered.y, -1);
  EXPECT_EQ(crop.state.hovered.x, 3);
  EXPECT_EQ(crop.state.hovered_term, -1);
}

TEST(Ui, TheCropNoteIsGoneWithTheCrop) {
  Session s = *find_preset("textbook");
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.padding_mode = PaddingMode::Replicate; });
  edit_conv2d(s.spec, [&](Conv2dProblem& p) { p.padding = {-1, -1}; });
  UiHarness ui(s);
  ui.frame(2);
  EXPECT_TRUE(ui.state.item_rects.count("canvas.crop_note"));
  ui.type_into("param.padding", "0");
  ui.frame(2);
  EXPECT_FALSE(ui.state.item_rects.count("canvas.crop_note"));
  EXPECT_FALSE(ui.state.item_rects.count("canvas.input.0.kept"));
}

TEST(Ui, TheKernelMenuFillsASobelKernel) {
  UiHarness ui(*find_preset("textbook"));
  const auto [x, y] = cell_centre(ui, "canvas.kernel.0", 3, 3, 1, 1);
  ui.right_click(x, y);
  ui.frame(2);
  ui.click_item("fill.Sobel x");
  EXPECT_EQ(ui.state.session.weight.data, (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
  ui.key(ui::keys::kZ, true);
  EXPECT_EQ(ui.state.session.weight.data, find_preset("textbook")->weight.data);
}

TEST(Ui, TheKernelMenuOffersTheWholeLibrary) {
  UiHarness ui(*find_preset("textbook"));
  const auto [x, y] = cell_centre(ui, "canvas.kernel.0", 3, 3, 1, 1);
  ui.right_click(x, y);
  ui.frame(2);
  for (const char* name : {"Prewitt x", "Prewitt y", "Scharr x", "Scharr y", "emboss", "outline",
                           "motion blur", "Laplacian", "Gaussian"}) {
    EXPECT_EQ(ui.state.item_rects.count(std::string("fill.") + name), 1u) << name;
  }
  ui.click_item("fill.Scharr x");
  EXPECT_EQ(ui.state.session.weight.data, (std::vector<float>{-3, 0, 3, -10, 0, 10, -3, 0, 3}));
}

TEST(Ui, AKernelCanLookAtTheBrightnessOfAnRgbInput) {
  UiHarness ui(*find_preset("rgb-to-2"));
  const auto [x, y] = cell_centre(ui, "canvas.kernel.0", 3, 3, 1, 1);
  ui.right_click(x, y);
  ui.frame(2);
  ui.click_item("fill.channels." + std::to_string(int(ChannelMode::Luminance)));
  ui.click_item("fill.Sobel x");
  const Tensor& w = ui.state.session.weight;
  EXPECT_FLOAT_EQ(w.at(1, 0, 1, 2), 2.0f * 0.2989f);  // red
  EXPECT_FLOAT_EQ(w.at(1, 1, 1, 2), 2.0f * 0.587f);   // green
  EXPECT_FLOAT_EQ(w.at(1, 2, 0, 0), -1.0f * 0.114f);  // blue
}

TEST(Ui, TheInputMenuOffersNoKernelShapes) {
  UiHarness ui(*find_preset("textbook"));
  const auto [x, y] = cell_centre(ui, "canvas.input.0", 7, 7, 3, 3);
  ui.right_click(x, y);
  ui.frame(2);
  ui.click_item("fill.ones");
  for (float v : ui.state.session.input.data) EXPECT_EQ(v, 1.0f);
  EXPECT_EQ(ui.state.item_rects.count("fill.Sobel x"), 0u);
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

using testing::UiHarness;

TEST(UiRegression, UndoWhilePaintingDoesNotCrash) {
  UiHarness ui(*find_preset("textbook"));
  const ui::Rect input = ui.rect("canvas.input.0");
  const float cell = (input.x1 - input.x0) / 7;
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(input.x0 + cell * 1.5f, input.y0 + cell * 1.5f);
  io.MouseDown[0] = true;
  ui.frame();
  ui::apply(ui.state, ui::SetSpec{[&] {
              Conv2dProblem s = sliding_window(ui.state.session.spec);
              s.padding = {0, 0};
              return layer_of(s);
            }()});
  ui::undo(ui.state);  // the grid under the pointer changes shape mid-gesture
  for (int x = 2; x <= 4; ++x)
    ui.move_to(input.x0 + cell * (float(x) + 0.5f), input.y0 + cell * 1.5f);
  io.MouseDown[0] = false;
  ui.frame(2);
  EXPECT_FALSE(ui.state.pressed.has_value());
}

TEST(UiRegression, ANonSquareKernelIsKeptByUnrelatedEdits) {
  Session s = *find_preset("textbook");
  Conv2dProblem spec = sliding_window(s.spec);
  spec.kernel_size = {1, 3};
  spec.padding = {0, 1};
  UiHarness ui(with_spec(s, layer_of(spec)));
  EXPECT_FALSE(ui.state.kernel_square);
  ui.type_into("param.stride.h", "2");
  EXPECT_EQ(sliding_window(ui.state.session.spec).kernel_size, (Pair{1, 3}));
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 2);
}

TEST(UiRegression, AValueTypedDuringPlaybackLandsWhereItWasClicked) {
  UiHarness ui(*find_preset("rgb-to-2"));
  ui.state.playing = true;
  const ui::Rect kernel = ui.rect("canvas.kernel.0");
  const float cell = (kernel.x1 - kernel.x0) / 3;
  ui.click(kernel.x0 + cell * 0.5f, kernel.y0 + cell * 0.5f);  // w[0, 0, 0, 0]
  ASSERT_TRUE(ui.state.editing.has_value());
  EXPECT_FALSE(ui.state.playing) << "playback pauses while a value is typed";
  ui::apply(ui.state, ui::SetStep{20});  // now c_out = 1
  ui.replace_text("7");
  EXPECT_EQ(ui.state.session.weight.at(0, 0, 0, 0), 7.0f);
  EXPECT_NE(ui.state.session.weight.at(1, 0, 0, 0), 7.0f);
}

TEST(UiRegression, GrabbingASliderAfterAnEditIsItsOwnUndoStep) {
  UiHarness ui(*find_preset("textbook"));
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Input, 0, 42.0f});
  const ui::Rect slider = ui.rect("param.stride.h");
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(slider.x0 + 4, slider.center_y());  // on the grab (value 1)
  io.MouseDown[0] = true;
  ui.frame(2);
  ui.move_to(slider.x0 + (slider.x1 - slider.x0) * 0.3f, slider.center_y());
  ui.frame();
  io.MouseDown[0] = false;
  ui.frame();
  ASSERT_GT(sliding_window(ui.state.session.spec).stride.h, 1);
  ui.key(ui::keys::kZ, true);
  EXPECT_EQ(sliding_window(ui.state.session.spec).stride.h, 1);
  EXPECT_EQ(ui.state.session.input.data[0], 42.0f) << "the earlier edit stays";
}

TEST(UiRegression, TheHoveredTermClearsWhenThePointerLeaves) {
  UiHarness ui(*find_preset("textbook"));
  const ui::Rect input = ui.rect("canvas.input.0");
  const float cell = (input.x1 - input.x0) / 7;
  ui.move_to(input.x0 + cell * 2.5f, input.y0 + cell * 2.5f);
  ASSERT_EQ(ui.state.hovered_term, 8);
  ui.move_to(5, 5);
  ui.frame();
  EXPECT_EQ(ui.state.hovered_term, -1);
}

TEST(UiRegression, UndoingBackToTheSavedStateIsNotUnsaved) {
  UiHarness ui(*find_preset("textbook"));
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Input, 0, 42.0f});
  EXPECT_TRUE(ui.state.dirty);
  ui::undo(ui.state);
  EXPECT_FALSE(ui.state.dirty);
}

TEST(UiRegression, AValueEditKeepsAnInvalidDraftAndItsMessage) {
  UiHarness ui(*find_preset("textbook"));
  ui.type_into("param.kernel", "9");
  ASSERT_FALSE(ui.state.draft_errors.empty());
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Input, 0, 42.0f});
  EXPECT_EQ(sliding_window(ui.state.draft).kernel_size, (Pair{9, 9}));
  EXPECT_FALSE(ui.state.draft_errors.empty());
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

TEST(UiExport, CtrlEOffersAMeaningfulNameAndFillsTheRequest) {
  testing::UiHarness ui(*find_preset("textbook"));
  ui.key(ui::keys::kE, true);
  ASSERT_TRUE(ui.state.export_dialog_open);
  ui.frame(2);
  EXPECT_NE(ui.state.export_draft.path.find("conv_k3_s1_p1_step001.png"), std::string::npos)
      << ui.state.export_draft.path;
  ui.click_item("export.scale2");
  ui.click_item("export.go");
  ASSERT_TRUE(ui.state.export_request.has_value());
  EXPECT_EQ(ui.state.export_request->scale, 2);
  EXPECT_EQ(ui.state.export_request->target, ui::ExportTarget::StepImage);
  EXPECT_EQ(ui.state.export_request->from, 0);
  EXPECT_FALSE(ui.state.export_dialog_open);
}

TEST(UiExport, TheProgressWindowCancels) {
  testing::UiHarness ui(*find_preset("textbook"));
  ui.state.export_progress = {true, 3, 25, false};
  ui.frame(2);
  ui.click_item("export.cancel");
  EXPECT_TRUE(ui.state.export_progress.cancel_requested);
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

TEST(UiExport, FileNamesSayTheLayerAndSortPastAThousandSteps) {
  Conv2dProblem spec;
  spec.padding = {1, 1};
  EXPECT_EQ(ui::export_file_name(layer_of(spec), 0, "png"), "conv_k3_s1_p1_step001.png");
  spec.kernel_size = {3, 2};
  spec.stride = {2, 1};
  spec.padding_preset = PaddingPreset::Valid;
  spec.height = spec.width = 40;
  spec.out_channels = 2;
  EXPECT_EQ(ui::export_file_name(layer_of(spec), 41, "png"),
            "conv_k3x2_s2x1_pvalid_c1to2_in40x40_step0042.png");
}

TEST(UiExport, FileNamesCarryEveryFieldThatIsNotPyTorchsDefault) {
  Conv2dProblem spec;
  spec.padding = {1, 1};
  spec.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(ui::export_file_name(layer_of(spec), 0, "png"), "conv_k3_s1_p1_reflect_step001.png");
  spec.padding_mode = PaddingMode::Circular;
  spec.kernel_size = {3, 5};
  spec.padding = {1, 2};
  spec.dilation = {2, 2};
  spec.in_channels = 4;
  spec.out_channels = 2;
  spec.groups = 2;
  spec.bias = false;
  spec.batch = 3;
  spec.height = spec.width = 12;
  EXPECT_EQ(ui::export_stem(layer_of(spec)),
            "conv_k3x5_s1_p1x2_circular_d2_g2_nobias_c4to2_n3_in12x12");
  spec.dilation = {1, 3};
  spec.padding_mode = PaddingMode::Replicate;
  EXPECT_EQ(ui::export_stem(layer_of(spec)),
            "conv_k3x5_s1_p1x2_replicate_d1x3_g2_nobias_c4to2_n3_in12x12");
}

TEST(UiExport, NoTwoPresetsShareAFileName) {
  std::map<std::string, std::string> seen;
  for (const Preset& p : presets()) {
    const std::string name = ui::export_file_name(p.session.spec, 0, "png");
    EXPECT_TRUE(seen.emplace(name, p.name).second)
        << p.name << " and " << seen[name] << ": " << name;
    EXPECT_TRUE(std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum((unsigned char)c) || c == '_' || c == '.';
    })) << name;
  }
  // Differing only in padding_mode.
  EXPECT_NE(ui::export_stem(find_preset("textbook")->spec),
            ui::export_stem(find_preset("reflect-padding")->spec));
}

TEST(UiExport, TheSlideTextNamesTheLayerItsShapesAndTheStep) {
  ui::AppState base = ui::make_app_state(*find_preset("reflect-padding"));
  ui::AppState state = ui::export_state(base, 7, {});
  EXPECT_EQ(ui::slide_code_line(state),
            "nn.Conv2d(1, 1, kernel_size=3, stride=1, padding=1, padding_mode='reflect')   "
            "[1, 1, 5, 5] → [1, 1, 5, 5]");
  EXPECT_EQ(ui::slide_step_line(state), "Step 8 of 25  —  output[n=0, c=0, y=1, x=2]");
  base.view.language = ui::Language::Zh;
  state = ui::export_state(base, 24, {});
  EXPECT_EQ(ui::slide_step_line(state), "第 25 步，共 25 步  —  输出[n=0, c=0, y=4, x=4]");
  // PyTorch's code stays code in Chinese.
  EXPECT_EQ(ui::slide_code_line(state).substr(0, 10), "nn.Conv2d(");

  Conv2dProblem spec;
  spec.in_channels = 4;
  spec.out_channels = 2;
  spec.groups = 2;
  spec.bias = false;
  spec.batch = 2;
  spec.height = 6;
  spec.width = 7;
  state = ui::export_state(ui::make_app_state(with_spec(textbook(), layer_of(spec))), 0, {});
  EXPECT_EQ(ui::slide_code_line(state),
            "nn.Conv2d(4, 2, kernel_size=3, stride=1, padding=0, groups=2, bias=False)   "
            "[2, 4, 6, 7] → [2, 2, 4, 5]");
}

TEST(UiExport, TheDialogNamesTheGifAfterTheLayerAndOffersTheText) {
  testing::UiHarness ui(*find_preset("reflect-padding"));
  ui::open_export_dialog(ui.state, ui::ExportTarget::Animation);
  ui.frame(2);
  EXPECT_TRUE(ui.state.export_draft.path.ends_with("/conv_k3_s1_p1_reflect.gif"))
      << ui.state.export_draft.path;
  ui.click_item("export.with_text");
  ui.click_item("export.go");
  ASSERT_TRUE(ui.state.export_request.has_value());
  EXPECT_TRUE(ui.state.export_request->with_text);
  EXPECT_EQ(ui.state.export_request->target, ui::ExportTarget::Animation);
}

}  // namespace
}  // namespace convviz
