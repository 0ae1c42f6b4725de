#include "render/export_job.h"

#include <gtest/gtest.h>
#include <stb_image.h>

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
