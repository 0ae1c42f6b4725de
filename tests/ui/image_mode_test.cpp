// Image mode through the real panels, headless: the grid on a picture
// (whole or a dragged region), the full-resolution maps computed off the UI
// thread, the kernel library's choices and the files that go with it.
#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "core/engine/reference_engine.h"
#include "core/lesson/image_grid.h"
#include "core/lesson/presets.h"
#include "core/model/step_trace.h"
#include "ui/edits.h"
#include "ui/kernel_library.h"
#include "ui/keys.h"
#include "ui/picture_mode.h"
#include "ui/strings.h"
#include "ui_harness.h"

namespace convviz {
namespace {

using testing::UiHarness;
namespace keys = ui::keys;

Tensor test_picture(int64_t channels, int64_t h, int64_t w) {
  Tensor t = make_tensor({1, channels, h, w});
  for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = float((i * 37) % 101) / 100.0f;
  return t;
}

// Frames until the background convolution has delivered the newest maps
// (a minute at most: sanitizer builds on a busy machine are slow).
void wait_for_maps(UiHarness& ui) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    ui.frame();
    const auto& worker = ui.state.picture.worker;
    if (!ui.state.picture.maps_stale && worker && !worker->busy()) {
      ui.frame();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  FAIL() << "the feature maps never arrived";
}

// What the maps must be: the session's layer over the whole picture.
Tensor expected_maps(const ui::AppState& state) {
  Conv2dProblem spec = sliding_window(state.session.spec);
  spec.height = state.picture.pixels->shape[2];
  spec.width = state.picture.pixels->shape[3];
  Tensor y;
  conv2d_reference(spec, *state.picture.pixels, state.session.weight, bias_or_null(state.session),
                   y);
  return y;
}

void expect_maps_match(const ui::AppState& state) {
  const Tensor expected = expected_maps(state);
  ASSERT_EQ(state.picture.maps.shape, expected.shape);
  for (size_t i = 0; i < expected.data.size(); ++i) {
    ASSERT_NEAR(state.picture.maps.data[i], expected.data[i], 1e-4f) << i;
  }
}

TEST(ImageMode, ALargePictureOpensOnARegionInItsMiddle) {
  UiHarness ui(*find_preset("textbook"));
  const Tensor picture = test_picture(3, 60, 40);
  ASSERT_TRUE(ui::open_picture(ui.state, picture, "photo.png"));
  wait_for_maps(ui);
  const Session& s = ui.state.session;
  EXPECT_EQ(sliding_window(s.spec).in_channels, 3);
  EXPECT_EQ(ui.state.picture.placement.source, ui::GridSource::Region);
  EXPECT_EQ(s.input, crop_region(picture, 26, 16, 8, 8));
  EXPECT_EQ(ui.state.picture.placement.top, 26);
  expect_maps_match(ui.state);
  EXPECT_EQ(ui.state.picture.ranges.size(), 1u);
  EXPECT_GT(ui.rect("panel.picture").y1, ui.rect("panel.picture").y0) << "the panel is drawn";
  // The first frame fits the region to the canvas (in the same undo step).
  ui.frame();
  const int64_t side = sliding_window(ui.state.session.spec).height;
  EXPECT_LE(side, 8);
  EXPECT_EQ(sliding_window(ui.state.session.spec).width, side);
  const int64_t top = (60 - side) / 2, left = (40 - side) / 2;
  EXPECT_EQ(ui.state.session.input, crop_region(picture, top, left, side, side)) << "still centred";
  // Whole picture: the usual grid; back to Region: the region in the middle again.
  ui.click_item("picture.whole");
  EXPECT_EQ(ui.state.session.input, resample_to_grid(picture, 28, 19));
  ui.click_item("picture.region");
  EXPECT_EQ(ui.state.session.input, crop_region(picture, top, left, side, side));
  ui::undo(ui.state);
  ui::undo(ui.state);
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.session.input, find_preset("textbook")->input) << "one undo takes it back";
  EXPECT_FALSE(ui.state.picture.open()) << "and the picture with it";
  ui.key(keys::kZ, true, true);
  EXPECT_TRUE(ui.state.picture.open()) << "redo brings it back";
  EXPECT_EQ(ui.state.session.input, crop_region(picture, top, left, side, side));
}

TEST(ImageMode, ANewPictureNeverShowsTheOldOnesMaps) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 40, 40), "a.png"));
  wait_for_maps(ui);
  const uint64_t maps_a = ui.state.picture.maps_version;
  const uint64_t pixels_a = ui.state.picture.pixels_version;
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 30, 50), "b.png"));
  EXPECT_GT(ui.state.picture.maps_version, maps_a) << "versions only grow";
  EXPECT_GT(ui.state.picture.pixels_version, pixels_a);
  wait_for_maps(ui);
  expect_maps_match(ui.state);
  EXPECT_EQ(ui.state.picture.maps.shape[3], 50);
}

TEST(ImageMode, WithTheGridChosenTheWholePictureIsAveragedDown) {
  UiHarness ui(*find_preset("textbook"));
  ui.state.picture_grid_chosen = true;
  const Tensor picture = test_picture(3, 60, 40);
  ASSERT_TRUE(ui::open_picture(ui.state, picture, "photo.png"));
  ui.frame();
  EXPECT_EQ(ui.state.session.input, resample_to_grid(picture, 28, 19));
  EXPECT_NE(ui::status_text(ui.state).find("photo.png (28×19)"), std::string::npos)
      << ui::status_text(ui.state);
  // A new height and width resample the picture to that grid.
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.height = 14;
  spec.width = 9;
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  EXPECT_EQ(ui.state.session.input, resample_to_grid(picture, 14, 9));
}

// A region opened at the default size fits the canvas: the largest (up to
// 8×8) whose cells show their numbers at the text size, smaller as the
// text grows; when not even 3×3 can, 8×8 in shades with the loupe.
TEST(ImageMode, TheDefaultRegionFitsTheCanvasAtTheTextSize) {
  int64_t previous = 9;
  bool shrank = false;
  for (float scale : {1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 3.0f}) {
    UiHarness ui(*find_preset("textbook"), 1920, 1080, scale);
    ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 80, 80), "gray.png"));
    ui.frame(2);
    const int64_t side = sliding_window(ui.state.session.spec).height;
    EXPECT_EQ(sliding_window(ui.state.session.spec).width, side);
    int numbers = 0;
    for (const ui::DrawnCell& c : ui.state.drawn.cells) numbers += !c.text.empty() && !c.loupe;
    if (numbers == 0) {
      EXPECT_EQ(side, 8) << "at " << scale << ": no size shows numbers, so the most shades";
      EXPECT_TRUE(ui.state.item_rects.count("canvas.loupe")) << "and the loupe has them";
    } else {
      EXPECT_LE(side, previous) << "at " << scale;
      shrank |= side < 8;
      previous = side;
    }
    ui::undo(ui.state);
    EXPECT_FALSE(ui.state.picture.open()) << "the fit is part of the open's undo step";
  }
  EXPECT_TRUE(shrank) << "some text size needs a smaller region";
}

TEST(ImageMode, DraggingTheRegionBoxMovesTheGridAsOneUndoStep) {
  UiHarness ui(*find_preset("textbook"));
  const Tensor picture = test_picture(1, 80, 80);
  ASSERT_TRUE(ui::open_picture(ui.state, picture, "gray.png"));
  ui.frame();
  const ui::PicturePlacement before = ui.state.picture.placement;
  const ui::Rect image = ui.rect("picture.image");
  const float px = (image.x1 - image.x0) / 80.0f;  // screen pixels per picture pixel
  ImGuiIO& io = ImGui::GetIO();
  ui.move_to(image.x0 + 40 * px, image.y0 + 40 * px);
  io.MouseDown[0] = true;
  ui.frame();
  for (int step = 1; step <= 4; ++step)
    ui.move_to(image.x0 + (40 + 5 * step) * px, image.y0 + 20 * px);
  io.MouseDown[0] = false;
  ui.frame();
  const ui::PicturePlacement after = ui.state.picture.placement;
  const int64_t side = sliding_window(ui.state.session.spec).height;  // as fitted to the canvas
  EXPECT_NEAR(double(after.left), 60 - side / 2, 1.0);  // the box is centred on the pointer
  EXPECT_NEAR(double(after.top), 20 - side / 2, 1.0);
  EXPECT_EQ(ui.state.session.input, crop_region(picture, after.top, after.left, side, side));
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.picture.placement, before) << "one undo for the whole drag";
  EXPECT_EQ(ui.state.session.input, crop_region(picture, before.top, before.left, side, side));
}

// Every grid output whose window stays inside the region equals the full
// map's pixel under the marker (at the region's edges the grid pads its own
// border, the map reads the picture's neighbours).
void expect_interior_outputs_on_the_map(UiHarness& ui) {
  const Conv2dProblem spec = sliding_window(ui.state.session.spec);
  const SidePadding pad = side_padding(spec);
  const Shape4 grid = output_shape(spec);
  int64_t checked = 0;
  for (int64_t step = 0; step < grid.h * grid.w; ++step) {
    ui::apply(ui.state, ui::SetStep{step});
    ui.frame();
    const OutputPosition at = ui.state.trace.position;
    const int64_t y0 = at.y * spec.stride.h - pad.top, x0 = at.x * spec.stride.w - pad.left;
    const int64_t extent = (spec.kernel_size.h - 1) * spec.dilation.h + 1;
    if (y0 < 0 || x0 < 0 || y0 + extent > spec.height || x0 + extent > spec.width) continue;
    const ui::PixelBox box = ui::step_on_map(ui.state);
    const float map_value = ui.state.picture.maps.at(0, 0, int64_t(box.y0), int64_t(box.x0));
    EXPECT_NEAR(ui.state.trace.result, map_value, 1e-4f) << step;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(ImageMode, ARegionCornerSitsOnTheStrideSoGridOutputsArePixelsOfTheMap) {
  UiHarness ui(*find_preset("textbook"));
  const Tensor picture = test_picture(1, 51, 51);
  ASSERT_TRUE(ui::open_picture(ui.state, picture, "gray.png"));
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.stride = {3, 3};
  spec.height = spec.width = 11;
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));  // padding 1 stays
  ASSERT_TRUE(ui::apply(ui.state, ui::PlaceGrid{{ui::GridSource::Region, 17, 10}}));
  EXPECT_EQ(ui.state.picture.placement.top, 15);
  EXPECT_EQ(ui.state.picture.placement.left, 9);
  wait_for_maps(ui);
  expect_interior_outputs_on_the_map(ui);
  // Pushed past the far edge, the corner stays on the stride (51 - 11 = 40 → 39).
  ASSERT_TRUE(ui::apply(ui.state, ui::PlaceGrid{{ui::GridSource::Region, 49, 49}}));
  EXPECT_EQ(ui.state.picture.placement.top, 39);
  EXPECT_EQ(ui.state.session.input, crop_region(picture, 39, 39, 11, 11));
  expect_interior_outputs_on_the_map(ui);
}

TEST(ImageMode, OnTheWholePictureTheMarkersScaleWithTheGrid) {
  UiHarness ui(*find_preset("textbook"));
  ui.state.picture_grid_chosen = true;
  ui.state.picture_grid = 20;
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 80, 40), "tall.png"));
  ASSERT_EQ(sliding_window(ui.state.session.spec).height, 20);
  ASSERT_EQ(sliding_window(ui.state.session.spec).width, 10);
  ui::apply(ui.state, ui::SetStep{3 * 10 + 4});  // output (3, 4); padding 1, 3×3
  ui.frame();
  // Grid cells are 4×4 pixels: the window (rows 2..5, columns 3..6) covers
  // pixels [8, 20) × [12, 24); the output pixel is map pixels [12, 16) × [16, 20).
  EXPECT_EQ(ui::window_on_picture(ui.state), (ui::PixelBox{8, 12, 20, 24}));
  EXPECT_EQ(ui::step_on_map(ui.state), (ui::PixelBox{12, 16, 16, 20}));
  // Clicking inside that map area steps to the same output.
  wait_for_maps(ui);
  ui::apply(ui.state, ui::SetStep{0});
  ui.frame();
  const ui::Rect map = ui.rect("picture.map.0");
  const float px = (map.x1 - map.x0) / 40.0f;
  ui.click(map.x0 + 17.5f * px, map.y0 + 13.5f * px);
  EXPECT_EQ(ui.state.trace.position.y, 3);
  EXPECT_EQ(ui.state.trace.position.x, 4);
}

TEST(ImageMode, AFirstMapBeyondTheMapsShowsNoneAndDoesNotCrash) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 30, 30), "gray.png"));
  wait_for_maps(ui);
  ui.state.picture.first_map = 5;  // as Ctrl+click could type it
  ui.state.picture.zoom = 0.0f;
  ui.state.item_rects.clear();
  ui.frame(2);
  EXPECT_EQ(ui.state.item_rects.count("picture.map.0"), 0u);
  EXPECT_EQ(ui.state.item_rects.count("picture.map.5"), 0u);
  EXPECT_GT(ui.rect("picture.image").x1, ui.rect("picture.image").x0) << "the picture still shows";
}

TEST(ImageMode, ClickingAMapPixelStepsThere) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 64, 64), "gray.png"));
  wait_for_maps(ui);
  const ui::Rect map = ui.rect("picture.map.0");
  const float px = (map.x1 - map.x0) / 64.0f;
  const int64_t top = ui.state.picture.placement.top, left = ui.state.picture.placement.left;
  ui.click(map.x0 + (float(left) + 3.5f) * px, map.y0 + (float(top) + 2.5f) * px);
  EXPECT_EQ(ui.state.trace.position.y, 2);
  EXPECT_EQ(ui.state.trace.position.x, 3);
  // The window marker sits inside the picture at the region's corner.
  const ui::Rect window = ui.rect("picture.window");
  const ui::Rect image = ui.rect("picture.image");
  EXPECT_GT(window.x0, image.x0);
  EXPECT_LT(window.x1, image.x1);
}

TEST(ImageMode, SobelFollowsTheKernelSizeAndTheMapsFollowTheLayer) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 40, 48), "gray.png"));
  ASSERT_TRUE(ui::apply_library_kernel(ui.state, Fill::SobelX));
  wait_for_maps(ui);
  expect_maps_match(ui.state);
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.kernel_size = {5, 5};
  spec.padding = {2, 2};
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  const std::vector<float> sobel5 = *named_kernel(Fill::SobelX, 5, 5);
  EXPECT_EQ(ui.state.session.weight.data, sobel5) << "Sobel x stays Sobel x at 5×5";
  wait_for_maps(ui);
  expect_maps_match(ui.state);
  // Through a size Sobel has no form at (4×4) and back to one that has.
  spec.kernel_size = {4, 4};
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  spec.kernel_size = {7, 7};
  spec.padding = {3, 3};
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  EXPECT_EQ(ui.state.session.weight.data, *named_kernel(Fill::SobelX, 7, 7));
  // Once a cell is edited by hand the kernel is the student's own.
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Weight, 0, 7.0f});
  spec.kernel_size = {3, 3};
  spec.padding = {1, 1};
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  EXPECT_EQ(ui.state.session.weight.data[0], 7.0f);
  EXPECT_FALSE(ui::intact_named_kernel(ui.state));
  // Sobel y put in and undone: the weight is the hand-made one again and stays so.
  ASSERT_TRUE(ui::apply_library_kernel(ui.state, Fill::SobelY));
  ASSERT_TRUE(ui::undo(ui.state));
  spec.kernel_size = {5, 5};
  spec.padding = {2, 2};
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  EXPECT_EQ(ui.state.session.weight.data[0], 7.0f);
}

TEST(ImageMode, TheGaussiansSigmaSliderRebuildsIt) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 40, 40), "gray.png"));
  ui.state.gaussian_sigma = 0.8f;
  ASSERT_TRUE(ui::apply_library_kernel(ui.state, Fill::Gaussian));
  EXPECT_EQ(ui.state.session.weight.data, gaussian_kernel(3, 3, double(0.8f)));
  ui.frame(2);  // the panel settles its rows on the first frame
  ui.type_into("kernel.sigma", "2");
  EXPECT_EQ(ui.state.session.weight.data, gaussian_kernel(3, 3, 2.0));
}

TEST(ImageMode, InChannelsThatDoNotFitThePictureAreExplained) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(3, 40, 40), "rgb.png"));
  wait_for_maps(ui);
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.in_channels = 1;
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  ui.frame();
  EXPECT_NE(ui.state.picture.maps_error.find("in_channels"), std::string::npos);
  EXPECT_TRUE(ui.state.picture.maps.data.empty()) << "no stale map of another layer";
}

TEST(ImageMode, MapsTooBigToKeepAreRefusedWithTheirSize) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 4096, 4096), "huge.png"));
  wait_for_maps(ui);
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.out_channels = 5;  // 5 × 4096² values > 64 Mi
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  ui.frame();
  EXPECT_NE(ui.state.picture.maps_error.find("83886080 values"), std::string::npos)
      << ui.state.picture.maps_error;
  EXPECT_TRUE(ui.state.picture.maps.data.empty());
}

TEST(ImageMode, RangeModesGiveTheColourBarsTheirRanges) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 30, 30), "gray.png"));
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.out_channels = 2;
  ASSERT_TRUE(ui::apply(ui.state, ui::SetSpec{layer_of(spec)}));
  wait_for_maps(ui);
  auto& p = ui.state.picture;
  ASSERT_EQ(p.ranges.size(), 2u);
  EXPECT_EQ(p.ranges, map_ranges(p.maps, RangeMode::PerMap, 0, 1));
  p.range_mode = RangeMode::Fixed;
  ui.frame();
  ui.type_into("picture.fixed_lo", "-2");
  ui.type_into("picture.fixed_hi", "5");
  EXPECT_EQ(p.ranges[1], (MapRange{-2.0f, 5.0f, Colormap::Diverging}));
}

TEST(ImageMode, TheOpenImageDialogKeepsABadFileToItselfAndOpensAGoodOne) {
  UiHarness ui(*find_preset("textbook"));
  ui.key(keys::kI, true);
  ASSERT_TRUE(ui.state.file_dialog_open);
  EXPECT_TRUE(ui.state.file_dialog_picture);
  const Session before = ui.state.session;
  ui.click_item("dialog.path");
  ui.replace_text("/nonexistent/photo.png");
  EXPECT_TRUE(ui.state.file_dialog_open) << "the dialog stays open with the message";
  EXPECT_FALSE(ui.state.file_dialog_error.empty());
  EXPECT_EQ(ui.state.session, before);
  EXPECT_FALSE(ui.state.picture.open());
  ui.click_item("dialog.path");
  ui.replace_text(std::string(CONVVIZ_ASSETS_DIR) + "/digit.png");
  EXPECT_FALSE(ui.state.file_dialog_open);
  ASSERT_TRUE(ui.state.picture.open());
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 1);
  EXPECT_EQ(ui.state.picture.placement.source, ui::GridSource::WholePicture) << "28×28: itself";
  EXPECT_EQ(sliding_window(ui.state.session.spec).height, 28);
}

TEST(ImageMode, GrayscaleAndRangeReadThePictureAgain) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture_file(ui.state, std::string(CONVVIZ_ASSETS_DIR) + "/scene.png"));
  wait_for_maps(ui);
  ASSERT_EQ(ui.state.picture.pixels->shape[1], 3);
  ASSERT_TRUE(ui::apply(ui.state, ui::PlaceGrid{{ui::GridSource::Region, 100, 60}}));
  const ui::PicturePlacement placement = ui.state.picture.placement;
  const auto colour = ui.state.picture.pixels;
  ui.frame();
  ui.click_item("picture.grayscale");
  ASSERT_EQ(ui.state.picture.pixels->shape[1], 1);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 1);
  EXPECT_EQ(ui.state.picture.placement, placement) << "the grid stays where it was";
  EXPECT_EQ(sliding_window(ui.state.session.spec).height, 8);
  wait_for_maps(ui);
  expect_maps_match(ui.state);
  ASSERT_TRUE(ui::reload_picture(ui.state, true, false));
  EXPECT_GT(
      *std::max_element(ui.state.picture.pixels->data.begin(), ui.state.picture.pixels->data.end()),
      1.5f)
      << "0-255 kept";
  // Undo goes back through the choices to the colour picture.
  ASSERT_TRUE(ui::undo(ui.state));
  ASSERT_TRUE(ui::undo(ui.state));
  EXPECT_EQ(ui.state.picture.pixels, colour);
  EXPECT_EQ(sliding_window(ui.state.session.spec).in_channels, 3);
  EXPECT_FALSE(ui.state.picture.grayscale);
}

TEST(ImageMode, AGridThePictureCannotHoldLeavesTheSessionWhole) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 4, 4), "tiny.png"));
  Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.height = spec.width = 9;  // more than the picture: clamped to 4
  spec.kernel_size = {7, 7};     // and then the kernel no longer fits
  spec.padding = {0, 0};
  ui::apply(ui.state, ui::SetSpec{layer_of(spec)});
  EXPECT_TRUE(check_session(ui.state.session).empty());
  ui.frame();
}

TEST(ImageMode, APresetLeavesThePicture) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 30, 30), "gray.png"));
  ASSERT_TRUE(ui::apply(ui.state, ui::ReplaceSession{*find_preset("stride-2")}));
  EXPECT_FALSE(ui.state.picture.open());
  ui.frame();
  EXPECT_EQ(ui.state.item_rects.count("panel.picture"), 0u);
}

TEST(ImageMode, ABrokenPictureChangesNothing) {
  UiHarness ui(*find_preset("textbook"));
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 30, 30), "gray.png"));
  const Session before = ui.state.session;
  const auto pixels = ui.state.picture.pixels;
  EXPECT_FALSE(ui::open_picture_file(ui.state, "/nonexistent.png"));
  EXPECT_EQ(ui.state.session, before);
  EXPECT_EQ(ui.state.picture.pixels, pixels);
  EXPECT_TRUE(ui.state.status.error);
  ui::close_picture(ui.state);
  ui.frame();
  EXPECT_FALSE(ui.state.picture.open());
  EXPECT_EQ(ui.state.item_rects.count("panel.picture"), 0u);
}

// Issue 12: a map pixel the region does not reach moves the region there.
TEST(ImageMode, ClickingAMapPixelOutsideTheRegionMovesTheRegionThereAsOneUndoStep) {
  UiHarness ui(*find_preset("textbook"));  // 3×3, padding 1: the map is 64×64 too
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 64, 64), "gray.png"));
  wait_for_maps(ui);
  ui.frame();  // the region fitted to the canvas
  const ui::PicturePlacement before = ui.state.picture.placement;
  const int64_t side = sliding_window(ui.state.session.spec).height;
  ASSERT_EQ(before,
            (ui::PicturePlacement{ui::GridSource::Region, (64 - side) / 2, (64 - side) / 2}));
  const ui::Rect map = ui.rect("picture.map.0");
  const float px = (map.x1 - map.x0) / 64.0f;
  ui.click(map.x0 + 5.5f * px, map.y0 + 50.5f * px);  // map pixel (50, 5)
  const ui::PicturePlacement after = ui.state.picture.placement;
  // The region centred on the pixel (its window's middle is pixel (50, 5)).
  EXPECT_EQ(after, (ui::PicturePlacement{ui::GridSource::Region, 50 - side / 2, 5 - side / 2}));
  EXPECT_EQ(ui::step_on_map(ui.state), (ui::PixelBox{50, 5, 51, 6})) << "and stepped there";
  EXPECT_EQ(ui::status_text(ui.state), "Grid moved to the clicked pixel (Ctrl+Z puts it back)");
  ui.key(keys::kZ, true);
  EXPECT_EQ(ui.state.picture.placement, before);
}

// A picture opens on a kernel the kernel choice can name, with no bias.
TEST(ImageMode, APictureOpensOnSobelXWithNoBiasInPlaceOfTheExamplesKernel) {
  UiHarness ui(*find_preset("textbook"));  // the X kernel, bias 1
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(3, 60, 40), "photo.png"));
  const ui::FillSource* named = ui::intact_named_kernel(ui.state);
  ASSERT_NE(named, nullptr) << "not '(edited)'";
  EXPECT_EQ(named->fill, Fill::SobelX);
  const Tensor& w = ui.state.session.weight;
  EXPECT_FLOAT_EQ(w.at(0, 0, 1, 2), 2.0f * 0.2989f);  // Sobel x on the brightness
  EXPECT_FLOAT_EQ(w.at(0, 1, 1, 0), -2.0f * 0.587f);
  EXPECT_FLOAT_EQ(w.at(0, 2, 0, 1), 0.0f);
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{0.0f}));
  EXPECT_NE(ui::status_text(ui.state).find("Sobel x: bias set to 0"), std::string::npos)
      << ui::status_text(ui.state);
  ui.key(keys::kZ, true);  // one step back to the example as it was
  EXPECT_EQ(ui.state.session, *find_preset("textbook"));
}

TEST(ImageMode, AKernelTheStudentMadeIsKeptWhenAPictureOpens) {
  UiHarness ui(*find_preset("textbook"));
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Weight, 0, 7.0f});
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 40, 40), "gray.png"));
  EXPECT_EQ(ui.state.session.weight.data[0], 7.0f);
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{1.0f}));
  EXPECT_EQ(ui::intact_named_kernel(ui.state), nullptr);
}

TEST(ImageMode, ALibraryKernelChosenForAPictureSetsItsBiasToZero) {
  UiHarness ui(*find_preset("textbook"));
  ui::apply(ui.state, ui::SetValue{ui::TensorRole::Weight, 0, 7.0f});  // kept on opening
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(1, 40, 40), "gray.png"));
  ASSERT_TRUE(ui::apply_library_kernel(ui.state, Fill::SobelX));  // as --kernel sobel-x does
  EXPECT_EQ(ui.state.session.bias.data, (std::vector<float>{0.0f}));
  EXPECT_EQ(ui::status_text(ui.state), "Sobel x: bias set to 0");
}

// The window sleeps between events: a finished map must wake it.
TEST(ImageMode, FinishedMapsWakeTheWindow) {
  UiHarness ui(*find_preset("textbook"));
  std::promise<void> woken;
  std::once_flag once;
  ui.state.wake_window = [&] { std::call_once(once, [&] { woken.set_value(); }); };
  ASSERT_TRUE(ui::open_picture(ui.state, test_picture(3, 300, 300), "photo.png"));
  ui.frame();
  ASSERT_EQ(woken.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
  ui.frame();
  expect_maps_match(ui.state);
  ui.state.picture.worker.reset();  // before `woken` goes
}

}  // namespace
}  // namespace convviz
