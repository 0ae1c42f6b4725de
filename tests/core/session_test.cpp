#include "core/lesson/session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/io/atomic_file.h"
#include "core/io/session_json.h"
#include "core/lesson/presets.h"
#include "core/model/step_trace.h"

namespace convviz {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string error_of(const json& doc) {
  Result<Session> s = session_from_json(doc);
  return s ? "" : s.error().message;
}

TEST(Presets, EveryPresetIsAConsistentSession) {
  ASSERT_GE(presets().size(), 2u);
  for (const Preset& p : presets()) {
    EXPECT_TRUE(check_session(p.session).empty())
        << p.name << ": " << join_messages(check_session(p.session));
  }
}

TEST(Presets, TorchOnesKeepsTheFiveByFiveShape) {
  const Session s = *find_preset("torch-ones");
  EXPECT_EQ(input_shape(s.spec), (Shape4{1, 1, 5, 5}));
  EXPECT_EQ(output_shape(s.spec), (Shape4{1, 1, 5, 5}));
}

TEST(Presets, UnknownNameFindsNothing) { EXPECT_EQ(find_preset("nope"), std::nullopt); }

TEST(SessionJson, EveryPresetRoundTrips) {
  for (const Preset& p : presets()) {
    Session s = p.session;
    s.step = step_count(s.spec) - 1;
    Result<Session> back = session_from_json(json::parse(session_to_json(s).dump()));
    ASSERT_TRUE(back) << p.name << ": " << back.error().message;
    EXPECT_EQ(*back, s) << p.name;
  }
}

TEST(SessionJson, NanAndInfinityRoundTrip) {
  Session s = *find_preset("textbook");
  s.input.data[0] = std::numeric_limits<float>::quiet_NaN();
  s.input.data[1] = std::numeric_limits<float>::infinity();
  s.weight.data[0] = -std::numeric_limits<float>::infinity();
  Result<Session> back = session_from_json(json::parse(session_to_json(s).dump()));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(std::isnan(back->input.data[0]));
  EXPECT_EQ(back->input.data[1], s.input.data[1]);
  EXPECT_EQ(back->weight.data[0], s.weight.data[0]);
}

TEST(SessionJson, ErrorsNameTheKey) {
  const json good = session_to_json(*find_preset("textbook"));
  auto with = [&](const char* key, json value) {
    json doc = good;
    doc[key] = value;
    return error_of(doc);
  };
  EXPECT_EQ(error_of(json::object()),
            "this is not a ConvViz session (the key \"convviz_session\" is missing)");
  EXPECT_EQ(with("convviz_session", 9), "session format 9 is not supported (expected 1)");
  EXPECT_EQ(with("extra", 1), "unknown session key \"extra\"");
  EXPECT_EQ(with("step", 25), "step 25 is outside 0..24");
  EXPECT_EQ(with("step", "3"), "session key \"step\" must be a whole number");
  EXPECT_EQ(with("weight", json{{"shape", {1, 1, 3, 3}}, {"data", {1, 2}}}),
            "session key \"weight\" has 2 values but its shape [1, 1, 3, 3] needs 9");
  EXPECT_EQ(with("input", json{{"shape", {1, 1, 1, 2}}, {"data", {1, "x"}}}),
            "session key \"input\" holds a value that is not a number: \"x\"");
  EXPECT_EQ(with("bias", nullptr),
            "session key \"bias\" must be an object with \"shape\" and \"data\" arrays");
  json bad_config = good;
  bad_config["config"]["groups"] = 2;
  EXPECT_EQ(error_of(bad_config),
            "groups (2) must divide in_channels (1); groups (2) must divide out_channels (1)");
  json huge = good;
  huge["input"]["shape"] = {1048576, 1048576, 1048576, 1048576};
  EXPECT_NE(error_of(huge).find("has 25 values but its shape"), std::string::npos);
  json five_d = good;
  five_d["input"]["shape"] = {1, 1, 1, 5, 5};
  EXPECT_EQ(error_of(five_d),
            "session key \"input\" has 5 dimensions [1, 1, 1, 5, 5]; a tensor here has at most 4");
}

TEST(SessionFile, SaveThenLoadAndBadFilesKeepTheOldOne) {
  const fs::path dir = fs::temp_directory_path() / "convviz_session_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "lesson.json").string();
  const Session s = *find_preset("depthwise");
  ASSERT_FALSE(save_session(path, s));
  Result<Session> loaded = load_session(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, s);

  const std::string broken = (dir / "broken.json").string();
  ASSERT_FALSE(write_file_atomically(broken, "{\"convviz_session\": 1,"));
  Result<Session> failed = load_session(broken);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message.rfind("'" + broken + "' is not valid JSON", 0), 0u);

  EXPECT_TRUE(save_session((dir / "no" / "such" / "dir.json").string(), s));
  EXPECT_EQ(*load_session(path), s);
}

}  // namespace
}  // namespace convviz
