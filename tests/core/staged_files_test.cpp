// Staged files: their short hidden names (any legal target name can be
// written) and the table an interrupt walks to remove them and the folders
// made for them.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/io/interrupt_cleanup.h"

namespace convviz {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("convviz_staged_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(StagedFiles, A250CharacterNameIsWritten) {
  const fs::path dir = fresh_dir("long_name");
  const std::string name = std::string(246, 'n') + ".npy";
  ASSERT_EQ(name.size(), 250u);
  const Status failed = write_file_atomically((dir / name).string(), "bytes");
  ASSERT_FALSE(failed) << failed->message;
  EXPECT_EQ(*read_file((dir / name).string(), 100), "bytes");
  EXPECT_EQ(names_in(dir), std::vector<std::string>{name}) << "no staged file left";
}

TEST(StagedFiles, StagedUnderAShortHiddenNameBesideTheTargetAndTrackedUntilCommitted) {
  const fs::path dir = fresh_dir("hidden");
  const int tracked = tracked_path_count();
  Result<StagedFile> staged = stage_file((dir / "out.npy").string(), "new");
  ASSERT_TRUE(staged) << staged.error().message;
  const fs::path temp = staged->temp_path;
  EXPECT_EQ(temp.parent_path(), dir);
  EXPECT_EQ(temp.filename().string().rfind(".convviz-", 0), 0u) << temp;
  EXPECT_EQ(temp.filename().string().size(), 19u) << temp;
  EXPECT_EQ(tracked_path_count(), tracked + 1);
  ASSERT_FALSE(commit_staged(*staged));
  EXPECT_EQ(tracked_path_count(), tracked);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out.npy"});
}

TEST(StagedFiles, DiscardingUntracks) {
  const fs::path dir = fresh_dir("discard");
  const int tracked = tracked_path_count();
  Result<StagedFile> staged = stage_file((dir / "out.npy").string(), "new");
  ASSERT_TRUE(staged);
  discard_staged(*staged);
  EXPECT_EQ(tracked_path_count(), tracked);
  EXPECT_TRUE(names_in(dir).empty());
}

TEST(InterruptCleanup, RemovesStagedFilesAndTheEmptyFoldersMadeForThemOnly) {
  const fs::path dir = fresh_dir("interrupt");
  ASSERT_FALSE(write_file_atomically((dir / "keep.txt").string(), "kept"));
  Result<MadeFolders> made = make_folders((dir / "a" / "b" / "c/").string());
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->paths.size(), 3u) << "a, a/b and a/b/c were made";
  Result<StagedFile> staged = stage_file((dir / "a" / "b" / "c" / "x.png").string(), "x");
  ASSERT_TRUE(staged);
  ASSERT_TRUE(fs::exists(staged->temp_path));

  remove_tracked_paths();
  EXPECT_FALSE(fs::exists(staged->temp_path));
  EXPECT_FALSE(fs::exists(dir / "a"));
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"keep.txt"});
  untrack_path(staged->tracked_slot);
  keep_made_folders(*made);
}

TEST(InterruptCleanup, AMadeFolderHoldingAnotherFileStays) {
  const fs::path dir = fresh_dir("not_empty");
  Result<MadeFolders> made = make_folders((dir / "a" / "b").string());
  ASSERT_TRUE(made);
  ASSERT_FALSE(write_file_atomically((dir / "a" / "someone_elses.txt").string(), "x"));
  remove_tracked_paths();
  EXPECT_FALSE(fs::exists(dir / "a" / "b"));
  EXPECT_TRUE(fs::exists(dir / "a" / "someone_elses.txt"));
  keep_made_folders(*made);
}

TEST(MadeFolders, AnExistingFolderIsNotMadeSoNeverRemoved) {
  const fs::path dir = fresh_dir("existing");
  const int tracked = tracked_path_count();
  Result<MadeFolders> made = make_folders(dir.string());
  ASSERT_TRUE(made);
  EXPECT_TRUE(made->paths.empty());
  EXPECT_EQ(tracked_path_count(), tracked);
  remove_made_folders(*made);
  EXPECT_TRUE(fs::is_directory(dir));
}

TEST(MadeFolders, RemovedDeepestFirstAndUntracked) {
  const fs::path dir = fresh_dir("made");
  const int tracked = tracked_path_count();
  Result<MadeFolders> made = make_folders((dir / "x" / "y").string());
  ASSERT_TRUE(made);
  EXPECT_EQ(made->paths, (std::vector<std::string>{(dir / "x").string(), (dir / "x/y").string()}));
  EXPECT_EQ(tracked_path_count(), tracked + 2);
  remove_made_folders(*made);
  EXPECT_FALSE(fs::exists(dir / "x"));
  EXPECT_EQ(tracked_path_count(), tracked);
}

TEST(MadeFolders, AFileInTheWayIsAnErrorAndNothingIsLeft) {
  const fs::path dir = fresh_dir("blocked");
  ASSERT_FALSE(write_file_atomically((dir / "file").string(), "x"));
  const int tracked = tracked_path_count();
  Result<MadeFolders> made = make_folders((dir / "file" / "sub").string());
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().message.find("file/sub"), std::string::npos) << made.error().message;
  EXPECT_EQ(tracked_path_count(), tracked);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"file"});
}

}  // namespace
}  // namespace convviz
