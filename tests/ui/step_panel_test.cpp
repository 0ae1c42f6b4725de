// The step panel holds still and points: its header keeps its height from
// step 9 to 10, formulas break between terms, the table's columns fit the
// panel at large text, and in fine steps the current product is marked in
// the table and on both grids while the output cell shows the running sum.
#include <gtest/gtest.h>
#include <imgui.h>

#include "core/lesson/presets.h"
#include "ui/edits.h"
#include "ui/keys.h"
#include "ui/panels.h"
#include "ui_harness.h"

namespace convviz {
namespace {

using testing::UiHarness;
namespace keys = ui::keys;

struct Screen {
  float width, height, text_scale;
};
// The window sizes and text scales a class uses (smaller windows at text
// scale 3 leave the step panel too short for a table at all: that is the
// window layout's to solve).
constexpr Screen kScreens[] = {{1920, 1080, 1}, {1920, 1080, 2}, {1920, 1080, 2.5f},
                               {1920, 1080, 3}, {1280, 720, 1},  {1280, 720, 2}};

// The step panel alone in a window `font_sizes` wide, as narrow as a
// future layout may make it.
void draw_panel_alone(UiHarness& ui, float font_sizes, float height) {
  for (int i = 0; i < 2; ++i) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(font_sizes * ui.state.fonts.size, height));
    ImGui::Begin("narrow step panel");
    ui.state.item_rects["panel.step"] = {0, 0, font_sizes * ui.state.fonts.size, height};
    ui::draw_step_panel(ui.state);
    ImGui::End();
    ImGui::Render();
  }
}

std::string describe(const char* preset, const Screen& s, ui::Language language) {
  return std::string(preset) + " at " + std::to_string(int(s.width)) + "x" +
         std::to_string(int(s.height)) + " text " + std::to_string(s.text_scale) +
         (language == ui::Language::Zh ? " zh" : " en");
}

void go_to_step(UiHarness& ui, int64_t step) {
  ui::apply(ui.state, ui::SetStep{step});
  ui.frame(2);
}

float height(const ui::Rect& r) { return r.y1 - r.y0; }

TEST(StepPanel, TheHeaderKeepsItsHeightFromStepNineToTen) {
  for (const Screen& screen : kScreens) {
    for (ui::Language language : {ui::Language::En, ui::Language::Zh}) {
      UiHarness ui(*find_preset("textbook"), screen.width, screen.height, screen.text_scale);
      ui.state.view.language = language;
      go_to_step(ui, 8);
      const ui::Rect nine = ui.rect("step.header");
      go_to_step(ui, 9);
      const ui::Rect ten = ui.rect("step.header");
      EXPECT_EQ(height(nine), height(ten)) << describe("textbook", screen, language);
      go_to_step(ui, 24);
      EXPECT_EQ(height(ui.rect("step.header")), height(nine))
          << describe("textbook", screen, language);
    }
  }
}

TEST(StepPanel, TheTableDoesNotMoveWhilePlaying) {
  for (const Screen& screen : kScreens) {
    UiHarness ui(*find_preset("textbook"), screen.width, screen.height, screen.text_scale);
    go_to_step(ui, 0);
    const float top = ui.rect("step.table").y0;
    for (int64_t step = 1; step < 25; ++step) {
      go_to_step(ui, step);
      EXPECT_EQ(ui.rect("step.table").y0, top)
          << "step " << step + 1 << ", " << describe("textbook", screen, ui::Language::En);
    }
  }
}

bool number_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// No line of `text` ends inside a number: a break never has digits on both
// sides, nor follows an exponent's sign.
void expect_breaks_between_numbers(const std::string& text, const std::string& where) {
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    ASSERT_GT(at, 1u);
    ASSERT_LT(at + 1, text.size());
    const char before = text[at - 1], after = text[at + 1];
    EXPECT_FALSE(number_char(before) && number_char(after)) << where << ":\n" << text;
    EXPECT_FALSE(before == '+' && text[at - 2] == 'e') << where << ":\n" << text;
  }
}

// Random normal values everywhere: four-digit decimals, many negative.
void fill_with_decimals(UiHarness& ui) {
  ui::apply(ui.state, ui::FillValues{ui::TensorRole::Input, Fill::RandomNormal, std::nullopt});
  ui::apply(ui.state, ui::FillValues{ui::TensorRole::Weight, Fill::RandomNormal, std::nullopt});
  ui.frame(2);
}

TEST(StepPanel, FormulasBreakOnlyBetweenTerms) {
  for (const Screen& screen : kScreens) {
    for (const char* preset : {"textbook", "rgb-to-2", "dilation-2"}) {
      UiHarness ui(*find_preset(preset), screen.width, screen.height, screen.text_scale);
      fill_with_decimals(ui);
      go_to_step(ui, 4);
      const std::string& expression = ui.state.item_texts.at("step.expression");
      const std::string& sum = ui.state.item_texts.at("step.sum");
      expect_breaks_between_numbers(expression, describe(preset, screen, ui::Language::En));
      expect_breaks_between_numbers(sum, describe(preset, screen, ui::Language::En));
    }
  }
}

// Every column's header lies inside the panel, left of the table's
// vertical scrollbar: none is behind a sideways scrollbar.
void expect_columns_visible(const UiHarness& ui, const std::string& where) {
  const ui::Rect panel = ui.rect("panel.step");
  const float scrollbar = 14.0f * ui.state.view.text_scale;  // ImGui's ScrollbarSize, scaled
  const float right = panel.x1 - ImGui::GetStyle().WindowPadding.x - scrollbar;
  int columns = 0;
  for (int c = 0; c < 6; ++c) {
    const auto it = ui.state.item_rects.find("step.table.column." + std::to_string(c));
    if (it == ui.state.item_rects.end()) break;
    ++columns;
    EXPECT_GE(it->second.x0, panel.x0) << where << " column " << c;
    EXPECT_LE(it->second.x1, right) << where << " column " << c;
  }
  EXPECT_GE(columns, 3) << where;
}

TEST(StepPanel, EveryColumnOfTheTableIsVisibleAtLargeText) {
  for (const Screen& screen : kScreens) {
    for (ui::Language language : {ui::Language::En, ui::Language::Zh}) {
      for (const char* preset : {"textbook", "rgb-to-2", "stride-2", "depthwise"}) {
        UiHarness ui(*find_preset(preset), screen.width, screen.height, screen.text_scale);
        ui.state.view.language = language;
        ui.frame(2);
        expect_columns_visible(ui, describe(preset, screen, language));
      }
    }
  }
}

TEST(StepPanel, EveryColumnIsVisibleInANarrowPanel) {
  for (float text_scale : {1.0f, 2.0f, 3.0f}) {
    for (float font_sizes : {20.0f, 14.0f, 10.0f}) {
      for (ui::Language language : {ui::Language::En, ui::Language::Zh}) {
        for (const char* preset : {"textbook", "rgb-to-2", "stride-2", "depthwise"}) {
          UiHarness ui(*find_preset(preset), 1920, 1080, text_scale);
          ui.state.view.language = language;
          draw_panel_alone(ui, font_sizes, 1000);
          expect_columns_visible(ui, describe(preset, {font_sizes, 1000, text_scale}, language) +
                                         " (panel " + std::to_string(font_sizes) +
                                         " font sizes wide)");
        }
      }
    }
  }
}

TEST(StepPanel, TheHeaderKeepsItsHeightInANarrowPanel) {
  for (float text_scale : {1.0f, 3.0f}) {
    for (float font_sizes : {20.0f, 10.0f}) {
      UiHarness ui(*find_preset("textbook"), 1920, 1080, text_scale);
      ui::apply(ui.state, ui::SetStep{8});
      draw_panel_alone(ui, font_sizes, 1000);
      const ui::Rect nine = ui.rect("step.header");
      ui::apply(ui.state, ui::SetStep{9});
      ui::refresh(ui.state);
      draw_panel_alone(ui, font_sizes, 1000);
      EXPECT_EQ(height(ui.rect("step.header")), height(nine)) << font_sizes << " " << text_scale;
      EXPECT_LE(ui.rect("step.header").x1, font_sizes * ui.state.fonts.size) << "not clipped";
    }
  }
}

// Step 7 of the textbook (output y=1, x=1) reads input rows and columns
// 0..2 under the X kernel: products 1,0,3,0,7,0,2,0,9, sum 22, result 23.
// The fifth product is the centre: weight[1][1] × input[1][1] (padded
// cell (2, 2)).
ui::Rect cell_of(const ui::Rect& grid, int64_t rows, int64_t cols, int64_t y, int64_t x) {
  const float w = (grid.x1 - grid.x0) / float(cols), h = (grid.y1 - grid.y0) / float(rows);
  return {grid.x0 + float(x) * w, grid.y0 + float(y) * h, grid.x0 + float(x + 1) * w,
          grid.y0 + float(y + 1) * h};
}

void expect_near_rect(const ui::Rect& a, const ui::Rect& b, const std::string& what) {
  EXPECT_NEAR(a.x0, b.x0, 1.0f) << what;
  EXPECT_NEAR(a.y0, b.y0, 1.0f) << what;
  EXPECT_NEAR(a.x1, b.x1, 1.0f) << what;
  EXPECT_NEAR(a.y1, b.y1, 1.0f) << what;
}

TEST(StepPanel, FineStepsMarkTheCurrentProductAndShowOnlyTheRunningSum) {
  for (bool reveal : {false, true}) {
    UiHarness ui(*find_preset("textbook"));
    ui.state.view.reveal_outputs = reveal;
    go_to_step(ui, 6);
    ui.click_item("transport.fine");
    ASSERT_TRUE(ui.state.view.fine_steps);
    EXPECT_EQ(ui.state.item_texts.at("canvas.current_output"), "Σ 0");
    EXPECT_EQ(ui.state.item_rects.count("canvas.current_term.input"), 0u);
    for (int i = 0; i < 5; ++i) ui.key(keys::kRight);
    ASSERT_EQ(ui.state.products_shown, 5);
    ui.frame();
    EXPECT_EQ(ui.state.item_texts.at("canvas.current_output"), "Σ 11") << reveal;
    expect_near_rect(ui.rect("canvas.current_term.input"),
                     cell_of(ui.rect("canvas.input.0"), 7, 7, 2, 2), "input cell");
    expect_near_rect(ui.rect("canvas.current_term.kernel"),
                     cell_of(ui.rect("canvas.kernel.0"), 3, 3, 1, 1), "kernel cell");
    // The fifth row of the table: four rows below the first.
    const ui::Rect row = ui.rect("step.table.current_row");
    const ui::Rect header = ui.rect("step.table.column.0");
    const float row_height = ui.rect("step.table.current_row").y1 - row.y0;
    EXPECT_NEAR(row.y0 - header.y1, 4 * row_height, row_height * 0.3f);
    EXPECT_NE(ui.state.item_texts.at("step.sum").find("11"), std::string::npos);
    EXPECT_EQ(ui.state.item_texts.at("step.sum").find("23"), std::string::npos);

    for (int i = 0; i < 3; ++i) ui.key(keys::kRight);
    ui.frame();
    EXPECT_EQ(ui.state.item_texts.at("canvas.current_output"), "Σ 13");
    ui.key(keys::kRight);  // the last product: now the result, with the bias
    ui.frame();
    EXPECT_EQ(ui.state.item_texts.at("canvas.current_output"), "23");
    EXPECT_NE(ui.state.item_texts.at("step.sum").find("= 23"), std::string::npos);
    expect_near_rect(ui.rect("canvas.current_term.input"),
                     cell_of(ui.rect("canvas.input.0"), 7, 7, 3, 3), "last input cell");
  }
}

TEST(StepPanel, WithoutFineStepsNoProductIsMarked) {
  UiHarness ui(*find_preset("textbook"));
  go_to_step(ui, 6);
  EXPECT_EQ(ui.state.item_texts.at("canvas.current_output"), "23");
  EXPECT_EQ(ui.state.item_rects.count("canvas.current_term.input"), 0u);
  EXPECT_EQ(ui.state.item_rects.count("canvas.current_term.kernel"), 0u);
  EXPECT_EQ(ui.state.item_rects.count("step.table.current_row"), 0u);
}

}  // namespace
}  // namespace convviz
