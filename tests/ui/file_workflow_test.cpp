// Saving, opening, unsaved changes and what the window remembers, driven
// through the real dialogs and shortcuts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/io/session_json.h"
#include "core/lesson/presets.h"
#include "ui/file_actions.h"
#include "ui/keys.h"
#include "ui/settings.h"
#include "ui/strings.h"
#include "ui_harness.h"

namespace convviz {
namespace {

namespace fs = std::filesystem;
using testing::UiHarness;
namespace keys = ui::keys;

class FileWorkflow : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("convviz_ui_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    setenv("CONVVIZ_CONFIG_DIR", (dir_ / "config").c_str(), 1);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(FileWorkflow, CtrlSAsksForAPathThenSavesAndCtrlOOpensIt) {
  UiHarness ui(*find_preset("stride-2"));
  ui.key(keys::kRight);
  ui.key(keys::kS, true);
  ASSERT_TRUE(ui.state.file_dialog_open);
  ui.frame(2);
  ui.click_item("dialog.path");
  ui.replace_text(path("lesson.json"));
  EXPECT_FALSE(ui.state.file_dialog_open);
  EXPECT_TRUE(fs::exists(path("lesson.json")));
  EXPECT_FALSE(ui.state.dirty);
  EXPECT_EQ(ui.state.session_path, path("lesson.json"));

  UiHarness other(*find_preset("textbook"));
  other.key(keys::kO, true);
  ASSERT_TRUE(other.state.file_dialog_open);
  other.frame(2);
  other.click_item("dialog.path");
  other.replace_text(path("lesson.json"));
  EXPECT_EQ(sliding_window(other.state.session.spec).stride, (Pair{2, 2}));
  EXPECT_EQ(other.state.session.step, 1);
  other.key(keys::kZ, true);
  EXPECT_EQ(sliding_window(other.state.session.spec).stride, (Pair{1, 1})) << "opening is undoable";
}

TEST_F(FileWorkflow, ABrokenFileIsReportedInTheDialogAndChangesNothing) {
  ASSERT_FALSE(write_file_atomically(path("broken.json"), "{\"convviz_session\": 1, \"inp"));
  UiHarness ui(*find_preset("textbook"));
  const Session before = ui.state.session;
  ui.key(keys::kO, true);
  ui.frame(2);
  ui.click_item("dialog.path");
  ui.replace_text(path("broken.json"));
  EXPECT_TRUE(ui.state.file_dialog_open) << "the dialog stays open to try again";
  EXPECT_NE(ui.state.file_dialog_error.find("is not valid JSON"), std::string::npos)
      << ui.state.file_dialog_error;
  EXPECT_EQ(ui.state.session, before);
}

// Dropping a file on the window calls open_session_file; a number beyond
// double once escaped as an exception there and closed the window.
TEST_F(FileWorkflow, ADroppedSessionWithAHugeNumberKeepsTheUnsavedEdits) {
  std::string text = session_to_json(*find_preset("textbook")).dump();
  text.replace(text.find("\"step\":0"), 8, "\"step\":1e400");
  ASSERT_FALSE(write_file_atomically(path("huge.json"), text));
  UiHarness ui(*find_preset("textbook"));
  ui.type_into("param.stride.h", "2");
  const Session edited = ui.state.session;
  ASSERT_TRUE(ui.state.dirty);
  EXPECT_FALSE(ui::open_session_file(ui.state, path("huge.json")));
  EXPECT_NE(ui::status_text(ui.state).find("holds a number too large for a 64-bit float"),
            std::string::npos)
      << ui::status_text(ui.state);
  EXPECT_TRUE(ui.state.status.error);
  EXPECT_EQ(ui.state.session, edited);
  EXPECT_TRUE(ui.state.dirty) << "the edits are still unsaved, and still there";
}

TEST_F(FileWorkflow, SavingIntoAMissingFolderSaysSoAndKeepsTheDialog) {
  UiHarness ui(*find_preset("textbook"));
  ui.key(keys::kS, true);
  ui.frame(2);
  ui.click_item("dialog.path");
  ui.replace_text(path("no/such/folder/x.json"));
  EXPECT_TRUE(ui.state.file_dialog_open);
  EXPECT_NE(ui.state.file_dialog_error.find("cannot write"), std::string::npos);
}

TEST_F(FileWorkflow, QuittingWithUnsavedChangesAsksFirst) {
  UiHarness ui(*find_preset("textbook"));
  ui::request_quit(ui.state);
  EXPECT_TRUE(ui.state.quit_requested) << "nothing to lose: quit at once";

  UiHarness edited(*find_preset("textbook"));
  edited.type_into("param.stride.h", "2");
  ASSERT_TRUE(edited.state.dirty);
  ui::request_quit(edited.state);
  edited.frame(2);
  EXPECT_FALSE(edited.state.quit_requested);
  edited.click_item("unsaved.cancel");
  EXPECT_FALSE(edited.state.quit_requested);
  ui::request_quit(edited.state);
  edited.frame(2);
  edited.click_item("unsaved.discard");
  EXPECT_TRUE(edited.state.quit_requested);
}

TEST_F(FileWorkflow, SaveBeforeQuitAsksForAPathThenQuits) {
  UiHarness ui(*find_preset("textbook"));
  ui.type_into("param.stride.h", "2");
  ui::request_quit(ui.state);
  ui.frame(2);
  ui.click_item("unsaved.save");
  ui.frame(2);
  ASSERT_TRUE(ui.state.file_dialog_open);
  ui.click_item("dialog.path");
  ui.replace_text(path("before-quit.json"));
  EXPECT_TRUE(fs::exists(path("before-quit.json")));
  EXPECT_TRUE(ui.state.quit_requested);
}

TEST_F(FileWorkflow, SaveBeforeOpeningGoesOnToTheOpenDialog) {
  UiHarness ui(*find_preset("textbook"));
  ui.type_into("param.stride.h", "2");
  ui.key(keys::kO, true);
  ui.frame(2);
  ui.click_item("unsaved.save");
  ui.frame(2);
  ASSERT_TRUE(ui.state.file_dialog_saving);
  ui.click_item("dialog.path");
  ui.replace_text(path("first.json"));
  EXPECT_TRUE(fs::exists(path("first.json")));
  ui.frame(2);
  EXPECT_TRUE(ui.state.file_dialog_open);
  EXPECT_FALSE(ui.state.file_dialog_saving) << "now the Open dialog";
}

TEST_F(FileWorkflow, ViewOptionsAndTheLastSessionAreRemembered) {
  ui::ViewOptions view;
  view.language = ui::Language::Zh;
  view.theme = ui::Theme::Light;
  view.text_scale = 2.0f;
  view.steps_per_second = 5.0f;
  ASSERT_FALSE(ui::save_view_options(view));
  std::optional<ui::SetAside> note;
  const ui::ViewOptions back = ui::load_view_options(note);
  EXPECT_EQ(back.language, ui::Language::Zh);
  EXPECT_EQ(back.theme, ui::Theme::Light);
  EXPECT_EQ(back.text_scale, 2.0f);
  EXPECT_EQ(back.steps_per_second, 5.0f);

  EXPECT_EQ(ui::load_last_session(note), std::nullopt) << "nothing saved yet";
  const Session s = *find_preset("depthwise");
  ASSERT_FALSE(ui::save_last_session(s));
  EXPECT_EQ(ui::load_last_session(note), s);
  EXPECT_EQ(note, std::nullopt) << "missing and valid files are not set aside";
}

TEST_F(FileWorkflow, OutOfRangeSettingsFallBackToDefaults) {
  fs::create_directories(dir_ / "config");
  ASSERT_FALSE(write_file_atomically(path("config/settings.json"), "{\"text_scale\": 99}"));
  std::optional<ui::SetAside> note;
  EXPECT_EQ(ui::load_view_options(note).text_scale, 3.0f);
  EXPECT_EQ(note, std::nullopt) << "a readable file is kept";
}

// Each of these once stopped the window from starting, or would read a
// device whole: the file is set aside as *.bad and the defaults are used.
const std::pair<const char*, std::string> kCorruptFiles[] = {
    {"unclosed", "{\"text_scale\": \"huge\""},
    {"number beyond double", "{\"text_scale\": 1e400}"},
    {"bytes after a NUL", std::string("{}\0garbage", 10)},
    {"binary", std::string("\x00\x01\x02\x03", 4)},
    {"an array", "[1, 2]"},
};

TEST_F(FileWorkflow, ACorruptSettingsFileIsSetAsideAndDefaultsAreUsed) {
  fs::create_directories(dir_ / "config");
  for (const auto& [what, bytes] : kCorruptFiles) {
    ASSERT_FALSE(write_file_atomically(path("config/settings.json"), bytes));
    std::optional<ui::SetAside> note;
    EXPECT_EQ(ui::load_view_options(note), ui::ViewOptions{}) << what;
    ASSERT_TRUE(note) << what;
    EXPECT_EQ(note->file, "settings.json");
    EXPECT_EQ(note->moved_to, "settings.json.bad");
    EXPECT_FALSE(note->reason.empty()) << what;
    EXPECT_FALSE(fs::exists(path("config/settings.json"))) << what;
    EXPECT_EQ(*read_file(path("config/settings.json.bad"), 1 << 20), bytes) << what;
  }
}

TEST_F(FileWorkflow, ACorruptLastSessionIsSetAsideAndTheWindowStartsFresh) {
  fs::create_directories(dir_ / "config");
  std::string session = session_to_json(*find_preset("textbook")).dump();
  session.replace(session.find("\"step\":0"), 8, "\"step\":1e400");
  for (const std::string& bytes : {session, std::string("{\"convviz_session\": 1, \"input\": 3")}) {
    ASSERT_FALSE(write_file_atomically(path("config/last_session.json"), bytes));
    std::optional<ui::SetAside> note;
    EXPECT_EQ(ui::load_last_session(note), std::nullopt);
    ASSERT_TRUE(note);
    EXPECT_EQ(note->moved_to, "last_session.json.bad");
    EXPECT_TRUE(fs::exists(path("config/last_session.json.bad")));
    EXPECT_NE(ui::set_aside_text(ui::Language::En, *note).find("last_session.json.bad"),
              std::string::npos);
  }
}

// Typed numbers go through ImGui's own parsing: one too large for 64 bits
// is held at the largest value, which validate() then explains.
TEST_F(FileWorkflow, ANumberTooLargeToTypeIsExplainedAndTheLayerStays) {
  testing::UiHarness ui(*find_preset("textbook"));
  for (const char* field : {"param.stride.h", "param.in_channels", "param.kernel"}) {
    ui.type_into(field, "99999999999999999999999");
    ASSERT_FALSE(ui.state.draft_errors.empty()) << field;
    EXPECT_NE(ui.state.draft_errors[0].message.find("is larger than ConvViz supports"),
              std::string::npos)
        << ui.state.draft_errors[0].message;
    EXPECT_EQ(ui.state.session.spec, find_preset("textbook")->spec) << field;
    ui.key(keys::kZ, true);
  }
  ui.frame(3);
  EXPECT_EQ(ui.state.output.shape, (std::vector<int64_t>{1, 1, 5, 5}));
}

}  // namespace
}  // namespace convviz