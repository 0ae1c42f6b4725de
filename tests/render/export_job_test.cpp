#include "render/export_job.h"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <algorithm>
#include <filesystem>

namespace convviz::render {
namespace {

namespace fs = std::filesystem;

Image solid(int64_t step) {
  return Image{8, 6, std::vector<uint8_t>(8 * 6 * 4, uint8_t(step * 40 % 256))};
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("convviz_export_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string name(int64_t step) { return "step" + std::to_string(step) + ".png"; }

size_t entries(const fs::path& dir) {
  return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(ExportJob, PngsAppearOnlyWhenEveryStepIsRendered) {
  const fs::path dir = fresh_dir("pngs");
  Result<ExportJob> job = start_png_sequence(dir.string(), 2, 5, name);
  ASSERT_TRUE(job) << job.error().message;
  std::vector<double> seen;
  int calls = 0;
  while (advance(*job, [&](int64_t step) {
    ++calls;
    return solid(step);
  })) {
    seen.push_back(progress(*job));
    EXPECT_FALSE(fs::exists(dir / "step2.png")) << "nothing final before the end";
  }
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(seen, (std::vector<double>{0.25, 0.5, 0.75}));
  EXPECT_TRUE(job->finished);
  EXPECT_FALSE(job->error);
  EXPECT_EQ(job->written.size(), 4u);
  EXPECT_EQ(entries(dir), 4u);
  EXPECT_TRUE(fs::exists(dir / "step5.png"));
  EXPECT_EQ(read_png((dir / "step3.png").string())->rgba, solid(3).rgba);
}

TEST(ExportJob, CancellingLeavesExistingFilesAndNoTemporaries) {
  const fs::path dir = fresh_dir("cancel");
  ASSERT_FALSE(write_file_atomically((dir / "step0.png").string(), "the old picture"));
  Result<ExportJob> job = start_png_sequence(dir.string(), 0, 9, name);
  ASSERT_TRUE(job);
  advance(*job, solid);
  advance(*job, solid);
  EXPECT_DOUBLE_EQ(progress(*job), 0.2);
  cancel(*job);
  EXPECT_FALSE(advance(*job, solid));
  EXPECT_TRUE(job->cancelled);
  EXPECT_EQ(entries(dir), 1u);
  EXPECT_EQ(*read_file((dir / "step0.png").string(), 100), "the old picture");
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ExportJob, CancellingRemovesTheFoldersTheJobMadeAndOnlyThose) {
  const fs::path dir = fresh_dir("cancel_made");
  ASSERT_FALSE(write_file_atomically((dir / "keep.txt").string(), "kept"));
  const int tracked = tracked_path_count();
  Result<ExportJob> job =
      start_png_sequence((dir / "new" / "nested" / "steps").string(), 0, 9, name);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->made_folders.paths.size(), 3u);
  advance(*job, solid);
  advance(*job, solid);
  EXPECT_EQ(entries(dir / "new" / "nested" / "steps"), 2u) << "two staged PNGs";
  cancel(*job);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"keep.txt"});
  EXPECT_EQ(tracked_path_count(), tracked) << "nothing left for an interrupt to remove";
}

TEST(ExportJob, CancellingLeavesAnExistingFolderExactlyAsItWas) {
  const fs::path dir = fresh_dir("cancel_existing");
  ASSERT_FALSE(write_file_atomically((dir / "keep.txt").string(), "kept"));
  ASSERT_FALSE(write_file_atomically((dir / "step0.png").string(), "the old picture"));
  Result<ExportJob> job = start_png_sequence(dir.string(), 0, 9, name);
  ASSERT_TRUE(job);
  EXPECT_TRUE(job->made_folders.paths.empty());
  advance(*job, solid);
  cancel(*job);
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"keep.txt", "step0.png"}));
  EXPECT_EQ(*read_file((dir / "step0.png").string(), 100), "the old picture");
  EXPECT_EQ(*read_file((dir / "keep.txt").string(), 100), "kept");
}

TEST(ExportJob, AFailedStepRemovesTheMadeFolder) {
  const fs::path dir = fresh_dir("fail_made");
  // The second name points into a folder that does not exist: staging fails.
  Result<ExportJob> job = start_png_sequence((dir / "made").string(), 0, 3, [](int64_t step) {
    return step == 0 ? std::string("ok.png") : std::string("missing/x.png");
  });
  ASSERT_TRUE(job);
  EXPECT_TRUE(advance(*job, solid));
  EXPECT_FALSE(advance(*job, solid));
  ASSERT_TRUE(job->error);
  EXPECT_TRUE(names_in(dir).empty());
}

TEST(ExportJob, AFinishedExportKeepsTheFolderItMade) {
  const fs::path dir = fresh_dir("finish_made");
  const int tracked = tracked_path_count();
  Result<ExportJob> job = start_png_sequence((dir / "a" / "b").string(), 0, 1, name);
  ASSERT_TRUE(job);
  while (advance(*job, solid)) {
  }
  ASSERT_FALSE(job->error) << job->error->message;
  cancel(*job);  // as quitting does after the end: changes nothing
  EXPECT_EQ(names_in(dir / "a" / "b"), (std::vector<std::string>{"step0.png", "step1.png"}));
  EXPECT_EQ(tracked_path_count(), tracked);
}

TEST(ExportJob, A250CharacterPngNameIsWritten) {
  const fs::path dir = fresh_dir("long_name");
  const std::string long_name = std::string(246, 's') + ".png";
  Result<ExportJob> job =
      start_png_sequence(dir.string(), 0, 0, [&](int64_t) { return long_name; });
  ASSERT_TRUE(job);
  advance(*job, solid);
  ASSERT_FALSE(job->error) << job->error->message;
  EXPECT_EQ(names_in(dir), std::vector<std::string>{long_name});
  EXPECT_EQ(read_png((dir / long_name).string())->rgba, solid(0).rgba);
}

TEST(ExportJob, AGifIsWrittenAtTheEndWithOneFramePerStep) {
  const fs::path dir = fresh_dir("gif");
  const std::string path = (dir / "anim.gif").string();
  Result<ExportJob> job = start_gif(path, 0, 6, 4.0, 8, 6);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->delay_centiseconds, 25);
  while (advance(*job, solid)) EXPECT_FALSE(fs::exists(path));
  ASSERT_FALSE(job->error) << job->error->message;
  const std::string bytes = *read_file(path, 1 << 20);
  int* delays = nullptr;
  int w = 0, h = 0, frames = 0, components = 0;
  stbi_uc* pixels =
      stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()),
                                &delays, &w, &h, &frames, &components, 4);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(frames, 7);
  EXPECT_EQ(delays[0], 250);  // stb reports milliseconds
  stbi_image_free(pixels);
  free(delays);
}

TEST(ExportJob, BadTargetsAndRangesAreRefusedUpFront) {
  EXPECT_FALSE(start_png_sequence("/proc/no/such/folder", 0, 3, name));
  EXPECT_FALSE(start_png_sequence(fresh_dir("range").string(), 3, 2, name));
  EXPECT_FALSE(start_gif("/nonexistent/a.gif", 0, 3, 4, 8, 6));
  EXPECT_FALSE(start_gif(fresh_dir("fps").string() + "/a.gif", 0, 3, 0, 8, 6));
  Result<ExportJob> huge =
      start_gif(fresh_dir("huge").string() + "/a.gif", 0, 100000, 4, 1280, 720);
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("--from/--to"), std::string::npos);
}

TEST(ExportJob, AFailedGifWriteLeavesTheOldFile) {
  const fs::path dir = fresh_dir("gif_fail");
  const std::string path = (dir / "anim.gif").string();
  ASSERT_FALSE(write_file_atomically(path, "old"));
  Result<ExportJob> job = start_gif(path, 0, 1, 4, 8, 6);
  ASSERT_TRUE(job);
  advance(*job, solid);
  fs::remove_all(dir);  // the folder disappears before the end
  advance(*job, solid);
  ASSERT_TRUE(job->error);
  EXPECT_NE(job->error->message.find("anim.gif"), std::string::npos);
}

}  // namespace
}  // namespace convviz::render
