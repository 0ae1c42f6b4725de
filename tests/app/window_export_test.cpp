// The window's export path (dialog request -> offscreen renderer -> job,
// one step per frame, progress, cancel) with a real OpenGL context; ctest
// runs this under xvfb-run.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/gl_context.h"
#include "app/window_export.h"
#include "core/io/atomic_file.h"
#include "core/lesson/presets.h"
#include "render/png.h"
#include "ui/strings.h"

namespace convviz {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("convviz_window_export_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs `body` with an OpenGL context, failing the test when none opens.
void with_gl(const std::function<void()>& body) {
  const Status failed = with_offscreen_gl([&]() -> Status {
    body();
    return std::nullopt;
  });
  ASSERT_FALSE(failed) << failed->message;
}

TEST(WindowExport, AStepImageAtTwiceTheSize) {
  const fs::path dir = fresh_dir("step");
  with_gl([&] {
    ui::AppState state = ui::make_app_state(*find_preset("textbook"));
    state.export_request =
        ui::ExportRequest{ui::ExportTarget::StepImage, (dir / "step.png").string(), 2};
    WindowExport exporting;
    start_export(exporting, state);
    EXPECT_FALSE(exporting.job) << "a single picture needs no job";
    EXPECT_FALSE(state.status.error) << ui::status_text(state);
    Result<render::Image> image = render::read_png((dir / "step.png").string());
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->width, 2560);
    EXPECT_EQ(image->height, 1440);
  });
}

TEST(WindowExport, AllStepsOneFramePerCallThenTheFiles) {
  const fs::path dir = fresh_dir("all");
  with_gl([&] {
    ui::AppState state = ui::make_app_state(*find_preset("stride-2"));
    ui::ExportRequest r{ui::ExportTarget::AllSteps, (dir / "steps").string()};
    r.from = 0;
    r.to = 8;
    state.export_request = r;
    WindowExport exporting;
    start_export(exporting, state);
    ASSERT_TRUE(state.export_progress.running);
    EXPECT_EQ(state.export_progress.total, 9);
    int frames = 0;
    while (exporting.job) {
      continue_export(exporting, state);
      ++frames;
      if (exporting.job) {
        EXPECT_EQ(state.export_progress.done, frames);
      }
    }
    EXPECT_EQ(frames, 9);
    EXPECT_FALSE(state.export_progress.running);
    EXPECT_TRUE(fs::exists(dir / "steps" / "conv_k3_s2_p1_step009.png"));
  });
}

TEST(WindowExport, CancelLeavesTheOldAnimationAndNoTemporaries) {
  const fs::path dir = fresh_dir("cancel");
  const std::string gif = (dir / "anim.gif").string();
  ASSERT_FALSE(write_file_atomically(gif, "old animation"));
  with_gl([&] {
    ui::AppState state = ui::make_app_state(*find_preset("textbook"));
    ui::ExportRequest r{ui::ExportTarget::Animation, gif};
    r.to = 24;
    state.export_request = r;
    WindowExport exporting;
    start_export(exporting, state);
    continue_export(exporting, state);
    continue_export(exporting, state);
    state.export_progress.cancel_requested = true;
    continue_export(exporting, state);
    EXPECT_FALSE(exporting.job);
    EXPECT_FALSE(state.export_progress.running);
  });
  EXPECT_EQ(*read_file(gif, 100), "old animation");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

ui::AppState textbook_exporting_all_steps_into(const fs::path& folder) {
  ui::AppState state = ui::make_app_state(*find_preset("textbook"));
  ui::ExportRequest r{ui::ExportTarget::AllSteps, folder.string()};
  r.to = 24;
  state.export_request = r;
  return state;
}

// Quitting the window mid-export (and a signal, which quits the same way).
TEST(WindowExport, QuittingMidExportRemovesTheFolderItMadeAndTheStagedPictures) {
  const fs::path dir = fresh_dir("quit");
  ASSERT_FALSE(write_file_atomically((dir / "keep.txt").string(), "kept"));
  with_gl([&] {
    ui::AppState state = textbook_exporting_all_steps_into(dir / "a/b");
    WindowExport exporting;
    start_export(exporting, state);
    continue_export(exporting, state);
    continue_export(exporting, state);
    ASSERT_TRUE(exporting.job);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir / "a/b"), fs::directory_iterator()), 2);
    abandon_export(exporting);
    EXPECT_FALSE(exporting.job);
  });
  EXPECT_FALSE(fs::exists(dir / "a"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(WindowExport, CancelRemovesTheFolderItMade) {
  const fs::path dir = fresh_dir("cancel_made");
  with_gl([&] {
    ui::AppState state = textbook_exporting_all_steps_into(dir / "new");
    WindowExport exporting;
    start_export(exporting, state);
    continue_export(exporting, state);
    state.export_progress.cancel_requested = true;
    continue_export(exporting, state);
    EXPECT_FALSE(exporting.job);
  });
  EXPECT_FALSE(fs::exists(dir / "new"));
}

TEST(WindowExport, AnUnwritablePathIsReportedNotCrashed) {
  with_gl([&] {
    ui::AppState state = ui::make_app_state(*find_preset("textbook"));
    state.export_request = ui::ExportRequest{ui::ExportTarget::Animation, "/nonexistent/a.gif"};
    WindowExport exporting;
    start_export(exporting, state);
    EXPECT_FALSE(exporting.job);
    EXPECT_TRUE(state.status.error);
    EXPECT_NE(ui::status_text(state).find("/nonexistent/a.gif"), std::string::npos)
        << ui::status_text(state);
  });
}

}  // namespace
}  // namespace convviz
