// Mutation fuzzing of the readers users feed files to: whatever the bytes,
// the answer is a consistent value or an error with a message, never a crash
// (CI runs this under ASan and UBSan).
#include <gtest/gtest.h>

#include <random>

#include "core/io/npy.h"
#include "core/io/session_json.h"
#include "core/io/spec_json.h"
#include "core/lesson/presets.h"
#include "core/lesson/session.h"

namespace convviz {
namespace {

std::string mutate(std::string bytes, std::mt19937& rng) {
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int e = 0; e < edits && !bytes.empty(); ++e) {
    const size_t at = std::uniform_int_distribution<size_t>(0, bytes.size() - 1)(rng);
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
      case 0:
        bytes[at] = static_cast<char>(byte(rng));
        break;
      case 1:
        bytes.erase(at, std::uniform_int_distribution<size_t>(1, 8)(rng));
        break;
      default:
        bytes.insert(at, 1, static_cast<char>(byte(rng)));
    }
  }
  return bytes;
}

TEST(ParserRobustness, MutatedNpyFilesParseConsistentlyOrFailWithAMessage) {
  std::mt19937 rng(1);
  const std::string seeds[] = {encode_npy(find_preset("textbook")->input),
                               encode_npy(make_tensor({3}, 2.0f)),
                               encode_npy(make_tensor({2, 1, 3}, -1.0f))};
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string bytes = mutate(seeds[i % 3], rng);
    Result<Tensor> t = parse_npy(bytes, "f");
    if (t) {
      ++parsed;
      ASSERT_EQ(static_cast<int64_t>(t->data.size()), element_count(t->shape));
    } else {
      ASSERT_FALSE(t.error().message.empty());
    }
  }
  EXPECT_GT(parsed, 0) << "some mutations only touch data bytes and must still parse";
}

TEST(ParserRobustness, MutatedSessionsLoadConsistentlyOrFailWithAMessage) {
  std::mt19937 rng(2);
  const std::string seed = session_to_json(*find_preset("depthwise")).dump();
  for (int i = 0; i < 3000; ++i) {
    Result<nlohmann::json> doc = parse_json_text(mutate(seed, rng), "s");
    if (!doc) {
      ASSERT_FALSE(doc.error().message.empty());
      continue;
    }
    Result<Session> s = session_from_json(*doc);
    if (s) {
      ASSERT_TRUE(check_session(*s).empty());
    } else {
      ASSERT_FALSE(s.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace convviz
